package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		name     string
		line     string
		id, text string
		idType   Type
		textType Type
		err      string // substring of the error, "" for none
	}{
		{name: "basic", line: `{"id":"a","text":"hello"}`, id: "a", text: "hello", idType: TypeString, textType: TypeString},
		{name: "spaces and CR", line: " \t{ \"id\" : \"a\" , \"text\" : \"b\" } \r", id: "a", text: "b", idType: TypeString, textType: TypeString},
		{name: "number id", line: `{"id":1.50e+3,"text":"x"}`, id: "1.50e+3", text: "x", idType: TypeNumber, textType: TypeString},
		{name: "negative zero id", line: `{"id":-0,"text":"x"}`, id: "-0", text: "x", idType: TypeNumber, textType: TypeString},
		{name: "other members skipped", line: `{"a":[1,{"b":[]},"c",true,false,null,-2.5E-3],"id":"x","o":{"id":"no"},"text":"t","z":{}}`, id: "x", text: "t", idType: TypeString, textType: TypeString},
		{name: "last duplicate wins", line: `{"id":"a","text":"1","id":"b","text":"2"}`, id: "b", text: "2", idType: TypeString, textType: TypeString},
		{name: "escapes", line: `{"id":"\"\\\/\b\f\n\r\t","text":"\u00e9\u20AC"}`, id: "\"\\/\b\f\n\r\t", text: "é€", idType: TypeString, textType: TypeString},
		{name: "surrogate pair", line: `{"id":"x","text":"\ud83d\ude00!"}`, id: "x", text: "😀!", idType: TypeString, textType: TypeString},
		{name: "lone high surrogate", line: `{"id":"x","text":"\ud83dA"}`, id: "x", text: "\uFFFDA", idType: TypeString, textType: TypeString},
		{name: "lone low surrogate", line: `{"id":"x","text":"\ude00"}`, id: "x", text: "\uFFFD", idType: TypeString, textType: TypeString},
		{name: "high high low", line: `{"id":"x","text":"\ud83d\ud83d\ude00"}`, id: "x", text: "\uFFFD😀", idType: TypeString, textType: TypeString},
		{name: "high then escape", line: `{"id":"x","text":"\ud83d\n"}`, id: "x", text: "\uFFFD\n", idType: TypeString, textType: TypeString},
		{name: "escaped NUL", line: `{"id":"x","text":"a\u0000b"}`, id: "x", text: "a\x00b", idType: TypeString, textType: TypeString},
		{name: "invalid UTF-8 replaced", line: "{\"id\":\"x\",\"text\":\"a\xffb\xe2\x82\"}", id: "x", text: "a\uFFFDb\uFFFD\uFFFD", idType: TypeString, textType: TypeString},
		{name: "escaped key", line: `{"\u0069d":"k","te\u0078t":"v"}`, id: "k", text: "v", idType: TypeString, textType: TypeString},
		{name: "missing", line: `{"x":1}`},
		{name: "empty object", line: `{}`},
		{name: "wrong types", line: `{"id":[1],"text":null}`, idType: TypeArray, textType: TypeNull},
		{name: "wrong types 2", line: `{"id":{"a":1},"text":true}`, idType: TypeObject, textType: TypeBool},
		{name: "text number", line: `{"id":"a","text":12}`, id: "a", idType: TypeString, textType: TypeNumber},
		{name: "not an object", line: `[{"id":"a","text":"b"}]`, err: "not a JSON object"},
		{name: "string line", line: `"x"`, err: "line is a string"},
		{name: "empty", line: ``, err: "unexpected end of line"},
		{name: "trailing garbage", line: `{"id":"a","text":"b"} x`, err: "after the JSON value"},
		{name: "two objects", line: `{"id":"a","text":"b"}{}`, err: "after the JSON value"},
		{name: "trailing comma", line: `{"id":"a","text":"b",}`, err: "want a member name"},
		{name: "unterminated string", line: `{"id":"a","text":"b`, err: "unterminated string"},
		{name: "unterminated object", line: `{"id":"a","text":"b"`, err: "unexpected end of line"},
		{name: "raw newline in string", line: "{\"id\":\"a\",\"text\":\"b\nc\"}", err: "control character"},
		{name: "raw tab in string", line: "{\"id\":\"a\tb\",\"text\":\"c\"}", err: "control character"},
		{name: "bad escape", line: `{"id":"a","text":"\x41"}`, err: "invalid escape"},
		{name: "bad unicode escape", line: `{"id":"a","text":"\u12G4"}`, err: "invalid \\u escape"},
		{name: "leading zero", line: `{"id":01,"text":"b"}`, err: "unexpected '1'"},
		{name: "plus number", line: `{"id":+1,"text":"b"}`, err: "want a value"},
		{name: "bare dot", line: `{"id":1.,"text":"b"}`, err: "decimal point"},
		{name: "bad exponent", line: `{"id":1e,"text":"b"}`, err: "exponent"},
		{name: "bad literal", line: `{"x":tru,"id":"a","text":"b"}`, err: "literal true"},
		{name: "single quotes", line: `{'id':'a'}`, err: "want a member name"},
		{name: "unclosed array", line: `{"x":[1,2,"id":"a"}`, err: "want ',' or ']'"},
		{name: "BOM", line: "\uFEFF{}", err: "unexpected"},
		{name: "NaN", line: `{"id":NaN}`, err: "want a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseLine([]byte(tt.line), "id", "text")
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.idType, f.IDType, "id type")
			assert.Equal(t, tt.textType, f.TextType, "text type")
			assert.Equal(t, tt.id, string(f.ID))
			assert.Equal(t, tt.text, string(f.Text))
		})
	}
}

