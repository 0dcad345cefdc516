package app

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hyperboard/bbcode"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// SECURITY-TESTS.md items 49-58: who may do what, checked on the server
// at the moment of the write. (Item 49, moderators outside their forums,
// is the permission matrix's modA/modB rows.)

func TestExtraFieldsAreIgnored(t *testing.T) {
	b := newModBoard(t)
	other := b.fx.User("bystander")
	own, err := b.store.CreateReply(t.Context(), b.topicB.ID, models.NewPost{AuthorID: b.memberU.ID, Body: "mine", BodyHTML: "<p>mine</p>"})
	if err != nil {
		t.Fatal(err)
	}
	extra := url.Values{
		"author_id": {idStr(other.ID)}, "user_id": {idStr(other.ID)}, "topic_id": {idStr(b.topicA.ID)},
		"forum_id": {idStr(b.forumA.ID)}, "sticky": {"1"}, "locked": {"1"}, "kind": {"2"}, "approved": {"0"},
		"role": {"admin"}, "post_number": {"1"}, "edit_count": {"99"}, "deleted_at": {"2020-01-01"},
		"post_count": {"1000"}, "banned": {"1"}, "username": {"renamed"}, "email": {"x@evil.example"}, "group": {"ADMINISTRATORS"},
	}
	with := func(v url.Values) url.Values {
		out := cloneValues(v)
		for k, vs := range extra {
			out[k] = vs
		}
		return out
	}
	userRow := func() string {
		var s string
		if err := b.store.DB().NewRaw(`SELECT concat_ws(',', username, email, post_count,
			(SELECT string_agg(group_id::text, ',' ORDER BY group_id) FROM group_members WHERE user_id = u.id)) FROM users u WHERE id = ?`,
			b.memberU.ID).Scan(t.Context(), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	beforeUser := userRow()

	if resp, body := b.member.post(views.EditPath(own.ID), with(url.Values{"message": {"edited mine"}, "version": {"0"}})); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", resp.StatusCode, body)
	}
	var post struct {
		TopicID, AuthorID int64
		PostNumber        int
		EditCount         int
		Body              string
	}
	if err := b.store.DB().NewRaw("SELECT topic_id, author_id, post_number, edit_count, body FROM posts WHERE id = ?", own.ID).Scan(t.Context(), &post); err != nil {
		t.Fatal(err)
	}
	if post.TopicID != b.topicB.ID || post.AuthorID != b.memberU.ID || post.PostNumber != own.PostNumber || post.EditCount != 1 || post.Body != "edited mine" {
		t.Errorf("after an edit with extra fields the post is %+v", post)
	}

	resp, body := b.member.post(views.ReplyPath(b.topicB.ID), with(url.Values{"message": {"a reply with extras"}, "key": {models.NewToken()}}))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d\n%s", resp.StatusCode, body)
	}
	var author int64
	if err := b.store.DB().NewRaw("SELECT author_id FROM posts WHERE body = 'a reply with extras'").Scan(t.Context(), &author); err != nil || author != b.memberU.ID {
		t.Errorf("the reply's author is %d (%v), want the member", author, err)
	}
	if resp, body := b.member.post("/settings/preferences", with(url.Values{"timezone": {"UTC"}, "location": {"Here"}})); resp.StatusCode >= 400 {
		t.Fatalf("preferences: %d\n%s", resp.StatusCode, body)
	}
	afterTopic := b.topicRow(t, b.topicB.ID)
	if afterTopic.Locked || afterTopic.Kind != models.TopicKind(0) || afterTopic.ForumID != b.forumB.ID {
		t.Errorf("the extras moved, locked or pinned the topic: %+v", afterTopic)
	}
	if got := userRow(); strings.Split(got, ",")[0] != strings.Split(beforeUser, ",")[0] || strings.Contains(got, "evil") {
		t.Errorf("account changed by extras: %s -> %s", beforeUser, got)
	}
	if n := countRows(t, b.testBoard, "SELECT count(*) FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = ? AND g.system_key = ?", b.memberU.ID, models.GroupAdministrators); n != 0 {
		t.Error("the member joined the administrators")
	}
	b.noDrift(t)
}

