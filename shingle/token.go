package shingle

import (
	"bytes"
	"encoding/binary"
	"iter"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// Token is a word: its normalised text and the bytes it came from.
type Token struct {
	// Start and End are byte offsets into the original input, half-open:
	// src[Start:End] is the word as written.
	Start, End int
	// Text is the normalised form. It aliases the Tokenizer's buffer and is
	// valid only until the next call to Next or Reset: copy it to keep it.
	Text []byte
}

// Tokenizer splits text into normalised words, in the manner of
// [bufio.Scanner]: call Next until it returns false, reading Token after
// each call. It keeps its buffers between texts, so reusing one Tokenizer
// (with Reset) does not allocate once warmed up. The zero value is ready for
// Reset. A Tokenizer is not safe for concurrent use.
type Tokenizer struct {
	src   []byte
	pos   int
	count int
	tok   Token
	buf   []byte
	raw   []byte // a slow word's text before folding
	fbuf  []byte // a slow word's text after folding
	exact bool   // each rune of the last word's text stands for one rune of the original
	fold  folder

	// The block of 64 input bytes from blk, as bitmaps with bit j for
	// src[blk+j] (see appendWords): words marks ASCII letters and digits,
	// lead the first bytes of non-ASCII runes, and cand the places where
	// words may start that have not been reached yet.
	blk, blkEnd       int
	words, lead, cand uint64
	starts, ends, bad uint64      // ReadHashes' words (see loadBlock)
	one               [1]wordSpan // next's span

	// hashOnly makes appendWords leave out the text of plain words (ASCII
	// letters and digits between separators), giving them off = -1: the
	// shinglers hash those straight from the input. It also makes it map
	// blocks for ReadHashes (loadRuns), which sets it.
	hashOnly bool
	spans    []wordSpan // ReadHashes' batch

	word [wordMax + 8]byte   // readRuneHashes' word, with room for padding
	ys   *[lanesBatch]uint64 // the second lanes of hashBlocks' words (AVX-512)

	// tail is the end of the input for hashTail, and tailStop one past
	// where hashTail last stopped at a word it does not take, or 0.
	tail     [tailSize]byte
	tailStop int
}

// NewTokenizer returns a Tokenizer over src.
func NewTokenizer(src []byte) *Tokenizer {
	t := new(Tokenizer)
	t.Reset(src)
	return t
}

// Reset starts tokenizing src, keeping the buffers from earlier use.
func (t *Tokenizer) Reset(src []byte) {
	t.src = src
	t.pos = 0
	t.count = 0
	t.tok = Token{}
	t.blk, t.blkEnd, t.cand = 0, 0, 0
	t.words, t.lead = 0, 0
	t.tailStop = 0
}

// ResetString starts tokenizing s without copying it.
func (t *Tokenizer) ResetString(s string) {
	t.Reset(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// Token returns the word found by the last call to Next.
func (t *Tokenizer) Token() Token { return t.tok }

// Count returns the number of words found so far.
func (t *Tokenizer) Count() int { return t.count }

// Next advances to the next word, returning false at the end of the input.
func (t *Tokenizer) Next() bool {
	buf, start, end, ok := t.next(t.buf[:0])
	t.buf = buf
	if !ok {
		t.tok = Token{Start: len(t.src), End: len(t.src)}
		return false
	}
	// Field by field: a composite literal here compiles to a copy through
	// a stack temporary whose overlapping 16-byte loads stall on the 8-byte
	// stores just made; that store was a third of the tokenizer's profile.
	t.tok.Start, t.tok.End, t.tok.Text = start, end, buf
	return true
}

// Constants for treating a uint64 as eight bytes at once (SWAR).
const (
	lowBits  = 0x0101010101010101 // 0x01 in every byte
	highBits = 0x8080808080808080 // 0x80 in every byte
	caseBits = 0x2020202020202020 // ASCII lower case bit in every byte
)

// wordMask returns x with 0x80 in each byte that is an ASCII letter or
// digit, and 0 in every other byte. It tests all eight bytes at once with
// the classic "has byte in range" trick: with the top bit of each byte
// cleared, adding 0x80-lo sets that top bit exactly when the byte is at
// least lo, and no byte can carry into the next.
func wordMask(x uint64) uint64 {
	x7 := x &^ highBits
	l := x7 | caseBits // A-Z onto a-z; no other byte lands in a-z
	letter := (l + (0x80-'a')*lowBits) &^ (l + (0x7f-'z')*lowBits)
	return (letter&^x | digitMask(x)) & highBits // bytes >= 0x80 are not ASCII
}

// digitMask returns x with 0x80 in each byte that is an ASCII digit, and 0
// in every other byte, as wordMask tests.
func digitMask(x uint64) uint64 {
	x7 := x &^ highBits
	return (x7 + (0x80-'0')*lowBits) &^ (x7 + (0x7f-'9')*lowBits) &^ x & highBits
}

// isASCIIWord reports whether c, below 0x80, is a letter or digit.
func isASCIIWord(c byte) bool {
	k := asciiClass[c&0x7f]
	return k == word || k == upper
}

// next finds the next word, appends its normalised text to dst and
// returns dst and the word's span in the input.
func (t *Tokenizer) next(dst []byte) (out []byte, start, end int, ok bool) {
	// appendWords' commonest case, written out: a plain word inside the
	// block. Going through appendWords for one word at a time cost Next
	// about a third of its speed.
	if cand := t.cand; cand != 0 {
		p, s := t.blk, bits.TrailingZeros64(cand)
		if t.lead>>s&1 == 0 {
			if e := s + bits.TrailingZeros64(^(t.words >> s)); e < 63 {
				k := uint64(termClass[t.src[p+e]])
				if (k>>1|k&((t.words|t.lead)>>(e+1)))&1 == 0 {
					t.cand = cand & (cand - 1)
					t.pos = p + e
					t.count++
					t.exact = true
					return appendLower(dst, t.src, p+s, p+e), p + s, p + e, true
				}
			}
		}
	}
	dst, one, ok := t.appendWords(dst, t.one[:0], 1, false)
	if !ok {
		return dst, len(t.src), len(t.src), false
	}
	return dst, one[0].start, one[0].end, true
}

// wordSpan is where a word's normalised text lies in a buffer of words
// joined by spaces (buf[off:wend]), and where the word lies in the input
// (src[start:end]).
type wordSpan struct{ off, wend, start, end int }

// appendWords reads up to limit words, appending each one's normalised
// text to buf, joined by single spaces (and after one if space is set),
// and its spans to spans. It reports false when the input has no more
// words. Next takes one word at a time from it, the shinglers a batch.
//
// Most words of English text are plain: ASCII letters and digits between
// ASCII separators. Finding them one after another, each search starting
// where the last word ended, chains every word's loads and tests to the
// previous word's, and the processor waits on that chain (about 60 cycles a
// word, whatever the scanning is made of). So appendWords first maps a
// block of 64 bytes at once into bitmaps (loadBlock), with no branch on the
// text, and then takes plain words off the bitmap of candidate word starts:
// finding the next one is a trailing-zero count and clearing a bit, and
// the word's end another count. Punctuation runes at candidates are
// skipped by table. Everything else, from the first byte that is not plain
// onwards (a non-ASCII letter, an apostrophe or digit separator that may
// join, an ignorable character), goes to scan, the general tokenizer, which
// also takes the last bytes of the input that do not fill a block.
func (t *Tokenizer) appendWords(buf []byte, spans []wordSpan, limit int, space bool) ([]byte, []wordSpan, bool) {
	src := t.src
	cand, words, lead, p := t.cand, t.words, t.lead, t.blk
	if cap(spans)-len(spans) < limit {
		spans = append(spans, make([]wordSpan, limit)...)[:len(spans)]
	}
	for n := 0; n < limit; {
		if cand == 0 {
			// The block is used up: map the next one, from where the last
			// word ended or the last block did, whichever is further.
			// Nothing between the two can start a word, or it would have
			// been a candidate.
			q := max(t.pos, t.blkEnd)
			if q+64 <= len(src) {
				if t.hashOnly {
					t.loadRuns(q) // ReadHashes' maps
				} else {
					t.loadBlock(q)
				}
				cand, words, lead, p = t.cand, t.words, t.lead, t.blk
				continue
			}
			t.pos = q
		} else if s := bits.TrailingZeros64(cand); lead>>s&1 != 0 {
			// A non-ASCII rune. In English text most are punctuation
			// (quotes, dashes), which cannot start a word: skip them here.
			info, size := decodeInfo(src, p+s)
			k := info.class()
			if k != word && k != solo {
				t.pos = p + s + size
				cand &= bitsFrom(s + size)
				continue
			}
			// A character of a script written without spaces is a word by
			// itself: take it here too, unless marks follow it or it needs
			// the folder.
			if i := p + s + size; k == solo && info&infoSlow == 0 && (i == len(src) || src[i] < utf8.RuneSelf || func() bool { next, _ := decodeInfo(src, i); return next&infoMark == 0 }()) {
				if cap(buf)-len(buf) < 5 {
					buf = grow(buf, 5)
				}
				if space || n > 0 {
					buf = append(buf, ' ')
				}
				off := len(buf)
				buf = utf8.AppendRune(buf, info.fold())
				spans = append(spans, wordSpan{off, len(buf), p + s, i})
				cand &= bitsFrom(s + size)
				t.pos = i
				t.count++
				t.exact = info&infoInexact == 0
				n++
				continue
			}
			t.pos = p + s
		} else {
			// An ASCII letter or digit starts a run here; end is where the
			// run ends. The word is plain if its terminator does not join
			// it to more (see termClass): the bitmaps tell, but for a
			// terminator that needs decoding, or a run that reaches the
			// end of the block, which is followed past it eight bytes at
			// a time (the block has no other candidates after it).
			e := s + bits.TrailingZeros64(^(words >> s))
			end, plain := p+e, false
			if e < 63 {
				k := uint64(termClass[src[end]])
				plain = (k>>1|k&((words|lead)>>(e+1)))&1 == 0 || k == 2 && endsAtRune(src, end)
			} else {
				end = runEnd(src, end)
				plain = plainEnd(src, end)
			}
			if plain {
				// With hashOnly the caller hashes the word from the input
				// (plainHash): its text would be written only to be read
				// back.
				off, wend := -1, -1
				if !t.hashOnly {
					if cap(buf)-len(buf) < 17 {
						buf = grow(buf, 17)
					}
					if space || n > 0 {
						buf = append(buf, ' ')
					}
					off = len(buf)
					buf = appendLower(buf, src, p+s, end)
					wend = len(buf)
				}
				spans = append(spans, wordSpan{off, wend, p + s, end})
				cand &= cand - 1
				t.pos = end
				t.count++
				t.exact = true
				n++
				continue
			}
			t.pos = p + s
		}
		// Anything else goes to scan, from t.pos.
		mark := len(buf)
		if space || n > 0 {
			buf = append(buf, ' ')
		}
		off := len(buf)
		var start, end int
		var ok bool
		if buf, start, end, ok = t.scan(buf); !ok {
			t.cand = 0
			return buf[:mark], spans, false
		}
		spans = append(spans, wordSpan{off, len(buf), start, end})
		cand &= bitsFrom(t.pos - p)
		n++
	}
	t.cand = cand
	return buf, spans, true
}

// plainEnd reports whether a run of ASCII letters and digits that stops
// at src[i] is a whole word, as the bitmaps tell inside a block: i is the
// end of the input, or src[i] is a separator that cannot join the run to
// more (see termClass).
func plainEnd(src []byte, i int) bool {
	if i >= len(src) {
		return true
	}
	switch termClass[src[i]] {
	case 0:
		return true
	case 1:
		return i+1 == len(src) || src[i+1] < utf8.RuneSelf && !isASCIIWord(src[i+1])
	}
	return endsAtRune(src, i)
}

// runEnd returns where the run of ASCII letters and digits that is still
// going at src[i] ends, eight bytes at a time.
func runEnd(src []byte, i int) int {
	for i+8 <= len(src) {
		n := bits.TrailingZeros64(^wordMask(binary.LittleEndian.Uint64(src[i:]))&highBits) >> 3
		i += n
		if n < 8 {
			return i
		}
	}
	for i < len(src) && src[i] < utf8.RuneSelf && isASCIIWord(src[i]) {
		i++
	}
	return i
}

// bitsFrom returns a mask of bits n to 63 (none if n >= 64).
func bitsFrom(n int) uint64 {
	if n >= 64 {
		return 0
	}
	return ^uint64(0) << n
}

// endsAtRune reports whether a run of ASCII letters and digits ends at the
// non-ASCII rune at src[i], as scan would decide: at a separator or a
// character of a script written without spaces, or at an apostrophe not
// followed by a word character; not at a letter, mark or ignorable
// character, which continue the word.
func endsAtRune(src []byte, i int) bool {
	r, size := utf8.DecodeRune(src[i:])
	switch lookupRune(r).class() {
	case sep, solo:
		return true
	case apostrophe:
		return !startsWord(src, i+size)
	}
	return false
}

// termClass classifies the byte that ends a run of ASCII letters and
// digits: 0 for a separator that cannot join it to anything, 1 for an
// apostrophe, full stop or comma, which can join it to a word character
// right after (don't, 1,000), and 2 for a non-ASCII byte, which needs
// decoding. next sends classes 2 and 1-before-a-word-character to scan.
var termClass = func() (t [256]uint8) {
	t['\''], t['.'], t[','] = 1, 1, 1
	for c := 0x80; c < 0x100; c++ {
		t[c] = 2
	}
	return t
}()

// loadBlock maps src[p:p+64] into the words and lead bitmaps (see
// blockMaps), and makes every run start and every non-ASCII rune a
// candidate. Byte p itself is never inside a word that has begun before.
// It leaves ReadHashes' bitmaps empty (see loadRuns), so that ReadHashes
// takes the block's words one at a time.
func (t *Tokenizer) loadBlock(p int) {
	words, lead := wordMaps((*[64]byte)(t.src[p : p+64]))
	t.setBlock(p, words, lead)
	t.starts = 0
}

// loadRuns is loadBlock for ReadHashes: it also finds whole words with the
// bitmaps alone. Runs of ASCII letters and digits joined as scan joins
// them (across an apostrophe, and across a full stop or comma between
// digits: don't, 1,000, 3.5) begin at starts and end before ends, and bad
// marks the bytes that cannot end a plain word: the first byte of a
// non-ASCII rune, which may go on with the word (café), an apostrophe
// before one (l'été), or a full stop or comma between a digit and one
// (5,٣), and bytes 0 and 63, for a run whose end is past the block or
// cannot be told without the byte after it. Other bytes from 0x80 up can
// follow an ASCII letter only in invalid UTF-8, which decodes as a
// separator.
func (t *Tokenizer) loadRuns(p int) {
	words, lead, digits, apos, points := blockMaps((*[64]byte)(t.src[p : p+64]))
	t.setBlock(p, words, lead)
	r := joinRuns(words, digits, apos, points)
	t.starts, t.ends = r&^(r<<1), r<<1&^r
	t.bad = badEnds(lead, digits, apos, points) | 1 | 1<<63
}

// setBlock makes the block at p the mapped one, given its words and lead
// bitmaps, with every run start and non-ASCII rune a candidate.
func (t *Tokenizer) setBlock(p int, words, lead uint64) {
	t.blk, t.blkEnd = p, p+64
	t.words, t.lead = words, lead
	t.cand = words&^(words<<1) | lead
}

// joinRuns returns the bitmap of ASCII letters and digits and of the
// apostrophes, full stops and commas that join them into words (see
// loadBlock).
func joinRuns(words, digits, apos, points uint64) uint64 {
	return words | apos&(words<<1)&(words>>1) | points&(digits<<1)&(digits>>1)
}

// badEnds returns the bitmap of bytes that cannot end a plain word (see
// loadBlock).
func badEnds(lead, digits, apos, points uint64) uint64 {
	return lead | (apos|points&(digits<<1))&(lead>>1)
}

// packBytes gathers the top bit of each byte of m, which has no other bits
// set, into the low eight bits: byte k's bit becomes bit k. The multiply
// moves byte k's bit to bit 56+k with no two partial products meeting.
func packBytes(m uint64) uint64 {
	return (m >> 7) * 0x0102040810204080 >> 56
}

// appendLower appends src[a:b], ASCII letters and digits, lowercased:
// sixteen bytes at once (setting the case bit, as in scan) when there is
// room to read them.
func appendLower(dst, src []byte, a, b int) []byte {
	n := b - a
	if cap(dst)-len(dst) < 16 {
		dst = grow(dst, 16)
	}
	if n <= 16 && a+16 <= len(src) {
		l := len(dst)
		d := dst[l : l+16]
		binary.LittleEndian.PutUint64(d, binary.LittleEndian.Uint64(src[a:])|caseBits)
		binary.LittleEndian.PutUint64(d[8:], binary.LittleEndian.Uint64(src[a+8:])|caseBits)
		return dst[:l+n]
	}
	for _, c := range src[a:b] {
		dst = append(dst, c|0x20)
	}
	return dst
}

// scan is the general tokenizer: appendWords calls it for whatever the
// bitmaps do not settle, and it finds the next word from t.pos on,
// appending its text to dst. ASCII letters and digits go eight bytes at a
// time; other runes are looked up in the runeInfo table. A word that the
// table cannot normalise on its own goes through the folder (full
// NFKC_Casefold) at its end. It behaves exactly as the reference tokenizer
// in reference.go, which tests hold it to.
func (t *Tokenizer) scan(dst []byte) (out []byte, start, end int, ok bool) {
	src := t.src
	i := t.pos
	var info runeInfo
	size := 1
	// Skip to the first character of a word: eight bytes at a time to the
	// first ASCII letter or digit or non-ASCII byte, then look closer.
	for {
		if i+8 <= len(src) {
			x := binary.LittleEndian.Uint64(src[i:])
			m := (wordMask(x) | x) & highBits
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		} else {
			for i < len(src) && src[i] < utf8.RuneSelf && !isASCIIWord(src[i]) {
				i++
			}
			if i >= len(src) {
				t.pos = len(src)
				return dst, len(src), len(src), false
			}
		}
		if src[i] < utf8.RuneSelf {
			break // an ASCII letter or digit
		}
		info, size = decodeInfo(src, i)
		if k := info.class(); k == word || k == solo {
			break
		}
		i += size
	}
	start = i
	w := len(dst) // the word's text starts at dst[w]
	slow, exact := false, true
	var inexact runeInfo // infoInexact of any rune taken

	if info.class() == solo {
		dst, slow = appendInfo(dst, info, src[i:i+size])
		inexact = info
		i += size
		// Combining marks belong to the character before them.
		for i < len(src) && src[i] >= utf8.RuneSelf {
			info, size := decodeInfo(src, i)
			if info&infoMark == 0 {
				break
			}
			var s bool
			dst, s = appendInfo(dst, info, src[i:i+size])
			slow = slow || s
			inexact |= info | infoInexact // marks always were
			i += size
		}
		end = i
	} else {
		prevDigit := false // the last character taken was a digit
	scan:
		for i < len(src) {
			c := src[i]
			if c >= utf8.RuneSelf {
				info, size := decodeInfo(src, i)
				switch info.class() {
				case word:
					if f := info.fold(); info&infoSlow == 0 && f >= 0x80 && f < 0x800 {
						// appendInfo's commonest case (Greek, Cyrillic,
						// Arabic…), written out: appendInfo is not inlined.
						dst = append(dst, byte(0xC0|f>>6), byte(0x80|f&0x3F))
					} else {
						var s bool
						dst, s = appendInfo(dst, info, src[i:i+size])
						slow = slow || s
					}
					inexact |= info
					prevDigit = info&infoDigit != 0
					i += size
					end = i
					continue
				case apostrophe:
					if startsWord(src, i+size) {
						dst = append(dst, '\'')
						prevDigit = false
						i += size
						continue
					}
				case ignorable:
					exact = false
					i += size
					continue
				}
				break scan
			}
			switch asciiClass[c] {
			case word, upper:
				// A run of ASCII letters and digits. Eight bytes at a time:
				// store them all with the case bit set (which lowercases
				// letters and leaves digits alone), then keep as many as
				// belong to the run; the rest are overwritten or cut off.
				for i+8 <= len(src) {
					x := binary.LittleEndian.Uint64(src[i:])
					n := bits.TrailingZeros64(^wordMask(x)&highBits) >> 3
					if cap(dst)-len(dst) < 8 {
						dst = grow(dst, 8)
					}
					binary.LittleEndian.PutUint64(dst[len(dst):len(dst)+8], x|caseBits)
					dst = dst[:len(dst)+n]
					i += n
					if n < 8 {
						break
					}
				}
				// The last few bytes of the input, one at a time.
				for i < len(src) {
					c := src[i]
					if c >= utf8.RuneSelf {
						break
					}
					if k := asciiClass[c]; k == word {
						dst = append(dst, c)
					} else if k == upper {
						dst = append(dst, c+('a'-'A'))
					} else {
						break
					}
					i++
				}
				prevDigit = src[i-1] <= '9'
				end = i
				// Most words end at a plain separator: say so at once.
				if i < len(src) && src[i] < utf8.RuneSelf && asciiClass[src[i]] == sep {
					break scan
				}
				continue
			case apostrophe:
				if startsWord(src, i+1) {
					dst = append(dst, '\'')
					prevDigit = false
					i++
					continue
				}
			case digitSep:
				if prevDigit && startsDigit(src, i+1) {
					dst = append(dst, c)
					prevDigit = false
					i++
					continue
				}
			}
			break scan
		}
	}
	if slow {
		t.raw = append(t.raw[:0], dst[w:]...)
		t.fbuf = t.fold.fold(t.fbuf[:0], t.raw)
		dst = append(dst[:w], foldApostrophes(t.fbuf)...)
	}
	t.pos = i
	t.count++
	t.exact = exact && inexact&infoInexact == 0
	return dst, start, end, true
}

// decodeInfo decodes the non-ASCII rune at src[i] and looks it up. Invalid
// UTF-8 decodes as utf8.RuneError, a separator, one byte long.
//
// Two- and three-byte sequences, which cover Greek, Cyrillic, Arabic, CJK
// and typographic punctuation, are decoded here; utf8.DecodeRune does them
// out of line, which cost a fifth of tokenizing Russian.
func decodeInfo(src []byte, i int) (runeInfo, int) {
	r, size := rune(utf8.RuneError), 1
	if i+2 < len(src) {
		c0, c1, c2 := src[i], src[i+1], src[i+2]
		if c0 >= 0xC2 && c0 < 0xE0 && c1&0xC0 == 0x80 {
			r, size = rune(c0&0x1F)<<6|rune(c1&0x3F), 2
		} else if c0&0xF0 == 0xE0 && c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			// Not overlong (below U+0800) and not a surrogate.
			if r = rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				size = 3
			} else {
				r = utf8.RuneError
			}
		} else {
			r, size = utf8.DecodeRune(src[i:])
		}
	} else {
		r, size = utf8.DecodeRune(src[i:])
	}
	// lookupRune, written out: it is a little too big to be inlined.
	if b := runeBlocks[uint32(r)>>8].Load(); b != nil {
		return b[r&0xff], size
	}
	return lookupRune(r), size
}

// appendInfo appends the normalised form of a word or solo rune, orig in
// the input, when it needs no context, and otherwise orig itself,
// reporting that the word needs the folder. It is appendFast by table.
func appendInfo(dst []byte, info runeInfo, orig []byte) ([]byte, bool) {
	if info&infoSlow != 0 {
		return append(dst, orig...), true
	}
	if f := info.fold(); f >= 0x80 && f < 0x800 { // Greek, Cyrillic, Arabic…: inline
		return append(dst, byte(0xC0|f>>6), byte(0x80|f&0x3F)), false
	}
	return utf8.AppendRune(dst, info.fold()), false
}

// foldApostrophes rewrites apostrophe look-alikes that normalisation can
// produce (NFKC turns ŉ into ʼn) to U+0027, in place.
func foldApostrophes(b []byte) []byte {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && classify(r) == apostrophe {
			b[i] = '\''
			b = append(b[:i+1], b[i+size:]...)
			size = 1
		}
		i += size
	}
	// Only an apostrophe between word characters belongs to a word.
	if t := bytes.Trim(b, "'"); len(t) > 0 {
		return t
	}
	return b
}

