package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/textoverlap/overlap"
)

// The PAN 2013 text-alignment corpus, no-obfuscation part: each pair of a
// suspicious and a source document comes with an XML file listing the
// passages of the source reused in the suspicious document, located by
// code point offsets.
const (
	panDir      = "pan13_no_obfuscation"
	panTruthDir = "02-no-obfuscation"
	panPairs    = "pairs"
	panSuspDir  = "susp"
	panSrcDir   = "src"
)

// annotation is a PAN plagiarism case or detection: a passage of the
// suspicious document and the passage of the source it reuses, as offsets
// and lengths in Unicode code points.
type annotation struct {
	Susp, Src        string // file names, such as suspicious-document00005.txt
	SuspOff, SuspLen int
	SrcOff, SrcLen   int
}

// panPair is one suspicious/source pair to align.
type panPair struct {
	Susp, Src string
}

// readPanPairs parses the pairs file: one "suspicious source" pair of file
// names a line.
func readPanPairs(name string, data []byte) ([]panPair, error) {
	var pairs []panPair
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 || !validDocName(f[0]) || !validDocName(f[1]) {
			return nil, fmt.Errorf("%s:%d: want two document file names, got %q", name, line, sc.Text())
		}
		pairs = append(pairs, panPair{f[0], f[1]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("%s: no pairs", name)
	}
	return pairs, nil
}

// validDocName accepts a plain file name: the corpus names files, and a
// path that climbs out of its folder is a corrupt list, not a document.
func validDocName(s string) bool {
	return s != "" && s != "." && s != ".." && !strings.ContainsAny(s, `/\`) && utf8.ValidString(s)
}

// panXML mirrors a PAN ground-truth file:
//
//	<document reference="suspicious-document00005.txt">
//	<feature name="plagiarism" this_offset="3593" this_length="698"
//	  source_reference="source-document01090.txt" source_offset="1300" source_length="698" .../>
//	</document>
type panXML struct {
	XMLName   xml.Name `xml:"document"`
	Reference string   `xml:"reference,attr"`
	Features  []struct {
		Name            string `xml:"name,attr"`
		ThisOffset      string `xml:"this_offset,attr"`
		ThisLength      string `xml:"this_length,attr"`
		SourceReference string `xml:"source_reference,attr"`
		SourceOffset    string `xml:"source_offset,attr"`
		SourceLength    string `xml:"source_length,attr"`
	} `xml:"feature"`
}

// parsePanXML reads the plagiarism cases of one ground-truth file. Features
// other than plagiarism (PAN files may carry others) are ignored; a
// plagiarism feature without a source, or with offsets that are not
// non-negative integers, is an error.
func parsePanXML(name string, data []byte) ([]annotation, error) {
	var doc panXML
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: not a PAN document: %w", name, err)
	}
	// Anything but white space, comments or processing instructions after
	// the root element is a damaged file.
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: after the document element: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(bytes.TrimSpace(t)) == 0 {
				continue
			}
		case xml.Comment, xml.ProcInst:
			continue
		}
		return nil, fmt.Errorf("%s: content after the document element", name)
	}
	if !validDocName(doc.Reference) {
		return nil, fmt.Errorf("%s: document reference %q is not a file name", name, doc.Reference)
	}
	var out []annotation
	for k, f := range doc.Features {
		if f.Name != "plagiarism" {
			continue
		}
		a := annotation{Susp: doc.Reference, Src: f.SourceReference}
		if !validDocName(a.Src) {
			return nil, fmt.Errorf("%s: feature %d: source reference %q is not a file name", name, k+1, f.SourceReference)
		}
		for _, v := range []struct {
			attr, val string
			dst       *int
		}{
			{"this_offset", f.ThisOffset, &a.SuspOff},
			{"this_length", f.ThisLength, &a.SuspLen},
			{"source_offset", f.SourceOffset, &a.SrcOff},
			{"source_length", f.SourceLength, &a.SrcLen},
		} {
			n, err := strconv.Atoi(v.val)
			if err != nil || n < 0 || int64(n) > 1<<40 {
				return nil, fmt.Errorf("%s: feature %d: %s=%q is not a non-negative integer", name, k+1, v.attr, v.val)
			}
			*v.dst = n
		}
		if a.SuspLen == 0 || a.SrcLen == 0 {
			return nil, fmt.Errorf("%s: feature %d: empty passage", name, k+1)
		}
		out = append(out, a)
	}
	return out, nil
}

// runeOffsets converts byte offsets in a text to the code point offsets
// PAN annotations use: the texts are UTF-8 read as is, without newline
// translation (a CR LF is two code points), control characters and all, so
// a byte offset counts the runes that start before it. A byte of invalid
// UTF-8 counts as one code point, as Go decodes it to U+FFFD.
type runeOffsets struct {
	text []byte
	// before[i] is the number of runes that start before byte i: an offset
	// inside a rune counts that rune, so the end of a span that ends after
	// a rune's last byte maps after it.
	before []int32
}

func newRuneOffsets(text []byte) *runeOffsets {
	r := &runeOffsets{text: text, before: make([]int32, len(text)+1)}
	n := int32(0)
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRune(text[i:])
		n++
		for k := range size {
			r.before[i+k+1] = n
		}
		i += size
	}
	return r
}

// CodePoint returns the code point offset of byte offset off, clamped to
// the text.
func (r *runeOffsets) CodePoint(off int) int {
	return int(r.before[min(max(off, 0), len(r.text))])
}

// Byte returns the byte offset where code point cp starts; cp at or past
// the number of runes gives the length of the text.
func (r *runeOffsets) Byte(cp int) int {
	i := 0
	for n := 0; n < cp && i < len(r.text); n++ {
		_, size := utf8.DecodeRune(r.text[i:])
		i += size
	}
	return i
}

// panDetection converts a passage overlap reports between a suspicious and
// a source text into a PAN detection.
func panDetection(p panPair, susp, src *runeOffsets, s overlap.Passage) annotation {
	a0, a1 := susp.CodePoint(s.A.Start), susp.CodePoint(s.A.End)
	b0, b1 := src.CodePoint(s.B.Start), src.CodePoint(s.B.End)
	return annotation{Susp: p.Susp, Src: p.Src, SuspOff: a0, SuspLen: a1 - a0, SrcOff: b0, SrcLen: b1 - b0}
}

// panResult is the character-level evaluation of a set of detections.
type panResult struct {
	Cases, Detections    int
	Precision, Recall    float64
	Granularity, Plagdet float64
	// Missed counts cases no detection touches; Spurious counts detections
	// that touch no case.
	Missed, Spurious int
}

// loadPan reads the pairs, ground truth and texts of the corpus at dir.
func loadPan(dir string) (pairs []panPair, cases []annotation, texts map[string][]byte, err error) {
	if pairs, err = parseFile(filepath.Join(dir, panTruthDir, panPairs), readPanPairs); err != nil {
		return nil, nil, nil, err
	}
	texts = map[string][]byte{}
	for _, p := range pairs {
		xf := filepath.Join(dir, panTruthDir, strings.TrimSuffix(p.Susp, ".txt")+"-"+strings.TrimSuffix(p.Src, ".txt")+".xml")
		anns, err := parseFile(xf, parsePanXML)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, a := range anns {
			if a.Susp != p.Susp || a.Src != p.Src {
				return nil, nil, nil, fmt.Errorf("%s: a case of %s and %s in the file of pair %s, %s", xf, a.Susp, a.Src, p.Susp, p.Src)
			}
		}
		cases = append(cases, anns...)
		for _, f := range []string{filepath.Join(dir, panSuspDir, p.Susp), filepath.Join(dir, panSrcDir, p.Src)} {
			if _, ok := texts[f]; ok {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, nil, nil, err
			}
			// The offsets count code points of UTF-8 text; in anything
			// else they mean nothing.
			if !utf8.Valid(b) {
				return nil, nil, nil, fmt.Errorf("%s: not UTF-8, so the annotations' code point offsets do not apply", f)
			}
			texts[f] = b
		}
	}
	// Check every case against its texts: an offset past the end means
	// texts and annotations do not belong together.
	for _, c := range cases {
		for _, x := range []struct {
			file     string
			off, len int
		}{
			{filepath.Join(dir, panSuspDir, c.Susp), c.SuspOff, c.SuspLen},
			{filepath.Join(dir, panSrcDir, c.Src), c.SrcOff, c.SrcLen},
		} {
			if n := utf8.RuneCount(texts[x.file]); x.off+x.len > n {
				return nil, nil, nil, fmt.Errorf("%s: a case ends at code point %d, past the end of the text (%d)", x.file, x.off+x.len, n)
			}
		}
	}
	return pairs, cases, texts, nil
}

// alignPan aligns every pair with overlap.Compare and returns the
// detections, in pair order.
func alignPan(dir string, pairs []panPair, texts map[string][]byte, o overlap.Options) []annotation {
	var dets []annotation
	offs := map[string]*runeOffsets{}
	get := func(f string) *runeOffsets {
		if r, ok := offs[f]; ok {
			return r
		}
		r := newRuneOffsets(texts[f])
		offs[f] = r
		return r
	}
	for _, p := range pairs {
		sf, rf := filepath.Join(dir, panSuspDir, p.Susp), filepath.Join(dir, panSrcDir, p.Src)
		pair := overlap.Compare(overlap.Document{ID: p.Susp, Text: texts[sf]}, overlap.Document{ID: p.Src, Text: texts[rf]}, o)
		for _, s := range pair.Passages {
			dets = append(dets, panDetection(p, get(sf), get(rf), s))
		}
	}
	return dets
}

// evaluatePan computes PAN's character-level measures as defined by
// Potthast, Stein, Barrón-Cedeño and Rosso, "An Evaluation Framework for
// Plagiarism Detection" (COLING 2010). A case s and a detection r are sets
// of characters in the suspicious and the source document; r detects s
// when they concern the same two documents and overlap in both. With
// s ⊓ r = s ∩ r when r detects s, and ∅ otherwise:
//
//	prec = 1/|R| Σ_{r∈R} |∪_{s∈S} (s ⊓ r)| / |r|
//	rec  = 1/|S| Σ_{s∈S} |∪_{r∈R} (s ⊓ r)| / |s|
//	gran = 1/|S_R| Σ_{s∈S_R} |R_s|   (S_R: cases detected; R_s: their detections)
//	plagdet = F1(prec, rec) / log2(1 + gran)
//
// |s| counts the characters of both passages. As in PAN's reference
// implementation, an empty S and R score 1, and either one empty scores 0.
func evaluatePan(cases, dets []annotation) panResult {
	res := panResult{Cases: len(cases), Detections: len(dets), Granularity: 1}
	switch {
	case len(cases) == 0 && len(dets) == 0:
		res.Precision, res.Recall, res.Plagdet = 1, 1, 1
		return res
	case len(cases) == 0 || len(dets) == 0:
		res.Missed, res.Spurious = len(cases), len(dets)
		return res
	}
	// Group by document pair: annotations of different pairs never meet.
	key := func(a annotation) string { return a.Susp + "\x00" + a.Src }
	byPair := map[string][]int{}
	for k, d := range dets {
		byPair[key(d)] = append(byPair[key(d)], k)
	}
	detected := make([]bool, len(dets))
	var recSum float64
	detCases, detCount := 0, 0
	for _, c := range cases {
		var hits []annotation
		for _, k := range byPair[key(c)] {
			if overlaps(c, dets[k]) {
				hits = append(hits, dets[k])
				detected[k] = true
			}
		}
		if len(hits) == 0 {
			res.Missed++
			continue
		}
		detCases++
		detCount += len(hits)
		recSum += coveredShare(c, hits)
	}
	casesByPair := map[string][]annotation{}
	for _, c := range cases {
		casesByPair[key(c)] = append(casesByPair[key(c)], c)
	}
	var precSum float64
	for k, d := range dets {
		if !detected[k] {
			res.Spurious++
			continue
		}
		var hits []annotation
		for _, c := range casesByPair[key(d)] {
			if overlaps(d, c) {
				hits = append(hits, c)
			}
		}
		precSum += coveredShare(d, hits)
	}
	res.Recall = recSum / float64(len(cases))
	res.Precision = precSum / float64(len(dets))
	if detCases > 0 {
		res.Granularity = float64(detCount) / float64(detCases)
	}
	res.Plagdet = plagdet(res.Precision, res.Recall, res.Granularity)
	return res
}

// plagdet combines the three measures into PAN's ranking score.
func plagdet(prec, rec, gran float64) float64 {
	if prec <= 0 && rec <= 0 || prec < 0 || rec < 0 || gran < 1 {
		return 0
	}
	f1 := 2 * prec * rec / (prec + rec)
	return f1 / math.Log2(1+gran)
}

// overlaps reports whether two annotations of the same document pair share
// characters in both documents.
func overlaps(a, b annotation) bool {
	return a.Susp == b.Susp && a.Src == b.Src &&
		b.SuspOff < a.SuspOff+a.SuspLen && a.SuspOff < b.SuspOff+b.SuspLen &&
		b.SrcOff < a.SrcOff+a.SrcLen && a.SrcOff < b.SrcOff+b.SrcLen
}

// coveredShare returns the share of a's characters, in both documents,
// that the others cover.
func coveredShare(a annotation, others []annotation) float64 {
	var susp, src [][2]int
	for _, o := range others {
		susp = append(susp, [2]int{o.SuspOff, o.SuspOff + o.SuspLen})
		src = append(src, [2]int{o.SrcOff, o.SrcOff + o.SrcLen})
	}
	n := covered(a.SuspOff, a.SuspOff+a.SuspLen, susp) + covered(a.SrcOff, a.SrcOff+a.SrcLen, src)
	return float64(n) / float64(a.SuspLen+a.SrcLen)
}

// covered counts the positions of [lo, hi) inside the union of spans.
func covered(lo, hi int, spans [][2]int) int {
	slices.SortFunc(spans, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
	n, reach := 0, lo
	for _, s := range spans {
		s0, s1 := max(s[0], reach), min(s[1], hi)
		if s1 > s0 {
			n += s1 - s0
			reach = s1
		}
	}
	return n
}

// panMinWords is the shortest passage the PAN evaluation asks overlap for.
// Text alignment looks for reused passages, not shared phrases: web pages
// on one subject share addresses, titles, disclaimers and stock phrases
// that PAN does not annotate, and at the default of 8 words they are a
// quarter of all detections. 20 words is about one average English
// sentence. The README shows the figures for other lengths too; the
// choice was made with them in view.
const panMinWords = 20

// panSweep lists the passage lengths whose figures the report shows, the
// default first.
var panSweep = []int{overlap.DefaultMinWords, 12, 16, panMinWords, 30}

func writePan(w io.Writer, dir string) error {
	pairs, cases, texts, err := loadPan(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n## PAN 2013 text alignment, no obfuscation (%d pairs, %d cases)\n\n", len(pairs), len(cases))
	fmt.Fprintf(w, "Each pair aligned with `overlap.Compare` (gaps up to %d words, the default); character-level measures of Potthast et al. (2010), macro-averaged.\n\n", overlap.DefaultMaxGap)
	fmt.Fprintf(w, "| MinWords | detections | precision | recall | granularity | plagdet | cases missed | detections outside every case |\n|---|---|---|---|---|---|---|---|\n")
	for _, mw := range panSweep {
		r := evaluatePan(cases, alignPan(dir, pairs, texts, overlap.Options{MinWords: mw}))
		label := strconv.Itoa(mw)
		switch mw {
		case overlap.DefaultMinWords:
			label += " (default)"
		case panMinWords:
			label = "**" + label + " (eval)**"
		}
		fmt.Fprintf(w, "| %s | %d | %.4f | %.4f | %.4f | %.4f | %d | %d |\n", label, r.Detections, r.Precision, r.Recall, r.Granularity, r.Plagdet, r.Missed, r.Spurious)
	}
	return nil
}
