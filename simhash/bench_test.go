package simhash

// Throughput benchmarks for fingerprinting raw text end to end. Each
// operation fingerprints every document of a corpus once, as separate texts,
// with one Hasher reused as a long-running indexer would; b.SetBytes is the
// corpus size, so MB/s is of original input. A warm-up pass before the
// timed loop grows the buffers, so allocs/op shows the steady state.
// BENCHMARKS.md at the module root has the commands and the results; the
// corpora are those of shingle/bench_test.go.

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/textoverlap/overlap/shingle"
)

type benchCorpus struct {
	name    string
	docs    [][]byte
	size    int64
	missing string // why the corpus is not on this machine: skip
}

// pan13Dir is where the PAN13 source documents live relative to this
// package's directory (the module sits beside shared/); OVERLAP_PAN13_DIR
// overrides it.
func pan13Dir() string {
	if d := os.Getenv("OVERLAP_PAN13_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpora", "pan13_no_obfuscation", "src")
}

func loadCorpus(tb testing.TB, name string, patterns ...string) benchCorpus {
	tb.Helper()
	c := benchCorpus{name: name}
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

func benchCorpora(tb testing.TB) []benchCorpus {
	udhr := func(langs ...string) []string {
		var ps []string
		for _, l := range langs {
			ps = append(ps, filepath.Join("..", "testdata", "bench", "udhr", l+".txt"))
		}
		return ps
	}
	cs := []benchCorpus{
		loadCorpus(tb, "seeds", filepath.Join("..", "seeds", "*.txt")),
		loadCorpus(tb, "pan13", filepath.Join(pan13Dir(), "*.txt")),
		loadCorpus(tb, "udhr_latin", udhr("deu_1996", "fra")...),
		loadCorpus(tb, "udhr_nonascii", udhr("rus", "ell_monotonic", "cmn_hans", "jpn", "arb")...),
		loadCorpus(tb, "udhr_cyrl_grek", udhr("rus", "ell_monotonic")...),
		loadCorpus(tb, "udhr_cjk", udhr("cmn_hans", "jpn")...),
		loadCorpus(tb, "udhr_arab", udhr("arb")...),
	}
	for _, c := range cs {
		if c.missing != "" && c.name != "pan13" {
			tb.Fatalf("corpus %s: %s", c.name, c.missing)
		}
	}
	return cs
}

func forCorpora(b *testing.B, fn func(docs [][]byte)) {
	for _, c := range benchCorpora(b) {
		b.Run(c.name, func(b *testing.B) {
			if c.missing != "" {
				b.Skip(c.missing)
			}
			b.SetBytes(c.size)
			b.ReportAllocs()
			fn(c.docs) // warm-up: grow the buffers
			cpu := startCPUTimer()
			for b.Loop() {
				fn(c.docs)
			}
			cpu.report(b, c.size)
		})
	}
}

// cpuTimer measures the CPU time the benchmark's thread actually ran, from
// /proc/thread-self/schedstat (Linux; elsewhere it reports nothing). On a
// machine shared with other jobs, wall-clock ns/op and MB/s include the
// time the benchmark waited for a core; cpu-MB/s does not, so it is the
// steadier figure to compare (benchstat shows both).
type cpuTimer struct {
	start time.Duration
	ok    bool
}

func startCPUTimer() cpuTimer {
	runtime.LockOSThread() // b.Loop runs on this goroutine: keep it on this thread
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

var fpSink Fingerprint

// BenchmarkHasherSum is the number the project's goal is stated in: raw
// text to fingerprint (normalise, tokenise, shingle, hash, accumulate).
func BenchmarkHasherSum(b *testing.B) {
	var h Hasher
	forCorpora(b, func(docs [][]byte) {
		for _, d := range docs {
			f, _ := h.Sum(d)
			fpSink ^= f
		}
	})
}

// BenchmarkSum is the pooled, concurrency-safe entry point.
func BenchmarkSum(b *testing.B) {
	forCorpora(b, func(docs [][]byte) {
		for _, d := range docs {
			fpSink ^= Sum(d)
		}
	})
}

// BenchmarkBuilderAdd accumulates precomputed word-shingle hashes: the
// Builder's share of HasherSum. MB/s is of the text the features came from,
// so it compares with HasherSum directly; ns/feature is the cost per Add.
func BenchmarkBuilderAdd(b *testing.B) {
	for _, c := range benchCorpora(b) {
		b.Run(c.name, func(b *testing.B) {
			if c.missing != "" {
				b.Skip(c.missing)
			}
			var feats [][]uint64
			n := 0
			for _, d := range c.docs {
				var hs []uint64
				for s := range shingle.WordShingles(d, 0) {
					hs = append(hs, s.Hash)
				}
				feats = append(feats, hs)
				n += len(hs)
			}
			b.SetBytes(c.size)
			b.ReportAllocs()
			var bl Builder
			cpu := startCPUTimer()
			for b.Loop() {
				for _, hs := range feats {
					bl.Reset()
					for _, h := range hs {
						bl.Add(h)
					}
					fpSink ^= bl.Sum()
				}
			}
			cpu.report(b, c.size)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/feature")
		})
	}
}
