package shingle

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkTokens asserts the invariants every token stream must keep: spans
// inside the input, in order, not overlapping, starting and ending on
// character boundaries, and each span holding a word character.
func checkTokens(t testing.TB, src []byte) int {
	t.Helper()
	var tk Tokenizer
	tk.Reset(src)
	prevEnd := 0
	n := 0
	for tk.Next() {
		tok := tk.Token()
		require.LessOrEqual(t, prevEnd, tok.Start)
		require.Less(t, tok.Start, tok.End)
		require.LessOrEqual(t, tok.End, len(src))
		require.NotEmpty(t, tok.Text)
		require.True(t, utf8.Valid(tok.Text) || !utf8.Valid(src), "normalised text is UTF-8 for UTF-8 input")
		if utf8.Valid(src) {
			require.True(t, utf8.RuneStart(src[tok.Start]))
			require.True(t, tok.End == len(src) || utf8.RuneStart(src[tok.End]))
		}
		prevEnd = tok.End
		n++
	}
	require.Equal(t, n, tk.Count())
	require.False(t, tk.Next(), "Next stays false at the end")
	return n
}

func TestTokenOffsetsPointAtOriginal(t *testing.T) {
	for name, text := range seeds(t) {
		t.Run(name, func(t *testing.T) {
			n := checkTokens(t, text)
			assert.Greater(t, n, 300)
			for tok := range Tokens(text) {
				orig := string(text[tok.Start:tok.End])
				// Showing the original and normalising it gives the token back.
				assert.Equal(t, string(tok.Text), Normalize(orig), "%q", orig)
			}
		})
	}
}

func TestTokenSpans(t *testing.T) {
	tests := []struct {
		in    string
		spans []string // the original text of each token
	}{
		{"Don’t stop", []string{"Don’t", "stop"}},
		{"‘quoted’ word", []string{"quoted", "word"}},
		{"Kyiv’s security", []string{"Kyiv’s", "security"}},
		{"long‑range", []string{"long", "range"}},
		{"co\u00ADoperate\u00AD next", []string{"co\u00ADoperate", "next"}},
		{"1,000.50, then", []string{"1,000.50", "then"}},
		{"end.", []string{"end"}},
		{"'tis", []string{"tis"}},
		{"don''t", []string{"don", "t"}},
		{"北约summit", []string{"北", "约", "summit"}},
		{"a\r\nb", []string{"a", "b"}},
		{"", nil},
		{"  ...  ", nil},
		{"\xff\xfe", nil},
		{"e\u0301\u0301x", []string{"e\u0301\u0301x"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for tok := range Tokens([]byte(tt.in)) {
				got = append(got, tt.in[tok.Start:tok.End])
			}
			assert.Equal(t, tt.spans, got)
			checkTokens(t, []byte(tt.in))
		})
	}
}

func TestTokenizerBadInput(t *testing.T) {
	tests := map[string][]byte{
		"invalid UTF-8":       []byte("caf\xe9 na\xefve \xc3"),
		"lone continuation":   []byte("\x80\x80abc\x80"),
		"NUL bytes":           []byte("a\x00b\x00\x00c"),
		"truncated rune":      []byte("abc\xe2\x80"),
		"surrogate encoding":  []byte("a\xed\xa0\x80b"),
		"only marks":          []byte("\u0301\u0301"),
		"CRLF":                []byte("one\r\ntwo\r\n"),
		"Windows-1252 quotes": []byte("\x93quoted\x94 don\x92t"),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			checkTokens(t, in)
		})
	}
	// Windows-1252 bytes are not UTF-8: they separate words rather than
	// being guessed at. Decoding is the reader's job.
	assert.Equal(t, []string{"quoted", "don", "t"}, words("\x93quoted\x94 don\x92t"))
}

