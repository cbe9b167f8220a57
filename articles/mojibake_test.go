package articles

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// garble is what a publisher makes of UTF-8 text by decoding it as
// windows-1252 (Latin-1 where windows-1252 leaves a byte undefined) and
// encoding the result as UTF-8 again.
func garble(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80 || c > 0x9f:
			b.WriteRune(rune(c))
		case cp1252High[c-0x80] != 0:
			b.WriteRune(cp1252High[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func TestRepairMojibake(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"German garbled once is repaired", "SÃ¤nger verÃ¶ffentlicht neues Album Ã¼ber GrÃ¼ÃŸe", "Sänger veröffentlicht neues Album über Grüße"},
		{"French garbled once is repaired", garble("L'été à Paris : déjà vu, œuvre « complète »"), "L'été à Paris : déjà vu, œuvre « complète »"},
		{"Spanish garbled once is repaired", garble("¿Qué pasó en España? Año de cambios"), "¿Qué pasó en España? Año de cambios"},
		{"Russian garbled once is repaired", garble("Спасибо, всё хорошо: события в России"), "Спасибо, всё хорошо: события в России"},
		{"Polish garbled once is repaired", garble("Zażółć gęślą jaźń"), "Zażółć gęślą jaźń"},
		{"Greek garbled once is repaired", garble("Ελλάδα"), "Ελλάδα"},
		{"curly quotes and dashes garbled once are repaired", "Itâ€™s â€œfineâ€\u009d â€” really", "It’s “fine” — really"},
		{"an emoji garbled once is repaired", garble("Party 🎉 tonight"), "Party 🎉 tonight"},
		{"Japanese garbled once is repaired", garble("東京のニュース"), "東京のニュース"},
		{"text garbled twice is repaired", garble(garble("Müller über Straße")), "Müller über Straße"},
		{"entities that were garbled are repaired", "â\u0080¦", "…"},
		{"a stray C1 control reads as windows-1252", "don\u0092t", "don’t"},
		{"an undefined C1 control is left to sanitising", "a\u0081b", "a\u0081b"},
		{"a C1 control that begins an escape sequence is left to sanitising", "a\u009b2Jb", "a\u009b2Jb"},
		{"garbled and clean text mixed: only the garbled part changes", "Sänger und SÃ¤ngerin", "Sänger und Sängerin"},
		{"Portuguese in capitals stays", "SÃO PAULO: NÃO HÁ ÔNIBUS", "SÃO PAULO: NÃO HÁ ÔNIBUS"},
		{"a capital Ã before a closing quotation mark stays", "«IRMÃ» e “ALEMÔ", "«IRMÃ» e “ALEMÔ"},
		{"ß before a quotation mark stays", "„Fuß“ und „Spaß…“", "„Fuß“ und „Spaß…“"},
		{"Latin-1 text stays", "Ça coûte 5 € à l'hôtel, Ärger über Öl, Ñandú", "Ça coûte 5 € à l'hôtel, Ärger über Öl, Ñandú"},
		{"a lone Ã in a word stays", "Ã and Ãx and maçã", "Ã and Ãx and maçã"},
		{"Chinese stays", "中文新闻标题", "中文新闻标题"},
		{"emoji stay", "🎉👍🏽 done", "🎉👍🏽 done"},
		{"EUC-KR read as windows-1252 is not made worse", "EUC-KR ¿¡¼\u00ad TypeKey ÇÑ±Û´Ð³×ÀÓ Ç¥½ÃÇÏ±â", "EUC-KR ¿¡¼\u00ad TypeKey ÇÑ±Û´Ð³×ÀÓ Ç¥½ÃÇÏ±â"},
		{"Shift_JIS read as windows-1252 is not made worse", "DrecomRSS‚É‹LŽ–“Š", "DrecomRSS‚É‹LŽ–“Š"},
		{"TIS-620 read as windows-1252 is not made worse", "ÊÓ¹Ñ¡§Ò¹Êè§àÊÃÔÁÍØµÊÒË¡ÃÃÁ«Í¿µìáÇÃìáËè§ªÒµÔ", "ÊÓ¹Ñ¡§Ò¹Êè§àÊÃÔÁÍØµÊÒË¡ÃÃÁ«Í¿µìáÇÃìáËè§ªÒµÔ"},
		{"garbled Spanish punctuation side by side is repaired", garble("«¡¿Qué?!»"), "«¡¿Qué?!»"},
		{"Danish garbled once is repaired", "PÃ¥ grund af BrÃ¸ndby", "På grund af Brøndby"},
		{"a capital Ã ending a word in capitals before a quotation mark stays", "«ALEMÃ»", "«ALEMÃ»"},
		{"French before closing quotation marks stays", "il se dit “calme et déterminé”\u00a0».", "il se dit “calme et déterminé”\u00a0»."},
		{"garbled Vietnamese is repaired", garble("Việt Nam"), "Việt Nam"},
		{"garbled Chinese after a Latin word is repaired", garble("Tokyo東京"), "Tokyo東京"},
		{"a garbled replacement character is repaired", "too: ï¿½,ï¿½", "too: �,�"},
		{"ASCII stays", "Plain old title", "Plain old title"},
		{"empty stays", "", ""},
		{"a lead at the end stays", "abcÃ", "abcÃ"},
		{"a lead followed by too few continuations stays", "â€", "â€"},
		{"an overlong sequence stays", "x à€€ y", "x à€€ y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RepairMojibake(tt.in); got != tt.want {
				t.Errorf("RepairMojibake(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRepairMojibakeLeavesCleanTextAlone(t *testing.T) {
	s := "Plain title with café, Straße and « quotes »"
	if got := RepairMojibake(s); got != s {
		t.Fatalf("changed clean text: %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { RepairMojibake(s) }); n != 0 {
		t.Errorf("clean text allocates %.0f times", n)
	}
}

func FuzzRepairMojibake(f *testing.F) {
	for _, s := range []string{"SÃ¤nger", "Itâ€™s", "SÃO PAULO", "don\u0092t", garble(garble("Grüße")), garble("Спасибо 🎉"), "abcÃ", "à€€", "«IRMÃ»"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := RepairMojibake(s)
		if twice := RepairMojibake(once); twice != once {
			t.Fatalf("not idempotent: %q → %q → %q", s, once, twice)
		}
		if utf8.ValidString(s) && !utf8.ValidString(once) {
			t.Fatalf("made valid UTF-8 invalid: %q → %q", s, once)
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && r <= 0x9f || r >= 0xc2 && r <= 0xf4 }) && once != s {
			t.Fatalf("changed text without a possible marker: %q → %q", s, once)
		}
	})
}

func BenchmarkRepairMojibake(b *testing.B) {
	french := strings.Repeat("L'été à Paris : déjà vu, une œuvre « complète » sur la Côte d'Azur. ", 40)
	cases := []struct{ name, s string }{
		{"ASCII title", "Harbour reopens after storm repairs"},
		{"clean accented body 2.7kB", french},
		{"garbled title", garble("Sänger veröffentlicht neues Album")},
		{"garbled body 4kB", garble(french)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				RepairMojibake(c.s)
			}
		})
	}
}
