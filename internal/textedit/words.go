package textedit

import (
	"bytes"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is the byte range [start, end) of one word in its text.
type word struct{ start, end int }

// words splits text into words: maximal runs of non-whitespace runes.
// Invalid UTF-8 bytes count as non-whitespace so that no byte is lost.
func words(text []byte) []word {
	var ws []word
	start := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if unicode.IsSpace(r) {
			if start >= 0 {
				ws = append(ws, word{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		ws = append(ws, word{start, len(text)})
	}
	return ws
}

// CountWords returns the number of words in text, in this package's sense
// (see the package documentation).
func CountWords[T ~string | ~[]byte](text T) int {
	return len(words([]byte(text)))
}

// isTrim reports whether r is stripped from the ends of a word to find its
// core: punctuation and symbols, so that “(NATO),” has core NATO.
func isTrim(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// core returns the byte range of w's core within text.
func core(text []byte, w word) (int, int) {
	s, e := w.start, w.end
	for s < e {
		r, size := utf8.DecodeRune(text[s:e])
		if !isTrim(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRune(text[s:e])
		if !isTrim(r) {
			break
		}
		e -= size
	}
	return s, e
}

func hasLetter(b []byte) bool {
	return bytes.IndexFunc(b, unicode.IsLetter) >= 0
}

// isLowerWord reports whether every letter of s is lower case (and there is
// at least one).
func isLowerWord(s string) bool {
	seen := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsLower(r) {
				return false
			}
			seen = true
		}
	}
	return seen
}

// vocab is the set of distinct word cores of a text that contain a letter,
// in order of first appearance, keyed case-insensitively. Drawing
// replacements and insertions from the text itself keeps the word
// distribution of the edit close to the original's, as a human rewrite
// would, rather than injecting foreign words that make edits trivially
// detectable.
type vocab struct {
	forms    []string       // the form used when the word is inserted
	index    map[string]int // lower-cased core -> position in forms
	acronyms []int          // positions in forms of acronyms, increasing
}

func newVocab(text []byte, ws []word) *vocab {
	v := &vocab{index: make(map[string]int)}
	for _, w := range ws {
		s, e := core(text, w)
		if !hasLetter(text[s:e]) {
			continue
		}
		form := string(text[s:e])
		key := strings.ToLower(form)
		if i, ok := v.index[key]; ok {
			// Prefer a lower-case occurrence: “The” at a sentence start is
			// the word “the”, and inserting it capitalised mid-sentence
			// would look wrong.
			if isLowerWord(form) && !isLowerWord(v.forms[i]) {
				v.forms[i] = form
			}
			continue
		}
		v.index[key] = len(v.forms)
		v.forms = append(v.forms, form)
	}
	// Classified only now: a later lower-case occurrence changes the form.
	for i, f := range v.forms {
		if isAcronym(f) {
			v.acronyms = append(v.acronyms, i)
		}
	}
	return v
}

// other returns a vocabulary word different (ignoring case) from orig,
// which must itself be in the vocabulary, and ok=false if there is none.
// An acronym is replaced by another acronym when the text has one: “NATO”
// becoming “EU” reads as prose, becoming “AID” does not.
func (v *vocab) other(rng *rand.Rand, orig string) (string, bool) {
	i, ok := v.index[strings.ToLower(orig)]
	if !ok || len(v.forms) < 2 {
		return "", false
	}
	if isAcronym(orig) {
		// orig's own form is an acronym too unless the word also occurs
		// in lower case, in which case it is not among the acronyms.
		pos, self := slices.BinarySearch(v.acronyms, i)
		m := len(v.acronyms)
		if self {
			m--
		}
		if m > 0 {
			j := intN(rng, m)
			if self && j >= pos {
				j++
			}
			return v.forms[v.acronyms[j]], true
		}
	}
	j := intN(rng, len(v.forms)-1)
	if j >= i {
		j++
	}
	return v.forms[j], true
}

// isAcronym reports whether s has at least two letters, all upper case.
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// shapeLike gives rep the case shape of orig, so a word replacing the first
// word of a sentence is capitalised and one replacing a shouted word is
// shouted, while proper nouns and acronyms drawn as replacements keep their
// own capitals.
func shapeLike(rep, orig string) string {
	letters, upper := 0, 0
	first := rune(0)
	for _, r := range orig {
		if unicode.IsLetter(r) {
			if first == 0 {
				first = r
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	switch {
	case letters >= 2 && upper == letters:
		return strings.ToUpper(rep)
	case first != 0 && unicode.IsUpper(first) && isLowerWord(rep):
		r, size := utf8.DecodeRuneInString(rep)
		return string(unicode.ToTitle(r)) + rep[size:]
	}
	return rep
}

// para is the byte range of one paragraph: from its first to the end of its
// last non-whitespace rune.
type para struct{ start, end int }

// hardWrapLimit is the longest line, in runes, still taken for a line of a
// hard-wrapped text. Reflowed mail and plain-text articles stay well under
// it; scraped web text, with one paragraph per line, goes far over it.
const hardWrapLimit = 100

// paragraphs splits text into paragraphs as the package documentation
// describes.
func paragraphs(text []byte) []para {
	hard := isHardWrapped(text)
	var ps []para
	open := false
	for pos := 0; ; {
		end := len(text)
		nl := bytes.IndexByte(text[pos:], '\n')
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trimSpace(text, pos, end)
		switch {
		case s == e:
			open = false
		case hard && open:
			ps[len(ps)-1].end = e
		default:
			ps = append(ps, para{s, e})
			open = true
		}
		if nl < 0 {
			return ps
		}
		pos = end + 1
	}
}

// isHardWrapped reports whether paragraphs(text) splits at blank lines only.
func isHardWrapped(text []byte) bool {
	blank, long := false, false
	// Blank lines before the first or after the last paragraph separate
	// nothing.
	s, e := trimSpace(text, 0, len(text))
	for _, l := range bytes.Split(text[s:e], []byte("\n")) {
		l = bytes.TrimFunc(l, unicode.IsSpace)
		if len(l) == 0 {
			blank = true
		} else if utf8.RuneCount(l) > hardWrapLimit && bytes.IndexFunc(l, unicode.IsSpace) >= 0 {
			long = true
		}
	}
	return blank && !long
}

// trimSpace returns the range of text[start:end] without leading and
// trailing whitespace.
func trimSpace(text []byte, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRune(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRune(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// newline returns the line ending text already uses, so added lines match.
func newline(text []byte) string {
	if bytes.Contains(text, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// breakAfter returns the separator to put after paragraph i of ps when
// adding a paragraph there: the one that follows it already (or, after the
// last paragraph, the one that precedes it), with its line breaks capped at
// two and no stray spaces, so an added paragraph is spaced like its
// neighbours.
func breakAfter(text []byte, ps []para, i int) string {
	var gap []byte
	switch {
	case i+1 < len(ps):
		gap = text[ps[i].end:ps[i+1].start]
	case i > 0:
		gap = text[ps[i-1].end:ps[i].start]
	default:
		return paragraphBreak(text)
	}
	nl := newline(text)
	return strings.Repeat(nl, min(max(bytes.Count(gap, []byte("\n")), 1), 2))
}

// paragraphBreak returns what separates two paragraphs in text's style.
func paragraphBreak(text []byte) string {
	nl := newline(text)
	if isHardWrapped(text) || !bytes.Contains(text, []byte("\n")) {
		return nl + nl
	}
	return nl
}

// intN returns a uniform integer in [0, n) using only rng.Uint64 (Lemire's
// multiply-and-reject), because rand.Rand.IntN's algorithm is not promised
// to stay the same across Go releases and the committed fixtures must not
// change with the toolchain.
func intN(rng *rand.Rand, n int) int {
	if n <= 0 {
		panic("textedit: intN with n <= 0")
	}
	un := uint64(n)
	hi, lo := bits.Mul64(rng.Uint64(), un)
	if lo < un {
		thresh := -un % un
		for lo < thresh {
			hi, lo = bits.Mul64(rng.Uint64(), un)
		}
	}
	return int(hi)
}

// uniform returns a float64 in [0, 1), for the same reason as intN.
func uniform(rng *rand.Rand) float64 {
	return float64(rng.Uint64()>>11) / (1 << 53)
}

// sample returns k distinct integers from [0, n) in increasing order.
func sample(rng *rand.Rand, n, k int) []int {
	k = min(max(k, 0), n)
	// A partial Fisher–Yates over a sparse map keeps the cost O(k) for the
	// long PAN documents, where k is a few percent of n.
	swapped := make(map[int]int, k)
	at := func(i int) int {
		if v, ok := swapped[i]; ok {
			return v
		}
		return i
	}
	out := make([]int, k)
	for i := range k {
		j := i + intN(rng, n-i)
		out[i] = at(j)
		swapped[j] = at(i)
	}
	slices.Sort(out)
	return out
}

// count returns round(frac*n) clamped to [0, n]; NaN counts as 0.
func count(frac float64, n int) int {
	if !(frac > 0) {
		return 0
	}
	return min(int(math.Round(frac*float64(n))), n)
}

// defaultRand stands in for a nil *rand.Rand so that a forgotten generator
// still gives reproducible output rather than a panic.
func defaultRand(rng *rand.Rand) *rand.Rand {
	if rng == nil {
		return rand.New(rand.NewPCG(0, 0))
	}
	return rng
}
