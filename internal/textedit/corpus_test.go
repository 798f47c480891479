package textedit

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkCorpus asserts the labels of a generated corpus against the sources
// it came from.
func checkCorpus(t *testing.T, sources []Source, docs []Doc, cfg CorpusConfig) {
	t.Helper()
	byName := make(map[string][]byte, len(sources))
	for _, s := range sources {
		byName[s.Name] = s.Text
	}
	ids := make(map[string]bool, len(docs))
	originals := make(map[string]bool)
	hosts := make(map[string]bool)
	for _, d := range docs {
		require.False(t, ids[d.ID], "duplicate id %s", d.ID)
		ids[d.ID] = true
		if utf8.Valid(byName[d.Base]) && (d.Kind != Quoting || utf8.Valid(byName[d.Quoted])) {
			require.True(t, utf8.Valid(d.Text), d.ID)
		}
		switch d.Kind {
		case Original:
			require.Equal(t, d.ID, d.Cluster)
			require.Equal(t, byName[d.ID], d.Text)
			originals[d.ID] = true
		case NearDuplicate:
			require.True(t, originals[d.Cluster], "%s: cluster %s is not an original listed before it", d.ID, d.Cluster)
			require.Equal(t, d.Cluster, d.Base)
			checkResult(t, byName[d.Base], d.Edit)
			require.Equal(t, d.Text, d.Edit.Text)
			checkLightSteps(t, d.ID, d.Edit.Steps)
		case Quoting:
			require.Equal(t, d.ID, d.Cluster, "quoting documents are their own cluster")
			require.True(t, originals[d.Quoted], "%s quotes %s, not an original", d.ID, d.Quoted)
			require.False(t, originals[d.Base], "%s: host %s is also an original", d.ID, d.Base)
			require.False(t, hosts[d.Base], "host %s used twice", d.Base)
			hosts[d.Base] = true
			checkResult(t, byName[d.Base], d.Edit)
			require.Len(t, d.Edit.Borrowed, 1)
			quoted := byName[d.Quoted]
			b := d.Edit.Borrowed[0]
			require.Equal(t, d.Quoted, b.Source)
			require.NoError(t, b.Align.Verify(quoted, d.Text))
			require.Len(t, b.Align, 1)
			k := WordsIn(quoted, b.Align[0].SrcStart, b.Align[0].SrcEnd)
			require.Equal(t, k, d.Edit.Stats.Inserted)
			n := CountWords(quoted)
			require.GreaterOrEqual(t, k, int(math.Ceil(cfg.MinQuote*float64(n))), "%s quotes too little", d.ID)
			require.LessOrEqual(t, k, int(math.Ceil(cfg.MaxQuote*float64(n))), "%s quotes too much", d.ID)
			require.LessOrEqual(t, k, CountWords(byName[d.Base]), "%s: the quote outweighs the host", d.ID)
		default:
			t.Fatalf("%s: unknown kind %q", d.ID, d.Kind)
		}
	}
	require.Len(t, originals, len(sources)-cfg.Quoting)
	require.Len(t, docs, len(originals)*(1+cfg.Variants)+len(hosts))
}

// checkLightSteps asserts that a LightEdit stays within its stated budget.
func checkLightSteps(t *testing.T, id string, steps []Step) {
	t.Helper()
	require.NotEmpty(t, steps, id)
	words, format := 0.0, 0
	for _, s := range steps {
		switch s.Op {
		case "substitute", "insert", "delete":
			words += s.Params["frac"].(float64)
		case "truncate":
			require.LessOrEqual(t, s.Params["frac"].(float64), 0.10, id)
		case "straighten_quotes", "curl_quotes", "change_case", "reflow", "collapse_whitespace", "line_endings":
			format++
		case "swap_paragraphs", "add_header", "add_footer":
		default:
			t.Fatalf("%s: unexpected step %s", id, s)
		}
	}
	require.LessOrEqual(t, words, 0.0805, "%s: %s", id, stepNames(steps))
	require.LessOrEqual(t, format, 1, id)
}

