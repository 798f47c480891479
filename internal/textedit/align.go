package textedit

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
)

// Span says that src[SrcStart:SrcEnd] was copied verbatim to
// dst[DstStart:DstEnd]. Offsets are bytes, ranges half-open, and both ranges
// have the same length.
type Span struct {
	SrcStart int `json:"src_start"`
	SrcEnd   int `json:"src_end"`
	DstStart int `json:"dst_start"`
	DstEnd   int `json:"dst_end"`
}

// Len returns the number of bytes the span copies.
func (s Span) Len() int { return s.SrcEnd - s.SrcStart }

// Alignment is the provenance of an edited text: the spans of it that were
// copied verbatim from a source text. No two spans overlap in the source or
// in the destination, so each destination byte comes from at most one
// source byte and vice versa; bytes in no span were written by the edit.
//
// Alignments returned by this package are canonical: sorted by DstStart,
// without empty spans, and with spans that continue each other in both texts
// merged. Canonical form is unique, so alignments can be compared with ==
// element by element.
//
// Spans follow provenance, not coincidence: a word that an edit inserted is
// outside every span even when the same word occurs in the source. Nor do
// spans respect word boundaries: a lower-cased “North” leaves the copied
// “orth”.
type Alignment []Span

// Then composes a, an alignment from x to y, with b, from y to z, into the
// alignment from x to z: the bytes of z that were copied from bytes of y that
// were themselves copied from x. The result is canonical; a and b need only
// be valid (non-overlapping), in any order.
func (a Alignment) Then(b Alignment) Alignment {
	// Walk both alignments in order of y: a's destinations and b's sources.
	// Because each side's y ranges are disjoint, the pieces of y they share
	// are disjoint too, and each maps one x range to one z range.
	as := slices.Clone(a)
	slices.SortFunc(as, func(p, q Span) int { return cmp.Compare(p.DstStart, q.DstStart) })
	bs := slices.Clone(b)
	slices.SortFunc(bs, func(p, q Span) int { return cmp.Compare(p.SrcStart, q.SrcStart) })
	var out Alignment
	i, j := 0, 0
	for i < len(as) && j < len(bs) {
		x, y := as[i], bs[j]
		lo, hi := max(x.DstStart, y.SrcStart), min(x.DstEnd, y.SrcEnd)
		if lo < hi {
			out = append(out, Span{
				SrcStart: x.SrcStart + lo - x.DstStart,
				SrcEnd:   x.SrcStart + hi - x.DstStart,
				DstStart: y.DstStart + lo - y.SrcStart,
				DstEnd:   y.DstStart + hi - y.SrcStart,
			})
		}
		if x.DstEnd <= y.SrcEnd {
			i++
		} else {
			j++
		}
	}
	return out.Canonical()
}

// Canonical returns a in canonical form (see [Alignment]). It does not
// modify a.
func (a Alignment) Canonical() Alignment {
	out := make(Alignment, 0, len(a))
	for _, s := range a {
		if s.Len() > 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(p, q Span) int { return cmp.Compare(p.DstStart, q.DstStart) })
	merged := out[:0]
	for _, s := range out {
		if k := len(merged) - 1; k >= 0 && merged[k].DstEnd == s.DstStart && merged[k].SrcEnd == s.SrcStart {
			merged[k].SrcEnd, merged[k].DstEnd = s.SrcEnd, s.DstEnd
			continue
		}
		merged = append(merged, s)
	}
	if len(merged) == 0 {
		return nil
	}
	return merged
}

// Invert returns the alignment from the destination back to the source.
func (a Alignment) Invert() Alignment {
	out := make(Alignment, len(a))
	for i, s := range a {
		out[i] = Span{SrcStart: s.DstStart, SrcEnd: s.DstEnd, DstStart: s.SrcStart, DstEnd: s.SrcEnd}
	}
	return out.Canonical()
}

// Copied returns the number of bytes the alignment copies.
func (a Alignment) Copied() int {
	n := 0
	for _, s := range a {
		n += s.Len()
	}
	return n
}

