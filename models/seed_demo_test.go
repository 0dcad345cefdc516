package models_test

import (
	"strconv"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/models"
)

func TestSeedDemo(t *testing.T) {
	store := dbtest.Store(t)
	staff, err := store.SeedDemo(t.Context())
	if err != nil || staff == nil || staff.Admin == nil || staff.Moderator == nil {
		t.Fatalf("SeedDemo = %v, %v; want the administrator and a moderator", staff, err)
	}
	for key, u := range map[string]*models.User{"ADMINISTRATORS": staff.Admin, "MODERATORS": staff.Moderator} {
		if n := queryInt(t, store, `SELECT count(*) FROM group_members m JOIN groups g ON g.id = m.group_id
			WHERE g.system_key = '`+key+`' AND m.user_id = `+strconv.FormatInt(u.ID, 10)); n != 1 {
			t.Errorf("the returned %s is not in the %s group", u.Username, key)
		}
	}
	if n := queryInt(t, store, `SELECT count(*) FROM forum_acl a JOIN groups g ON g.id = a.group_id
		WHERE g.system_key IS NULL AND a.allow & `+strconv.FormatUint(uint64(models.ModeratorPerms), 10)+` <> 0`); n < 1 {
		t.Error("no user-made group moderates a forum")
	}
	if n := queryInt(t, store, `SELECT count(*) FROM forum_acl a JOIN groups g ON g.id = a.group_id
		WHERE g.system_key = 'REGISTERED' AND a.allow & `+strconv.FormatUint(uint64(models.FPost), 10)+` = 0`); n < 1 {
		t.Error("no forum is read-only for members")
	}

	atLeast := map[string]int64{
		"categories":                         2,
		"forums":                             5,
		"topics":                             40,
		"users":                              5,
		"topics WHERE kind = 1":              1,
		"topics WHERE kind = 2":              1,
		"topics WHERE locked":                1,
		"topics WHERE last_post_number > 50": 1, // three pages at 25 posts a page
		"users WHERE rank_id IS NOT NULL":    1,
	}
	for from, least := range atLeast {
		if n := queryInt(t, store, "SELECT count(*) FROM "+from); n < least {
			t.Errorf("%s: %d rows, want at least %d", from, n, least)
		}
	}
	if n := queryInt(t, store, "SELECT count(*) FROM posts WHERE created_at > now()"); n != 0 {
		t.Errorf("%d posts are dated in the future", n)
	}
	if n := queryInt(t, store, `SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id WHERE p.created_at < u.joined_at`); n != 0 {
		t.Errorf("%d posts predate their author joining", n)
	}
	if n := queryInt(t, store, `SELECT count(*) FROM posts p JOIN topics t ON t.id = p.topic_id
		WHERE p.post_number > 1 AND p.created_at < (SELECT created_at FROM posts q WHERE q.topic_id = p.topic_id AND q.post_number = p.post_number - 1)`); n != 0 {
		t.Errorf("%d replies are dated before the post they follow", n)
	}
	drift, err := store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s: %d rows drifted after seeding", d.Table, d.Rows)
		}
	}
	cfg, err := store.BoardConfig(t.Context())
	if err != nil || cfg.Title == "Hyperboard" || len(cfg.HeaderLinks) == 0 {
		t.Errorf("board config not seeded: %+v, %v", cfg, err)
	}

	t.Run("seeding again changes nothing", func(t *testing.T) {
		before := queryString(t, store, boardShape)
		staff, err := store.SeedDemo(t.Context())
		if err != nil || staff != nil {
			t.Fatalf("second SeedDemo = %v, %v; want nil, nil", staff, err)
		}
		if after := queryString(t, store, boardShape); after != before {
			t.Error("the second SeedDemo changed the board")
		}
	})
}
