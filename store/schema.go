package store

import (
	"context"
	"database/sql"
)

// migrations are the schema, one step a version: migrations[i] takes a
// database from user_version i to i+1. A step is never edited once
// released; a change is a new step.
var migrations = []string{
	// 1: state, the archive of articles, the directory index, full text.
	`
CREATE TABLE articles (
	id        TEXT PRIMARY KEY,           -- Article.ID
	source    TEXT NOT NULL DEFAULT '',   -- the source's name
	feed      TEXT NOT NULL DEFAULT '',   -- feed URL (or file) of a feed item
	path      TEXT NOT NULL DEFAULT '',   -- file it was read from
	link      TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	author    TEXT NOT NULL DEFAULT '',
	published INTEGER NOT NULL DEFAULT 0, -- Unix seconds; 0 when unknown
	from_file INTEGER NOT NULL DEFAULT 0, -- published is the file's time
	tags      TEXT NOT NULL DEFAULT '',   -- joined with U+001F
	summary   TEXT NOT NULL DEFAULT '',
	body      TEXT NOT NULL DEFAULT '',   -- as the source gives it (HTML for feed items)
	body_type TEXT NOT NULL DEFAULT '',   -- 'html', 'markdown' or '' (none kept)
	seen_at   INTEGER NOT NULL DEFAULT 0  -- last time a source listed it
);
CREATE INDEX articles_feed ON articles(feed, published);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE state (
	id         TEXT PRIMARY KEY,
	read       INTEGER NOT NULL DEFAULT 0,
	read_at    INTEGER NOT NULL DEFAULT 0, -- Unix seconds
	starred    INTEGER NOT NULL DEFAULT 0,
	position   TEXT NOT NULL DEFAULT '',   -- the words at the top of the screen
	percent    REAL NOT NULL DEFAULT 0,    -- and how far down, as a fallback
	finished   INTEGER NOT NULL DEFAULT 0, -- the end was reached
	updated_at INTEGER NOT NULL DEFAULT 0, -- Unix milliseconds of the last change
	link       TEXT NOT NULL DEFAULT ''    -- the article's link, when imported without it
) WITHOUT ROWID;
CREATE INDEX state_updated ON state(updated_at);

CREATE TABLE files (
	path   TEXT PRIMARY KEY,
	size   INTEGER NOT NULL,
	mtime  INTEGER NOT NULL, -- Unix nanoseconds
	header BLOB NOT NULL     -- the article's header, encoded
) WITHOUT ROWID;

-- Full text of titles and bodies (bodies as plain text), one row an
-- article, rowid joined to fts_ids.
CREATE TABLE fts_ids (
	rowid INTEGER PRIMARY KEY,
	id    TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE fts USING fts5(title, body, author, source, tags, content = '', contentless_delete = 1, prefix = '3', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO fts(fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO fts(fts, rank) VALUES ('automerge', 8);

CREATE TABLE searches (
	name  TEXT PRIMARY KEY,
	query TEXT NOT NULL
) WITHOUT ROWID;
`,
	// 2: files in the articles table for the full-text index, keyed by
	// their absolute path (fileIDs moves what was kept under another
	// name); the words of the index; source in searches.
	`
CREATE INDEX articles_source ON articles(source); -- feed: and source: in searches

-- Every word the index has held, as its tokenizer folds it: a word typed
-- so far stands for the few whole words it begins, which the index
-- finds newest first without reading all their matches.
CREATE TABLE fts_terms (
	term TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.fts_vocab USING fts5vocab(main, fts, row);
INSERT OR IGNORE INTO fts_terms SELECT term FROM temp.fts_vocab;
DROP TABLE temp.fts_vocab;
`,
	// 3: the full text of feed items, fetched from their links once and
	// kept; the index takes it instead of the feed's summary.
	`
CREATE TABLE fulltext (
	id         TEXT PRIMARY KEY,          -- Article.ID
	url        TEXT NOT NULL DEFAULT '',  -- the page it came from, after redirects
	body       TEXT NOT NULL DEFAULT '',  -- the story as markdown
	fetched_at INTEGER NOT NULL DEFAULT 0 -- Unix seconds
);
`,
	// 4: accounts on feed servers: which server item is which article,
	// where the last sync got to, and the marks made here not yet sent.
	`
CREATE TABLE server_items (
	account TEXT NOT NULL, -- the account's name
	item    TEXT NOT NULL, -- the server's ID of the item
	article TEXT NOT NULL, -- Article.ID
	PRIMARY KEY (account, item)
) WITHOUT ROWID;
CREATE INDEX server_items_article ON server_items(article);

CREATE TABLE accounts (
	account   TEXT PRIMARY KEY,
	cursor    TEXT NOT NULL DEFAULT '', -- opaque to the store: where the next sync starts
	synced_at INTEGER NOT NULL DEFAULT 0 -- Unix milliseconds of the last successful sync
) WITHOUT ROWID;

-- Marks made here on server items and not yet sent, in the order they
-- were made, one an item: a later mark replaces the earlier one and
-- takes a new seq, never reused, so that a mark sent is told from a
-- newer one of the same item.
CREATE TABLE sync_marks (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	account   TEXT NOT NULL,
	item      TEXT NOT NULL,
	read      INTEGER,          -- NULL: unchanged
	starred   INTEGER,          -- NULL: unchanged
	marked_at INTEGER NOT NULL, -- Unix milliseconds
	UNIQUE (account, item)
);
`,
}

// migrationSteps are the steps of migrations that need more than SQL, by
// index, run after its SQL in the same transaction.
var migrationSteps = map[int]func(ctx context.Context, tx *sql.Tx) error{
	1: fileIDs,
}
