package shingle

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refWordHash and refShingleHash spell out the hash definitions with
// nothing but xxhash.Sum64, as the reference for the inline versions.
func refWordHash(w string) uint64 {
	b := []byte(w)
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return xxhash.Sum64(b)
}

func refShingleHash(words ...string) uint64 {
	var b []byte
	for _, w := range words {
		b = binary.LittleEndian.AppendUint64(b, refWordHash(w))
	}
	return xxhash.Sum64(b)
}

func TestWordShingleReferenceVectors(t *testing.T) {
	// Hashes are a stable format: pin them by definition and by value.
	src := "Kyiv’s “long‑range” Systems"
	var got []Shingle
	for s := range WordShingles([]byte(src), 2) {
		got = append(got, s)
	}
	require.Len(t, got, 3)
	want := []struct {
		words []string
		span  string
		index int
		hash  uint64
	}{
		{[]string{"kyiv's", "long"}, "Kyiv’s “long", 0, 0x45a80bb3174f351e},
		{[]string{"long", "range"}, "long‑range", 1, 0x3bb2b39e02cf710b},
		{[]string{"range", "systems"}, "range” Systems", 2, 0x42facfcec5ec1809},
	}
	for i, w := range want {
		assert.Equal(t, refShingleHash(w.words...), got[i].Hash, w.words)
		assert.Equal(t, w.hash, got[i].Hash, "%v by value: %#x", w.words, got[i].Hash)
		assert.Equal(t, w.span, src[got[i].Start:got[i].End])
		assert.Equal(t, w.index, got[i].Index)
	}
	// xxhash64's published reference value for empty input.
	assert.Equal(t, uint64(0xef46db3751d8e999), xxhash.Sum64String(""))
}

func TestWordAndShingleHash(t *testing.T) {
	words := []string{"a", "ab", "news", "kyiv's", "eighteen", "nineteen1", "disinformation", "counterintelligence",
		"internationalisation", "pneumonoultramicroscopicsilicovolcanoconiosis", "москва", "日", "straße"}
	for _, w := range words {
		assert.Equal(t, refWordHash(w), WordHash([]byte(w)), w)
	}
	long := strings.Repeat("žluťoučký kůň ", 20)
	for n := 1; n <= len(long); n++ {
		require.Equal(t, refWordHash(long[:n]), WordHash([]byte(long[:n])), "length %d", n)
	}
	for k := 1; k <= 9; k++ {
		var hs []uint64
		for _, w := range words[:k] {
			hs = append(hs, WordHash([]byte(w)))
		}
		assert.Equal(t, refShingleHash(words[:k]...), ShingleHash(hs), "k=%d", k)
	}
	// plainHash reads the word from the input, lowercasing: at every
	// length and distance from the end of the input.
	for n := 1; n <= 40; n++ {
		word := strings.Repeat("Ab9", 14)[:n]
		for pad := 0; pad <= 17; pad++ {
			src := []byte(" " + word + strings.Repeat(".", pad))
			require.Equal(t, refWordHash(strings.ToLower(word)), plainHash(src, 1, 1+n), "n=%d pad=%d", n, pad)
		}
	}
}

func TestWordShinglesCountAndSpans(t *testing.T) {
	for name, text := range seeds(t) {
		t.Run(name, func(t *testing.T) {
			var toks []Token
			for tok := range Tokens(text) {
				toks = append(toks, Token{Start: tok.Start, End: tok.End, Text: append([]byte(nil), tok.Text...)})
			}
			for _, k := range []int{1, 3, 5} {
				i := 0
				for s := range WordShingles(text, k) {
					require.Equal(t, i, s.Index)
					require.Equal(t, toks[i].Start, s.Start)
					require.Equal(t, toks[i+k-1].End, s.End)
					var parts []string
					for _, tok := range toks[i : i+k] {
						parts = append(parts, string(tok.Text))
					}
					require.Equal(t, refShingleHash(parts...), s.Hash)
					i++
				}
				assert.Equal(t, len(toks)-k+1, i, "k=%d", k)
			}
		})
	}
}

func TestWordShinglesShortText(t *testing.T) {
	tests := []struct {
		in   string
		k    int
		want []string // shingle spans
	}{
		{"", 3, nil},
		{" … ", 3, nil},
		{"NATO", 3, []string{"NATO"}},
		{"NATO summit", 3, []string{"NATO summit"}},
		{"NATO summit now", 3, []string{"NATO summit now"}},
		{"NATO summit now!", 3, []string{"NATO summit now"}},
		{"a b c d", 3, []string{"a b c", "b c d"}},
		{"a b", 0, []string{"a b"}},
	}
	for _, tt := range tests {
		var got []string
		s := NewWordShingler([]byte(tt.in), tt.k)
		for s.Next() {
			got = append(got, tt.in[s.Shingle().Start:s.Shingle().End])
		}
		assert.Equal(t, tt.want, got, "%q k=%d", tt.in, tt.k)
		assert.False(t, s.Next())
	}
}

func TestWordShinglerLongWindowCompaction(t *testing.T) {
	// Long texts slide the window buffer past its compaction point many
	// times; hashes must not change.
	text := []byte(strings.Repeat("alpha beta gamma delta epsilon ", 5000))
	var a WordShingler
	a.K = 4
	a.Reset(text)
	n := 0
	for a.Next() {
		s := a.Shingle()
		require.Equal(t, refShingleHash(strings.Fields(Normalize(string(text[s.Start:s.End])))...), s.Hash)
		n++
	}
	assert.Equal(t, 5*5000-3, n)
}

func TestCharShingles(t *testing.T) {
	src := "Don’t STOP"
	var grams []string
	var spans []string
	for s := range CharShingles([]byte(src), 4) {
		spans = append(spans, src[s.Start:s.End])
		grams = append(grams, "")
		_ = s
	}
	norm := "don't stop"
	require.Len(t, spans, len([]rune(norm))-3)
	i := 0
	for s := range CharShingles([]byte(src), 4) {
		g := string([]rune(norm)[i : i+4])
		assert.Equal(t, xxhash.Sum64String(g), s.Hash, g)
		i++
	}
	assert.Equal(t, []string{"Don’", "on’t", "n’t", "’t S", "t ST", "STO", "STOP"}, spans)

	// Words whose normalised length differs map to their whole span.
	src = "Straße"
	for s := range CharShingles([]byte(src), 3) {
		assert.Equal(t, "Straße", src[s.Start:s.End])
	}
	// Short text: one n-gram of everything.
	var all []Shingle
	for s := range CharShingles([]byte("ab"), 4) {
		all = append(all, s)
	}
	require.Len(t, all, 1)
	assert.Equal(t, xxhash.Sum64String("ab"), all[0].Hash)
}

func TestShinglersDoNotAllocate(t *testing.T) {
	text := seeds(t)["000_83c534b7b1c3db06.txt"]
	var w WordShingler
	var c CharShingler
	run := func() {
		w.Reset(text)
		for w.Next() {
		}
		c.Reset(text)
		for c.Next() {
		}
	}
	run()
	assert.Zero(t, testing.AllocsPerRun(10, run))
}
