package shingle

import (
	"sync"
	"sync/atomic"
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

// appendFast appends the normalised form of r when it needs no context, and
// otherwise the original bytes, reporting that the word needs the slow path.
func appendFast(buf []byte, r rune, orig []byte) ([]byte, bool) {
	if r < simpleLimit {
		if f, ok := simpleFold(r); ok {
			return utf8.AppendRune(buf, f), false
		}
		return append(buf, orig...), true
	}
	// Above the table: characters without case, decomposition or any pull
	// on their neighbours are already normal. Most Han and kana are.
	p := norm.NFKC.Properties(orig)
	if p.BoundaryBefore() && len(p.Decomposition()) == 0 && unicode.SimpleFold(r) == r {
		return append(buf, orig...), false
	}
	return append(buf, orig...), true
}

// runeInfo is everything the tokenizer asks about a non-ASCII rune, found
// with one table lookup instead of classify, unicode.IsDigit,
// unicode.IsMark and appendFast on every character (together they cost
// more than the rest of tokenizing Cyrillic or Greek text). A test checks
// every rune against the reference tokenizer, which calls those functions.
type runeInfo uint32

const (
	infoClass runeInfo = 7      // bits 0-2: the rune's class
	infoDigit runeInfo = 1 << 3 // unicode.IsDigit
	infoMark  runeInfo = 1 << 4 // unicode.IsMark
	// infoSlow marks a word or solo rune whose word must go through the
	// folder: its normal form depends on its neighbours or is not one rune.
	infoSlow runeInfo = 1 << 5
	// infoInexact marks a word or solo rune that appendFast sends to the
	// folder. It makes the word inexact (Tokenizer.exact), as it always
	// was, even where folding alone gives the same text (see foldAlone).
	infoInexact runeInfo = 1 << 6
	// Bits 8-31 of a word or solo rune that is not slow: the rune that
	// stands for it in normalised text.
	infoFoldShift = 8
)

func (i runeInfo) class() class { return class(i & infoClass) }
func (i runeInfo) fold() rune   { return rune(i >> infoFoldShift) }

// runeBlocks holds runeInfo for blocks of 256 runes, each built on first
// use: a text touches a handful of blocks, and building all of Unicode up
// front would cost a noticeable fraction of a second. A block is immutable
// once published; two goroutines that build the same block at once build
// the same thing, so either may win.
var runeBlocks [(utf8.MaxRune + 1) >> 8]atomic.Pointer[[256]runeInfo]

// lookupRune returns the runeInfo of r, which must be a valid rune or
// utf8.RuneError.
func lookupRune(r rune) runeInfo {
	if b := runeBlocks[uint32(r)>>8].Load(); b != nil {
		return b[r&0xff] // small enough to inline: the common case
	}
	return buildRuneBlock(r >> 8)[r&0xff]
}

func buildRuneBlock(hi rune) *[256]runeInfo {
	b := new([256]runeInfo)
	var f folder
	for lo := range rune(256) {
		b[lo] = computeRuneInfo(hi<<8|lo, &f)
	}
	if int(hi) < len(twoByteBlocks) {
		t := new([256]uint32)
		for lo, info := range b {
			if r := info.fold(); info&(infoClass|infoSlow) == runeInfo(word) && r >= 0x80 && r < 0x800 {
				t[lo] = uint32(0xC0|r>>6) | uint32(0x80|r&0x3F)<<8
				if info&infoDigit != 0 {
					t[lo] |= twoByteDigit
				}
			}
		}
		twoByteBlocks[hi].Store(t) // before b: readers look here only once b is in
	}
	runeBlocks[hi].Store(b)
	return b
}

// twoByteBlocks holds, for the two-byte runes (U+0080 to U+07FF) that are
// word characters normalised alone to another two-byte rune, that rune's
// UTF-8 as a little-endian uint16, with twoByteDigit set for digits; and 0
// for the others. It is runeBlocks' first eight blocks made ready for
// copying: most letters of Greek, Cyrillic, Hebrew and Arabic text go
// straight from the input to a word with one lookup (see readRuneHashes).
var twoByteBlocks [0x800 >> 8]atomic.Pointer[[256]uint32]

const twoByteDigit = 1 << 16

// computeRuneInfo is the definition of runeInfo.
func computeRuneInfo(r rune, f *folder) runeInfo {
	if r < utf8.RuneSelf || !utf8.ValidRune(r) {
		return runeInfo(sep) // ASCII goes by asciiClass; surrogates never decode
	}
	k := classify(r)
	info := runeInfo(k)
	if unicode.IsDigit(r) {
		info |= infoDigit
	}
	if unicode.IsMark(r) {
		info |= infoMark
	}
	if k != word && k != solo {
		return info
	}
	out, slow := appendFast(nil, r, utf8.AppendRune(nil, r))
	if !slow {
		folded, _ := utf8.DecodeRune(out)
		return info | runeInfo(folded)<<infoFoldShift
	}
	info |= infoInexact
	if folded, ok := foldAlone(r, f); ok {
		return info | runeInfo(folded)<<infoFoldShift
	}
	return info | infoSlow
}

// foldAlone returns the NFKC_Casefold form of r when it is one rune that
// does not depend on r's neighbours in a word whose other runes are ASCII
// or foldAlone runes themselves.
//
// appendFast (the simple table) is stricter: it turns away letters such as
// Cyrillic о, Greek α, Arabic ا and kana が because they may compose with a
// combining mark after them, which sends nearly every Russian, Greek or
// Arabic word through the folder. But a rune that x/text calls
// BoundaryBefore "starts a new segment and cannot combine with any rune on
// the left", so in a word whose runes all are BoundaryBefore, NFKC works on
// each rune alone; case folding always does; and if each rune's case fold
// starts with a BoundaryBefore rune too, the final NFKC does as well. The
// word's NFKC_Casefold form is then its runes' forms end to end, exactly
// what the folder would produce. A rune that fails (most combining marks,
// Hangul vowel jamo) is slow and takes its whole word to the folder.
// Tests check the conditions for every rune folded by table and the
// folder's agreement on millions of pairs of them.
func foldAlone(r rune, f *folder) (rune, bool) {
	var enc [utf8.UTFMax]byte
	orig := enc[:utf8.EncodeRune(enc[:], r)]
	if !norm.NFKC.Properties(orig).BoundaryBefore() {
		return 0, false
	}
	nfkc := norm.NFKC.Bytes(orig)
	if !f.ready {
		f.caser = cases.Fold()
		f.ready = true
	}
	cased := f.caser.Bytes(nfkc)
	if len(cased) == 0 || !norm.NFKC.Properties(cased).BoundaryBefore() {
		return 0, false
	}
	out := f.fold(nil, orig)
	folded, size := utf8.DecodeRune(out)
	if size != len(out) || folded == utf8.RuneError || classify(folded) == apostrophe || folded == '\'' {
		return 0, false
	}
	if !norm.NFKC.Properties(out).BoundaryBefore() {
		return 0, false
	}
	// Normalising twice changes nothing.
	if string(f.fold(nil, out)) != string(out) {
		return 0, false
	}
	return folded, true
}

// folder applies NFKC_Casefold to whole words that the fast path cannot
// handle. It keeps its buffers, so a warmed-up folder does not allocate.
type folder struct {
	caser cases.Caser
	ready bool
	tmp   []byte
	// iter normalises. norm.Form.Append would do, but its working state
	// escapes to the heap (576 bytes per call) whenever the input is not
	// already normal; the iterator keeps the same state here, reused.
	iter norm.Iter
}

// fold appends the NFKC_Casefold form of src to dst.
func (f *folder) fold(dst, src []byte) []byte {
	if !f.ready {
		f.caser = cases.Fold()
		f.ready = true
	}
	f.tmp = f.nfkc(f.tmp[:0], src)
	start := len(dst)
	dst = f.caseFold(dst, f.tmp)
	if !isNFKC(dst[start:]) {
		f.tmp = append(f.tmp[:0], dst[start:]...)
		dst = f.nfkc(dst[:start], f.tmp)
	}
	return dst
}

// isNFKC reports whether b is certainly in NFKC. Unlike norm.Form.IsNormal
// it never allocates (IsNormal does whenever its quick check is not
// enough); when it says no, normalising b again is merely redundant.
func isNFKC(b []byte) bool {
	return norm.NFKC.QuickSpan(b) == len(b)
}

// nfkc appends the NFKC form of src to dst: norm.NFKC.Append without the
// allocation.
func (f *folder) nfkc(dst, src []byte) []byte {
	if isNFKC(src) {
		return append(dst, src...)
	}
	f.iter.Init(norm.NFKC, src)
	for !f.iter.Done() {
		dst = append(dst, f.iter.Next()...)
	}
	f.iter.Init(norm.NFKC, nil) // let go of src
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
