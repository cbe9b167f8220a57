package articles

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// RepairMojibake undoes the garbling of text that was UTF-8, was decoded
// as windows-1252 or Latin-1 and encoded as UTF-8 again ("SÃ¤nger" for
// "Sänger", "â€™" for "’"), and reads stray C1 control characters as the
// windows-1252 punctuation they almost always stand for ("don\u0092t"),
// but for those that introduce or end escape sequences.
//
// A sequence is repaired only when the repair is unambiguous: its
// characters re-encode exactly to the bytes of one valid UTF-8 character,
// and that character is plausible text (a letter of a script whose
// garbling looks like this, punctuation, a symbol, an emoji). Text that is
// legitimately Latin-1 ("SÃO PAULO", "Fuß“") stays as it is. Text garbled
// more than once is repaired until nothing is left to repair, so the
// repair is idempotent. Clean text costs one scan of its bytes and is
// returned as it is.
func RepairMojibake(s string) string {
	if !mayBeGarbled(s) {
		return s
	}
	for {
		t, changed := repairOnce(s)
		if !changed {
			return s
		}
		s = t
	}
}

// mayBeGarbled reports whether s holds a character from U+00C2 to U+00F4
// (the lead of a garbled sequence) followed by a character that may stand
// for a continuation byte, or a C1 control character: the only text
// RepairMojibake may change. It looks at bytes only, so clean text, be it
// ASCII or accented, costs one pass.
func mayBeGarbled(s string) bool {
	for i := 0; i < len(s)-1; i++ {
		switch s[i] {
		case 0xc3:
			if c := s[i+1]; c >= 0x82 && c <= 0xb4 && i+2 < len(s) {
				// U+0080-U+00BF, or windows-1252's Œ œ Š š Ÿ Ž ž ƒ ˆ ˜
				// and its punctuation from U+2013 to U+2122.
				switch s[i+2] {
				case 0xc2, 0xc5, 0xc6, 0xcb, 0xe2:
					return true
				}
			}
		case 0xc2:
			if s[i+1] <= 0x9f {
				return true
			}
		}
	}
	return false
}

