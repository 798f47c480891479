package textedit

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"
)

// Quote inserts a passage of n consecutive words of source into the text
// being edited (the host) as a paragraph of its own, the way an article
// quotes a long stretch of another. The passage starts at a sentence
// (anywhere, if no sentence start leaves room for n words) chosen
// uniformly, and is copied byte for byte from the start of its first word
// to the end of its last, inner whitespace included. It goes at a
// paragraph boundary chosen uniformly among those between two paragraphs,
// except the one after the first paragraph (usually the headline) when
// there are others; after the only paragraph if there is just one.
//
// The result's Borrowed holds one [Borrowing] named name that maps source
// to the passage's place in the result; the passage's words count as
// inserted. A source with fewer than n words is quoted whole, and an empty
// one leaves the host unchanged (with no Borrowing).
func Quote(name string, source []byte, n int) Edit {
	source = slices.Clone(source)
	step := Step{Op: "quote", Params: map[string]any{"source": name, "words": n}}
	return editFunc(func(text []byte, rng *rand.Rand) Result {
		sw := words(source)
		k := min(max(n, 0), len(sw))
		b := newBuilder(len(text) + len(source))
		if k == 0 {
			b.copy(text, 0, len(text))
			return b.result(text, Stats{}, step)
		}
		first := passageStart(source, sw, k, rng)
		pStart, pEnd := sw[first].start, sw[first+k-1].end

		ps := paragraphs(text)
		var d0, d1 int
		switch len(ps) {
		case 0:
			d0, d1 = b.foreign(source[pStart:pEnd])
			if len(text) > 0 {
				b.add(newline(text))
			}
			b.copy(text, 0, len(text))
		default:
			// Not right after the first paragraph unless there is no
			// other place: in most articles that is the headline.
			after := 0
			if len(ps) > 2 {
				after = 1 + intN(rng, len(ps)-2)
			}
			at := ps[after].end
			b.copy(text, 0, at)
			b.add(breakAfter(text, ps, after))
			d0, d1 = b.foreign(source[pStart:pEnd])
			b.copy(text, at, len(text))
		}
		res := b.result(text, Stats{Inserted: k}, step)
		res.Borrowed = []Borrowing{{
			Source: name,
			Align:  Alignment{{SrcStart: pStart, SrcEnd: pEnd, DstStart: d0, DstEnd: d1}},
		}}
		return res
	})
}

// passageStart picks the first word of a k-word passage of ws. Quoted
// passages start at a sentence: a reader would notice one starting mid-
// sentence, and detectors should be tested on realistic quotes.
func passageStart(source []byte, ws []word, k int, rng *rand.Rand) int {
	var starts []int
	for i := 0; i+k <= len(ws); i++ {
		if i == 0 || endsSentence(source[ws[i-1].start:ws[i-1].end]) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		return intN(rng, len(ws)-k+1)
	}
	return starts[intN(rng, len(starts))]
}

// endsSentence reports whether a word ends a sentence: its last rune
// other than closing quotes and brackets is . ! ? or …
func endsSentence(w []byte) bool {
	w = bytes.TrimRight(w, `"')]’”»`)
	r, _ := utf8.DecodeLastRune(w)
	return strings.ContainsRune(".!?…", r)
}
