package models_test

import (
	"errors"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/models"
)

// groupBoard is a store with a few members and user-made groups.
type groupBoard struct {
	t     *testing.T
	store *models.Store
}

func (b groupBoard) user(name string) *models.User {
	b.t.Helper()
	u := &models.User{Username: name, Email: name + "@example.invalid"}
	if err := b.store.CreateUser(b.t.Context(), u); err != nil {
		b.t.Fatal(err)
	}
	return u
}

func (b groupBoard) group(name string, open, hidden bool) *models.Group {
	b.t.Helper()
	g := &models.Group{Name: name, Description: "About " + name, Open: open, Hidden: hidden}
	if _, err := b.store.DB().NewInsert().Model(g).Exec(b.t.Context()); err != nil {
		b.t.Fatal(err)
	}
	return g
}

func (b groupBoard) add(g *models.Group, u *models.User, leader, pending bool) {
	b.t.Helper()
	m := &models.GroupMember{GroupID: g.ID, UserID: u.ID, Leader: leader, Pending: pending}
	if _, err := b.store.DB().NewInsert().Model(m).Exec(b.t.Context()); err != nil {
		b.t.Fatal(err)
	}
}

func (b groupBoard) standing(g *models.Group, u *models.User) models.Membership {
	b.t.Helper()
	vg, err := b.store.VisibleGroup(b.t.Context(), g.ID, u.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	return vg.Viewer
}

func names(groups []*models.ViewedGroup) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g.Name)
	}
	return out
}

func TestVisibleGroups(t *testing.T) {
	b := groupBoard{t, dbtest.Store(t)}
	ctx := t.Context()
	leader, member, outsider, admin := b.user("leader"), b.user("member"), b.user("outsider"), b.user("admin")
	if err := b.store.AddToSystemGroup(ctx, admin.ID, models.GroupAdministrators); err != nil {
		t.Fatal(err)
	}
	club := b.group("Club", false, false)
	b.add(club, leader, true, false)
	b.add(club, member, false, false)
	b.add(club, outsider, false, true)
	secret := b.group("Secret", true, true)
	b.add(secret, member, false, false)
	waiting := b.user("waiting")
	b.add(secret, waiting, false, true)

	t.Run("guests see the system groups first, then the visible ones by name, never GUESTS", func(t *testing.T) {
		groups, err := b.store.VisibleGroups(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Administrators", "Moderators", "Registered users", "Club"}
		if got := names(groups); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
			t.Errorf("groups = %q, want %q", got, want)
		}
	})
	t.Run("pending members are not counted", func(t *testing.T) {
		g, err := b.store.VisibleGroup(ctx, club.ID, outsider.ID)
		if err != nil {
			t.Fatal(err)
		}
		if g.MemberCount != 2 || g.Viewer != models.PendingMember {
			t.Errorf("count %d, standing %d; want 2 members and a pending viewer", g.MemberCount, g.Viewer)
		}
	})
	t.Run("a hidden group is not found by those outside it or still waiting", func(t *testing.T) {
		for _, u := range []*models.User{outsider, waiting} {
			if _, err := b.store.VisibleGroup(ctx, secret.ID, u.ID); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("%s: err = %v, want ErrNotFound", u.Username, err)
			}
			groups, _ := b.store.VisibleGroups(ctx, u.ID)
			for _, g := range groups {
				if g.ID == secret.ID {
					t.Errorf("%s's list holds the hidden group", u.Username)
				}
			}
		}
	})
	t.Run("a hidden group shows to its members and to administrators", func(t *testing.T) {
		for _, u := range []*models.User{member, admin} {
			g, err := b.store.VisibleGroup(ctx, secret.ID, u.ID)
			if err != nil {
				t.Fatalf("%s: %v", u.Username, err)
			}
			if g.MemberCount != 1 {
				t.Errorf("%s: count %d, want 1", u.Username, g.MemberCount)
			}
		}
	})
	t.Run("leaders and administrators manage, members do not", func(t *testing.T) {
		for u, want := range map[*models.User]bool{leader: true, admin: true, member: false, outsider: false} {
			g, _ := b.store.VisibleGroup(ctx, club.ID, u.ID)
			if g.CanManage() != want {
				t.Errorf("%s: CanManage = %v", u.Username, !want)
			}
		}
	})
}

