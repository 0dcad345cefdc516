package views

import (
	"net/url"
	"strconv"

	"hyperboard/models"
)

// AdminSection names a page of the administration panel, for its nav.
type AdminSection string

// The sections of the administration panel.
const (
	AdminOverview AdminSection = "overview"
	AdminSettings AdminSection = "settings"
	AdminForums   AdminSection = "forums"
	AdminGroups   AdminSection = "groups"
	AdminUsers    AdminSection = "users"
)

// Paths of the administration panel.
const (
	AdminPath         = "/admin"
	AdminSettingsPath = "/admin/settings"
	AdminLinksPath    = "/admin/settings/links"
	AdminForumsPath   = "/admin/forums"
	AdminGroupsPath   = "/admin/groups"
	AdminUsersPath    = "/admin/users"
)

// AdminForumPath is an action on a forum in the admin panel ("edit",
// "move", "lock", "delete", "permissions").
func AdminForumPath(id int64, action string) string {
	return AdminForumsPath + "/" + idString(id) + "/" + action
}

// AdminCategoryPath is an action on a category ("edit", "move", "delete").
func AdminCategoryPath(id int64, action string) string {
	return "/admin/categories/" + idString(id) + "/" + action
}

// AdminGroupPath is a group's page in the admin panel.
func AdminGroupPath(id int64) string {
	return AdminGroupsPath + "/" + idString(id)
}

// AdminGroupMemberPath is an action on one member of a group ("leader",
// "remove").
func AdminGroupMemberPath(groupID, userID int64, action string) string {
	return AdminGroupPath(groupID) + "/members/" + idString(userID) + "/" + action
}

// AdminUserPath is an account's page in the admin panel.
func AdminUserPath(id int64) string {
	return AdminUsersPath + "/" + idString(id)
}

// BanPath is where moderators ban the named member.
func BanPath(name string) string {
	return "/mod/bans/new?user=" + url.QueryEscape(name)
}

// AdminOverviewView is the first page of the panel.
type AdminOverviewView struct {
	Stats      *models.BoardStats
	Categories int
	Forums     int
	Groups     int
	Newest     []*models.User
}

// BoardSettingsForm is the board settings form between tries; numbers stay
// as typed so that a wrong one comes back unchanged.
type BoardSettingsForm struct {
	Title           string
	Description     string
	Links           []HeaderLinkRow
	DefaultTimezone string
	TopicsPerPage   string
	PostsPerPage    string
	FloodInterval   string
	Errors          BoardSettingsErrors
	Saved           bool
	// Rearranged says the link rows were changed without saving.
	Rearranged bool
}

// HeaderLinkRow is one row of the header links, with its messages.
type HeaderLinkRow struct {
	Title, URL           string
	TitleError, URLError string
}

// BoardSettingsErrors are the settings form's messages, field by field;
// Links is about the links as a whole, each row carries its own.
type BoardSettingsErrors struct {
	Title, Description, Links, DefaultTimezone, TopicsPerPage, PostsPerPage, FloodInterval string
	LinkRows                                                                               bool
}

// Any reports whether any field was refused.
func (e BoardSettingsErrors) Any() bool { return e != BoardSettingsErrors{} }

// Identifiers of the settings form and its link rows.
const (
	BoardSettingsFormID = "admin-settings"
	HeaderLinksID       = "header-links"
)

// The link rows' actions: add a row, or move or remove row n.
const (
	LinkAdd    = "add"
	LinkUp     = "up"
	LinkDown   = "down"
	LinkRemove = "remove"
)

func linkAction(action string, row int) string { return action + ":" + strconv.Itoa(row) }

// AdminForumsView is the list of categories and forums.
type AdminForumsView struct {
	Tree []models.CategoryForums
}

// AdminForumListID is the swappable list of categories and forums.
const AdminForumListID = "admin-forums"

// CategoryForm is the form for a new or renamed category.
type CategoryForm struct {
	ID    int64 // 0 for a new category
	Title string
	Error string
}

// ForumForm is the form for a new forum or a forum's settings.
type ForumForm struct {
	ID          int64 // 0 for a new forum
	CategoryID  int64
	Title       string
	Description string
	Locked      bool
	CopyFrom    int64 // new forums only: whose permissions to copy
	Errors      ForumErrors

	Categories []*models.Category
	Forums     []models.CategoryForums // to copy permissions from
}

// ForumErrors are the forum form's messages, field by field.
type ForumErrors struct {
	Category, Title, Description, CopyFrom string
}

// Any reports whether any field was refused.
func (e ForumErrors) Any() bool { return e != ForumErrors{} }

// ForumDeleteView asks where a forum's topics go before it is deleted.
type ForumDeleteView struct {
	Forum   *models.Forum
	Targets []models.CategoryForums // every other forum
	MoveTo  int64
	Error   string
}

// PermissionsView is the permission matrix of one forum.
type PermissionsView struct {
	Forum  *models.Forum
	Groups []GroupPermissions
	Saved  bool
}

