package shingle

import (
	"github.com/textoverlap/overlap/internal/benchdata"

	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The fast paths must agree with the reference tokenizer (reference.go) on
// every input: same spans, same text, same exactness, same count.

func refTokenStream(src []byte) (toks []Token, exact []bool) {
	var r refTokenizer
	r.Reset(src)
	for r.Next() {
		tok := r.tok
		tok.Text = bytes.Clone(tok.Text)
		toks = append(toks, tok)
		exact = append(exact, r.exact)
	}
	return toks, exact
}

func checkAgainstReference(t testing.TB, src []byte) {
	t.Helper()
	want, wantExact := refTokenStream(src)
	var tk Tokenizer
	tk.Reset(src)
	n := 0
	for tk.Next() {
		if n >= len(want) {
			t.Fatalf("%q: extra token %+v", src, tk.Token())
		}
		got := tk.Token()
		if got.Start != want[n].Start || got.End != want[n].End || !bytes.Equal(got.Text, want[n].Text) || tk.exact != wantExact[n] {
			t.Fatalf("%q: token %d: got {%d %d %q exact=%v}, reference {%d %d %q exact=%v}",
				src, n, got.Start, got.End, got.Text, tk.exact, want[n].Start, want[n].End, want[n].Text, wantExact[n])
		}
		n++
	}
	if n != len(want) || tk.Count() != len(want) {
		t.Fatalf("%q: %d tokens (count %d), reference %d", src, n, tk.Count(), len(want))
	}
	if end := tk.Token(); end.Start != len(src) || end.End != len(src) || end.Text != nil {
		t.Fatalf("%q: final token %+v", src, tk.Token())
	}
	// AppendNormalized (which drives the tokenizer directly) agrees too.
	var norm []byte
	for i, tok := range want {
		if i > 0 {
			norm = append(norm, ' ')
		}
		norm = append(norm, tok.Text...)
	}
	if got := AppendNormalized([]byte("x"), src); !bytes.Equal(got, append([]byte("x"), norm...)) {
		t.Fatalf("%q: AppendNormalized %q, reference %q", src, got, norm)
	}
}

var agreementCases = []string{
	"", "a", "A", "ab", "Don’t stop — the long‑range “missiles” cost $1,000.50…",
	"Straße ＦＵＬＬ ﬁne e\u0301 É co\u00ADoperate ŉ ㌫ ½", "中文文本，日本語のテキスト ภาษาไทย",
	"a\xffb\x00c\r\nd\xe2\x80", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz",
	"@[`{/:AZaz09", "1.2.3,4,,5..6 7.x x.7 .5 5.", "rock'n'roll 'tis students' o''k '", "x’y ’x x’ x’’y",
	"Größere Übersicht über НАТО и Україну, ΣΟΦΟΣ ", "x\u200By\u200B \u200Bz", "北约summit summit北约 ๑๒๓,๔๕ ١٬٢٣٤٫٥",
	"İstanbul ǅ ß ŉ ΐ ﬀ Ⅻ ① ㈱ x² ＡＢＣ１２３", "e\u0301\u0301x \u0301\u0301 ニ\u3099ュ ｶﾞ",
}

func TestTokenizerMatchesReference(t *testing.T) {
	for _, s := range agreementCases {
		checkAgainstReference(t, []byte(s))
		// Every prefix, so that each case also ends mid-word and in the
		// last few bytes, where the eight-byte loop hands over.
		for i := range len(s) {
			checkAgainstReference(t, []byte(s[:i]))
			checkAgainstReference(t, []byte(s[i:]))
		}
	}
	// Long enough for whole 64-byte blocks, at every shift against them:
	// words end on block edges, terminators sit at the last byte of a block.
	var all []byte
	for _, s := range agreementCases {
		all = append(all, s...)
		all = append(all, ' ')
	}
	for shift := range 80 {
		checkAgainstReference(t, all[shift:])
		for _, s := range agreementCases[1:] {
			long := bytes.Repeat([]byte(s+strings.Repeat(" ", shift%5)), 200/len(s)+2)
			checkAgainstReference(t, long[shift%len(s):])
		}
	}
	for _, c := range benchdata.All(t) {
		for _, d := range c.Docs {
			checkAgainstReference(t, d)
		}
	}
}

// Every rune, alone and inside and around words, tokenizes as the reference
// says: this checks the runeInfo table against classify, unicode.IsDigit,
// unicode.IsMark and appendFast in context.
// (All of the Basic Multilingual Plane; a sample of the planes above, whose
// blocks are built by the same code. -short samples the BMP too.)
func TestRuneTableMatchesReference(t *testing.T) {
	step := rune(1)
	if testing.Short() {
		step = 7
	}
	var buf []byte
	for r := rune(0x80); r <= utf8.MaxRune; r += step {
		if r == 0xD800 {
			r = 0xE000 // surrogates do not encode
		}
		if r == 0x10000 {
			step *= 29
		}
		buf = append(buf[:0], "Ab1"...)
		buf = utf8.AppendRune(buf, r)
		buf = append(buf, "1'"...)
		buf = utf8.AppendRune(buf, r)
		buf = append(buf, "x "...)
		buf = utf8.AppendRune(buf, r)
		buf = append(buf, '.')
		want, wantExact := refTokenStream(buf)
		var tk Tokenizer
		tk.Reset(buf)
		n := 0
		for tk.Next() {
			got := tk.Token()
			if n >= len(want) || got.Start != want[n].Start || got.End != want[n].End || !bytes.Equal(got.Text, want[n].Text) || tk.exact != wantExact[n] {
				checkAgainstReference(t, buf) // reports the difference
				t.Fatalf("%U differs", r)
			}
			n++
		}
		if n != len(want) {
			t.Fatalf("%U: %d tokens, reference %d", r, n, len(want))
		}
	}
}

func FuzzTokenizerMatchesReference(f *testing.F) {
	for _, s := range agreementCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAgainstReference(t, src)
		if len(src) > 0 && len(src) < 64 {
			// Repeated, the input fills the 64-byte blocks of the fast path.
			checkAgainstReference(t, bytes.Repeat(src, 160/len(src)+1))
		}
	})
}

