package overlap

import (
	"encoding/json"
	"fmt"

	"github.com/textoverlap/overlap/simhash"
)

// Document is a text to compare, with the name it is reported under.
type Document struct {
	ID   string
	Text []byte
}

// Span is a half-open range of byte offsets into a document's text as
// given. In JSON it is the two-element array [start, end].
type Span struct {
	Start, End int
}

// MarshalJSON writes [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, "[%d,%d]", s.Start, s.End), nil
}

// UnmarshalJSON reads [start, end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var v [2]int
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("overlap: span: %w", err)
	}
	if v[0] < 0 || v[1] < v[0] {
		return fmt.Errorf("overlap: span [%d,%d] is not a range of offsets", v[0], v[1])
	}
	s.Start, s.End = v[0], v[1]
	return nil
}

// Len returns the number of bytes in s.
func (s Span) Len() int { return s.End - s.Start }

// Passage is text two documents share: a stretch of words found in both,
// in the same order, allowing a few words changed, inserted or deleted
// between exact runs (see Options.MaxGap).
type Passage struct {
	// A and B locate the passage in the first and second document. Both
	// begin on the first byte of a word and end after the last byte of one.
	A Span `json:"a"`
	B Span `json:"b"`
	// Words is the number of words the two spans have in common, in order.
	Words int `json:"words"`
}

// Summary describes one document of a report.
type Summary struct {
	ID      string              `json:"id"`
	Words   int                 `json:"words"`
	Simhash simhash.Fingerprint `json:"simhash"`
}

// Pair is the comparison of two documents.
type Pair struct {
	// A and B are the documents' ids; A comes first in input order.
	A string `json:"a"`
	B string `json:"b"`
	// Similarity is the Jaccard similarity of the two documents' sets of
	// word shingles: shared shingles over all distinct shingles, from 0 to 1.
	Similarity float64 `json:"similarity"`
	// Containment is the share of A's shingles found in B, then the share
	// of B's found in A.
	Containment [2]float64 `json:"containment"`
	// Hamming is the distance between the documents' simhash fingerprints.
	Hamming int `json:"hamming"`
	// NearDuplicate reports whether the two are the same document give or
	// take light edits (see Options.NearDuplicate).
	NearDuplicate bool `json:"near_duplicate"`
	// Passages lists the shared passages of at least Options.MinWords
	// words, in order of their position in A.
	Passages []Passage `json:"passages"`
}

// Repeat is text that occurs more than once inside one document.
type Repeat struct {
	ID string `json:"id"`
	// Spans locates every occurrence, in order.
	Spans []Span `json:"spans"`
	// Words is the number of words in one occurrence.
	Words int `json:"words"`
}

// Report is what overlap finds in a set of documents.
type Report struct {
	// Documents lists every document, in input order.
	Documents []Summary `json:"documents"`
	// Pairs lists each pair of documents that shares a passage or is a
	// near-duplicate: near-duplicates first, then by similarity, then by
	// shared words, then by input order.
	Pairs []Pair `json:"pairs"`
	// Repeats lists text repeated inside a document, by document in input
	// order, then by position.
	Repeats []Repeat `json:"repeats"`
}
