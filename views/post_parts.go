package views

import (
	"context"
	"strings"

	"hyperboard/models"
)

// PostParts are the parts of a post's HTML that every member other than
// its author is shown alike, given the clock they read times by: the
// author panel and the content. The app keeps them beside the posts, so a
// member's topic page renders only the member's own controls for each
// post.
type PostParts struct{ Panel, Content string }

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
	return PostParts{Panel: panel.String(), Content: content.String()}, nil
}

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
