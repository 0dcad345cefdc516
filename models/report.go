package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// ReportReason is why a member reports a post.
type ReportReason string

// The reasons a member may give; Other needs a note that explains.
const (
	ReportSpam     ReportReason = "spam"
	ReportOffTopic ReportReason = "offtopic"
	ReportAbusive  ReportReason = "abusive"
	ReportOther    ReportReason = "other"
)

// ReportReasons are the choices, in the order the form offers them.
var ReportReasons = []struct {
	Reason ReportReason
	Label  string
}{
	{ReportSpam, "Spam"},
	{ReportOffTopic, "Off-topic"},
	{ReportAbusive, "Abusive or offensive"},
	{ReportOther, "Other"},
}

// Label names the reason for people.
func (r ReportReason) Label() string {
	for _, c := range ReportReasons {
		if c.Reason == r {
			return c.Label
		}
	}
	return string(r)
}

// Valid reports whether the reason is one of the choices.
func (r ReportReason) Valid() bool {
	for _, c := range ReportReasons {
		if c.Reason == r {
			return true
		}
	}
	return false
}

// Limits on reports.
const (
	MaxReportNoteLength = 500
	ReportsPerHour      = 10 // by one member
)

// ErrAlreadyReported is a second open report by the same member on a post.
var ErrAlreadyReported = errors.New("you have already reported this post")

// ReportLimitError says a member reached the hourly limit and how long
// until they may report again.
type ReportLimitError struct{ Wait time.Duration }

func (e *ReportLimitError) Error() string { return "too many reports in the last hour" }

// Report is a member's report on a post, as the moderators' queue shows it.
type Report struct {
	ID         int64
	PostID     int64
	ReporterID int64
	Reason     ReportReason
	Note       string
	CreatedAt  time.Time
	ClosedAt   time.Time
	CloseNote  string

	ReporterName   string
	CloserName     string
	PostNumber     int
	PostAuthorID   int64
	PostAuthorName string
	PostDeleted    bool   // the post or its topic was deleted since
	Excerpt        string // the beginning of the post, without BBCode tags
	TopicID        int64
	TopicTitle     string
	ForumID        int64
	ForumTitle     string
}

// Closed reports whether a moderator has dealt with the report.
func (r *Report) Closed() bool { return !r.ClosedAt.IsZero() }

// CreateReport records a member's report on a post. The member's row is
// locked first so that reports sent at once cannot slip past the hourly
// limit together.
func (s *Store) CreateReport(ctx context.Context, postID, reporterID int64, reason ReportReason, note string) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("SELECT id FROM users WHERE id = ? FOR NO KEY UPDATE", reporterID).Exec(ctx); err != nil {
			return err
		}
		var state struct {
			Open   bool
			Recent int
			Wait   float64
		}
		// The wait is until the oldest of the last ReportsPerHour is an hour old.
		err := tx.NewRaw(`SELECT
				EXISTS (SELECT 1 FROM reports WHERE post_id = ?0 AND reporter_id = ?1 AND closed_at IS NULL) AS open,
				count(*) AS recent,
				coalesce(extract(epoch FROM min(created_at) + interval '1 hour' - now()), 0)::float8 AS wait
			FROM (SELECT created_at FROM reports WHERE reporter_id = ?1 AND created_at > now() - interval '1 hour'
				ORDER BY created_at DESC LIMIT ?2) recent`, postID, reporterID, ReportsPerHour).Scan(ctx, &state)
		switch {
		case err != nil:
			return err
		case state.Open:
			return ErrAlreadyReported
		case state.Recent >= ReportsPerHour:
			return &ReportLimitError{Wait: time.Duration(max(state.Wait, 1) * float64(time.Second))}
		}
		_, err = tx.NewRaw("INSERT INTO reports (post_id, reporter_id, reason, note) VALUES (?, ?, ?, ?)",
			postID, reporterID, reason, note).Exec(ctx)
		if isUniqueViolation(err) {
			return ErrAlreadyReported
		}
		return err
	})
}

