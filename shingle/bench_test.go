package shingle

// Throughput benchmarks. Every benchmark reports MB/s of original input
// (b.SetBytes) and allocations per operation; one operation processes every
// document of a corpus once, each as a separate text, with the same
// Tokenizer or shingler reset between documents as a long-running indexer
// would. A warm-up pass before the timed loop grows the buffers, so
// allocs/op shows the steady state. BENCHMARKS.md at the module root has the
// commands and the results.
//
// Corpora (package internal/benchdata): the five seed articles and, when present on
// this machine, the PAN13 web-prose source documents (ASCII-heavy English);
// the Universal Declaration of Human Rights in German and French (Latin
// script with a few diacritics) and in Russian, Greek, Chinese, Japanese
// and Arabic (non-ASCII almost throughout), from testdata/bench/udhr.

import (
	"strconv"
	"testing"

	"github.com/textoverlap/overlap/internal/benchdata"
)

var hashSink uint64

func BenchmarkTokenizer(b *testing.B) {
	var t Tokenizer
	benchdata.Each(b, func(docs [][]byte) {
		for _, d := range docs {
			t.Reset(d)
			for t.Next() {
			}
		}
		hashSink += uint64(t.Count())
	})
}

func BenchmarkWordShingler(b *testing.B) {
	var s WordShingler
	benchdata.Each(b, func(docs [][]byte) {
		for _, d := range docs {
			s.Reset(d)
			for s.Next() {
				hashSink += s.Shingle().Hash
			}
		}
	})
}

func BenchmarkCharShingler(b *testing.B) {
	var s CharShingler
	benchdata.Each(b, func(docs [][]byte) {
		for _, d := range docs {
			s.Reset(d)
			for s.Next() {
				hashSink += s.Shingle().Hash
			}
		}
	})
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
			eachPathB(b, func(b *testing.B) {
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

// eachPathB is eachPath for benchmarks.
func eachPathB(b *testing.B, f func(b *testing.B)) {
	b.Run("portable", func(b *testing.B) {
		defer func(on bool) { useAVX512 = on }(useAVX512)
		useAVX512 = false
		f(b)
	})
	if useAVX512 {
		b.Run("avx512", f)
	}
}
