package shingle

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func winnowed(src []byte, k, w int) []Shingle {
	var out []Shingle
	for s := range Winnow(WordShingles(src, k), w) {
		out = append(out, s)
	}
	return out
}

func hashSet(ss []Shingle) map[uint64]bool {
	m := map[uint64]bool{}
	for _, s := range ss {
		m[s.Hash] = true
	}
	return m
}

// The winnowing guarantee, tested on real prose: splice a run of seed A
// into unrelated text B; whenever the run is at least w+k-1 words, the two
// fingerprint sets share a hash whose spans lie inside the run in both.
func TestWinnowGuarantee(t *testing.T) {
	all := seeds(t)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range all {
			if !yield(n) {
				return
			}
		}
	})
	rng := rand.New(rand.NewPCG(1, 2))
	for _, kw := range [][2]int{{1, 1}, {3, 4}, {5, 4}, {4, 8}, {2, 16}} {
		k, w := kw[0], kw[1]
		for trial := 0; trial < 60; trial++ {
			a := strings.Fields(string(all[names[rng.IntN(5)]]))
			b := strings.Fields(string(all[names[rng.IntN(5)]]))
			runLen := w + k - 1 + rng.IntN(3)
			start := rng.IntN(len(a) - runLen)
			run := strings.Join(a[start:start+runLen], " ")
			at := rng.IntN(len(b))
			// Fresh separators around the run, so no shingle straddles it
			// by accident of matching neighbours.
			host := strings.Join(b[:at], " ") + " ¶ " + run + " ¶ " + strings.Join(b[at:], " ")
			doc := strings.Join(a, " ")

			fa, fh := winnowed([]byte(doc), k, w), winnowed([]byte(host), k, w)
			runStart := strings.Index(host, " ¶ "+run+" ¶ ") + len(" ¶ ")
			runEnd := runStart + len(run)
			found := false
			ha := hashSet(fa)
			for _, s := range fh {
				if ha[s.Hash] && s.Start >= runStart && s.End <= runEnd {
					found = true
					break
				}
			}
			require.True(t, found, "k=%d w=%d run of %d words %q not fingerprinted", k, w, runLen, run)
		}
	}
}

// Against the definition: every window's minimum is selected, and nothing
// else is.
func TestWinnowMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 300; trial++ {
		n := rng.IntN(60)
		w := 1 + rng.IntN(8)
		hs := make([]Shingle, n)
		for i := range hs {
			hs[i] = Shingle{Hash: uint64(rng.IntN(12)), Index: i} // many ties
		}
		var got []int
		for s := range Winnow(slices.Values(hs), w) {
			got = append(got, s.Index)
		}
		// Every full window (and, for short streams, the whole stream) has
		// its minimum value selected at some position inside it.
		sel := map[int]bool{}
		for _, i := range got {
			sel[i] = true
		}
		for lo := 0; lo+w <= n || (lo == 0 && n > 0); lo++ {
			hi := min(lo+w, n)
			m := slices.MinFunc(hs[lo:hi], func(a, b Shingle) int { return compareU64(a.Hash, b.Hash) }).Hash
			ok := false
			for i := lo; i < hi; i++ {
				ok = ok || (sel[i] && hs[i].Hash == m)
			}
			require.True(t, ok, "window [%d,%d) of %v: min %d not selected in %v", lo, hi, hs, m, got)
			if hi == n {
				break
			}
		}
		// Positions are reported once each and in order.
		assert.True(t, slices.IsSorted(got))
		assert.Len(t, slices.Compact(slices.Clone(got)), len(got))
	}
}

func compareU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Robust winnowing keeps its choice on ties: a run of identical hashes
// yields one fingerprint per window width, not one per position.
func TestWinnowRobustOnRepetition(t *testing.T) {
	text := []byte(strings.Repeat("no no ", 200))
	got := winnowed(text, 2, 8)
	assert.LessOrEqual(t, len(got), 400/8+2)
	assert.NotEmpty(t, got)
}

func TestWinnowDensity(t *testing.T) {
	// Expected density of winnowing is 2/(w+1).
	text := seeds(t)["003_afaa2bd7b2508454.txt"]
	n := 0
	for range WordShingles(text, 5) {
		n++
	}
	for _, w := range []int{4, 8, 16} {
		got := len(winnowed(text, 5, w))
		want := 2 * float64(n) / float64(w+1)
		assert.InDelta(t, want, float64(got), want*0.35, "w=%d", w)
	}
}
