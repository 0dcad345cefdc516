package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"
)

// BanKind is what a ban holds: an account, the addresses matching an
// email pattern, or an IP range.
type BanKind string

// The kinds of ban.
const (
	BanUser  BanKind = "user"
	BanEmail BanKind = "email"
	BanIP    BanKind = "ip"
)

// Limits of a ban's texts, in characters.
const (
	MaxBanReasonLength = 255
	MaxBanNoteLength   = 1000
	maxEmailPattern    = 254
)

// Ban is one row of the ban list: who or what is banned, why, until when,
// and who made and lifted it.
type Ban struct {
	bun.BaseModel `bun:"table:bans,alias:b"`

	ID        int64     `bun:",pk,autoincrement"`
	UserID    int64     `bun:",nullzero"`
	Email     string    `bun:",nullzero"`
	IP        string    `bun:",nullzero,type:cidr"`
	Reason    string    // shown to the banned
	Note      string    // for moderators only
	CreatedAt time.Time `bun:",nullzero,default:now()"`
	CreatedBy int64     `bun:",nullzero"`
	EndsAt    time.Time `bun:",nullzero"` // zero: permanent
	LiftedAt  time.Time `bun:",nullzero"`
	LiftedBy  int64     `bun:",nullzero"`

	// Names for the list, filled by BanList.
	Username   string `bun:",scanonly"`
	AuthorName string `bun:",scanonly"`
	LifterName string `bun:",scanonly"`
}

// Kind says what the ban holds.
func (b *Ban) Kind() BanKind {
	switch {
	case b.UserID != 0:
		return BanUser
	case b.Email != "":
		return BanEmail
	}
	return BanIP
}

// Permanent reports whether the ban has no end.
func (b *Ban) Permanent() bool { return b.EndsAt.IsZero() }

// Active reports whether the ban holds at the moment now.
func (b *Ban) Active(now time.Time) bool {
	return b.LiftedAt.IsZero() && (b.Permanent() || b.EndsAt.After(now))
}

// Target is what the ban holds, as moderators typed it: a username, an
// email pattern, an address or a range.
func (b *Ban) Target() string {
	switch b.Kind() {
	case BanUser:
		return b.Username
	case BanEmail:
		return b.Email
	}
	if p, err := netip.ParsePrefix(b.IP); err == nil {
		return rangeText(p)
	}
	return b.IP
}

// NewBan is a ban a moderator asks for. Target is a username, an email
// pattern or an IP address or range, by Kind; ByIP is the moderator's own
// address, which an IP ban may not cover.
type NewBan struct {
	Kind   BanKind
	Target string
	Reason string
	Note   string
	EndsAt time.Time // zero: permanent
	By     int64
	ByIP   string
}

// BanRefusal is a ban that cannot be made, with the reason in words fit
// for the moderator who asked.
type BanRefusal struct{ Reason string }

func (e *BanRefusal) Error() string { return e.Reason }

func refuseBan(format string, args ...any) error {
	return &BanRefusal{Reason: fmt.Sprintf(format, args...)}
}

