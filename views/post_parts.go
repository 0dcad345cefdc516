package views

import (
	"context"
	"io"
	"strings"

	"hyperboard/models"
)

// PostParts are the parts of a post's HTML that every member other than
// its author is shown alike, given the clock they read times by: the
// author panel and the content. The app keeps them beside the posts, so a
// member's topic page renders only the member's own controls for each
// post. Only RenderPostParts fills them, so what they insert again is
// what this package's templates rendered.
type PostParts struct{ panel, content renderedHTML }

// renderedHTML is the output of one of this package's templates, kept to
// be written again as it was.
type renderedHTML string

func (h renderedHTML) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, string(h))
	return err
}

// RenderPostParts renders the parts of p as members other than its author
// see them.
func RenderPostParts(ctx context.Context, clock Clock, t *models.Topic, p *models.Post) (PostParts, error) {
	var panel, content strings.Builder
	if err := authorPanel(clock, p, true).Render(ctx, &panel); err != nil {
		return PostParts{}, err
	}
	if err := postContent(clock, t, p).Render(ctx, &content); err != nil {
		return PostParts{}, err
	}
	return PostParts{panel: renderedHTML(panel.String()), content: renderedHTML(content.String())}, nil
}

// Size is about the bytes the parts hold.
func (p PostParts) Size() int { return len(p.panel) + len(p.content) }

// keptParts are the kept parts of the i-th post if they suit the viewer:
// a member other than its author.
func (v TopicView) keptParts(c Chrome, i int) *PostParts {
	if i >= len(v.Parts) || !offersMessage(c, v.Posts[i].AuthorID) {
		return nil
	}
	return &v.Parts[i]
}

// offersMessage says whether the viewer is offered to message a member:
// they are logged in and someone else.
func offersMessage(c Chrome, userID int64) bool {
	return c.Viewer != nil && c.Viewer.ID != userID
}