// GroupPermissions is one group's part of the matrix.
type GroupPermissions struct {
	Grant models.GroupGrant
	// Preview says a preset changed the cells and they are not saved yet.
	Preview bool
}

// Setting is a cell's value: "yes", "no" or "never".
func (g GroupPermissions) Setting(p models.Perm) string {
	switch {
	case g.Grant.Never&p != 0:
		return PermNever
	case g.Grant.Allow&p != 0:
		return PermYes
	}
	return PermNo
}

// The values of a cell of the permission matrix.
const (
	PermYes   = "yes"
	PermNo    = "no"
	PermNever = "never"
)

// PermissionField is the form field of one group's permission.
func PermissionField(groupID int64, p models.PermInfo) string {
	return "g" + idString(groupID) + "_" + p.Name
}

// RoleField is the form field of one group's preset.
func RoleField(groupID int64) string { return "role_g" + idString(groupID) }

// GroupPermissionsID is the swappable section of one group.
func GroupPermissionsID(groupID int64) string { return "perm-g" + idString(groupID) }

// PermissionsFormID is the permission matrix's form.
const PermissionsFormID = "permissions"

// permissionsIn are the permissions of one scope, in the panel's order.
func permissionsIn(scope models.Perm) []models.PermInfo {
	var out []models.PermInfo
	for _, p := range models.Permissions {
		if p.Perm&scope != 0 {
			out = append(out, p)
		}
	}
	return out
}

// rolesIn are the presets of one scope.
func rolesIn(scope models.Perm) []models.Role {
	var out []models.Role
	for _, r := range models.Roles {
		if r.Scope == scope {
			out = append(out, r)
		}
	}
	return out
}

// AdminGroupsView lists every group.
type AdminGroupsView struct {
	Groups []*models.AdminGroup
}

// GroupForm is the form for a new group or a group's settings.
type GroupForm struct {
	ID          int64 // 0 for a new group
	System      bool  // a system group: its kind is fixed
	Name        string
	Description string
	Colour      string
	Kind        string // GroupOpen, GroupClosed or GroupHidden
	Errors      GroupErrors
	Saved       bool
}

// The kinds of user-made group.
const (
	GroupOpen   = "open"
	GroupClosed = "closed"
	GroupHidden = "hidden"
)

// GroupErrors are the group form's messages, field by field.
type GroupErrors struct {
	Name, Description, Colour, Kind string
}

// Any reports whether any field was refused.
func (e GroupErrors) Any() bool { return e != GroupErrors{} }

// GroupFormID is the group settings form.
const GroupFormID = "admin-group"

// AdminGroupView is one group's page in the panel: its settings and members.
type AdminGroupView struct {
	Group   *models.Group
	Form    GroupForm
	Leaders []*models.GroupMember
	Members []*models.GroupMember
	Pager   Pager
	Count   int // members that are not pending

	AddNames    string // what was typed into "Add members"
	AddLeaders  bool
	AddError    string // why nobody could be added
	Notice      string // what the last change of members did
	Error       string // why the last change of members was refused
	DeleteError string // why the group was not deleted
}

// AdminGroupMembersID is the swappable member management of a group.
const AdminGroupMembersID = "admin-group-members"

// AdminUsersView is a page of the account search.
type AdminUsersView struct {
	Users []*models.User
	Total int
	Query string
	Pager Pager
}

// AdminUserListID is the swappable result list of the account search.
const AdminUserListID = "admin-users"

// AdminUserView is one account in the panel.
type AdminUserView struct {
	User    *models.User
	Form    AccountForm
	Groups  []*models.UserGroup
	Addable []*models.AdminGroup // groups the account may be put into
	Ranks   []models.Rank
	Own     bool // the administrator's own account

	GroupNotice, GroupError string
	DeleteError             string
}

// AccountForm is the form for an account's profile fields.
type AccountForm struct {
	Username  string
	Email     string
	Signature string
	Location  string
	Website   string
	RankID    int64
	Errors    AccountErrors
	Saved     bool
}

// AccountErrors are the account form's messages, field by field.
type AccountErrors struct {
	Username, Email, Signature, Location, Website, Rank string
}

// Any reports whether any field was refused.
func (e AccountErrors) Any() bool { return e != AccountErrors{} }

// Identifiers of the account page's parts.
const (
	AccountFormID     = "admin-account"
	AccountGroupsID   = "admin-account-groups"
	AccountDeleteID   = "admin-account-delete"
	GroupDeleteFormID = "admin-group-delete"
)

// RoleIn names the preset a group's permissions of one scope match, or
// "Custom" when none does.
func (g GroupPermissions) RoleIn(scope models.Perm) string {
	if g.Grant.Never&scope == 0 {
		for _, r := range rolesIn(scope) {
			if g.Grant.Allow&scope == r.Allow {
				return r.Label
			}
		}
	}
	return "Custom"
}

// PermissionsPath is the permission matrix of a forum.
func PermissionsPath(forumID int64) string { return AdminForumPath(forumID, "permissions") }
