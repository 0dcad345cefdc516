package app

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hyperboard/models"
	"hyperboard/views"
)

const browserAdminState = `({url: location.href, marker: window.__marker,
	forums: Array.from(document.querySelectorAll('#admin-forums .forum-title'), a => a.textContent)})`

// browserForumOrder lists the forums of the page's list, in order.
const browserForumOrder = `Array.from(document.querySelectorAll('#admin-forums .forum-title'), a => a.textContent).join('|')`

// An administrator moves the second forum up, in a browser with
// JavaScript (htmx swaps the list in place) and without (the form posts
// and the list page comes back); the board index follows each time.
func TestBrowserAdminReordersForums(t *testing.T) {
	b := newTestBoard(t)
	root := b.member("root", registerPassword)
	b.fx.Join(root, models.GroupAdministrators)
	telescopes := b.fx.Forum("Telescopes")
	binoculars := &models.Forum{CategoryID: telescopes.CategoryID, Title: "Binoculars"}
	if err := b.store.CreateForum(t.Context(), binoculars, 0); err != nil {
		t.Fatal(err)
	}
	base := b.listen()

	for _, c := range []struct {
		mode   string
		js     bool
		second *models.Forum
		want   string
	}{
		{"with JavaScript", true, binoculars, "Binoculars|Telescopes"},
		{"without JavaScript", false, telescopes, "Telescopes|Binoculars"},
	} {
		t.Run(c.mode, func(t *testing.T) {
			ctx := browserMember(t, base, "root", c.js)
			browserDo(t, ctx, "use a phone's width", chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile))
			navigate(t, ctx, "open the forum list", chromedp.Navigate(base+views.AdminForumsPath))
			browserNoSidewaysScroll(t, ctx, "the forum list at 360px")
			up := `.admin-forum[data-forum-id="` + idStr(c.second.ID) + `"] .move-up button`
			if c.js {
				browserWaitUntil(t, ctx, browserScriptLoaded, browserAdminState)
				browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)
				browserDo(t, ctx, "move the second forum up", chromedp.Click(chromedp.CSS(up)))
				browserWaitUntil(t, ctx, browserForumOrder+` === '`+c.want+`'`, browserAdminState)
				if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
					t.Error("the page was reloaded: htmx should have swapped the list")
				}
				if got := browserEval[string](t, ctx, `location.pathname`); got != views.AdminForumsPath {
					t.Errorf("the browser is at %q", got)
				}
			} else {
				navigate(t, ctx, "move the second forum up", chromedp.Click(chromedp.CSS(up)))
				if got := browserEval[string](t, ctx, `location.pathname`); got != views.AdminForumsPath {
					t.Errorf("after the move the browser is at %q", got)
				}
				if got := browserEval[string](t, ctx, browserForumOrder); got != c.want {
					t.Errorf("the list shows %q, want %q", got, c.want)
				}
			}
			navigate(t, ctx, "open the board index", chromedp.Navigate(base+"/"))
			got := browserEval[string](t, ctx, `Array.from(document.querySelectorAll('.forum-row h3 a'), a => a.textContent).join('|')`)
			if got != c.want {
				t.Errorf("the board index shows %q, want %q", got, c.want)
			}
		})
	}
}

// Every page of the panel fits a 360px phone without scrolling sideways.
func TestBrowserAdminPagesOnAPhone(t *testing.T) {
	b := newTestBoard(t)
	root := b.member("root", registerPassword)
	b.fx.Join(root, models.GroupAdministrators)
	long := strings.Repeat("Astrophotography", 4)
	forum := b.fx.Forum(long)
	groupID := b.fx.Group(long, root)
	b.setConfig(func(c *models.BoardConfig) {
		c.HeaderLinks = []models.HeaderLink{{Title: "Club", URL: "https://example.org/" + long}}
	})
	base := b.listen()
	ctx := browserMember(t, base, "root", true)
	browserDo(t, ctx, "use a phone's width", chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile))
	for _, path := range []string{
		views.AdminPath, views.AdminSettingsPath, views.AdminForumsPath, views.AdminForumPath(forum.ID, "edit"),
		views.PermissionsPath(forum.ID), views.AdminForumPath(forum.ID, "delete"), views.AdminGroupsPath,
		views.AdminGroupPath(groupID), views.AdminUsersPath, views.AdminUserPath(root.ID),
	} {
		navigate(t, ctx, "open "+path, chromedp.Navigate(base+path))
		if path == views.PermissionsPath(forum.ID) {
			browserEval[chromedp.Void](t, ctx, `document.querySelectorAll('details.perm-group').forEach(d => d.open = true)`)
		}
		browserNoSidewaysScroll(t, ctx, path+" at 360px")
		browserScreenshot(t, ctx, "phone-admin"+strings.ReplaceAll(path, "/", "-"))
	}
}

// Picking a preset with htmx fills in that group's cells in place; saving
// keeps them.
func TestBrowserAdminPermissionPreset(t *testing.T) {
	b := newTestBoard(t)
	root := b.member("root", registerPassword)
	b.fx.Join(root, models.GroupAdministrators)
	forum := b.fx.Forum("Telescopes")
	registered := b.fx.SystemGroup(models.GroupRegistered)
	base := b.listen()
	ctx := browserMember(t, base, "root", true)
	navigate(t, ctx, "open the matrix", chromedp.Navigate(base+views.PermissionsPath(forum.ID)))
	section := "#" + views.GroupPermissionsID(registered)
	mBan := "#" + views.PermissionField(registered, models.PermInfo{Name: "m_ban"})
	state := `({open: document.querySelector('` + section + `')?.open, ban: document.querySelector('` + mBan + `')?.value,
		preview: !!document.querySelector('` + section + ` .perm-preview'), marker: window.__marker})`
	browserWaitUntil(t, ctx, browserScriptLoaded, state)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42; document.querySelector('`+section+`').open = true`)
	browserDo(t, ctx, "pick the full moderator preset",
		chromedp.SetValue(chromedp.CSS("#"+views.RoleField(registered)), "fullmod"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('`+views.RoleField(registered)+`').dispatchEvent(new Event('change', {bubbles: true}))`),
	)
	browserWaitUntil(t, ctx, `document.querySelector('`+mBan+`')?.value === 'yes' && !!document.querySelector('`+section+` .perm-preview')`, state)
	if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
		t.Error("the page was reloaded: htmx should have swapped the group's section")
	}
	browserEval[chromedp.Void](t, ctx, `window.__marker = 0`)
	browserDo(t, ctx, "save", chromedp.Click(chromedp.CSS(`#`+views.PermissionsFormID+` button[type=submit]`)))
	browserWaitUntil(t, ctx, `!!document.querySelector('.form-saved')`, state)
	grants, err := b.store.ForumGrants(t.Context(), forum.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range grants {
		if g.GroupID == registered && g.Allow&models.ModeratorPerms != models.ModeratorPerms {
			t.Errorf("members hold %b after saving the full moderator preset", g.Allow)
		}
	}
}
