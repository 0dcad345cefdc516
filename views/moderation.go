package views

import (
	"strconv"

	"hyperboard/models"
)

// ModToolsID is the moderator tools box under a topic; its inline actions
// swap it whole.
const ModToolsID = "mod-tools"

// ModToolsView is the moderator tools box: the topic, where it may be
// moved or split to, and what the last inline action did.
type ModToolsView struct {
	Topic  *models.Topic
	Forums []models.CategoryForums // forums the moderator may read: destinations
	Status string                  // what the last inline action did
	Error  string                  // why it did nothing
}

// MoveForm is the "Move topic" form as the moderator left it.
type MoveForm struct {
	Topic       *models.Topic
	Forums      []models.CategoryForums
	ForumID     int64 // the destination chosen
	LeaveShadow bool
	Reason      string
	Error       string
}

// SplitForm is the "Split topic" form as the moderator left it. On its
// own page it lists the posts to choose from; on the topic page the posts'
// own checkboxes belong to it.
type SplitForm struct {
	Topic      *models.Topic
	Forums     []models.CategoryForums
	Title      string
	ForumID    int64
	Reason     string
	Chosen     []int64
	Error      string
	TitleError string
	Posts      []*models.Post // the page of posts to choose from; nil on the topic page
	Pager      Pager
}

// MergeForm is the "Merge topic" form as the moderator left it.
type MergeForm struct {
	Topic       *models.Topic
	Target      string // a topic number or a link to it
	LeaveShadow bool
	Reason      string
	Error       string
}

// PostInfoView is what m_info shows of a post: its address and the
// members who have posted from it.
type PostInfoView struct {
	Post     *models.PostIP
	Accounts []models.IPAccount
}

// ModLogView is one page of the moderator log.
type ModLogView struct {
	Entries []*models.ModLogEntry
	Forums  []*models.Forum // the forums the viewer may filter by
	ForumID int64           // the filter, 0 for all
	Pager   Pager
	Total   int
}

func topicAction(topicID int64, action string) string {
	return "/t/" + strconv.FormatInt(topicID, 10) + "/" + action
}

// LockPath locks a topic.
func LockPath(topicID int64) string { return topicAction(topicID, "lock") }

// UnlockPath unlocks a topic.
func UnlockPath(topicID int64) string { return topicAction(topicID, "unlock") }

// KindPath changes a topic's kind.
func KindPath(topicID int64) string { return topicAction(topicID, "kind") }

// MovePath is the form that moves a topic to another forum.
func MovePath(topicID int64) string { return topicAction(topicID, "move") }

// SplitPath is the form that splits posts off a topic.
func SplitPath(topicID int64) string { return topicAction(topicID, "split") }

// MergePath is the form that merges a topic into another.
func MergePath(topicID int64) string { return topicAction(topicID, "merge") }

// TopicDeletePath deletes a whole topic (or removes a "Moved" link).
func TopicDeletePath(topicID int64) string { return topicAction(topicID, "delete") }

// TopicRestorePath restores a deleted topic.
func TopicRestorePath(topicID int64) string { return topicAction(topicID, "restore") }

// RestorePath restores a deleted post.
func RestorePath(postID int64) string { return PostPath(postID) + "/restore" }

// PostInfoPath shows a post's IP address and the accounts that used it.
func PostInfoPath(postID int64) string { return PostPath(postID) + "/info" }

// PostInfoSlotID is the place under a post where its IP information opens
// inline, there only for moderators who may see it.
func PostInfoSlotID(postID int64) string { return "post-info-" + strconv.FormatInt(postID, 10) }

// ModLogPath is the moderator log, for one forum when forumID is not 0.
func ModLogPath(forumID int64) string {
	if forumID == 0 {
		return "/mod/log"
	}
	return "/mod/log?forum=" + strconv.FormatInt(forumID, 10)
}

// Moderates says whether to show the moderator tools of a topic: to
// viewers with a moderator permission in its forum.
func (c Chrome) Moderates(t *models.Topic) bool {
	return c.Viewer != nil && c.Rights.CanAny(t.ForumID, models.ModeratorPerms)
}

// MayModerate says whether to offer a moderator action that needs p in the
// topic's forum.
func (c Chrome) MayModerate(t *models.Topic, p models.Perm) bool {
	return c.Viewer != nil && c.Rights.Can(t.ForumID, models.FRead|p)
}

// KindChoices are the kinds the viewer may give the topic, its own
// included; fewer than two means there is no choice to offer.
func (c Chrome) KindChoices(t *models.Topic) []models.TopicKind {
	var out []models.TopicKind
	for _, k := range models.TopicKinds {
		if k == t.Kind || c.Rights.MaySetKind(t.ForumID, t.Kind, k) {
			out = append(out, k)
		}
	}
	return out
}

// SeesDeleted says whether the viewer sees the deleted posts of a topic
// (moderators who may restore them).
func (c Chrome) SeesDeleted(t *models.Topic) bool {
	return c.MayModerate(t, models.MDelete)
}

// live reports whether a topic takes moderator actions other than restore.
func live(t *models.Topic) bool { return t.DeletedAt.IsZero() && t.MovedToID == 0 }

// quickAction is the first of the quick moderator actions the viewer may
// take: the quick form posts there when submitted without a button.
func (c Chrome) quickAction(t *models.Topic) string {
	switch {
	case c.MayModerate(t, models.MLock) && t.Locked:
		return UnlockPath(t.ID)
	case c.MayModerate(t, models.MLock):
		return LockPath(t.ID)
	case len(c.KindChoices(t)) > 1:
		return KindPath(t.ID)
	case c.MayModerate(t, models.MDelete):
		return TopicDeletePath(t.ID)
	}
	return ""
}

// chosen reports whether a post is among those chosen for a split.
func (f SplitForm) chosen(id int64) bool {
	for _, c := range f.Chosen {
		if c == id {
			return true
		}
	}
	return false
}

// modActionLabels say what each logged action was.
var modActionLabels = map[models.ModAction]string{
	models.ModLock:         "Locked the topic",
	models.ModUnlock:       "Unlocked the topic",
	models.ModKind:         "Changed the topic type",
	models.ModMove:         "Moved the topic",
	models.ModSplit:        "Split the topic",
	models.ModMerge:        "Merged topics",
	models.ModDeleteTopic:  "Deleted the topic",
	models.ModRestoreTopic: "Restored the topic",
	models.ModDeletePost:   "Deleted a post",
	models.ModRestorePost:  "Restored a post",
	models.ModEditPost:     "Edited a post",
	models.ModRemoveShadow: "Removed a “Moved” link",
	models.ModCloseReport:  "Closed a report",
	models.ModBan:          "Banned",
	models.ModLiftBan:      "Lifted a ban",
}

func modActionLabel(a models.ModAction) string {
	if l, ok := modActionLabels[a]; ok {
		return l
	}
	return string(a)
}
