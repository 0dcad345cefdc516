package models

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ACLTable is the board's whole permission table: every forum and what
// each group is allowed and denied there. It is small (forums × groups)
// and changes only through board-wide writes, so a server can keep it and
// work out each visitor's rights from their groups without asking the
// database: the visit query then only looks up the session.
type ACLTable struct {
	forums      []int64 // every forum, for administrators' rights
	guests      int64   // the GUESTS group: a visitor without a session
	admins      int64   // the ADMINISTRATORS group: every right everywhere
	byGroup     map[int64][]aclRow
	mu          sync.Mutex
	rightsByKey map[string]*Rights // most members share a handful of group sets
}

// maxKeptGroupSets bounds the rights kept per table: past it, rights of a
// new group set are worked out on each visit.
const maxKeptGroupSets = 4096

type aclRow struct {
	forum        int64
	allow, never Perm
}

// aclColumns read the permission table as columns of another query (the
// visit's), so that a server that keeps none yet pays no extra round trip.
const aclColumns = `(SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM forums) AS acl_forums,
	(SELECT id FROM groups WHERE system_key = 'GUESTS') AS acl_guests,
	(SELECT id FROM groups WHERE system_key = 'ADMINISTRATORS') AS acl_admins,
	(SELECT json_agg(json_build_array(group_id, forum_id, allow, never)) FROM forum_acl) AS acl_grants`

// aclColumnsRow scans aclColumns.
type aclColumnsRow struct {
	ACLForums []int64 `bun:"acl_forums,array"`
	ACLGuests sql.NullInt64
	ACLAdmins sql.NullInt64
	ACLGrants []byte
}

func (r *aclColumnsRow) table() (*ACLTable, error) {
	t := &ACLTable{forums: r.ACLForums, guests: r.ACLGuests.Int64, admins: r.ACLAdmins.Int64,
		byGroup: map[int64][]aclRow{}, rightsByKey: map[string]*Rights{}}
	if len(r.ACLGrants) == 0 {
		return t, nil
	}
	var grants [][4]int64
	if err := json.Unmarshal(r.ACLGrants, &grants); err != nil {
		return nil, fmt.Errorf("permission table: %w", err)
	}
	for _, g := range grants {
		t.byGroup[g[0]] = append(t.byGroup[g[0]], aclRow{forum: g[1], allow: Perm(g[2]), never: Perm(g[3])})
	}
	return t, nil
}

// Size is about how many bytes the table holds.
func (t *ACLTable) Size() int64 {
	n := 8 * len(t.forums)
	for _, rows := range t.byGroup {
		n += 24*len(rows) + 32
	}
	return int64(n)
}

// GuestRights are the rights of a visitor without a session: the GUESTS
// group's.
func (t *ACLTable) GuestRights() *Rights { return t.Rights([]int64{t.guests}) }

// Rights are the rights of a member of the groups: in each forum, what any
// of the groups allows unless one of them says never. Members of
// ADMINISTRATORS hold every right in every forum. The result is shared and
// must not be changed.
func (t *ACLTable) Rights(groups []int64) *Rights {
	groups = slices.Clone(groups)
	slices.Sort(groups)
	var key strings.Builder
	for _, g := range groups {
		key.WriteString(strconv.FormatInt(g, 10))
		key.WriteByte(',')
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if r, ok := t.rightsByKey[key.String()]; ok {
		return r
	}
	r := &Rights{forums: map[int64]Perm{}}
	if slices.Contains(groups, t.admins) {
		r.admin = true
		for _, f := range t.forums {
			r.forums[f] = AllPerms
		}
	} else {
		never := map[int64]Perm{}
		for _, g := range groups {
			for _, row := range t.byGroup[g] {
				r.forums[row.forum] |= row.allow
				never[row.forum] |= row.never
			}
		}
		for f, p := range r.forums {
			if p &^= never[f]; p == 0 {
				delete(r.forums, f)
			} else {
				r.forums[f] = p
			}
		}
	}
	if len(t.rightsByKey) < maxKeptGroupSets {
		t.rightsByKey[key.String()] = r
	}
	return r
}