// repairOnce repairs each garbled sequence of s once.
func repairOnce(s string) (string, bool) {
	var b strings.Builder
	last, prev, prevFixed, caps := 0, rune(0), false, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var fixed rune
		n := 0
		switch {
		case r >= 0xc2 && r <= 0xf4:
			fixed, n = garbledAt(s, i, prev, prevFixed, caps >= 2)
		case r >= 0x80 && r <= 0x9f && !escapeC1(r):
			if c := cp1252High[r-0x80]; c != 0 {
				fixed, n = c, size
			}
		}
		if n == 0 {
			prev, prevFixed = r, false
			caps = capitals(caps, r)
			i += size
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteRune(fixed)
		i += n
		last, prev, prevFixed = i, fixed, true
		caps = capitals(caps, fixed)
	}
	if last == 0 {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// garbledAt reads the garbled sequence that starts at s[i] and returns
// the character it stands for and the length of the sequence in s; n is
// 0 when there is none or its repair would be a guess. prev is the
// character before it, prevFixed says whether prev was repaired, and
// inCapitals whether it ends a run of at least two capital letters.
func garbledAt(s string, i int, prev rune, prevFixed, inCapitals bool) (fixed rune, n int) {
	fixed, n = sequenceAt(s, i)
	if n == 0 {
		return 0, 0
	}
	// Text read in the wrong legacy charset (EUC-KR as windows-1252:
	// "ÇÑ±Û´Ð³×") holds sequences that decode by chance, among
	// characters like theirs: a sequence beside one is not repaired,
	// unless that one is garbled too.
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	nextFixed, m := sequenceAt(s, i+n)
	if m > 0 {
		next = nextFixed
	} else if latinSign(next) {
		return 0, 0
	}
	if !prevFixed && latinSign(prev) {
		return 0, 0
	}
	if utf8.RuneLen(fixed) > 2 && !prevFixed && m == 0 && unicode.Is(unicode.Latin, prev) &&
		unicode.IsLetter(fixed) && !unicode.Is(unicode.Latin, fixed) {
		// "déterminé”\u00a0»": a letter of another script inside a Latin
		// word is French before its quotation marks, not garbled Chinese
		// (whose characters come garbled side by side).
		return 0, 0
	}
	if utf8.RuneLen(fixed) == 2 && inCapitals && unicode.IsLower(fixed) && !unicode.IsLower(next) {
		// "ALEMÃ»": a small letter that would end a word in capitals is
		// the capital Ã before a quotation mark, not a garbled "û"
		// (while "PÃ¥" is Danish "På").
		return 0, 0
	}
	return fixed, n
}

// capitals counts the capital letters that end the text up to r, given
// the count before it.
func capitals(n int, r rune) int {
	if unicode.IsUpper(r) {
		return n + 1
	}
	return 0
}

// latinSign reports the characters of Latin-1 beyond ASCII that garbled
// text or text in the wrong charset is made of, but for the no-break
// space and the guillemets, which stand beside words in French.
func latinSign(r rune) bool {
	return r >= 0xa1 && r <= 0xff && r != 0xab && r != 0xbb
}

// sequenceAt decodes the garbled sequence that may start at s[i]: a
// character from U+00C2 to U+00F4 (the byte that led a UTF-8 sequence)
// and the characters that stand for its continuation bytes. n is 0 when
// they do not form one valid, plausible character.
func sequenceAt(s string, i int) (fixed rune, n int) {
	lead, size := utf8.DecodeRuneInString(s[i:])
	if lead < 0xc2 || lead > 0xf4 {
		return 0, 0
	}
	var buf [utf8.UTFMax]byte
	buf[0] = byte(lead)
	need := 1
	switch {
	case lead >= 0xf0:
		need = 3
	case lead >= 0xe0:
		need = 2
	}
	j := i + size
	for k := 1; k <= need; k++ {
		c, size := utf8.DecodeRuneInString(s[j:])
		cb, ok := continuationByte(c)
		if !ok {
			return 0, 0
		}
		buf[k] = cb
		j += size
	}
	fixed, size = utf8.DecodeRune(buf[:need+1])
	if size != need+1 || !plausible(fixed, need+1) { // size 1: invalid; U+FFFD itself is fine
		return 0, 0
	}
	return fixed, j - i
}

// continuationByte is the byte (0x80-0xbf) that windows-1252 or Latin-1
// decodes to c, the image of a UTF-8 continuation byte in garbled text.
func continuationByte(c rune) (byte, bool) {
	if c >= 0x80 && c <= 0xbf {
		return byte(c), true
	}
	for i, h := range cp1252High {
		if h == c && h != 0 {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// plausible reports whether r, decoded from a garbled sequence of n bytes,
// is text that garbling of this kind comes from. Two-byte sequences are
// the ambiguous ones: a capital letter of Latin-1 before a punctuation mark
// makes one, so only the scripts whose garbling looks like that (Latin,
// Greek, Cyrillic, Hebrew, Arabic) count, and no combining marks.
func plausible(r rune, n int) bool {
	if n > 2 {
		if r >= 0xe000 && r <= 0xf8ff {
			return false // private use
		}
		return unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r)
	}
	switch {
	case r >= 0xa0 && r <= 0x23f, // Latin-1 letters and signs, Latin Extended up to ș, ț
		r >= 0x370 && r <= 0x3ff, // Greek
		r >= 0x400 && r <= 0x52f, // Cyrillic
		r >= 0x5d0 && r <= 0x5ea, // Hebrew letters
		r >= 0x600 && r <= 0x6ff: // Arabic
		return unicode.IsGraphic(r) && !unicode.Is(unicode.Mn, r)
	}
	return false
}

// escapeC1 reports the C1 controls that begin or end an escape sequence
// (CSI, the control strings and their terminator ST). They stay controls
// when alone, so that Sanitize removes the whole sequence rather than
// leaving its payload on the screen as text.
func escapeC1(r rune) bool {
	switch r {
	case 0x90, 0x98, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f:
		return true
	}
	return false
}

// cp1252High is what windows-1252 makes of the bytes 0x80-0x9f; 0 where it
// leaves the byte undefined.
var cp1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}
