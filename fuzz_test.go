package overlap

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/textoverlap/overlap/shingle"
)

// FuzzReport runs the whole report pipeline on texts cut from the fuzzer's
// input: no panic, every span inside its text, every passage's two sides
// the same words, every repeat's copies the same words.
func FuzzReport(f *testing.F) {
	f.Add([]byte("No time to read?\nGet a summary\nNo time to read?\nGet a summary\x00the same words here again and again\x00the same words here again and again"), uint8(3))
	f.Add([]byte("a a a a a a a a a a a a\x00a a a a a a a a a\x00"), uint8(1))
	f.Add([]byte("Kyiv’s long‑range “missiles”\r\n\xff\xfe\x00KYIV'S long-range missiles"), uint8(2))
	f.Fuzz(func(t *testing.T, in []byte, mw uint8) {
		var docs []Document
		for i, part := range bytes.Split(in, []byte{0}) {
			docs = append(docs, Document{ID: string(rune('a' + i%26)), Text: part})
		}
		o := Options{MinWords: int(mw%12) + 1, Boilerplate: int(mw % 4)}
		r := NewReport(docs, o)
		require.Len(t, r.Documents, len(docs))
		find := func(id string) []byte {
			for _, d := range docs {
				if d.ID == id {
					return d.Text
				}
			}
			t.Fatalf("no document %q", id)
			return nil
		}
		inside := func(b []byte, s Span) {
			require.True(t, 0 <= s.Start && s.Start < s.End && s.End <= len(b), "span %v of %d bytes", s, len(b))
		}
		for _, p := range r.Pairs {
			a, b := find(p.A), find(p.B)
			for _, s := range p.Passages {
				inside(a, s.A)
				inside(b, s.B)
				require.GreaterOrEqual(t, s.Words, o.minWords())
				if o.maxGap() == 0 {
					require.Equal(t, shingle.Normalize(string(a[s.A.Start:s.A.End])), shingle.Normalize(string(b[s.B.Start:s.B.End])))
				}
			}
		}
		for _, rep := range r.Repeats {
			text := find(rep.ID)
			require.GreaterOrEqual(t, len(rep.Spans), 2)
			first := ""
			for k, s := range rep.Spans {
				inside(text, s)
				n := shingle.Normalize(string(text[s.Start:s.End]))
				if k == 0 {
					first = n
				}
				require.Equal(t, first, n)
			}
		}
	})
}
