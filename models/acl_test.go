package models_test

import (
	"slices"
	"strconv"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// rightsOf loads a member's rights as every request does: through the visit
// of a fresh session (nil user: a guest).
func rightsOf(t *testing.T, store *models.Store, u *models.User) *models.Rights {
	t.Helper()
	token := ""
	if u != nil {
		var err error
		if token, _, err = store.CreateSession(t.Context(), u.ID, false, "127.0.0.1", "test"); err != nil {
			t.Fatal(err)
		}
	}
	v, err := store.Visit(t.Context(), token, nil)
	if err != nil {
		t.Fatal(err)
	}
	return v.Rights
}

func TestRightsComeFromGroups(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	open, private := fx.Forum("Open"), fx.Forum("Private")
	member, insider, outcast := fx.User("member"), fx.User("insider"), fx.User("outcast")
	insiders := fx.Group("Insiders", insider, outcast)
	outcasts := fx.Group("Outcasts", outcast)
	registered, guests := fx.SystemGroup(models.GroupRegistered), fx.SystemGroup(models.GroupGuests)
	fx.Grant(private.ID, registered, 0, 0)
	fx.Grant(private.ID, guests, 0, 0)
	fx.Grant(private.ID, insiders, models.FList|models.FRead|models.FReply, 0)
	fx.Grant(open.ID, outcasts, 0, models.FReply)

	t.Run("new forums get the board's defaults", func(t *testing.T) {
		guest, m := rightsOf(t, store, nil), rightsOf(t, store, member)
		if !guest.Can(open.ID, models.FList|models.FRead) || guest.CanAny(open.ID, models.FPost|models.FReply) {
			t.Error("guests should read, and only read, a new forum")
		}
		if !m.Can(open.ID, models.FPost|models.FReply|models.FEdit|models.FBBCode) || m.CanAny(open.ID, models.FSticky|models.ModeratorPerms) {
			t.Error("members should take part in a new forum, without sticky or moderator rights")
		}
	})
	t.Run("a forum with no grants for a group does not exist for it", func(t *testing.T) {
		for name, r := range map[string]*models.Rights{"guest": rightsOf(t, store, nil), "member": rightsOf(t, store, member)} {
			if r.CanAny(private.ID, models.AllPerms) || slices.Contains(r.Forums(models.FList), private.ID) {
				t.Errorf("%s holds rights in the private forum", name)
			}
		}
	})
	t.Run("rights are the union over the member's groups", func(t *testing.T) {
		r := rightsOf(t, store, insider)
		if !r.Can(private.ID, models.FList|models.FRead|models.FReply) || r.Can(private.ID, models.FPost) {
			t.Error("insider's rights in the private forum are wrong")
		}
		if !r.Can(open.ID, models.FPost) {
			t.Error("insider lost the REGISTERED rights in the open forum")
		}
	})
	t.Run("never wins over any grant", func(t *testing.T) {
		r := rightsOf(t, store, outcast)
		if r.Can(open.ID, models.FReply) {
			t.Error("a never from one group was overruled by REGISTERED's grant")
		}
		if !r.Can(open.ID, models.FPost) || !r.Can(private.ID, models.FRead) {
			t.Error("a never took away more than it names")
		}
	})
	t.Run("a pending request gives nothing", func(t *testing.T) {
		waiting := fx.User("waiting")
		if _, err := store.DB().NewRaw("INSERT INTO group_members (group_id, user_id, pending) VALUES (?, ?, true)", insiders, waiting.ID).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
		if rightsOf(t, store, waiting).Can(private.ID, models.FList) {
			t.Error("a pending member sees the private forum")
		}
	})
	t.Run("administrators hold every right in every forum", func(t *testing.T) {
		admin := fx.User("admin")
		fx.Join(admin, models.GroupAdministrators)
		r := rightsOf(t, store, admin)
		if !r.Admin() || !r.Can(private.ID, models.AllPerms) || !slices.Equal(r.Forums(models.MBan), []int64{open.ID, private.ID}) {
			t.Errorf("admin rights: admin=%v forums=%v", r.Admin(), r.Forums(models.MBan))
		}
	})
	t.Run("global moderators moderate every forum with default grants", func(t *testing.T) {
		mod := fx.User("mod")
		fx.Join(mod, models.GroupModerators)
		r := rightsOf(t, store, mod)
		if !r.Can(open.ID, models.ModeratorPerms) || r.Admin() {
			t.Error("a global moderator should hold every moderator right, and not be an admin")
		}
	})
}

func TestForumGrantsRoundTrip(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	forum, other := fx.Forum("Matrix"), fx.Forum("Other")
	crew := fx.Group("Crew")
	grants, err := store.ForumGrants(t.Context(), forum.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range grants {
		names = append(names, g.GroupName)
	}
	if !slices.Equal(names, []string{"Guests", "Registered users", "Moderators", "Crew"}) {
		t.Fatalf("matrix groups = %v", names)
	}
	role := func(key string) models.Perm { r, _ := models.RoleByKey(key); return r.Allow }
	if grants[0].Allow != role("readonly") || grants[1].Allow != role("standard") || grants[2].Allow != role("full")|role("fullmod") || grants[3].Allow != 0 {
		t.Errorf("a new forum's defaults are not the role presets: %+v", grants)
	}
	grants[3].Allow = models.FList | models.FRead | models.MLock
	grants[1].Allow, grants[1].Never = models.FList|models.FRead|models.FPost, models.FPost
	if err := store.SetForumGrants(t.Context(), forum.ID, grants); err != nil {
		t.Fatal(err)
	}
	got, err := store.ForumGrants(t.Context(), forum.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got[3].Allow != models.FList|models.FRead|models.MLock {
		t.Errorf("crew allow = %b", got[3].Allow)
	}
	if got[1].Allow != models.FList|models.FRead || got[1].Never != models.FPost {
		t.Errorf("a grant that is also never is kept as never only: allow=%b never=%b", got[1].Allow, got[1].Never)
	}
	f, err := store.Forum(t.Context(), forum.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Moderators) != 1 || f.Moderators[0].ID != crew || f.Moderators[0].Name != "Crew" {
		t.Errorf("moderators = %+v, want Crew", f.Moderators)
	}
	if err := store.CopyForumGrants(t.Context(), forum.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	copied, _ := store.ForumGrants(t.Context(), other.ID)
	if copied[3].Allow != got[3].Allow || copied[1].Never != got[1].Never {
		t.Error("copied grants differ")
	}
	if err := store.SetForumGrants(t.Context(), 1<<40, grants); err == nil {
		t.Error("grants for a missing forum were accepted")
	}
}

// The SQL literal that finds moderating groups must be ModeratorPerms.
func TestModeratorMaskMatches(t *testing.T) {
	if got := models.ModeratorMaskSQL; got != strconv.FormatUint(uint64(models.ModeratorPerms), 10) {
		t.Errorf("moderatorMaskSQL = %s, ModeratorPerms = %d", got, models.ModeratorPerms)
	}
}