// startsWord reports whether a word character that is not a character of
// a script written without spaces begins at src[i].
func startsWord(src []byte, i int) bool {
	if i >= len(src) {
		return false
	}
	if c := src[i]; c < utf8.RuneSelf {
		k := asciiClass[c]
		return k == word || k == upper
	}
	info, _ := decodeInfo(src, i)
	return info.class() == word
}

// startsDigit reports whether a decimal digit begins at src[i].
func startsDigit(src []byte, i int) bool {
	if i >= len(src) {
		return false
	}
	if c := src[i]; c < utf8.RuneSelf {
		return '0' <= c && c <= '9'
	}
	info, _ := decodeInfo(src, i)
	return info&infoDigit != 0
}

// ReadHashes reads the [WordHash] of each of the next words into dst,
// up to len(dst) of them, and returns how many it read: fewer than
// len(dst) only at the end of the input, and 0 once there are no more
// words. It is the fast way to the words of a text when their hashes are
// all that is needed, as for fingerprints: most words are hashed straight
// from the input (ASCII words) or from a small buffer as they are read
// (words in other scripts), without going through Token. Token is not
// set.
func (t *Tokenizer) ReadHashes(dst []uint64) int {
	src := t.src
	n := 0
	for n < len(dst) {
		if t.cand == 0 {
			q := max(t.pos, t.blkEnd)
			if q+80 <= len(src) {
				// Whole blocks of plain words, the commonest case, in
				// hashPlain; then the block where it stopped, below.
				m := t.hashPlain(dst[n:], q)
				n += m
				t.count += m
				if n == len(dst) {
					break
				}
				q = t.pos
			} else if q < len(src) && q+1 != t.tailStop {
				// The last bytes, the same way, from a copy.
				m := t.hashTail(dst[n:], q)
				n += m
				t.count += m
				if t.pos == len(src) {
					break
				}
				continue
			}
			// Map the next block here rather than in appendWords, so that
			// its plain words come through the loop below.
			if t.cand == 0 && q+64 <= len(src) {
				t.loadRuns(q)
				continue
			}
		}
		// Plain words of the mapped block, as in next, hashed as they are
		// found.
		took := 0
		if cand := t.cand; cand != 0 {
			p, words, lead := t.blk, t.words, t.lead
			stop := words | lead
			c0 := n
			for cand != 0 && n < len(dst) {
				// Plain words up to the first non-ASCII candidate, in
				// hashRuns; what it leaves, one word at a time below.
				if first := cand; p+80 <= len(src) {
					if l := cand & lead; l != 0 {
						first &= l&-l - 1
					}
					if starts := first & t.starts; starts != 0 {
						m, rest := hashRuns(dst[n:], (*[80]byte)(src[p:p+80]), starts, t.ends&-(starts&-starts), t.bad)
						if m > 0 {
							// Clear the words taken, and the runs they joined:
							// the candidates left begin at the next start or
							// non-ASCII rune. Between the two are only
							// separators.
							next := rest | cand&lead
							cand &= -(next & -next)
							t.pos = p + bits.TrailingZeros64(next)
							n += m
							if cand == 0 || n == len(dst) {
								break
							}
						}
					}
				}
				s := bits.TrailingZeros64(cand)
				if lead>>s&1 != 0 {
					break
				}
				e := s + bits.TrailingZeros64(^(words >> s))
				if e >= 63 && s > 0 && p+s+64 <= len(src) {
					// A run that reaches the end of the block: leave the
					// block, so that the next one begins with the run and
					// takes it whole (hashPlain or loadBlock above). It
					// costs a block map; following the run past the block
					// cost more.
					cand = 0
					t.pos, t.blkEnd = p+s, p+s
					break
				}
				end := p + e
				if e < 63 {
					if k := uint64(termClass[src[end]]); (k>>1|k&(stop>>(e+1)))&1 != 0 {
						break
					}
				} else if end = runEnd(src, end); !plainEnd(src, end) {
					break // a word running past the block that is not plain
				}
				dst[n] = plainHash(src, p+s, end)
				n++
				cand &= cand - 1
				t.pos = end
			}
			t.cand = cand
			took = n - c0
			t.count += took
			if n == len(dst) || cand == 0 {
				continue
			}
		}
		// Text mostly in other scripts (few ASCII letters in the block, and
		// no plain word taken from it just now) goes word by word, without
		// bitmaps.
		if took == 0 && bits.OnesCount64(t.words) < 32 {
			m, more := t.readRuneHashes(dst[n:])
			n += m
			if !more {
				break
			}
			continue
		}
		// Anything else, the general way, but only a few words (two
		// measured best of 1, 2, 4 and 8 on the benchmark corpora), so that
		// English does not take many words the slow way after each
		// accented one or apostrophe.
		limit := min(len(dst)-n, 2)
		t.hashOnly = true
		buf, spans, more := t.appendWords(t.buf[:0], t.spans[:0], limit, false)
		t.hashOnly = false
		t.buf, t.spans = buf, spans
		n += hashSpans(dst[n:], src, buf, spans)
		if !more {
			break
		}
	}
	return n
}

