package models

import (
	"strings"
	"testing"
)

// A write that changes more tags than one notice holds sends several, each
// within PostgreSQL's limit and together naming every tag; only a write
// far past that announces everything.
func TestNoticesSplitWithinThePayloadLimit(t *testing.T) {
	var tags []Tag
	for id := range int64(3000) {
		tags = append(tags, ViewerTag(id))
	}
	got := notices("origin", tags)
	if len(got) < 2 {
		t.Fatalf("%d notices for %d tags; want several", len(got), len(tags))
	}
	seen := map[string]bool{}
	for _, payload := range got {
		if len(payload) > maxNotifyPayload {
			t.Errorf("a notice of %d bytes; the limit is %d", len(payload), maxNotifyPayload)
		}
		fields := strings.Fields(payload)
		if fields[0] != "origin" {
			t.Errorf("a notice begins %q, not with its origin", fields[0])
		}
		for _, tag := range fields[1:] {
			seen[tag] = true
		}
	}
	if len(seen) != len(tags) {
		t.Errorf("the notices name %d tags; want all %d", len(seen), len(tags))
	}
	if one := notices("origin", tags[:2]); len(one) != 1 || one[0] != "origin v0 v1" {
		t.Errorf("two tags gave %q; want one notice", one)
	}
	for id := range int64(20000) {
		tags = append(tags, AuthorTag(id))
	}
	if all := notices("origin", tags); len(all) != 1 || all[0] != "origin *" {
		t.Errorf("%d notices for %d tags; want one announcing everything", len(all), len(tags))
	}
}
