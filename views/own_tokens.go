package views

import (
	"context"
	"io"

	"github.com/a-h/templ"

	"hyperboard/internal/stitch"
)

// A session's token and a form's submission key are the only things on a
// member's page that differ from one request to the next for the same
// HTML around them. They are written as the viewer's own (stitch.Own), so
// that the stretches around them can be kept compressed for every page
// and member that shows them.

// CSRFField is the hidden token every state-changing form carries.
func CSRFField(token string) templ.Component {
	return ownBetween(`<input type="hidden" name="_csrf" value="`, token, `">`)
}

// submissionKeyField is the key that makes a form's second submission
// find its first.
func submissionKeyField(key string) templ.Component {
	return ownBetween(`<input type="hidden" name="key" value="`, key, `">`)
}

// csrfMeta carries the token for htmx's requests.
func csrfMeta(token string) templ.Component {
	return ownBetween(`<meta name="csrf-token" content="`, token, `">`)
}

// ownBetween writes value, escaped, between before and after.
func ownBetween(before, value, after string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if _, err := io.WriteString(w, before); err != nil {
			return err
		}
		if err := stitch.Own(ctx, w, templ.EscapeString(value)); err != nil {
			return err
		}
		_, err := io.WriteString(w, after)
		return err
	})
}
