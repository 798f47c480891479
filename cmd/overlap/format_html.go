package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/shingle"
)

// htmlOptions tunes the page of "overlap report --format html".
type htmlOptions struct {
	// Title heads the page; "" means "overlap report".
	Title string
}

// writeHTML writes the report as one self-contained HTML page: no
// external script, style, font or image, and a Content-Security-Policy
// that forbids loading any, so opening it makes no network request.
//
// The page has a table of the pairs in report order (near-duplicates
// marked, similarity, containment both ways, hamming distance, passages)
// linking to a side-by-side view of each pair. There both texts are shown
// whole, each in a pane of its own with a sticky header, and every shared
// passage is highlighted in both, numbered and coloured alike; clicking a
// passage on one side jumps to it on the other, as MOSS does. Passages of
// one text may overlap or nest (one passage of A found twice in B): the
// text is cut at every passage boundary and each piece is marked with all
// the passages that cover it (data-p). Then come the repeats and the
// documents.
//
// It works without JavaScript (the links are plain fragment links, and the
// target passage is styled with :target); a small inline script adds
// scrolling the partner level with the passage clicked and outlining the
// whole passage. All text and ids from documents are HTML-escaped; element
// ids are made of numbers only. texts holds each document's text by id: the
// bytes the report's offsets index. The output is deterministic.
func writeHTML(w io.Writer, r *overlap.Report, texts map[string][]byte, opt htmlOptions) error {
	if opt.Title == "" {
		opt.Title = "overlap report"
	}
	if err := checkTexts(r, texts); err != nil {
		return err
	}
	h := &htmlWriter{w: bufio.NewWriterSize(w, 64<<10), lines: lineIndexes{texts: texts}, texts: texts,
		words: make(map[string]int, len(r.Documents))}
	for _, d := range r.Documents {
		h.words[d.ID] = d.Words
	}
	h.page(r, opt)
	return h.w.Flush()
}

type htmlWriter struct {
	w     *bufio.Writer
	texts map[string][]byte
	words map[string]int // by document id, from the report's summaries
	lines lineIndexes
}

// raw writes markup as is.
func (h *htmlWriter) raw(s ...string) {
	for _, x := range s {
		h.w.WriteString(x)
	}
}

// text writes s HTML-escaped, for element content.
func (h *htmlWriter) text(s string) { htmlEscape(h.w, s, false) }

// bytes writes b HTML-escaped, for element content.
func (h *htmlWriter) bytes(b []byte) { htmlEscape(h.w, string(b), false) }

// attr writes s HTML-escaped, for a quoted attribute value.
func (h *htmlWriter) attr(s string) { htmlEscape(h.w, s, true) }

// htmlEscape writes s with the characters that are markup in text and in
// quoted attribute values escaped.
//
// Characters that would not show, or would change how the text around
// them shows, are marked instead in element content (attr false) with a
// small "U+XXXX" label drawn by CSS, so that a reader sees them and the
// page's text is still the document's: C0 control characters other than
// tab and line breaks (which HTML does not allow: they are dropped), and
// the bidirectional formatting characters (kept, inside an element that
// isolates them, so that a right-to-left override reverses nothing
// around it). In attribute values both are replaced by U+FFFD.
func htmlEscape(w *bufio.Writer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		size := 1
		switch c {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case '\t', '\n', '\r':
		default:
			switch {
			case c < 0x20 || c == 0x7f:
				rep = "\ufffd"
				if !attr {
					rep = fmt.Sprintf(`<span class="ctl" data-c="U+%04X"></span>`, c)
				}
			case c == 0xd8 || c == 0xe2:
				if r, n := utf8.DecodeRuneInString(s[i:]); isBidiControl(r) {
					size = n
					rep = "\ufffd"
					if !attr {
						rep = fmt.Sprintf(`<span class="ctl" data-c="U+%04X">%s</span>`, r, s[i:i+n])
					}
				}
			}
		}
		if rep != "" {
			w.WriteString(s[last:i])
			w.WriteString(rep)
			last = i + size
		}
		i += size
	}
	w.WriteString(s[last:])
}

