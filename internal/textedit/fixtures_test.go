package textedit

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the fixtures in testdata/edits")

// fixtureDir is the repository's testdata/edits, relative to this package.
const fixtureDir = "../../testdata/edits"

// maxFixtureBytes keeps the committed fixtures small.
const maxFixtureBytes = 300 << 10

// fixtureSpec describes one committed fixture. Seeds are named by the
// prefix of their file name in seeds/.
type fixtureSpec struct {
	file    string
	seed    string
	rng     uint64
	edits   func(quoted []byte) []Edit
	nearDup bool
	quoted  string // seed quoted by the fixture, if any
}

func fixtureSpecs() []fixtureSpec {
	var specs []fixtureSpec
	// Substitution series for measuring fingerprint distance against edit
	// amount. LightEdit stays within 8%; overlap's near-duplicate rule (half
	// of each text's shingles found in the other) still holds at 15%, which
	// keeps about 60% of them, and no longer at 30%, which keeps about 35%.
	for _, seed := range []string{"000", "002", "004"} {
		for i, pct := range []int{1, 3, 5, 8, 15, 30} {
			frac := float64(pct) / 100
			specs = append(specs, fixtureSpec{
				file:    fmt.Sprintf("%s-sub%02d.txt", seed, pct),
				seed:    seed,
				rng:     uint64(100 + i),
				edits:   func([]byte) []Edit { return []Edit{Substitute(frac)} },
				nearDup: pct <= 15,
			})
		}
	}
	light := func(file, seed string, rng uint64, edits ...Edit) fixtureSpec {
		return fixtureSpec{file: file, seed: seed, rng: rng, nearDup: true, edits: func([]byte) []Edit { return edits }}
	}
	specs = append(specs,
		light("001-subdel.txt", "001", 201, Substitute(0.02), Delete(0.02)),
		light("003-swap.txt", "003", 202, SwapParagraphs()),
		light("000-header-footer.txt", "000", 203, AddHeader("Reuters — Filed 14:02 GMT"), AddFooter("Share this article")),
		light("003-straight-quotes.txt", "003", 204, StraightenQuotes()),
		light("002-reflow72-crlf.txt", "002", 205, Reflow(72, true)),
		light("004-lower.txt", "004", 206, ChangeCase(Lower)),
		light("001-truncate05.txt", "001", 207, Truncate(0.05)),
		light("004-combo.txt", "004", 208, Substitute(0.02), Delete(0.01), Insert(0.01), SwapParagraphs(),
			AddHeader("By Staff Reporter"), AddFooter("Share this article"), StraightenQuotes(), Reflow(72, true)),
		fixtureSpec{
			file:    "004-quotes-000.txt",
			seed:    "004",
			rng:     303,
			quoted:  "000",
			nearDup: true, // of its own article; never of the one it quotes
			edits: func(quoted []byte) []Edit {
				return []Edit{Quote(seedFileName("000"), quoted, 80)}
			},
		},
	)
	slices.SortFunc(specs, func(a, b fixtureSpec) int { return strings.Compare(a.file, b.file) })
	return specs
}

// seedFileName returns the file name of the seed with the given prefix.
func seedFileName(prefix string) string {
	paths, _ := filepath.Glob(filepath.Join(seedDir, prefix+"_*.txt"))
	if len(paths) != 1 {
		return prefix + "_?.txt"
	}
	return filepath.Base(paths[0])
}

// The manifest's schema; see testdata/edits/MANIFEST.json.
type manifest struct {
	Generator string            `json:"generator"`
	Notes     map[string]string `json:"notes"`
	Fixtures  []manifestEntry   `json:"fixtures"`
}

type manifestEntry struct {
	File               string           `json:"file"`
	RNGSeed            uint64           `json:"rng_seed"`
	Operations         []Step           `json:"operations"`
	Words              Stats            `json:"words"`
	WordChangeFraction float64          `json:"word_change_fraction"`
	Sources            []manifestSource `json:"sources"`
}

type manifestSource struct {
	File          string   `json:"file"`
	Role          string   `json:"role"`
	NearDuplicate bool     `json:"near_duplicate"`
	Copied        [][4]int `json:"copied"`
}