// hashPlain hashes into dst the words of the input from p on, as
// ReadHashes reads them, for as long as they are plain (see hashBlocks),
// and returns how many it hashed. It steps over the non-ASCII separators
// of English text (non-breaking spaces, typographic quotes, dashes) as
// appendWords would, and takes plain words longer than sixteen bytes or
// before such a rune, and words with Latin-1 letters or typographic
// apostrophes (latinWord). It leaves t.pos where
// it stopped: at the first word or rune it left, whose block it leaves
// mapped, or at the first byte of a block it did not map.
func (t *Tokenizer) hashPlain(dst []uint64, p int) int {
	src := t.src
	n := 0
	for {
		m, blk, q := t.hashBlocks(dst[n:], src, p)
		n += m
		if blk >= 0 && n < len(dst) {
			// A plain word that stopped hashBlocks, longer than it takes
			// or ending at a rune, and a separator rune after it or
			// alone: take them here and go on.
			e, plain := q, true
			if src[q] < utf8.RuneSelf || src[q] == 0xc3 {
				e = runEnd(src, q)
				// 0xc3 leads the Latin-1 letters (café), as in sepSize.
				if plain = e > q && (e == len(src) || src[e] != 0xc3 && plainEnd(src, e)); plain {
					dst[n] = plainHash(src, q, e)
					n++
				} else if c := src[e]; c == 0xc3 || c == 0xe2 || c == '\'' {
					var h uint64
					if h, e, plain = t.latinWord(q); plain {
						dst[n] = h
						n++
					}
				}
			}
			if size := sepSize(src, e); plain && (e > q || size > 0) {
				p = e + size
				continue
			}
		}
		if blk >= 0 {
			t.loadRuns(blk)
			t.cand &= ^uint64(0) << (q - blk)
		} else {
			t.blkEnd = q
		}
		t.pos = q
		return n
	}
}

