package shingle

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func addSeeds(f *testing.F) {
	f.Add([]byte("Don’t stop — the long‑range “missiles” cost $1,000.50…"))
	f.Add([]byte("Straße ＦＵＬＬ ﬁne e\u0301 É co\u00ADoperate ŉ ㌫ ½"))
	f.Add([]byte("中文文本，日本語のテキスト ภาษาไทย"))
	f.Add([]byte("a\xffb\x00c\r\nd\xe2\x80"))
	f.Add([]byte(""))
}

func FuzzTokenizer(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		var tk Tokenizer
		tk.Reset(src)
		prev := 0
		for tk.Next() {
			tok := tk.Token()
			require.True(t, prev <= tok.Start && tok.Start < tok.End && tok.End <= len(src), "span [%d,%d) after %d in %d bytes", tok.Start, tok.End, prev, len(src))
			require.NotEmpty(t, tok.Text)
			if utf8.Valid(src) {
				require.True(t, utf8.Valid(tok.Text))
			}
			prev = tok.End
		}
	})
}

func FuzzShingles(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		words := 0
		for range Tokens(src) {
			words++
		}
		for _, k := range []int{1, 3} {
			n := 0
			for s := range WordShingles(src, k) {
				require.True(t, 0 <= s.Start && s.Start < s.End && s.End <= len(src))
				require.Equal(t, n, s.Index)
				n++
			}
			want := max(words-k+1, 0)
			if words > 0 && words < k {
				want = 1
			}
			require.Equal(t, want, n)
		}
		for s := range CharShingles(src, 3) {
			require.True(t, 0 <= s.Start && s.Start < s.End && s.End <= len(src), "char span [%d,%d) of %d", s.Start, s.End, len(src))
		}
		// A shingle's hash is made of its words' normalised text.
		if words >= 2 {
			var texts []string
			for tok := range Tokens(src) {
				texts = append(texts, string(tok.Text))
			}
			var first Shingle
			for s := range WordShingles(src, 1<<20) {
				first = s
			}
			require.Equal(t, refShingleHash(texts...), first.Hash)
			var hs [3]uint64
			var tk Tokenizer
			tk.Reset(src)
			require.Equal(t, min(words, 3), tk.ReadHashes(hs[:]))
			for i, w := range texts[:min(words, 3)] {
				require.Equal(t, refWordHash(w), hs[i], "ReadHashes word %d", i)
			}
		}
	})
}

func FuzzWinnow(f *testing.F) {
	f.Add([]byte{3, 1, 4, 1, 5, 9, 2, 6}, uint8(3))
	f.Add([]byte{}, uint8(1))
	f.Add([]byte{7, 7, 7, 7}, uint8(2))
	f.Fuzz(func(t *testing.T, hs []byte, w8 uint8) {
		w := int(w8%32) + 1
		v := NewWinnower(w)
		last := -1
		for i, h := range hs {
			if s, ok := v.Push(Shingle{Hash: uint64(h), Index: i}); ok {
				require.Greater(t, s.Index, last, "selections move forward")
				require.Greater(t, s.Index, i-w, "selection inside the window")
				last = s.Index
			}
		}
		if len(hs) > 0 {
			require.GreaterOrEqual(t, last, 0, "a non-empty stream selects something")
		}
	})
}

// ReadHashes must give the WordHash of every word Next finds, in batches
// of any size: its fast paths (the bitmaps, and word by word for other
// scripts) must agree with the general tokenizer wherever they hand over.
func FuzzReadHashes(f *testing.F) {
	addSeeds(f)
	f.Add([]byte("Всеобщая декларация прав человека — ἄνθρωπος ΣΟΦΟΣ 第一条 人人生而自由 עברית العربية"))
	f.Add([]byte("It’s o’clock’s rock’n’roll, l’été “end.” 5,٣ 1,000.5\u00a0internationalizations—x don't"))
	f.Add([]byte("Die Würde des Menschen ist unantastbar. Straße, ÜBER l'été d’aujourd’hui à ÿ×÷ é\u0301 e\u0301 « naïve » 3,5é"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkReadHashes(t, "input", src, 1, 2, 7, 64)
	})
}
