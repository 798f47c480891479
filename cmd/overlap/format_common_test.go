package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/shingle"
	"github.com/textoverlap/overlap/simhash"
)

// The renderers are tested on a report built by hand over the seed
// articles, so that the tests do not depend on the comparison: the texts
// are made by copying known stretches between documents, and the spans are
// found where the copies were put.

// Ids of the fixture's documents.
const (
	fxOriginal = "seeds/001.txt"
	fxCopy     = "essays/copy.txt"
	fxSource   = "seeds/003.txt"
	fxStory    = "wire/story.txt"
	fxDigest   = "wire/digest.txt"
	fxArticle  = "seeds/000.txt"
	fxHostile  = "<script>alert(1)</script>.txt"
)

// fxPwn is document text that must show as text and never run.
const fxPwn = "<script>window.__pwned=1</script>"

type fixture struct {
	docs   []overlap.Document
	texts  map[string][]byte
	report *overlap.Report
}

// readSeed returns the seed article whose file name starts with prefix.
func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join("..", "..", "seeds", prefix+"_*.txt"))
	require.NoError(t, err)
	require.Len(t, m, 1, "seed %s", prefix)
	b, err := os.ReadFile(m[0])
	require.NoError(t, err)
	return string(b)
}

// seedLine returns line n (1-based) of a seed, without its line break.
func seedLine(t testing.TB, text string, n int) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	require.Greater(t, len(lines), n-1)
	return lines[n-1]
}

// spanOf returns the span of the nth (0-based) occurrence of sub in text.
func spanOf(t testing.TB, text, sub string, nth int) overlap.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		k := strings.Index(text[off:], sub)
		require.GreaterOrEqual(t, k, 0, "%q not found (occurrence %d)", sub, nth)
		if i == nth {
			return overlap.Span{Start: off + k, End: off + k + len(sub)}
		}
		off += k + len(sub)
	}
}

func countWords(s string) int {
	n := 0
	for range shingle.Tokens([]byte(s)) {
		n++
	}
	return n
}

// wordsSpan returns the span of text from its first word's first byte to
// its last word's last byte.
func wordsSpan(text string) overlap.Span {
	s := overlap.Span{Start: -1}
	for tok := range shingle.Tokens([]byte(text)) {
		if s.Start < 0 {
			s.Start = tok.Start
		}
		s.End = tok.End
	}
	return s
}

// newFixture builds seven documents and a report on them:
//
//   - fxOriginal and fxCopy: an essay and a lightly edited copy, a
//     near-duplicate pair sharing one passage that spans both texts.
//   - fxSource and fxStory: a story that quotes a paragraph of the source.
//   - fxStory and fxDigest: the digest, after a long unrelated article,
//     has that paragraph twice and one sentence of it once more, so the
//     passages overlap and nest in the story; the story also repeats a
//     newsletter line.
//   - fxArticle and fxHostile: the hostile document, whose id is markup,
//     has a script element, an ANSI escape and a bidi override inside
//     the passage it shares.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	s0, s1 := readSeed(t, "000"), readSeed(t, "001")
	s2, s3, s4 := readSeed(t, "002"), readSeed(t, "003"), readSeed(t, "004")

	copyText := strings.Replace(s1, "practically impossible", "virtually impossible", 1)
	copyText = strings.Replace(copyText, "fundamental obstacles", "basic obstacles", 1)
	require.NotEqual(t, s1, copyText)

	para := seedLine(t, s3, 2)
	paraWords := strings.TrimSuffix(para, ".”") // the passage ends after a word
	require.NotEqual(t, para, paraWords)
	sentence := "Jens Stoltenberg, NATO Secretary General at the start of the war"
	require.Contains(t, para, sentence)
	newsletter := "Sign up for our newsletter to get the latest analysis in your inbox."
	story := seedLine(t, s4, 1) + "\n" + seedLine(t, s4, 2) + "\n\n" + seedLine(t, s4, 4) + "\n\n" +
		newsletter + "\n\n" + para + "\n\n" + seedLine(t, s4, 6) + "\n\n" + newsletter + "\n"
	digest := "Weekly digest\n\n" + s2 + "\n\n" + para + "\n\nAs quoted earlier:\n\n" + para +
		"\n\nIn short: " + sentence + ", spoke plainly.\n"

	shared := "Officials in Washington and Ottawa stress that any invitation would reflect more than runway-upgraded defense capabilities"
	require.Contains(t, s0, shared)
	hostile := "Editor’s note. Reprinted " + fxPwn + " with \x1b[2Jpermission: " +
		strings.Replace(shared, "Ottawa", "\u202eOttawa", 1) + "; and more.\n"

	docs := []overlap.Document{
		{ID: fxOriginal, Text: []byte(s1)},
		{ID: fxCopy, Text: []byte(copyText)},
		{ID: fxSource, Text: []byte(s3)},
		{ID: fxStory, Text: []byte(story)},
		{ID: fxDigest, Text: []byte(digest)},
		{ID: fxArticle, Text: []byte(s0)},
		{ID: fxHostile, Text: []byte(hostile)},
	}
	texts := make(map[string][]byte, len(docs))
	r := &overlap.Report{}
	for _, d := range docs {
		texts[d.ID] = d.Text
		r.Documents = append(r.Documents, overlap.Summary{
			ID: d.ID, Words: countWords(string(d.Text)), Simhash: simhash.Fingerprint(uint64(len(d.Text)) * 0x9e3779b97f4a7c15),
		})
	}

	hostileSpan := overlap.Span{Start: spanOf(t, hostile, "Reprinted", 0).Start, End: spanOf(t, hostile, "capabilities", 0).End}
	r.Pairs = []overlap.Pair{
		{
			A: fxOriginal, B: fxCopy, Similarity: 0.9478, Containment: [2]float64{0.9731, 0.9731},
			Hamming: 2, NearDuplicate: true,
			Passages: []overlap.Passage{{A: wordsSpan(s1), B: wordsSpan(copyText), Words: countWords(s1) - 2}},
		},
		{
			A: fxStory, B: fxDigest, Similarity: 0.3902, Containment: [2]float64{0.3810, 0.9412}, Hamming: 17,
			Passages: []overlap.Passage{
				{A: spanOf(t, story, paraWords, 0), B: spanOf(t, digest, paraWords, 0), Words: countWords(paraWords)},
				{A: spanOf(t, story, paraWords, 0), B: spanOf(t, digest, paraWords, 1), Words: countWords(paraWords)},
				{A: spanOf(t, story, sentence, 0), B: spanOf(t, digest, sentence, 2), Words: countWords(sentence)},
			},
		},
		{
			A: fxSource, B: fxStory, Similarity: 0.0731, Containment: [2]float64{0.0930, 0.3810}, Hamming: 24,
			Passages: []overlap.Passage{{A: spanOf(t, s3, paraWords, 0), B: spanOf(t, story, paraWords, 0), Words: countWords(paraWords)}},
		},
		{
			A: fxArticle, B: fxHostile, Similarity: 0.0301, Containment: [2]float64{0.0233, 0.6667}, Hamming: 29,
			Passages: []overlap.Passage{{A: spanOf(t, s0, shared, 0), B: hostileSpan, Words: countWords(shared)}},
		},
	}
	r.Repeats = []overlap.Repeat{{
		ID:    fxStory,
		Spans: []overlap.Span{spanOf(t, story, "Sign up for our newsletter to get the latest analysis in your inbox", 0), spanOf(t, story, "Sign up for our newsletter to get the latest analysis in your inbox", 1)},
		Words: countWords(newsletter),
	}}
	return &fixture{docs: docs, texts: texts, report: r}
}