// isBidiControl reports the characters that change the direction of the
// text around them: marks, embeddings, overrides and isolates.
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// The page's style and script. Their hashes go into the page's
// Content-Security-Policy, which allows nothing else: a script that got
// into the page some other way would not run, and nothing is fetched.
const htmlStyle = `
:root { color-scheme: light; --ink: #1d2329; --muted: #5b6670; --line: #d8dde3; --bg: #f6f7f9; --accent: #b3261e; }
* { box-sizing: border-box; }
html { scroll-behavior: auto; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif; }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 1rem 1.5rem; }
header.top h1 { margin: 0; font-size: 1.4rem; }
header.top p { margin: .25rem 0 0; color: var(--muted); }
main { padding: 0 1.5rem 3rem; max-width: 1600px; margin: 0 auto; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
a { color: #0b57d0; }
bdi { unicode-bidi: isolate; }
table { border-collapse: collapse; background: #fff; border: 1px solid var(--line); width: 100%; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; font-size: .85rem; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ids { overflow-wrap: anywhere; }
tr.near td { background: #fff4f2; }
.nd { display: inline-block; background: var(--accent); color: #fff; border-radius: 3px; padding: 0 .4em;
  font-size: .75rem; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; vertical-align: middle; }
.muted { color: var(--muted); }
section.pair { margin-top: 2.5rem; padding-top: .5rem; border-top: 2px solid var(--line); }
section.pair h2 { margin-top: .5rem; overflow-wrap: anywhere; }
.measures { margin: .25rem 0 .75rem; color: var(--muted); }
details.plist { margin: .5rem 0 1rem; }
details.plist summary { cursor: pointer; color: var(--muted); }
details.plist table { margin-top: .5rem; font-size: .9rem; }
td.excerpt { color: var(--muted); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
@media (max-width: 800px) { .sides { grid-template-columns: 1fr; } }
.side { position: relative; background: #fff; border: 1px solid var(--line); border-radius: 6px;
  max-height: 82vh; overflow: auto; }
.side-head { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
  padding: .5rem .9rem; font-weight: 600; overflow-wrap: anywhere; }
.side-head .tag { display: inline-block; min-width: 1.5em; text-align: center; background: var(--ink); color: #fff;
  border-radius: 3px; margin-right: .4em; font-size: .8rem; }
.side-head .muted { font-weight: 400; font-size: .85rem; }
.text { margin: 0; padding: .75rem 1rem 40vh; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate;
  font: 16px/1.65 Charter, "Iowan Old Style", Georgia, Cambria, "DejaVu Serif", "Liberation Serif", serif; }
a.hl { color: inherit; text-decoration: none; border-radius: 2px; cursor: pointer; }
a.hl.multi { text-decoration: underline dotted 2px; text-underline-offset: 3px; }
a.num { display: inline-block; min-width: 1.5em; margin: 0 .15em; padding: 0 .3em; border-radius: 999px; color: #fff;
  font: 700 .7rem/1.5 system-ui, sans-serif; text-align: center; text-decoration: none; vertical-align: .15em;
  scroll-margin-top: 4rem; user-select: none; }
a.num::before { content: attr(data-n); }
a.num:target, a.num.cur { outline: 3px solid var(--ink); outline-offset: 1px; }
a.hl.cur { outline: 2px solid var(--ink); outline-offset: 0; }
a.pn { display: inline-block; min-width: 1.8em; text-align: center; border-radius: 999px; color: #fff; text-decoration: none; font-weight: 700; }
.c0.hl { background: #ffe59a; } .c0.num, .c0.pn { background: #9a6b00; }
.c1.hl { background: #b6e3ff; } .c1.num, .c1.pn { background: #0068a3; }
.c2.hl { background: #c4f1c0; } .c2.num, .c2.pn { background: #257a2b; }
.c3.hl { background: #ffd0dc; } .c3.num, .c3.pn { background: #b0214f; }
.c4.hl { background: #dfd3ff; } .c4.num, .c4.pn { background: #5f45b8; }
.c5.hl { background: #ffd7b3; } .c5.num, .c5.pn { background: #b04f00; }
.c6.hl { background: #b8efe6; } .c6.num, .c6.pn { background: #00796b; }
.c7.hl { background: #e8e3b0; } .c7.num, .c7.pn { background: #6b6500; }
.ctl { unicode-bidi: isolate; }
.ctl::before { content: attr(data-c); display: inline-block; margin: 0 .15em; padding: 0 .25em; border: 1px solid var(--accent);
  border-radius: 3px; color: var(--accent); font: 600 .65rem/1.4 system-ui, sans-serif; vertical-align: .15em; }
pre.rep { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; }
code { font-size: .85rem; }
footer { color: var(--muted); font-size: .85rem; padding: 2rem 1.5rem; text-align: center; }
`

