package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"hyperboard/models"
)

func migrateCmd(args []string) error {
	fs, data := newFlags("migrate")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withDatabase(*data, func(ctx context.Context, db *database) error {
		fmt.Println("migrations applied")
		return nil
	})
}

func seedCmd(args []string) error {
	if len(args) == 0 || (args[0] != "demo" && args[0] != "bulk") {
		return errors.New(`seed needs "demo" or "bulk"`)
	}
	kind := args[0]
	fs, data := newFlags("seed " + kind)
	users := fs.Int("users", 50000, "members to create (bulk)")
	topics := fs.Int("topics", 100000, "topics to create (bulk)")
	posts := fs.Int("posts", 1000000, "posts to create, opening posts included (bulk)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	return withDatabase(*data, func(ctx context.Context, db *database) error {
		if kind == "bulk" {
			return db.SeedBulk(ctx, models.BulkOptions{Users: *users, Topics: *topics, Posts: *posts, Log: fs.Output()})
		}
		created, err := seedDemo(ctx, db)
		if err != nil {
			return err
		}
		if created == "" {
			fmt.Println("the board already has forums; nothing seeded")
			return nil
		}
		fmt.Println(created)
		return nil
	})
}

func userCmd(args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New(`user needs "create"`)
	}
	fs, data := newFlags("user create")
	name := fs.String("name", "", "username")
	email := fs.String("email", "", "email address")
	password := fs.String("password", "", "password")
	admin := fs.Bool("admin", false, "make the user an administrator")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *name == "" || *email == "" || *password == "" {
		return errors.New("user create needs --name, --email and --password")
	}
	username, problem := models.CheckUsername(*name)
	if problem == "" {
		*email, problem = models.CheckEmail(*email)
	}
	if problem == "" {
		problem = models.CheckNewPassword(*password, username)
	}
	if problem != "" {
		return errors.New(problem)
	}
	hash, err := models.HashPassword(*password, models.DefaultPasswordParams)
	if err != nil {
		return err
	}
	return withDatabase(*data, func(ctx context.Context, db *database) error {
		u := &models.User{Username: username, Email: *email, PasswordHash: hash}
		if err := db.CreateUser(ctx, u); err != nil {
			if errors.Is(err, models.ErrConflict) {
				return fmt.Errorf("a user named %q or with the email %q already exists", username, *email)
			}
			return err
		}
		if *admin {
			if err := db.AddToSystemGroup(ctx, u.ID, models.GroupAdministrators); err != nil {
				return err
			}
		}
		fmt.Printf("created user %s (id %d)\n", u.Username, u.ID)
		return nil
	})
}

func checkCmd(args []string) error {
	fs, data := newFlags("check")
	repair := fs.Bool("repair", false, "correct the counters that drifted")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withDatabase(*data, func(ctx context.Context, db *database) error {
		drift, err := db.Recount(ctx, *repair)
		if err != nil {
			return err
		}
		var total int64
		for _, d := range drift {
			fmt.Printf("%-8s %d rows drifted\n", d.Table, d.Rows)
			total += d.Rows
		}
		switch {
		case total == 0:
			fmt.Println("all counters agree with the posts")
		case *repair:
			fmt.Println("repaired")
		default:
			return errors.New("counters drifted; run `hyperboard check --repair`")
		}
		return nil
	})
}

// seedDemo fills an empty board with the demo community and gives its
// administrator and a moderator fresh random passwords, returned in a
// sentence for the operator; "" when the board was not empty. There is no
// published default password to forget to change.
func seedDemo(ctx context.Context, db *database) (string, error) {
	staff, err := db.SeedDemo(ctx)
	if err != nil || staff == nil {
		return "", err
	}
	var logins []string
	for _, who := range []struct {
		role string
		user *models.User
	}{{"administrator", staff.Admin}, {"moderator", staff.Moderator}} {
		password := models.NewToken()[:16]
		hash, err := models.HashPassword(password, models.DefaultPasswordParams)
		if err != nil {
			return "", err
		}
		if err := db.SetPasswordHash(ctx, who.user.ID, hash); err != nil {
			return "", err
		}
		logins = append(logins, fmt.Sprintf("as the %s %q with the password %s", who.role, who.user.Username, password))
	}
	return "demo board created; log in " + strings.Join(logins, ", or "), nil
}
