package shingle

import (
	"unicode"
	"unicode/utf8"
)

// refTokenizer is the reference tokenizer: the straightforward
// rune-at-a-time implementation that the fast Tokenizer replaced, kept
// verbatim so that tests can check the fast paths (SWAR ASCII runs, the
// runeInfo table) against it on real and fuzzed text. Only tests use it, so
// the linker leaves it out of programs.
type refTokenizer struct {
	src   []byte
	pos   int
	count int
	tok   Token
	buf   []byte
	raw   []byte
	exact bool
	fold  folder
}

func (t *refTokenizer) Reset(src []byte) {
	t.src = src
	t.pos = 0
	t.count = 0
	t.tok = Token{}
}

// Next is the original, rune-at-a-time Tokenizer.Next.
func (t *refTokenizer) Next() bool {
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
					if refStartsWord(src, i+1) {
						buf = append(buf, '\'')
						prevDigit = false
						i++
						continue
					}
				case digitSep:
					if prevDigit && refStartsDigit(src, i+1) {
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
				if refStartsWord(src, i+size) {
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

// refStartsWord reports whether a word character that is not a character of
// a script written without spaces begins at src[i].
func refStartsWord(src []byte, i int) bool {
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

// refStartsDigit reports whether a decimal digit begins at src[i].
func refStartsDigit(src []byte, i int) bool {
	if i >= len(src) {
		return false
	}
	if c := src[i]; c < utf8.RuneSelf {
		return '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRune(src[i:])
	return unicode.IsDigit(r)
}