// tailSize is the length of Tokenizer.tail: room for two blocks and the
// 16 bytes after them, where hashBlocks maps a block only with 80 bytes
// from it.
const tailSize = 64 + 80

// hashTail is hashPlain for the last bytes of the input, fewer than 80
// from q: it copies them to t.tail, padded with NULs, which end words as
// the end of the input does, and hashes their plain words there, up to the
// first it does not take (which it leaves to the slow way: t.tailStop) or
// the end of the input. Text is mostly short documents, whose last 80
// bytes would otherwise go a rune at a time.
func (t *Tokenizer) hashTail(dst []uint64, q int) int {
	rest := t.src[q:]
	copy(t.tail[:], rest)
	clear(t.tail[len(rest):])
	n, blk, qt := t.hashBlocks(dst, t.tail[:], 0)
	q = min(q+qt, len(t.src))
	t.pos, t.blkEnd = q, q
	if blk >= 0 {
		t.tailStop = q + 1
	}
	return n
}

// latinWord hashes the word that begins at src[q], as scan would, when it
// is made of ASCII letters and digits and the two-byte letters that
// copyTwoByte takes (those that normalise alone to another two-byte
// letter: À to ÿ, and most of Greek and Cyrillic) and ß, joined as the
// bitmaps join them (don't, 1,000, 3.5) or by typographic apostrophes
// (don’t, l’été, rock’n’roll), and returns where it ends. It reports
// false, having hashed nothing, at anything else, such as another letter
// that is not ASCII or a combining mark, which goes the slow way. In German and French most words that stop
// hashBlocks are such words.
func (t *Tokenizer) latinWord(q int) (uint64, int, bool) {
	src := t.src
	w := &t.word
	j, i := 0, q
	for {
		run := i
		for i < len(src) && j < wordMax {
			if c := src[i]; c < utf8.RuneSelf {
				if !isASCIIWord(c) {
					break
				}
				w[j] = c | 0x20 // lower case; digits stay
				j++
				i++
				continue
			}
			if src[i] == 0xc3 && i+1 < len(src) && src[i+1] == 0x9f && j+2 <= wordMax {
				// ß, which folds to ss: two ASCII letters, which
				// copyTwoByte's table cannot hold. German has many.
				w[j], w[j+1] = 's', 's'
				j += 2
				i += 2
				continue
			}
			i2, j2, e := copyTwoByte(w, src, i, j)
			if e == 0 {
				break
			}
			i, j = i2, j2
		}
		e := i
		if e == run || j >= wordMax {
			return 0, 0, false
		}
		if e+3 < len(src) && src[e] == 0xe2 && src[e+1] == 0x80 && src[e+2]&^1 == 0x98 && startsWord(src, e+3) {
			w[j] = '\''
			j++
			i = e + 3
			continue
		}
		if e+1 < len(src) && (src[e] == '\'' && startsWord(src, e+1) ||
			(src[e] == '.' || src[e] == ',') && '0' <= src[e-1] && src[e-1] <= '9' && '0' <= src[e+1] && src[e+1] <= '9') {
			w[j] = src[e]
			j++
			i = e + 1
			continue
		}
		if !plainEnd(src, e) {
			return 0, 0, false
		}
		return t.wordHash(j), e, true
	}
}

