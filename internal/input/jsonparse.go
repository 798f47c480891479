package input

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Type is the JSON type of a member's value.
type Type uint8

// JSON types. TypeNone means the member is absent.
const (
	TypeNone Type = iota
	TypeString
	TypeNumber
	TypeObject
	TypeArray
	TypeBool
	TypeNull
)

var typeNames = [...]string{
	TypeNone:   "missing",
	TypeString: "a string",
	TypeNumber: "a number",
	TypeObject: "an object",
	TypeArray:  "an array",
	TypeBool:   "a boolean",
	TypeNull:   "null",
}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Fields holds the two members that [ParseLine] extracts from an object.
type Fields struct {
	// ID is the unescaped id string, or the literal text of an id number
	// ("1.50" stays "1.50"); nil unless IDType is TypeString or TypeNumber.
	ID []byte
	// Text is the unescaped text string; nil unless TextType is TypeString.
	Text []byte
	// IDType and TextType are the JSON types of the members, TypeNone when
	// absent.
	IDType, TextType Type
}

// SyntaxError reports a line that is not valid JSON.
type SyntaxError struct {
	Offset int // byte offset in the line at which the problem was found
	Msg    string
}

func (e *SyntaxError) Error() string {
	return e.Msg + " at column " + strconv.Itoa(e.Offset+1)
}

// ErrNotObject is returned (wrapped) by [ParseLine] for a line that is
// valid JSON but not an object.
var ErrNotObject = errors.New("not a JSON object")

// NotObjectError reports a line that is valid JSON of another type than
// object. It matches [ErrNotObject] with errors.Is.
type NotObjectError struct{ Type Type }

func (e *NotObjectError) Error() string { return "line is " + e.Type.String() + ", not a JSON object" }

func (e *NotObjectError) Is(target error) bool { return target == ErrNotObject }

// maxDepth is the deepest nesting accepted, counting the top-level object,
// the same limit as encoding/json's.
const maxDepth = 10000

// ParseLine parses line as exactly one JSON object (RFC 8259; white space
// around it, including a trailing CR, is allowed) and extracts the members
// named idField and textField. Names match exactly, after unescaping; when
// a name occurs more than once the last occurrence wins, as with
// encoding/json. Every other member is validated and skipped.
//
// Strings are unescaped the way encoding/json does it: \uXXXX escapes that
// are not a valid UTF-16 surrogate pair, and bytes that are not valid
// UTF-8, each become U+FFFD; an invalid escape such as \x, a raw control
// character (below U+0020) in a string, nesting deeper than 10000 levels, or
// anything after the object are errors. The result therefore agrees with
// encoding/json's on every input (differentially tested and fuzzed).
//
// ParseLine unescapes in place: the bytes of line are overwritten and the
// returned slices alias line, except for a string holding invalid UTF-8,
// which is copied. It allocates nothing else for objects nested less than
// 64 deep.
//
// The error is a *SyntaxError for invalid JSON and a *NotObjectError for
// valid JSON that is not an object. A wanted member of the wrong type is not
// an error: its Type is reported and its value left nil.
func ParseLine(line []byte, idField, textField string) (Fields, error) {
	p := parser{b: line}
	var f Fields
	p.ws()
	if p.i >= len(p.b) {
		return f, p.fail("unexpected end of line")
	}
	if p.b[p.i] != '{' {
		t, err := p.skipValue(0)
		if err == nil {
			err = p.end()
		}
		if err == nil {
			err = &NotObjectError{Type: t}
		}
		return f, err
	}
	p.i++
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return f, p.end()
	}
	for {
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return f, p.unexpected("a member name")
		}
		key, err := p.string()
		if err != nil {
			return f, err
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return f, p.unexpected("':'")
		}
		p.i++
		p.ws()
		isID, isText := string(key) == idField, string(key) == textField
		if (isID || isText) && p.i < len(p.b) {
			switch c := p.b[p.i]; {
			case c == '"':
				s, err := p.string()
				if err != nil {
					return f, err
				}
				if isID {
					f.ID, f.IDType = s, TypeString
				}
				if isText {
					f.Text, f.TextType = s, TypeString
				}
				goto next
			case c == '-' || '0' <= c && c <= '9':
				start := p.i
				if err := p.number(); err != nil {
					return f, err
				}
				if isID {
					f.ID, f.IDType = p.b[start:p.i:p.i], TypeNumber
				}
				if isText {
					f.Text, f.TextType = nil, TypeNumber
				}
				goto next
			}
		}
		{
			t, err := p.skipValue(1)
			if err != nil {
				return f, err
			}
			if isID {
				f.ID, f.IDType = nil, t
			}
			if isText {
				f.Text, f.TextType = nil, t
			}
		}
	next:
		p.ws()
		if p.i >= len(p.b) {
			return f, p.fail("unexpected end of line in object")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
			p.ws()
			continue
		case '}':
			p.i++
			return f, p.end()
		}
		return f, p.unexpected("',' or '}'")
	}
}

type parser struct {
	b []byte
	i int
}

func (p *parser) fail(msg string) error { return &SyntaxError{Offset: p.i, Msg: msg} }

