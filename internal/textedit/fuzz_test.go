package textedit

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// byteReader hands out fuzz input one byte at a time, zeros once it runs
// out, so every input decodes to something.
type byteReader struct {
	data []byte
	pos  int
}

func (r *byteReader) next() byte {
	if r.pos >= len(r.data) {
		return 0
	}
	b := r.data[r.pos]
	r.pos++
	return b
}

// randomMap decodes an injective partial map from [0,dstLen) into
// [0,srcLen), -1 meaning unmapped. Bytes favour continuing the previous
// run so that long spans, the interesting case, are common.
func randomMap(r *byteReader, srcLen, dstLen int) []int {
	m := make([]int, dstLen)
	used := make([]bool, srcLen)
	for d := range m {
		m[d] = -1
		b := r.next()
		switch {
		case b < 64 || srcLen == 0:
		case b < 200 && d > 0 && m[d-1] >= 0 && m[d-1]+1 < srcLen && !used[m[d-1]+1]:
			m[d] = m[d-1] + 1
		default:
			if x := int(r.next()) % srcLen; !used[x] {
				m[d] = x
			}
		}
		if m[d] >= 0 {
			used[m[d]] = true
		}
	}
	return m
}

// scramble returns a valid but non-canonical form of a: spans split at
// points chosen by r and listed in an order chosen by r, since Then must
// accept any valid alignment.
func scramble(r *byteReader, a Alignment) Alignment {
	var out Alignment
	for _, s := range a {
		for s.Len() > 1 && r.next()&1 == 1 {
			cut := 1 + int(r.next())%(s.Len()-1)
			out = append(out, Span{s.SrcStart, s.SrcStart + cut, s.DstStart, s.DstStart + cut})
			s = Span{s.SrcStart + cut, s.SrcEnd, s.DstStart + cut, s.DstEnd}
		}
		out = append(out, s)
	}
	for i := len(out) - 1; i > 0; i-- {
		j := int(r.next()) % (i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// textThrough builds a text of length n whose bytes follow m from src
// where mapped and are otherwise fresh, so the alignment verifies.
func textThrough(r *byteReader, src []byte, m []int) []byte {
	out := make([]byte, len(m))
	for d, s := range m {
		if s >= 0 {
			out[d] = src[s]
		} else {
			out[d] = 'a' + r.next()%26
		}
	}
	return out
}

// FuzzCompose checks Then against composing byte maps directly: for
// alignments x→y and y→z, z[k] comes from x[i] exactly when z[k] was copied
// from some y[j] that was itself copied from x[i].
func FuzzCompose(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{10, 10, 10, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 255, 3, 100, 100, 100, 100, 100})
	f.Add([]byte("the quick brown fox jumps over the lazy dog, twice: the quick brown fox jumps over the lazy dog"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{data: data}
		nx, ny, nz, nw := int(r.next()%48), int(r.next()%48), int(r.next()%48), int(r.next()%48)
		xy := randomMap(r, nx, ny) // y index -> x index
		yz := randomMap(r, ny, nz)
		zw := randomMap(r, nz, nw)
		a, b, c := spansFromMap(xy), spansFromMap(yz), spansFromMap(zw)

		xz := make([]int, nz)
		for k, j := range yz {
			xz[k] = -1
			if j >= 0 {
				xz[k] = xy[j]
			}
		}
		want := spansFromMap(xz)
		got := scramble(r, a).Then(scramble(r, b))
		require.Equal(t, want, got)
		require.Equal(t, xz, mapFromSpans(got, nz))

		// Associativity, inversion and verification on texts that really
		// share the mapped bytes.
		require.Equal(t, a.Then(b).Then(c), a.Then(b.Then(c)))
		require.Equal(t, got.Invert(), b.Invert().Then(a.Invert()))
		require.Equal(t, a, scramble(r, a).Canonical())
		require.Equal(t, a, a.Invert().Invert())
		x := textThrough(r, nil, mapFromSpans(nil, nx))
		y := textThrough(r, x, xy)
		z := textThrough(r, y, yz)
		require.NoError(t, a.Verify(x, y))
		require.NoError(t, b.Verify(y, z))
		require.NoError(t, got.Verify(x, z))
	})
}

// FuzzEdits applies a pipeline chosen by the input to an arbitrary text and
// checks the promises every edit makes.
func FuzzEdits(f *testing.F) {
	f.Add("", uint64(0), []byte{})
	f.Add("One paragraph.\n\nAnother “quoted” one, isn’t it?\n", uint64(1), []byte{0, 3, 7, 12})
	f.Add("a\r\nb c\r\n\r\n  d\te\n", uint64(2), []byte{1, 2, 4, 5, 6, 8, 9, 10, 11, 13, 14})
	f.Add("bad \xff utf8 \xc3", uint64(3), []byte{0, 1, 2, 9, 10, 12})
	ops := []func(r *byteReader) Edit{
		func(r *byteReader) Edit { return Substitute(float64(r.next()) / 255) },
		func(r *byteReader) Edit { return Delete(float64(r.next()) / 255) },
		func(r *byteReader) Edit { return Insert(float64(r.next()) / 255) },
		func(r *byteReader) Edit { return Truncate(float64(r.next()) / 255) },
		func(*byteReader) Edit { return SwapParagraphs() },
		func(*byteReader) Edit { return AddHeader("Reuters — Filed 14:02 GMT") },
		func(*byteReader) Edit { return AddFooter("Share this article") },
		func(*byteReader) Edit { return StraightenQuotes() },
		func(*byteReader) Edit { return CurlQuotes() },
		func(r *byteReader) Edit { return ChangeCase(CaseMode(r.next() % 3)) },
		func(r *byteReader) Edit { return Reflow(int(r.next()%90), r.next()&1 == 1) },
		func(*byteReader) Edit { return CollapseWhitespace() },
		func(r *byteReader) Edit { return LineEndings(r.next()&1 == 1) },
		func(r *byteReader) Edit {
			return Quote("q", []byte("a quoted “passage”\nover two lines of text"), int(r.next()%12))
		},
	}
	f.Fuzz(func(t *testing.T, text string, seed uint64, choice []byte) {
		if len(text) > 4096 || len(choice) > 64 {
			// Stacked insertions can double a text per step; bounding the
			// input keeps each run fast without losing any code path.
			t.Skip()
		}
		r := &byteReader{data: choice}
		var es []Edit
		for range 8 {
			if r.pos >= len(choice) {
				break
			}
			es = append(es, ops[int(r.next())%len(ops)](r))
		}
		src := []byte(text)
		res := Compose(es...).Apply(src, newRand(seed))
		require.NoError(t, res.Align.Verify(src, res.Text))
		require.Equal(t, res.Align.Canonical(), res.Align)
		if utf8.Valid(src) {
			require.True(t, utf8.Valid(res.Text))
		}
		for _, b := range res.Borrowed {
			require.NoError(t, b.Align.Verify([]byte("a quoted “passage”\nover two lines of text"), res.Text))
		}
		require.Equal(t, res, Compose(es...).Apply(src, newRand(seed)))
		require.GreaterOrEqual(t, res.Stats.ChangeFraction(), 0.0)
	})
}
