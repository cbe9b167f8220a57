package articles

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// headerVersion leads every encoded header. Bump it when the encoding
// changes or when the parsers would make a different header of the same
// file: headers kept by an older newsread then fail to decode, and their
// files are read again.
const headerVersion = 1

// ErrHeaderVersion is returned by DecodeHeader for a header encoded by
// another version of newsread.
var ErrHeaderVersion = errors.New("header from another version")

// EncodeHeader encodes the list fields of a (everything but the body) in
// a compact binary form that DecodeHeader reads back.
func EncodeHeader(a Article) []byte {
	return encodeRecord(make([]byte, 0, recordSize("", a)), "", a)
}

// DecodeHeader reads back a header made by EncodeHeader. The article has
// no body (BodyLoaded is false). An error wraps ErrHeaderVersion when
// the header comes from another version.
func DecodeHeader(data []byte) (Article, error) {
	a, _, err := decodeRecord(data)
	return a, err
}

// Zone kinds of an encoded time.
const (
	zoneNone  = iota // the zero time
	zoneLocal        // time.Local
	zoneUTC
	zoneFixed // an offset and a name follow
)

// recordSize is room enough for the record of a.
func recordSize(companion string, a Article) int {
	n := 64 + len(companion) + len(a.ID) + len(a.Title) + len(a.Source) + len(a.Link) + len(a.Author) + len(a.Summary) + len(a.Path) + len(a.Feed)
	for _, t := range a.Tags {
		n += len(t) + binary.MaxVarintLen16
	}
	return n
}

// encodeRecord appends to buf the header of a and the companion title
// its file was parsed with, which the index checks before trusting it.
func encodeRecord(buf []byte, companion string, a Article) []byte {
	buf = append(buf, headerVersion)
	for _, s := range [...]string{companion, a.ID, a.Title, a.Source, a.Link, a.Author, a.Summary, a.Path, a.Feed} {
		buf = appendString(buf, s)
	}
	buf = appendTime(buf, a.Published)
	flags := byte(0)
	if a.DateFromFile {
		flags |= 1
	}
	buf = append(buf, flags)
	buf = binary.AppendUvarint(buf, uint64(len(a.Tags)))
	for _, t := range a.Tags {
		buf = appendString(buf, t)
	}
	return buf
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

func appendTime(buf []byte, t time.Time) []byte {
	switch {
	case t.IsZero():
		return append(buf, zoneNone)
	case t.Location() == time.Local:
		buf = append(buf, zoneLocal)
	case t.Location() == time.UTC:
		buf = append(buf, zoneUTC)
	default:
		name, offset := t.Zone()
		buf = append(buf, zoneFixed)
		buf = binary.AppendVarint(buf, int64(offset))
		buf = appendString(buf, name)
	}
	buf = binary.AppendVarint(buf, t.Unix())
	return binary.AppendUvarint(buf, uint64(t.Nanosecond()))
}

// errCorrupt is a header cut short or otherwise malformed.
var errCorrupt = errors.New("corrupt header")

// decodeRecord reads what encodeRecord wrote. Its strings share one
// copy of data, so that a header costs few allocations.
func decodeRecord(data []byte) (a Article, companion string, err error) {
	if len(data) == 0 {
		return Article{}, "", errCorrupt
	}
	if data[0] != headerVersion {
		return Article{}, "", fmt.Errorf("version %d: %w", data[0], ErrHeaderVersion)
	}
	d := decoder{s: string(data[1:])}
	companion = d.str()
	// Plain assignments to a local: no write barriers.
	a.ID, a.Title, a.Source, a.Link = d.str(), d.str(), d.str(), d.str()
	a.Author, a.Summary, a.Path, a.Feed = d.str(), d.str(), d.str(), d.str()
	a.Published = d.time()
	a.DateFromFile = d.byte()&1 != 0
	if n := d.uvarint(); n > 0 && n <= uint64(len(d.s)) {
		a.Tags = make([]string, n, n+1) // room for the folder tag
		for i := range a.Tags {
			a.Tags[i] = d.str()
		}
	} else if n > 0 {
		d.bad = true
	}
	if d.bad || d.s != "" {
		return Article{}, "", errCorrupt
	}
	return a, companion, nil
}

// decoder reads an encoded header; bad is set once it has gone wrong,
// and everything read after that is zero.
type decoder struct {
	s   string
	bad bool
}

func (d *decoder) byte() byte {
	if d.bad || d.s == "" {
		d.bad = true
		return 0
	}
	b := d.s[0]
	d.s = d.s[1:]
	return b
}

func (d *decoder) uvarint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		b := d.byte()
		if d.bad {
			return 0
		}
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
	d.bad = true
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.s)) {
		d.bad = true
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (d *decoder) time() time.Time {
	var loc *time.Location
	switch d.byte() {
	case zoneNone:
		return time.Time{}
	case zoneLocal:
		loc = time.Local
	case zoneUTC:
		loc = time.UTC
	case zoneFixed:
		offset := d.varint()
		loc = time.FixedZone(d.str(), int(offset))
	default:
		d.bad = true
		return time.Time{}
	}
	sec, nsec := d.varint(), d.uvarint()
	if d.bad || nsec >= 1e9 {
		d.bad = true
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).In(loc)
}
