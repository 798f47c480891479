package shingle

import (
	"encoding/binary"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refShingleHashes is AppendShingleHashes spelled out with xxhash.Sum64 of
// each run's hashes as bytes.
func refShingleHashes(words []uint64, k int) []uint64 {
	var out []uint64
	for i := 0; i+k <= len(words); i++ {
		var b []byte
		for _, w := range words[i : i+k] {
			b = binary.LittleEndian.AppendUint64(b, w)
		}
		out = append(out, xxhash.Sum64(b))
	}
	return out
}

// paths lists the values of useAVX512 this machine can run.
func paths() []bool {
	if useAVX512 {
		return []bool{false, true}
	}
	return []bool{false}
}

// eachPath runs f as a subtest or sub-benchmark once for each path of
// paths: "portable" with the AVX-512 loops off, then "avx512".
func eachPath[T interface{ Run(string, func(T)) bool }](tb T, f func(T)) {
	defer func(on bool) { useAVX512 = on }(useAVX512)
	for _, avx := range paths() {
		useAVX512 = avx
		name := "portable"
		if avx {
			name = "avx512"
		}
		tb.Run(name, f)
	}
}

func TestAppendShingleHashes(t *testing.T) { eachPath(t, testAppendShingleHashes) }

func testAppendShingleHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]uint64, 120) // past pipelineMin, and the pipelines of the AVX-512 loops
	for i := range words {
		words[i] = rng.Uint64()
	}
	// Edge values too: the per-word rounds must not be shared across
	// positions by mistake, and all-zero or all-one input must hash as
	// bytes do.
	words[3], words[4], words[5] = 0, ^uint64(0), words[2]
	prefix := []uint64{7, 8, 9}
	for k := 1; k <= 9; k++ {
		for n := 0; n <= len(words); n++ {
			want := refShingleHashes(words[:n], k)
			got := AppendShingleHashes(nil, words[:n], k)
			require.Equal(t, len(want), len(got), "k=%d n=%d", k, n)
			if len(want) > 0 {
				require.Equal(t, want, got, "k=%d n=%d", k, n)
			}
			// Appended after what dst holds, which is left alone, into
			// spare capacity or not.
			for _, c := range []int{len(prefix), len(prefix) + len(want)} {
				dst := append(make([]uint64, 0, c), prefix...)
				got := AppendShingleHashes(dst, words[:n], k)
				require.Equal(t, append(append([]uint64(nil), prefix...), want...), got, "k=%d n=%d cap=%d", k, n, c)
			}
		}
	}
	for _, k := range []int{0, -1} {
		assert.Equal(t, prefix, AppendShingleHashes(prefix, words, k), "k=%d", k)
	}
}

func TestShingleHashesDoNotAllocate(t *testing.T) {
	words := make([]uint64, 128)
	for i := range words {
		words[i] = uint64(i) * prime3
	}
	dst := make([]uint64, 0, len(words))
	for _, k := range []int{2, 3} {
		allocs := testing.AllocsPerRun(100, func() { dst = AppendShingleHashes(dst[:0], words, k) })
		assert.Zero(t, allocs, "k=%d", k)
	}
}

// BenchmarkShingleHashes combines a batch of word hashes, the size the
// simhash Hasher uses, into shingle hashes: MB/s of word hashes read.
func BenchmarkShingleHashes(b *testing.B) {
	words := make([]uint64, 512)
	for i := range words {
		words[i] = uint64(i) * prime3
	}
	dst := make([]uint64, 0, len(words))
	for _, k := range []int{2, 3} {
		b.Run("k="+strconv.Itoa(k), func(b *testing.B) {
			eachPath(b, func(b *testing.B) {
				b.SetBytes(int64(8 * len(words)))
				b.ReportAllocs()
				for b.Loop() {
					dst = AppendShingleHashes(dst[:0], words, k)
				}
				hashSink += dst[0]
			})
		})
	}
}
