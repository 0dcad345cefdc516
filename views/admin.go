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

// Limits of the board settings.
const (
	MaxBoardTitle       = 100
	MaxBoardDescription = 255
	MaxLinkTitle        = 40
	MaxLinkURL          = 500
	MaxHeaderLinks      = 10 // links saved
	MaxLinkRows         = 15 // rows on the form, empty ones included
	BlankLinkRows       = 3  // empty rows offered under the links
	MinPerPage          = 5
	MaxPerPage          = 100
	MaxFloodInterval    = 3600
)

// NewBoardSettingsForm fills the form with the saved settings and a few
// empty link rows.
func NewBoardSettingsForm(cfg *models.BoardConfig) BoardSettingsForm {
	f := BoardSettingsForm{
		Title: cfg.Title, Description: cfg.Description, DefaultTimezone: cfg.DefaultTimezone,
		TopicsPerPage: strconv.Itoa(cfg.TopicsPerPage), PostsPerPage: strconv.Itoa(cfg.PostsPerPage),
		FloodInterval: strconv.Itoa(cfg.FloodIntervalSeconds),
	}
	for _, l := range cfg.HeaderLinks {
		f.Links = append(f.Links, HeaderLinkRow{Title: l.Title, URL: l.URL})
	}
	for range BlankLinkRows {
		f.Links = append(f.Links, HeaderLinkRow{})
	}
	return f
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

// Limits of categories and forums.
const (
	MaxCategoryTitle    = 100
	MaxForumTitle       = 100
	MaxForumDescription = 500
)

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

// Limits of a group's fields.
const (
	MaxGroupName        = 60
	MaxGroupDescription = 255
)

// GroupKindOf is the form's kind of a group.
func GroupKindOf(g *models.Group) string {
	switch {
	case g.Hidden:
		return GroupHidden
	case g.Open:
		return GroupOpen
	}
	return GroupClosed
}

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