// AtLeast returns the spans that contain at least minWords whole words of
// src: words lying entirely inside the span's source range. A span cut
// through a word by an edit does not count that word, so a test asking for
// every shared stretch of N words gets only stretches that really hold N
// words on the source side.
func (a Alignment) AtLeast(src []byte, minWords int) Alignment {
	ws := words(src)
	var out Alignment
	for _, s := range a {
		if wholeWords(ws, s.SrcStart, s.SrcEnd) >= minWords {
			out = append(out, s)
		}
	}
	return out
}

// WordsIn returns the number of words of text lying entirely inside
// text[start:end].
func WordsIn(text []byte, start, end int) int {
	return wholeWords(words(text), start, end)
}

func wholeWords(ws []word, start, end int) int {
	// ws is sorted by start; find the first word starting at or after start.
	i, _ := slices.BinarySearchFunc(ws, start, func(w word, t int) int { return cmp.Compare(w.start, t) })
	n := 0
	for ; i < len(ws) && ws[i].end <= end; i++ {
		n++
	}
	return n
}

// Verify checks that a is a valid alignment from src to dst: spans in
// bounds, of equal length on both sides, non-overlapping on each side, and
// copying identical bytes. It returns the first violation found.
func (a Alignment) Verify(src, dst []byte) error {
	for i, s := range a {
		if s.SrcStart < 0 || s.SrcStart > s.SrcEnd || s.SrcEnd > len(src) {
			return fmt.Errorf("span %d %+v: source range outside [0,%d]", i, s, len(src))
		}
		if s.DstStart < 0 || s.DstStart > s.DstEnd || s.DstEnd > len(dst) {
			return fmt.Errorf("span %d %+v: destination range outside [0,%d]", i, s, len(dst))
		}
		if s.SrcEnd-s.SrcStart != s.DstEnd-s.DstStart {
			return fmt.Errorf("span %d %+v: source and destination lengths differ", i, s)
		}
		if !bytes.Equal(src[s.SrcStart:s.SrcEnd], dst[s.DstStart:s.DstEnd]) {
			return fmt.Errorf("span %d %+v: bytes differ: %q vs %q", i, s, src[s.SrcStart:s.SrcEnd], dst[s.DstStart:s.DstEnd])
		}
	}
	for _, side := range []struct {
		name  string
		start func(Span) int
		end   func(Span) int
	}{
		{"source", func(s Span) int { return s.SrcStart }, func(s Span) int { return s.SrcEnd }},
		{"destination", func(s Span) int { return s.DstStart }, func(s Span) int { return s.DstEnd }},
	} {
		sorted := slices.Clone(a)
		slices.SortFunc(sorted, func(p, q Span) int { return cmp.Compare(side.start(p), side.start(q)) })
		for i := 1; i < len(sorted); i++ {
			if side.start(sorted[i]) < side.end(sorted[i-1]) {
				return fmt.Errorf("spans %+v and %+v overlap in the %s", sorted[i-1], sorted[i], side.name)
			}
		}
	}
	return nil
}

// builder accumulates an edited text together with its alignment to the
// text it is being made from. Appending copies in order keeps the
// alignment canonical without a final pass.
type builder struct {
	out   []byte
	align Alignment
}

func newBuilder(capacity int) *builder {
	return &builder{out: make([]byte, 0, capacity)}
}

// copy appends src[start:end], recording it as copied.
func (b *builder) copy(src []byte, start, end int) {
	if start >= end {
		return
	}
	d := len(b.out)
	b.out = append(b.out, src[start:end]...)
	if k := len(b.align) - 1; k >= 0 && b.align[k].DstEnd == d && b.align[k].SrcEnd == start {
		b.align[k].SrcEnd, b.align[k].DstEnd = end, len(b.out)
		return
	}
	b.align = append(b.align, Span{SrcStart: start, SrcEnd: end, DstStart: d, DstEnd: len(b.out)})
}

// add appends new text that was not copied from the source.
func (b *builder) add(s string) {
	b.out = append(b.out, s...)
}

// foreign appends bytes copied from a text other than the source and
// returns where they landed, for a [Borrowing].
func (b *builder) foreign(p []byte) (int, int) {
	d := len(b.out)
	b.out = append(b.out, p...)
	return d, len(b.out)
}

// result finishes the builder. The output never aliases the input.
func (b *builder) result(src []byte, st Stats, step Step) Result {
	st.SrcWords = CountWords(src)
	return Result{Text: b.out, Align: b.align, Stats: st, Steps: []Step{step}}
}
