package app

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/internal/stitch"
	"hyperboard/models"
	"hyperboard/views"
)

// Members' pages are rendered for each viewer and never kept, but most of
// what they show is the same for everyone who may see it: a page of a
// topic, a page of its posts and their HTML, a page of a forum's topics,
// the board index's forums (the viewer's unread flags asked apart), the
// settings and permission table. That, and each member's own visit
// (loadVisit), is kept in the page cache beside the guest pages, under the
// same budget and the same rules: dropped by the tags of what it shows,
// never kept while this server may miss another's change notice, never
// kept if read while a change landed. Kept values are shared between
// requests and must not be modified.

// keptValue returns the value kept under key, if any.
func keptValue[V any](pc *pageCache, key string) (V, bool) {
	var zero V
	if !pc.enabled() {
		return zero, false
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	p := pc.pages[key]
	if p == nil {
		return zero, false
	}
	v, ok := p.value.(V)
	if ok {
		pc.unlink(p)
		pc.pushNewest(p)
	}
	return v, ok
}

// keepValue keeps v, of about size bytes, under key, unless something was
// invalidated since generation gen.
func (pc *pageCache) keepValue(key string, v any, size int64, gen uint64, tags ...models.Tag) {
	if !pc.enabled() {
		return
	}
	pc.keep(&cachedPage{key: key, value: v, tags: tags, size: size + int64(len(key)) + 256}, gen)
}

// kept is the value kept under key, or else the one load reads, which is
// kept with the size in bytes and the tags of what it shows that load
// gives, unless something was invalidated since generation gen: that is
// to be read before anything the value is made of.
func kept[V any](pc *pageCache, key string, gen uint64, load func() (V, int64, []models.Tag, error)) (V, error) {
	if v, ok := keptValue[V](pc, key); ok {
		return v, nil
	}
	v, size, tags, err := load()
	if err != nil {
		return v, err
	}
	pc.keepValue(key, v, size, gen, tags...)
	return v, nil
}

// Keys of kept values start with a byte no page key (a host) holds.
const keptValuePrefix = "\x00"

// everyReaderSees says whether a range of posts is what every reader of the
// topic sees; moderators may see deleted posts or report marks as well.
func everyReaderSees(r models.PostRange) bool { return !r.Deleted && !r.MarkReported }

// postsOfPage is store.PostsInTopic, kept for the range every reader of
// the topic sees; moderators' views (with deleted posts or report marks)
// are read each time.
func (h *Handler) postsOfPage(ctx context.Context, topicID int64, r models.PostRange) ([]*models.Post, error) {
	if !everyReaderSees(r) {
		return h.store.PostsInTopic(ctx, topicID, r)
	}
	return kept(h.pages, postsKey(topicID, r), h.pages.generation(), func() ([]*models.Post, int64, []models.Tag, error) {
		posts, err := h.store.PostsInTopic(ctx, topicID, r)
		var size int64
		for _, p := range posts {
			size += int64(len(p.BodyHTML)+len(p.Subject)+len(p.EditReason)) + 512
			if p.Author != nil {
				size += int64(len(p.Author.SignatureHTML))
			}
		}
		return posts, size, postsTags(topicID, posts), err
	})
}

func postsKey(topicID int64, r models.PostRange) string {
	return keptValuePrefix + "posts|" + strconv.FormatInt(topicID, 10) + "|" + strconv.Itoa(r.First) + "|" +
		strconv.Itoa(r.Last) + "|" + strconv.FormatBool(r.Newest)
}

// keptPostsOf is the HTML of the posts of a page that every member but
// each post's author is shown alike (views.KeptPosts), kept for the
// readers of each clock and title, and dropped with the posts. gen is the
// generation read before topic and posts were.
func (h *Handler) keptPostsOf(ctx context.Context, gen uint64, topic *models.Topic, r models.PostRange, posts []*models.Post, clock views.Clock) (views.KeptPosts, error) {
	if !everyReaderSees(r) || !h.pages.enabled() {
		return views.KeptPosts{}, nil
	}
	key := postsKey(topic.ID, r) + "|" + clock.Key() + "|" + topic.Title
	return kept(h.pages, key, gen, func() (views.KeptPosts, int64, []models.Tag, error) {
		k, err := views.RenderKeptPosts(ctx, clock, topic, posts)
		return k, int64(k.Size() + 64*len(posts)), postsTags(topic.ID, posts), err
	})
}

// forumList is store.ForumList, kept: only board-wide changes alter it.
func (h *Handler) forumList(ctx context.Context) ([]*models.Forum, error) {
	return kept(h.pages, keptValuePrefix+"forums", h.pages.generation(), func() ([]*models.Forum, int64, []models.Tag, error) {
		forums, err := h.store.ForumList(ctx)
		var size int64
		for _, f := range forums {
			size += int64(len(f.Title)) + 128
		}
		return forums, size, nil, err
	})
}

// topicOfPage is store.TopicView for the visitor. The topic is kept; the
// viewer's draft reply is read only when the visit says there is one.
// Topics of a period of days are read each time: the period moves.
func (h *Handler) topicOfPage(ctx context.Context, id int64, since time.Time, v *models.Visit) (*models.Topic, error) {
	viewerID := int64(0)
	if v.Viewer != nil {
		viewerID = v.Viewer.ID
	}
	if !since.IsZero() {
		return h.store.TopicView(ctx, id, since, viewerID)
	}
	key := keptValuePrefix + "topic|" + strconv.FormatInt(id, 10)
	topic, err := kept(h.pages, key, h.pages.generation(), func() (*models.Topic, int64, []models.Tag, error) {
		topic, err := h.store.TopicView(ctx, id, since, 0)
		if err != nil {
			return nil, 0, nil, err
		}
		return topic, int64(len(topic.Title)) + 1024, []models.Tag{models.TopicTag(id)}, nil
	})
	if err != nil || !slices.Contains(v.DraftTopics, id) {
		return topic, err
	}
	draft, err := h.store.Draft(ctx, viewerID, id)
	if err != nil {
		return nil, err
	}
	withDraft := *topic
	withDraft.Draft = draft
	return &withDraft, nil
}

// keptForum is store.Forum, kept.
func (h *Handler) keptForum(ctx context.Context, id int64) (*models.Forum, error) {
	key := keptValuePrefix + "forum|" + strconv.FormatInt(id, 10)
	return kept(h.pages, key, h.pages.generation(), func() (*models.Forum, int64, []models.Tag, error) {
		forum, err := h.store.Forum(ctx, id)
		if err != nil {
			return nil, 0, nil, err
		}
		return forum, int64(len(forum.Title)+len(forum.Description)) + 1024, []models.Tag{models.ForumTag(id)}, nil
	})
}

// topicsOfPage is store.TopicsInForum. The list is kept without the
// viewer's unread flags, which a lean query of their own then adds, kept
// for the member in turn.
func (h *Handler) topicsOfPage(ctx context.Context, forumID, viewerID int64, page, perPage int) ([]*models.Topic, error) {
	key := topicsKey(forumID, page, perPage)
	if kept, ok := keptValue[[]*models.Topic](h.pages, key); ok {
		if viewerID == 0 {
			return kept, nil
		}
		unread, err := h.unreadOf(key, viewerID, []models.Tag{models.ForumTag(forumID)}, func() (map[int64]bool, error) {
			ids := make([]int64, len(kept))
			for i, t := range kept {
				ids[i] = t.ID
			}
			return h.store.UnreadTopics(ctx, viewerID, ids)
		})
		if err != nil {
			return nil, err
		}
		return withCopies(kept, func(t *models.Topic) { t.Unread = unread[t.ID] }), nil
	}
	gen := h.pages.generation()
	topics, err := h.store.TopicsInForum(ctx, forumID, viewerID, page, perPage)
	if err != nil {
		return nil, err
	}
	var size int64
	for _, t := range topics {
		size += int64(len(t.Title)) + 1024
	}
	h.pages.keepValue(key, withCopies(topics, func(t *models.Topic) { t.Unread = false }), size, gen, topicsTags(forumID, topics)...)
	return topics, nil
}

func topicsKey(forumID int64, page, perPage int) string {
	return keptValuePrefix + "topics|" + strconv.FormatInt(forumID, 10) + "|" + strconv.Itoa(page) + "|" + strconv.Itoa(perPage)
}

// topicRowsOf is the HTML of the rows of a page of a forum's topics, read
// and unread, as every member reading them with the same clock is shown
// them (views.RowParts); kept and dropped with the topics. gen is the
// generation read before the topics were.
func (h *Handler) topicRowsOf(ctx context.Context, gen uint64, forumID int64, page, perPage int, topics []*models.Topic, clock views.Clock, postsPerPage int) ([]views.RowParts, error) {
	if !h.pages.enabled() {
		return nil, nil
	}
	return kept(h.pages, topicRowsKey(forumID, page, perPage, clock, postsPerPage), gen, func() ([]views.RowParts, int64, []models.Tag, error) {
		rows := make([]views.RowParts, len(topics))
		var size int64
		for i, t := range topics {
			if t.MovedToID != 0 {
				continue // a signpost offers moderators its removal
			}
			var err error
			if rows[i], err = views.RenderTopicRowParts(ctx, clock, t, postsPerPage); err != nil {
				return nil, 0, nil, err
			}
			size += int64(rows[i].Size()) + 64
		}
		return rows, size, topicsTags(forumID, topics), nil
	})
}

func topicRowsKey(forumID int64, page, perPage int, clock views.Clock, postsPerPage int) string {
	return topicsKey(forumID, page, perPage) + "|" + clock.Key() + "|" + strconv.Itoa(postsPerPage)
}

// deflatedRowsOf is the list of a page of a forum's topics as the member's
// unread marks show it, deflated for their gzipped page (package stitch):
// kept for each pattern of marks met, and dropped with the topics. gen is
// the generation read before the topics were.
func (h *Handler) deflatedRowsOf(c *fiber.Ctx, gen uint64, page, perPage int, v views.ForumView, clock views.Clock) (stitch.Deflated, error) {
	if !h.stitches(c) {
		return stitch.Deflated{}, nil
	}
	key := []byte(topicRowsKey(v.Forum.ID, page, perPage, clock, v.PostsPerPage) + "|deflated|")
	for _, t := range v.Topics {
		key = appendMark(key, t.ID, t.Unread)
	}
	return h.keptDeflated(string(key), gen, func() (stitch.Deflated, []models.Tag, error) {
		d, err := views.DeflateTopicRows(v)
		return d, topicsTags(v.Forum.ID, v.Topics), err
	})
}

// unreadOf is which things of a kept list (key) the member has left to
// read, as read reads them; kept until what the list shows (tags) or how
// far the member has read changes.
func (h *Handler) unreadOf(key string, viewerID int64, tags []models.Tag, read func() (map[int64]bool, error)) (map[int64]bool, error) {
	key = keptValuePrefix + "unread|" + strconv.FormatInt(viewerID, 10) + key
	return kept(h.pages, key, h.pages.generation(), func() (map[int64]bool, int64, []models.Tag, error) {
		unread, err := read()
		return unread, int64(len(unread))*16 + 64, slices.Concat(tags, []models.Tag{models.ViewerTag(viewerID)}), err
	})
}

// boardIndexForums is store.BoardIndex. The forums are kept without the
// viewer's unread flags, which a lean query of their own then adds.
func (h *Handler) boardIndexForums(ctx context.Context, viewerID int64) ([]*models.Forum, error) {
	const key = keptValuePrefix + "index"
	if kept, ok := keptValue[[]*models.Forum](h.pages, key); ok {
		if viewerID == 0 {
			return kept, nil
		}
		unread, err := h.unreadOf(key, viewerID, forumsTags(kept), func() (map[int64]bool, error) {
			return h.store.UnreadForums(ctx, viewerID)
		})
		if err != nil {
			return nil, err
		}
		return withCopies(kept, func(f *models.Forum) { f.Unread = unread[f.ID] }), nil
	}
	gen := h.pages.generation()
	forums, err := h.store.BoardIndex(ctx, viewerID)
	if err != nil {
		return nil, err
	}
	var size int64
	for _, f := range forums {
		size += int64(len(f.Title)+len(f.Description)) + 1024
	}
	h.pages.keepValue(key, withCopies(forums, func(f *models.Forum) { f.Unread = false }), size, gen, forumsTags(forums)...)
	return forums, nil
}

// forumRowsOf is the HTML of the board index's rows of forums, read and
// unread, as every member reading them with the same clock is shown them;
// kept and dropped with the forums. gen is the generation read before the
// forums were.
func (h *Handler) forumRowsOf(ctx context.Context, gen uint64, forums []*models.Forum, clock views.Clock) (map[int64]views.RowParts, error) {
	if !h.pages.enabled() {
		return nil, nil
	}
	return kept(h.pages, keptValuePrefix+"index|"+clock.Key(), gen, func() (map[int64]views.RowParts, int64, []models.Tag, error) {
		rows := make(map[int64]views.RowParts, len(forums))
		var size int64
		for _, f := range forums {
			row, err := views.RenderForumRowParts(ctx, clock, f)
			if err != nil {
				return nil, 0, nil, err
			}
			rows[f.ID] = row
			size += int64(row.Size()) + 64
		}
		return rows, size, forumsTags(forums), nil
	})
}

// deflatedSectionsOf is the board index's sections as the member's rights
// and unread marks show them, deflated for their gzipped page (package
// stitch): kept for each list of forums and marks met, and dropped with
// the forums. gen is the generation read before the forums were.
func (h *Handler) deflatedSectionsOf(c *fiber.Ctx, gen uint64, v views.IndexView, clock views.Clock) (stitch.Deflated, error) {
	if !h.stitches(c) {
		return stitch.Deflated{}, nil
	}
	key := []byte(keptValuePrefix + "index|" + clock.Key() + "|deflated|")
	var forums []*models.Forum
	for _, section := range v.Sections {
		for _, f := range section.Forums {
			key = appendMark(key, f.ID, f.Unread)
			forums = append(forums, f)
		}
	}
	return h.keptDeflated(string(key), gen, func() (stitch.Deflated, []models.Tag, error) {
		d, err := views.DeflateIndexSections(c.UserContext(), v)
		return d, forumsTags(forums), err
	})
}

// keptDeflated is the part deflate makes of a list, kept under key, which
// names the list and its unread marks, with the tags of what it shows.
func (h *Handler) keptDeflated(key string, gen uint64, deflate func() (stitch.Deflated, []models.Tag, error)) (stitch.Deflated, error) {
	return kept(h.pages, key, gen, func() (stitch.Deflated, int64, []models.Tag, error) {
		d, tags, err := deflate()
		return d, int64(d.Size()) + 64, tags, err
	})
}

// appendMark appends to the key of a deflated list one thing of it and
// whether it is unread.
func appendMark(key []byte, id int64, unread bool) []byte {
	mark := byte(',')
	if unread {
		mark = 'u'
	}
	return append(strconv.AppendInt(key, id, 10), mark)
}

// online is store.Online, kept until this server next writes presence.
func (h *Handler) online(ctx context.Context) (*models.Online, error) {
	return kept(h.pages, keptValuePrefix+"online", h.pages.generation(), func() (*models.Online, int64, []models.Tag, error) {
		online, err := h.store.Online(ctx)
		if err != nil {
			return nil, 0, nil, err
		}
		return online, int64(len(online.Members)) * 64, onlineTags(online), nil
	})
}

// withCopies returns shallow copies of items, each changed by set: kept
// values are shared, a viewer's flags are not.
func withCopies[T any](items []*T, set func(*T)) []*T {
	out := make([]*T, len(items))
	for i, item := range items {
		c := *item
		set(&c)
		out[i] = &c
	}
	return out
}

// The tags of what pages show, for the pages and the data kept for them.

func postsTags(topicID int64, posts []*models.Post) []models.Tag {
	tags := []models.Tag{models.TopicTag(topicID)}
	for _, p := range posts {
		tags = append(tags, models.UserTag(p.AuthorID), models.AuthorTag(p.AuthorID))
		if p.EditedBy != 0 {
			tags = append(tags, models.UserTag(p.EditedBy))
		}
	}
	return tags
}

func topicsTags(forumID int64, topics []*models.Topic) []models.Tag {
	tags := []models.Tag{models.ForumTag(forumID)}
	for _, t := range topics {
		tags = append(tags, models.UserTag(t.AuthorID))
		if t.LastPost != nil {
			tags = append(tags, models.UserTag(t.LastPost.AuthorID))
		}
	}
	return tags
}

func forumsTags(forums []*models.Forum) []models.Tag {
	var tags []models.Tag
	for _, f := range forums {
		tags = append(tags, models.ForumTag(f.ID))
		if f.LastPost != nil {
			tags = append(tags, models.UserTag(f.LastPost.AuthorID))
		}
	}
	return tags
}

func onlineTags(online *models.Online) []models.Tag {
	tags := []models.Tag{tagOnline}
	for _, u := range online.Members {
		tags = append(tags, models.UserTag(u.ID))
	}
	return tags
}
