package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/textoverlap/overlap"
)

// ann builds an annotation of the pair (s, r) from offsets and lengths.
func ann(s, r string, so, sl, ro, rl int) annotation {
	return annotation{Susp: s, Src: r, SuspOff: so, SuspLen: sl, SrcOff: ro, SrcLen: rl}
}

// The worked cases follow the definitions in Potthast et al. (2010): a
// case and a detection are sets of characters in both documents, and a
// detection counts for a case only when it overlaps it in both.
func TestEvaluatePan(t *testing.T) {
	c1 := ann("s1", "r1", 0, 100, 0, 100)
	c2 := ann("s2", "r2", 0, 100, 0, 100)
	for _, tc := range []struct {
		name             string
		cases, dets      []annotation
		prec, rec, gran  float64
		missed, spurious int
		plagdet          float64 // NaN: F1 / log2(1+gran) of the others
	}{
		{name: "nothing to find, nothing found", prec: 1, rec: 1, gran: 1, plagdet: 1},
		{name: "nothing found", cases: []annotation{c1}, gran: 1, missed: 1},
		{name: "found where there is nothing", dets: []annotation{c1}, gran: 1, spurious: 1},
		{name: "exact", cases: []annotation{c1}, dets: []annotation{c1}, prec: 1, rec: 1, gran: 1, plagdet: 1},
		{name: "half of the case, in both documents", cases: []annotation{c1}, dets: []annotation{ann("s1", "r1", 0, 50, 50, 50)},
			prec: 1, rec: 0.5, gran: 1, plagdet: math.NaN()},
		{name: "twice the case", cases: []annotation{c1}, dets: []annotation{ann("s1", "r1", 0, 200, 0, 200)},
			prec: 0.5, rec: 1, gran: 1, plagdet: math.NaN()},
		{name: "split in two", cases: []annotation{c1}, dets: []annotation{ann("s1", "r1", 0, 50, 0, 50), ann("s1", "r1", 50, 50, 50, 50)},
			prec: 1, rec: 1, gran: 2, plagdet: 1 / math.Log2(3)},
		{name: "overlapping detections count their characters once", cases: []annotation{c1}, dets: []annotation{ann("s1", "r1", 0, 80, 0, 80), ann("s1", "r1", 20, 80, 20, 80)},
			prec: 1, rec: 1, gran: 2, plagdet: 1 / math.Log2(3)},
		{name: "overlap in one document only detects nothing", cases: []annotation{c1}, dets: []annotation{ann("s1", "r1", 0, 100, 100, 100)},
			gran: 1, missed: 1, spurious: 1},
		{name: "right offsets, other source", cases: []annotation{c1}, dets: []annotation{ann("s1", "r2", 0, 100, 0, 100)},
			gran: 1, missed: 1, spurious: 1},
		{name: "one of two pairs", cases: []annotation{c1, c2}, dets: []annotation{c1},
			prec: 1, rec: 0.5, gran: 1, missed: 1, plagdet: math.NaN()},
		{name: "a spurious detection halves precision", cases: []annotation{c1}, dets: []annotation{c1, ann("s1", "r1", 500, 10, 500, 10)},
			prec: 0.5, rec: 1, gran: 1, spurious: 1, plagdet: math.NaN()},
		{name: "a detection spanning two cases", cases: []annotation{ann("s1", "r1", 0, 100, 0, 100), ann("s1", "r1", 200, 100, 200, 100)},
			dets: []annotation{ann("s1", "r1", 0, 300, 0, 300)}, prec: 2.0 / 3, rec: 1, gran: 1, plagdet: math.NaN()},
		{name: "unequal lengths in the two documents", cases: []annotation{ann("s1", "r1", 0, 100, 0, 300)},
			dets: []annotation{ann("s1", "r1", 0, 100, 0, 100)}, prec: 1, rec: 0.5, gran: 1, plagdet: math.NaN()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluatePan(tc.cases, tc.dets)
			assert.InDelta(t, tc.prec, r.Precision, 1e-12, "precision")
			assert.InDelta(t, tc.rec, r.Recall, 1e-12, "recall")
			assert.InDelta(t, tc.gran, r.Granularity, 1e-12, "granularity")
			assert.Equal(t, tc.missed, r.Missed, "missed")
			assert.Equal(t, tc.spurious, r.Spurious, "spurious")
			want := tc.plagdet
			if math.IsNaN(want) {
				want = 2 * tc.prec * tc.rec / (tc.prec + tc.rec) / math.Log2(1+tc.gran)
			}
			assert.InDelta(t, want, r.Plagdet, 1e-12, "plagdet")
		})
	}
}