func TestLockedTopicRefusesDirectReplies(t *testing.T) {
	b := newModBoard(t)
	locked := b.fx.Topic(b.forumB, b.author, fixture.TopicSpec{Title: "Closed", Posts: 3, Locked: true})
	ids := b.fx.PostIDs(locked.ID)
	reply := func(topic int64) (*http.Response, string) {
		return b.member.post(views.ReplyPath(topic), url.Values{"message": {"sneaking in"}, "key": {models.NewToken()}})
	}
	check := func(what string, topic int64, wantGone bool) {
		t.Helper()
		before := b.snapshot()
		for _, htmx := range []string{"", "true"} {
			resp, body := reply(topic)
			if htmx != "" {
				resp, body = b.member.post(views.ReplyPath(topic), url.Values{"message": {"sneaking in"}, "key": {models.NewToken()}}, "HX-Request", "true")
			}
			switch {
			case wantGone && resp.StatusCode != http.StatusNotFound:
				t.Errorf("%s (htmx %q): %d, want 404", what, htmx, resp.StatusCode)
			case !wantGone && resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusUnprocessableEntity:
				t.Errorf("%s (htmx %q): %d, want a refusal", what, htmx, resp.StatusCode)
			case !wantGone && !strings.Contains(body, "locked"):
				t.Errorf("%s (htmx %q): the refusal does not say the topic is locked", what, htmx)
			}
		}
		if b.snapshot() != before {
			t.Errorf("%s: the refused reply wrote something", what)
		}
	}
	check("a locked topic", locked.ID, false)
	// The opening post gone (posts are only ever soft-deleted, so this is
	// the nearest there is to phpBB's hard delete): still locked.
	if _, err := b.store.DeletePost(t.Context(), ids[0], b.modUser.ID); err != nil {
		t.Fatal(err)
	}
	check("a locked topic without its first post", locked.ID, false)
	// Every post gone takes the topic with it: it no longer exists.
	for _, id := range ids[1:] {
		if _, err := b.store.DeletePost(t.Context(), id, b.modUser.ID); err != nil {
			t.Fatal(err)
		}
	}
	check("a topic whose posts are all deleted", locked.ID, true)
}

func TestQuotesDiscloseNothingUnreadable(t *testing.T) {
	b := newModBoard(t)
	hidden := b.fx.Forum("Staff room")
	for _, key := range []string{models.GroupGuests, models.GroupRegistered, models.GroupModerators} {
		b.fx.Grant(hidden.ID, b.fx.SystemGroup(key), 0, 0)
	}
	secret := b.fx.Topic(hidden, b.author, fixture.TopicSpec{Title: "Secret", Posts: 1})
	secretPost := b.fx.PostIDs(secret.ID)[0]
	if _, err := b.store.DB().ExecContext(t.Context(), "UPDATE posts SET body = 'the launch code is 0000' WHERE id = ?", secretPost); err != nil {
		t.Fatal(err)
	}
	gone := b.postsB[2]
	if _, err := b.store.DB().ExecContext(t.Context(), "UPDATE posts SET body = 'deleted words' WHERE id = ?", gone); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.DeletePost(t.Context(), gone, b.author.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		name string
		id   int64
		text string
	}{{"a post in a forum the member cannot read", secretPost, "launch code"}, {"a deleted post", gone, "deleted words"}} {
		for _, htmx := range []string{"", "true"} {
			resp, body := b.member.get(views.QuotePath(b.topicB.ID, q.id), "HX-Request", htmx)
			if resp.StatusCode != http.StatusNotFound || strings.Contains(body, q.text) {
				t.Errorf("quote of %s (htmx %q): %d, disclosed %v", q.name, htmx, resp.StatusCode, strings.Contains(body, q.text))
			}
			resp, body = b.member.post(views.QuotePath(b.topicB.ID, q.id), url.Values{"message": {"typed"}}, "HX-Request", htmx)
			if resp.StatusCode != http.StatusNotFound || strings.Contains(body, q.text) {
				t.Errorf("inline quote of %s (htmx %q): %d, disclosed %v", q.name, htmx, resp.StatusCode, strings.Contains(body, q.text))
			}
		}
	}
	// Search and the post permalink agree.
	if _, body := b.member.get("/search?q=launch"); strings.Contains(body, "launch code") {
		t.Error("search shows the unreadable post")
	}
	if resp, _ := b.member.get(views.PostPath(secretPost)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("permalink of an unreadable post: %d", resp.StatusCode)
	}
}