const htmlScript = `
(function () {
  "use strict";
  var current = [];
  function pane(el) { return el.closest(".side"); }
  function mark(section, n) {
    current.forEach(function (e) { e.classList.remove("cur"); });
    current = Array.prototype.slice.call(section.querySelectorAll('[data-p~="' + n + '"], a.num[data-n="' + n + '"]'));
    current.forEach(function (e) { e.classList.add("cur"); });
  }
  // show scrolls the pane of el so that el stands level with from, an
  // element of the other pane, or a third of the way down.
  function show(el, from) {
    var p = pane(el);
    if (!p) return;
    var want = p.clientHeight / 3, q = from && pane(from);
    if (q && q !== p) want = Math.max(40, from.getBoundingClientRect().top - q.getBoundingClientRect().top);
    p.scrollTop += el.getBoundingClientRect().top - p.getBoundingClientRect().top - want;
  }
  function partner(badge) { return document.getElementById(badge.getAttribute("href").slice(1)); }
  function go(id, from) {
    var t = document.getElementById(id);
    if (!t || !t.classList.contains("num")) return false;
    var section = t.closest("section.pair");
    if (!from || !pane(from)) {
      var sides = section.querySelector(".sides"), r = sides.getBoundingClientRect();
      if (r.top < 0 || r.top > innerHeight / 2) sides.scrollIntoView({block: "start"});
      show(t, null);
      var o = partner(t);
      if (o) show(o, t);
    } else {
      show(t, from);
    }
    mark(section, t.getAttribute("data-n"));
    return true;
  }
  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest("a.hl, a.num, a.pn");
    if (!a) return;
    var id = a.getAttribute("href").slice(1);
    if (!go(id, a)) return;
    e.preventDefault();
    try { history.pushState(null, "", "#" + id); } catch (err) { /* file: URLs in some browsers */ }
  });
  function fromHash() { if (location.hash.length > 1) go(decodeURIComponent(location.hash.slice(1)), null); }
  addEventListener("popstate", fromHash);
  fromHash();
})();
`

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

var htmlCSP = "default-src 'none'; style-src " + cspHash(htmlStyle) + "; script-src " + cspHash(htmlScript) +
	"; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"

func (h *htmlWriter) page(r *overlap.Report, opt htmlOptions) {
	h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		"<meta http-equiv=\"Content-Security-Policy\" content=\"", htmlCSP, "\">\n",
		"<meta name=\"referrer\" content=\"no-referrer\">\n<title>")
	h.text(opt.Title)
	h.raw("</title>\n<style>", htmlStyle, "</style>\n</head>\n<body>\n<header class=\"top\"><h1>")
	h.text(opt.Title)
	h.raw("</h1><p id=\"summary\">")
	h.text(countReport(r).String())
	h.raw("</p></header>\n<main>\n")

	h.pairsTable(r)
	for i := range r.Pairs {
		h.pair(i+1, &r.Pairs[i])
	}
	h.repeats(r)
	h.documents(r)

	h.raw("</main>\n<footer>Made by overlap. Offsets are byte offsets into each document’s UTF-8 text; lines count from 1.</footer>\n",
		"<script>", htmlScript, "</script>\n</body>\n</html>\n")
}

