package main

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textoverlap/overlap"
)

func renderHTML(t *testing.T, r *overlap.Report, texts map[string][]byte) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, writeHTML(&b, r, texts, htmlOptions{}))
	return b.String()
}

// paneHTML returns the markup of the text of one side of a pair: side is
// "a" or "b", n the pair's number.
func paneHTML(t *testing.T, page string, n int, side string) string {
	t.Helper()
	start := strings.Index(page, `<div class="side" id="p`+strconv.Itoa(n)+`-`+side+`"`)
	require.GreaterOrEqual(t, start, 0)
	start += strings.Index(page[start:], `<div class="text">`) + len(`<div class="text">`)
	end := start + strings.Index(page[start:], "</div></div>")
	return page[start:end]
}

var (
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	segmentRE = regexp.MustCompile(`<a class="hl[^"]*" href="#p\d+-[ab](\d+)" data-p="([^"]*)">((?:[^<]|<span class="ctl"[^>]*>[^<]*</span>)*)</a>`)
)

// paneText returns the text a pane shows: its markup without tags,
// unescaped.
func paneText(markup string) string { return html.UnescapeString(tagRE.ReplaceAllString(markup, "")) }

// passageText returns the text of the highlighted pieces of passage k.
func passageText(markup string, k int) (text string, pieces int) {
	var b strings.Builder
	for _, m := range segmentRE.FindAllStringSubmatch(markup, -1) {
		for _, p := range strings.Fields(m[2]) {
			if p == strconv.Itoa(k) {
				b.WriteString(paneText(m[3]))
				pieces++
			}
		}
	}
	return b.String(), pieces
}

func TestHTMLFormatPanes(t *testing.T) {
	// Each pane holds its document whole, and each passage's highlighted
	// pieces are exactly the text at its offsets, overlapping passages
	// included.
	f := newFixture(t)
	page := renderHTML(t, f.report, f.texts)
	for i, p := range f.report.Pairs {
		n := i + 1
		for _, side := range []struct {
			name string
			id   string
			span func(overlap.Passage) overlap.Span
		}{
			{"a", p.A, func(s overlap.Passage) overlap.Span { return s.A }},
			{"b", p.B, func(s overlap.Passage) overlap.Span { return s.B }},
		} {
			markup := paneHTML(t, page, n, side.name)
			text := f.texts[side.id]
			want := visibleText(text) // control characters are labels, not text
			assert.Equal(t, want, paneText(markup), "pair %d side %s: the whole text", n, side.name)
			for k, s := range p.Passages {
				got, pieces := passageText(markup, k+1)
				sp := side.span(s)
				assert.Equal(t, visibleText(text[sp.Start:sp.End]), got, "pair %d side %s passage %d", n, side.name, k+1)
				assert.Positive(t, pieces)
				assert.Contains(t, markup, `id="p`+strconv.Itoa(n)+`-`+side.name+strconv.Itoa(k+1)+`"`, "anchor of passage %d", k+1)
			}
		}
	}
	// In the story, passages 1 and 2 are the same paragraph and passage 3
	// is a sentence inside it: the sentence's piece is covered by all three
	// and links to its own partner, the innermost.
	n := pairIndex(t, f.report, fxStory, fxDigest) + 1
	markup := paneHTML(t, page, n, "a")
	assert.Regexp(t, `<a class="hl c2 multi" href="#p`+strconv.Itoa(n)+`-b3" data-p="1 2 3">Jens Stoltenberg, NATO Secretary General at the start of the war</a>`, markup)
	assert.Regexp(t, `<a class="hl c1 multi" href="#p`+strconv.Itoa(n)+`-b2" data-p="1 2">That blocking`, markup)
	// Both passages starting there have their numbered anchor, in order.
	assert.Regexp(t, `id="p\d+-a1"[^>]*></a><a class="num c1" id="p\d+-a2"`, markup)
}