// sepSize returns the length of the rune at src[i] if it is a non-ASCII
// separator (or invalid UTF-8, which is one), and 0 for anything else, at
// the end of src, and for some separators that are rare.
func sepSize(src []byte, i int) int {
	// 0xc3 leads the Latin-1 letters (à, é, ß), which are words; 0 for it
	// is only slower for × and ÷.
	if i >= len(src) || src[i] < utf8.RuneSelf || src[i] == 0xc3 {
		return 0
	}
	info, size := decodeInfo(src, i)
	if info.class() != sep {
		return 0
	}
	return size
}

// hashBlocksGo is hashBlocks in portable Go, and its definition. It maps
// src a block of 64 bytes after another from p and hashes each block's
// plain words into dst with hashRuns, as ReadHashes would take them: it
// steps over the commonest separator runes (sepLeads), and stops at a
// word that is not plain, at any other non-ASCII rune, and when dst is
// full or fewer than 80 bytes are left. A run that reaches the end of a
// block begins the next one. It returns how many words it hashed, and
// where it stopped: q, and blk, the start of the block it was in when it
// stopped at a word or rune inside it (the word or rune at q), or -1 when
// it stopped before mapping the block at q, or with dst full at a word.
func hashBlocksGo(dst []uint64, src []byte, p int) (n, blk, q int) {
	for p <= len(src)-80 {
		if n >= len(dst) {
			return n, -1, p
		}
		words, lead, digits, apos, points := blockMaps((*[64]byte)(src[p : p+64]))
		lead &^= sepLeads((*[80]byte)(src[p:p+80]), lead)
		r := joinRuns(words, digits, apos, points)
		starts := r &^ (r << 1)
		cross := -1
		if r>>62 != 0 {
			// The last run reaches byte 62 or 63, so its end, or the byte
			// after it that tells whether it joins more, is past the block.
			cross = 63 - bits.LeadingZeros64(starts)
			starts &^= 1 << cross
		}
		if lead != 0 {
			starts &= lead&-lead - 1 // up to the first non-ASCII rune
		}
		m, rest := hashRuns(dst[n:], (*[80]byte)(src[p:p+80]), starts, r<<1&^r, badEnds(lead, digits, apos, points))
		n += m
		// Stop at the first word left, non-ASCII rune or run past the
		// block, whichever comes first; go on from a run past the block.
		stop := rest | lead
		if cross >= 0 {
			stop |= 1 << cross
		}
		if stop == 0 {
			p += 64
			continue
		}
		s := bits.TrailingZeros64(stop)
		if n == len(dst) && rest != 0 {
			return n, -1, p + s // full: the next call maps the block from here
		}
		if s != cross || s == 0 { // a run of 63 bytes or more is scan's
			return n, p, p + s
		}
		p += s
	}
	return n, -1, p
}

