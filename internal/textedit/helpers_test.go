package textedit

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x7e47ed17)) }

// seedDir is where the repository keeps the seed articles, relative to this
// package.
const seedDir = "../../seeds"

func loadSeeds(t testing.TB) []Source {
	t.Helper()
	srcs, err := LoadSources(filepath.Join(seedDir, "*.txt"))
	require.NoError(t, err)
	require.Len(t, srcs, 5)
	return srcs
}

func seedText(t testing.TB, prefix string) []byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(seedDir, prefix+"_*.txt"))
	require.NoError(t, err)
	require.Len(t, paths, 1, "seed %s", prefix)
	b, err := os.ReadFile(paths[0])
	require.NoError(t, err)
	return b
}

// wordStrings returns the words of text as strings.
func wordStrings(text []byte) []string {
	ws := words(text)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = string(text[w.start:w.end])
	}
	return out
}

// isSubsequence reports whether sub is a subsequence of seq.
func isSubsequence(sub, seq []string) bool {
	i := 0
	for _, s := range seq {
		if i < len(sub) && sub[i] == s {
			i++
		}
	}
	return i == len(sub)
}

// checkResult asserts what every edit promises: a valid canonical alignment
// from src, valid UTF-8 out of valid UTF-8 in, and no aliasing of src.
func checkResult(t testing.TB, src []byte, res Result) {
	t.Helper()
	require.NoError(t, res.Align.Verify(src, res.Text), "alignment from source")
	require.Equal(t, res.Align.Canonical(), res.Align, "alignment not canonical")
	if utf8.Valid(src) {
		require.True(t, utf8.Valid(res.Text), "invalid UTF-8 out of valid input: %q", res.Text)
	}
	if len(src) > 0 && len(res.Text) > 0 {
		require.NotSame(t, &src[0], &res.Text[0], "result aliases its input")
	}
	require.Equal(t, CountWords(src), res.Stats.SrcWords)
}

// stepNames returns the op names of steps, for readable assertions.
func stepNames(steps []Step) string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.String()
	}
	return strings.Join(names, " | ")
}

// spansFromMap turns a byte map (dst index -> src index, -1 for none) into
// the canonical alignment it describes.
func spansFromMap(m []int) Alignment {
	var out Alignment
	for d, s := range m {
		if s < 0 {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].DstEnd == d && out[k].SrcEnd == s {
			out[k].SrcEnd++
			out[k].DstEnd++
			continue
		}
		out = append(out, Span{SrcStart: s, SrcEnd: s + 1, DstStart: d, DstEnd: d + 1})
	}
	return out
}

// mapFromSpans is the inverse of spansFromMap for a destination of length n.
func mapFromSpans(a Alignment, n int) []int {
	m := slices.Repeat([]int{-1}, n)
	for _, s := range a {
		for i := range s.Len() {
			m[s.DstStart+i] = s.SrcStart + i
		}
	}
	return m
}
