package bench

import (
	"github.com/textoverlap/overlap/internal/benchdata"

	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	mfonda "github.com/mfonda/simhash"
	"github.com/textoverlap/overlap/simhash"
	"golang.org/x/text/unicode/norm"
)

// The corpora of shingle/bench_test.go and simhash/bench_test.go, from this
// module's directory: the five seed articles and, when present, the PAN13
// web-prose sources (ASCII-heavy English); the Universal Declaration of
// Human Rights in German and French, and in Russian, Greek, Chinese,
// Japanese and Arabic (testdata/bench/udhr, see its SOURCE.md).
// corpora are the inputs compared: English news and web prose, and the
// UDHR in Latin and in other scripts (package internal/benchdata).
func corpora(tb testing.TB) []benchdata.Corpus {
	var cs []benchdata.Corpus
	for _, c := range benchdata.All(tb) {
		switch c.Name {
		case "seeds", "pan13", "udhr_latin", "udhr_nonascii":
			cs = append(cs, c)
		}
	}
	return cs
}

// The fingerprinters compared, each fingerprinting one document.
var libs = []struct {
	name string
	sum  func(h *simhash.Hasher, doc []byte) uint64
}{
	{"overlap", func(h *simhash.Hasher, doc []byte) uint64 {
		f, _ := h.Sum(doc)
		return uint64(f)
	}},
	// mfonda/simhash's documented use: words (regexp [\w']+, which is
	// ASCII only) lowercased, each weighted 1.
	{"mfonda", func(_ *simhash.Hasher, doc []byte) uint64 {
		return mfonda.Simhash(mfonda.NewWordFeatureSet(doc))
	}},
	// Its Unicode variant (NFKC, then words of letters), the fairer match
	// for text that is not ASCII.
	{"mfonda-unicode", func(_ *simhash.Hasher, doc []byte) uint64 {
		return mfonda.Simhash(mfonda.NewUnicodeWordFeatureSet(doc, norm.NFKC))
	}},
}

var sink uint64

// BenchmarkFingerprint fingerprints every document of a corpus per
// operation with each library; MB/s is of original text. Compare with
//
//	benchstat -col /lib results.txt
func BenchmarkFingerprint(b *testing.B) {
	for _, c := range corpora(b) {
		for _, lib := range libs {
			b.Run("corpus="+c.Name+"/lib="+lib.name, func(b *testing.B) {
				var h simhash.Hasher
				benchdata.Run(b, c, func(docs [][]byte) {
					for _, d := range docs {
						sink ^= lib.sum(&h, d)
					}
				})
			})
		}
	}
}

// BenchmarkCalibration measures xxhash64 alone in the same run: on long
// input, and on 18 bytes, about a word 3-shingle. On a shared machine the
// other results scale with these.
func BenchmarkCalibration(b *testing.B) {
	long := make([]byte, 64<<10)
	short := []byte("kyiv's long range!")
	b.Run("xxhash=64KiB", func(b *testing.B) {
		b.SetBytes(int64(len(long)))
		for b.Loop() {
			sink ^= xxhash.Sum64(long)
		}
	})
	b.Run("xxhash=18B", func(b *testing.B) {
		b.SetBytes(int64(len(short)))
		for b.Loop() {
			sink ^= xxhash.Sum64(short)
		}
	})
}

// Both libraries fingerprint every corpus document, deterministically, and
// tell the five seed articles apart; overlap's fingerprint is also blind to
// formatting that mfonda's is not.
func TestBothFingerprint(t *testing.T) {
	var h simhash.Hasher
	for _, c := range corpora(t) {
		for i, d := range c.Docs[:min(len(c.Docs), 50)] {
			for _, lib := range libs {
				f := lib.sum(&h, d)
				if f == 0 || f != lib.sum(&h, d) {
					t.Errorf("%s doc %d: %s gives %#x, then %#x", c.Name, i, lib.name, f, lib.sum(&h, d))
				}
			}
		}
	}
	seeds := corpora(t)[0].Docs
	for _, lib := range libs {
		seen := map[uint64]bool{}
		for _, d := range seeds {
			seen[lib.sum(&h, d)] = true
		}
		if len(seen) != len(seeds) {
			t.Errorf("%s: %d distinct fingerprints for %d seeds", lib.name, len(seen), len(seeds))
		}
	}
	orig := seeds[0]
	crlf := []byte(strings.ReplaceAll(string(orig), "\n", "\r\n"))
	upper := []byte(strings.ToUpper(string(orig)))
	for _, v := range [][]byte{crlf, upper} {
		if a, b := libs[0].sum(&h, orig), libs[0].sum(&h, v); a != b {
			t.Errorf("overlap: %#x for the seed, %#x for a reformatted copy", a, b)
		}
	}
}
