package app

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/pprof"

	"hyperboard/models"
)

// routes is the one place that lists every URL the board answers.
func routes(f *fiber.App, h *Handler) {
	f.Get("/", h.boardIndex)
	f.Get("/f/:id/new", h.topicNewShow)
	f.Post("/f/:id/new", h.topicNewSubmit)
	f.Get("/f/:id/:slug?", h.forumShow)
	f.Get("/t/:id/:slug/previous", h.topicPrevious)
	f.Get("/t/:id/:slug/next", h.topicNext)
	f.Get("/t/:id/reply", h.replyShow)
	f.Post("/t/:id/reply", h.replySubmit)
	f.Post("/t/:id/draft", h.draftSave)

	// Moderator tools: each action asks again, on the server, for its
	// permission in every forum it touches.
	f.Post("/t/:id/lock", h.topicLock(true))
	f.Post("/t/:id/unlock", h.topicLock(false))
	f.Post("/t/:id/kind", h.topicKind)
	f.Get("/t/:id/move", h.topicMoveShow)
	f.Post("/t/:id/move", h.topicMoveSubmit)
	f.Get("/t/:id/split", h.topicSplitShow)
	f.Post("/t/:id/split", h.topicSplitSubmit)
	f.Get("/t/:id/merge", h.topicMergeShow)
	f.Post("/t/:id/merge", h.topicMergeSubmit)
	f.Post("/t/:id/delete", h.topicDelete)
	f.Post("/t/:id/restore", h.topicRestore)
	f.Post("/p/:id/restore", h.postRestore)
	f.Get("/p/:id/info", h.postInfo)
	f.Get("/mod/log", h.modLog)

	f.Get("/t/:id/:slug?", h.topicShow)
	f.Get("/p/:id", h.postShow)
	f.Get("/p/:id/edit", h.postEditShow)
	f.Post("/p/:id/edit", h.postEditSubmit)
	f.Post("/p/:id/delete", h.postDelete)
	f.Get("/jump", h.jump)
	f.Get("/search", h.searchShow)
	f.Get("/pm", h.pmFolder(models.PMInbox))
	f.Get("/pm/outbox", h.pmFolder(models.PMOutbox))
	f.Get("/pm/sent", h.pmFolder(models.PMSent))
	f.Get("/pm/saved", h.pmFolder(models.PMSaved))
	f.Get("/pm/new", h.pmNewShow)
	f.Post("/pm/new", h.pmNewSubmit)
	f.Get("/pm/names", h.pmNames)
	f.Post("/pm/block", h.pmBlock)
	f.Get("/pm/:id", h.pmShow)
	f.Get("/pm/:id/reply", h.pmReplyShow)
	f.Post("/pm/:id/delete", h.pmDelete)
	f.Post("/pm/:id/save", h.pmSave)
	f.Get("/faq", h.faqShow)
	f.Get("/t/:id/:slug/unread", h.topicUnread)
	f.Get("/search/unread", h.topicSearch(models.ListUnread))
	f.Get("/search/new", h.topicSearch(models.ListNew))
	f.Get("/search/mine", h.topicSearch(models.ListMine))
	f.Get("/search/unanswered", h.topicSearch(models.ListUnanswered))
	f.Post("/mark-read", h.markRead)

	f.Get("/login", h.loginShow)
	f.Post("/login", h.loginSubmit)
	f.Post("/logout", h.logout)
	f.Get("/u/:id/:slug?", h.profileShow)
	f.Get("/settings", h.settingsShow)
	f.Post("/settings/preferences", h.settingsPreferences)
	f.Post("/settings/email", h.settingsEmail)
	f.Post("/settings/password", h.settingsPassword)
	f.Get("/register", h.registerShow)
	f.Post("/register", h.registerSubmit)
	f.Get("/groups", h.groupList)
	f.Get("/groups/:id", h.groupShow)
	f.Post("/groups/:id/join", h.groupJoin)
	f.Post("/groups/:id/leave", h.groupLeave)
	f.Post("/groups/:id/requests/:userID/approve", h.groupApprove)
	f.Post("/groups/:id/requests/:userID/deny", h.groupDeny)
	f.Get("/members", h.memberList)

	// Reports and bans: members report posts, moderators work the queue
	// of their forums and keep the board-wide ban list.
	f.Get("/p/:id/report", h.reportShow)
	f.Post("/p/:id/report", h.reportSubmit)
	f.Get("/mod/reports", h.reportList)
	f.Post("/mod/reports/:id/close", h.reportClose)
	f.Get("/mod/bans", h.banList)
	f.Get("/mod/bans/new", h.banNewShow)
	f.Post("/mod/bans/new", h.banNewSubmit)
	f.Post("/mod/bans/:id/lift", h.banLift)
	// Administration panel: every handler asks requireAdmin first.
	f.Get("/admin", h.adminOverview)
	f.Get("/admin/settings", h.adminSettingsShow)
	f.Post("/admin/settings", h.adminSettingsSave)
	f.Post("/admin/settings/links", h.adminSettingsLinks)
	f.Get("/admin/forums", h.adminForumList)
	f.Get("/admin/forums/new", h.adminForumNewShow)
	f.Post("/admin/forums/new", h.adminForumNewSubmit)
	f.Get("/admin/forums/:id/edit", h.adminForumEditShow)
	f.Post("/admin/forums/:id/edit", h.adminForumEditSubmit)
	f.Post("/admin/forums/:id/move", h.adminForumMove)
	f.Post("/admin/forums/:id/lock", h.adminForumLock)
	f.Get("/admin/forums/:id/delete", h.adminForumDeleteShow)
	f.Post("/admin/forums/:id/delete", h.adminForumDeleteSubmit)
	f.Get("/admin/forums/:id/permissions", h.adminPermissionsShow)
	f.Post("/admin/forums/:id/permissions", h.adminPermissionsSave)
	f.Get("/admin/categories/new", h.adminCategoryNewShow)
	f.Post("/admin/categories/new", h.adminCategoryNewSubmit)
	f.Get("/admin/categories/:id/edit", h.adminCategoryEditShow)
	f.Post("/admin/categories/:id/edit", h.adminCategoryEditSubmit)
	f.Post("/admin/categories/:id/move", h.adminCategoryMove)
	f.Post("/admin/categories/:id/delete", h.adminCategoryDelete)
	f.Get("/admin/groups", h.adminGroupList)
	f.Get("/admin/groups/new", h.adminGroupNewShow)
	f.Post("/admin/groups/new", h.adminGroupNewSubmit)
	f.Get("/admin/groups/:id", h.adminGroupShow)
	f.Post("/admin/groups/:id", h.adminGroupSave)
	f.Post("/admin/groups/:id/delete", h.adminGroupDelete)
	f.Post("/admin/groups/:id/members", h.adminGroupMembersAdd)
	f.Post("/admin/groups/:id/members/:userID/leader", h.adminGroupMemberLeader)
	f.Post("/admin/groups/:id/members/:userID/remove", h.adminGroupMemberRemove)
	f.Get("/admin/users", h.adminUserList)
	f.Get("/admin/users/:id", h.adminUserShow)
	f.Post("/admin/users/:id", h.adminUserSave)
	f.Post("/admin/users/:id/groups", h.adminUserGroupAdd)
	f.Post("/admin/users/:id/groups/:groupID/remove", h.adminUserGroupRemove)
	f.Post("/admin/users/:id/delete", h.adminUserDelete)

	// Progressive web app: the manifest, the service worker at the root so
	// that its scope is the whole board, and the page it shows offline.
	f.Get("/manifest.webmanifest", h.manifestShow)
	f.Get("/sw.js", h.workerShow)
	f.Get("/offline", h.offlineShow)

	f.Use(h.notFound)
}

// benchRoutes are served only when `make bench` runs the server: the
// machine's ceiling (bytes from memory through the same Fiber stack), the
// counters it reads between runs, and the profiler.
func benchRoutes(f *fiber.App, h *Handler) {
	f.Use(pprof.New())
	f.Put("/bench/ceiling", h.benchCeilingSet)
	f.Get("/bench/ceiling", h.benchCeiling)
	f.Get("/bench/stats", h.benchStats)
	f.Get("/bench/targets", h.benchTargets)
}
