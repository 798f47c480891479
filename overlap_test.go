package overlap

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/textoverlap/overlap/shingle"
	"github.com/textoverlap/overlap/simhash"
)

func readDocs(t testing.TB, pattern string) []Document {
	t.Helper()
	files, err := filepath.Glob(pattern)
	require.NoError(t, err)
	require.NotEmpty(t, files, pattern)
	var docs []Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		docs = append(docs, Document{ID: filepath.Base(f), Text: b})
	}
	return docs
}

func text(docs []Document, id string, s Span) string {
	for _, d := range docs {
		if d.ID == id {
			return string(d.Text[s.Start:s.End])
		}
	}
	panic("no document " + id)
}

func TestSeedsReport(t *testing.T) {
	docs := readDocs(t, "seeds/*.txt")
	r := NewReport(docs, Options{})
	require.Len(t, r.Documents, 5)
	for i, d := range r.Documents {
		assert.Equal(t, docs[i].ID, d.ID)
		f, n := new(simhash.Hasher).Sum(docs[i].Text)
		assert.Equal(t, f, d.Simhash, "report fingerprints are package simhash's")
		assert.Equal(t, n, d.Words)
	}
	for _, p := range r.Pairs {
		assert.False(t, p.NearDuplicate, "five distinct articles on one story: %s ~ %s", p.A, p.B)
	}
	// The boilerplate in seed 002 occurs twice; it is seven words, found
	// as a run of whole lines.
	var found bool
	for _, rep := range r.Repeats {
		if rep.ID == "002_500d87e3561d43ec.txt" && rep.Words == 7 {
			found = true
			require.Len(t, rep.Spans, 2)
			for _, s := range rep.Spans {
				assert.Equal(t, "No time to read?\nGet a summary", text(docs, rep.ID, s))
			}
		}
	}
	assert.True(t, found, "repeat in seed 002: %+v", r.Repeats)
}

func TestSeedsShortPassage(t *testing.T) {
	docs := readDocs(t, "seeds/*.txt")
	r := NewReport(docs, Options{MinWords: 5})
	var got []string
	for _, p := range r.Pairs {
		for _, s := range p.Passages {
			got = append(got, p.A+" "+p.B+" "+text(docs, p.A, s.A))
			assert.Equal(t, shingle.Normalize(text(docs, p.A, s.A)), shingle.Normalize(text(docs, p.B, s.B)))
		}
	}
	assert.Contains(t, got, "001_f5ad8a3ec4ec9399.txt 004_31828ecc3e67cea5.txt discussed as potential substitutes for")
}

// manifest mirrors testdata/edits/MANIFEST.json, written by
// internal/textedit's fixture generator.
type manifest struct {
	Fixtures []struct {
		File    string  `json:"file"`
		Change  float64 `json:"word_change_fraction"`
		Sources []struct {
			File          string   `json:"file"`
			Role          string   `json:"role"`
			NearDuplicate bool     `json:"near_duplicate"`
			Copied        [][4]int `json:"copied"`
		} `json:"sources"`
	} `json:"fixtures"`
}

func TestEditedCopies(t *testing.T) {
	b, err := os.ReadFile("testdata/edits/MANIFEST.json")
	require.NoError(t, err)
	var m manifest
	require.NoError(t, json.Unmarshal(b, &m))
	require.NotEmpty(t, m.Fixtures)
	docs := append(readDocs(t, "seeds/*.txt"), readDocs(t, "testdata/edits/*.txt")...)
	byID := map[string][]byte{}
	for _, d := range docs {
		byID[d.ID] = d.Text
	}
	r := NewReport(docs, Options{})
	pairs := map[[2]string]Pair{}
	for _, p := range r.Pairs {
		pairs[[2]string{p.A, p.B}] = p
		pairs[[2]string{p.B, p.A}] = Pair{A: p.B, B: p.A, NearDuplicate: p.NearDuplicate, Passages: swap(p.Passages), Containment: [2]float64{p.Containment[1], p.Containment[0]}}
	}
	for _, f := range m.Fixtures {
		for _, src := range f.Sources {
			t.Run(f.File+"~"+src.File, func(t *testing.T) {
				p, ok := pairs[[2]string{src.File, f.File}]
				require.True(t, ok, "pair reported")
				// The manifest's label: light edits, and rewrites of up to
				// 15% of words, are near-duplicates; a 30% rewrite and an
				// article quoting another are not.
				want := src.NearDuplicate
				assert.Equal(t, want, p.NearDuplicate, "containment %v, change %.3f, role %s", p.Containment, f.Change, src.Role)
				// Every copied stretch long enough to be a passage is found,
				// in both texts.
				for _, c := range src.Copied {
					srcText := byID[src.File][c[0]:c[1]]
					if countWords(srcText) < 2*DefaultMinWords {
						continue
					}
					assert.GreaterOrEqual(t, covered(p.Passages, c, true), 0.9, "source %q", clip(srcText))
					assert.GreaterOrEqual(t, covered(p.Passages, c, false), 0.9, "fixture %q", clip(byID[f.File][c[2]:c[3]]))
				}
			})
		}
	}
}

