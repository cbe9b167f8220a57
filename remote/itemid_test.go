package remote

import "testing"

func TestItemIDs(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		short int64
		long  string
	}{
		{"a small decimal id reads as itself", "1", 1, "tag:google.com,2005:reader/item/0000000000000001"},
		{"a long id is hexadecimal, not decimal", "tag:google.com,2005:reader/item/0000000000000010", 16, "tag:google.com,2005:reader/item/0000000000000010"},
		{"a decimal id above 9 becomes hex digits in the long form", "255", 255, "tag:google.com,2005:reader/item/00000000000000ff"},
		{"a negative short id is the long form's high bit", "-1", -1, "tag:google.com,2005:reader/item/ffffffffffffffff"},
		{"a FreshRSS-sized id survives the round trip", "1732886400123456", 1732886400123456, "tag:google.com,2005:reader/item/0006280d0e50c240"},
		{"spaces around an id do not matter", " 42 ", 42, "tag:google.com,2005:reader/item/000000000000002a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseItemID(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.short {
				t.Errorf("parseItemID(%q) = %d, want %d", tt.in, got, tt.short)
			}
			if l := longItemID(got); l != tt.long {
				t.Errorf("longItemID(%d) = %q, want %q", got, l, tt.long)
			}
			if back, err := parseItemID(tt.long); err != nil || back != tt.short {
				t.Errorf("parseItemID(%q) = %d, %v; want %d", tt.long, back, err, tt.short)
			}
		})
	}
	for _, bad := range []string{"", "abc", "tag:google.com,2005:reader/item/", "tag:google.com,2005:reader/item/xyz", "1.5", "99999999999999999999"} {
		t.Run("the id "+bad+" is refused", func(t *testing.T) {
			if _, err := parseItemID(bad); err == nil {
				t.Errorf("parseItemID(%q) gave no error", bad)
			}
		})
	}
}
