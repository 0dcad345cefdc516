package views

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"

	"hyperboard/internal/stitch"
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

// KeptPosts is the kept HTML of a page of posts: each post's parts, and
// the whole list as a member who only reads every post on it is shown it,
// without and with "Reply with quote". Only RenderKeptPosts fills it.
type KeptPosts struct {
	parts []PostParts
	// readerList is empty when a post on the page is deleted.
	readerList [2]predeflatedHTML
}

// predeflatedHTML is HTML kept both as it is and deflated ahead of time, so a
// compressed response compresses only what is around it (package stitch).
type predeflatedHTML struct {
	plain    renderedHTML
	deflated stitch.Deflated
}

func (l *predeflatedHTML) Render(ctx context.Context, w io.Writer) error {
	return stitch.Write(ctx, w, string(l.plain), l.deflated)
}

// RenderKeptPosts renders the kept HTML of posts, a page of t, as members
// other than each post's author see them.
func RenderKeptPosts(ctx context.Context, clock Clock, t *models.Topic, posts []*models.Post) (KeptPosts, error) {
	k := KeptPosts{parts: make([]PostParts, len(posts))}
	readers := true
	for i, p := range posts {
		var err error
		if k.parts[i], err = RenderPostParts(ctx, clock, t, p); err != nil {
			return KeptPosts{}, err
		}
		readers = readers && p.DeletedAt.IsZero()
	}
	if !readers || len(posts) == 0 {
		return k, nil
	}
	for i, mayReply := range []bool{false, true} {
		list, err := renderToKeep(ctx, templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
			for j, p := range posts {
				if err := readerPost(p, &k.parts[j], mayReply).Render(ctx, w); err != nil {
					return err
				}
			}
			return nil
		}))
		if err != nil {
			return KeptPosts{}, err
		}
		deflated, err := stitch.Deflate(string(list))
		if err != nil {
			return KeptPosts{}, err
		}
		k.readerList[i] = predeflatedHTML{plain: list, deflated: deflated}
	}
	return k, nil
}

// Size is about the bytes kept.
func (k KeptPosts) Size() int {
	n := 0
	for _, p := range k.parts {
		n += p.Size()
	}
	for _, l := range k.readerList {
		n += len(l.plain) + l.deflated.Size()
	}
	return n
}

// RowParts are a row of a list, a topic in a forum's or a forum in the
// board index, as every member reading it with the same clock is shown it:
// read, and marked unread.
type RowParts struct {
	id  int64
	row [2]renderedHTML
}

// RenderTopicRowParts renders both rows of t in a forum's list.
func RenderTopicRowParts(ctx context.Context, clock Clock, t *models.Topic, postsPerPage int) (RowParts, error) {
	return renderRowParts(ctx, t.ID, func(unread bool) templ.Component {
		row := *t
		row.Unread = unread
		return topicRow(clock, &row, postsPerPage, false)
	})
}

// RenderForumRowParts renders both rows of f on the board index.
func RenderForumRowParts(ctx context.Context, clock Clock, f *models.Forum) (RowParts, error) {
	return renderRowParts(ctx, f.ID, func(unread bool) templ.Component {
		row := *f
		row.Unread = unread
		return forumRow(clock, &row)
	})
}

func renderRowParts(ctx context.Context, id int64, row func(unread bool) templ.Component) (RowParts, error) {
	rows := RowParts{id: id}
	for i, unread := range []bool{false, true} {
		var err error
		if rows.row[i], err = renderToKeep(ctx, row(unread)); err != nil {
			return rows, err
		}
	}
	return rows, nil
}

// Size is about the bytes the rows hold.
func (r RowParts) Size() int { return len(r.row[0]) + len(r.row[1]) }

// rowOf is the kept row of the thing id, false if the rows were rendered
// from another: a list read just before a change may meet rows rendered
// just after it.
func (r RowParts) rowOf(id int64, unread bool) (renderedHTML, bool) {
	if r.id != id || id == 0 {
		return "", false
	}
	return r.row[boolIndex(unread)], true
}

// keptRow is the kept row of the i-th topic, nil if there is none.
func (v ForumView) keptRow(i int) templ.Component {
	if row, ok := v.keptRowHTML(i); ok {
		return row
	}
	return nil
}

func (v ForumView) keptRowHTML(i int) (renderedHTML, bool) {
	if i >= len(v.Rows) {
		return "", false
	}
	t := v.Topics[i]
	return v.Rows[i].rowOf(t.ID, t.Unread)
}

// keptRow is the kept row of f, nil if there is none.
func (v IndexView) keptRow(f *models.Forum) templ.Component {
	if row, ok := v.Rows[f.ID].rowOf(f.ID, f.Unread); ok {
		return row
	}
	return nil
}

// DeflateTopicRows deflates the list of v's topics as the viewer's unread
// marks show it, made of the kept rows; nothing when a row was not kept (a
// signpost, or rows kept for other topics).
func DeflateTopicRows(v ForumView) (stitch.Deflated, error) {
	var list strings.Builder
	for i, t := range v.Topics {
		row, ok := v.keptRowHTML(i)
		if !ok || t.MovedToID != 0 {
			return stitch.Deflated{}, nil
		}
		list.WriteString(string(row))
	}
	return stitch.Deflate(list.String())
}

// DeflateIndexSections deflates the board index's sections as v shows
// them, made of the kept rows; nothing when a row was not kept.
func DeflateIndexSections(ctx context.Context, v IndexView) (stitch.Deflated, error) {
	for _, section := range v.Sections {
		for _, f := range section.Forums {
			if v.keptRow(f) == nil {
				return stitch.Deflated{}, nil
			}
		}
	}
	// Every row is kept, so the sections need nothing of the viewer's
	// chrome.
	var sections strings.Builder
	for _, section := range v.Sections {
		if err := categorySection(Chrome{}, v, section).Render(ctx, &sections); err != nil {
			return stitch.Deflated{}, err
		}
	}
	return stitch.Deflate(sections.String())
}

// deflatedAs renders its children, noting that d is what they deflate to
// (package stitch).
func deflatedAs(d stitch.Deflated) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		children := templ.GetChildren(ctx)
		ctx = templ.ClearChildren(ctx)
		return stitch.Around(ctx, w, d, func() error { return children.Render(ctx, w) })
	})
}

// keptParts are the kept parts of the i-th post if they suit the viewer,
// a member other than its author, and were rendered from that post (posts
// read just before a change may meet parts rendered just after it).
func (v TopicView) keptParts(c Chrome, i int) *PostParts {
	p := v.Posts[i]
	if i >= len(v.Kept.parts) || v.Kept.parts[i].post != p.ID || !offersMessage(c, p.AuthorID) {
		return nil
	}
	return &v.Kept.parts[i]
}

// keptReaderList is the kept list of all the posts, nil unless the viewer only
// reads every one of them and it was kept for them.
func (v TopicView) keptReaderList(c Chrome) templ.Component {
	if len(v.Posts) == 0 || len(v.Kept.parts) != len(v.Posts) || v.Kept.readerList[0].plain == "" {
		return nil
	}
	for i, p := range v.Posts {
		if v.keptParts(c, i) == nil || !c.onlyReads(v.Topic, p) {
			return nil
		}
	}
	return &v.Kept.readerList[boolIndex(c.MayReply(v.Topic))]
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