// CheckEmailPattern checks an email ban pattern and returns it as stored
// (trimmed, lower-case), or a refusal that says what is wrong with it.
func CheckEmailPattern(raw string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(raw))
	switch {
	case p == "":
		return "", refuseBan("Enter an email address or a pattern such as *@spam.example.")
	case utf8.RuneCountInString(p) > maxEmailPattern:
		return "", refuseBan("An email pattern can be at most %d characters long.", maxEmailPattern)
	case strings.ContainsFunc(p, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
		return "", refuseBan("An email pattern cannot contain spaces.")
	case strings.Count(p, "@") != 1:
		return "", refuseBan("An email pattern needs exactly one @, as in *@spam.example.")
	case !strings.ContainsFunc(p, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		return "", refuseBan("“%s” would match every email address. Name at least part of the address or its domain.", p)
	}
	return p, nil
}

// CheckBanRange checks an IP address or a CIDR range and returns it as
// stored (a range, /32 or /128 for one address), or a refusal that says
// what is wrong with it. Ranges wider than a /8 (IPv4) or a /16 (IPv6)
// would ban a good part of the internet and are refused.
func CheckBanRange(raw string) (netip.Prefix, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return netip.Prefix{}, refuseBan("Enter an IP address such as 203.0.113.7 or a range such as 203.0.113.0/24.")
	}
	if addr, err := netip.ParseAddr(s); err == nil && addr.Zone() == "" {
		addr = addr.Unmap()
		return netip.PrefixFrom(addr, addr.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, refuseBan("“%s” is not an IP address or a CIDR range (such as 203.0.113.7 or 203.0.113.0/24).", s)
	}
	if p.Addr().Is4In6() {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		if !p.IsValid() {
			return netip.Prefix{}, refuseBan("“%s” is not an IP address or a CIDR range (such as 203.0.113.7 or 203.0.113.0/24).", s)
		}
	}
	if p.Masked() != p {
		return netip.Prefix{}, refuseBan("“%s” has address bits set beyond its prefix length: did you mean %s?", s, p.Masked())
	}
	widest := 16
	if p.Addr().Is4() {
		widest = 8
	}
	if p.Bits() < widest {
		return netip.Prefix{}, refuseBan("%s is too wide a range: it would ban a large part of the internet. Use a /%d or narrower.", p, widest)
	}
	return p, nil
}

// activeBan is the condition that a ban (alias b) holds now.
const activeBan = "b.lifted_at IS NULL AND (b.ends_at IS NULL OR b.ends_at > now())"

// accountBanned is the condition that an account (alias u) is held by a
// ban: on the account itself, or on a pattern its email address matches.
const accountBanned = `(EXISTS (SELECT 1 FROM bans b WHERE b.user_id = u.id AND b.lifted_at IS NULL AND (b.ends_at IS NULL OR b.ends_at > now()))
	OR EXISTS (SELECT 1 FROM bans b WHERE b.email IS NOT NULL AND b.lifted_at IS NULL AND (b.ends_at IS NULL OR b.ends_at > now())
		AND lower(u.email::text) LIKE b.email_like))`

// CreateBan checks and records a ban. A ban on an account, or on a pattern
// that accounts' addresses match, ends their sessions in the same
// transaction, so they are logged out at once. Bans that would hold an
// administrator or the moderator making them, or that repeat a ban in
// force, are refused with a *BanRefusal and write nothing.
func (s *Store) CreateBan(ctx context.Context, in NewBan) (*Ban, error) {
	ban := &Ban{Reason: in.Reason, Note: in.Note, EndsAt: in.EndsAt, CreatedBy: in.By}
	switch in.Kind {
	case BanEmail:
		pattern, err := CheckEmailPattern(in.Target)
		if err != nil {
			return nil, err
		}
		ban.Email = pattern
	case BanIP:
		p, err := CheckBanRange(in.Target)
		if err != nil {
			return nil, err
		}
		if own, err := netip.ParseAddr(in.ByIP); err == nil && p.Contains(own.Unmap()) {
			return nil, refuseBan("%s includes your own address (%s): you would ban yourself.", rangeText(p), own.Unmap())
		}
		ban.IP = p.String()
	case BanUser:
		if strings.TrimSpace(in.Target) == "" {
			return nil, refuseBan("Enter the username of the member to ban.")
		}
	default:
		return nil, refuseBan("Choose what to ban: a member, email addresses or IP addresses.")
	}
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		if in.Kind == BanUser {
			if err := banUserTarget(ctx, tx, ban, in); err != nil {
				return err
			}
		}
		if err := banRepeat(ctx, tx, ban); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(ban).Returning("id, created_at").Exec(ctx); err != nil {
			return err
		}
		// Checked on the stored row, so that the pattern is matched
		// exactly as it will be enforced.
		if err := banCollateral(ctx, tx, ban.ID, in.By); err != nil {
			return err
		}
		// The banned are logged out now rather than at their next visit.
		var held []int64
		if err := tx.NewRaw("DELETE FROM sessions WHERE user_id IN ("+heldAccounts+") RETURNING user_id", ban.ID).Scan(ctx, &held); err != nil {
			return err
		}
		changedViewers(ctx, held)
		return logBan(ctx, tx, ModBan, ban.ID, in.By, in.Reason)
	})
	if err != nil {
		return nil, err
	}
	return ban, nil
}

