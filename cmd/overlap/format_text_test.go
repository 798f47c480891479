package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textoverlap/overlap"
)

func renderText(t *testing.T, r *overlap.Report, texts map[string][]byte, opt textOptions) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, writeText(&b, r, texts, opt))
	return b.String()
}

// ourEscape matches the ANSI escapes the text format writes itself.
var ourEscape = regexp.MustCompile(`\x1b\[(0|1|2|1;31|1;35)m`)

func TestTextFormatGolden(t *testing.T) {
	f := newFixture(t)
	got := renderText(t, f.report, f.texts, textOptions{})
	checkGolden(t, "fixture.txt", []byte(got))
}

func TestTextFormat(t *testing.T) {
	f := newFixture(t)
	plain := renderText(t, f.report, f.texts, textOptions{})
	color := renderText(t, f.report, f.texts, textOptions{Color: true})

	t.Run("no colour, no escapes", func(t *testing.T) {
		assert.NotContains(t, plain, "\x1b", "no escape code, and the document's ESC is not sent raw")
		assert.NotContains(t, plain, "\u202e", "no bidi override sent raw")
		assert.Contains(t, plain, `\x1b[2Jpermission`, "the document's ESC is shown escaped")
		assert.Contains(t, plain, `\u202eOttawa`)
		assert.Contains(t, plain, "«Officials in Washington", "the passage is marked without colour")
	})
	t.Run("colour", func(t *testing.T) {
		assert.Contains(t, color, textShared, "shared words highlighted")
		assert.Contains(t, color, textNear+"NEAR-DUPLICATE"+textReset)
		// Every escape is one of ours: the document's ESC is escaped.
		assert.NotContains(t, ourEscape.ReplaceAllString(color, ""), "\x1b")
		assert.Contains(t, color, `\x1b[2Jpermission`)
		assert.NotContains(t, color, "«", "colour marks the passage instead")
		// No style runs on past the end of a line.
		for _, line := range strings.Split(color, "\n") {
			if i := strings.LastIndex(line, "\x1b["); i >= 0 {
				assert.True(t, strings.HasSuffix(line[i:], textReset) || strings.HasPrefix(line[i:], textReset),
					"line ends in a style: %q", line)
			}
		}
		// Without the escapes, colour and plain are the same but for the
		// passage marks (compared unwrapped: the marks take room).
		wide := textOptions{Width: 1 << 20}
		wide.Color = true
		stripped := ourEscape.ReplaceAllString(renderText(t, f.report, f.texts, wide), "")
		wide.Color = false
		assert.Equal(t, strings.NewReplacer("«", "", "»", "").Replace(renderText(t, f.report, f.texts, wide)), stripped)
	})
	t.Run("pairs ranked as in the report", func(t *testing.T) {
		last := -1
		for i, p := range f.report.Pairs {
			// The pair's number starts its header; its ids follow as A and B.
			head := regexp.MustCompile(`(?m)^` + strconv.Itoa(i+1) + `\. .*\n   A  ` + regexp.QuoteMeta(p.A))
			loc := head.FindStringIndex(plain)
			require.NotNil(t, loc, "pair %d (%s, %s)", i+1, p.A, p.B)
			assert.Greater(t, loc[0], last)
			last = loc[0]
		}
	})
	t.Run("header", func(t *testing.T) {
		assert.Contains(t, plain, "1. NEAR-DUPLICATE  similarity 94.8%, hamming 2, 1 shared passage (385 words)\n")
		assert.Contains(t, plain, "   A  seeds/001.txt    97.3% of it is in B\n   B  essays/copy.txt  97.3% of it is in A\n")
		assert.Contains(t, plain, "2. similarity 39.0%, hamming 17, 3 shared passages (131 words)\n")
		assert.Equal(t, 1, strings.Count(plain, "NEAR-DUPLICATE"))
	})
	t.Run("passages located by line in both documents", func(t *testing.T) {
		assert.Contains(t, plain, "[1] 60 words  seeds/003.txt:2 ↔ wire/story.txt:8\n")
		assert.Contains(t, plain, "[3] 11 words  wire/story.txt:8 ↔ wire/digest.txt:40\n")
	})
	t.Run("context", func(t *testing.T) {
		// Six words before, up to the end of a word and its punctuation
		// after, an ellipsis where the paragraph goes on.
		assert.Contains(t, plain, "…it may not really change anything. «That blocking")
		assert.Contains(t, plain, "\n       …Ukraine and by the United States. «Jens Stoltenberg, NATO Secretary\n"+
			"       General at the start of the war», says that “no more NATO enlargement…\n")
		// No ellipsis where a paragraph starts or ends.
		assert.Contains(t, plain, "\n       «That blocking Ukraine accession")
		assert.Contains(t, plain, "close to his borders».”\n")
	})
	t.Run("long passages elided", func(t *testing.T) {
		n := 385 + 2 - 2*textElideKeep
		assert.Contains(t, plain, "… ["+strconv.Itoa(n)+" more words] …")
		assert.NotContains(t, plain, "Historical precedent exists", "the middle of the passage is left out")
	})
	t.Run("a passage whose words differ in B is quoted from both", func(t *testing.T) {
		assert.Contains(t, plain, "     in essays/copy.txt:\n")
		assert.Contains(t, plain, "virtually")
		assert.NotContains(t, plain, "     in wire/digest.txt:", "identical copies are quoted once")
	})
	t.Run("repeats then summary", func(t *testing.T) {
		i := strings.Index(plain, "Repeated within a document\n")
		require.GreaterOrEqual(t, i, 0)
		assert.Contains(t, plain[i:], "   wire/story.txt: 13 words, 2 times, lines 6, 12\n")
		assert.True(t, strings.HasSuffix(plain, "\n7 documents, 4 pairs, 1 near-duplicate, 6 shared passages, 1 repeat\n"), "%q", plain[len(plain)-100:])
	})
	t.Run("lines fit the width", func(t *testing.T) {
		for _, width := range []int{0, 60, 100} {
			out := renderText(t, f.report, f.texts, textOptions{Width: width})
			if width == 0 {
				width = textDefaultWidth
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "       ") { // a quote
					assert.LessOrEqual(t, displayWidth(line), width, "%q", line)
				}
			}
		}
	})
}

