package simhash

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/textoverlap/overlap/internal/textedit"

	"github.com/stretchr/testify/assert"
)

// featureStats measures how a feature set separates edited copies of a
// seed from the other seeds: the mean distance from each seed to copies
// with 1, 3, 5, 8 and 15% of its words substituted, and to copies given a
// random light edit (internal/textedit.LightEdit: a mix of up to 8% of words
// changed, header or footer, quotes, case, reflow, truncation, swapped
// paragraphs), twenty of each per seed; and the smallest and mean distance
// between different seeds (five articles on one story: the hard case).
type featureStats struct {
	name            string
	edit            map[string]float64 // by edit level: "1%", ..., "light"
	diffMin, diffMu float64
}

var editLevels = []string{"1%", "3%", "5%", "8%", "15%"}

var featureTable = flag.Bool("feature-table", false, "measure every candidate feature set with 20 edits per seed and level, and print the README's table")

func measure(t testing.TB, name string, h Hasher, trials int) featureStats {
	seeds := loadSeeds(t)
	fp := func(b []byte) Fingerprint { f, _ := h.Sum(b); return f }
	st := featureStats{name: name, edit: map[string]float64{}, diffMin: 64}
	fracs := map[string]float64{"1%": 0.01, "3%": 0.03, "5%": 0.05, "8%": 0.08, "15%": 0.15}
	for _, lvl := range append(editLevels, "light") {
		var sum, n float64
		for k, s := range seeds {
			rng := rand.New(rand.NewPCG(uint64(k), 42))
			for range trials {
				e := textedit.LightEdit(rng)
				if lvl != "light" {
					e = textedit.Substitute(fracs[lvl])
				}
				edited := textedit.Apply(s.text, rng, e)
				sum += float64(fp(s.text).Distance(fp(edited.Text)))
				n++
			}
		}
		st.edit[lvl] = sum / n
	}
	var sum, n float64
	for i := range seeds {
		for j := i + 1; j < len(seeds); j++ {
			d := float64(fp(seeds[i].text).Distance(fp(seeds[j].text)))
			st.diffMin = min(st.diffMin, d)
			sum += d
			n++
		}
	}
	st.diffMu = sum / n
	return st
}

// TestFeatureChoice records the measurements behind DefaultFeatures and
// checks the default still separates light edits from different articles.
// The README's table comes from
//
//	go test ./simhash -run TestFeatureChoice -feature-table -v
func TestFeatureChoice(t *testing.T) {
	options := []struct {
		name string
		h    Hasher
	}{
		{"word 1-shingles", Hasher{Words: 1}},
		{"word 2-shingles (default)", Hasher{}},
		{"word 3-shingles", Hasher{Words: 3}},
		{"word 4-shingles", Hasher{Words: 4}},
		{"word 5-shingles", Hasher{Words: 5}},
		{"char 3-grams", Hasher{CharGrams: 3}},
		{"char 4-grams", Hasher{CharGrams: 4}},
		{"char 5-grams", Hasher{CharGrams: 5}},
	}
	trials := 20
	if !*featureTable {
		// Without the flag, measure just the default, as the assertions need.
		options, trials = options[1:2], 8
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "| features | 1%% edit | 3%% edit | 5%% edit | 8%% edit | 15%% edit | light edit | other seed (min) | other seed (mean) |\n|---|---|---|---|---|---|---|---|---|\n")
	var def featureStats
	for _, o := range options {
		st := measure(t, o.name, o.h, trials)
		fmt.Fprintf(&sb, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f |\n", st.name,
			st.edit["1%"], st.edit["3%"], st.edit["5%"], st.edit["8%"], st.edit["15%"], st.edit["light"], st.diffMin, st.diffMu)
		if o.h.Words == 0 && o.h.CharGrams == 0 {
			def = st
		}
	}
	t.Log("\n" + sb.String())
	// The default must keep an 8% edit well inside the distance between
	// different articles, and edits must move fingerprints further as they
	// grow.
	assert.Less(t, def.edit["8%"], def.diffMin/1.5)
	for i := 1; i < len(editLevels); i++ {
		assert.Less(t, def.edit[editLevels[i-1]], def.edit[editLevels[i]], "more edits, larger distance")
	}
}