// heldAccounts selects the accounts a ban (whose id is the first argument)
// holds: its own, or those whose address its pattern matches. Only the arm
// of the ban's kind does any work, so a user ban reads no other account.
const heldAccounts = `SELECT b.user_id AS id FROM bans b WHERE b.id = ?0 AND b.user_id IS NOT NULL
	UNION
	SELECT u.id FROM bans b JOIN users u ON lower(u.email::text) LIKE b.email_like WHERE b.id = ?0 AND b.email IS NOT NULL`

// banUserTarget finds the account a user ban names.
func banUserTarget(ctx context.Context, tx bun.Tx, ban *Ban, in NewBan) error {
	name := strings.TrimSpace(in.Target)
	err := tx.NewRaw("SELECT id, username FROM users WHERE username_key = ? OR username = ? ORDER BY username = ? DESC LIMIT 1",
		UsernameKey(name), name, name).Scan(ctx, &ban.UserID, &ban.Username)
	if errors.Is(err, sql.ErrNoRows) {
		return refuseBan("There is no member called “%s”.", name)
	}
	return err
}

// banCollateral refuses a ban that would hold the moderator making it or
// an administrator (who must leave the Administrators group first).
func banCollateral(ctx context.Context, tx bun.Tx, banID, by int64) error {
	var hit []struct {
		ID       int64
		Username string
		Email    string
		Direct   bool
		Admin    bool
	}
	err := tx.NewRaw(`SELECT u.id, u.username, b.email, u.id = b.user_id AS direct, adm.admin
		FROM (`+heldAccounts+`) held JOIN users u ON u.id = held.id JOIN bans b ON b.id = ?0
		CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM group_members gm
			JOIN groups g ON g.id = gm.group_id AND g.system_key = 'ADMINISTRATORS'
			WHERE gm.user_id = u.id AND NOT gm.pending) AS admin) adm
		WHERE u.id = ?1 OR adm.admin
		ORDER BY u.id = ?1 DESC, u.username LIMIT 1`, banID, by).Scan(ctx, &hit)
	switch {
	case err != nil || len(hit) == 0:
		return err
	case hit[0].ID == by && hit[0].Direct:
		return refuseBan("You cannot ban yourself.")
	case hit[0].ID == by:
		return refuseBan("“%s” matches your own email address: you would ban yourself.", hit[0].Email)
	case hit[0].Direct:
		return refuseBan("%s is an administrator, and administrators cannot be banned. Remove them from the Administrators group first.", hit[0].Username)
	}
	return refuseBan("“%s” matches the email address of %s, an administrator; administrators cannot be banned.", hit[0].Email, hit[0].Username)
}

// rangeText shows a range as moderators think of it: one address alone.
func rangeText(p netip.Prefix) string {
	if p.IsSingleIP() {
		return p.Addr().String()
	}
	return p.String()
}

// banRepeat refuses a ban on exactly what a ban in force already holds.
func banRepeat(ctx context.Context, tx bun.Tx, ban *Ban) error {
	var repeated bool
	err := tx.NewRaw(`SELECT EXISTS (SELECT 1 FROM bans b WHERE `+activeBan+`
			AND (b.user_id = ? OR b.email = ? OR b.ip = nullif(?, '')::cidr))`,
		ban.UserID, ban.Email, ban.IP).Scan(ctx, &repeated)
	if err != nil || !repeated {
		return err
	}
	return refuseBan("%s is already banned. Lift that ban first if you want to change it.", ban.Target())
}

// LiftBan ends a ban now, noting who lifted it; the row stays as history.
// A ban already lifted is ErrConflict.
func (s *Store) LiftBan(ctx context.Context, id, by int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw("UPDATE bans SET lifted_at = now(), lifted_by = ? WHERE id = ? AND lifted_at IS NULL", by, id).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return logBan(ctx, tx, ModLiftBan, id, by, "")
		}
		var exists bool
		if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM bans WHERE id = ?)", id).Scan(ctx, &exists); err != nil {
			return err
		}
		if !exists {
			return ErrNotFound
		}
		return ErrConflict
	})
}

