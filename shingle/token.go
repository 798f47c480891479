package shingle

import (
	"bytes"
	"iter"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
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
	raw   []byte
	exact bool // each rune of tok.Text stands for one rune of the original
	fold  folder
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
	src := t.src
	i := t.pos
	var k class
	// Skip to the first character of a word.
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			if k = asciiClass[c]; k == word || k == upper {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if k = classify(r); k == word || k == solo {
			break
		}
		i += size
	}
	if i >= len(src) {
		t.pos = len(src)
		t.tok = Token{Start: len(src), End: len(src)}
		return false
	}
	start := i
	buf := t.buf[:0]
	slow, exact := false, true
	end := i

	if k == solo {
		r, size := utf8.DecodeRune(src[i:])
		buf, slow = appendFast(buf, r, src[i:i+size])
		i += size
		// Combining marks belong to the character before them.
		for i < len(src) && src[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(src[i:])
			if !unicode.IsMark(r) {
				break
			}
			buf = append(buf, src[i:i+size]...)
			slow = true
			i += size
		}
		end = i
	} else {
		prevDigit := false
	scan:
		for i < len(src) {
			c := src[i]
			if c < utf8.RuneSelf {
				switch asciiClass[c] {
				case word:
					buf = append(buf, c)
					prevDigit = c <= '9'
					i++
					end = i
					continue
				case upper:
					buf = append(buf, c+('a'-'A'))
					prevDigit = false
					i++
					end = i
					continue
				case apostrophe:
					if startsWord(src, i+1) {
						buf = append(buf, '\'')
						prevDigit = false
						i++
						continue
					}
				case digitSep:
					if prevDigit && startsDigit(src, i+1) {
						buf = append(buf, c)
						prevDigit = false
						i++
						continue
					}
				}
				break scan
			}
			r, size := utf8.DecodeRune(src[i:])
			switch classify(r) {
			case word:
				var s bool
				buf, s = appendFast(buf, r, src[i:i+size])
				slow = slow || s
				prevDigit = unicode.IsDigit(r)
				i += size
				end = i
				continue
			case apostrophe:
				if startsWord(src, i+size) {
					buf = append(buf, '\'')
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
	}
	if slow {
		t.raw = append(t.raw[:0], buf...)
		buf = foldApostrophes(t.fold.fold(buf[:0], t.raw))
		exact = false
	}
	t.buf = buf
	t.pos = i
	t.count++
	t.exact = exact
	t.tok = Token{Start: start, End: end, Text: buf}
	return true
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
	r, _ := utf8.DecodeRune(src[i:])
	return classify(r) == word
}

// startsDigit reports whether a decimal digit begins at src[i].
func startsDigit(src []byte, i int) bool {
	if i >= len(src) {
		return false
	}
	if c := src[i]; c < utf8.RuneSelf {
		return '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRune(src[i:])
	return unicode.IsDigit(r)
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
	for t.Next() {
		if t.count > 1 {
			dst = append(dst, ' ')
		}
		dst = append(dst, t.tok.Text...)
	}
	return dst
}

// Normalize returns the normalised text of s (see [AppendNormalized]).
func Normalize(s string) string {
	return string(AppendNormalized(nil, []byte(s)))
}
