package bench

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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
type corpus struct {
	name    string
	docs    [][]byte
	size    int64
	missing string
}

func pan13Dir() string {
	if d := os.Getenv("OVERLAP_PAN13_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpora", "pan13_no_obfuscation", "src")
}

func load(tb testing.TB, name string, patterns ...string) corpus {
	tb.Helper()
	c := corpus{name: name}
	var paths []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, m...)
	}
	slices.Sort(paths)
	if len(paths) == 0 {
		c.missing = "no files match " + filepath.Join(patterns...)
		return c
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		c.docs = append(c.docs, b)
		c.size += int64(len(b))
	}
	return c
}

func corpora(tb testing.TB) []corpus {
	udhr := func(langs ...string) []string {
		var ps []string
		for _, l := range langs {
			ps = append(ps, filepath.Join("..", "testdata", "bench", "udhr", l+".txt"))
		}
		return ps
	}
	cs := []corpus{
		load(tb, "seeds", filepath.Join("..", "seeds", "*.txt")),
		load(tb, "pan13", filepath.Join(pan13Dir(), "*.txt")),
		load(tb, "udhr_latin", udhr("deu_1996", "fra")...),
		load(tb, "udhr_nonascii", udhr("rus", "ell_monotonic", "cmn_hans", "jpn", "arb")...),
	}
	for _, c := range cs {
		if c.missing != "" && c.name != "pan13" {
			tb.Fatalf("corpus %s: %s", c.name, c.missing)
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
			b.Run("corpus="+c.name+"/lib="+lib.name, func(b *testing.B) {
				if c.missing != "" {
					b.Skip(c.missing)
				}
				var h simhash.Hasher
				b.SetBytes(c.size)
				b.ReportAllocs()
				for _, d := range c.docs { // warm-up
					sink ^= lib.sum(&h, d)
				}
				cpu := startCPUTimer()
				for b.Loop() {
					for _, d := range c.docs {
						sink ^= lib.sum(&h, d)
					}
				}
				cpu.report(b, c.size)
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
		for i, d := range c.docs[:min(len(c.docs), 50)] {
			for _, lib := range libs {
				f := lib.sum(&h, d)
				if f == 0 || f != lib.sum(&h, d) {
					t.Errorf("%s doc %d: %s gives %#x, then %#x", c.name, i, lib.name, f, lib.sum(&h, d))
				}
			}
		}
	}
	seeds := corpora(t)[0].docs
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

// cpuTimer: see simhash/bench_test.go. cpu-MB/s counts only the time the
// benchmark's thread was on a core (/proc/thread-self/schedstat, Linux).
type cpuTimer struct {
	start time.Duration
	ok    bool
}

func startCPUTimer() cpuTimer {
	runtime.LockOSThread()
	t, ok := threadCPUTime()
	return cpuTimer{t, ok}
}

func (c cpuTimer) report(b *testing.B, bytesPerOp int64) {
	defer runtime.UnlockOSThread()
	t, ok := threadCPUTime()
	if !c.ok || !ok || b.N == 0 || t <= c.start {
		return
	}
	perOp := float64(t-c.start) / float64(b.N)
	b.ReportMetric(float64(bytesPerOp)/perOp*1e3, "cpu-MB/s")
}

func threadCPUTime() (time.Duration, bool) {
	s, err := os.ReadFile("/proc/thread-self/schedstat")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(s))
	if len(f) == 0 {
		return 0, false
	}
	ns, err := strconv.ParseInt(f[0], 10, 64)
	return time.Duration(ns), err == nil
}
