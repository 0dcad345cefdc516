package models

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/uptrace/bun"

	"hyperboard/bbcode"
)

// demoTimezone is the demo board's default zone; it makes the footer's
// "All times are UTC+01:00" (in winter) visibly not UTC.
const demoTimezone = "Europe/Berlin"

// DemoAccounts are the demo community's staff, who have no passwords yet.
type DemoAccounts struct {
	Admin     *User
	Moderator *User // a global moderator
}

// SeedDemo fills an empty board with the demo community and returns its
// staff accounts. It does nothing (and returns nil) when the board already
// has categories, so it is safe to run on every start.
func (s *Store) SeedDemo(ctx context.Context) (*DemoAccounts, error) {
	var staff *DemoAccounts
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		// Two servers starting on one empty database must not both seed.
		if _, err := tx.ExecContext(ctx, "LOCK TABLE categories IN EXCLUSIVE MODE"); err != nil {
			return err
		}
		exists, err := tx.NewSelect().Table("categories").Exists(ctx)
		if err != nil || exists {
			return err
		}
		changed(ctx, TagAll)
		d := demoSeeder{tx: tx, now: time.Now(), rng: rand.New(rand.NewPCG(2026, 11))}
		if err := d.seed(ctx); err != nil {
			return err
		}
		staff = &DemoAccounts{Admin: d.admin, Moderator: d.moderator}
		_, err = recount(ctx, tx, true)
		return err
	})
	return staff, err
}

type demoSeeder struct {
	tx        bun.Tx
	now       time.Time
	rng       *rand.Rand
	users     map[string]int64
	forums    map[string]int64
	admin     *User
	moderator *User
}

func (d *demoSeeder) seed(ctx context.Context) error {
	cfg := &BoardConfig{ID: 1}
	if err := d.tx.NewSelect().Model(cfg).WherePK().Scan(ctx); err != nil {
		return err
	}
	cfg.Title, cfg.Description, cfg.HeaderLinks = demoBoardTitle, demoBoardDescription, demoHeaderLinks
	cfg.DefaultTimezone = demoTimezone
	if _, err := d.tx.NewUpdate().Model(cfg).WherePK().Exec(ctx); err != nil {
		return err
	}
	ranks, err := d.seedRanks(ctx)
	if err != nil {
		return err
	}
	if err := d.seedUsers(ctx, ranks); err != nil {
		return err
	}
	d.forums = map[string]int64{}
	for ci, dc := range demoCategories {
		cat := &Category{Title: dc.Title, Position: ci + 1}
		if _, err := d.tx.NewInsert().Model(cat).Exec(ctx); err != nil {
			return err
		}
		for fi, df := range dc.Forums {
			forum := &Forum{CategoryID: cat.ID, Title: df.Title, Description: df.Description, Position: fi + 1, Locked: df.Locked}
			if _, err := d.tx.NewInsert().Model(forum).Exec(ctx); err != nil {
				return err
			}
			d.forums[df.Title] = forum.ID
			if df.ReadOnly {
				if err := d.readOnlyForMembers(ctx, forum.ID); err != nil {
					return err
				}
			}
			for _, dt := range df.Topics {
				if err := d.seedTopic(ctx, forum.ID, dt); err != nil {
					return err
				}
			}
		}
	}
	if err := d.seedGroups(ctx); err != nil {
		return err
	}
	return nil
}

// readOnlyForMembers keeps a forum for the staff to write in: members
// read it as guests do.
func (d *demoSeeder) readOnlyForMembers(ctx context.Context, forumID int64) error {
	readOnly, _ := RoleByKey("readonly")
	_, err := d.tx.NewRaw(`UPDATE forum_acl SET allow = ? WHERE forum_id = ?
		AND group_id = (SELECT id FROM groups WHERE system_key = ?)`, int64(readOnly.Allow), forumID, GroupRegistered).Exec(ctx)
	return err
}

