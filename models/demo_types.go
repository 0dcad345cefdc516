package models

// The demo board is described as plain data so that its text reads like a
// real community's and the seeder stays a short loop over it.

type demoRank struct {
	Title    string
	MinPosts int // ignored when Special
	Special  bool
}

type demoUser struct {
	Name          string
	Email         string
	JoinedDaysAgo int
	Rank          string // a special rank title, or "" for the post-count rank
	Timezone      string // IANA name, "" for the board default
	Signature     string // plain text, "" for none
	Admin         bool
	Moderator     bool
}

type demoCategory struct {
	Title  string
	Forums []demoForum
}

type demoForum struct {
	Title       string
	Description string
	Locked      bool
	// ReadOnly forums take topics and replies only from moderators.
	ReadOnly bool
	Topics   []demoTopic
}

type demoTopic struct {
	Title          string
	Kind           TopicKind
	Locked         bool
	StartedDaysAgo int
	Posts          []demoPost
}

type demoPost struct {
	Author  string
	Subject string // "" for the default "Re: <topic title>"
	Body    string // plain text: paragraphs separated by blank lines
}
