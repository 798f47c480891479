package main

import (
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/textoverlap/overlap"
)

// This file holds what the renderers of "overlap report" (format_*.go)
// share: offset conversion, span clamping, line numbers and plurals.

// sourceOffsets converts a byte offset into the UTF-8 text of document id
// (the offsets a Report holds) into a byte offset into the file as read.
// They differ only for a file that was decoded from Windows-1252; the CLI
// passes a function backed by internal/input's Doc.SourceOffset. A nil
// sourceOffsets is the identity.
type sourceOffsets func(id string, off int) int

// span converts both ends of s.
func (f sourceOffsets) span(id string, s overlap.Span) overlap.Span {
	if f == nil {
		return s
	}
	return overlap.Span{Start: f(id, s.Start), End: f(id, s.End)}
}

// clampSpan returns s limited to a text of n bytes, so that a report that
// does not fit its texts is shown as best it can be and never panics.
func clampSpan(s overlap.Span, n int) overlap.Span {
	s.Start = min(max(s.Start, 0), n)
	s.End = min(max(s.End, s.Start), n)
	return s
}

// textOf returns the text of document id, or an error naming it.
func textOf(texts map[string][]byte, id string) ([]byte, error) {
	t, ok := texts[id]
	if !ok {
		return nil, fmt.Errorf("no text for document %q", id)
	}
	return t, nil
}

// checkTexts reports the first document of r's pairs and repeats that
// has no text, so that a renderer fails before writing anything.
func checkTexts(r *overlap.Report, texts map[string][]byte) error {
	for i := range r.Pairs {
		if _, err := textOf(texts, r.Pairs[i].A); err != nil {
			return err
		}
		if _, err := textOf(texts, r.Pairs[i].B); err != nil {
			return err
		}
	}
	for i := range r.Repeats {
		if _, err := textOf(texts, r.Repeats[i].ID); err != nil {
			return err
		}
	}
	return nil
}

// lineIndex finds the 1-based line number of a byte offset. Lines end at
// '\n', as for grep -n and editors' "file:line" addresses.
type lineIndex []int // byte offset of the start of each line after the first

func newLineIndex(text []byte) lineIndex {
	var l lineIndex
	for i, c := range text {
		if c == '\n' {
			l = append(l, i+1)
		}
	}
	return l
}

// line returns the line holding the byte at off.
func (l lineIndex) line(off int) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > off }) + 1
}

// lineIndexes builds line indexes lazily, once per document.
type lineIndexes struct {
	texts map[string][]byte
	idx   map[string]lineIndex
}

func (x *lineIndexes) line(id string, off int) int {
	l, ok := x.idx[id]
	if !ok {
		if x.idx == nil {
			x.idx = make(map[string]lineIndex)
		}
		l = newLineIndex(x.texts[id])
		x.idx[id] = l
	}
	return l.line(off)
}

// plural returns "1 word", "2 words".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// reportCounts are the totals of a report's summary line.
type reportCounts struct {
	documents, pairs, nearDuplicates, passages, repeats int
}

func countReport(r *overlap.Report) reportCounts {
	c := reportCounts{documents: len(r.Documents), pairs: len(r.Pairs), repeats: len(r.Repeats)}
	for i := range r.Pairs {
		if r.Pairs[i].NearDuplicate {
			c.nearDuplicates++
		}
		c.passages += len(r.Pairs[i].Passages)
	}
	return c
}

// String is the one-line summary that ends the text report and heads the
// HTML page.
func (c reportCounts) String() string {
	return plural(c.documents, "document", "documents") + ", " +
		plural(c.pairs, "pair", "pairs") + ", " +
		plural(c.nearDuplicates, "near-duplicate", "near-duplicates") + ", " +
		plural(c.passages, "shared passage", "shared passages") + ", " +
		plural(c.repeats, "repeat", "repeats")
}

// sharedWords sums the words of a pair's passages.
func sharedWords(p *overlap.Pair) int {
	n := 0
	for _, s := range p.Passages {
		n += s.Words
	}
	return n
}

// runeStart moves off back to the start of the UTF-8 sequence it is in.
func runeStart(b []byte, off int) int {
	for k := 0; k < utf8.UTFMax-1 && off > 0 && off < len(b) && !utf8.RuneStart(b[off]); k++ {
		off--
	}
	return off
}