func (p *parser) unexpected(want string) error {
	if p.i >= len(p.b) {
		return p.fail("unexpected end of line, want " + want)
	}
	return p.fail("unexpected " + quoteByte(p.b[p.i]) + ", want " + want)
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return "byte 0x" + strconv.FormatUint(uint64(c), 16)
}

// end checks that only white space follows.
func (p *parser) end() error {
	p.ws()
	if p.i < len(p.b) {
		return p.fail("unexpected " + quoteByte(p.b[p.i]) + " after the JSON value")
	}
	return nil
}

func (p *parser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

// skipValue validates and skips the value at p.i, returning its type.
// Containers are walked iteratively with a bit stack, so deep nesting costs
// no recursion.
// outer is the number of containers around the value (1 inside the
// top-level object), for the depth limit.
func (p *parser) skipValue(outer int) (Type, error) {
	var small [1]uint64
	stack := small[:0] // bit set: 1 for an object, 0 for an array
	depth := 0
	var first Type
	for {
		// A value is expected.
		p.ws()
		if p.i >= len(p.b) {
			return 0, p.unexpected("a value")
		}
		var t Type
		switch c := p.b[p.i]; c {
		case '{', '[':
			p.i++
			p.ws()
			if c == '{' {
				t = TypeObject
			} else {
				t = TypeArray
			}
			if depth == 0 {
				first = t
			}
			if depth+1+outer > maxDepth {
				return 0, p.fail("exceeded max depth")
			}
			if p.i < len(p.b) && p.b[p.i] == c+2 { // '}' or ']'
				p.i++
				break
			}
			depth++
			if w := (depth - 1) / 64; w >= len(stack) {
				stack = append(stack, 0)
			}
			if c == '{' {
				stack[(depth-1)/64] |= 1 << ((depth - 1) % 64)
				if err := p.memberName(); err != nil {
					return 0, err
				}
			} else {
				stack[(depth-1)/64] &^= 1 << ((depth - 1) % 64)
			}
			continue
		case '"':
			t = TypeString
			if _, _, _, err := p.scanString(); err != nil {
				return 0, err
			}
		case 't':
			t = TypeBool
			if err := p.literal("true"); err != nil {
				return 0, err
			}
		case 'f':
			t = TypeBool
			if err := p.literal("false"); err != nil {
				return 0, err
			}
		case 'n':
			t = TypeNull
			if err := p.literal("null"); err != nil {
				return 0, err
			}
		default:
			if c == '-' || '0' <= c && c <= '9' {
				t = TypeNumber
				if err := p.number(); err != nil {
					return 0, err
				}
				break
			}
			return 0, p.unexpected("a value")
		}
		if depth == 0 && first == 0 {
			first = t
		}
		// A value has ended: close containers or move to the next element.
		for {
			if depth == 0 {
				return first, nil
			}
			p.ws()
			if p.i >= len(p.b) {
				return 0, p.unexpected("',' or a closing bracket")
			}
			isObj := stack[(depth-1)/64]&(1<<((depth-1)%64)) != 0
			c := p.b[p.i]
			if c == ',' {
				p.i++
				if isObj {
					p.ws()
					if err := p.memberName(); err != nil {
						return 0, err
					}
				}
				break
			}
			if isObj && c == '}' || !isObj && c == ']' {
				p.i++
				depth--
				continue
			}
			if isObj {
				return 0, p.unexpected("',' or '}'")
			}
			return 0, p.unexpected("',' or ']'")
		}
	}
}

// memberName skips a member name and its colon, at p.i.
func (p *parser) memberName() error {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return p.unexpected("a member name")
	}
	if _, _, _, err := p.scanString(); err != nil {
		return err
	}
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != ':' {
		return p.unexpected("':'")
	}
	p.i++
	return nil
}

func (p *parser) literal(lit string) error {
	if len(p.b)-p.i >= len(lit) && string(p.b[p.i:p.i+len(lit)]) == lit {
		p.i += len(lit)
		return nil
	}
	// Point at the first wrong byte.
	for j := 0; j < len(lit); j++ {
		if p.i >= len(p.b) || p.b[p.i] != lit[j] {
			return p.unexpected("literal " + lit)
		}
		p.i++
	}
	return nil // unreachable
}

// number skips a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() error {
	b := p.b
	i := p.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i++
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	default:
		p.i = i
		return p.unexpected("a digit")
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			p.i = i
			return p.unexpected("a digit after the decimal point")
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			p.i = i
			return p.unexpected("a digit in the exponent")
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	p.i = i
	return nil
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// scanString validates the string starting at the quote at p.i and moves
// past it. It returns the raw contents' start and whether they hold
// escapes or invalid UTF-8.
//
// It finds quotes and backslashes with bytes.IndexByte (vectorised) and
// checks the runs between them eight bytes at a time for control
// characters and non-ASCII bytes; only strings with non-ASCII bytes go
// through utf8.Valid.
func (p *parser) scanString() (start int, escaped, badUTF8 bool, err error) {
	b := p.b
	i := p.i + 1
	start = i
	quote := -1 // position of the next '"' at or after i, once known
	var ctrl, high uint64
	for {
		if quote < i {
			q := bytes.IndexByte(b[i:], '"')
			if q < 0 {
				if c := firstControl(b[i:]); c >= 0 {
					p.i = i + c
					return 0, false, false, p.fail("control character " + quoteByte(b[i+c]) + " in string")
				}
				p.i = len(b)
				return 0, false, false, p.fail("unterminated string")
			}
			quote = i + q
		}
		seg := b[i:quote]
		bs := bytes.IndexByte(seg, '\\')
		if bs >= 0 {
			seg = seg[:bs]
		}
		if len(seg) >= 8 {
			for j := 0; j+8 <= len(seg); j += 8 {
				x := binary.LittleEndian.Uint64(seg[j:])
				ctrl |= (x - lsb*0x20) &^ x
				high |= x
			}
			// The last, partial word: reread the last eight bytes (the
			// checks only accumulate, so bytes seen twice do no harm).
			x := binary.LittleEndian.Uint64(seg[len(seg)-8:])
			ctrl |= (x - lsb*0x20) &^ x
			high |= x
		} else {
			for _, c := range seg {
				c := uint64(c)
				ctrl |= (c - 0x20) & 0x80 &^ c // bit 7 set iff c < 0x20
				high |= c
			}
		}
		if ctrl&msb != 0 {
			c := firstControl(seg)
			p.i = i + c
			return 0, false, false, p.fail("control character " + quoteByte(b[i+c]) + " in string")
		}
		if bs < 0 {
			p.i = quote + 1
			if high&msb != 0 {
				badUTF8 = !utf8.Valid(b[start:quote])
			}
			return start, escaped, badUTF8, nil
		}
		// An escape at i+bs.
		i += bs
		escaped = true
		if i+1 >= len(b) {
			p.i = i + 1
			return 0, false, false, p.fail("unterminated string")
		}
		switch b[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			for j := i + 2; j < i+6; j++ {
				if j >= len(b) || unhex(b[j]) < 0 {
					p.i = j
					if j >= len(b) {
						return 0, false, false, p.fail("unterminated string")
					}
					return 0, false, false, p.fail("invalid \\u escape in string")
				}
			}
			i += 6
		default:
			p.i = i + 1
			return 0, false, false, p.fail("invalid escape " + strconv.Quote(string(b[i:i+2])) + " in string")
		}
	}
}

// firstControl returns the index of the first byte below 0x20 in b, or -1.
func firstControl(b []byte) int {
	for i, c := range b {
		if c < 0x20 {
			return i
		}
	}
	return -1
}

// string parses the string at p.i and returns its unescaped value.
func (p *parser) string() ([]byte, error) {
	start, escaped, bad, err := p.scanString()
	if err != nil {
		return nil, err
	}
	raw := p.b[start : p.i-1 : p.i-1]
	if !escaped && !bad {
		return raw, nil
	}
	if bad {
		// U+FFFD (3 bytes) replaces single bytes: the value can outgrow
		// the raw text, so it cannot be unescaped in place.
		return unescape(make([]byte, 0, len(raw)+len(raw)/2), raw, false), nil
	}
	// Unescaping never makes the text longer (an escape of n bytes stands
	// for at most n bytes of UTF-8), so the writes stay behind the reads.
	return unescape(raw[:0], raw, true), nil
}

// unescape appends the value of the validated raw string contents src to
// dst, exactly as encoding/json decodes it; valid tells that src is valid
// UTF-8. dst may alias src when it is.
func unescape(dst, src []byte, valid bool) []byte {
	for i := 0; i < len(src); {
		if src[i] != '\\' {
			// Copy the run up to the next escape, replacing invalid
			// UTF-8 if there is any.
			j := bytes.IndexByte(src[i:], '\\')
			if j < 0 {
				j = len(src)
			} else {
				j += i
			}
			if valid {
				dst = append(dst, src[i:j]...)
			} else {
				dst = appendValid(dst, src[i:j])
			}
			i = j
			continue
		}
		c := src[i+1]
		switch c {
		case 'u':
			r := u4(src[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				if i+6 <= len(src) && src[i] == '\\' && src[i+1] == 'u' {
					if d := utf16.DecodeRune(r, u4(src[i+2:])); d != utf8.RuneError {
						dst = utf8.AppendRune(dst, d)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
			continue
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		}
		// '"', '\\' and '/' stand for themselves.
		dst = append(dst, c)
		i += 2
	}
	return dst
}

// appendValid appends b to dst with each byte that is not part of valid
// UTF-8 replaced by U+FFFD, as encoding/json does.
func appendValid(dst, b []byte) []byte {
	for len(b) > 0 {
		i := firstInvalid(b)
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		dst = utf8.AppendRune(dst, utf8.RuneError)
		b = b[i+1:]
	}
	return dst
}

// u4 decodes four validated hex digits.
func u4(b []byte) rune {
	return rune(unhex(b[0])<<12 | unhex(b[1])<<8 | unhex(b[2])<<4 | unhex(b[3]))
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}