func TestOtherMembersPrivateObjects(t *testing.T) {
	b := newModBoard(t)
	_, aliceU := b.loggedIn("alice")
	bob, _ := b.loggedIn("bob")
	b.loggedIn("carol")
	pm, err := b.store.SendPM(t.Context(), models.NewPM{SenderID: aliceU.ID, To: []string{"carol"}, Subject: "Private", Body: "for carol only",
		BodyHTML: "<p>for carol only</p>", Limits: pmLimits})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.SaveDraft(t.Context(), aliceU.ID, b.topicB.ID, "alice's unfinished draft"); err != nil {
		t.Fatal(err)
	}
	own, err := b.store.CreateReply(t.Context(), b.topicB.ID, models.NewPost{AuthorID: aliceU.ID, Body: "alice's post", BodyHTML: "<p>alice's post</p>", IP: "192.0.2.55"})
	if err != nil {
		t.Fatal(err)
	}
	pmPath := "/pm/" + idStr(pm)
	before := b.snapshot()
	gets := []struct{ path, secret string }{
		{pmPath, "for carol only"}, {pmPath + "/reply", "for carol only"}, {pmPath + "/reply?quote=1", "for carol only"},
		{views.EditPath(own.ID), "alice's post"}, {"/p/" + idStr(own.ID) + "/info", "192.0.2.55"},
		{views.ReplyPath(b.topicB.ID), "unfinished draft"}, {"/admin/users/" + idStr(aliceU.ID), aliceU.Email},
		{"/settings", aliceU.Email},
	}
	for _, g := range gets {
		for _, htmx := range []string{"", "true"} {
			resp, body := bob.get(g.path, "HX-Request", htmx)
			if strings.Contains(body, g.secret) {
				t.Errorf("GET %s (htmx %q): %d shows alice's %q", g.path, htmx, resp.StatusCode, g.secret)
			}
		}
	}
	posts := map[string]url.Values{
		pmPath + "/delete": {}, pmPath + "/save": {},
		views.EditPath(own.ID): {"message": {"bob was here"}, "version": {"0"}}, views.DeletePath(own.ID): {},
		"/admin/users/" + idStr(aliceU.ID): {"email": {"bob@evil.example"}},
	}
	for path, form := range posts {
		resp, _ := bob.post(path, form)
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s by another member: %d", path, resp.StatusCode)
		}
	}
	if b.snapshot() != before {
		t.Error("another member's requests changed alice's things")
	}
}

