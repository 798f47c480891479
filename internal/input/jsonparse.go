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
			if err := p.skipString(); err != nil {
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
	if err := p.skipString(); err != nil {
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

// skipString validates the string starting at the quote at p.i and moves
// past it, without unescaping it: member names and values not wanted.
//
// It finds quotes and backslashes with bytes.IndexByte (vectorised) and
// checks the runs between them with checkRun. Invalid UTF-8 is no error.
func (p *parser) skipString() error {
	b := p.b
	i := p.i + 1
	quote := -1 // position of the next '"' at or after i, once known
	for {
		if quote < i {
			q, err := p.nextQuote(i)
			if err != nil {
				return err
			}
			quote = q
		}
		run := b[i:quote]
		bs := bytes.IndexByte(run, '\\')
		if bs >= 0 {
			run = run[:bs]
		}
		if ctrl, _ := checkRun(run); ctrl {
			return p.control(i, run)
		}
		if bs < 0 {
			p.i = quote + 1
			return nil
		}
		n, err := p.escape(i + bs)
		if err != nil {
			return err
		}
		i += bs + n
	}
}

// nextQuote returns the position of the first '"' at or after i, or the
// error of a string that does not end on the line.
func (p *parser) nextQuote(i int) (int, error) {
	q := bytes.IndexByte(p.b[i:], '"')
	if q >= 0 {
		return i + q, nil
	}
	if c := firstControl(p.b[i:]); c >= 0 {
		p.i = i + c
		return 0, p.fail("control character " + quoteByte(p.b[i+c]) + " in string")
	}
	p.i = len(p.b)
	return 0, p.fail("unterminated string")
}

// control returns the error for the first control character of run, which
// starts at i and holds one.
func (p *parser) control(i int, run []byte) error {
	c := firstControl(run)
	p.i = i + c
	return p.fail("control character " + quoteByte(p.b[i+c]) + " in string")
}

// escape validates the escape whose backslash is at i and returns its
// length.
func (p *parser) escape(i int) (int, error) {
	b := p.b
	if i+1 >= len(b) {
		p.i = i + 1
		return 0, p.fail("unterminated string")
	}
	switch b[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
		for j := i + 2; j < i+6; j++ {
			if j >= len(b) || unhex(b[j]) < 0 {
				p.i = j
				if j >= len(b) {
					return 0, p.fail("unterminated string")
				}
				return 0, p.fail("invalid \\u escape in string")
			}
		}
		return 6, nil
	}
	p.i = i + 1
	return 0, p.fail("invalid escape " + strconv.Quote(string(b[i:i+2])) + " in string")
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
//
// It validates and unescapes in one pass, since the text member is most of
// a line: runs between escapes are checked as skipString checks them and,
// once an escape has been met, moved down over the escapes already
// decoded. Unescaping never makes the text longer (an escape of n bytes
// stands for at most n bytes of UTF-8), so the writes stay behind the
// reads. A run holding invalid UTF-8 switches to a copy, since U+FFFD
// (3 bytes) replaces single bytes and the value can outgrow the raw text.
// Errors are those of skipString, at the same offsets.
func (p *parser) string() ([]byte, error) {
	b := p.b
	i := p.i + 1
	start := i
	quote := -1    // position of the next '"' at or after i, once known
	var dst []byte // the value so far once it differs from the raw text: in place, or a copy
	inPlace := true
	for {
		if quote < i {
			q, err := p.nextQuote(i)
			if err != nil {
				return nil, err
			}
			quote = q
		}
		run := b[i:quote]
		bs := bytes.IndexByte(run, '\\')
		if bs >= 0 {
			run = run[:bs]
		}
		ctrl, high := checkRun(run)
		if ctrl {
			return nil, p.control(i, run)
		}
		valid := !high || utf8.Valid(run)
		switch {
		case !valid && inPlace:
			n := quote - start
			if dst == nil {
				dst = b[start:i]
			}
			dst, inPlace = append(make([]byte, 0, n+n/2), dst...), false
			dst = appendValid(dst, run)
		case !valid:
			dst = appendValid(dst, run)
		case dst != nil:
			dst = append(dst, run...)
		}
		if bs < 0 {
			p.i = quote + 1
			if dst == nil {
				return b[start:quote:quote], nil
			}
			if inPlace {
				return dst[:len(dst):len(dst)], nil
			}
			return dst, nil
		}
		i += bs
		n, err := p.escape(i)
		if err != nil {
			return nil, err
		}
		if dst == nil {
			dst = b[start:i]
		}
		c := b[i+1]
		i += n
		switch c {
		case 'u':
			r := u4(b[i-4:])
			// A surrogate pair is decoded from two escapes; a second one
			// that is not valid is an error found by the next round.
			if utf16.IsSurrogate(r) {
				if i+6 <= len(b) && b[i] == '\\' && b[i+1] == 'u' && isHex4(b[i+2:i+6]) {
					if d := utf16.DecodeRune(r, u4(b[i+2:])); d != utf8.RuneError {
						dst = utf8.AppendRune(dst, d)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
		case 'b', 'f', 'n', 'r', 't':
			dst = append(dst, escapeValue[c])
		default: // '"', '\\' and '/' stand for themselves
			dst = append(dst, c)
		}
	}
}

// escapeValue maps the letter of a one-letter escape to the byte it stands
// for.
var escapeValue = [256]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// isHex4 reports whether b is four hex digits.
func isHex4(b []byte) bool {
	return unhex(b[0])|unhex(b[1])|unhex(b[2])|unhex(b[3]) >= 0
}

// checkRun reports whether run, string contents without quotes or
// backslashes, holds a control character (below U+0020) or a non-ASCII
// byte. It reads 16 bytes a round: the two words' checks are independent,
// so they overlap in the processor.
func checkRun(run []byte) (ctrl, high bool) {
	var c, h uint64
	if len(run) >= 8 {
		// The last, partial word first: reread the last eight bytes (the
		// checks only accumulate, so bytes seen twice do no harm).
		x := binary.LittleEndian.Uint64(run[len(run)-8:])
		c |= (x - lsb*0x20) &^ x
		h |= x
		r := run
		for ; len(r) >= 16; r = r[16:] {
			x := binary.LittleEndian.Uint64(r[:8])
			y := binary.LittleEndian.Uint64(r[8:16])
			c |= (x-lsb*0x20)&^x | (y-lsb*0x20)&^y
			h |= x | y
		}
		if len(r) >= 8 {
			x := binary.LittleEndian.Uint64(r[:8])
			c |= (x - lsb*0x20) &^ x
			h |= x
		}
	} else {
		for _, b := range run {
			b := uint64(b)
			c |= (b - 0x20) & 0x80 &^ b // bit 7 set iff b < 0x20
			h |= b
		}
	}
	return c&msb != 0, h&msb != 0
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