func TestPlagdet(t *testing.T) {
	for _, tc := range []struct {
		prec, rec, gran, want float64
	}{
		{1, 1, 1, 1},
		{0, 0, 1, 0},
		{0.5, 1, 1, 2.0 / 3},
		{1, 0.5, 1, 2.0 / 3},
		{1, 1, 2, 1 / math.Log2(3)},
		{0.25, 0.75, 2, 0.375 / math.Log2(3)},
		{-1, 1, 1, 0},
		{1, 1, 0.5, 0},
	} {
		assert.InDelta(t, tc.want, plagdet(tc.prec, tc.rec, tc.gran), 1e-12, "%+v", tc)
	}
}

// runesBefore is the obvious definition of a code point offset, as Python
// counts it when the text is read as UTF-8 with newline=”.
func runesBefore(text []byte, off int) int {
	return len([]rune(string(text[:off])))
}

func TestRuneOffsets(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"ASCII", "plain text"},
		{"CR LF kept", "one\r\ntwo\r\n"},
		{"control characters", "Bachelor\x19s degree\x00\x02\x13 ok"},
		{"two-, three- and four-byte runes", "café – €5 😀 done"},
		{"invalid UTF-8 counts one per byte", "bad \xe9 and \xff\xfe end"},
		{"truncated rune at the end", "end \xe2\x82"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := []byte(tc.text)
			r := newRuneOffsets(text)
			n := utf8.RuneCount(text)
			// Rune boundaries as Go decodes: an invalid byte is a rune.
			bound := map[int]bool{len(text): true}
			for i := 0; i < len(text); {
				bound[i] = true
				_, size := utf8.DecodeRune(text[i:])
				i += size
			}
			last := 0
			for off := 0; off <= len(text); off++ {
				if bound[off] {
					last = off
					assert.Equal(t, runesBefore(text, off), r.CodePoint(off), "CodePoint(%d)", off)
					assert.Equal(t, off, r.Byte(r.CodePoint(off)), "Byte(CodePoint(%d))", off)
					continue
				}
				// Inside a rune, that rune counts: a span ending there
				// ends after it.
				assert.Equal(t, runesBefore(text, last)+1, r.CodePoint(off), "CodePoint(%d) inside a rune", off)
			}
			assert.Equal(t, n, r.CodePoint(len(text)))
			assert.Equal(t, n, r.CodePoint(len(text)+5), "clamped")
			assert.Equal(t, 0, r.CodePoint(-1), "clamped")
			assert.Equal(t, len(text), r.Byte(n+3), "past the end")
		})
	}
}

