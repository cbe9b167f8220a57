package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// summaryFeed is an RSS feed whose item gives a summary and a link to
// the whole story.
const summaryFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%[2]s</title><link>%[1]s/</link>
<item><title>%[3]s</title><link>%[1]s/%[4]s</link><guid>%[1]s/%[4]s</guid>
<pubDate>%[5]s</pubDate><description>%[3]s: read more on the site.</description></item>
</channel></rss>`

func TestTheFullStoryOfASummaryFeedOnAKeyAndOffline(t *testing.T) {
	bin := buildBinary(t)
	srv := newPageServer(t, map[string]func(http.ResponseWriter, *http.Request){
		"/coast.xml": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, summaryFeed, "http://"+r.Host, "Coast News", "Harbour reopens", "harbour", "Tue, 24 Nov 2026 09:00:00 GMT")
		},
		"/lights.xml": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, summaryFeed, "http://"+r.Host, "Lights", "Lighthouse relit", "lighthouse", "Mon, 23 Nov 2026 09:00:00 GMT")
		},
		"/harbour":    html(storyPage("Divers checked every stone of the breakwater.")),
		"/lighthouse": html(storyPage("The keepers came back to Ardnamurchan.")),
	})
	env := isolatedEnv(t)
	var xdg []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "XDG_") {
			xdg = append(xdg, kv)
		}
	}
	writeFile(t, filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls"),
		srv.URL+"/coast.xml\n"+srv.URL+"/lights.xml +fulltext\n")

	t.Run("F shows the full story in place of the summary, and a +fulltext feed is read in full", func(t *testing.T) {
		term := startTerminal(t, bin, terminalOptions{env: xdg, width: 120, height: 40})
		term.waitText(t, "Harbour reopens")
		term.waitText(t, "Lighthouse relit")
		term.pressUntil(t, "\r", "the summary", func(s string) bool { return strings.Contains(s, "read more on the site") })
		term.waitText(t, "feed summary")
		term.press("F")
		screen := term.waitText(t, "every stone of the breakwater")
		if !strings.Contains(screen, "full text") || strings.Contains(screen, "read more on the site") {
			t.Errorf("the screen does not show the full text as such:\n%s", screen)
		}
		term.press("n")
		term.waitText(t, "keepers came back to Ardnamurchan")
		term.press("qq")
		if err := term.waitExit(t); err != nil {
			t.Fatalf("newsread exited with %v", err)
		}
		for _, page := range []string{"/harbour", "/lighthouse"} {
			if n := srv.requests(page); n != 1 {
				t.Errorf("%s was fetched %d times, want 1", page, n)
			}
		}
	})
	t.Run("with the server gone the kept full story opens", func(t *testing.T) {
		srv.Close()
		term := startTerminal(t, bin, terminalOptions{env: xdg, width: 120, height: 40})
		term.waitText(t, "Harbour reopens")
		term.pressUntil(t, "\r", "the full story", func(s string) bool { return strings.Contains(s, "every stone of the breakwater") })
		term.waitText(t, "full text")
		term.press("qq")
		if err := term.waitExit(t); err != nil {
			t.Fatalf("newsread exited with %v", err)
		}
	})
}

func TestTheFullTextMarkSurvivesOPMLImportAndExport(t *testing.T) {
	bin := buildBinary(t)
	env := isolatedEnv(t)
	opml := filepath.Join(t.TempDir(), "subs.opml")
	writeFile(t, opml, `<?xml version="1.0"?><opml version="2.0"><body>
<outline type="rss" text="Whole" xmlUrl="http://127.0.0.1:1/whole.xml" fullText="true"/>
<outline type="rss" text="Brief" xmlUrl="http://127.0.0.1:1/brief.xml"/></body></opml>`)
	if out, stderr, err := runWith(t, env, bin, "", "--import-opml", opml); err != nil {
		t.Fatalf("import: %v %s %s", err, out, stderr)
	}
	data, err := os.ReadFile(filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls"))
	if err != nil {
		t.Fatal(err)
	}
	urls := string(data)
	if !strings.Contains(urls, "whole.xml ~Whole +fulltext") || strings.Count(urls, "+fulltext") != 1 {
		t.Errorf("urls file after the import:\n%s", urls)
	}
	out, _, err := runWith(t, env, bin, "", "--export-opml")
	if err != nil || strings.Count(out, `fullText="true"`) != 1 || !strings.Contains(out, `xmlUrl="http://127.0.0.1:1/whole.xml" fullText="true"`) {
		t.Errorf("export: %v\n%s", err, out)
	}
}
