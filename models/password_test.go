package models

import (
	"strings"
	"testing"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	fast := PasswordParams{Memory: 1024, Time: 1, Threads: 1}
	for _, pw := range []string{"correct horse battery", strings.Repeat("ü", 100), ""} {
		hash, err := HashPassword(pw, fast)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(hash, "$argon2id$v=19$m=1024,t=1,p=1$") {
			t.Fatalf("hash %q is not argon2id in PHC form", hash)
		}
		if ok, err := CheckPassword(pw, hash); err != nil || !ok {
			t.Errorf("CheckPassword(%q) = %v, %v; want true", pw, ok, err)
		}
		if ok, _ := CheckPassword(pw+"x", hash); ok {
			t.Errorf("CheckPassword accepted a wrong password for %q", pw)
		}
	}
	other, _ := HashPassword("same", fast)
	again, _ := HashPassword("same", fast)
	if other == again {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if _, err := CheckPassword("x", "$2y$10$notargon"); err == nil {
		t.Error("CheckPassword accepted a hash in a foreign format")
	}
}

// BenchmarkHashPassword measures one hash at the production cost: the time
// a login or registration spends on it, and how many the machine can do.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct horse battery staple", DefaultPasswordParams); err != nil {
			b.Fatal(err)
		}
	}
}
