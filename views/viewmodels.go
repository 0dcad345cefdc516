package views

import (
	"hyperboard/internal/stitch"
	"hyperboard/models"
)

// Chrome is what every full page needs around its content.
type Chrome struct {
	Title  string // the page's own title; the board title is appended
	Board  *models.BoardConfig
	Viewer *models.User // nil for guests
	CSRF   string       // the token for this page's forms
	Clock  Clock        // times are shown in the viewer's zone and format
	Crumbs []Crumb
	Assets AssetURLs

	UnreadMessages int // the viewer's unread private messages, for the header

	// Rights are the viewer's permissions; components ask them what to
	// offer, and the handlers ask them again before doing it.
	Rights *models.Rights
}

// AssetURLs are the hashed URLs of the built stylesheet, script bundle and icons.
type AssetURLs struct {
	CSS, Script, Icon, TouchIcon string
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Title, URL string
}

// IndexView is the board index.
type IndexView struct {
	Sections []models.CategoryForums
	Stats    *models.BoardStats
	Online   *models.Online
	// Rows are the kept rows of the forums, by forum id; without them the
	// rows are rendered here.
	Rows map[int64]RowParts
	// SectionsDeflated is the sections as the viewer's unread marks show
	// them, deflated for a gzipped response (DeflateIndexSections).
	SectionsDeflated stitch.Deflated
}

// ForumView is one page of a forum's topic list.
type ForumView struct {
	Forum        *models.Forum
	Topics       []*models.Topic
	Pager        Pager
	PostsPerPage int // to link the pages of long topics from the list
	// Rows are the kept rows of Topics, by index; without
	// them each row is rendered.
	Rows []RowParts
	// RowsDeflated is the list of rows as the viewer's unread marks show
	// it, deflated for a gzipped response (DeflateTopicRows).
	RowsDeflated stitch.Deflated
	Jump         JumpView
}

// TopicView is one page of a topic.
type TopicView struct {
	Topic *models.Topic
	Posts []*models.Post
	// Kept is the kept HTML of Posts; without it each post is rendered
	// whole.
	Kept     KeptPosts
	Pager    Pager
	Filter   TopicFilter
	Jump     JumpView
	Reply    *PostForm // the inline reply box; nil for guests
	LoginURL string    // where guests log in to reply
	// Mod is the moderator tools box; nil for those who do not moderate
	// the forum.
	Mod *ModToolsView
}

// TopicFilter is the "Display posts from previous" choice and the order.
type TopicFilter struct {
	Days   int
	Newest bool
	// From is the post number a newest-first listing counts its pages from:
	// the topic's last post when its first page was shown, so replies that
	// arrive while a reader pages on move nothing between pages.
	From int
}

// JumpView is the "Jump to" forum selector.
type JumpView struct {
	Sections []models.CategoryForums
	Current  int64
}

// MessageView is a short page that explains something: an error, a missing
// page, a topic with no neighbour.
type MessageView struct {
	Status  int
	Heading string
	Text    string
	Back    Crumb
}