// emptyReport is a report on two documents that share nothing, with nil
// lists, as a caller might build it.
func emptyReport() (*overlap.Report, map[string][]byte) {
	return &overlap.Report{Documents: []overlap.Summary{{ID: "a.txt", Words: 2}, {ID: "b.txt", Words: 1}}},
		map[string][]byte{"a.txt": []byte("Hello world"), "b.txt": []byte("Bye")}
}

func TestFormatLineIndex(t *testing.T) {
	text := []byte("one\ntwo\n\nfour")
	l := newLineIndex(text)
	for _, tc := range []struct{ off, line int }{
		{0, 1}, {3, 1}, {4, 2}, {8, 3}, {9, 4}, {13, 4}, {100, 4},
	} {
		require.Equal(t, tc.line, l.line(tc.off), "offset %d", tc.off)
	}
}

func TestFormatClampSpan(t *testing.T) {
	for _, tc := range []struct{ in, want overlap.Span }{
		{overlap.Span{Start: 2, End: 5}, overlap.Span{Start: 2, End: 5}},
		{overlap.Span{Start: -3, End: 5}, overlap.Span{Start: 0, End: 5}},
		{overlap.Span{Start: 8, End: 20}, overlap.Span{Start: 8, End: 10}},
		{overlap.Span{Start: 12, End: 20}, overlap.Span{Start: 10, End: 10}},
		{overlap.Span{Start: 6, End: 3}, overlap.Span{Start: 6, End: 6}},
	} {
		require.Equal(t, tc.want, clampSpan(tc.in, 10), "%v", tc.in)
	}
}

func TestFormatFixture(t *testing.T) {
	// The fixture's spans cut what they should.
	f := newFixture(t)
	for _, p := range f.report.Pairs {
		for _, s := range p.Passages {
			a, b := f.texts[p.A][s.A.Start:s.A.End], f.texts[p.B][s.B.Start:s.B.End]
			require.NotEmpty(t, a)
			require.NotEmpty(t, b)
			require.Equal(t, wordsSpan(string(a)), overlap.Span{Start: 0, End: len(a)}, "%s: %q", p.A, a)
			require.Equal(t, wordsSpan(string(b)), overlap.Span{Start: 0, End: len(b)}, "%s: %q", p.B, b)
		}
	}
}

// pairIndex returns the index of the pair of documents a and b in r.
func pairIndex(t testing.TB, r *overlap.Report, a, b string) int {
	t.Helper()
	for i, p := range r.Pairs {
		if p.A == a && p.B == b {
			return i
		}
	}
	t.Fatalf("no pair %s, %s", a, b)
	return -1
}

// checkGolden compares got with the file testdata/format/name, or writes
// it when OVERLAP_UPDATE_GOLDEN=1.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "format", name)
	if os.Getenv("OVERLAP_UPDATE_GOLDEN") == "1" {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run the test with OVERLAP_UPDATE_GOLDEN=1 to make %s", path)
	require.Equal(t, string(want), string(got), "output differs from %s (OVERLAP_UPDATE_GOLDEN=1 updates it)", path)
}

var errWrite = errors.New("disk full")

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }
