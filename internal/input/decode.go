package input

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// cp1252 holds the UTF-8 encoding of each Windows-1252 byte, as decoded by
// golang.org/x/text/encoding/charmap: the five bytes that Windows-1252 leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
var cp1252 = func() (t [256]string) {
	for b := range 256 {
		t[b] = string(charmap.Windows1252.DecodeByte(byte(b)))
	}
	return t
}()

// Decode returns data as UTF-8 text. Valid UTF-8 (with or without a byte
// order mark) is returned as is, with a nil map and invalidAt -1. Anything
// else is decoded as Windows-1252, one rune per byte; invalidAt is then the
// offset of the first byte that is not part of valid UTF-8, and the map
// converts offsets between text and data.
func Decode(data []byte) (text []byte, m *OffsetMap, invalidAt int) {
	if utf8.Valid(data) {
		return data, nil, -1
	}
	invalidAt = firstInvalid(data)
	n := 0
	for _, c := range data {
		n += len(cp1252[c])
	}
	text = make([]byte, 0, n)
	marks := make([]int, 0, len(data)/markEvery+1)
	for i, c := range data {
		if i%markEvery == 0 {
			marks = append(marks, len(text))
		}
		if c < utf8.RuneSelf {
			text = append(text, c)
		} else {
			text = append(text, cp1252[c]...)
		}
	}
	return text, &OffsetMap{text: text, srcLen: len(data), marks: marks}, invalidAt
}

// firstInvalid returns the offset of the first byte of b that does not
// belong to a valid UTF-8 sequence, or -1.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// markEvery is the number of source bytes between two checkpoints of an
// OffsetMap: a lookup walks at most this many runes.
const markEvery = 64

// OffsetMap converts byte offsets between a text decoded from a single-byte
// encoding and the bytes it was decoded from (the file as read). Every
// source byte decodes to exactly one rune of the text; the map keeps the
// text offset of every 64th source byte and walks the runes in between, so
// it costs an eighth of the source size in memory and is exact.
//
// A nil *OffsetMap is the identity: the text is the file as read.
type OffsetMap struct {
	text   []byte
	srcLen int
	marks  []int // marks[k] is the text offset of source byte k*markEvery
}

// Source returns the offset in the source of the byte that decoded to the
// text byte at off; an offset inside a multi-byte rune maps to that rune's
// source byte. Source(len(text)) is the length of the source, and offsets
// outside the text are clamped to it. Source is monotonic.
func (m *OffsetMap) Source(off int) int {
	if m == nil {
		return max(off, 0)
	}
	if off <= 0 {
		return 0
	}
	if off >= len(m.text) {
		return m.srcLen
	}
	k := sort.Search(len(m.marks), func(k int) bool { return m.marks[k] > off }) - 1
	src, pos := k*markEvery, m.marks[k]
	for {
		size := runeLen(m.text, pos)
		if pos+size > off {
			return src
		}
		pos += size
		src++
	}
}

// Text returns the offset in the text where the rune decoded from source
// byte off starts. Text(len(source)) is the length of the text, and offsets
// outside the source are clamped to it. Source(Text(off)) == off for every
// off from 0 to the length of the source.
func (m *OffsetMap) Text(off int) int {
	if m == nil {
		return max(off, 0)
	}
	if off <= 0 {
		return 0
	}
	if off >= m.srcLen {
		return len(m.text)
	}
	k := off / markEvery
	pos := m.marks[k]
	for range off - k*markEvery {
		pos += runeLen(m.text, pos)
	}
	return pos
}

func runeLen(b []byte, i int) int {
	if b[i] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRune(b[i:])
	return size
}

// isBlank reports whether b holds nothing but white space and byte order
// marks.
func isBlank(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\r', '\v', '\f':
				i++
				continue
			}
			return false
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != '\uFEFF' && !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}
