package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// outcome is how the server answers one role trying one action.
type outcome int

const (
	allowed   outcome = iota // 200, 204 or a 303 to where the action leads
	refused                  // 403, or 422 with the form and the reason
	hidden                   // 404: the thing does not exist for this role
	needLogin                // a guest is sent to log in (or told to)
)

func (o outcome) String() string {
	return [...]string{"allowed", "refused", "hidden", "needs login"}[o]
}

// classify reads an answer as an outcome.
func classify(resp *http.Response, body string) outcome {
	switch code := resp.StatusCode; {
	case code == http.StatusNotFound:
		return hidden
	case code == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login"),
		code == http.StatusUnprocessableEntity && strings.Contains(body, "Log in"):
		return needLogin
	case code == http.StatusOK, code == http.StatusNoContent, code == http.StatusSeeOther, code == http.StatusFound:
		return allowed
	}
	return refused
}

// matrixWorld is the board every role is tried against: forum A (where
// "modA" moderates), forum B ("modB"), and forum H that only
// administrators may see. Each role gets its own world, so an action one
// role may take cannot change what the next role finds.
type matrixWorld struct {
	*testBoard
	forumA, forumB, forumH *models.Forum
	role                   string
	self, other            *models.User
	cl                     *client
}

// matrixRoles are the roles of the matrix. A banned member's sessions end
// with the ban, so they meet every action as a guest does.
var matrixRoles = []string{"guest", "member", "modA", "modB", "admin", "banned"}

func newMatrixWorld(t *testing.T, role string) *matrixWorld {
	w := &matrixWorld{testBoard: newTestBoard(t), role: role}
	w.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	w.forumA, w.forumB, w.forumH = w.fx.Forum("Forum A"), w.fx.Forum("Forum B"), w.fx.Forum("Forum H")
	for _, key := range []string{models.GroupGuests, models.GroupRegistered, models.GroupModerators} {
		w.fx.Grant(w.forumH.ID, w.fx.SystemGroup(key), 0, 0)
	}
	w.other = w.fx.User("other")
	stdmod, _ := models.RoleByKey("stdmod")
	full, _ := models.RoleByKey("full")
	switch role {
	case "guest":
		w.cl = w.newClient()
		return w
	case "admin":
		w.cl, w.self = w.loggedIn(role)
		w.fx.Join(w.self, models.GroupAdministrators)
	case "modA", "modB":
		w.cl, w.self = w.loggedIn(role)
		forum := w.forumA
		if role == "modB" {
			forum = w.forumB
		}
		w.fx.Grant(forum.ID, w.fx.Group(role+" team", w.self), full.Allow|stdmod.Allow, 0)
	case "banned":
		w.cl, w.self = w.loggedIn(role)
		if _, err := w.store.CreateBan(t.Context(), models.NewBan{Kind: models.BanUser, Target: role, Reason: "Spam"}); err != nil {
			t.Fatal(err)
		}
	default:
		w.cl, w.self = w.loggedIn(role)
	}
	return w
}

// topic makes a topic in a forum: the role's own when own is set (a
// guest's "own" topic belongs to the other member), with posts posts.
func (w *matrixWorld) topic(f *models.Forum, own bool, posts int) (*models.Topic, []int64) {
	author := w.other
	if own && w.self != nil {
		author = w.self
	}
	t := w.fx.Topic(f, author, fixture.TopicSpec{Title: "Topic of " + author.Username, Posts: posts})
	return t, w.fx.PostIDs(t.ID)
}

// matrixAction is one thing a role may try, and what each role must get.
// prepare writes what the action needs and returns the request that tries it.
type matrixAction struct {
	name    string
	prepare func(w *matrixWorld) request
	want    map[string]outcome
}

type request func() (*http.Response, string)

// expected reads an action's row for a role; a banned member is answered
// as a guest unless the row says otherwise.
func (a matrixAction) expected(role string) outcome {
	if o, ok := a.want[role]; ok {
		return o
	}
	return a.want["guest"]
}

func everyone(o outcome) map[string]outcome {
	return map[string]outcome{"guest": o, "member": o, "modA": o, "modB": o, "admin": o}
}

func members(guest, o outcome) map[string]outcome {
	return map[string]outcome{"guest": guest, "member": o, "modA": o, "modB": o, "admin": o}
}

// moderatorsOfA is the answer for what only forum A's moderators and
// administrators may do there.
func moderatorsOfA(guest outcome) map[string]outcome {
	return map[string]outcome{"guest": guest, "member": refused, "modA": allowed, "modB": refused, "admin": allowed}
}

// moderators is the answer for a panel any moderator may open.
func moderators(guest outcome) map[string]outcome {
	return map[string]outcome{"guest": guest, "member": refused, "modA": allowed, "modB": allowed, "admin": allowed}
}

// admins is the answer for what only administrators may do.
func admins(guest outcome) map[string]outcome {
	return map[string]outcome{"guest": guest, "member": refused, "modA": refused, "modB": refused, "admin": allowed}
}