// logBan records a ban or its lifting in the moderator log: board-wide, so
// without a forum, naming the banned account or what the ban covers.
func logBan(ctx context.Context, tx bun.Tx, action ModAction, banID, by int64, reason string) error {
	var ban Ban
	err := tx.NewRaw(`SELECT b.id, b.user_id, b.email, b.ip, b.ends_at, coalesce(u.username, '') AS username
		FROM bans b LEFT JOIN users u ON u.id = b.user_id WHERE b.id = ?`, banID).Scan(ctx, &ban)
	if err != nil {
		return err
	}
	details := ban.Target()
	if action == ModBan {
		if ban.EndsAt.IsZero() {
			details += ", permanently"
		} else {
			details += ", until " + ban.EndsAt.UTC().Format("2006-01-02 15:04 UTC")
		}
	}
	return logModeration(ctx, tx, Moderation{ModeratorID: by, Reason: reason},
		ModLogEntry{Action: action, TargetUserID: ban.UserID, Details: details})
}

// BanCheck is who and where a visitor is, for ActiveBan: an account (its
// own bans and email patterns matching its address), an email address
// not yet an account's, and an IP address. Zero values match nothing.
type BanCheck struct {
	UserID int64
	Email  string
	IP     string
}

// ActiveBan returns the ban in force that holds the visitor, the longest
// one when several do; nil when none does.
func (s *Store) ActiveBan(ctx context.Context, c BanCheck) (*Ban, error) {
	ip := ""
	if addr, err := netip.ParseAddr(c.IP); err == nil {
		ip = addr.Unmap().String()
	}
	var bans []*Ban
	err := s.db.NewRaw(`SELECT b.id, b.user_id, b.email, b.ip, b.reason, b.ends_at FROM bans b
		WHERE `+activeBan+` AND (b.user_id = ?0
			OR lower(coalesce(nullif(?1, ''), (SELECT u.email::text FROM users u WHERE u.id = ?0))) LIKE b.email_like
			OR b.ip >>= nullif(?2, '')::inet)
		ORDER BY b.ends_at DESC NULLS FIRST, b.id LIMIT 1`, c.UserID, c.Email, ip).Scan(ctx, &bans)
	if err != nil || len(bans) == 0 {
		return nil, err
	}
	return bans[0], nil
}

// BanList is one page of the bans in force (history false), newest first,
// or of those lifted or ended (history true), most recently ended first;
// with the number of all of them.
func (s *Store) BanList(ctx context.Context, history bool, page, perPage int) ([]*Ban, int, error) {
	where, order := activeBan, "b.created_at DESC, b.id DESC"
	if history {
		where = "NOT (" + activeBan + ")"
		order = "coalesce(least(b.lifted_at, b.ends_at), b.lifted_at, b.ends_at) DESC, b.id DESC"
	}
	bans := []*Ban{}
	err := s.db.NewSelect().Model(&bans).
		ColumnExpr("b.*").
		ColumnExpr("tu.username AS username, au.username AS author_name, lu.username AS lifter_name").
		Join("LEFT JOIN users tu ON tu.id = b.user_id").
		Join("LEFT JOIN users au ON au.id = b.created_by").
		Join("LEFT JOIN users lu ON lu.id = b.lifted_by").
		Where(where).
		OrderExpr(order).
		Limit(int64(perPage)).Offset(int64((page - 1) * perPage)).
		Scan(ctx)
	if err != nil {
		return nil, 0, err
	}
	var n int
	err = s.db.NewRaw("SELECT count(*) FROM bans b WHERE "+where).Scan(ctx, &n)
	return bans, n, err
}

// Ban returns one ban with the names the list shows.
func (s *Store) Ban(ctx context.Context, id int64) (*Ban, error) {
	ban := new(Ban)
	err := s.db.NewSelect().Model(ban).
		ColumnExpr("b.*").
		ColumnExpr("tu.username AS username, au.username AS author_name, lu.username AS lifter_name").
		Join("LEFT JOIN users tu ON tu.id = b.user_id").
		Join("LEFT JOIN users au ON au.id = b.created_by").
		Join("LEFT JOIN users lu ON lu.id = b.lifted_by").
		Where("b.id = ?", id).Scan(ctx)
	if err != nil {
		return nil, notFound(err)
	}
	return ban, nil
}