func TestDemotedModeratorCannotSaveAnOpenEdit(t *testing.T) {
	b := newModBoard(t)
	target := b.postsA[1]
	for _, htmx := range []string{"", "true"} {
		if resp, _ := b.mod.get(views.EditPath(target), "HX-Request", htmx); resp.StatusCode != http.StatusOK {
			t.Fatalf("the moderator cannot open the edit form: %d", resp.StatusCode)
		}
	}
	// The administrator takes forum A away from the warden's group while
	// the form is open.
	b.fx.Grant(b.forumA.ID, b.wardenGroupInForA, models.FList|models.FRead|models.FPost|models.FReply, 0)
	before := b.snapshot()
	for _, htmx := range []string{"", "true"} {
		resp, _ := b.mod.post(views.EditPath(target), url.Values{"message": {"saved after demotion"}, "version": {"0"}, "reason": {"late"}}, "HX-Request", htmx)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("save after demotion (htmx %q): %d, want 403", htmx, resp.StatusCode)
		}
	}
	if resp, _ := b.mod.post("/t/"+idStr(b.topicA.ID)+"/lock", url.Values{"reason": {"late"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("lock after demotion: %d", resp.StatusCode)
	}
	if b.snapshot() != before {
		t.Error("the demoted moderator's save wrote something")
	}
}

func TestEveryModeratorActionIsLogged(t *testing.T) {
	b := newModBoard(t)
	b.fx.Grant(b.forumB.ID, b.wardenGroupInForA, models.FList|models.FRead|models.FPost|models.FReply|models.ModeratorPerms, 0)
	b.fx.Join(b.modUser, models.GroupAdministrators) // bans are board-wide
	extra := b.fx.Topic(b.forumA, b.author, fixture.TopicSpec{Title: "Merge me", Posts: 2})
	if err := b.store.CreateReport(t.Context(), b.postsA[0], b.memberU.ID, models.ReportSpam, ""); err != nil {
		t.Fatal(err)
	}
	var reportID int64
	if err := b.store.DB().NewRaw("SELECT id FROM reports").Scan(t.Context(), &reportID); err != nil {
		t.Fatal(err)
	}
	tA, pA := "/t/"+idStr(b.topicA.ID), b.postsA
	steps := []struct {
		action models.ModAction
		path   string
		form   url.Values
	}{
		{models.ModEditPost, views.EditPath(pA[1]), url.Values{"message": {"tidied text"}, "version": {"0"}, "reason": {"typo"}}},
		{models.ModLock, tA + "/lock", url.Values{"reason": {"heated"}}},
		{models.ModUnlock, tA + "/unlock", url.Values{"reason": {"calm"}}},
		{models.ModKind, tA + "/kind", url.Values{"kind": {"1"}}},
		{models.ModDeletePost, views.DeletePath(pA[4]), url.Values{"reason": {"spam"}}},
		{models.ModRestorePost, "/p/" + idStr(pA[4]) + "/restore", nil},
		{models.ModSplit, tA + "/split", url.Values{"title": {"Split off"}, "forum": {idStr(b.forumA.ID)}, "post": {idStr(pA[3])}}},
		{models.ModMerge, "/t/" + idStr(extra.ID) + "/merge", url.Values{"target": {idStr(b.topicA.ID)}}},
		{models.ModMove, tA + "/move", url.Values{"forum": {idStr(b.forumB.ID)}}},
		{models.ModDeleteTopic, tA + "/delete", url.Values{"reason": {"gone"}}},
		{models.ModRestoreTopic, tA + "/restore", nil},
		{models.ModCloseReport, "/mod/reports/" + idStr(reportID) + "/close", url.Values{"note": {"handled"}}},
		{models.ModBan, "/mod/bans/new", url.Values{"kind": {"user"}, "target": {"member"}, "duration": {"1d"}, "reason": {"Spam"}}},
	}
	for _, s := range steps {
		before := b.logCount(t)
		resp, body := b.mod.post(s.path, s.form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", s.action, resp.StatusCode, body)
		}
		if n := b.logCount(t); n != before+1 {
			t.Errorf("%s wrote %d log entries, want 1", s.action, n-before)
			continue
		}
		e := b.lastLog(t)
		if e.Action != s.action || e.ModeratorID != b.modUser.ID || e.CreatedAt.IsZero() {
			t.Errorf("%s logged as %+v", s.action, e)
		}
	}
	// An edit keeps what the post said before and after.
	var details string
	if err := b.store.DB().NewRaw("SELECT details FROM moderator_log WHERE action = ?", models.ModEditPost).Scan(t.Context(), &details); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(details, "Before: ") || !strings.Contains(details, "After: tidied text") {
		t.Errorf("edit log details %q lack the text before and after", details)
	}
	b.noDrift(t)
}

func TestHostilePostInTheModeratorsEditor(t *testing.T) {
	b := newModBoard(t)
	post, err := b.store.CreateReply(t.Context(), b.topicA.ID, models.NewPost{AuthorID: b.memberU.ID, Body: hostileBody, BodyHTML: bbcode.Cook(hostileBody)})
	if err != nil {
		t.Fatal(err)
	}
	for _, htmx := range []string{"", "true"} {
		resp, body := b.mod.get(views.EditPath(post.ID), "HX-Request", htmx)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("edit form (htmx %q): %d", htmx, resp.StatusCode)
		}
		doc := parse(t, body)
		assertSafeRender(t, "moderator's edit form, htmx "+htmx, doc, isFullPage(body))
		if got := doc.Find("textarea[name=message]").Text(); got != hostileBody {
			t.Errorf("the editor does not hold the text exactly:\n got %q\nwant %q", got, hostileBody)
		}
		// Preview of the same text in a reply, in the moderator's session.
		resp, body = b.mod.post(views.ReplyPath(b.topicA.ID), url.Values{"message": {hostileBody}, "preview": {"1"}}, "HX-Request", htmx)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("preview (htmx %q): %d", htmx, resp.StatusCode)
		}
		assertSafeRender(t, "moderator's preview, htmx "+htmx, parse(t, body), isFullPage(body))
	}
	_, doc := b.mod.page(topicURL(b.topicA))
	assertSafeRender(t, "topic page seen by the moderator", doc, true)
}