// TestParseLineUnescape covers the ways string unescapes: in place after an
// escape, switching to a copy at invalid UTF-8 before or after escapes, and
// runs long enough for the word-at-a-time checks, with the exact errors
// (message and column) that go into warnings.
func TestParseLineUnescape(t *testing.T) {
	long := strings.Repeat("abcdefgh", 5) // 40 bytes: 16-byte rounds and a tail
	for _, tt := range []struct {
		text, want, err string
	}{
		{text: long + `\n` + long, want: long + "\n" + long},
		{text: `\n` + long + `\t` + long + `\"`, want: "\n" + long + "\t" + long + `"`},
		{text: long + "\\u00e9\xff" + long, want: long + "é\uFFFD" + long},
		{text: "\xff" + long + `\n\u20ac` + long, want: "\uFFFD" + long + "\n€" + long},
		{text: "é\\n\xe2\x82\\ud83d\\ude00\xc3", want: "é\n\uFFFD\uFFFD😀\uFFFD"},
		{text: long + `\n` + long + "\x01" + long, err: "control character byte 0x1 in string at column 101"},
		{text: long + `\n` + long[:9] + "\x1f", err: "control character byte 0x1f in string at column 70"},
		{text: long + `\n` + long + `\q`, err: `invalid escape "\\q" in string at column 102`},
		{text: long + `\n` + `\ud83d\u12"`, err: "invalid \\u escape in string at column 71"},
	} {
		line := []byte(`{"id":"a","text":"` + tt.text + `"}`)
		f, err := ParseLine(line, "id", "text")
		if tt.err != "" {
			require.Error(t, err, "%q", tt.text)
			assert.Equal(t, tt.err, err.Error(), "%q", tt.text)
			continue
		}
		require.NoError(t, err, "%q", tt.text)
		assert.Equal(t, tt.want, string(f.Text), "%q", tt.text)
		// Appending to a text must not overwrite the rest of the line.
		_ = append(f.Text, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"...)
		assert.True(t, bytes.HasSuffix(line, []byte(`"}`)), "%q", tt.text)
	}
}

func TestParseLineErrorTypes(t *testing.T) {
	_, err := ParseLine([]byte(`{"id":`), "id", "text")
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 6, se.Offset)
	assert.False(t, errors.Is(err, ErrNotObject))

	_, err = ParseLine([]byte(` [1, 2] `), "id", "text")
	require.ErrorIs(t, err, ErrNotObject)
	var ne *NotObjectError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, TypeArray, ne.Type)
}

func TestParseLineDepth(t *testing.T) {
	nest := func(n int, open, close string) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	for _, tc := range []struct {
		line string
	}{
		{`{"a":` + nest(9998, "[", "]") + `}`},
		{`{"a":` + nest(9999, "[", "]") + `}`},
		{`{"a":` + nest(10000, "[", "]") + `}`},
		{nest(9999, `{"a":`, `}`)},
		{nest(10000, `{"a":`, `}`)},
		{nest(10001, `{"a":`, `}`)},
		{nest(10000, "[", "]")},
		{nest(10001, "[", "]")},
		{`{"a":` + nest(9999, `[{"b":`, `}]`) + `}`},
	} {
		checkAgainstStd(t, []byte(tc.line), "id", "text")
	}
}

