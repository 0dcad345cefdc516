package models

import (
	"context"
	"fmt"
	"time"
)

// The demo club's own groups: one anyone may join, one that takes a
// request (with one waiting), and one that only its members can see.

type demoGroup struct {
	Name        string
	Description string
	Open        bool
	Hidden      bool
	Members     []demoMembership
	Moderates   []string // titles of the forums the group moderates
}

type demoMembership struct {
	Name    string // one of demoUsers
	DaysAgo int    // when they joined, or asked to; after the member joined the board
	Leader  bool
	Pending bool
}

var demoGroups = []demoGroup{
	{
		Name:        "Equipment desk",
		Description: "The members who look after the equipment forum: they answer the loaner-scope questions, merge the tenth \"which first telescope?\" thread into the FAQ, and keep the classifieds honest.",
		Members: []demoMembership{
			{Name: "Tomasz W", DaysAgo: 800, Leader: true},
			{Name: "old_photon_dave", DaysAgo: 780},
		},
		Moderates: []string{"Equipment & Telescopes"},
	},
	{
		Name:        "Astrophotographers",
		Description: "Cameras on mounts, long nights and longer processing sessions. Share your subs, ask about guiding and flats, and argue politely about stretching. Anyone who has pointed a lens at the sky is welcome: join and you are in.",
		Open:        true,
		Members: []demoMembership{
			{Name: "rms_or_bust", DaysAgo: 940, Leader: true},
			{Name: "Zoë", DaysAgo: 700},
			{Name: "Tomasz W", DaysAgo: 610},
			{Name: "jess_at_uni", DaysAgo: 300},
			{Name: "chasing_comets", DaysAgo: 120},
		},
	},
	{
		Name:        "Star party crew",
		Description: "The volunteers who run the club's public star parties: setting up scopes, queueing visitors, handing out red torches and explaining, again, that the Moon is not a planet. Ask to join and Maren will get in touch before the next training evening.",
		Members: []demoMembership{
			{Name: "Maren K", DaysAgo: 1200, Leader: true},
			{Name: "old_photon_dave", DaysAgo: 1150},
			{Name: "Tomasz W", DaysAgo: 900},
			{Name: "lunar_linnea", DaysAgo: 380},
			{Name: "bortle8_ben", DaysAgo: 2, Pending: true},
		},
	},
	{
		Name:        "Observatory keyholders",
		Description: "Members trusted with a key to the roll-off roof observatory at the dark site. Book the pier in the calendar, sign the logbook, and close the roof before dawn, whatever the forecast says.",
		Hidden:      true,
		Members: []demoMembership{
			{Name: "skywarden", DaysAgo: 1300, Leader: true},
			{Name: "old_photon_dave", DaysAgo: 1290},
			{Name: "Maren K", DaysAgo: 1010},
		},
	},
}

// seedGroups writes the demo groups and their members; it runs after the
// users, whose ids are in d.users.
func (d *demoSeeder) seedGroups(ctx context.Context) error {
	for _, dg := range demoGroups {
		g := &Group{Name: dg.Name, Description: dg.Description, Open: dg.Open, Hidden: dg.Hidden}
		if _, err := d.tx.NewInsert().Model(g).Exec(ctx); err != nil {
			return err
		}
		members := make([]*GroupMember, len(dg.Members))
		for i, dm := range dg.Members {
			members[i] = &GroupMember{
				GroupID:  g.ID,
				UserID:   d.users[dm.Name],
				Leader:   dm.Leader,
				Pending:  dm.Pending,
				JoinedAt: d.now.Add(-time.Duration(dm.DaysAgo)*24*time.Hour - d.jitter(10*time.Hour)),
			}
		}
		if _, err := d.tx.NewInsert().Model(&members).Exec(ctx); err != nil {
			return err
		}
		for _, title := range dg.Moderates {
			if err := d.moderate(ctx, g.ID, title); err != nil {
				return err
			}
		}
	}
	return nil
}

// moderate makes a group the standard moderators of a forum.
func (d *demoSeeder) moderate(ctx context.Context, groupID int64, forumTitle string) error {
	forumID, ok := d.forums[forumTitle]
	if !ok {
		return fmt.Errorf("demo: no forum %q to moderate", forumTitle)
	}
	stdmod, _ := RoleByKey("stdmod")
	_, err := d.tx.NewRaw("INSERT INTO forum_acl (forum_id, group_id, allow) VALUES (?, ?, ?)",
		forumID, groupID, int64(stdmod.Allow)).Exec(ctx)
	return err
}
