package simhash

// Throughput benchmarks for fingerprinting raw text end to end. Each
// operation fingerprints every document of a corpus once, as separate texts,
// with one Hasher reused as a long-running indexer would; b.SetBytes is the
// corpus size, so MB/s is of original input. A warm-up pass before the
// timed loop grows the buffers, so allocs/op shows the steady state.
// BENCHMARKS.md at the module root has the commands and the results; the
// corpora are package internal/benchdata's.

import (
	"github.com/textoverlap/overlap/internal/benchdata"

	"testing"

	"github.com/textoverlap/overlap/shingle"
)

var fpSink Fingerprint

// BenchmarkHasherSum is the number the project's goal is stated in: raw
// text to fingerprint (normalise, tokenise, shingle, hash, accumulate).
func BenchmarkHasherSum(b *testing.B) {
	var h Hasher
	benchdata.Each(b, func(docs [][]byte) {
		for _, d := range docs {
			f, _ := h.Sum(d)
			fpSink ^= f
		}
	})
}

// BenchmarkSum is the pooled, concurrency-safe entry point.
func BenchmarkSum(b *testing.B) {
	benchdata.Each(b, func(docs [][]byte) {
		for _, d := range docs {
			fpSink ^= Sum(d)
		}
	})
}

// BenchmarkBuilderAdd accumulates precomputed word-shingle hashes: the
// Builder's share of HasherSum. MB/s is of the text the features came from,
// so it compares with HasherSum directly; ns/feature is the cost per Add.
func BenchmarkBuilderAdd(b *testing.B) {
	for _, c := range benchdata.All(b) {
		b.Run(c.Name, func(b *testing.B) {
			var feats [][]uint64
			n := 0
			for _, d := range c.Docs {
				var hs []uint64
				for s := range shingle.WordShingles(d, DefaultWords) {
					hs = append(hs, s.Hash)
				}
				feats = append(feats, hs)
				n += len(hs)
			}
			var bl Builder
			benchdata.Run(b, c, func([][]byte) {
				for _, hs := range feats {
					bl.Reset()
					for _, h := range hs {
						bl.Add(h)
					}
					fpSink ^= bl.Sum()
				}
			})
			if n > 0 {
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/feature")
			}
		})
	}
}
