package views

import (
	"time"

	"github.com/a-h/templ"
)

// FAQView is what the FAQ takes from the running board rather than from its
// text: the flood interval and the BBCode examples as the renderer cooks them.
type FAQView struct {
	FloodSeconds int
	BBCode       []BBCodeExample
}

// BBCodeExample is one row of the FAQ's BBCode table: the source a member
// types and the HTML the board makes of it.
type BBCodeExample struct {
	Tag    string // what the row is about, e.g. "[b]"
	Source string
	HTML   string // filled by the handler with bbcode.Cook(Source)
}

// FAQImageSource is replaced in a BBCodeSamples source by an absolute
// address of an image on this board, so the [img] example shows a picture
// without sending readers' browsers to another site.
const FAQImageSource = "IMAGE"

// BBCodeSamples are the FAQ's examples, one per tag the board understands.
var BBCodeSamples = []BBCodeExample{
	{Tag: "[b]", Source: "[b]bold text[/b]"},
	{Tag: "[i]", Source: "[i]italic text[/i]"},
	{Tag: "[u]", Source: "[u]underlined text[/u]"},
	{Tag: "[s]", Source: "[s]struck-out text[/s]"},
	{Tag: "[quote]", Source: "[quote]Clear skies are forecast for Friday.[/quote]"},
	{Tag: `[quote="name"]`, Source: `[quote="stargazer"]Saturn is well placed this month.[/quote]`},
	{Tag: "[code]", Source: "[code]if (dark) {\n  look [b]up[/b]\n}[/code]"},
	{Tag: "[url]", Source: "[url]https://example.com/[/url]"},
	{Tag: "[url=]", Source: "[url=https://example.com/]a link with its own text[/url]"},
	{Tag: "[email]", Source: "[email]someone@example.com[/email]"},
	{Tag: "[img]", Source: "[img]" + FAQImageSource + "[/img]"},
	{Tag: "[list]", Source: "[list]\n[*]Eyepiece\n[*]Star chart\n[/list]"},
	{Tag: "[list=1]", Source: "[list=1]\n[*]Find the target\n[*]Focus\n[/list]"},
	{Tag: "[color]", Source: "[color=red]red text[/color] or [color=#0000ff]blue text[/color]"},
	{Tag: "[size]", Source: "[size=150]larger text[/size] and [size=85]smaller text[/size]"},
	{Tag: "Bare addresses", Source: "Read more at https://example.com/guide"},
}

// faqSection is one heading of the FAQ with its questions.
type faqSection struct {
	ID, Title string
	Questions []faqQuestion
}

// faqQuestion is one question; ID is its anchor on the page.
type faqQuestion struct {
	ID, Question string
	Answer       func(FAQView) templ.Component
}

// faqSections is the whole FAQ in the order shown. The index at the top and
// the answers below are both drawn from it, so they cannot disagree.
var faqSections = []faqSection{
	{ID: "faq-accounts", Title: "Accounts", Questions: []faqQuestion{
		{ID: "register", Question: "Why and how do I register?", Answer: faqRegister},
		{ID: "login", Question: "How do I log in and out?", Answer: faqLogin},
		{ID: "remember-me", Question: "What does “Remember me” do?", Answer: faqRememberMe},
		{ID: "forgotten-password", Question: "I have forgotten my password. What now?", Answer: faqForgottenPassword},
	}},
	{ID: "faq-posting", Title: "Posting", Questions: []faqQuestion{
		{ID: "new-topic", Question: "How do I start a new topic?", Answer: faqNewTopic},
		{ID: "reply", Question: "How do I reply to a topic?", Answer: faqReply},
		{ID: "quote", Question: "How do I quote another post?", Answer: faqQuote},
		{ID: "edit-delete", Question: "Can I edit or delete my posts?", Answer: faqEditDelete},
		{ID: "drafts", Question: "What happens to a reply I have not sent yet?", Answer: faqDrafts},
		{ID: "flood-interval", Question: "Why must I wait before posting again?", Answer: faqFlood},
	}},
	{ID: "faq-formatting", Title: "Formatting with BBCode", Questions: []faqQuestion{
		{ID: "bbcode", Question: "What is BBCode?", Answer: faqBBCode},
		{ID: "bbcode-tags", Question: "Which tags can I use?", Answer: faqBBCodeTags},
		{ID: "html", Question: "Can I use HTML?", Answer: faqHTML},
	}},
	{ID: "faq-private-messages", Title: "Private messages", Questions: []faqQuestion{
		{ID: "pm", Question: "Can I send a private message to another member?", Answer: faqPrivateMessages},
	}},
	{ID: "faq-searching", Title: "Search", Questions: []faqQuestion{
		{ID: "quick-search", Question: "How do I search the board?", Answer: faqQuickSearch},
		{ID: "topic-lists", Question: "How do I find unread, new, my own or unanswered topics?", Answer: faqTopicLists},
	}},
	{ID: "faq-permissions", Title: "Permissions and moderation", Questions: []faqQuestion{
		{ID: "cannot-post", Question: "Why can I not see or post in some forums?", Answer: faqPermissions},
		{ID: "moderators", Question: "Who are the moderators and administrators?", Answer: faqModerators},
	}},
	{ID: "faq-times", Title: "Timezones and date formats", Questions: []faqQuestion{
		{ID: "your-timezone", Question: "The times are wrong. How do I set my timezone?", Answer: faqTimezone},
		{ID: "date-formats", Question: "Which date formats can I choose?", Answer: faqDateFormats},
	}},
	{ID: "faq-people", Title: "Member list and groups", Questions: []faqQuestion{
		{ID: "member-list", Question: "Where can I see who is a member?", Answer: faqMemberList},
		{ID: "groups", Question: "What are user groups and how do I join one?", Answer: faqGroups},
	}},
}

// faqExampleMoment is the moment the date formats are shown with: a fixed
// one, so the examples read the same for everyone in the same zone.
var faqExampleMoment = time.Date(2026, time.March, 14, 15, 9, 0, 0, time.UTC)

// dateFormatName names a date format for the FAQ's list.
func dateFormatName(f DateFormat) string {
	switch f.Key {
	case "":
		return "Default"
	case "day-month":
		return "Day first"
	case "iso":
		return "ISO 8601"
	case "us":
		return "United States"
	}
	return f.Key
}
