package shingle

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// class is what a character means to the tokenizer.
type class uint8

const (
	sep        class = iota // ends a word and is otherwise ignored
	word                    // letter, digit or mark: part of a word
	upper                   // ASCII capital: part of a word, folded by +32
	apostrophe              // joins two word characters, else separates
	digitSep                // . or , : joins two digits, else separates
	ignorable               // dropped, and does not split a word
	solo                    // a character of a script written without spaces: a word by itself
)

// asciiClass classifies every byte below 0x80; bytes from 0x80 up are
// decoded as UTF-8 first.
var asciiClass = func() (t [128]class) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = word
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = word
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = upper
	}
	t['\''] = apostrophe
	t['.'] = digitSep
	t[','] = digitSep
	return t
}()

// classify returns the class of a non-ASCII rune.
func classify(r rune) class {
	switch r {
	case '\u2019', '\u2018', '\u2032', '\u02BC', '\uFF07':
		// ’ ‘ ′ ʼ ＇: typographic and look-alike apostrophes. ʼ is a letter
		// (Lm) to Unicode but stands for an apostrophe in most text.
		return apostrophe
	case utf8.RuneError:
		return sep
	}
	switch {
	case isSolo(r):
		return solo
	case unicode.IsLetter(r), unicode.IsNumber(r), unicode.IsMark(r):
		return word
	case unicode.Is(unicode.Cf, r):
		return ignorable
	}
	return sep
}

// soloScripts are written without spaces between words.
var soloScripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar,
}

func isSolo(r rune) bool {
	if r < 0x0E00 { // below Thai: none of these scripts
		return false
	}
	// A mark of these scripts (Thai vowel signs, say) attaches to the
	// character before it rather than standing alone.
	if unicode.IsMark(r) {
		return false
	}
	for _, t := range soloScripts {
		if unicode.Is(t, r) {
			return true
		}
	}
	// The Katakana-Hiragana prolonged sound mark is Common script but
	// belongs with the kana around it.
	return r == '\u30FC'
}

// simpleLimit bounds the table of characters whose normalised form is one
// character that depends on nothing around it. It covers Latin, Greek,
// Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts and Vietnamese,
// which is where the fast path pays.
const simpleLimit = 0x2000

var (
	simpleOnce  sync.Once
	simpleTable []uint16 // 0: not simple, take the slow path
)

// simpleFold returns the normalised form of r when it is a single
// character that composes with nothing before or after it.
func simpleFold(r rune) (rune, bool) {
	if r >= simpleLimit {
		return 0, false
	}
	simpleOnce.Do(buildSimpleTable)
	s := simpleTable[r]
	return rune(s), s != 0
}

func buildSimpleTable() {
	t := make([]uint16, simpleLimit)
	folder := cases.Fold()
	for r := rune(0x80); r < simpleLimit; r++ {
		if r >= 0x1100 && r < 0x1200 { // Hangul jamo compose with their neighbours
			continue
		}
		if classify(r) != word || unicode.IsMark(r) {
			continue
		}
		p := norm.NFKC.PropertiesString(string(r))
		if !p.BoundaryBefore() || !p.BoundaryAfter() {
			continue
		}
		s := norm.NFKC.String(folder.String(norm.NFKC.String(string(r))))
		f, size := utf8.DecodeRuneInString(s)
		if size != len(s) || f == utf8.RuneError || f >= 0x10000 || f == 0 {
			continue
		}
		// The result must itself be stable, so that normalising twice changes
		// nothing.
		if norm.NFKC.String(folder.String(s)) != s {
			continue
		}
		t[r] = uint16(f)
	}
	simpleTable = t
}

// folder applies NFKC_Casefold to whole words that the fast path cannot
// handle. It keeps its buffers, so a warmed-up folder does not allocate.
type folder struct {
	caser cases.Caser
	ready bool
	tmp   []byte
}

// fold appends the NFKC_Casefold form of src to dst.
func (f *folder) fold(dst, src []byte) []byte {
	if !f.ready {
		f.caser = cases.Fold()
		f.ready = true
	}
	f.tmp = norm.NFKC.Append(f.tmp[:0], src...)
	start := len(dst)
	dst = f.caseFold(dst, f.tmp)
	if !norm.NFKC.IsNormal(dst[start:]) {
		f.tmp = append(f.tmp[:0], dst[start:]...)
		dst = norm.NFKC.Append(dst[:start], f.tmp...)
	}
	return dst
}

func (f *folder) caseFold(dst, src []byte) []byte {
	f.caser.Reset()
	for {
		if cap(dst)-len(dst) < 2*len(src)+16 {
			dst = grow(dst, 2*len(src)+16)
		}
		nDst, nSrc, err := f.caser.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+nDst]
		src = src[nSrc:]
		if err == nil || len(src) == 0 {
			return dst
		}
		// Short destination: grow and go on. Any other error cannot happen
		// for a folder, but must not loop forever.
		if nDst == 0 && nSrc == 0 && cap(dst)-len(dst) >= 4*len(src)+64 {
			return append(dst, src...)
		}
		dst = grow(dst, 4*len(src)+64)
	}
}

func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	nb := make([]byte, len(b), 2*cap(b)+n)
	copy(nb, b)
	return nb
}
