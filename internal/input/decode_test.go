package input

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

func TestDecodeUTF8(t *testing.T) {
	for _, s := range []string{"", "plain", "\uFEFFwith a BOM", "café “quoted” 😀"} {
		text, m, bad := Decode([]byte(s))
		assert.Equal(t, s, string(text))
		assert.Nil(t, m)
		assert.Equal(t, -1, bad)
		assert.Equal(t, 3, m.Source(3), "nil map is the identity")
		assert.Equal(t, 3, m.Text(3))
	}
}

func TestDecodeWindows1252(t *testing.T) {
	data := []byte("caf\xe9 \x93quoted\x94 \x80 \x81")
	text, m, bad := Decode(data)
	require.NotNil(t, m)
	assert.Equal(t, 3, bad)
	assert.Equal(t, "café “quoted” € \uFFFD", string(text))
	want, err := charmap.Windows1252.NewDecoder().Bytes(data)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(text), "same as x/text's decoder")
}

func TestDecodeFirstInvalid(t *testing.T) {
	for _, tc := range []struct {
		in  string
		bad int
	}{
		{"ok é then \xe9", 11},
		{"\xff", 0},
		{"é\xe2\x82", 2},         // truncated sequence
		{"ab\xed\xa0\x80", 2},    // surrogate
		{"\xc0\xaf overlong", 0}, // overlong
	} {
		_, _, bad := Decode([]byte(tc.in))
		assert.Equal(t, tc.bad, bad, "%q", tc.in)
	}
}

// bruteMap maps every text offset to its source offset the slow way.
func bruteMap(data []byte) (text []byte, src []int) {
	for i, c := range data {
		r := charmap.Windows1252.DecodeByte(c)
		for range utf8.RuneLen(r) {
			src = append(src, i)
		}
		text = utf8.AppendRune(text, r)
	}
	src = append(src, len(data)) // the end
	return text, src
}

// TestOffsetMapExhaustive checks every offset in both directions on texts
// holding every byte value, at lengths around the checkpoint spacing.
func TestOffsetMapExhaustive(t *testing.T) {
	var all []byte
	for b := range 256 {
		all = append(all, byte(b))
	}
	all = append(all, "plain ASCII \xe9\xe8 text \x80\x80\x80 end"...)
	for _, data := range [][]byte{
		{0xff},
		[]byte("a\xe9"),
		all,
		bytes.Repeat([]byte("\xe9a\x80"), 100),
		bytes.Repeat(all, 3),
		append(bytes.Repeat([]byte("x"), markEvery-1), 0xe9, 0x80),
		append(bytes.Repeat([]byte("\x80"), markEvery), 'y', 0xff),
	} {
		text, m, bad := Decode(data)
		require.GreaterOrEqual(t, bad, 0)
		wantText, wantSrc := bruteMap(data)
		require.Equal(t, wantText, text)
		for off := 0; off <= len(text); off++ {
			require.Equal(t, wantSrc[off], m.Source(off), "Source(%d) of %d", off, len(text))
		}
		for off := 0; off <= len(data); off++ {
			tOff := m.Text(off)
			require.Equal(t, off, m.Source(tOff), "Source(Text(%d))", off)
			if off < len(data) {
				// Text(off) is where the rune of byte off starts.
				require.True(t, tOff == 0 || wantSrc[tOff-1] == off-1, "Text(%d)=%d starts a rune", off, tOff)
			} else {
				require.Equal(t, len(text), tOff)
			}
		}
		// Clamping.
		assert.Equal(t, 0, m.Source(-5))
		assert.Equal(t, len(data), m.Source(len(text)+5))
		assert.Equal(t, 0, m.Text(-5))
		assert.Equal(t, len(text), m.Text(len(data)+5))
	}
}

func TestIsBlank(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, " \t\r\n": true, "\uFEFF\n": true, "\u00a0\u2003": true,
		"x": false, " \u00e9": false, "\x00": false, "\xff": false,
	} {
		assert.Equal(t, want, isBlank([]byte(s)), "%q", s)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "plain", "caf\xe9", "\xff\xfe\x00", "é\xe2\x82", "\x80\x81\x8d\x8f\x90\x9d\xa0\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, m, bad := Decode(data)
		if utf8.Valid(data) {
			if m != nil || bad != -1 || !bytes.Equal(text, data) {
				t.Fatalf("valid UTF-8 changed: %q -> %q", data, text)
			}
			return
		}
		if m == nil || bad < 0 || bad >= len(data) {
			t.Fatalf("invalid UTF-8 %q: map %v, first invalid %d", data, m, bad)
		}
		if firstInvalid(data[:bad]) >= 0 || firstInvalid(data[bad:]) != 0 {
			t.Fatalf("first invalid byte of %q is not at %d", data, bad)
		}
		if !utf8.Valid(text) || utf8.RuneCount(text) != len(data) {
			t.Fatalf("decoded %q to %q: want valid UTF-8, one rune per byte", data, text)
		}
		prev := 0
		for off := 0; off <= len(text); off++ {
			s := m.Source(off)
			if s < prev || s > len(data) {
				t.Fatalf("Source(%d)=%d after %d, source length %d", off, s, prev, len(data))
			}
			prev = s
		}
		if m.Source(len(text)) != len(data) {
			t.Fatalf("Source(end)=%d, want %d", m.Source(len(text)), len(data))
		}
		for off := 0; off <= len(data); off++ {
			if got := m.Source(m.Text(off)); got != off {
				t.Fatalf("Source(Text(%d))=%d", off, got)
			}
		}
	})
}