// TestPanConversionOnCorpus checks the conversion against the annotations
// themselves: every case's suspicious and source passages, cut out by
// code point offsets, hold the same text (the reuse is verbatim, with
// white space re-flowed), and overlap's detections convert to offsets
// that cut out the words overlap matched.
func TestPanConversionOnCorpus(t *testing.T) {
	dir := filepath.Join(evalTestdata, panDir)
	pairs, cases, texts, err := loadPan(dir)
	require.NoError(t, err)
	ctrl := false
	for _, c := range cases {
		st, rt := texts[filepath.Join(dir, panSuspDir, c.Susp)], texts[filepath.Join(dir, panSrcDir, c.Src)]
		so, ro := newRuneOffsets(st), newRuneOffsets(rt)
		sp := string(st[so.Byte(c.SuspOff):so.Byte(c.SuspOff+c.SuspLen)])
		rp := string(rt[ro.Byte(c.SrcOff):ro.Byte(c.SrcOff+c.SrcLen)])
		assert.Equal(t, utf8.RuneCountInString(sp), c.SuspLen)
		assert.Equal(t, strings.Fields(rp), strings.Fields(sp), "%s %s", c.Susp, c.Src)
		assert.Equal(t, string([]rune(string(st))[c.SuspOff:c.SuspOff+c.SuspLen]), sp, "as Python slices it")
		ctrl = ctrl || strings.ContainsFunc(sp+rp, func(r rune) bool { return r < ' ' && r != '\n' && r != '\t' && r != '\r' })
	}
	assert.True(t, ctrl, "the fixture should hold a case with control characters")

	for _, p := range pairs {
		st, rt := texts[filepath.Join(dir, panSuspDir, p.Susp)], texts[filepath.Join(dir, panSrcDir, p.Src)]
		so, ro := newRuneOffsets(st), newRuneOffsets(rt)
		for _, s := range overlap.Compare(overlap.Document{Text: st}, overlap.Document{Text: rt}, overlap.Options{}).Passages {
			d := panDetection(p, so, ro, s)
			assert.Equal(t, string(st[s.A.Start:s.A.End]), string([]rune(string(st))[d.SuspOff:d.SuspOff+d.SuspLen]))
			assert.Equal(t, string(rt[s.B.Start:s.B.End]), string([]rune(string(rt))[d.SrcOff:d.SrcOff+d.SrcLen]))
		}
	}
}