// hashRuns is the inner loop of hashBlocksGo and of ReadHashes' block
// path: it hashes into dst the words of a mapped block that begin at
// starts and end before ends (see loadRuns), in order, until dst is full
// or a word is longer than sixteen bytes or ends at a bad byte; it returns
// how many it hashed and the starts left. A word is its input bytes with
// the case bit set, which lowercases letters and leaves digits, ' . and ,
// as they are. blk is the block and sixteen bytes after it, so every load
// is in bounds. With no call, no bounds check and few values live, the
// loop stays in registers: in ReadHashes' own loop they were spilled and
// reloaded for each word.
func hashRuns(dst []uint64, blk *[80]byte, starts, ends, bad uint64) (int, uint64) {
	n := 0
	for ; n < len(dst) && starts != 0; n++ {
		s := bits.TrailingZeros64(starts)
		e := bits.TrailingZeros64(ends)
		l := uint(e - s)
		if l > 16 || bad>>(e&63)&1 != 0 {
			break
		}
		x := binary.LittleEndian.Uint64(blk[s:s+8]) | caseBits
		if l <= 8 {
			dst[n] = hash8(x & lenMask[l])
		} else {
			y := binary.LittleEndian.Uint64(blk[s+8:s+16]) | caseBits
			dst[n] = hash16(x, y&lenMask[l-8])
		}
		starts &= starts - 1
		ends &= ends - 1
	}
	return n, starts
}