// HasOpenReport reports whether a member has an open report on a post.
func (s *Store) HasOpenReport(ctx context.Context, postID, reporterID int64) (bool, error) {
	var open bool
	err := s.db.NewRaw("SELECT EXISTS (SELECT 1 FROM reports WHERE post_id = ? AND reporter_id = ? AND closed_at IS NULL)",
		postID, reporterID).Scan(ctx, &open)
	return open, err
}

// ReportFilter selects a page of the moderators' queue.
type ReportFilter struct {
	Forums  []int64 // the forums whose reports the moderator handles
	Closed  bool    // closed reports, most recently closed first; else open ones, newest first
	PostID  int64   // only this post's reports, when set
	Page    int
	PerPage int
}

// reportRows are the columns the queue shows of a report, its post and
// where the post sits, with the joins they need; a WHERE follows.
const reportRows = `r.id, r.post_id, r.reporter_id, r.reason, r.note, r.created_at, r.closed_at, r.close_note,
	rep.username AS reporter_name, coalesce(cl.username, '') AS closer_name,
	p.post_number, p.author_id AS post_author_id, pa.username AS post_author_name,
	p.deleted_at IS NOT NULL OR t.deleted_at IS NOT NULL AS post_deleted,
	left(regexp_replace(p.body, ?, ' ', 'g'), 300) AS excerpt,
	t.id AS topic_id, t.title AS topic_title, f.id AS forum_id, f.title AS forum_title
	FROM reports r
	JOIN posts p ON p.id = r.post_id
	JOIN topics t ON t.id = p.topic_id
	JOIN forums f ON f.id = t.forum_id
	JOIN users rep ON rep.id = r.reporter_id
	JOIN users pa ON pa.id = p.author_id
	LEFT JOIN users cl ON cl.id = r.closed_by`

// ReportQueue returns one page of reports in the moderator's forums and
// how many there are in all.
func (s *Store) ReportQueue(ctx context.Context, f ReportFilter) ([]*Report, int, error) {
	where := "t.forum_id = ANY(?) AND (r.closed_at IS NOT NULL) = ? AND (? = 0 OR r.post_id = ?)"
	args := []any{pgdialect.Array(f.Forums), f.Closed, f.PostID, f.PostID}
	order := "r.created_at DESC, r.id DESC"
	if f.Closed {
		order = "r.closed_at DESC, r.id DESC"
	}
	reports := []*Report{}
	err := s.db.NewRaw("SELECT "+reportRows+" WHERE "+where+" ORDER BY "+order+" LIMIT ? OFFSET ?",
		append(append([]any{bbcodeTag}, args...), f.PerPage, (f.Page-1)*f.PerPage)...).Scan(ctx, &reports)
	if err != nil {
		return nil, 0, err
	}
	var n int
	err = s.db.NewRaw("SELECT count(*) FROM reports r JOIN posts p ON p.id = r.post_id JOIN topics t ON t.id = p.topic_id WHERE "+where,
		args...).Scan(ctx, &n)
	return reports, n, err
}

// Report returns one report as the queue shows it.
func (s *Store) Report(ctx context.Context, id int64) (*Report, error) {
	var reports []*Report
	if err := s.db.NewRaw("SELECT "+reportRows+" WHERE r.id = ?", bbcodeTag, id).Scan(ctx, &reports); err != nil {
		return nil, err
	}
	if len(reports) == 0 {
		return nil, ErrNotFound
	}
	return reports[0], nil
}

// CloseReport marks a report dealt with, by whom and with what note, and
// logs it for the post's forum. A report closed already is ErrConflict.
func (s *Store) CloseReport(ctx context.Context, id, by int64, note string) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var e ModLogEntry
		err := tx.NewRaw(`UPDATE reports r SET closed_at = now(), closed_by = ?, close_note = ?
			FROM posts p JOIN topics t ON t.id = p.topic_id
			WHERE r.id = ? AND r.closed_at IS NULL AND p.id = r.post_id
			RETURNING t.forum_id, t.id AS topic_id, p.id AS post_id, p.author_id AS target_user_id, t.title AS topic_title`,
			by, note, id).Scan(ctx, &e)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrConflict
		}
		if err != nil {
			return err
		}
		e.Action = ModCloseReport
		return logModeration(ctx, tx, Moderation{ModeratorID: by, Reason: note}, e)
	})
}