// buildFixtures generates every fixture file and the manifest in memory.
func buildFixtures(t *testing.T) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	m := manifest{
		Generator: "go test ./internal/textedit -run TestFixtures -update",
		Notes: map[string]string{
			"words":                "a word is a maximal run of non-whitespace (package textedit); counts in \"words\" are edit operations relative to the edited source",
			"word_change_fraction": "(substituted + inserted + deleted) / source_words; deleted includes truncated words; restyled words (quotes, case) are not changes",
			"copied":               "verbatim copies as [source_start, source_end, fixture_start, fixture_end]: byte offsets, half-open, sorted by fixture_start",
			"near_duplicate":       "whether the fixture is expected to be detected as a near-duplicate of that source",
			"rng":                  "rand.New(rand.NewPCG(rng_seed, 0x7e47ed17)) from math/rand/v2",
		},
	}
	for _, spec := range fixtureSpecs() {
		src := seedText(t, spec.seed)
		var quoted []byte
		if spec.quoted != "" {
			quoted = seedText(t, spec.quoted)
		}
		res := Compose(spec.edits(quoted)...).Apply(src, newRand(spec.rng))
		checkResult(t, src, res)
		files[spec.file] = res.Text

		entry := manifestEntry{
			File:               spec.file,
			RNGSeed:            spec.rng,
			Operations:         res.Steps,
			Words:              res.Stats,
			WordChangeFraction: math.Round(res.Stats.ChangeFraction()*1e4) / 1e4,
			Sources: []manifestSource{{
				File:          seedFileName(spec.seed),
				Role:          "edited",
				NearDuplicate: spec.nearDup,
				Copied:        spanTuples(res.Align),
			}},
		}
		for _, b := range res.Borrowed {
			require.Equal(t, seedFileName(spec.quoted), b.Source)
			entry.Sources = append(entry.Sources, manifestSource{
				File:          b.Source,
				Role:          "quoted",
				NearDuplicate: false,
				Copied:        spanTuples(b.Align),
			})
		}
		slices.SortFunc(entry.Sources, func(a, b manifestSource) int { return strings.Compare(a.File, b.File) })
		m.Fixtures = append(m.Fixtures, entry)
	}
	out, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	files["MANIFEST.json"] = append(compactTuples(out), '\n')
	return files
}

func spanTuples(a Alignment) [][4]int {
	out := make([][4]int, len(a))
	for i, s := range a {
		out[i] = [4]int{s.SrcStart, s.SrcEnd, s.DstStart, s.DstEnd}
	}
	return out
}

var tupleRE = regexp.MustCompile(`\[\s*(\d+),\s*(\d+),\s*(\d+),\s*(\d+)\s*\]`)

// compactTuples puts each span on one line: MarshalIndent would give every
// number a line of its own and make the manifest several times larger.
func compactTuples(b []byte) []byte {
	return tupleRE.ReplaceAll(b, []byte("[$1, $2, $3, $4]"))
}

// TestFixtures regenerates testdata/edits in memory and requires the
// committed files to match byte for byte, so they cannot drift from the
// code; with -update it rewrites them instead.
func TestFixtures(t *testing.T) {
	files := buildFixtures(t)
	names := make([]string, 0, len(files))
	total := 0
	for name, b := range files {
		names = append(names, name)
		total += len(b)
	}
	slices.Sort(names)
	require.Less(t, total, maxFixtureBytes, "fixtures too large")

	if *update {
		require.NoError(t, os.MkdirAll(fixtureDir, 0o755))
		for _, name := range names {
			require.NoError(t, os.WriteFile(filepath.Join(fixtureDir, name), files[name], 0o644))
		}
	}
	for _, name := range names {
		got, err := os.ReadFile(filepath.Join(fixtureDir, name))
		require.NoError(t, err, "run: go test ./internal/textedit -run TestFixtures -update")
		require.True(t, bytes.Equal(files[name], got), "%s differs from what the generator makes; if the change is intended, run: go test ./internal/textedit -run TestFixtures -update", name)
	}
	entries, err := os.ReadDir(fixtureDir)
	require.NoError(t, err)
	for _, e := range entries {
		_, ours := files[e.Name()]
		assert.True(t, ours || e.Name() == ".gitattributes", "stray file %s in %s", e.Name(), fixtureDir)
	}
}

// TestFixtureManifest reads the committed manifest as a consumer would and
// checks its ground truth against the committed files.
func TestFixtureManifest(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "MANIFEST.json"))
	require.NoError(t, err)
	var m manifest
	require.NoError(t, json.Unmarshal(raw, &m))
	require.Len(t, m.Fixtures, len(fixtureSpecs()))
	require.True(t, slices.IsSortedFunc(m.Fixtures, func(a, b manifestEntry) int { return strings.Compare(a.File, b.File) }))
	for _, f := range m.Fixtures {
		text, err := os.ReadFile(filepath.Join(fixtureDir, f.File))
		require.NoError(t, err)
		require.True(t, utf8.Valid(text), f.File)
		require.NotEmpty(t, f.Sources)
		for _, s := range f.Sources {
			src, err := os.ReadFile(filepath.Join(seedDir, s.File))
			require.NoError(t, err)
			a := make(Alignment, len(s.Copied))
			for i, c := range s.Copied {
				a[i] = Span{c[0], c[1], c[2], c[3]}
			}
			require.NoError(t, a.Verify(src, text), "%s from %s", f.File, s.File)
			require.Equal(t, a.Canonical(), a)
			if s.Role == "quoted" {
				require.False(t, s.NearDuplicate)
				require.Len(t, a, 1)
				n := WordsIn(src, a[0].SrcStart, a[0].SrcEnd)
				require.True(t, n >= 60 && n <= 120, "%s quotes %d words", f.File, n)
			}
			if s.Role == "edited" {
				// The label follows the change: up to 15% of words, yes.
				require.Equal(t, f.WordChangeFraction <= 0.16, s.NearDuplicate, f.File)
			}
		}
	}
}