// lenMask[l] keeps the first l bytes of a little-endian lane: a table,
// as a shift by 64 - 8l would need a guard for l = 0.
var lenMask = [9]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, ^uint64(0)}

// wordMax is the longest normalised word, in bytes, that readRuneHashes
// builds in its own buffer; longer ones go to scan.
const wordMax = 120

// readRuneHashes is ReadHashes for text in scripts other than Latin. It
// goes through the input from t.pos one character at a time, as scan does,
// but hashes words as they end, and leaves the bitmaps alone, which in such
// text cost more than they find. It stops when dst is full, at the end of
// the input (reporting false), and after two words in a row of ASCII
// letters and digits only, to give the bitmaps back text they are good at.
// A word that needs the folder, or a character followed by combining
// marks, goes to scan.
func (t *Tokenizer) readRuneHashes(dst []uint64) (int, bool) {
	src := t.src
	w := &t.word
	i, n := t.pos, 0
	j, start := -1, 0 // the word under way: w[:j], from src[start]; j < 0 between words
	ascii, prevDigit := true, false
	asciiWords := 0
	nextAt, nextInfo, nextSize := -1, runeInfo(0), 0 // src[nextAt:], decoded
	for i < len(src) && n < len(dst) && asciiWords < 2 {
		c := src[i]
		info, size := runeInfo(sep), 1
		general := false // the word from start needs scan
		if c < utf8.RuneSelf {
			k := asciiClass[c]
			if k == word || k == upper {
				if j < 0 {
					j, start, ascii = 0, i, true
				}
				if j < wordMax {
					w[j] = c | 0x20 // lowercases letters; digits have the bit
					j++
					prevDigit = c <= '9'
					i++
					continue
				}
				general = true
			} else if j >= 0 && (k == apostrophe && startsWord(src, i+1) || k == digitSep && prevDigit && startsDigit(src, i+1)) {
				if j < wordMax {
					w[j] = c
					j++
					prevDigit = false
					i++
					continue
				}
				general = true
			}
		} else {
			// A run of two-byte letters, the commonest case, goes straight
			// to copyTwoByte, which takes none if it cannot take the first.
			if c&0xE0 == 0xC0 && j <= wordMax-2 {
				if i2, j2, e := copyTwoByte(w, src, i, max(j, 0)); e != 0 {
					if j < 0 {
						start = i
					}
					ascii = false
					m, s := 0, -1
					m, i, j, s, e = t.twoByteWords(dst[n:], i2, j2, e)
					if m > 0 {
						n += m
						asciiWords = 0
					}
					if s >= 0 {
						start = s
					}
					prevDigit = e&twoByteDigit != 0
					continue
				}
			}
			// Two- and three-byte characters (Greek, Cyrillic, Hebrew,
			// Arabic, accented Latin; Han, kana, Hangul, Thai, Devanagari)
			// decoded and looked up here: decodeInfo is not inlined. A
			// character of a script written without spaces has already
			// been decoded, to look for marks after the one before it.
			var b *[256]runeInfo
			var r rune
			if i == nextAt {
				info, size = nextInfo, nextSize
			} else if c >= 0xC2 && c < 0xE0 && i+1 < len(src) && src[i+1]&0xC0 == 0x80 {
				r, size = rune(c&0x1F)<<6|rune(src[i+1]&0x3F), 2
				b = runeBlocks[r>>8&7].Load()
			} else if c&0xF0 == 0xE0 && i+2 < len(src) {
				if r3, ok := rune3(uint32(c) | uint32(src[i+1])<<8 | uint32(src[i+2])<<16); ok {
					r, size = r3, 3
					b = runeBlocks[r>>8].Load()
				}
			}
			if b != nil {
				info = b[r&0xff]
			} else if i != nextAt {
				info, size = decodeInfo(src, i)
			}
			switch info.class() {
			case word:
				if j < 0 {
					j, start = 0, i
				}
				ascii = false
				if info&infoSlow == 0 && j <= wordMax-utf8.UTFMax {
					if f := info.fold(); f >= 0x80 && f < 0x800 {
						w[j], w[j+1] = byte(0xC0|f>>6), byte(0x80|f&0x3F)
						j += 2
					} else {
						j += utf8.EncodeRune(w[j:], f)
					}
					i += size
					prevDigit = info&infoDigit != 0
					continue
				}
				general = true
			case apostrophe:
				if j >= 0 && startsWord(src, i+size) {
					if j < wordMax {
						w[j] = '\''
						j++
						ascii, prevDigit = false, false
						i += size
						continue
					}
					general = true
				}
			case ignorable:
				ascii = false // it does not split a word, nor start one
				i += size
				continue
			}
		}
		if general {
			dst[n] = t.scanHash(start)
			n++
			i, j, asciiWords = t.pos, -1, 0
			continue
		}
		// src[i] ends the word under way, if any.
		if j >= 0 {
			dst[n] = t.wordHash(j)
			n++
			t.count++
			j = -1
			if ascii {
				asciiWords++
			} else {
				asciiWords = 0
			}
			if info.class() != solo {
				i += size
			}
			continue // a solo character starts the next word
		}
		if info.class() == solo {
			n, i, nextInfo, nextSize = t.hashSolos(dst, n, i, info, size)
			nextAt = i
			if nextSize == 0 {
				nextAt = -1
			}
			asciiWords = 0
			continue
		}
		i += size
	}
	if j >= 0 { // the input ends a word; there is room, as dst was not full when it began
		dst[n] = t.wordHash(j)
		n++
		t.count++
	}
	t.pos = i
	// The bitmaps start again from here.
	t.blk, t.blkEnd = i, i
	t.words, t.lead, t.cand = 0, 0, 0
	return n, i < len(src)
}

// wordHash is the WordHash of t.word[:j], the word readRuneHashes has
// built, padded in place.
func (t *Tokenizer) wordHash(j int) uint64 {
	clear(t.word[j : j+8])
	return wordHashPadded(t.word[:j])
}

// scanHash hashes the word that begins at src[start] the general way,
// through scan, which leaves t.pos at its end.
func (t *Tokenizer) scanHash(start int) uint64 {
	t.pos = start
	buf, _, _, _ := t.scan(t.buf[:0]) // start begins a word
	t.buf = buf
	return WordHash(buf)
}