func TestJoinAndLeaveGroup(t *testing.T) {
	b := groupBoard{t, dbtest.Store(t)}
	ctx := t.Context()
	u := b.user("stella")
	open, closed := b.group("Open", true, false), b.group("Closed", false, false)

	t.Run("an open group takes a member at once", func(t *testing.T) {
		m, err := b.store.JoinGroup(ctx, open.ID, u.ID)
		if err != nil || m != models.Member || b.standing(open, u) != models.Member {
			t.Fatalf("JoinGroup = %d, %v", m, err)
		}
		if _, err := b.store.JoinGroup(ctx, open.ID, u.ID); !errors.Is(err, models.ErrAlreadyInGroup) {
			t.Errorf("joining twice: %v, want ErrAlreadyInGroup", err)
		}
	})
	t.Run("a closed group takes a request", func(t *testing.T) {
		m, err := b.store.JoinGroup(ctx, closed.ID, u.ID)
		if err != nil || m != models.PendingMember || b.standing(closed, u) != models.PendingMember {
			t.Fatalf("JoinGroup = %d, %v", m, err)
		}
		if _, err := b.store.JoinGroup(ctx, closed.ID, u.ID); !errors.Is(err, models.ErrAlreadyPending) {
			t.Errorf("asking twice: %v, want ErrAlreadyPending", err)
		}
	})
	t.Run("leaving removes a membership and withdraws a request", func(t *testing.T) {
		for g, was := range map[*models.Group]models.Membership{open: models.Member, closed: models.PendingMember} {
			m, err := b.store.LeaveGroup(ctx, g.ID, u.ID)
			if err != nil || m != was || b.standing(g, u) != models.NotMember {
				t.Errorf("%s: LeaveGroup = %d, %v", g.Name, m, err)
			}
			if _, err := b.store.LeaveGroup(ctx, g.ID, u.ID); !errors.Is(err, models.ErrNotInGroup) {
				t.Errorf("%s: leaving twice: %v, want ErrNotInGroup", g.Name, err)
			}
		}
	})
	t.Run("system groups cannot be joined or left", func(t *testing.T) {
		var ids []int64
		if err := b.store.DB().NewSelect().Table("groups").Column("id").Where("system_key IS NOT NULL").Scan(ctx, &ids); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if _, err := b.store.JoinGroup(ctx, id, u.ID); !errors.Is(err, models.ErrSystemGroup) || !errors.Is(err, models.ErrForbidden) {
				t.Errorf("group %d: join: %v", id, err)
			}
			if _, err := b.store.LeaveGroup(ctx, id, u.ID); !errors.Is(err, models.ErrSystemGroup) {
				t.Errorf("group %d: leave: %v", id, err)
			}
		}
		if n := queryInt(t, b.store, "SELECT count(*) FROM group_members"); n != 1 {
			t.Errorf("%d memberships, want only REGISTERED", n)
		}
	})
	t.Run("an unknown group is not found", func(t *testing.T) {
		if _, err := b.store.JoinGroup(ctx, 999999, u.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestDecideRequest(t *testing.T) {
	b := groupBoard{t, dbtest.Store(t)}
	ctx := t.Context()
	leader, member, admin := b.user("leader"), b.user("member"), b.user("admin")
	if err := b.store.AddToSystemGroup(ctx, admin.ID, models.GroupAdministrators); err != nil {
		t.Fatal(err)
	}
	g := b.group("Crew", false, false)
	b.add(g, leader, true, false)
	b.add(g, member, false, false)
	asker := func(name string) *models.User {
		u := b.user(name)
		b.add(g, u, false, true)
		return u
	}

	t.Run("a member who does not lead cannot decide", func(t *testing.T) {
		u := asker("hopeful")
		if err := b.store.DecideRequest(ctx, g.ID, u.ID, member.ID, true); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("err = %v, want ErrForbidden", err)
		}
		if b.standing(g, u) != models.PendingMember {
			t.Error("the request changed")
		}
	})
	t.Run("a leader approves and the asker becomes a member", func(t *testing.T) {
		u := asker("approved")
		if err := b.store.DecideRequest(ctx, g.ID, u.ID, leader.ID, true); err != nil {
			t.Fatal(err)
		}
		if b.standing(g, u) != models.Member {
			t.Error("not a member after approval")
		}
		if err := b.store.DecideRequest(ctx, g.ID, u.ID, leader.ID, true); !errors.Is(err, models.ErrNoPendingMember) {
			t.Errorf("approving a member: %v, want ErrNoPendingMember", err)
		}
	})
	t.Run("an administrator denies and the request is gone", func(t *testing.T) {
		u := asker("denied")
		if err := b.store.DecideRequest(ctx, g.ID, u.ID, admin.ID, false); err != nil {
			t.Fatal(err)
		}
		if b.standing(g, u) != models.NotMember {
			t.Error("the request is still there")
		}
	})
	t.Run("a leader who left can no longer decide", func(t *testing.T) {
		u := asker("late")
		if _, err := b.store.LeaveGroup(ctx, g.ID, leader.ID); err != nil {
			t.Fatal(err)
		}
		if err := b.store.DecideRequest(ctx, g.ID, u.ID, leader.ID, true); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("err = %v, want ErrForbidden", err)
		}
	})
}

func TestDemoGroups(t *testing.T) {
	store := dbtest.Store(t)
	if _, err := store.SeedDemo(t.Context()); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int64{
		"SELECT count(*) FROM groups WHERE system_key IS NULL AND open AND NOT hidden":     1,
		"SELECT count(*) FROM groups WHERE system_key IS NULL AND NOT open AND NOT hidden": 2,
		"SELECT count(*) FROM groups WHERE system_key IS NULL AND hidden":                  1,
		`SELECT count(*) FROM group_members m JOIN groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
			WHERE m.leader AND NOT g.open AND NOT g.hidden AND u.username = 'Maren K'`: 1,
		"SELECT count(*) FROM group_members WHERE pending": 1,
		`SELECT count(*) FROM group_members m JOIN users u ON u.id = m.user_id
			WHERE m.joined_at < u.joined_at OR m.joined_at > now()`: 0,
	} {
		if n := queryInt(t, store, query); n != want {
			t.Errorf("%s: %d, want %d", query, n, want)
		}
	}
}
