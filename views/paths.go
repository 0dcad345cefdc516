package views

import (
	"strconv"
	"strings"
	"unicode"
)

// Slug makes the cosmetic part of a URL from a title: lower-case letters and
// digits joined by single dashes, at most 60 bytes.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if b.Len() >= 60 {
			break
		}
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// ForumPath is the canonical path of a forum.
func ForumPath(id int64, title string) string {
	return "/f/" + strconv.FormatInt(id, 10) + "/" + Slug(title)
}

// TopicPath is the canonical path of a topic.
func TopicPath(id int64, title string) string {
	return "/t/" + strconv.FormatInt(id, 10) + "/" + Slug(title)
}

// PostPath is the permalink of a post.
func PostPath(id int64) string {
	return "/p/" + strconv.FormatInt(id, 10)
}

// PostAnchor is the fragment id of a post on its topic page.
func PostAnchor(id int64) string {
	return "p" + strconv.FormatInt(id, 10)
}

// UserPath is the canonical path of a member's profile.
func UserPath(id int64, name string) string {
	return "/u/" + strconv.FormatInt(id, 10) + "/" + Slug(name)
}

// ReplyPath is where a topic's reply form posts.
func ReplyPath(topicID int64) string {
	return "/t/" + strconv.FormatInt(topicID, 10) + "/reply"
}

// QuotePath asks for a topic's reply form with a post quoted.
func QuotePath(topicID, postID int64) string {
	return ReplyPath(topicID) + "?quote=" + strconv.FormatInt(postID, 10)
}

// DraftPath is where the inline reply box keeps its draft.
func DraftPath(topicID int64) string {
	return "/t/" + strconv.FormatInt(topicID, 10) + "/draft"
}

// NewTopicPath is the form for a new topic in a forum.
func NewTopicPath(forumID int64) string {
	return "/f/" + strconv.FormatInt(forumID, 10) + "/new"
}
