package textedit

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SwapParagraphs swaps two distinct paragraphs chosen uniformly, leaving the
// separators between paragraphs where they were. A text with fewer than two
// paragraphs is returned unchanged. No word changes, so Stats stay zero:
// reordering is exactly what shingle-set detectors should not notice.
func SwapParagraphs() Edit {
	step := Step{Op: "swap_paragraphs"}
	return editFunc(func(text []byte, rng *rand.Rand) Result {
		ps := paragraphs(text)
		b := newBuilder(len(text))
		if len(ps) < 2 {
			b.copy(text, 0, len(text))
			return b.result(text, Stats{}, step)
		}
		i := intN(rng, len(ps))
		j := intN(rng, len(ps)-1)
		if j >= i {
			j++
		}
		p, q := ps[min(i, j)], ps[max(i, j)]
		b.copy(text, 0, p.start)
		b.copy(text, q.start, q.end)
		b.copy(text, p.end, q.start)
		b.copy(text, p.start, p.end)
		b.copy(text, q.end, len(text))
		return b.result(text, Stats{}, step)
	})
}

// AddHeader puts line, as a paragraph of its own, before the text: a
// byline, dateline or wire-service slug such as "Reuters — Filed 14:02 GMT".
// Its words count as inserted.
func AddHeader(line string) Edit {
	line = strings.TrimSpace(line)
	step := Step{Op: "add_header", Params: map[string]any{"line": line}}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		b := newBuilder(len(text) + len(line) + 4)
		b.add(line)
		if ps := paragraphs(text); len(ps) > 0 {
			b.add(breakAfter(text, ps, 0))
		} else {
			b.add(newline(text))
		}
		b.copy(text, 0, len(text))
		return b.result(text, Stats{Inserted: CountWords(line)}, step)
	})
}

// AddFooter puts line, as a paragraph of its own, after the text's last
// word and before any trailing whitespace: boilerplate such as "Share this
// article". Its words count as inserted.
func AddFooter(line string) Edit {
	line = strings.TrimSpace(line)
	step := Step{Op: "add_footer", Params: map[string]any{"line": line}}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		_, end := trimSpace(text, 0, len(text))
		b := newBuilder(len(text) + len(line) + 4)
		b.copy(text, 0, end)
		if ps := paragraphs(text); len(ps) > 0 {
			b.add(breakAfter(text, ps, len(ps)-1))
		}
		b.add(line)
		b.copy(text, end, len(text))
		return b.result(text, Stats{Inserted: CountWords(line)}, step)
	})
}

// mapRunes rewrites text rune by rune with f, copying the runs f leaves
// alone, and counts the words that had a rune changed as restyled. Invalid
// UTF-8 bytes are copied as they are.
func mapRunes(text []byte, step Step, f func(prev rune, r rune, at int) (string, bool)) Result {
	b := newBuilder(len(text))
	changed := 0
	inChangedWord := false
	inWord := false
	prev := rune(-1)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if unicode.IsSpace(r) {
			inWord, inChangedWord = false, false
		} else {
			inWord = true
		}
		if rep, ok := f(prev, r, i); ok && !(r == utf8.RuneError && size == 1) && rep != string(text[i:i+size]) {
			b.add(rep)
			if inWord && !inChangedWord {
				changed++
				inChangedWord = true
			}
		} else {
			b.copy(text, i, i+size)
		}
		prev = r
		i += size
	}
	return b.result(text, Stats{Restyled: changed}, step)
}

// StraightenQuotes replaces typographic quotation marks and apostrophes
// (‘ ’ ‚ ‛ “ ” „ ‟) by ASCII ' and ", as plain-text pipelines and some CMSs
// do.
func StraightenQuotes() Edit {
	step := Step{Op: "straighten_quotes"}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		return mapRunes(text, step, func(_, r rune, _ int) (string, bool) {
			switch r {
			case '‘', '’', '‚', '‛':
				return "'", true
			case '“', '”', '„', '‟':
				return `"`, true
			}
			return "", false
		})
	})
}

// CurlQuotes replaces ASCII ' and " by typographic marks, as word
// processors do: an opening mark after whitespace, an opening bracket or a
// dash (or at the start), a closing mark (which is also the apostrophe)
// elsewhere.
func CurlQuotes() Edit {
	step := Step{Op: "curl_quotes"}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		return mapRunes(text, step, func(prev, r rune, _ int) (string, bool) {
			opening := prev < 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{<—–-", prev)
			switch {
			case r == '\'' && opening:
				return "‘", true
			case r == '\'':
				return "’", true
			case r == '"' && opening:
				return "“", true
			case r == '"':
				return "”", true
			}
			return "", false
		})
	})
}

// CaseMode selects what [ChangeCase] does.
type CaseMode int

