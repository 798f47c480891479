package textedit

import (
	"bytes"
	"math/rand/v2"
	"slices"
)

// Substitute replaces round(frac × words) words, chosen uniformly without
// replacement, each by a different word drawn from the text's own
// vocabulary. Only the word's core changes: attached punctuation stays, and
// the replacement takes the replaced word's case shape (see shapeLike).
// Words without a letter (numbers, dashes) are never chosen, and a text with
// fewer than two distinct words cannot be substituted at all; Stats says how
// many substitutions were made.
func Substitute(frac float64) Edit {
	step := Step{Op: "substitute", Params: map[string]any{"frac": frac}}
	return editFunc(func(text []byte, rng *rand.Rand) Result {
		ws := words(text)
		voc := newVocab(text, ws)
		var cands []int
		for i, w := range ws {
			if s, e := core(text, w); hasLetter(text[s:e]) {
				cands = append(cands, i)
			}
		}
		n := min(count(frac, len(ws)), len(cands))
		if len(voc.forms) < 2 {
			n = 0
		}
		b := newBuilder(len(text) + len(text)/8)
		pos, done := 0, 0
		for _, k := range sample(rng, len(cands), n) {
			s, e := core(text, ws[cands[k]])
			orig := string(text[s:e])
			rep, ok := voc.other(rng, orig)
			if !ok {
				continue
			}
			b.copy(text, pos, s)
			b.add(shapeLike(rep, orig))
			pos = e
			done++
		}
		b.copy(text, pos, len(text))
		return b.result(text, Stats{Substituted: done}, step)
	})
}

// Delete removes round(frac × words) words chosen uniformly without
// replacement. Each run of adjacent deleted words goes together with the
// whitespace on one side of it, the side with fewer line breaks, so no
// double spaces are left and paragraphs are not merged.
func Delete(frac float64) Edit {
	step := Step{Op: "delete", Params: map[string]any{"frac": frac}}
	return editFunc(func(text []byte, rng *rand.Rand) Result {
		ws := words(text)
		del := sample(rng, len(ws), count(frac, len(ws)))
		b := newBuilder(len(text))
		pos := 0
		for r := 0; r < len(del); {
			i := del[r]
			j := i
			for r++; r < len(del) && del[r] == j+1; r++ {
				j++
			}
			var cutStart, cutEnd int
			switch {
			case i == 0 && j == len(ws)-1:
				cutStart, cutEnd = ws[i].start, ws[j].end
			case i == 0:
				cutStart, cutEnd = ws[i].start, ws[j+1].start
			case j == len(ws)-1:
				cutStart, cutEnd = ws[i-1].end, ws[j].end
			default:
				before := bytes.Count(text[ws[i-1].end:ws[i].start], []byte("\n"))
				after := bytes.Count(text[ws[j].end:ws[j+1].start], []byte("\n"))
				if before < after {
					cutStart, cutEnd = ws[i-1].end, ws[j].end
				} else {
					cutStart, cutEnd = ws[i].start, ws[j+1].start
				}
			}
			b.copy(text, pos, cutStart)
			pos = cutEnd
		}
		b.copy(text, pos, len(text))
		return b.result(text, Stats{Deleted: len(del)}, step)
	})
}

// Insert adds round(frac × words) words drawn from the text's own
// vocabulary at uniformly chosen gaps between words. Gaps inside a line are
// preferred so that inserted words do not dangle at a line's end; only a
// text with no such gap (every word on its own line) gets insertions before
// its first or after its last word. An empty text has no vocabulary and is
// left alone.
func Insert(frac float64) Edit {
	step := Step{Op: "insert", Params: map[string]any{"frac": frac}}
	return editFunc(func(text []byte, rng *rand.Rand) Result {
		ws := words(text)
		voc := newVocab(text, ws)
		n := count(frac, len(ws))
		if len(voc.forms) == 0 {
			n = 0
		}
		// A gap is identified by the index of the word after it; len(ws)
		// stands for the end of the text.
		var gaps []int
		for j := 1; j < len(ws); j++ {
			if bytes.IndexByte(text[ws[j-1].end:ws[j].start], '\n') < 0 {
				gaps = append(gaps, j)
			}
		}
		if len(gaps) == 0 {
			for j := 0; j <= len(ws); j++ {
				gaps = append(gaps, j)
			}
		}
		at := make([]int, n)
		for i := range at {
			at[i] = gaps[intN(rng, len(gaps))]
		}
		slices.Sort(at)
		b := newBuilder(len(text) + len(text)/8)
		pos := 0
		for _, j := range at {
			w := voc.forms[intN(rng, len(voc.forms))]
			if j < len(ws) {
				b.copy(text, pos, ws[j].start)
				b.add(w + " ")
				pos = ws[j].start
			} else {
				b.copy(text, pos, ws[j-1].end)
				b.add(" " + w)
				pos = ws[j-1].end
			}
		}
		b.copy(text, pos, len(text))
		return b.result(text, Stats{Inserted: n}, step)
	})
}

// Truncate drops the last round(frac × words) words, cutting just after the
// last word kept, as a syndicated copy cut to length would be. A final line
// break, if the text had one, is kept.
func Truncate(frac float64) Edit {
	step := Step{Op: "truncate", Params: map[string]any{"frac": frac}}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		ws := words(text)
		n := count(frac, len(ws))
		b := newBuilder(len(text))
		if n == 0 {
			b.copy(text, 0, len(text))
			return b.result(text, Stats{}, step)
		}
		cut := 0
		if keep := len(ws) - n; keep > 0 {
			cut = ws[keep-1].end
		}
		b.copy(text, 0, cut)
		if _, end := trimSpace(text, 0, len(text)); bytes.IndexByte(text[end:], '\n') >= 0 {
			b.add(newline(text))
		}
		return b.result(text, Stats{Deleted: n}, step)
	})
}
