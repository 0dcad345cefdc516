package models

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

func isForeignKeyViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23503"
}

// IsUnavailable reports whether err means the database could not be reached,
// is shutting down, or could not serve the request in its time (no free
// connection within the request's budget, a statement or lock wait over the
// session limits), rather than that a query was wrong: such requests deserve
// a 503 and a retry, not a 500.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var (
		pgErr   *pgconn.PgError
		connErr *pgconn.ConnectError
		netErr  net.Error
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, sql.ErrConnDone), errors.Is(err, driver.ErrBadConn),
		errors.As(err, &connErr), errors.As(err, &netErr):
		return true
	case errors.As(err, &pgErr):
		// Class 08 is "connection exception"; 57P01-57P03 are shutdown and
		// "cannot connect now" during start-up or recovery; 57014 is a
		// statement cancelled by statement_timeout or by the request's
		// deadline; 55P03 a lock not granted within lock_timeout; 25P03 a
		// transaction ended by idle_in_transaction_session_timeout.
		switch pgErr.Code {
		case "57P01", "57P02", "57P03", "57014", "55P03", "25P03":
			return true
		}
		return strings.HasPrefix(pgErr.Code, "08")
	}
	// database/sql reports a closed pool only as text.
	return strings.Contains(err.Error(), "sql: database is closed")
}
