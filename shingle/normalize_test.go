package shingle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeRules(t *testing.T) {
	tests := []struct {
		name string
		a, b string // must normalise alike
		want string // the normalised form of a
	}{
		{"curly apostrophe (seed 000)", "don’t", "don't", "don't"},
		{"left single quote as apostrophe", "rock‘n", "rock'n", "rock'n"},
		{"prime as apostrophe", "O′Brien", "O'Brien", "o'brien"},
		{"modifier letter apostrophe", "Hawaiʼi", "Hawai'i", "hawai'i"},
		{"possessive (seed 002)", "alliance’s posture", "alliance's posture", "alliance's posture"},
		{"plural possessive drops the quote", "students’ work", "students work", "students work"},
		{"non-breaking hyphen U+2011 (seed 002)", "long‑range systems", "long-range systems", "long range systems"},
		{"hyphen U+2010", "non‐voting", "non-voting", "non voting"},
		{"en dash (seed 003)", "Article 5–like", "Article 5-like", "article 5 like"},
		{"em dash (seed 004)", "war—and peace", "war - and peace", "war and peace"},
		{"double quotes (seed 003)", "“security guarantees”", "\"security guarantees\"", "security guarantees"},
		{"double prime", "12″ gun", "12\" gun", "12 gun"},
		{"ellipsis (seed 003)", "guarantees… and", "guarantees... and", "guarantees and"},
		{"soft hyphen dropped", "co\u00ADoperate", "cooperate", "cooperate"},
		{"zero-width space dropped", "co\u200Boperate", "cooperate", "cooperate"},
		{"zero-width joiner dropped", "e\u200Dmail", "email", "email"},
		{"BOM ignored", "\uFEFFNATO", "NATO", "nato"},
		{"case", "NATO Summit", "nato summit", "nato summit"},
		{"full case folding", "STRASSE", "straße", "strasse"},
		{"NFKC fullwidth", "ＮＡＴＯ", "NATO", "nato"},
		{"NFKC ligature", "ﬁnal", "final", "final"},
		{"composed vs decomposed", "café", "cafe\u0301", "café"},
		{"Greek final sigma folds", "ΣΟΦΟΣ", "σοφος", "σοφοσ"},
		{"Cyrillic case", "НАТО", "нато", "нато"},
		{"non-breaking space", "Vilnius\u00A0summit", "Vilnius summit", "vilnius summit"},
		{"CRLF and reflow", "one\r\ntwo  three\n\nfour", "one two three four", "one two three four"},
		{"digit separators", "$1,000.50 bn", "1,000.50 bn", "1,000.50 bn"},
		{"full stop after number ends it", "in 2024. Then", "in 2024 then", "in 2024 then"},
		{"Han one token per character", "北约峰会", "北 约 峰 会", "北 约 峰 会"},
		{"Japanese kana", "ニュース", "ニ ュ ー ス", "ニ ュ ー ス"},
		{"halfwidth katakana to fullwidth", "ﾆｭｰｽ", "ニュース", "ニ ュ ー ス"},
		{"Thai with marks kept on their base", "สวัสดี", "สวัสดี", "ส วั ส ดี"},
		{"invalid UTF-8 separates", "ab\xffcd", "ab cd", "ab cd"},
		{"NUL separates", "ab\x00cd", "ab cd", "ab cd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Normalize(tt.a))
			assert.Equal(t, Normalize(tt.a), Normalize(tt.b))
		})
	}
}

// The seeds' own typographic characters must all be handled by the rules
// above: collect every non-ASCII character they use and check each one is
// either part of a word or a separator with a reason.
func TestSeedCharacters(t *testing.T) {
	seen := map[rune]bool{}
	for _, text := range seeds(t) {
		for _, r := range string(text) {
			if r >= utf8.RuneSelf {
				seen[r] = true
			}
		}
	}
	require.NotEmpty(t, seen)
	for r := range seen {
		switch classify(r) {
		case apostrophe:
			assert.Contains(t, "’‘", string(r))
		case sep:
			assert.Contains(t, "“”–—…\u2011", string(r), "unexpected separator %U", r)
		default:
			t.Errorf("seed character %U %q has class %d", r, r, classify(r))
		}
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	for name, text := range seeds(t) {
		once := Normalize(string(text))
		assert.Equal(t, once, Normalize(once), name)
	}
	for _, s := range []string{"Straße ﬁ É ΣΟΦΟΣ İstanbul ǅ ß ŉ ΐ ﬀ", "Ⅻ ① ㈱ x²"} {
		once := Normalize(s)
		assert.Equal(t, once, Normalize(once), s)
	}
}

// The fast table must agree with the x/text slow path for every character
// it covers.
func TestSimpleTableMatchesSlowPath(t *testing.T) {
	var f folder
	for r := rune(0x80); r < simpleLimit; r++ {
		got, ok := simpleFold(r)
		if !ok {
			continue
		}
		want := string(f.fold(nil, []byte(string(r))))
		require.Equal(t, want, string(got), "%U", r)
	}
}

func seeds(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("../seeds/*.txt")
	require.NoError(t, err)
	require.Len(t, files, 5, "the five seed articles live in seeds/")
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		out[filepath.Base(f)] = b
	}
	return out
}

func words(s string) []string {
	var out []string
	for tok := range Tokens([]byte(s)) {
		out = append(out, string(tok.Text))
	}
	return out
}

func TestWordsOnSeedSentence(t *testing.T) {
	// From seed 002.
	s := "including the delivery of additional arms and more capable long‑range systems. The discussion appears in a policy article that surveys the strategic options available to maintain Kyiv’s security"
	got := words(s)
	assert.Equal(t, strings.Fields("including the delivery of additional arms and more capable long range systems the discussion appears in a policy article that surveys the strategic options available to maintain kyiv's security"), got)
}