// hash64 is xxhash.Sum64: check every length across the short/long switch
// and every alignment of the eight-, four- and one-byte tails.
func TestHash64MatchesXXHash(t *testing.T) {
	b := make([]byte, 200)
	for i := range b {
		b[i] = byte(i*131 + i>>3)
	}
	for start := range 9 {
		for n := 0; start+n <= len(b); n++ {
			if got, want := hash64(b[start:start+n]), xxhash.Sum64(b[start:start+n]); got != want {
				t.Fatalf("len %d at %d: %#x, xxhash %#x", n, start, got, want)
			}
		}
	}
}

func FuzzHash64(f *testing.F) {
	f.Add([]byte("kyiv's long range"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := hash64(b), xxhash.Sum64(b); got != want {
			t.Fatalf("%q: %#x, xxhash %#x", b, got, want)
		}
	})
}

// nfkcCasefold is the NFKC_Casefold recipe written out with x/text's
// allocating entry points, to check the folder (which avoids them).
func nfkcCasefold(b []byte) []byte {
	once := norm.NFKC.Bytes(cases.Fold().Bytes(norm.NFKC.Bytes(b)))
	return norm.NFKC.Bytes(once)
}

func TestFolderMatchesRecipe(t *testing.T) {
	var f folder
	check := func(b []byte) {
		t.Helper()
		if got, want := f.fold([]byte("x"), b), append([]byte("x"), nfkcCasefold(b)...); !bytes.Equal(got, want) {
			t.Fatalf("%q: folder %q, recipe %q", b, got, want)
		}
	}
	for r := rune(0x80); r <= utf8.MaxRune; r += 7 {
		check(utf8.AppendRune(nil, r))
	}
	for _, s := range agreementCases {
		check([]byte(s))
	}
	for _, c := range benchdata.All(t) {
		for _, d := range c.Docs {
			for _, w := range bytes.Fields(d) {
				check(w)
			}
		}
	}
}

// Every rune the tokenizer folds by table, whether appendFast's simple
// table admits it or foldAlone does, must meet foldAlone's conditions, on
// which folding runes one by one rests: BoundaryBefore before and after
// case folding.
func TestTableRunesFoldAlone(t *testing.T) {
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		if r == 0xD800 {
			r = 0xE000
		}
		info := lookupRune(r)
		if k := info.class(); (k != word && k != solo) || info&infoSlow != 0 {
			continue
		}
		enc := utf8.AppendRune(nil, r)
		if !norm.NFKC.Properties(enc).BoundaryBefore() {
			t.Fatalf("%U is folded alone but is not BoundaryBefore", r)
		}
		if !norm.NFKC.Properties(cases.Fold().Bytes(norm.NFKC.Bytes(enc))).BoundaryBefore() {
			t.Fatalf("%U is folded alone but its case fold is not BoundaryBefore", r)
		}
		if got := string(nfkcCasefold(enc)); got != string(info.fold()) {
			t.Fatalf("%U folds to %q by table, %q by recipe", r, string(info.fold()), got)
		}
	}
}

