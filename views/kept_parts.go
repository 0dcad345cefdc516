package views

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"

	"hyperboard/models"
)

// PostParts are the parts of a post's HTML that every member other than
// its author is shown alike, given the clock they read times by: the
// author panel, the content, and the controls of a member who only reads
// the post. The app keeps them beside the posts, so a member's topic page
// renders little more than the controls of those who moderate or wrote a
// post. Only RenderPostParts fills them, so what they insert again is what
// this package's templates rendered.
type PostParts struct {
	post           int64
	panel, content renderedHTML
	// readerFoot is readerFoot without and with "Reply with quote".
	readerFoot [2]renderedHTML
}

// renderedHTML is the output of one of this package's templates, kept to
// be written again as it was.
type renderedHTML string

func (h renderedHTML) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, string(h))
	return err
}

// renderToKeep renders a component of this package to be kept.
func renderToKeep(ctx context.Context, c templ.Component) (renderedHTML, error) {
	var b strings.Builder
	err := c.Render(ctx, &b)
	return renderedHTML(b.String()), err
}

// RenderPostParts renders the parts of p as members other than its author
// see them.
func RenderPostParts(ctx context.Context, clock Clock, t *models.Topic, p *models.Post) (PostParts, error) {
	parts := PostParts{post: p.ID}
	for _, part := range []struct {
		html     templ.Component
		renderTo *renderedHTML
	}{
		{authorPanel(clock, p, true), &parts.panel},
		{postContent(clock, t, p), &parts.content},
		{readerFoot(t, p, false), &parts.readerFoot[0]},
		{readerFoot(t, p, true), &parts.readerFoot[1]},
	} {
		var err error
		if *part.renderTo, err = renderToKeep(ctx, part.html); err != nil {
			return PostParts{}, err
		}
	}
	return parts, nil
}

// Size is about the bytes the parts hold.
func (p PostParts) Size() int {
	return len(p.panel) + len(p.content) + len(p.readerFoot[0]) + len(p.readerFoot[1])
}

// TopicRowParts are a topic's row in a forum's list as every member reading
// it with the same clock and posts per page is shown it: read, and with
// the mark of posts unread.
type TopicRowParts struct {
	topic int64
	row   [2]renderedHTML
}

// RenderTopicRowParts renders both rows of t.
func RenderTopicRowParts(ctx context.Context, clock Clock, t *models.Topic, postsPerPage int) (TopicRowParts, error) {
	rows := TopicRowParts{topic: t.ID}
	for i, unread := range []bool{false, true} {
		row := *t
		row.Unread = unread
		var err error
		if rows.row[i], err = renderToKeep(ctx, topicRow(clock, &row, postsPerPage, false)); err != nil {
			return rows, err
		}
	}
	return rows, nil
}

// Size is about the bytes the rows hold.
func (r TopicRowParts) Size() int { return len(r.row[0]) + len(r.row[1]) }

// keptRow is the kept row of the i-th topic, nil if there is none. Kept
// rows are used only for the topic they were rendered from: a list read
// just before a change may meet rows rendered just after it.
func (v ForumView) keptRow(i int) templ.Component {
	t := v.Topics[i]
	if i >= len(v.Rows) || v.Rows[i].topic != t.ID {
		return nil
	}
	return v.Rows[i].row[boolIndex(t.Unread)]
}

// keptParts are the kept parts of the i-th post if they suit the viewer,
// a member other than its author, and were rendered from that post (posts
// read just before a change may meet parts rendered just after it).
func (v TopicView) keptParts(c Chrome, i int) *PostParts {
	p := v.Posts[i]
	if i >= len(v.Parts) || v.Parts[i].post != p.ID || !offersMessage(c, p.AuthorID) {
		return nil
	}
	return &v.Parts[i]
}

// onlyReads says whether the viewer's controls on a post are readerFoot:
// they are a member other than its author, and hold no moderator's right
// that shows on it.
func (c Chrome) onlyReads(t *models.Topic, p *models.Post) bool {
	return c.MayReport(t, p) && p.DeletedAt.IsZero() && !c.MayEdit(t, p) && !c.MayDelete(t, p) &&
		!c.MayModerate(t, models.MInfo) && !c.MayModerate(t, models.MSplit)
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// offersMessage says whether the viewer is offered to message a member:
// they are logged in and someone else.
func offersMessage(c Chrome, userID int64) bool {
	return c.Viewer != nil && c.Viewer.ID != userID
}
