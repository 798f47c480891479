package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/internal/input"
)

func renderJSON(t *testing.T, r *overlap.Report, src sourceOffsets) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, writeJSON(&b, r, src))
	return b.Bytes()
}

// keys returns the sorted member names of a JSON object.
func keys(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "%v is not an object", v)
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// requireSpan checks that v is a JSON [start, end] of integers.
func requireSpan(t *testing.T, v any) {
	t.Helper()
	a, ok := v.([]any)
	require.True(t, ok, "%v is not an array", v)
	require.Len(t, a, 2)
	for _, x := range a {
		f, ok := x.(float64)
		require.True(t, ok, "%v is not a number", x)
		require.Equal(t, float64(int(f)), f, "%v is not an integer", x)
	}
	require.LessOrEqual(t, a[0], a[1])
}

func TestJSONFormatShape(t *testing.T) {
	f := newFixture(t)
	out := renderJSON(t, f.report, nil)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(out, &doc))

	assert.ElementsMatch(t, []string{"documents", "pairs", "repeats"}, keys(t, doc))
	docs, ok := doc["documents"].([]any)
	require.True(t, ok)
	require.Len(t, docs, len(f.report.Documents))
	for _, d := range docs {
		assert.ElementsMatch(t, []string{"id", "words", "simhash"}, keys(t, d))
		m := d.(map[string]any)
		assert.IsType(t, "", m["id"])
		assert.IsType(t, 0.0, m["words"])
		assert.Regexp(t, `^[0-9a-f]{16}$`, m["simhash"])
	}

	pairs, ok := doc["pairs"].([]any)
	require.True(t, ok)
	require.Len(t, pairs, len(f.report.Pairs))
	for _, p := range pairs {
		assert.ElementsMatch(t, []string{"a", "b", "similarity", "containment", "hamming", "near_duplicate", "passages"}, keys(t, p))
		m := p.(map[string]any)
		assert.IsType(t, "", m["a"])
		assert.IsType(t, "", m["b"])
		assert.IsType(t, 0.0, m["similarity"])
		c, ok := m["containment"].([]any)
		require.True(t, ok)
		require.Len(t, c, 2)
		assert.IsType(t, 0.0, c[0])
		assert.IsType(t, 0.0, c[1])
		assert.IsType(t, 0.0, m["hamming"])
		assert.IsType(t, false, m["near_duplicate"])
		ps, ok := m["passages"].([]any)
		require.True(t, ok)
		require.NotEmpty(t, ps)
		for _, s := range ps {
			assert.ElementsMatch(t, []string{"a", "b", "words"}, keys(t, s))
			sm := s.(map[string]any)
			requireSpan(t, sm["a"])
			requireSpan(t, sm["b"])
			assert.IsType(t, 0.0, sm["words"])
		}
	}

	reps, ok := doc["repeats"].([]any)
	require.True(t, ok)
	require.Len(t, reps, 1)
	assert.ElementsMatch(t, []string{"id", "spans", "words"}, keys(t, reps[0]))
	rm := reps[0].(map[string]any)
	assert.IsType(t, "", rm["id"])
	assert.IsType(t, 0.0, rm["words"])
	spans, ok := rm["spans"].([]any)
	require.True(t, ok)
	require.Len(t, spans, 2)
	for _, s := range spans {
		requireSpan(t, s)
	}

	// And it reads back as the report it came from.
	var back overlap.Report
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, f.report, &back)
}

func TestJSONFormatEmptyLists(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *overlap.Report
		want string
	}{
		{"nil report lists", &overlap.Report{}, "{\n  \"documents\": [],\n  \"pairs\": [],\n  \"repeats\": []\n}\n"},
		{"documents only", func() *overlap.Report { r, _ := emptyReport(); return r }(),
			"{\n  \"documents\": [\n    {\n      \"id\": \"a.txt\",\n      \"words\": 2,\n      \"simhash\": \"0000000000000000\"\n    },\n" +
				"    {\n      \"id\": \"b.txt\",\n      \"words\": 1,\n      \"simhash\": \"0000000000000000\"\n    }\n  ],\n" +
				"  \"pairs\": [],\n  \"repeats\": []\n}\n"},
		{"near-duplicates without passages, a repeat without spans", &overlap.Report{
			Pairs:   []overlap.Pair{{A: "a", B: "b", Similarity: 0.75, Containment: [2]float64{0.8, 1}, Hamming: 3, NearDuplicate: true}},
			Repeats: []overlap.Repeat{{ID: "a", Words: 4}},
		}, "{\n  \"documents\": [],\n  \"pairs\": [\n    {\n      \"a\": \"a\",\n      \"b\": \"b\",\n      \"similarity\": 0.75,\n" +
			"      \"containment\": [0.8, 1],\n      \"hamming\": 3,\n      \"near_duplicate\": true,\n      \"passages\": []\n    }\n  ],\n" +
			"  \"repeats\": [\n    {\n      \"id\": \"a\",\n      \"spans\": [],\n      \"words\": 4\n    }\n  ]\n}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := string(renderJSON(t, tc.r, nil))
			assert.Equal(t, tc.want, out)
			assert.NotContains(t, out, "null")
		})
	}
}