func TestTokenizerLongLine(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("50 MB input")
	}
	line := bytes.Repeat([]byte("NATO’s long‑range plan "), 50<<20/len("NATO’s long‑range plan "))
	var tk Tokenizer
	tk.Reset(line)
	n, last := 0, Token{}
	for tk.Next() {
		n++
		last = tk.Token()
	}
	assert.Equal(t, 4*(len(line)/len("NATO’s long‑range plan ")), n)
	assert.Equal(t, len(line)-1, last.End)
	// One word of 50 MB is also fine.
	huge := bytes.Repeat([]byte("a"), 50<<20)
	tk.Reset(huge)
	require.True(t, tk.Next())
	assert.Equal(t, Token{Start: 0, End: len(huge), Text: tk.Token().Text}, tk.Token())
	assert.False(t, tk.Next())
}

func TestTokenizerReuse(t *testing.T) {
	var tk Tokenizer
	for _, s := range []string{"First TEXT here", "second", ""} {
		tk.ResetString(s)
		var got []string
		for tk.Next() {
			got = append(got, string(tk.Token().Text))
		}
		assert.Equal(t, words(s), got)
	}
}

func TestTokenizerDoesNotAllocate(t *testing.T) {
	text := seeds(t)["003_afaa2bd7b2508454.txt"]
	nonASCII := []byte(strings.Repeat("Größere Übersicht über НАТО и Україну, ΣΟΦΟΣ ", 50))
	var tk Tokenizer
	for _, src := range [][]byte{text, nonASCII} {
		tk.Reset(src)
		for tk.Next() {
		}
		allocs := testing.AllocsPerRun(20, func() {
			tk.Reset(src)
			for tk.Next() {
			}
		})
		assert.Zero(t, allocs)
	}
}