func TestParsePanXML(t *testing.T) {
	const head = `<document reference="suspicious-document00005.txt">` + "\n"
	const feat = `<feature name="plagiarism" obfuscation="none" source_length="698" source_offset="1300" source_reference="source-document01090.txt" this_length="697" this_offset="3593" type="artificial" />` + "\n"
	for _, tc := range []struct {
		name, in string
		want     []annotation
		err      string // part of the error, "" for none
	}{
		{name: "one case", in: head + feat + "</document>\n",
			want: []annotation{ann("suspicious-document00005.txt", "source-document01090.txt", 3593, 697, 1300, 698)}},
		{name: "two cases and another feature", in: head + feat + `<feature name="about" lang="en"/>` + feat + "</document>",
			want: []annotation{ann("suspicious-document00005.txt", "source-document01090.txt", 3593, 697, 1300, 698), ann("suspicious-document00005.txt", "source-document01090.txt", 3593, 697, 1300, 698)}},
		{name: "no case", in: head + "</document>"},
		{name: "not XML", in: "pairs\n", err: "not a PAN document"},
		{name: "other root", in: "<doc/>", err: "not a PAN document"},
		{name: "truncated", in: head + feat, err: "not a PAN document"},
		{name: "trailing element", in: head + "</document><document/>", err: "content after the document element"},
		{name: "no reference", in: "<document>" + feat + "</document>", err: "document reference"},
		{name: "reference with a path", in: `<document reference="../x.txt">` + feat + "</document>", err: "is not a file name"},
		{name: "no source", in: head + `<feature name="plagiarism" this_offset="1" this_length="2"/></document>`, err: "source reference"},
		{name: "negative offset", in: head + strings.Replace(feat, `this_offset="3593"`, `this_offset="-1"`, 1) + "</document>", err: `this_offset="-1"`},
		{name: "not a number", in: head + strings.Replace(feat, `source_length="698"`, `source_length="x"`, 1) + "</document>", err: `source_length="x"`},
		{name: "empty passage", in: head + strings.Replace(feat, `this_length="697"`, `this_length="0"`, 1) + "</document>", err: "empty passage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parsePanXML("truth.xml", []byte(tc.in))
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.True(t, strings.HasPrefix(err.Error(), "truth.xml: "), "the error names the file: %v", err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadPanPairs(t *testing.T) {
	got, err := readPanPairs("pairs", []byte("a.txt b.txt\n\nc.txt  d.txt\r\n"))
	require.NoError(t, err)
	assert.Equal(t, []panPair{{"a.txt", "b.txt"}, {"c.txt", "d.txt"}}, got)
	for _, bad := range []string{"", "\n", "a.txt\n", "a.txt b.txt c.txt\n", "a.txt ../b.txt\n"} {
		_, err := readPanPairs("pairs", []byte(bad))
		assert.ErrorContains(t, err, "pairs", "%q", bad)
	}
}

func TestLoadPanErrors(t *testing.T) {
	dir := t.TempDir()
	_, _, _, err := loadPan(dir)
	assert.ErrorContains(t, err, filepath.Join(dir, panTruthDir, panPairs))

	// A case past the end of its text: texts and truth do not belong
	// together.
	for _, sub := range []string{panTruthDir, panSuspDir, panSrcDir} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, sub), 0o755))
	}
	write := func(name, s string) { require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644)) }
	write(filepath.Join(panTruthDir, panPairs), "s.txt r.txt\n")
	write(filepath.Join(panTruthDir, "s-r.xml"), `<document reference="s.txt"><feature name="plagiarism" this_offset="0" this_length="5" source_reference="r.txt" source_offset="0" source_length="50"/></document>`)
	write(filepath.Join(panSuspDir, "s.txt"), "héllo world")
	write(filepath.Join(panSrcDir, "r.txt"), "héllo")
	_, _, _, err = loadPan(dir)
	assert.ErrorContains(t, err, "r.txt: a case ends at code point 50, past the end of the text (5)")

	write(filepath.Join(panTruthDir, "s-r.xml"), `<document reference="s.txt"><feature name="plagiarism" this_offset="0" this_length="5" source_reference="q.txt" source_offset="0" source_length="5"/></document>`)
	_, _, _, err = loadPan(dir)
	assert.ErrorContains(t, err, "a case of s.txt and q.txt in the file of pair s.txt, r.txt")

	write(filepath.Join(panTruthDir, "s-r.xml"), `<document reference="s.txt"></document>`)
	write(filepath.Join(panSrcDir, "r.txt"), "h\xe9llo")
	_, _, _, err = loadPan(dir)
	assert.ErrorContains(t, err, "r.txt: not UTF-8")
}

// FuzzParsePanXML checks that no input panics the reader, and that what it
// accepts is usable: plain file names and non-empty, non-negative ranges.
func FuzzParsePanXML(f *testing.F) {
	f.Add([]byte(`<document reference="s.txt"><feature name="plagiarism" this_offset="1" this_length="2" source_reference="r.txt" source_offset="3" source_length="4"/></document>`))
	f.Add([]byte(`<document reference="s.txt"></document>`))
	f.Add([]byte(`<?xml version="1.0"?><document reference="s.txt"><feature name="plagiarism" this_offset="99999999999999999999"/></document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		anns, err := parsePanXML("f.xml", data)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "f.xml: "), err.Error())
			return
		}
		for _, a := range anns {
			assert.True(t, validDocName(a.Susp) && validDocName(a.Src), "%+v", a)
			assert.True(t, a.SuspOff >= 0 && a.SuspLen > 0 && a.SrcOff >= 0 && a.SrcLen > 0, "%+v", a)
		}
	})
}

// FuzzReadPanPairs checks the pairs reader likewise.
func FuzzReadPanPairs(f *testing.F) {
	f.Add([]byte("suspicious-document00005.txt source-document01090.txt\n"))
	f.Add([]byte("a b\r\n\r\nc d"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pairs, err := readPanPairs("pairs", data)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "pairs"), err.Error())
			return
		}
		require.NotEmpty(t, pairs)
		for _, p := range pairs {
			assert.True(t, validDocName(p.Susp) && validDocName(p.Src), "%+v", p)
		}
	})
}