func TestCorpusFromSeeds(t *testing.T) {
	seeds := loadSeeds(t)
	cfg := CorpusConfig{Variants: 3, Quoting: 1, MinQuote: 0.25, MaxQuote: 0.4}
	docs, err := Corpus(seeds, cfg, newRand(11))
	require.NoError(t, err)
	checkCorpus(t, seeds, docs, cfg)
	require.Len(t, docs, 4*4+1)
	again, err := Corpus(seeds, cfg, newRand(11))
	require.NoError(t, err)
	require.Equal(t, docs, again, "same seed, same corpus")
	other, err := Corpus(seeds, cfg, newRand(12))
	require.NoError(t, err)
	require.NotEqual(t, docs, other)
}

func TestCorpusRejectsBadConfig(t *testing.T) {
	seeds := loadSeeds(t)
	for name, tc := range map[string]struct {
		sources []Source
		cfg     CorpusConfig
	}{
		"negative variants": {seeds, CorpusConfig{Variants: -1}},
		"too many quoting":  {seeds, CorpusConfig{Quoting: 5}},
		"bad quote range":   {seeds, CorpusConfig{Quoting: 1, MinQuote: 0.5, MaxQuote: 0.3}},
		"duplicate names":   {[]Source{{"a", []byte("x")}, {"a", []byte("y")}}, CorpusConfig{}},
		"unnamed":           {[]Source{{"", []byte("x")}}, CorpusConfig{}},
	} {
		_, err := Corpus(tc.sources, tc.cfg, nil)
		assert.Error(t, err, name)
	}
	docs, err := Corpus(nil, CorpusConfig{Variants: 2}, nil)
	require.NoError(t, err)
	require.Empty(t, docs)
}

func TestCorpusSkipsShortHosts(t *testing.T) {
	sources := []Source{
		{"long", []byte("one two three four five six seven eight nine ten eleven twelve")},
		{"short", []byte("tiny")},
	}
	// Whichever becomes the host, "short" cannot quote a quarter of "long"
	// and "long" can quote "short" whole.
	for seed := range uint64(10) {
		docs, err := Corpus(sources, CorpusConfig{Quoting: 1}, newRand(seed))
		require.NoError(t, err)
		require.Len(t, docs, map[string]int{"short": 2, "long": 1}[docs[0].ID], "seed %d: %v", seed, docs)
	}
}

func TestLightEditVariety(t *testing.T) {
	src := seedText(t, "002")
	seen := map[string]bool{}
	for seed := range uint64(300) {
		res := LightEdit(newRand(seed)).Apply(src, newRand(seed))
		checkResult(t, src, res)
		checkLightSteps(t, fmt.Sprint(seed), res.Steps)
		for _, s := range res.Steps {
			seen[s.Op] = true
		}
	}
	for _, op := range []string{"substitute", "insert", "delete", "swap_paragraphs", "truncate", "add_header", "add_footer",
		"straighten_quotes", "curl_quotes", "change_case", "reflow", "collapse_whitespace", "line_endings"} {
		assert.True(t, seen[op], "LightEdit never used %s", op)
	}
}

func TestLoadSourcesNotPresent(t *testing.T) {
	_, err := LoadSources(filepath.Join(t.TempDir(), "*.txt"))
	require.ErrorIs(t, err, ErrNotPresent)
}

func TestModuleRoot(t *testing.T) {
	root, err := ModuleRoot()
	require.NoError(t, err)
	abs, err := filepath.Abs("../..")
	require.NoError(t, err)
	require.Equal(t, abs, root)
}

// TestCorpusPAN13 builds a corpus from real web prose, which unlike the
// seeds has control characters, odd spacing and very short documents.
func TestCorpusPAN13(t *testing.T) {
	sources, err := PAN13Sources()
	if errors.Is(err, ErrNotPresent) {
		t.Skip(err)
	}
	require.NoError(t, err)
	require.Greater(t, len(sources), 100)
	n := 80
	if testing.Short() {
		n = 20
	}
	sources = sources[:n]
	cfg := CorpusConfig{Variants: 2, Quoting: n / 8, MinQuote: 0.25, MaxQuote: 0.4}
	docs, err := Corpus(sources, cfg, newRand(2013))
	require.NoError(t, err)
	checkCorpus(t, sources, docs, cfg)
	quoting := 0
	for _, d := range docs {
		if d.Kind == Quoting {
			quoting++
		}
	}
	assert.Positive(t, quoting)
}
