package views

import "hyperboard/models"

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