func (h *htmlWriter) pairsTable(r *overlap.Report) {
	h.raw("<section id=\"pairs\">\n<h2>Pairs</h2>\n")
	if len(r.Pairs) == 0 {
		h.raw("<p class=\"muted\">No shared passages or near-duplicates.</p>\n</section>\n")
		return
	}
	h.raw("<table>\n<thead><tr><th class=\"n\">#</th><th>Documents (A ↔ B)</th><th class=\"n\">Similarity</th>",
		"<th class=\"n\" title=\"share of A found in B\">A in B</th><th class=\"n\" title=\"share of B found in A\">B in A</th>",
		"<th class=\"n\" title=\"simhash Hamming distance, 0 to 64\">Hamming</th><th class=\"n\">Passages</th><th class=\"n\">Shared words</th></tr></thead>\n<tbody>\n")
	for i := range r.Pairs {
		p := &r.Pairs[i]
		n := strconv.Itoa(i + 1)
		if p.NearDuplicate {
			h.raw("<tr class=\"near\">")
		} else {
			h.raw("<tr>")
		}
		h.raw("<td class=\"n\">", n, "</td><td class=\"ids\"><a href=\"#pair-", n, "\"><bdi>")
		h.text(p.A)
		h.raw("</bdi> ↔ <bdi>")
		h.text(p.B)
		h.raw("</bdi></a>")
		if p.NearDuplicate {
			h.raw(" <span class=\"nd\">near-duplicate</span>")
		}
		h.raw("</td><td class=\"n\">", percent(p.Similarity), "</td><td class=\"n\">", percent(p.Containment[0]),
			"</td><td class=\"n\">", percent(p.Containment[1]), "</td><td class=\"n\">", strconv.Itoa(p.Hamming),
			"</td><td class=\"n\">", strconv.Itoa(len(p.Passages)), "</td><td class=\"n\">", strconv.Itoa(sharedWords(p)), "</td></tr>\n")
	}
	h.raw("</tbody>\n</table>\n</section>\n")
}

// passageClass returns the colour class of passage k (0-based).
func passageClass(k int) string { return "c" + strconv.Itoa(k%8) }

func (h *htmlWriter) pair(n int, p *overlap.Pair) {
	ns := strconv.Itoa(n)
	ta, tb := h.texts[p.A], h.texts[p.B]
	h.raw("<section class=\"pair\" id=\"pair-", ns, "\">\n<h2>", ns, ". <bdi>")
	h.text(p.A)
	h.raw("</bdi> ↔ <bdi>")
	h.text(p.B)
	h.raw("</bdi>")
	if p.NearDuplicate {
		h.raw(" <span class=\"nd\">near-duplicate</span>")
	}
	h.raw("</h2>\n<p class=\"measures\">similarity ", percent(p.Similarity), " · ", percent(p.Containment[0]), " of A is in B · ",
		percent(p.Containment[1]), " of B is in A · hamming ", strconv.Itoa(p.Hamming), " · ")
	h.text(plural(len(p.Passages), "shared passage", "shared passages"))
	if len(p.Passages) > 0 {
		h.raw(", ", plural(sharedWords(p), "word", "words"))
	}
	h.raw(" · <a href=\"#pairs\">all pairs</a></p>\n")

	if len(p.Passages) > 0 {
		if len(p.Passages) <= 12 {
			h.raw("<details class=\"plist\" open>")
		} else {
			h.raw("<details class=\"plist\">")
		}
		h.raw("<summary>Shared passages</summary>\n<table>\n<thead><tr><th class=\"n\">#</th><th class=\"n\">Words</th>",
			"<th class=\"n\">Line in A</th><th class=\"n\">Line in B</th><th>Begins</th></tr></thead>\n<tbody>\n")
		for k, s := range p.Passages {
			a, b := clampSpan(s.A, len(ta)), clampSpan(s.B, len(tb))
			kn := strconv.Itoa(k + 1)
			h.raw("<tr><td class=\"n\"><a class=\"pn ", passageClass(k), "\" href=\"#p", ns, "-a", kn, "\">", kn, "</a></td><td class=\"n\">",
				strconv.Itoa(s.Words), "</td><td class=\"n\">", strconv.Itoa(h.lines.line(p.A, a.Start)), "</td><td class=\"n\">",
				strconv.Itoa(h.lines.line(p.B, b.Start)), "</td><td class=\"excerpt\">")
			h.excerpt(ta[a.Start:a.End], 14)
			h.raw("</td></tr>\n")
		}
		h.raw("</tbody>\n</table>\n</details>\n")
	}

	h.raw("<div class=\"sides\">\n")
	spansA := make([]overlap.Span, len(p.Passages))
	spansB := make([]overlap.Span, len(p.Passages))
	for k, s := range p.Passages {
		spansA[k], spansB[k] = clampSpan(s.A, len(ta)), clampSpan(s.B, len(tb))
	}
	h.side(ns, "a", "b", p.A, ta, spansA, spansB, p)
	h.side(ns, "b", "a", p.B, tb, spansB, spansA, p)
	h.raw("</div>\n</section>\n")
}

