package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/shingle"
)

// textOptions tunes the human report of "overlap report --format text".
type textOptions struct {
	// Color highlights the shared words with ANSI escapes; see textColor
	// for when to set it.
	Color bool
	// Width is the column at which quotes wrap; 0 means 80.
	Width int
	// Context is the number of words quoted before and after a passage;
	// 0 means 6, a negative number none.
	Context int
}

const (
	textDefaultWidth   = 80
	textDefaultContext = 6
	// A passage of more than textElideOver words is quoted with only its
	// first and last textElideKeep words, so at least 21 are left out.
	textElideOver = 80
	textElideKeep = 30
	// textContextBytes bounds how far back and forth context words are
	// looked for, per word.
	textContextBytes = 48
)

// ANSI styles. Every styled stretch ends with textReset, at the latest at
// the end of its line, so nothing leaks into the terminal after the report.
const (
	textReset  = "\x1b[0m"
	textBold   = "\x1b[1m"
	textShared = "\x1b[1;31m" // shared words: bold red, as grep shows a match
	textNear   = "\x1b[1;35m" // the near-duplicate mark
	textDim    = "\x1b[2m"    // ellipses and the elision mark
)

// textColor reports whether the text report written to w should be
// coloured: only when w is a terminal, NO_COLOR is unset or empty
// (https://no-color.org) and TERM is not "dumb". getenv is os.Getenv
// outside tests.
func textColor(w io.Writer, getenv func(string) string) bool {
	return textColorEnv(formatIsTerminal(w), getenv)
}

func textColorEnv(tty bool, getenv func(string) string) bool {
	return tty && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// formatIsTerminal reports whether w is a terminal (a character device).
func formatIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// writeText writes the human report: the pairs in report order, each with
// its measures and every shared passage quoted with a few words of context
// and its line in both documents (id:line, as editors and grep -n show
// places); then the text repeated inside documents; then a one-line
// summary. texts holds each document's text by id: the bytes the report's
// offsets index. Control characters and bidirectional formatting
// characters from documents and ids are shown escaped (\x1b, \u202e),
// never sent to the terminal raw.
func writeText(w io.Writer, r *overlap.Report, texts map[string][]byte, opt textOptions) error {
	if err := checkTexts(r, texts); err != nil {
		return err
	}
	if opt.Width <= 0 {
		opt.Width = textDefaultWidth
	}
	switch {
	case opt.Context == 0:
		opt.Context = textDefaultContext
	case opt.Context < 0:
		opt.Context = 0
	}
	t := &textWriter{w: bufio.NewWriter(w), opt: opt, lines: lineIndexes{texts: texts}}
	for i := range r.Pairs {
		t.pair(i+1, &r.Pairs[i], texts[r.Pairs[i].A], texts[r.Pairs[i].B])
	}
	if len(r.Pairs) == 0 {
		t.w.WriteString("No shared passages or near-duplicates.\n\n")
	}
	if len(r.Repeats) > 0 {
		t.style(textBold, "Repeated within a document")
		t.w.WriteString("\n\n")
		for i := range r.Repeats {
			t.repeat(&r.Repeats[i], texts[r.Repeats[i].ID])
		}
	}
	t.w.WriteString(countReport(r).String())
	t.w.WriteByte('\n')
	return t.w.Flush()
}

type textWriter struct {
	w     *bufio.Writer
	opt   textOptions
	lines lineIndexes
	buf   []byte
}

// style writes s in an ANSI style when colour is on.
func (t *textWriter) style(code, s string) {
	if t.opt.Color {
		t.w.WriteString(code)
		t.w.WriteString(s)
		t.w.WriteString(textReset)
		return
	}
	t.w.WriteString(s)
}

// where returns "id:line" for an offset into document id.
func (t *textWriter) where(id string, off int) string {
	return terminalSafe(id) + ":" + strconv.Itoa(t.lines.line(id, off))
}

// pair writes pair number n, whose documents' texts are ta and tb.
func (t *textWriter) pair(n int, p *overlap.Pair, ta, tb []byte) {
	head := strconv.Itoa(n) + ". "
	t.style(textBold, head)
	if p.NearDuplicate {
		t.style(textNear, "NEAR-DUPLICATE")
		t.w.WriteString("  ")
	}
	fmt.Fprintf(t.w, "similarity %s, hamming %d, %s",
		percent(p.Similarity), p.Hamming, plural(len(p.Passages), "shared passage", "shared passages"))
	if len(p.Passages) > 0 {
		fmt.Fprintf(t.w, " (%s)", plural(sharedWords(p), "word", "words"))
	}
	t.w.WriteByte('\n')
	ida, idb := terminalSafe(p.A), terminalSafe(p.B)
	pad := max(displayWidth(ida), displayWidth(idb))
	fmt.Fprintf(t.w, "   A  %s%s  %s of it is in B\n", ida, spaces(pad-displayWidth(ida)), percent(p.Containment[0]))
	fmt.Fprintf(t.w, "   B  %s%s  %s of it is in A\n", idb, spaces(pad-displayWidth(idb)), percent(p.Containment[1]))
	for k, s := range p.Passages {
		t.w.WriteByte('\n')
		a, b := clampSpan(s.A, len(ta)), clampSpan(s.B, len(tb))
		fmt.Fprintf(t.w, "   [%d] %s  %s ↔ %s\n", k+1, plural(s.Words, "word", "words"),
			t.where(p.A, a.Start), t.where(p.B, b.Start))
		t.quote("       ", ta, a, t.opt.Context)
		if !sameWords(ta[a.Start:a.End], tb[b.Start:b.End]) {
			fmt.Fprintf(t.w, "     in %s:\n", idb)
			t.quote("       ", tb, b, t.opt.Context)
		}
	}
	t.w.WriteByte('\n')
}

// repeat writes a repeat, and the text of its document.
func (t *textWriter) repeat(rep *overlap.Repeat, text []byte) {
	var b strings.Builder
	b.WriteString("   ")
	b.WriteString(terminalSafe(rep.ID))
	b.WriteString(": ")
	b.WriteString(plural(rep.Words, "word", "words"))
	b.WriteString(", ")
	b.WriteString(plural(len(rep.Spans), "time", "times"))
	b.WriteString(", lines ")
	for k, s := range rep.Spans {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(t.lines.line(rep.ID, clampSpan(s, len(text)).Start)))
	}
	b.WriteByte('\n')
	t.w.WriteString(b.String())
	if len(rep.Spans) > 0 {
		t.quote("       ", text, clampSpan(rep.Spans[0], len(text)), 0)
	}
	t.w.WriteByte('\n')
}