func TestHTMLCutSegments(t *testing.T) {
	sp := func(a, b int) overlap.Span { return overlap.Span{Start: a, End: b} }
	type seg = htmlSegment
	for _, tc := range []struct {
		name  string
		n     int
		spans []overlap.Span
		want  []seg
	}{
		{"none", 5, nil, []seg{{0, 5, nil}}},
		{"empty text", 0, nil, nil},
		{"disjoint", 10, []overlap.Span{sp(1, 3), sp(5, 7)},
			[]seg{{0, 1, nil}, {1, 3, []int{0}}, {3, 5, nil}, {5, 7, []int{1}}, {7, 10, nil}}},
		{"touching", 6, []overlap.Span{sp(0, 3), sp(3, 6)}, []seg{{0, 3, []int{0}}, {3, 6, []int{1}}}},
		{"overlapping", 10, []overlap.Span{sp(0, 6), sp(4, 10)},
			[]seg{{0, 4, []int{0}}, {4, 6, []int{0, 1}}, {6, 10, []int{1}}}},
		{"nested", 10, []overlap.Span{sp(0, 10), sp(2, 4)},
			[]seg{{0, 2, []int{0}}, {2, 4, []int{0, 1}}, {4, 10, []int{0}}}},
		{"identical", 4, []overlap.Span{sp(1, 3), sp(1, 3)}, []seg{{0, 1, nil}, {1, 3, []int{0, 1}}, {3, 4, nil}}},
		{"out of order", 10, []overlap.Span{sp(6, 8), sp(1, 7)},
			[]seg{{0, 1, nil}, {1, 6, []int{1}}, {6, 7, []int{0, 1}}, {7, 8, []int{0}}, {8, 10, nil}}},
		{"empty spans", 4, []overlap.Span{sp(2, 2), sp(4, 4)}, []seg{{0, 2, nil}, {2, 4, nil}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cutSegments(tc.n, tc.spans)
			if len(tc.want) == 0 {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestHTMLFormatEscaping(t *testing.T) {
	f := newFixture(t)
	page := renderHTML(t, f.report, f.texts)
	assert.Equal(t, 1, strings.Count(strings.ToLower(page), "<script"), "the page's own script only")
	assert.NotContains(t, page, fxPwn)
	assert.NotContains(t, page, "<script>alert(1)")
	assert.Contains(t, page, "Reprinted &lt;script&gt;window.__pwned=1&lt;/script&gt; with")
	assert.Contains(t, page, "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;.txt</bdi>")
	assert.Contains(t, page, `in &lt;script&gt;alert(1)&lt;/script&gt;.txt" aria-label=`, "in an attribute")
	assert.NotContains(t, page, "\x1b", "no raw control character")
	assert.Contains(t, page, `with <span class="ctl" data-c="U+001B"></span>[2Jpermission`)
	assert.Contains(t, page, "<span class=\"ctl\" data-c=\"U+202E\">\u202e</span>Ottawa", "a bidi override is isolated and labelled")

	// Ids made to break out of an attribute stay inside it.
	evil := `x" onmouseover="alert(1)` + "'&\x00\u202e"
	texts := map[string][]byte{evil: []byte("one two three four"), "b": []byte("one two three four")}
	r := &overlap.Report{
		Documents: []overlap.Summary{{ID: evil}, {ID: "b"}},
		Pairs: []overlap.Pair{{A: "b", B: evil, Passages: []overlap.Passage{
			{A: overlap.Span{Start: 0, End: 18}, B: overlap.Span{Start: 0, End: 18}, Words: 4},
		}}},
		Repeats: []overlap.Repeat{{ID: evil, Spans: []overlap.Span{{Start: 0, End: 3}}, Words: 1}},
	}
	page = renderHTML(t, r, texts)
	assert.NotContains(t, page, `" onmouseover`)
	assert.Contains(t, page, `line 1 in x&#34; onmouseover=&#34;alert(1)&#39;&amp;`+"\ufffd\ufffd\"")
	assert.Contains(t, page, `<bdi>x&#34; onmouseover=&#34;alert(1)&#39;&amp;<span class="ctl" data-c="U+0000"></span>`)
	assert.NotContains(t, page, "\x00")
}

func TestHTMLFormatSelfContained(t *testing.T) {
	f := newFixture(t)
	page := renderHTML(t, f.report, f.texts)
	for _, bad := range []string{"http:", "https:", "src=", "<link", "@import", "url(", "<iframe", "<img", "//fonts"} {
		assert.NotContains(t, strings.ToLower(page), bad)
	}
	// The policy allows exactly the page's style and script.
	style := page[strings.Index(page, "<style>")+len("<style>") : strings.Index(page, "</style>")]
	script := page[strings.Index(page, "<script>")+len("<script>") : strings.Index(page, "</script>")]
	assert.Equal(t, htmlStyle, style)
	assert.Equal(t, htmlScript, script)
	assert.Contains(t, page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src `+cspHash(style)+`; script-src `+cspHash(script)+`;`)
	assert.Equal(t, page, renderHTML(t, f.report, f.texts), "deterministic")
}

func TestHTMLFormatTable(t *testing.T) {
	f := newFixture(t)
	page := renderHTML(t, f.report, f.texts)
	tbody := page[strings.Index(page, `<section id="pairs">`):strings.Index(page, `<section class="pair"`)]
	rows := regexp.MustCompile(`<tr( class="near")?><td class="n">(\d+)</td><td class="ids"><a href="#pair-(\d+)"><bdi>([^<]*)</bdi> ↔ <bdi>([^<]*)</bdi></a>`).FindAllStringSubmatch(tbody, -1)
	require.Len(t, rows, len(f.report.Pairs))
	for i, p := range f.report.Pairs {
		n := strconv.Itoa(i + 1)
		assert.Equal(t, []string{n, n, html.EscapeString(p.A), html.EscapeString(p.B)}, rows[i][2:], "row %d", i+1)
		assert.Equal(t, p.NearDuplicate, rows[i][1] != "", "row %d near-duplicate", i+1)
		assert.Contains(t, page, `<section class="pair" id="pair-`+n+`">`)
	}
	assert.Contains(t, page, `<p id="summary">7 documents, 4 pairs, 1 near-duplicate, 6 shared passages, 1 repeat</p>`)
	assert.Contains(t, page, `<td class="n">1</td><td class="ids"><bdi>seeds/001.txt</bdi></td><td class="n">387</td><td><code>`)
	assert.Contains(t, page, "<td>6, 12</td><td><pre class=\"rep\">Sign up for our newsletter to get the latest analysis in your inbox</pre>")
}

func TestHTMLFormatEmptyAndErrors(t *testing.T) {
	r, texts := emptyReport()
	page := renderHTML(t, r, texts)
	assert.Contains(t, page, "No shared passages or near-duplicates.")
	assert.Contains(t, page, "2 documents, 0 pairs")
	assert.True(t, strings.HasSuffix(page, "</html>\n"))

	f := newFixture(t)
	require.ErrorIs(t, writeHTML(failingWriter{}, f.report, f.texts, htmlOptions{}), errWrite)
	delete(f.texts, fxDigest)
	require.ErrorContains(t, writeHTML(&bytes.Buffer{}, f.report, f.texts, htmlOptions{}), `no text for document "wire/digest.txt"`)

	// Spans that do not fit the text are cut to it.
	texts = map[string][]byte{"a": []byte("short"), "b": []byte("text")}
	r = &overlap.Report{Pairs: []overlap.Pair{{A: "a", B: "b", Passages: []overlap.Passage{
		{A: overlap.Span{Start: 2, End: 99}, B: overlap.Span{Start: -1, End: 2}, Words: 1},
	}}}}
	page = renderHTML(t, r, texts)
	assert.Contains(t, page, `>ort</a>`)
	assert.Contains(t, page, `>te</a>`)
}