// excerpt writes the first words of b, escaped.
func (h *htmlWriter) excerpt(b []byte, words int) {
	end, n := len(b), 0
	for tok := range shingle.Tokens(b) {
		if n++; n > words {
			end = tok.Start
			break
		}
	}
	h.bytes(collapseSpace(b[:end]))
	if end < len(b) {
		h.raw("…")
	}
}

// collapseSpace turns each run of white space into one space.
func collapseSpace(b []byte) []byte {
	return []byte(strings.Join(strings.Fields(string(b)), " "))
}

// side writes one pane: the document's text, with the passages' spans
// (this side's, and the other side's for the tooltips) highlighted.
func (h *htmlWriter) side(pairN, me, other, id string, text []byte, mine, theirs []overlap.Span, p *overlap.Pair) {
	label := "A"
	if me == "b" {
		label = "B"
	}
	otherID := p.B
	if me == "b" {
		otherID = p.A
	}
	lines := h.lines.line(id, len(text))
	h.raw("<div class=\"side\" id=\"p", pairN, "-", me, "\" tabindex=\"0\"><div class=\"side-head\"><span class=\"tag\">", label, "</span><bdi>")
	h.text(id)
	h.raw("</bdi> <span class=\"muted\">")
	meta := plural(lines, "line", "lines")
	if words, ok := h.words[id]; ok {
		meta = plural(words, "word", "words") + ", " + meta
	}
	h.text(meta)
	h.raw("</span></div><div class=\"text\">")

	// Passages in order of their start on this side, for the badges.
	order := make([]int, len(mine))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(x, y int) int { return mine[x].Start - mine[y].Start })
	next := 0
	badges := func(upTo int) {
		for ; next < len(order) && mine[order[next]].Start <= upTo; next++ {
			k := order[next]
			kn := strconv.Itoa(k + 1)
			h.raw("<a class=\"num ", passageClass(k), "\" id=\"p", pairN, "-", me, kn, "\" href=\"#p", pairN, "-", other, kn,
				"\" data-n=\"", kn, "\" title=\"")
			h.attr(fmt.Sprintf("passage %d, %s: line %d here, line %d in %s", k+1, plural(p.Passages[k].Words, "word", "words"),
				h.lines.line(id, mine[k].Start), h.lines.line(otherID, theirs[k].Start), otherID))
			h.raw("\" aria-label=\"passage ", kn, "\"></a>")
		}
	}
	for _, seg := range cutSegments(len(text), mine) {
		badges(seg.start)
		if len(seg.cover) == 0 {
			h.bytes(text[seg.start:seg.end])
			continue
		}
		// The link and colour are those of the innermost passage.
		in := seg.cover[0]
		for _, k := range seg.cover[1:] {
			if mine[k].Len() < mine[in].Len() || mine[k].Len() == mine[in].Len() && k > in {
				in = k
			}
		}
		h.raw("<a class=\"hl ", passageClass(in))
		if len(seg.cover) > 1 {
			h.raw(" multi")
		}
		h.raw("\" href=\"#p", pairN, "-", other, strconv.Itoa(in+1), "\" data-p=\"")
		for j, k := range seg.cover {
			if j > 0 {
				h.raw(" ")
			}
			h.raw(strconv.Itoa(k + 1))
		}
		h.raw("\">")
		h.bytes(text[seg.start:seg.end])
		h.raw("</a>")
	}
	badges(len(text))
	h.raw("</div></div>\n")
}