// sameWords reports whether two stretches of text have the same words,
// as the comparison sees them.
func sameWords(a, b []byte) bool {
	return bytes.Equal(shingle.AppendNormalized(nil, a), shingle.AppendNormalized(nil, b))
}

// percent formats a share from 0 to 1 as "97.5%".
func percent(f float64) string {
	return strconv.FormatFloat(f*100, 'f', 1, 64) + "%"
}

func spaces(n int) string { return strings.Repeat(" ", max(n, 0)) }

// A quote is text cut into runs of one style.
type qstyle uint8

const (
	qPlain  qstyle = iota // context
	qShared               // the passage
	qMark                 // ellipses and elision marks
)

type qrun struct {
	text []byte
	st   qstyle
}

// quote writes the passage at s with context words of context each side,
// wrapped, each line starting with indent. An ellipsis before or after
// says that the paragraph goes on.
func (t *textWriter) quote(indent string, text []byte, s overlap.Span, context int) {
	cs := contextStart(text, s.Start, context)
	ce := contextEnd(text, s.End, context)
	var runs []qrun
	if moreBefore(text, cs) {
		runs = append(runs, qrun{[]byte("…"), qMark})
	}
	runs = append(runs, qrun{text[cs:s.Start], qPlain})
	if !t.opt.Color {
		runs = append(runs, qrun{[]byte("«"), qPlain})
	}
	runs = append(runs, elide(text, s)...)
	if !t.opt.Color {
		runs = append(runs, qrun{[]byte("»"), qPlain})
	}
	runs = append(runs, qrun{text[s.End:ce], qPlain})
	if moreAfter(text, ce) {
		runs = append(runs, qrun{[]byte("…"), qMark})
	}
	t.wrap(indent, atomize(runs))
}