// Words of two runes that fold alone fold as the folder folds them whole.
// All pairs from Latin to Arabic, a sample beyond.
func TestTableRunePairs(t *testing.T) {
	var rs []rune
	for r := rune(0x80); r <= 0x10FFF; r++ {
		if r >= 0x800 && r%61 != 0 || r >= 0x3000 && r%997 != 0 {
			continue
		}
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		if info := lookupRune(r); info.class() == word && info&infoSlow == 0 {
			rs = append(rs, r)
		}
	}
	if testing.Short() {
		rs = rs[:len(rs)/4]
	} else {
		rs = rs[:len(rs)/2]
	}
	var f folder
	var w, want []byte
	for _, a := range rs {
		for _, b := range rs {
			w = utf8.AppendRune(utf8.AppendRune(w[:0], a), b)
			want = append(utf8.AppendRune(want[:0], lookupRune(a).fold()), string(lookupRune(b).fold())...)
			if got := f.fold(nil, w); !bytes.Equal(got, want) {
				t.Fatalf("%U %U: folder %q, by rune %q", a, b, got, want)
			}
		}
	}
	t.Logf("%d runes, %d pairs", len(rs), len(rs)*len(rs))
}

// The batched WordShingler against shingles built from the token stream:
// hash, span, index, and Words after every step, as the unbatched
// shingler reported them.
func TestWordShinglerMatchesTokens(t *testing.T) {
	texts := [][]byte{nil, []byte("one"), []byte("one two"), []byte(strings.Repeat("Kyiv’s long‑range plan, 1,000.5 ", 300))}
	for _, c := range benchdata.All(t) {
		texts = append(texts, c.Docs[:min(len(c.Docs), 25)]...)
	}
	var s WordShingler
	for n, text := range texts {
		toks, _ := refTokenStream(text)
		ks := []int{1, 2, 3, 5, 64, 65, 200}
		if n >= 9 {
			ks = ks[:4] // wide shingles on the first texts only: they cost k per shingle here
		}
		for _, k := range ks {
			s.K = k
			s.Reset(text)
			i := 0
			for s.Next() {
				sh := s.Shingle()
				last := min(i+k, len(toks)) - 1
				var words []string
				for _, tok := range toks[i : last+1] {
					words = append(words, string(tok.Text))
				}
				if want := refShingleHash(words...); sh.Hash != want || sh.Start != toks[i].Start || sh.End != toks[last].End || sh.Index != i || s.Words() != last+1 {
					t.Fatalf("k=%d shingle %d: got %+v words %d, want hash %#x span %d-%d words %d",
						k, i, sh, s.Words(), want, toks[i].Start, toks[last].End, last+1)
				}
				i++
			}
			want := max(len(toks)-k+1, 0)
			if len(toks) > 0 && len(toks) < k {
				want = 1
			}
			if i != want || s.Words() != len(toks) || s.Next() {
				t.Fatalf("k=%d: %d shingles, %d words; want %d, %d", k, i, s.Words(), want, len(toks))
			}
		}
	}
}

// A character of a script written without spaces followed by one or two
// marks: every pair and a sample of triples in the scripts where that is
// common.
func TestSoloWithMarksMatchesReference(t *testing.T) {
	var solos, marks []rune
	for r := rune(0x0E00); r < 0x10A0; r++ {
		switch info := lookupRune(r); {
		case info.class() == solo:
			solos = append(solos, r)
		case info&infoMark != 0:
			marks = append(marks, r)
		}
	}
	var buf []byte
	for i, a := range solos {
		for j, m := range marks {
			buf = utf8.AppendRune(utf8.AppendRune(buf[:0], a), m)
			if (i+j)%7 == 0 {
				buf = utf8.AppendRune(buf, marks[(i*j)%len(marks)])
			}
			checkAgainstReference(t, buf)
		}
	}
}

func TestZeroValuesAreEmpty(t *testing.T) {
	var w WordShingler
	var c CharShingler
	var tk Tokenizer
	if w.Next() || c.Next() || tk.Next() || w.Words() != 0 || tk.Count() != 0 {
		t.Fatal("a zero value that was never Reset is not empty")
	}
}
