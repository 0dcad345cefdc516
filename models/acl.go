package models

import (
	"slices"
)

// Perm is one permission, or a set of them, as a bit mask. The bit numbers
// are stored in forum_acl and in the default-permissions trigger, so they
// never change; new permissions take unused bits.
type Perm uint64

// Forum permissions (phpBB's f_ set).
const (
	FList     Perm = 1 << 0
	FRead     Perm = 1 << 1
	FPost     Perm = 1 << 2
	FReply    Perm = 1 << 3
	FEdit     Perm = 1 << 4
	FDelete   Perm = 1 << 5
	FSticky   Perm = 1 << 6
	FAnnounce Perm = 1 << 7
	FPoll     Perm = 1 << 8
	FVote     Perm = 1 << 9
	FAttach   Perm = 1 << 10
	FDownload Perm = 1 << 11
	FBBCode   Perm = 1 << 12
	FImg      Perm = 1 << 13
	FNoFlood  Perm = 1 << 14
)

// Moderator permissions (phpBB's m_ set), held per forum like the others.
const (
	MEdit   Perm = 1 << 32
	MDelete Perm = 1 << 33
	MLock   Perm = 1 << 34
	MMove   Perm = 1 << 35
	MSplit  Perm = 1 << 36
	MMerge  Perm = 1 << 37
	MReport Perm = 1 << 38
	MBan    Perm = 1 << 39
	MInfo   Perm = 1 << 40
)

// Sets of permissions.
const (
	ForumPerms     = FList | FRead | FPost | FReply | FEdit | FDelete | FSticky | FAnnounce | FPoll | FVote | FAttach | FDownload | FBBCode | FImg | FNoFlood
	ModeratorPerms = MEdit | MDelete | MLock | MMove | MSplit | MMerge | MReport | MBan | MInfo
	AllPerms       = ForumPerms | ModeratorPerms
)

// PermInfo names a permission for the admin panel and says what it allows.
type PermInfo struct {
	Perm  Perm
	Name  string // phpBB's name, the form field in the permission matrix
	Label string // what it allows, for administrators
}

// Permissions lists every permission in the order the admin panel shows them.
var Permissions = []PermInfo{
	{FList, "f_list", "See the forum"},
	{FRead, "f_read", "Read topics"},
	{FPost, "f_post", "Start new topics"},
	{FReply, "f_reply", "Reply to topics"},
	{FEdit, "f_edit", "Edit own posts"},
	{FDelete, "f_delete", "Delete own posts"},
	{FSticky, "f_sticky", "Post stickies"},
	{FAnnounce, "f_announce", "Post announcements"},
	{FPoll, "f_poll", "Create polls"},
	{FVote, "f_vote", "Vote in polls"},
	{FAttach, "f_attach", "Attach files"},
	{FDownload, "f_download", "Download files"},
	{FBBCode, "f_bbcode", "Use BBCode"},
	{FImg, "f_img", "Use [img]"},
	{FNoFlood, "f_noflood", "Ignore the flood limit"},
	{MEdit, "m_edit", "Edit any post"},
	{MDelete, "m_delete", "Delete and restore any post"},
	{MLock, "m_lock", "Lock and unlock topics"},
	{MMove, "m_move", "Move topics"},
	{MSplit, "m_split", "Split topics"},
	{MMerge, "m_merge", "Merge topics"},
	{MReport, "m_report", "Handle reports"},
	{MBan, "m_ban", "Ban members"},
	{MInfo, "m_info", "See posters' IP addresses"},
}

// PermByName finds a permission by its phpBB name.
func PermByName(name string) (Perm, bool) {
	for _, p := range Permissions {
		if p.Name == name {
			return p.Perm, true
		}
	}
	return 0, false
}

// Role is a named preset of permissions that makes the common cases one choice.
type Role struct {
	Key   string
	Label string
	Allow Perm
	// Scope is the part of the permissions the role sets: a forum role
	// leaves the moderator bits alone and a moderator role the forum bits.
	Scope Perm
}