// rune3 decodes the three-byte UTF-8 sequence in the low bytes of x, in
// input order, reporting false if it is not one (or is overlong, or a
// surrogate).
func rune3(x uint32) (rune, bool) {
	r := rune(x&0x0F)<<12 | rune(x>>8&0x3F)<<6 | rune(x>>16&0x3F)
	return r, x&0xC0C0F0 == 0x8080E0 && r >= 0x800 && (r < 0xD800 || r > 0xDFFF)
}

// twoByteWords goes on from a word w[:j] that copyTwoByte has just taken
// to src[i]: while words of two-byte letters follow each other with one
// ASCII separator between them, it hashes each into dst as it ends and
// copies the next, in a loop that keeps little live. It returns how many
// words it hashed, the new i and j (-1 if no word is under way), where the
// word under way began (-1 if it is the one given), and the twoByteBlocks
// entry of its last letter.
func (t *Tokenizer) twoByteWords(dst []uint64, i, j int, last uint32) (int, int, int, int, uint32) {
	src, w := t.src, &t.word
	n, start := 0, -1
	for i < len(src) && src[i] < utf8.RuneSelf && asciiClass[src[i]] == sep {
		dst[n] = t.wordHash(j)
		n++
		t.count++
		i++
		j = -1
		if n == len(dst) || i >= len(src) || src[i]&0xE0 != 0xC0 {
			break
		}
		i2, j2, e := copyTwoByte(w, src, i, 0)
		if e == 0 {
			break
		}
		start, i, j, last = i, i2, j2, e
	}
	return n, i, j, start, last
}

// copyTwoByte copies the normalised form of the run of two-byte letters at
// src[i:] to w[j:], as far as twoByteBlocks has it and w has room, and
// returns the new i and j and the last letter's twoByteBlocks entry (0 if
// none). Most letters of Greek, Cyrillic, Hebrew and Arabic words come
// this way, one lookup each, in a loop that keeps everything in registers.
func copyTwoByte(w *[wordMax + 8]byte, src []byte, i, j int) (int, int, uint32) {
	var last uint32
	for i+1 < len(src) && j <= wordMax-2 {
		x := uint16(src[i]) | uint16(src[i+1])<<8
		if x&0xC0E0 != 0x80C0 { // 110xxxxx 10xxxxxx
			break
		}
		r := x&0x1F<<6 | x>>8&0x3F
		b := twoByteBlocks[r>>8&7].Load()
		if b == nil {
			break
		}
		e := b[r&0xff]
		if e == 0 {
			break
		}
		w[j], w[j+1] = byte(e), byte(e>>8)
		last = e
		i += 2
		j += 2
	}
	return i, j, last
}

// hashSolos hashes a run of characters of scripts written without spaces,
// each a word by itself, from src[i] (decoded as info and size) on, into
// dst[n:], and returns the new n and i. It hashes each from its folded
// form without writing it, unless it needs the folder or marks follow it,
// which scan sees to. To look for marks it decodes the character after
// each; it returns the last one it decoded (size 0 if none), which is at
// the new i.
func (t *Tokenizer) hashSolos(dst []uint64, n, i int, info runeInfo, size int) (int, int, runeInfo, int) {
	src := t.src
	for {
		if size == 3 {
			m, i2, info2 := soloRun(dst[n:], src, i, info)
			if m > 0 {
				n += m
				t.count += m
				i, info = i2, info2
				if n == len(dst) || info.class() != solo {
					return n, i, info, size
				}
			}
		}
		// What soloRun leaves: the last character before one that is not
		// three bytes, or one that needs more than it does.
		k := i + size
		var next runeInfo
		nsize := 0
		if k < len(src) && src[k] >= utf8.RuneSelf {
			next, nsize = decodeInfo(src, k)
		}
		if info&infoSlow != 0 || next&infoMark != 0 {
			dst[n] = t.scanHash(i)
			return n + 1, t.pos, 0, 0
		}
		dst[n] = hash8(runeLane(info.fold()))
		n++
		t.count++
		i = k
		if nsize == 0 || next.class() != solo || n == len(dst) {
			return n, i, next, nsize
		}
		info, size = next, nsize
	}
}

// soloRun is hashSolos' common case in a loop with no call: from the
// three-byte character of a script written without spaces at src[i]
// (decoded as info), it hashes each such character into dst while the
// next one is another three-byte character, decoded here, that is no
// mark, and its own folded form is three bytes too. It returns how many it
// hashed, and the position and decoded form of the first character it did
// not take, for hashSolos to see to.
func soloRun(dst []uint64, src []byte, i int, info runeInfo) (int, int, runeInfo) {
	n := 0
	for ; n < len(dst); n++ {
		f := info.fold()
		if info&(infoClass|infoSlow) != runeInfo(solo) || f < 0x800 || f >= 0x10000 {
			break
		}
		k := i + 3
		if k+4 > len(src) {
			break
		}
		r, ok := rune3(binary.LittleEndian.Uint32(src[k:]))
		if !ok {
			break
		}
		b := runeBlocks[r>>8].Load()
		if b == nil {
			break
		}
		next := b[r&0xff]
		if next&infoMark != 0 {
			break
		}
		dst[n] = hash8(lane3(f))
		i, info = k, next
	}
	return n, i, info
}

// hashSpans writes the WordHash of each word of spans to dst: plain words
// from src, others from their normalised text in buf. The words are
// independent, so the processor overlaps their hashes.
func hashSpans(dst []uint64, src, buf []byte, spans []wordSpan) int {
	dst = dst[:len(spans)]
	for i, sp := range spans {
		if sp.off < 0 {
			dst[i] = plainHash(src, sp.start, sp.end)
		} else {
			dst[i] = WordHash(buf[sp.off:sp.wend])
		}
	}
	return len(spans)
}

// Tokens returns the words of src in order. Each Token's Text is valid only
// during its iteration step.
func Tokens(src []byte) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		var t Tokenizer
		t.Reset(src)
		for t.Next() {
			if !yield(t.tok) {
				return
			}
		}
	}
}

// AppendNormalized appends the normalised text of src to dst: its words,
// normalised, joined by single spaces. It is what shingles are computed
// over, and shows what the comparison sees.
func AppendNormalized(dst, src []byte) []byte {
	var t Tokenizer
	t.Reset(src)
	var spans [64]wordSpan
	for more := true; more; {
		dst, _, more = t.appendWords(dst, spans[:0], len(spans), t.count > 0)
	}
	return dst
}

// Normalize returns the normalised text of s (see [AppendNormalized]).
func Normalize(s string) string {
	return string(AppendNormalized(nil, []byte(s)))
}