func swap(ps []Passage) []Passage {
	out := make([]Passage, len(ps))
	for i, p := range ps {
		out[i] = Passage{A: p.B, B: p.A, Words: p.Words}
	}
	return out
}

func countWords(b []byte) int {
	n := 0
	for range shingle.Tokens(b) {
		n++
	}
	return n
}

// covered returns the share of the copied stretch c (in the source when
// inSource, else in the fixture) that the passages' spans cover.
func covered(ps []Passage, c [4]int, inSource bool) float64 {
	lo, hi := c[2], c[3]
	if inSource {
		lo, hi = c[0], c[1]
	}
	n := 0
	for x := lo; x < hi; x++ {
		for _, p := range ps {
			s := p.B
			if inSource {
				s = p.A
			}
			if s.Start <= x && x < s.End {
				n++
				break
			}
		}
	}
	return float64(n) / float64(hi-lo)
}

func clip(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

func TestOneEditedSentenceIsOnePassage(t *testing.T) {
	// From seed 002, with a word changed, one inserted and one deleted.
	a := "Proponents argue that at the Vilnius summit, when member states gather in the near term, NATO could reassess its role and signal a more robust stance to Moscow."
	tests := map[string]string{
		"substituted": "Proponents argue that at the Vilnius summit, when member nations gather in the near term, NATO could reassess its role and signal a more robust stance to Moscow.",
		"inserted":    "Proponents argue that at the Vilnius summit, when member states gather in the very near term, NATO could reassess its role and signal a more robust stance to Moscow.",
		"deleted":     "Proponents argue that at the Vilnius summit, when member states gather in the near term, NATO could reassess its role and signal a robust stance to Moscow.",
		"two changed": "Supporters argue that at the Vilnius summit, when member states meet in the near term, NATO could reassess its role and send a more robust stance to Moscow.",
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			p := Compare(Document{ID: "a", Text: []byte(a)}, Document{ID: "b", Text: []byte(b)}, Options{})
			require.Len(t, p.Passages, 1, "%+v", p.Passages)
			got := p.Passages[0]
			assert.GreaterOrEqual(t, got.Words, 20)
			// Spans begin and end on word boundaries.
			for _, pair := range []struct {
				s    Span
				text string
			}{{got.A, a}, {got.B, b}} {
				assert.NotContains(t, " ,.", pair.text[pair.s.Start:pair.s.Start+1])
				assert.NotContains(t, " ,.", pair.text[pair.s.End-1:pair.s.End])
			}
		})
	}
	// With merging off, the substitution splits the sentence.
	p := Compare(Document{Text: []byte(a)}, Document{Text: []byte(tests["substituted"])}, Options{MaxGap: -1})
	assert.Len(t, p.Passages, 2)
}

