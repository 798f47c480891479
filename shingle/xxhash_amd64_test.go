//go:build gc && !purego

package shingle

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHashLanesAVX512 holds the pipelined lane hasher to WordHash for
// every count of words up to a few pipelines' worth, words of every length
// from 1 to 16 bytes mixed, so that the long-word masks of neighbouring
// groups differ.
func TestHashLanesAVX512(t *testing.T) {
	if !useAVX512 {
		t.Skip("no AVX-512 here")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const max = 100
	words := make([][]byte, max)
	xs, ys := make([]uint64, max), make([]uint64, max)
	for i := range words {
		w := make([]byte, 16)
		for j := range w {
			w[j] = byte(1 + rng.IntN(255)) // a normalised word has no zero byte
		}
		w = w[:1+rng.IntN(16)]
		if i%7 == 0 {
			w = w[:8] // the longest short word
		}
		if i%11 == 0 {
			w = w[:9] // the shortest long one
		}
		words[i] = w
		xs[i] = lastLane(w)
		if len(w) > 8 {
			xs[i] = binary.LittleEndian.Uint64(w)
			ys[i] = lastLane(w[8:])
		}
	}
	for n := 0; n <= max; n++ {
		dst := make([]uint64, n+3)
		copy(dst, xs[:n])
		dst[n], dst[n+1], dst[n+2] = 7, 8, 9 // past the end: left alone
		hashLanesAVX512(dst[:n], ys[:n])
		for i, w := range words[:n] {
			require.Equal(t, WordHash(w), dst[i], "n=%d word %d (%d bytes)", n, i, len(w))
		}
		require.Equal(t, []uint64{7, 8, 9}, dst[n:], "n=%d", n)
	}
}

func BenchmarkHashLanesAVX512(b *testing.B) {
	if !useAVX512 {
		b.Skip("no AVX-512 here")
	}
	xs, ys := make([]uint64, 512), make([]uint64, 512)
	for i := range xs {
		xs[i] = uint64(i)*prime3 | 0x0101010101010101
		if i%5 == 0 {
			ys[i] = uint64(i) | 1
		}
	}
	dst := make([]uint64, len(xs))
	b.SetBytes(8 * int64(len(xs)))
	b.ReportAllocs()
	for b.Loop() {
		copy(dst, xs)
		hashLanesAVX512(dst, ys)
	}
}