// elide returns the passage at s as one shared run, or, when it is long,
// as its first and last words around a mark saying how many were left out.
func elide(text []byte, s overlap.Span) []qrun {
	p := text[s.Start:s.End]
	var toks []overlap.Span
	for tok := range shingle.Tokens(p) {
		toks = append(toks, overlap.Span{Start: tok.Start, End: tok.End})
	}
	if len(toks) <= textElideOver {
		return []qrun{{p, qShared}}
	}
	cut1, cut2 := toks[textElideKeep-1].End, toks[len(toks)-textElideKeep].Start
	mark := fmt.Sprintf(" … [%d more words] … ", len(toks)-2*textElideKeep)
	return []qrun{{p[:cut1], qShared}, {[]byte(mark), qMark}, {p[cut2:], qShared}}
}

// contextStart returns where the n words of context before offset at
// begin, not reaching back over a blank line.
func contextStart(text []byte, at, n int) int {
	if n <= 0 || at <= 0 {
		return at
	}
	lo := runeStart(text, max(0, at-textContextBytes*n))
	var starts []int
	for tok := range shingle.Tokens(text[lo:at]) {
		starts = append(starts, lo+tok.Start)
	}
	cs := at
	switch {
	case len(starts) >= n:
		cs = starts[len(starts)-n]
	case lo == 0:
		cs = 0
	case len(starts) > 0:
		cs = starts[0]
	}
	if k := lastParagraphBreak(text[cs:at]); k >= 0 {
		cs += k
	}
	return cs
}

// contextEnd returns where the n words of context after offset at end,
// with the punctuation that closes the last of them (or the passage, for
// n = 0), not reaching over a blank line.
func contextEnd(text []byte, at, n int) int {
	at = min(max(at, 0), len(text))
	ce := at
	if n > 0 && at < len(text) {
		hi := min(len(text), at+textContextBytes*n)
		if hi < len(text) {
			hi = runeStart(text, hi)
		}
		var ends []int
		for tok := range shingle.Tokens(text[at:hi]) {
			ends = append(ends, at+tok.End)
			if len(ends) == n {
				break
			}
		}
		switch {
		case len(ends) >= n:
			ce = ends[n-1]
		case hi == len(text):
			ce = len(text)
		case len(ends) > 0:
			ce = ends[len(ends)-1]
		}
	}
	// Take the punctuation closing the last word: "calculus." or "it”,".
	for k := 0; k < 4 && ce < len(text); k++ {
		r, size := utf8.DecodeRune(text[ce:])
		if !unicode.IsPunct(r) {
			break
		}
		ce += size
	}
	if k := firstParagraphBreak(text[at:ce]); k >= 0 {
		ce = at + k
	}
	return ce
}

// moreBefore reports whether the paragraph holding offset at has more
// text before it: something other than white space, with no blank line
// between. Paragraphs often stand one a line, so one line break does not
// end one.
func moreBefore(text []byte, at int) bool {
	breaks := 0
	for i := at - 1; i >= 0; i-- {
		switch text[i] {
		case '\n':
			if breaks++; breaks == 2 {
				return false
			}
		case ' ', '\t', '\r':
		default:
			return true
		}
	}
	return false
}

// moreAfter is moreBefore after offset at, and is false when the text
// there ends with an ellipsis of its own.
func moreAfter(text []byte, at int) bool {
	if bytes.HasSuffix(text[:at], []byte("…")) {
		return false
	}
	breaks := 0
	for _, c := range text[at:] {
		switch c {
		case '\n':
			if breaks++; breaks == 2 {
				return false
			}
		case ' ', '\t', '\r':
		default:
			return true
		}
	}
	return false
}

// firstParagraphBreak returns the offset of the first line break that
// begins a blank line in b, or -1.
func firstParagraphBreak(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		for j := i + 1; j < len(b); j++ {
			if b[j] == '\n' {
				return i
			}
			if b[j] != ' ' && b[j] != '\t' && b[j] != '\r' {
				break
			}
		}
	}
	return -1
}

// lastParagraphBreak returns the offset just after the last blank line in
// b, or -1.
func lastParagraphBreak(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != '\n' {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if b[j] == '\n' {
				return i + 1
			}
			if b[j] != ' ' && b[j] != '\t' && b[j] != '\r' {
				break
			}
		}
	}
	return -1
}

// An atom is what a quote is wrapped from: one space, or one character as
// shown (an escape sequence for a control character), with its width in
// terminal columns and style.
type atom struct {
	s     string
	w     int
	st    qstyle
	space bool
	wide  bool // East Asian wide: a line may break before and after it
}

