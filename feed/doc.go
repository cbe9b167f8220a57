// Package feed reads news feeds: it detects and parses RSS 0.9x/1.0/2.0,
// Atom 0.3/1.0, JSON Feed and RSS-in-JSON documents into articles, reads and
// writes subscription lists (newsboat urls files and OPML), fetches feeds
// over HTTP with conditional requests and rate-limit awareness, keeps the
// last good copy of every feed in an on-disk cache, and offers sources that
// show cached articles at once and fresh ones as they arrive.
//
// gofeed reads every document, but an RSS 2.0 document is first offered
// to internal/fastrss, which cuts it into its items and reads those made
// only of plain text elements itself, on every CPU, at several times
// gofeed's speed, leaving gofeed the channel and any item out of the
// ordinary. Its tests hold the two readings equal over the corpus and
// under fuzzing; a fix to how RSS items are read starts there.
//
// Encodings: a document is decoded as its byte order mark, its XML
// declaration or the HTTP charset says, in that order, with two
// exceptions for what publishers get wrong: bytes that are valid UTF-8
// beyond ASCII are UTF-8 whatever single-byte charset is declared, and a
// document said (or assumed) to be UTF-8 that is not is windows-1252.
// Text garbled before publication (UTF-8 read as windows-1252 and encoded
// again: "SÃ¤nger") is then repaired field by field with
// articles.RepairMojibake: titles, authors and tags once their entities
// are decoded, bodies in their HTML and again in their markdown. The
// repair changes only what is unambiguous. An item with neither GUID nor
// link is known by a hash of its title, so such an item whose title was
// garbled got a new ID once, when the repair came.
//
// Sources send articles without bodies and keep none in memory: Open
// reads the article's document again (the cached copy, the file, the
// bytes piped in), parses it and converts the one body, keeping the
// last document's bodies for the next Open. A body is held in memory only
// when its document cannot be read again: a fresh copy the cache could
// not store, or an item the fresh copy of its feed no longer lists.
//
// Article IDs: an item's GUID (Atom id, JSON Feed id) is used as is when it
// looks globally unique (it has a URL scheme such as "https:", "urn:" or
// "tag:"); otherwise it is prefixed with the feed's URL and "#", so that two
// feeds numbering their items 1, 2, 3 cannot collide. An item without a
// GUID is known by its absolute link, unless other stories in the feed
// share that link (a release-notes feed whose items all point to one
// page): then by the link, "#sha256:" and a hash of its title and date
// (and text, when it has no title), so that no story is lost. One without
// GUID or link is known by a hash of the feed URL, its title and its
// date. All are stable across runs. Items with the same ID are merged,
// the first kept: only true duplicates share one (the same GUID, or the
// same link, title and date).
package feed
