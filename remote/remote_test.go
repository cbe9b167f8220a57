package remote

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsread/remote/remotetest"
)

// The tests of this package run against a real Miniflux with a real
// PostgreSQL (see remotetest): one server for the whole package, stopped
// in TestMain; every test gets a user of its own.

func TestMain(m *testing.M) {
	code := m.Run()
	remotetest.Stop()
	os.Exit(code)
}

// account is a user of the real server; newAccount makes one.
type account = remotetest.User

var (
	newAccount = remotetest.NewUser
	epoch      = remotetest.Epoch
)

func minifluxClient(a *account, t testing.TB, o Options) Client {
	t.Helper()
	c, err := NewMiniflux(a.URL, a.Token, "", "", o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func greaderClient(a *account, t testing.TB, o Options) Client {
	t.Helper()
	c, err := NewGReader(a.URL, a.Name, a.Password, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// protocols is the table every real-server test runs over: the same
// Miniflux account through each protocol.
var protocols = []struct {
	name   string
	client func(a *account, t testing.TB, o Options) Client
}{
	{"Miniflux REST", minifluxClient},
	{"Google Reader", greaderClient},
}

// syncAll reads every item after since, counting the pages.
func syncAll(t testing.TB, c Client, since Cursor) ([]Item, Cursor, int) {
	t.Helper()
	var items []Item
	pages := 0
	cur, err := c.Items(context.Background(), since, func(page []Item) error {
		pages++
		items = append(items, page...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return items, cur, pages
}

func links(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Article.Link)
	}
	slices.Sort(out)
	return out
}

func TestFeedsAreListedWithTheirCategoriesAsTags(t *testing.T) {
	a := newAccount(t)
	tech, _ := a.Subscribe(t, "tech", "Tech", 2)
	news, _ := a.Subscribe(t, "news", "News", 2)
	for _, p := range protocols {
		t.Run(p.name+" lists both feeds, each in its category", func(t *testing.T) {
			feeds, err := p.client(a, t, Options{}).Feeds(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, f := range feeds {
				got[f.URL] = f.Title + " in " + strings.Join(f.Tags, ",")
			}
			want := map[string]string{tech: "tech in Tech", news: "news in News"}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("feeds: %v, want %v", got, want)
			}
		})
	}
}

func TestEveryItemIsListedAcrossPages(t *testing.T) {
	a := newAccount(t)
	// Miniflux gives dates in the user's time zone: a far one must not
	// move them.
	var me struct {
		ID int64 `json:"id"`
	}
	a.REST(t, http.MethodGet, "/v1/me", nil, &me)
	a.Server().Admin().REST(t, http.MethodPut, fmt.Sprintf("/v1/users/%d", me.ID), map[string]string{"timezone": "Pacific/Kiritimati"}, nil)
	feedA, _ := a.Subscribe(t, "alpha", "Tech", 150)
	a.Subscribe(t, "beta", "News", 100)
	byProtocol := map[string][]Item{}
	for _, p := range protocols {
		t.Run(p.name+" hands over all 250 items in pages of 40", func(t *testing.T) {
			items, cur, pages := syncAll(t, p.client(a, t, Options{PageSize: 40}), "")
			if len(items) != 250 {
				t.Fatalf("%d items, want 250", len(items))
			}
			if pages < 7 {
				t.Errorf("%d pages, want at least 7 of 40", pages)
			}
			if cur == "" {
				t.Error("no cursor after a sync")
			}
			ids := map[string]bool{}
			for _, it := range items {
				if ids[it.ID] {
					t.Errorf("item %s handed over twice", it.ID)
				}
				ids[it.ID] = true
				if it.Article.ID != it.Article.Link || !strings.HasPrefix(it.Article.Link, "http://127.0.0.1") {
					t.Errorf("article ID %q, link %q: want the link as ID", it.Article.ID, it.Article.Link)
				}
				if it.Read || it.Starred || it.HTML == "" || it.Article.Published.IsZero() || it.Article.Author == "" {
					t.Errorf("item %+v: want unread, not starred, with content, a date and an author", it)
				}
				// Only the REST API says when the state last changed.
				if it.Changed.IsZero() != (p.name == "Google Reader") {
					t.Errorf("item %s changed at %v", it.ID, it.Changed)
				}
			}
			first := items[slices.IndexFunc(items, func(it Item) bool { return strings.HasSuffix(it.Article.Link, "/alpha/1") })]
			want := []string{feedA, "alpha", "Tech", "alpha story 1", epoch.Add(time.Hour).String()}
			got := []string{first.Article.Feed, first.Article.Source, strings.Join(first.Article.Tags, ","), first.Article.Title, first.Article.Published.UTC().String()}
			if !slices.Equal(got, want) {
				t.Errorf("first item of alpha: %q, want %q", got, want)
			}
			byProtocol[p.name] = items
		})
	}
	t.Run("both protocols give each story the same article ID and item ID", func(t *testing.T) {
		ids := func(items []Item) []string {
			var out []string
			for _, it := range items {
				out = append(out, it.ID+" "+it.Article.ID)
			}
			slices.Sort(out)
			return out
		}
		if a, b := ids(byProtocol["Miniflux REST"]), ids(byProtocol["Google Reader"]); !slices.Equal(a, b) {
			t.Errorf("the protocols differ:\n%v\n%v", a[:min(5, len(a))], b[:min(5, len(b))])
		}
	})
}

func TestMarksMadeByTheClientReachTheServer(t *testing.T) {
	yes, no := true, false
	for _, p := range protocols {
		t.Run(p.name+" marks read and starred, and back", func(t *testing.T) {
			a := newAccount(t)
			a.Subscribe(t, "marks", "Tech", 5)
			c := p.client(a, t, Options{})
			items, _, _ := syncAll(t, c, "")
			read, star, both := items[0].ID, items[1].ID, items[2].ID
			ctx := context.Background()
			if err := c.Mark(ctx, []string{read, both}, Mark{Read: &yes}); err != nil {
				t.Fatal(err)
			}
			if err := c.Mark(ctx, []string{star, both}, Mark{Starred: &yes}); err != nil {
				t.Fatal(err)
			}
			for _, check := range []struct {
				id            string
				status        string
				starred       bool
				what          string
				notStatusDiff bool
			}{
				{read, "read", false, "the read item", false},
				{star, "unread", true, "the starred item", false},
				{both, "read", true, "the item read and starred", false},
				{items[3].ID, "unread", false, "an item not marked", false},
			} {
				if e := a.Entry(t, check.id); e.Status != check.status || e.Starred != check.starred {
					t.Errorf("%s is %s, starred %v on the server; want %s, starred %v", check.what, e.Status, e.Starred, check.status, check.starred)
				}
			}
			if err := c.Mark(ctx, []string{both}, Mark{Read: &no, Starred: &no}); err != nil {
				t.Fatal(err)
			}
			if e := a.Entry(t, both); e.Status != "unread" || e.Starred {
				t.Errorf("after unmarking, the item is %s, starred %v; want unread, not starred", e.Status, e.Starred)
			}
			// Read back through the other protocol too.
			other := protocols[0]
			if other.name == p.name {
				other = protocols[1]
			}
			unread, starred, err := other.client(a, t, Options{}).States(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(unread, read) || !slices.Contains(unread, both) || !slices.Equal(starred, []string{star}) {
				t.Errorf("%s sees unread %v, starred %v; want %s read, %s unread, only %s starred", other.name, unread, starred, read, both, star)
			}
		})
	}
}

func TestMarksMadeOnTheServerAreSeenByStates(t *testing.T) {
	a := newAccount(t)
	a.Subscribe(t, "states", "Tech", 30)
	items, _, _ := syncAll(t, minifluxClient(a, t, Options{}), "")
	var readIDs, starIDs []int64
	for i, it := range items {
		n, _ := strconv.ParseInt(it.ID, 10, 64)
		if i%3 == 0 {
			readIDs = append(readIDs, n)
		}
		if i%5 == 0 {
			starIDs = append(starIDs, n)
		}
	}
	a.SetStatus(t, readIDs, "read")
	a.SetStarred(t, starIDs, true)
	for _, p := range protocols {
		t.Run(p.name+" sees the server's read and starred marks, in pages of 7", func(t *testing.T) {
			unread, starred, err := p.client(a, t, Options{PageSize: 7}).States(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(unread) != 20 || len(starred) != 6 {
				t.Fatalf("%d unread, %d starred; want 20 and 6", len(unread), len(starred))
			}
			for _, id := range readIDs {
				if slices.Contains(unread, strconv.FormatInt(id, 10)) {
					t.Errorf("item %d, read on the server, is listed unread", id)
				}
			}
			for _, id := range starIDs {
				if !slices.Contains(starred, strconv.FormatInt(id, 10)) {
					t.Errorf("item %d, starred on the server, is not listed starred", id)
				}
			}
		})
	}
}

func TestItemsSinceACursorAreOnlyTheNewOnes(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name+" hands over only what came after the cursor", func(t *testing.T) {
			a := newAccount(t)
			_, id := a.Subscribe(t, "later", "Tech", 20)
			c := p.client(a, t, Options{PageSize: 8})
			_, cur, _ := syncAll(t, c, "")
			items, again, pages := syncAll(t, c, cur)
			if len(items) != 0 || pages != 0 || again != cur {
				t.Fatalf("with nothing new: %d items in %d pages, cursor %q → %q", len(items), pages, cur, again)
			}
			// New stories, one of them dated long before the others: a
			// feed's date is not when the server got the item.
			added := a.AddItems(t, "later", id, 10, time.Time{})
			added = append(added, a.AddItems(t, "later", id, 1, epoch.AddDate(-5, 0, 0))...)
			items, next, _ := syncAll(t, c, cur)
			slices.Sort(added)
			if got := links(items); !slices.Equal(got, added) {
				t.Errorf("after the cursor: %v\nwant %v", got, added)
			}
			if next == cur {
				t.Error("the cursor did not move")
			}
			if items, _, _ := syncAll(t, c, next); len(items) != 0 {
				t.Errorf("after the new cursor: %d items, want none", len(items))
			}
		})
	}
}

func TestRefusedCredentialsAreErrUnauthorizedFromARealServer(t *testing.T) {
	a := newAccount(t)
	mf, _ := NewMiniflux(a.URL, "not-the-token", "", "", Options{})
	mfBasic, _ := NewMiniflux(a.URL, "", a.Name, "wrong password", Options{})
	gr, _ := NewGReader(a.URL, a.Name, "wrong password", Options{})
	for _, c := range []struct {
		name   string
		client Client
		hint   string
	}{
		{"a wrong API token", mf, "check the API token"},
		{"a wrong Miniflux password", mfBasic, "check the user name and password"},
		{"a wrong Google Reader password", gr, "check the user name and password"},
	} {
		t.Run(c.name+" says so plainly", func(t *testing.T) {
			_, err := c.client.Feeds(context.Background())
			if !errors.Is(err, ErrUnauthorized) {
				t.Fatalf("err = %v, want ErrUnauthorized", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "the server refused the credentials (HTTP 401") || !strings.Contains(msg, c.hint) {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestSubscribeAddsAFeed(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name+" subscribes to a feed in a new category", func(t *testing.T) {
			a := newAccount(t)
			feedURL, _ := a.Server().ServeFeed(a.FeedPrefix+"imported.xml", "imported", 3, time.Time{})
			c := p.client(a, t, Options{})
			if err := c.Subscribe(context.Background(), feedURL, "Imported"); err != nil {
				t.Fatal(err)
			}
			feeds, err := c.Feeds(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(feeds) != 1 || feeds[0].URL != feedURL || !slices.Equal(feeds[0].Tags, []string{"Imported"}) {
				t.Errorf("feeds %+v, want %s in Imported", feeds, feedURL)
			}
			if items, _, _ := syncAll(t, c, ""); len(items) != 3 {
				t.Errorf("%d items after subscribing, want 3", len(items))
			}
		})
	}
}