// atomize turns runs into atoms: runs of white space of any kind become
// one space, and characters that must not reach a terminal raw become
// escapes. Leading and trailing spaces are dropped.
func atomize(runs []qrun) []atom {
	var out []atom
	for _, r := range runs {
		b := r.text
		for i := 0; i < len(b); {
			c, size := utf8.DecodeRune(b[i:])
			switch {
			case c == utf8.RuneError && size == 1:
				out = append(out, atom{s: fmt.Sprintf(`\x%02x`, b[i]), w: 4, st: r.st})
			case unicode.IsSpace(c):
				if len(out) > 0 && !out[len(out)-1].space {
					out = append(out, atom{s: " ", w: 1, st: r.st, space: true})
				}
			case c < 0x20 || c == 0x7f:
				out = append(out, atom{s: fmt.Sprintf(`\x%02x`, c), w: 4, st: r.st})
			case isUnsafeRune(c):
				out = append(out, atom{s: fmt.Sprintf(`\u%04x`, c), w: 6, st: r.st})
			default:
				w := runeWidth(c)
				if w == 0 && len(out) > 0 && !out[len(out)-1].space {
					// A combining mark stays with its base.
					out[len(out)-1].s += string(c)
				} else {
					out = append(out, atom{s: string(c), w: w, st: r.st, wide: w == 2})
				}
			}
			i += size
		}
	}
	for len(out) > 0 && out[len(out)-1].space {
		out = out[:len(out)-1]
	}
	return out
}

// isUnsafeRune reports C1 control characters and the formatting
// characters that reorder text on screen (bidirectional overrides,
// embeddings, isolates and marks: "Trojan Source"), which are shown
// escaped.
func isUnsafeRune(r rune) bool {
	return r >= 0x80 && r < 0xa0 || isBidiControl(r)
}

// runeWidth returns the columns a terminal gives r.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// terminalSafe returns s with the characters that must not reach a
// terminal raw (control, bidirectional formatting, invalid UTF-8) escaped.
func terminalSafe(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError || isUnsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isUnsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// wrap writes atoms as lines of at most opt.Width columns (a word longer
// than a line is cut), each starting with indent. Lines break at spaces,
// and around East Asian wide characters, which scripts written without
// spaces break between.
func (t *textWriter) wrap(indent string, atoms []atom) {
	avail := max(t.opt.Width-len(indent), 20)
	var line []atom
	lineW := 0
	flush := func() {
		t.line(indent, line)
		line, lineW = line[:0], 0
	}
	for i := 0; i < len(atoms); {
		if atoms[i].space {
			i++
			continue
		}
		// The unit: a word, or one wide character.
		j := i + 1
		if !atoms[i].wide {
			for j < len(atoms) && !atoms[j].space && !atoms[j].wide {
				j++
			}
		}
		unitW := 0
		for _, a := range atoms[i:j] {
			unitW += a.w
		}
		sep := i > 0 && atoms[i-1].space && lineW > 0
		need := unitW
		if sep {
			need++
		}
		if lineW > 0 && lineW+need > avail {
			flush()
			sep = false
		}
		if sep {
			sp := atoms[i-1]
			if prev := line[len(line)-1]; prev.st != atoms[i].st {
				sp.st = qPlain
			} else {
				sp.st = prev.st
			}
			line = append(line, sp)
			lineW++
		}
		for _, a := range atoms[i:j] {
			if lineW > 0 && lineW+a.w > avail {
				flush()
			}
			line = append(line, a)
			lineW += a.w
		}
		i = j
	}
	if len(line) > 0 {
		flush()
	}
}

// line writes one line of atoms, styled when colour is on.
func (t *textWriter) line(indent string, atoms []atom) {
	b := append(t.buf[:0], indent...)
	cur := qPlain
	for _, a := range atoms {
		if t.opt.Color && a.st != cur {
			if cur != qPlain {
				b = append(b, textReset...)
			}
			switch a.st {
			case qShared:
				b = append(b, textShared...)
			case qMark:
				b = append(b, textDim...)
			}
			cur = a.st
		}
		b = append(b, a.s...)
	}
	if t.opt.Color && cur != qPlain {
		b = append(b, textReset...)
	}
	b = append(b, '\n')
	t.w.Write(b)
	t.buf = b
}