// ReadHashes gives the WordHash of every word Next finds, whatever the
// batch size, on real text in several scripts and on edge cases: words at
// the very end of the input (too close to it for the 8-byte load), long
// runs, apostrophes, digit separators and invalid UTF-8.
func TestReadHashesMatchesTokens(t *testing.T) {
	texts := map[string][]byte{
		"edges": []byte("a bb ccc don't 1,000.5 Kyiv’s x\xffy https://example.com/AVeryLongPathSegmentIndeed " +
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL end"),
		// Text in other scripts, read word by word without bitmaps: a
		// word longer than readRuneHashes' buffer, apostrophes, a soft
		// hyphen, digit separators, Greek that needs the folder, kana with
		// a combining mark, fullwidth letters and a lone continuation byte.
		"runes": []byte(strings.Repeat("Всеобщая декларация прав человека, ", 3) + strings.Repeat("Превысокомногорассмотрительствующий", 4) +
			" п’ять l'homme об­ъём 1,000.5 ١٢٣ ΣΟΦΟΣ ὈΔΥΣΣΕΎΣ がき 日本語のテキスト ＦＵＬＬ xy ٱلْعَرَبِيَّة עִבְרִית"),
		// Joins the block loop makes itself, at every offset in a block:
		// apostrophes, and full stops and commas between digits only.
		"joins": []byte(strings.Repeat("U.S. e.g. 3.5% of 1,000,000 o'clock's rock'n'roll x'.y 2.a a.1 1.' l'été 5,٣ don’t 12,345.67, ", 9)),
		"short": []byte("Hi"),
		"empty": nil,
	}
	for name, text := range seeds(t) {
		texts[name] = text
	}
	udhr, _ := filepath.Glob("../testdata/bench/udhr/*.txt")
	for _, f := range udhr {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		texts[filepath.Base(f)] = b
	}
	for name, text := range texts {
		checkReadHashes(t, name, text, 1, 3, 64, 1000)
	}
}

// ReadHashes on words just before or after non-ASCII runes, apostrophes
// and digit separators, each shifted to every offset in the first block,
// so that it lands on every byte the bitmaps treat apart: the last two of
// a block, and the first past it.
func TestReadHashesEveryOffset(t *testing.T) {
	pieces := []string{"U.S.", "e.g.", "3.5%", "1,000,000", "o'clock's", "rock'n'roll", "x'.y", "2.a", "a.1", "1.'",
		"l'été", "5,٣", "don’t", "long‑range", "café", "naïve", "«quoted»", "12,345.67,", "Straße", "ok",
		// Separators hashPlain steps over, and what they must not swallow.
		"no\u00a0break", "“quoted”", "a—b–c", "end…", "x'\u00a0y", "3.\u00a05", "2×3", "\u00a0\u0301x", "”\u2019s", "ab\xffcd",
		// Full stops and commas before runes, and words longer than
		// sixteen bytes, which hashPlain takes itself.
		"end.”", "5.”", "5,”", "a,’b", "internationalizations—x", "verylongwordwithoutjoins1234\u00a0x",
		"abcdefghijklmnopq’s", "abcdefghijklmnopqr'", "abcdefghijklmnopqr,5", "abcdefghijklmnopqré",
		// Typographic apostrophes, which hashPlain joins itself.
		"don’t", "Rock’n’Roll", "o’clock’s", "‘quoted’", "l’été", "it’s.", "x’y’", "’tis", "5’000", "a’b'c",
		"abc’1,000.5", "1,5’x", "x’é", "x’\u0301", "x’’y", "x‘y", "x’y“z", "x’y—z", strings.Repeat("ab’", 50) + "c",
		// Words with Latin-1 letters, which hashPlain takes itself
		// (latinWord), and what it must leave to scan.
		"Straße", "ÜBER", "été", "aujourd'hui", "é'x", "é’x", "l’été", "À", "ÿ", "Ÿ", "a×b", "÷", "é\u0301", "e\u0301x",
		"é.", "é,5", "5,é", "é5", "3,5é", "x’ y", "é’ y", "é' y", "x’\u00a0y", "é'日本", "é’日", "éБв", "é'Ωx", "œuvre", "Ḃx", "é\u00a0x", "é\xc3", "é\xc3(", strings.Repeat("é", 70), "''é",
		"ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"}
	for _, piece := range pieces {
		for pad := range 64 + 8 {
			text := strings.Repeat(" ", pad) + piece + strings.Repeat(" x", 48)
			checkReadHashes(t, fmt.Sprintf("%q at %d", piece, pad), []byte(text), 1, 2, 64)
		}
		// In the last 80 bytes, which go through a padded copy (hashTail):
		// followed by words, by spaces, or by nothing; alone, and after
		// text long enough for the blocks.
		for pad := range 80 {
			for _, text := range []string{
				strings.Repeat("y ", 48) + piece + strings.Repeat(" x", pad/2),
				strings.Repeat("y ", 48) + piece + strings.Repeat(" ", pad),
				strings.Repeat(" ", pad) + piece,
			} {
				checkReadHashes(t, fmt.Sprintf("%q, %d from the end", piece, pad), []byte(text), 1, 2, 64)
			}
		}
	}
}

// checkReadHashes reads text with ReadHashes in batches of each size and
// requires the WordHash of every word Tokens finds, and the same Count.
func checkReadHashes(t *testing.T, name string, text []byte, sizes ...int) {
	t.Helper()
	want := []uint64{}
	for tok := range Tokens(text) {
		want = append(want, WordHash(tok.Text))
	}
	for _, size := range sizes {
		var tk Tokenizer
		tk.Reset(text)
		got := []uint64{}
		buf := make([]uint64, size)
		for {
			n := tk.ReadHashes(buf)
			if n == 0 {
				break
			}
			got = append(got, buf[:n]...)
		}
		for i := range min(len(want), len(got)) {
			require.Equal(t, want[i], got[i], "%s, batches of %d: word %d of %d", name, size, i, len(want))
		}
		require.Equal(t, len(want), len(got), "%s, batches of %d: words", name, size)
		require.Equal(t, len(want), tk.Count(), "%s: Count, batches of %d", name, size)
	}
}