func TestJSONFormatBytes(t *testing.T) {
	f := newFixture(t)
	out := renderJSON(t, f.report, nil)
	checkGolden(t, "fixture.json", out)
	assert.Equal(t, out, renderJSON(t, f.report, nil), "deterministic")
	assert.True(t, bytes.HasSuffix(out, []byte("}\n")), "one trailing newline")
	assert.True(t, bytes.HasPrefix(out, []byte("{\n  \"documents\": [\n    {\n      \"id\": ")), "two-space indent")
	// Spans and containment stand on one line; ids are not escaped for HTML.
	assert.Regexp(t, `\n          "a": \[\d+, \d+\],\n          "b": \[\d+, \d+\],\n          "words": \d+\n`, string(out))
	assert.Contains(t, string(out), `"containment": [0.9731, 0.9731],`)
	assert.Contains(t, string(out), `"b": "<script>alert(1)</script>.txt",`)
	var compact, want bytes.Buffer
	require.NoError(t, json.Compact(&compact, out))
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(jsonReport(f.report, nil)))
	assert.Equal(t, strings.TrimSpace(want.String()), compact.String(), "only white space differs from encoding/json")
}

func TestJSONCompactNumberArrays(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[\n  1,\n  2\n]", "[1, 2]"},
		{"[]", "[]"},
		{"{\"a\": [\n    0.5,\n    -1e-07\n  ]}", "{\"a\": [0.5, -1e-07]}"},
		{"[\n  [\n    1,\n    2\n  ],\n  [\n    3,\n    4\n  ]\n]", "[\n  [1, 2],\n  [3, 4]\n]"},
		{"[\n  \"1\",\n  2\n]", "[\n  \"1\",\n  2\n]"},
		{"{\"id\": \"[1,\\n 2] \\\" [3,\\n4]\"}", "{\"id\": \"[1,\\n 2] \\\" [3,\\n4]\"}"},
		{"[\n  true,\n  1\n]", "[\n  true,\n  1\n]"},
	} {
		assert.Equal(t, tc.want, string(compactNumberArrays([]byte(tc.in))), "%q", tc.in)
	}
}

// TestJSONFormatSourceOffsets writes a report on a Windows-1252 file: its
// offsets must index the file as read, not its UTF-8 text.
func TestJSONFormatSourceOffsets(t *testing.T) {
	utf := "Caf\u00e9 society \u201cloves\u201d cr\u00e8me br\u00fbl\u00e9e \u2014 and na\u00efve r\u00e9sum\u00e9s.\nSecond caf\u00e9 line."
	file, err := charmap.Windows1252.NewEncoder().Bytes([]byte(utf))
	require.NoError(t, err)
	text, offsets, invalidAt := input.Decode(file)
	require.NotNil(t, offsets, "decoded from Windows-1252")
	require.GreaterOrEqual(t, invalidAt, 0)
	require.Equal(t, utf, string(text))

	passage := spanOf(t, utf, "loves\u201d cr\u00e8me br\u00fbl\u00e9e", 0)
	second := spanOf(t, utf, "caf\u00e9 line", 0)
	r := &overlap.Report{
		Documents: []overlap.Summary{{ID: "latin1.txt", Words: 12}, {ID: "utf8.txt", Words: 3}},
		Pairs: []overlap.Pair{{A: "latin1.txt", B: "utf8.txt", Passages: []overlap.Passage{
			{A: passage, B: overlap.Span{Start: 2, End: 20}, Words: 3},
		}}},
		Repeats: []overlap.Repeat{{ID: "latin1.txt", Spans: []overlap.Span{spanOf(t, utf, "Caf\u00e9", 0), second}, Words: 1}},
	}
	before := renderJSON(t, r, nil)
	src := func(id string, off int) int {
		if id == "latin1.txt" {
			return offsets.Source(off)
		}
		return off
	}
	var got overlap.Report
	require.NoError(t, json.Unmarshal(renderJSON(t, r, src), &got))

	fileText := func(s overlap.Span) string {
		b, err := charmap.Windows1252.NewDecoder().Bytes(file[s.Start:s.End])
		require.NoError(t, err)
		return string(b)
	}
	a := got.Pairs[0].Passages[0].A
	assert.Equal(t, "loves\u201d cr\u00e8me br\u00fbl\u00e9e", fileText(a), "the span cuts the file as read")
	assert.Equal(t, utf8.RuneCountInString(utf[passage.Start:passage.End]), a.Len(), "one byte per character in the file")
	assert.Equal(t, overlap.Span{Start: 2, End: 20}, got.Pairs[0].Passages[0].B, "the UTF-8 document keeps its offsets")
	assert.Equal(t, "caf\u00e9 line", fileText(got.Repeats[0].Spans[1]))
	assert.Equal(t, "Caf\u00e9", fileText(got.Repeats[0].Spans[0]))
	// The report is not changed.
	assert.Equal(t, passage, r.Pairs[0].Passages[0].A)
	assert.Equal(t, before, renderJSON(t, r, nil))
}

func TestJSONFormatWriteError(t *testing.T) {
	f := newFixture(t)
	err := writeJSON(failingWriter{}, f.report, nil)
	require.ErrorIs(t, err, errWrite)
}

var simhashRE = regexp.MustCompile(`"simhash": "[0-9a-f]{16}"`)

func TestJSONFormatSimhash(t *testing.T) {
	f := newFixture(t)
	out := renderJSON(t, f.report, nil)
	assert.Len(t, simhashRE.FindAll(out, -1), len(f.report.Documents))
	assert.Contains(t, string(out), `"simhash": "`+f.report.Documents[0].Simhash.String()+`"`)
}
