package simhash

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/textoverlap/overlap/shingle"
)

var update = flag.Bool("update", false, "rewrite golden files")

type seed struct {
	name string
	text []byte
}

func loadSeeds(t testing.TB) []seed {
	t.Helper()
	files, err := filepath.Glob("../seeds/*.txt")
	require.NoError(t, err)
	require.Len(t, files, 5)
	var out []seed
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		out = append(out, seed{filepath.Base(f), b})
	}
	return out
}

// The seeds' fingerprints are a format: stored indexes depend on them not
// changing. testdata/golden/simhash_seeds.txt pins them.
func TestGoldenSeedFingerprints(t *testing.T) {
	var sb strings.Builder
	for _, s := range loadSeeds(t) {
		var h Hasher
		f, n := h.Sum(s.text)
		fmt.Fprintf(&sb, "%s %s %d\n", f, s.name, n)
		// Every entry point agrees.
		assert.Equal(t, f, Sum(s.text))
		assert.Equal(t, f, SumString(string(s.text)))
		g, m := h.SumString(string(s.text))
		assert.Equal(t, f, g)
		assert.Equal(t, n, m)
	}
	golden := filepath.Join("..", "testdata", "golden", "simhash_seeds.txt")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(sb.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./simhash -run Golden -update to create it")
	assert.Equal(t, string(want), sb.String())
}

func TestSameTextSameFingerprint(t *testing.T) {
	seeds := loadSeeds(t)
	var wg sync.WaitGroup
	got := make([][]Fingerprint, 4)
	for g := range got {
		wg.Go(func() {
			for _, s := range seeds {
				got[g] = append(got[g], Sum(s.text))
			}
		})
	}
	wg.Wait()
	for g := 1; g < len(got); g++ {
		assert.Equal(t, got[0], got[g], "concurrent use of Sum")
	}
}

// Formatting that normalisation removes must not move a fingerprint at all.
func TestFingerprintIgnoresFormatting(t *testing.T) {
	for _, s := range loadSeeds(t) {
		text := string(s.text)
		variants := map[string]string{
			"CRLF":            strings.ReplaceAll(text, "\n", "\r\n"),
			"straight quotes": strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(text),
			"plain hyphens":   strings.NewReplacer("\u2011", "-", "–", "-", "—", " - ").Replace(text),
			"upper case":      strings.ToUpper(text),
			"reflowed":        strings.Join(strings.Fields(text), " "),
		}
		want := SumString(text)
		for name, v := range variants {
			assert.Equal(t, want, SumString(v), "%s: %s", s.name, name)
		}
	}
}

func TestDifferentSeedsAreFarApart(t *testing.T) {
	seeds := loadSeeds(t)
	for i := range seeds {
		for j := i + 1; j < len(seeds); j++ {
			d := Sum(seeds[i].text).Distance(Sum(seeds[j].text))
			assert.Greater(t, d, 20, "%s vs %s", seeds[i].name, seeds[j].name)
		}
	}
}

func TestHasherDoesNotAllocate(t *testing.T) {
	text := loadSeeds(t)[3].text
	var h Hasher
	h.Sum(text)
	assert.Zero(t, testing.AllocsPerRun(20, func() { h.Sum(text) }))
	if !raceEnabled { // the race detector drops sync.Pool items on purpose
		Sum(text)
		assert.Zero(t, testing.AllocsPerRun(20, func() { Sum(text) }))
	}
}

func TestSumWeighted(t *testing.T) {
	text := loadSeeds(t)[0].text
	var h Hasher
	unit, n := h.SumWeighted(text, func(uint64) float64 { return 1 })
	plain, m := h.Sum(text)
	assert.Equal(t, plain, unit, "weight 1 is term frequency")
	assert.Equal(t, n, m)
	none, _ := h.SumWeighted(text, func(uint64) float64 { return 0 })
	assert.Equal(t, Empty, none)
}

func TestCharGramHasher(t *testing.T) {
	h := Hasher{CharGrams: 4}
	seeds := loadSeeds(t)
	f, n := h.Sum(seeds[0].text)
	var w Hasher
	_, wn := w.Sum(seeds[0].text)
	assert.Equal(t, wn, n, "word count is words, whatever the features")
	assert.NotEqual(t, Sum(seeds[0].text), f)
	assert.Greater(t, f.Distance(func() Fingerprint { g, _ := h.Sum(seeds[1].text); return g }()), 10)
}

// Hasher's fast path (word hashes in batches) must give what the features
// say: the Builder sum of package shingle's word shingles, for every width
// and for texts shorter than a shingle or than a batch.
func TestHasherMatchesShingles(t *testing.T) {
	texts := [][]byte{nil, []byte("—"), []byte("One"), []byte("Two words"), []byte("Three words here."),
		[]byte(strings.Repeat("Kyiv’s long‑range systems, 1,000 km. ", 40))}
	for _, s := range loadSeeds(t) {
		texts = append(texts, s.text)
	}
	for _, k := range []int{1, 2, 3, 5, 64, 65, 200} {
		for i, text := range texts {
			var b Builder
			var ws shingle.WordShingler
			ws.K = k
			ws.Reset(text)
			for ws.Next() {
				b.Add(ws.Shingle().Hash)
			}
			h := Hasher{Words: k}
			got, n := h.Sum(text)
			assert.Equal(t, b.Sum(), got, "k=%d text %d", k, i)
			assert.Equal(t, ws.Words(), n, "k=%d text %d", k, i)
		}
	}
}
