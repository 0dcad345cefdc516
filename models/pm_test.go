package models_test

import (
	"errors"
	"sync"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

var testPMLimits = models.PMLimits{MaxRecipients: 3, PerHour: 5, FolderSize: 10}

func pm(from *models.User, to ...string) models.NewPM {
	return models.NewPM{SenderID: from.ID, To: to, Subject: "s", Body: "b", BodyHTML: "<p>b</p>", Limits: testPMLimits}
}

func TestPMHourlyLimitHoldsUnderConcurrentSends(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	alice := fx.User("alice")
	fx.User("bob")
	var wg sync.WaitGroup
	var mu sync.Mutex
	sent, refused := 0, 0
	for range 12 {
		wg.Go(func() {
			_, err := store.SendPM(t.Context(), pm(alice, "bob"))
			var r *models.PMRefusal
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				sent++
			case errors.As(err, &r) && r.Wait > 0:
				refused++
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if sent != testPMLimits.PerHour || refused != 12-testPMLimits.PerHour {
		t.Errorf("%d sent and %d refused, want %d and %d", sent, refused, testPMLimits.PerHour, 12-testPMLimits.PerHour)
	}
}

func TestPMVisitCountsUnreadMessages(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	alice, bob := fx.User("alice"), fx.User("bob")
	token, _, err := store.CreateSession(t.Context(), bob.ID, false, "", "")
	if err != nil {
		t.Fatal(err)
	}
	unread := func() int {
		v, err := store.Visit(t.Context(), token, nil)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnreadMessages
	}
	first, err := store.SendPM(t.Context(), pm(alice, "BOB"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := store.SendPM(t.Context(), pm(alice, "bob"))
	if err != nil {
		t.Fatal(err)
	}
	if n := unread(); n != 2 {
		t.Fatalf("%d unread, want 2", n)
	}
	if err := store.MarkPMRead(t.Context(), first, bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := store.DeletePM(t.Context(), second, bob.ID); err != nil {
		t.Fatal(err)
	}
	if n := unread(); n != 0 {
		t.Errorf("%d unread after reading one and deleting the other, want 0", n)
	}
}

func TestPMRefusesBannedAndUnknownNames(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	alice, mallory := fx.User("alice"), fx.User("mallory")
	if _, err := store.DB().NewRaw("INSERT INTO bans (user_id, reason) VALUES (?, 'spam')", mallory.ID).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"mallory", "nobody"} {
		var r *models.PMRefusal
		if _, err := store.SendPM(t.Context(), pm(alice, name)); !errors.As(err, &r) {
			t.Errorf("%s: %v, want a refusal", name, err)
		}
	}
}

// Two members writing to each other at the same moment must both get
// through: each send holds its sender's row while it adds the other as a
// recipient, so the two locks have to be ones that do not wait on each other.
func TestPMsCrossingEachOtherBothArrive(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	alice, bob := fx.User("alice"), fx.User("bob")
	limits := models.PMLimits{MaxRecipients: 1, PerHour: 100, FolderSize: 100}
	const rounds = 20
	for range rounds {
		var wg sync.WaitGroup
		for _, send := range []struct {
			from *models.User
			to   string
		}{{alice, "bob"}, {bob, "alice"}} {
			wg.Go(func() {
				in := pm(send.from, send.to)
				in.Limits = limits
				if _, err := store.SendPM(t.Context(), in); err != nil {
					t.Errorf("%s to %s: %v", send.from.Username, send.to, err)
				}
			})
		}
		wg.Wait()
	}
	var stored int
	if err := store.DB().NewRaw("SELECT count(*) FROM pm_recipients").Scan(t.Context(), &stored); err != nil {
		t.Fatal(err)
	}
	if stored != 2*rounds {
		t.Errorf("%d messages delivered, want %d", stored, 2*rounds)
	}
}
