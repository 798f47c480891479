package shingle

// Throughput benchmarks. Every benchmark reports MB/s of original input
// (b.SetBytes) and allocations per operation; one operation processes every
// document of a corpus once, each as a separate text, with the same
// Tokenizer or shingler reset between documents as a long-running indexer
// would. A warm-up pass before the timed loop grows the buffers, so
// allocs/op shows the steady state. BENCHMARKS.md at the module root has the
// commands and the results.
//
// Corpora (see corpora below): the five seed articles and, when present on
// this machine, the PAN13 web-prose source documents (ASCII-heavy English);
// the Universal Declaration of Human Rights in German and French (Latin
// script with a few diacritics) and in Russian, Greek, Chinese, Japanese
// and Arabic (non-ASCII almost throughout), from testdata/bench/udhr.

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

type benchCorpus struct {
	name string
	docs [][]byte
	size int64
	// missing, when set, says why the corpus is not on this machine: its
	// benchmarks skip.
	missing string
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

// forCorpora runs fn as a sub-benchmark per corpus, after one untimed
// warm-up pass, with SetBytes and ReportAllocs set.
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

var hashSink uint64

func BenchmarkTokenizer(b *testing.B) {
	var t Tokenizer
	forCorpora(b, func(docs [][]byte) {
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
	forCorpora(b, func(docs [][]byte) {
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
	forCorpora(b, func(docs [][]byte) {
		for _, d := range docs {
			s.Reset(d)
			for s.Next() {
				hashSink += s.Shingle().Hash
			}
		}
	})
}