func TestCompareMeasures(t *testing.T) {
	docs := readDocs(t, "seeds/*.txt")
	same := Compare(docs[0], docs[0], Options{})
	assert.Equal(t, 1.0, same.Similarity)
	assert.Equal(t, [2]float64{1, 1}, same.Containment)
	assert.Zero(t, same.Hamming)
	assert.True(t, same.NearDuplicate)
	require.Len(t, same.Passages, 1)
	var first, last shingle.Token
	for tok := range shingle.Tokens(docs[0].Text) {
		if first.End == 0 {
			first = tok
		}
		last = tok
	}
	whole := Span{first.Start, last.End}
	assert.Equal(t, Passage{A: whole, B: whole, Words: countWords(docs[0].Text)}, same.Passages[0])

	// Half of a document: containment one way, half the other.
	half := docs[3].Text[:len(docs[3].Text)/2]
	p := Compare(docs[3], Document{ID: "half", Text: half}, Options{})
	assert.InDelta(t, 0.5, p.Containment[0], 0.02)
	assert.Equal(t, 1.0, p.Containment[1])
	assert.InDelta(t, p.Containment[0], p.Similarity, 0.001)

	empty := Compare(Document{ID: "e"}, docs[0], Options{})
	assert.Zero(t, empty.Similarity)
	assert.False(t, empty.NearDuplicate)
	assert.Empty(t, empty.Passages)
}

func TestReportIsDeterministic(t *testing.T) {
	docs := append(readDocs(t, "seeds/*.txt"), readDocs(t, "testdata/edits/*.txt")...)
	one, err := json.Marshal(NewReport(docs, Options{Workers: 1}))
	require.NoError(t, err)
	for range 3 {
		many, err := json.Marshal(NewReport(docs, Options{Workers: 4}))
		require.NoError(t, err)
		require.Equal(t, string(one), string(many))
	}
}

func TestBoilerplate(t *testing.T) {
	docs := readDocs(t, "seeds/*.txt")
	footer := "\n\nShare this article. Sign up for our newsletter to get the latest analysis of the war in Ukraine delivered to your inbox every morning.\n"
	for i := range docs {
		docs[i].Text = append(append([]byte(nil), docs[i].Text...), footer...)
	}
	with := NewReport(docs, Options{})
	assert.Len(t, with.Pairs, 10, "the footer is a shared passage of every pair")
	without := NewReport(docs, Options{Boilerplate: 3})
	assert.Empty(t, without.Pairs, "recognised as boilerplate, the footer counts for nothing")
}

func TestJSONShape(t *testing.T) {
	r := NewReport(readDocs(t, "seeds/00[14]*.txt"), Options{MinWords: 5})
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	pair := m["pairs"].([]any)[0].(map[string]any)
	for _, k := range []string{"a", "b", "similarity", "containment", "hamming", "near_duplicate", "passages"} {
		assert.Contains(t, pair, k)
	}
	pas := pair["passages"].([]any)[0].(map[string]any)
	assert.Len(t, pas["a"], 2)
	doc := m["documents"].([]any)[0].(map[string]any)
	assert.Regexp(t, `^[0-9a-f]{16}$`, doc["simhash"])
	var back Report
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r.Pairs[0].Passages, back.Pairs[0].Passages)
}

// Options.Progress sees every stage in order, each ending at its total,
// with counts that only grow, from several workers at once; and watching
// does not change the report.
func TestReportProgress(t *testing.T) {
	docs := append(readDocs(t, "seeds/*.txt"), readDocs(t, "testdata/edits/*.txt")...)
	type call struct {
		stage       string
		done, total int
	}
	var calls []call
	o := Options{Workers: 4, Progress: func(stage string, done, total int) {
		calls = append(calls, call{stage, done, total}) // never called concurrently: -race checks
	}}
	got := NewReport(docs, o)
	o.Progress = nil
	assert.Equal(t, NewReport(docs, o), got)

	stages := []string{StageAnalyse, StageCandidates, StageCompare, StageRepeats}
	var order []string
	for i, c := range calls {
		if i == 0 || calls[i-1].stage != c.stage {
			order = append(order, c.stage)
		} else {
			assert.Greater(t, c.done, calls[i-1].done, "%s counts grow", c.stage)
		}
		assert.LessOrEqual(t, c.done, c.total)
		if i == len(calls)-1 || calls[i+1].stage != c.stage {
			assert.Equal(t, c.total, c.done, "%s ends at its total", c.stage)
		}
		if c.stage == StageAnalyse || c.stage == StageRepeats {
			assert.Equal(t, len(docs), c.total)
		}
	}
	assert.Equal(t, stages, order)
}