func topicAction(t *models.Topic, action string) string {
	return "/t/" + strconv.FormatInt(t.ID, 10) + "/" + action
}

var matrixActions = []matrixAction{
	{"list forum A", func(w *matrixWorld) request {
		return func() (*http.Response, string) { return w.cl.get(views.ForumPath(w.forumA.ID, w.forumA.Title)) }
	}, everyone(allowed)},
	{"list forum H", func(w *matrixWorld) request {
		return func() (*http.Response, string) { return w.cl.get(views.ForumPath(w.forumH.ID, w.forumH.Title)) }
	}, map[string]outcome{"guest": hidden, "member": hidden, "modA": hidden, "modB": hidden, "admin": allowed}},
	{"read a topic in A", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) { return w.cl.get(views.TopicPath(t.ID, t.Title)) }
	}, everyone(allowed)},
	{"read a topic in H", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumH, false, 1)
		return func() (*http.Response, string) { return w.cl.get(views.TopicPath(t.ID, t.Title)) }
	}, map[string]outcome{"guest": hidden, "member": hidden, "modA": hidden, "modB": hidden, "admin": allowed}},
	{"post a topic in A", func(w *matrixWorld) request {
		return func() (*http.Response, string) {
			return w.cl.post(views.NewTopicPath(w.forumA.ID), url.Values{"subject": {"Matrix"}, "message": {"New topic."}, "key": {models.NewToken()}})
		}
	}, members(needLogin, allowed)},
	{"reply in A", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) {
			return w.cl.post(views.ReplyPath(t.ID), url.Values{"message": {"A reply."}, "key": {models.NewToken()}})
		}
	}, members(needLogin, allowed)},
	{"reply in H", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumH, false, 1)
		return func() (*http.Response, string) {
			return w.cl.post(views.ReplyPath(t.ID), url.Values{"message": {"A reply."}, "key": {models.NewToken()}})
		}
	}, map[string]outcome{"guest": hidden, "member": hidden, "modA": hidden, "modB": hidden, "admin": allowed}},
	{"edit own post in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, true, 1)
		return func() (*http.Response, string) {
			return w.cl.post(views.EditPath(ids[0]), url.Values{"title": {"Edited"}, "message": {"Edited."}, "version": {"0"}})
		}
	}, members(refused, allowed)},
	{"edit another's post in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) {
			return w.cl.post(views.EditPath(ids[0]), url.Values{"title": {"Edited"}, "message": {"Edited."}, "version": {"0"}})
		}
	}, moderatorsOfA(refused)},
	{"open the edit form of another's post in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) { return w.cl.get(views.EditPath(ids[0]), "HX-Request", "true") }
	}, moderatorsOfA(refused)},
	{"delete own post in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, true, 2)
		return func() (*http.Response, string) { return w.cl.post(views.DeletePath(ids[1]), nil) }
	}, members(refused, allowed)},
	{"delete another's post in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, false, 2)
		return func() (*http.Response, string) { return w.cl.post(views.DeletePath(ids[1]), nil) }
	}, moderatorsOfA(refused)},
	{"lock a topic in A", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) {
			return w.cl.post(topicAction(t, "lock"), url.Values{"reason": {"heated"}})
		}
	}, moderatorsOfA(refused)},
	{"make a topic in A sticky", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) { return w.cl.post(topicAction(t, "kind"), url.Values{"kind": {"1"}}) }
	}, moderatorsOfA(refused)},
	{"move a topic from A to B", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) {
			return w.cl.post(topicAction(t, "move"), url.Values{"forum": {strconv.FormatInt(w.forumB.ID, 10)}})
		}
	}, moderatorsOfA(refused)},
	{"split a topic in A", func(w *matrixWorld) request {
		t, ids := w.topic(w.forumA, false, 3)
		return func() (*http.Response, string) {
			return w.cl.post(topicAction(t, "split"), url.Values{"title": {"Split off"}, "forum": {strconv.FormatInt(w.forumA.ID, 10)},
				"post": {strconv.FormatInt(ids[2], 10)}})
		}
	}, moderatorsOfA(refused)},
	{"merge two topics in A", func(w *matrixWorld) request {
		from, _ := w.topic(w.forumA, false, 1)
		into, _ := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) {
			return w.cl.post(topicAction(from, "merge"), url.Values{"target": {strconv.FormatInt(into.ID, 10)}})
		}
	}, moderatorsOfA(refused)},
	{"delete a topic in A", func(w *matrixWorld) request {
		t, _ := w.topic(w.forumA, false, 2)
		return func() (*http.Response, string) { return w.cl.post(topicAction(t, "delete"), nil) }
	}, moderatorsOfA(refused)},
	{"restore a deleted post in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, false, 2)
		if _, err := w.store.DeletePost(w.t.Context(), ids[1], w.other.ID); err != nil {
			w.t.Fatal(err)
		}
		return func() (*http.Response, string) { return w.cl.post("/p/"+strconv.FormatInt(ids[1], 10)+"/restore", nil) }
	}, moderatorsOfA(refused)},
	{"see a poster's IP in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) { return w.cl.get("/p/" + strconv.FormatInt(ids[0], 10) + "/info") }
	}, moderatorsOfA(refused)},
	{"report a post in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, false, 1)
		return func() (*http.Response, string) {
			return w.cl.post("/p/"+strconv.FormatInt(ids[0], 10)+"/report", url.Values{"reason": {"spam"}})
		}
	}, members(refused, allowed)},
	{"open the report queue", func(w *matrixWorld) request {
		return func() (*http.Response, string) { return w.cl.get("/mod/reports") }
	}, moderators(needLogin)},
	{"close a report in A", func(w *matrixWorld) request {
		_, ids := w.topic(w.forumA, false, 1)
		if err := w.store.CreateReport(w.t.Context(), ids[0], w.other.ID, models.ReportSpam, ""); err != nil {
			w.t.Fatal(err)
		}
		var id int64
		if err := w.store.DB().NewRaw("SELECT id FROM reports WHERE post_id = ?", ids[0]).Scan(w.t.Context(), &id); err != nil {
			w.t.Fatal(err)
		}
		return func() (*http.Response, string) {
			return w.cl.post("/mod/reports/"+strconv.FormatInt(id, 10)+"/close", url.Values{"note": {"handled"}})
		}
	}, moderatorsOfA(refused)},
	{"open the moderator log", func(w *matrixWorld) request {
		return func() (*http.Response, string) { return w.cl.get("/mod/log") }
	}, moderators(needLogin)},
	{"open the ban list", func(w *matrixWorld) request {
		return func() (*http.Response, string) { return w.cl.get("/mod/bans") }
	}, admins(needLogin)},
	{"ban a member", func(w *matrixWorld) request {
		return func() (*http.Response, string) {
			return w.cl.post("/mod/bans/new", url.Values{"kind": {"user"}, "target": {"other"}, "duration": {"1d"}, "reason": {"Spam"}})
		}
	}, admins(refused)},
	{"open the administration panel", func(w *matrixWorld) request {
		return func() (*http.Response, string) { return w.cl.get("/admin") }
	}, admins(needLogin)},
	{"open the permissions of forum A", func(w *matrixWorld) request {
		return func() (*http.Response, string) {
			return w.cl.get("/admin/forums/" + strconv.FormatInt(w.forumA.ID, 10) + "/permissions")
		}
	}, admins(needLogin)},
	{"lock forum A from the administration panel", func(w *matrixWorld) request {
		return func() (*http.Response, string) {
			return w.cl.post("/admin/forums/"+strconv.FormatInt(w.forumA.ID, 10)+"/lock", url.Values{"locked": {"1"}})
		}
	}, admins(refused)},
}