const (
	// Lower lower-cases the whole text, as case-folding pipelines do.
	Lower CaseMode = iota
	// Upper upper-cases the whole text.
	Upper
	// UpperTitle upper-cases the first non-blank line only, which in most
	// articles is the headline.
	UpperTitle
)

func (m CaseMode) String() string {
	switch m {
	case Lower:
		return "lower"
	case Upper:
		return "upper"
	case UpperTitle:
		return "upper_title"
	}
	return "unknown"
}

// ChangeCase changes letter case as mode says. Words whose letters change
// count as restyled.
func ChangeCase(mode CaseMode) Edit {
	step := Step{Op: "change_case", Params: map[string]any{"mode": mode.String()}}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		lo, hi := 0, len(text)
		conv := unicode.ToUpper
		switch mode {
		case Lower:
			conv = unicode.ToLower
		case UpperTitle:
			hi = 0
			if ps := lines(text); len(ps) > 0 {
				lo, hi = ps[0].start, ps[0].end
			}
		}
		return mapRunes(text, step, func(_, r rune, at int) (string, bool) {
			if at < lo || at >= hi {
				return "", false
			}
			return string(conv(r)), true
		})
	})
}

// lines returns the non-blank lines of text, trimmed.
func lines(text []byte) []para {
	var ls []para
	for pos := 0; pos <= len(text); {
		end := len(text)
		if nl := bytes.IndexByte(text[pos:], '\n'); nl >= 0 {
			end = pos + nl
		}
		if s, e := trimSpace(text, pos, end); s < e {
			ls = append(ls, para{s, e})
		}
		pos = end + 1
	}
	return ls
}

// Reflow re-wraps every paragraph to lines of at most width runes (a longer
// word gets a line of its own), separates paragraphs by a blank line, and
// ends lines with CRLF if crlf is set, LF otherwise. Leading whitespace is
// dropped; a final line break is kept if there was one. A width of zero or
// less puts each paragraph on one line. Words are untouched, so Stats stay
// zero.
func Reflow(width int, crlf bool) Edit {
	step := Step{Op: "reflow", Params: map[string]any{"width": width, "crlf": crlf}}
	nl := "\n"
	if crlf {
		nl = "\r\n"
	}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		b := newBuilder(len(text) + len(text)/32)
		ws := words(text)
		k := 0
		for pi, p := range paragraphs(text) {
			if pi > 0 {
				b.add(nl + nl)
			}
			col := 0
			first := true
			for ; k < len(ws) && ws[k].end <= p.end; k++ {
				w := ws[k]
				n := utf8.RuneCount(text[w.start:w.end])
				switch {
				case first:
				case width > 0 && col+1+n > width:
					b.add(nl)
					col = 0
				case string(text[ws[k-1].end:w.start]) == " ":
					// Copying an unchanged single space keeps the spans of
					// a reflowed line in one piece.
					b.copy(text, ws[k-1].end, w.start)
					col++
				default:
					b.add(" ")
					col++
				}
				b.copy(text, w.start, w.end)
				col += n
				first = false
			}
		}
		if len(ws) > 0 && bytes.IndexByte(text[ws[len(ws)-1].end:], '\n') >= 0 {
			b.add(nl)
		}
		return b.result(text, Stats{}, step)
	})
}

// CollapseWhitespace turns every run of whitespace, line breaks included,
// into one space and trims both ends: the one-line text that naive HTML
// extraction produces.
func CollapseWhitespace() Edit {
	step := Step{Op: "collapse_whitespace"}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		b := newBuilder(len(text))
		ws := words(text)
		for k, w := range ws {
			if k > 0 {
				if string(text[ws[k-1].end:w.start]) == " " {
					b.copy(text, ws[k-1].end, w.start)
				} else {
					b.add(" ")
				}
			}
			b.copy(text, w.start, w.end)
		}
		return b.result(text, Stats{}, step)
	})
}

// LineEndings converts every line ending to CRLF if crlf is set, or to LF.
func LineEndings(crlf bool) Edit {
	step := Step{Op: "line_endings", Params: map[string]any{"crlf": crlf}}
	return editFunc(func(text []byte, _ *rand.Rand) Result {
		b := newBuilder(len(text) + len(text)/32)
		pos := 0
		for i := 0; i < len(text); i++ {
			if text[i] != '\n' {
				continue
			}
			hasCR := i > 0 && text[i-1] == '\r'
			switch {
			case crlf && !hasCR:
				b.copy(text, pos, i)
				b.add("\r")
				pos = i
			case !crlf && hasCR:
				b.copy(text, pos, i-1)
				pos = i
			}
		}
		b.copy(text, pos, len(text))
		return b.result(text, Stats{}, step)
	})
}