// htmlSegment is a stretch of text between two passage boundaries, with
// the passages that cover it whole (their indexes, in increasing order).
type htmlSegment struct {
	start, end int
	cover      []int
}

// cutSegments cuts a text of n bytes at every start and end of spans,
// which lie within it and may overlap or nest, and says which spans
// cover each piece. The pieces follow one another from 0 to n.
func cutSegments(n int, spans []overlap.Span) []htmlSegment {
	bounds := []int{0, n}
	for _, s := range spans {
		bounds = append(bounds, s.Start, s.End)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	order := make([]int, len(spans))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(x, y int) int { return spans[x].Start - spans[y].Start })
	segs := make([]htmlSegment, 0, len(bounds)-1)
	var active []int
	next := 0
	for i := 0; i+1 < len(bounds); i++ {
		x, y := bounds[i], bounds[i+1]
		active = slices.DeleteFunc(active, func(k int) bool { return spans[k].End <= x })
		for ; next < len(order) && spans[order[next]].Start <= x; next++ {
			if spans[order[next]].End > x {
				active = append(active, order[next])
			}
		}
		var cover []int
		if len(active) > 0 {
			cover = slices.Clone(active)
			slices.Sort(cover)
		}
		segs = append(segs, htmlSegment{start: x, end: y, cover: cover})
	}
	return segs
}

func (h *htmlWriter) repeats(r *overlap.Report) {
	h.raw("<section id=\"repeats\">\n<h2>Repeated within a document</h2>\n")
	if len(r.Repeats) == 0 {
		h.raw("<p class=\"muted\">None.</p>\n</section>\n")
		return
	}
	h.raw("<table>\n<thead><tr><th>Document</th><th class=\"n\">Words</th><th class=\"n\">Times</th><th>Lines</th><th>Text</th></tr></thead>\n<tbody>\n")
	for i := range r.Repeats {
		rep := &r.Repeats[i]
		text := h.texts[rep.ID]
		h.raw("<tr><td class=\"ids\"><bdi>")
		h.text(rep.ID)
		h.raw("</bdi></td><td class=\"n\">", strconv.Itoa(rep.Words), "</td><td class=\"n\">", strconv.Itoa(len(rep.Spans)), "</td><td>")
		for k, s := range rep.Spans {
			if k > 0 {
				h.raw(", ")
			}
			h.raw(strconv.Itoa(h.lines.line(rep.ID, clampSpan(s, len(text)).Start)))
		}
		h.raw("</td><td><pre class=\"rep\">")
		if len(rep.Spans) > 0 {
			s := clampSpan(rep.Spans[0], len(text))
			for _, run := range elide(text, s) {
				if run.st == qMark {
					h.raw("<span class=\"muted\">")
					h.bytes(run.text)
					h.raw("</span>")
				} else {
					h.bytes(run.text)
				}
			}
		}
		h.raw("</pre></td></tr>\n")
	}
	h.raw("</tbody>\n</table>\n</section>\n")
}

func (h *htmlWriter) documents(r *overlap.Report) {
	h.raw("<section id=\"documents\">\n<h2>Documents</h2>\n<table>\n<thead><tr><th class=\"n\">#</th><th>Document</th>",
		"<th class=\"n\">Words</th><th>Simhash</th></tr></thead>\n<tbody>\n")
	for i, d := range r.Documents {
		h.raw("<tr><td class=\"n\">", strconv.Itoa(i+1), "</td><td class=\"ids\"><bdi>")
		h.text(d.ID)
		h.raw("</bdi></td><td class=\"n\">", strconv.Itoa(d.Words), "</td><td><code>", d.Simhash.String(), "</code></td></tr>\n")
	}
	h.raw("</tbody>\n</table>\n</section>\n")
}