func (d *demoSeeder) seedRanks(ctx context.Context) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, r := range demoRanks {
		var id int64
		err := d.tx.NewRaw("INSERT INTO ranks (title, min_posts, special) VALUES (?, ?, ?) RETURNING id",
			r.Title, r.MinPosts, r.Special).Scan(ctx, &id)
		if err != nil {
			return nil, err
		}
		ids[r.Title] = id
	}
	return ids, nil
}

func (d *demoSeeder) seedUsers(ctx context.Context, ranks map[string]int64) error {
	d.users = map[string]int64{}
	for _, du := range demoUsers {
		u := &User{
			Username:      du.Name,
			UsernameKey:   UsernameKey(du.Name),
			Email:         du.Email,
			JoinedAt:      d.now.Add(-time.Duration(du.JoinedDaysAgo)*24*time.Hour - d.jitter(12*time.Hour)),
			Timezone:      du.Timezone,
			Signature:     du.Signature,
			SignatureHTML: bbcode.Cook(du.Signature),
			RankID:        ranks[du.Rank],
		}
		if _, err := d.tx.NewInsert().Model(u).Exec(ctx); err != nil {
			return err
		}
		d.users[du.Name] = u.ID
		groups := []string{GroupRegistered}
		if du.Moderator {
			groups = append(groups, GroupModerators)
			if d.moderator == nil {
				d.moderator = u
			}
		}
		if du.Admin {
			groups = append(groups, GroupAdministrators)
			d.admin = u
		}
		for _, g := range groups {
			if err := joinSystemGroup(ctx, d.tx, u.ID, g); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedTopic writes a topic and its posts with plausible times: replies
// follow the opening post within hours, long threads spread over their whole
// life, and nothing is dated in the future. Counters are left to recount.
func (d *demoSeeder) seedTopic(ctx context.Context, forumID int64, dt demoTopic) error {
	n := len(dt.Posts)
	start := d.now.Add(-time.Duration(dt.StartedDaysAgo)*24*time.Hour - d.jitter(10*time.Hour))
	if dt.StartedDaysAgo == 0 {
		start = d.now.Add(-time.Duration(n)*50*time.Minute - d.jitter(time.Hour))
	}
	topic := &Topic{
		ForumID:   forumID,
		AuthorID:  d.users[dt.Posts[0].Author],
		Title:     dt.Title,
		Kind:      dt.Kind,
		Locked:    dt.Locked,
		ViewCount: int64(n*(15+d.rng.IntN(40)) + d.rng.IntN(60)),
		CreatedAt: start,
	}
	if _, err := d.tx.NewInsert().Model(topic).Exec(ctx); err != nil {
		return err
	}
	at := start
	for i, dp := range dt.Posts {
		if i > 0 {
			at = at.Add(d.replyGap(d.now.Sub(at), n-i, n))
		}
		post := &Post{
			TopicID:    topic.ID,
			AuthorID:   d.users[dp.Author],
			PostNumber: i + 1,
			Subject:    dp.Subject,
			Body:       dp.Body,
			BodyHTML:   bbcode.Cook(dp.Body),
			CreatedAt:  at,
		}
		if i == 0 {
			post.Subject = dt.Title
		}
		if _, err := d.tx.NewInsert().Model(post).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// replyGap picks the time before the next reply so that the remaining
// replies still fit before now; short threads answer within a day or so.
func (d *demoSeeder) replyGap(left time.Duration, remaining, total int) time.Duration {
	most := left / time.Duration(remaining+1)
	if total < 20 {
		most = min(most, 30*time.Hour)
	}
	least := min(most/4, 20*time.Minute)
	return least + d.jitter(most-least)
}

func (d *demoSeeder) jitter(upTo time.Duration) time.Duration {
	if upTo <= 0 {
		return 0
	}
	return time.Duration(d.rng.Int64N(int64(upTo)))
}
