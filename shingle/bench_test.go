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