// Roles are phpBB's presets.
var Roles = []Role{
	{"noaccess", "No access", 0, ForumPerms},
	{"readonly", "Read only", FList | FRead | FDownload, ForumPerms},
	{"standard", "Standard access", FList | FRead | FPost | FReply | FEdit | FDelete | FPoll | FVote | FAttach | FDownload | FBBCode | FImg, ForumPerms},
	{"full", "Full access", ForumPerms, ForumPerms},
	{"nomod", "Not a moderator", 0, ModeratorPerms},
	{"stdmod", "Standard moderator", MEdit | MDelete | MLock | MMove | MSplit | MMerge | MReport | MInfo, ModeratorPerms},
	{"fullmod", "Full moderator", ModeratorPerms, ModeratorPerms},
}

// RoleByKey finds a role preset.
func RoleByKey(key string) (Role, bool) {
	for _, r := range Roles {
		if r.Key == key {
			return r, true
		}
	}
	return Role{}, false
}

// Rights are what one visitor may do in each forum: the answer to every
// "may this user do P in forum F?". They are loaded with the visit, once
// per request, so a change to the ACL applies from the next request on.
type Rights struct {
	admin  bool
	forums map[int64]Perm
}

// NewRights builds rights from effective permissions per forum, for tests.
func NewRights(admin bool, forums map[int64]Perm) *Rights {
	return &Rights{admin: admin, forums: forums}
}

// Can reports whether the visitor holds every permission in p in the forum.
// Administrators hold them all, everywhere.
func (r *Rights) Can(forumID int64, p Perm) bool {
	if r == nil {
		return false
	}
	if r.admin {
		return true
	}
	return r.forums[forumID]&p == p
}

// CanAny reports whether the visitor holds at least one permission of p in the forum.
func (r *Rights) CanAny(forumID int64, p Perm) bool {
	if r == nil {
		return false
	}
	if r.admin {
		return true
	}
	return r.forums[forumID]&p != 0
}

// Admin reports board-wide administrator rights.
func (r *Rights) Admin() bool { return r != nil && r.admin }

// Forums returns the forums, in id order, where the visitor holds every
// permission in p. Administrators' rights name every forum too, as the
// visit query gives them all.
func (r *Rights) Forums(p Perm) []int64 {
	if r == nil {
		return []int64{}
	}
	ids := []int64{}
	for id := range r.forums {
		if r.Can(id, p) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// ModeratesAny reports whether the visitor holds moderator permission p
// (any of them when p is ModeratorPerms) in at least one forum.
func (r *Rights) ModeratesAny(p Perm) bool {
	if r.Admin() {
		return true
	}
	if r == nil {
		return false
	}
	for _, perms := range r.forums {
		if perms&p != 0 {
			return true
		}
	}
	return false
}

// MayPost reports whether the visitor may start topics in a forum: a
// locked forum takes new topics only from those who may lock.
func (r *Rights) MayPost(forumID int64, forumLocked bool) bool {
	return r.Can(forumID, FRead|FPost) && (!forumLocked || r.Can(forumID, MLock))
}

// MayReply reports whether the visitor may reply in a topic: a locked topic
// or forum takes replies only from those who may lock.
func (r *Rights) MayReply(forumID int64, locked bool) bool {
	return r.Can(forumID, FRead|FReply) && (!locked || r.Can(forumID, MLock))
}

// MayEditPost reports whether the visitor (viewerID, 0 for a guest) may edit
// a post: moderators with m_edit any post in their forums, authors their own
// while the topic is open.
func (r *Rights) MayEditPost(forumID, viewerID, authorID int64, locked bool) bool {
	if r.Can(forumID, FRead|MEdit) {
		return true
	}
	return viewerID != 0 && viewerID == authorID && !locked && r.Can(forumID, FRead|FEdit)
}

// MayDeletePost reports whether the visitor may delete a post: moderators
// with m_delete any post, authors their own while nobody has replied after
// it and the topic is open.
func (r *Rights) MayDeletePost(forumID, viewerID, authorID int64, locked, repliedTo bool) bool {
	if r.Can(forumID, FRead|MDelete) {
		return true
	}
	return viewerID != 0 && viewerID == authorID && !locked && !repliedTo && r.Can(forumID, FRead|FDelete)
}