// stdFields is what encoding/json makes of a line.
type stdFields struct {
	valid, object bool
	id, text      string
	idType        Type
	textType      Type
}

func stdParse(line []byte, idField, textField string) stdFields {
	var s stdFields
	if !json.Valid(line) {
		return s
	}
	s.valid = true
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic(fmt.Sprintf("json.Valid accepted %q but Decode failed: %v", line, err))
	}
	m, ok := v.(map[string]any)
	if !ok {
		return s
	}
	s.object = true
	member := func(name string) (string, Type) {
		x, ok := m[name]
		if !ok {
			return "", TypeNone
		}
		switch x := x.(type) {
		case string:
			return x, TypeString
		case json.Number:
			return string(x), TypeNumber
		case map[string]any:
			return "", TypeObject
		case []any:
			return "", TypeArray
		case bool:
			return "", TypeBool
		case nil:
			return "", TypeNull
		}
		panic(fmt.Sprintf("unexpected %T", x))
	}
	s.id, s.idType = member(idField)
	s.text, s.textType = member(textField)
	if s.idType != TypeString && s.idType != TypeNumber {
		s.id = ""
	}
	if s.textType != TypeString {
		s.text = ""
	}
	return s
}

// checkAgainstStd checks that ParseLine agrees with encoding/json on line.
func checkAgainstStd(t testing.TB, line []byte, idField, textField string) {
	t.Helper()
	want := stdParse(line, idField, textField)
	got, err := ParseLine(bytes.Clone(line), idField, textField)
	if !want.valid {
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("%q: encoding/json rejects it, ParseLine gives %+v, %v", clipQ(line), got, err)
		}
		return
	}
	if !want.object {
		if !errors.Is(err, ErrNotObject) {
			t.Fatalf("%q: valid JSON but not an object, ParseLine gives %+v, %v", clipQ(line), got, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%q: encoding/json accepts it, ParseLine: %v", clipQ(line), err)
	}
	if got.IDType != want.idType || string(got.ID) != want.id ||
		got.TextType != want.textType || string(got.Text) != want.text {
		t.Fatalf("%q:\n ParseLine     id %v %q text %v %q\n encoding/json id %v %q text %v %q",
			clipQ(line), got.IDType, got.ID, got.TextType, got.Text, want.idType, want.id, want.textType, want.text)
	}
}

func clipQ(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// jsonGen makes random JSON-ish lines: mostly valid, with the strings,
// numbers and nesting that are easy to get wrong.
type jsonGen struct {
	r *rand.Rand
	b []byte
}

var genStrings = []string{
	"", "id", "text", "a", "hello world", `\"`, `\\`, `\/`, `\b\f\n\r\t`, `\u0041`, `\u00e9`, `\uFFFF`,
	`\ud83d\ude00`, `\ud83d`, `\ude00`, `\ud83dx`, `\ud83d\u0041`, `\ud83d\ud83d\ude00`, `\u0000`,
	"é", "€", "😀", "\xff", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\uFFFD", "\u2028",
	`\x`, `\u12`, `\u12G4`, "\x01", "\t", "\x7f", `\`, `\u`, "id\xff", `\u0069d`, `te\u0078t`,
}

var genNumbers = []string{
	"0", "-0", "1", "-1", "12", "1.5", "-1.50", "1e5", "1E+5", "1e-05", "0.0e0", "123456789012345678901234567890",
	"01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "-01", "1.e5", "00",
}

func (g *jsonGen) ws() {
	for g.r.IntN(4) == 0 {
		g.b = append(g.b, " \t\r\n"[g.r.IntN(4)])
	}
}

func (g *jsonGen) str() {
	g.b = append(g.b, '"')
	for n := g.r.IntN(4); n > 0; n-- {
		g.b = append(g.b, genStrings[g.r.IntN(len(genStrings))]...)
	}
	g.b = append(g.b, '"')
}

func (g *jsonGen) value(depth int) {
	g.ws()
	switch k := g.r.IntN(10); {
	case k < 3:
		g.str()
	case k < 5:
		g.b = append(g.b, genNumbers[g.r.IntN(len(genNumbers))]...)
	case k < 6:
		g.b = append(g.b, []string{"true", "false", "null", "tru", "nul", "falsey"}[g.r.IntN(6)]...)
	case k < 8 && depth < 5:
		g.object(depth + 1)
	case depth < 5:
		g.b = append(g.b, '[')
		for n := g.r.IntN(4); n > 0; n-- {
			g.value(depth + 1)
			if n > 1 {
				g.ws()
				g.b = append(g.b, ',')
			}
		}
		g.ws()
		g.b = append(g.b, ']')
	default:
		g.b = append(g.b, '1')
	}
	g.ws()
}

func (g *jsonGen) object(depth int) {
	g.b = append(g.b, '{')
	for n := g.r.IntN(5); n > 0; n-- {
		g.ws()
		if g.r.IntN(2) == 0 {
			g.b = append(g.b, []string{`"id"`, `"text"`, `"\u0069d"`, `"title"`}[g.r.IntN(4)]...)
		} else {
			g.str()
		}
		g.ws()
		g.b = append(g.b, ':')
		g.value(depth)
		if n > 1 {
			g.b = append(g.b, ',')
		}
	}
	g.ws()
	g.b = append(g.b, '}')
}

func (g *jsonGen) line() []byte {
	g.b = g.b[:0]
	g.ws()
	if g.r.IntN(10) == 0 {
		g.value(0)
	} else {
		g.object(0)
	}
	g.ws()
	// Sometimes break it.
	if len(g.b) > 0 && g.r.IntN(4) == 0 {
		i := g.r.IntN(len(g.b))
		switch g.r.IntN(3) {
		case 0:
			g.b = append(g.b[:i], g.b[i+1:]...)
		case 1:
			g.b[i] = byte(g.r.IntN(256))
		default:
			g.b = append(g.b[:i], append([]byte{`{}[]":,\ 0"`[g.r.IntN(11)]}, g.b[i:]...)...)
		}
	}
	return g.b
}

func TestParseLineDifferential(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	g := &jsonGen{r: rand.New(rand.NewPCG(1, 2))}
	valid, objects := 0, 0
	for range n {
		line := g.line()
		s := stdParse(line, "id", "text")
		if s.valid {
			valid++
		}
		if s.object {
			objects++
		}
		checkAgainstStd(t, line, "id", "text")
	}
	// The generator must exercise both sides.
	assert.Greater(t, valid, n/5)
	assert.Greater(t, n-valid, n/5)
	assert.Greater(t, objects, n/5)
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"hello"}`,
		`{"id":12,"text":"x\u00e9\ud83d\ude00","other":[1,{"a":null}]}`,
		`{"id":"a","text":"\ud83d"}`,
		"{\"id\":\"\xff\",\"text\":\"a\xe2\x82\"}",
		`{"id":"a","text":"b"} x`,
		`[1,2]`,
		`{"a":[[[[]]]],"id":-0.5e+10,"text":""}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		checkAgainstStd(t, line, "id", "text")
	})
}

func TestParseLineAllocs(t *testing.T) {
	line := []byte(`{"id":"doc-1","meta":{"a":[1,2,{"b":null}]},"text":"Plain \"quoted\" text, with an escape\n and more."}`)
	buf := make([]byte, len(line))
	allocs := testing.AllocsPerRun(100, func() {
		copy(buf, line)
		if _, err := ParseLine(buf, "id", "text"); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

// benchLines is a JSONL corpus of prose-like documents about 2 KB each.
func benchLines(b *testing.B) [][]byte {
	r := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields(`the of and a to in is you that it he was for on are as with his they I at be this have from
or one had by word but not what all were we when your can said there use an each which she do how their if will up
other about out many then them these so some her would make like him into time has look two more write go see number
no way could people my than first water been call who oil its now find long down day did get come made may part café
naïve “quoted” it’s — dash`)
	var lines [][]byte
	for i := range 500 {
		var sb strings.Builder
		for sb.Len() < 2000 {
			sb.WriteString(words[r.IntN(len(words))])
			if r.IntN(12) == 0 {
				sb.WriteString(".\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		line, err := json.Marshal(map[string]any{"id": fmt.Sprintf("doc-%d", i), "source": "bench", "year": 2024, "text": sb.String()})
		require.NoError(b, err)
		lines = append(lines, line)
	}
	return lines
}

func BenchmarkParseLine(b *testing.B) {
	lines := benchLines(b)
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	b.Run("ParseLine", func(b *testing.B) {
		bufs := make([][]byte, len(lines))
		for i, l := range lines {
			bufs[i] = make([]byte, len(l))
		}
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for i, l := range lines {
				copy(bufs[i], l) // ParseLine unescapes in place
				if _, err := ParseLine(bufs[i], "id", "text"); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		type rec struct {
			ID   json.RawMessage `json:"id"`
			Text string          `json:"text"`
		}
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for _, l := range lines {
				var r rec
				if err := json.Unmarshal(l, &r); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