// TestPermissionMatrix tries every action as every role and checks the
// server's answer, and that a refused action wrote nothing.
func TestPermissionMatrix(t *testing.T) {
	for _, role := range matrixRoles {
		t.Run(role, func(t *testing.T) {
			w := newMatrixWorld(t, role)
			for _, a := range matrixActions {
				t.Run(a.name, func(t *testing.T) {
					want := a.expected(role)
					try := a.prepare(w)
					before := w.fingerprint()
					resp, body := try()
					got := classify(resp, body)
					if got != want {
						t.Fatalf("%s: %s (status %d), want %s", role, got, resp.StatusCode, want)
					}
					if got != allowed && w.fingerprint() != before {
						t.Errorf("%s was %s but wrote something", a.name, got)
					}
				})
			}
		})
	}
}

// fingerprint summarises everything an action could write: posts, topics,
// forums and their counters, members' post counts, bans, open reports, the
// moderator log and the permissions.
func (w *matrixWorld) fingerprint() string {
	w.t.Helper()
	var s string
	err := w.store.DB().NewRaw(`SELECT concat_ws('|',
		(SELECT string_agg(concat_ws(',', id, topic_id, post_number, md5(body), edit_count, deleted_at IS NULL), ';' ORDER BY id) FROM posts),
		(SELECT string_agg(concat_ws(',', id, forum_id, kind, locked, moved_to_id, deleted_at IS NULL, reply_count, last_post_id, title), ';' ORDER BY id) FROM topics),
		(SELECT string_agg(concat_ws(',', id, topic_count, post_count, last_post_id, locked, position), ';' ORDER BY id) FROM forums),
		(SELECT string_agg(concat_ws(',', id, post_count), ';' ORDER BY id) FROM users),
		(SELECT count(*) FROM bans), (SELECT count(*) FROM reports WHERE closed_at IS NULL),
		(SELECT count(*) FROM moderator_log), (SELECT count(*) FROM forum_acl))`).Scan(w.t.Context(), &s)
	if err != nil {
		w.t.Fatal(err)
	}
	return strconv.Itoa(len(s)) + ":" + s
}