func TestTextColorDecision(t *testing.T) {
	for _, tc := range []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"terminal", true, nil, true},
		{"not a terminal", false, nil, false},
		{"NO_COLOR=1", true, map[string]string{"NO_COLOR": "1"}, false},
		{"NO_COLOR=0 disables too", true, map[string]string{"NO_COLOR": "0"}, false},
		{"NO_COLOR empty is unset", true, map[string]string{"NO_COLOR": ""}, true},
		{"TERM=dumb", true, map[string]string{"TERM": "dumb"}, false},
		{"TERM=xterm-256color", true, map[string]string{"TERM": "xterm-256color"}, true},
		{"pipe with NO_COLOR", false, map[string]string{"NO_COLOR": "1"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(k string) string { return tc.env[k] }
			assert.Equal(t, tc.want, textColorEnv(tc.tty, getenv))
		})
	}
	// Writers that are not terminals.
	never := func(string) string { return "" }
	assert.False(t, textColor(&bytes.Buffer{}, never))
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, textColor(f, never), "a regular file")
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, textColor(w, never), "a pipe")
}

func TestTextEmptyReport(t *testing.T) {
	r, texts := emptyReport()
	out := renderText(t, r, texts, textOptions{Color: true})
	assert.Equal(t, "No shared passages or near-duplicates.\n\n2 documents, 0 pairs, 0 near-duplicates, 0 shared passages, 0 repeats\n", out)
}

func TestTextMissingText(t *testing.T) {
	f := newFixture(t)
	delete(f.texts, fxStory)
	var b bytes.Buffer
	err := writeText(&b, f.report, f.texts, textOptions{})
	require.ErrorContains(t, err, `no text for document "wire/story.txt"`)
	assert.Zero(t, b.Len(), "nothing written")
}

func TestTextSpansOutOfRange(t *testing.T) {
	// A report that does not fit its texts is shown as far as it goes.
	texts := map[string][]byte{"a": []byte("short text here"), "b": []byte("short")}
	r := &overlap.Report{Pairs: []overlap.Pair{{A: "a", B: "b", Passages: []overlap.Passage{
		{A: overlap.Span{Start: 6, End: 400}, B: overlap.Span{Start: -5, End: 3}, Words: 2},
		{A: overlap.Span{Start: 90, End: 80}, B: overlap.Span{Start: 9, End: 9}, Words: 1},
	}}}, Repeats: []overlap.Repeat{{ID: "a", Spans: []overlap.Span{{Start: 100, End: 200}}, Words: 3}}}
	out := renderText(t, r, texts, textOptions{})
	assert.Contains(t, out, "short «text here»")
}

func TestTextCJKWraps(t *testing.T) {
	// Chinese has no spaces: lines break between characters, each two
	// columns wide, and nothing is lost.
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bench", "udhr", "cmn_hans.txt"))
	require.NoError(t, err)
	text := b[:min(len(b), 3000)]
	text = text[:runeStart(text, len(text)-1)]
	s := wordsSpan(string(text[200:]))
	s.Start += 200
	s.End += 200
	r := &overlap.Report{Pairs: []overlap.Pair{{A: "zh", B: "zh2", Passages: []overlap.Passage{{A: s, B: s, Words: 500}}}}}
	texts := map[string][]byte{"zh": text, "zh2": text}
	out := renderText(t, r, texts, textOptions{Width: 60})
	var quote strings.Builder
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "       ") {
			assert.LessOrEqual(t, displayWidth(line), 60, "%q", line)
			quote.WriteString(strings.TrimPrefix(line, "       "))
		}
	}
	assert.Contains(t, out, "more words]")
	// The start of the passage reads on across the line breaks.
	start := []rune(string(text[s.Start:s.End]))[:20]
	assert.Contains(t, strings.ReplaceAll(quote.String(), " ", ""), strings.ReplaceAll(string(start), "\n", ""))
}

func TestTextTerminalSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain/ok.txt", "plain/ok.txt"},
		{"tab\there", `tab\x09here`},
		{"esc\x1b[31mred", `esc\x1b[31mred`},
		{"bell\a", `bell\x07`},
		{"del\x7f", `del\x7f`},
		{"c1\u009bx", `c1\u009bx`},
		{"rlo\u202eabc", `rlo\u202eabc`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"ünïcödé 文字", "ünïcödé 文字"},
	} {
		assert.Equal(t, tc.want, terminalSafe(tc.in), "%q", tc.in)
	}
}

func TestTextAtomize(t *testing.T) {
	atoms := atomize([]qrun{{[]byte("  a\tb\r\n\x1bc\u0301 文 "), qPlain}, {[]byte("x\u202ey"), qShared}})
	var got []string
	width := 0
	for _, a := range atoms {
		got = append(got, a.s)
		width += a.w
	}
	assert.Equal(t, []string{"a", " ", "b", " ", `\x1b`, "c\u0301", " ", "文", " ", "x", `\u202e`, "y"}, got)
	assert.Equal(t, 1+1+1+1+4+1+1+2+1+1+6+1, width)
}
