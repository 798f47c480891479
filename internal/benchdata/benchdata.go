// Package benchdata loads the texts the throughput benchmarks share and
// runs a benchmark over each, so that every package measures the same texts
// the same way.
//
// Each benchmark operation processes every document of a corpus once, each
// as a separate text, after one untimed warm-up pass that grows the
// buffers, so allocs/op shows the steady state; MB/s is of original input.
// Beside it, cpu-MB/s divides by the CPU time the benchmark's thread ran
// (/proc/thread-self/schedstat, Linux), leaving out time spent waiting for
// a core on a shared machine. BENCHMARKS.md has the commands and results.
package benchdata

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Corpus is a set of documents to benchmark on.
type Corpus struct {
	Name string
	Docs [][]byte
	Size int64 // bytes in all
	// Missing, when set, says why the corpus is not on this machine; its
	// benchmarks skip.
	Missing string
}

// All returns the corpora: the five seed articles and, when present, the
// PAN13 web-prose sources (ASCII-heavy English; OVERLAP_PAN13_DIR overrides
// where they are looked for); the Universal Declaration of Human Rights in
// German and French (Latin script with some diacritics) and in Russian,
// Greek, Chinese, Japanese and Arabic, from testdata/bench/udhr (see its
// SOURCE.md), together and by script.
func All(tb testing.TB) []Corpus {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatal(err)
	}
	pan := os.Getenv("OVERLAP_PAN13_DIR")
	if pan == "" {
		pan = filepath.Join(root, "..", "shared", "corpora", "pan13_no_obfuscation", "src")
	}
	udhr := func(langs ...string) []string {
		var ps []string
		for _, l := range langs {
			ps = append(ps, filepath.Join(root, "testdata", "bench", "udhr", l+".txt"))
		}
		return ps
	}
	cs := []Corpus{
		load(tb, "seeds", filepath.Join(root, "seeds", "*.txt")),
		load(tb, "pan13", filepath.Join(pan, "*.txt")),
		load(tb, "udhr_latin", udhr("deu_1996", "fra")...),
		load(tb, "udhr_nonascii", udhr("rus", "ell_monotonic", "cmn_hans", "jpn", "arb")...),
		load(tb, "udhr_cyrl_grek", udhr("rus", "ell_monotonic")...),
		load(tb, "udhr_cjk", udhr("cmn_hans", "jpn")...),
		load(tb, "udhr_arab", udhr("arb")...),
	}
	for _, c := range cs {
		if c.Missing != "" && c.Name != "pan13" {
			tb.Fatalf("corpus %s: %s", c.Name, c.Missing)
		}
	}
	return cs
}

func load(tb testing.TB, name string, patterns ...string) Corpus {
	tb.Helper()
	c := Corpus{Name: name}
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
		c.Missing = "no files match " + strings.Join(patterns, " ")
		return c
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		c.Docs = append(c.Docs, b)
		c.Size += int64(len(b))
	}
	return c
}

// moduleRoot finds the overlap module's directory upwards from the working
// directory, past the go.mod of a nested module such as bench/.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if f, err := os.Open(filepath.Join(dir, "go.mod")); err == nil {
			line, _ := bufio.NewReader(f).ReadString('\n')
			f.Close()
			if strings.TrimSpace(line) == "module github.com/textoverlap/overlap" {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("benchdata: not inside the overlap module")
		}
		dir = parent
	}
}

// Each runs fn as a sub-benchmark per corpus (see Run).
func Each(b *testing.B, fn func(docs [][]byte)) {
	for _, c := range All(b) {
		b.Run(c.Name, func(b *testing.B) { Run(b, c, fn) })
	}
}

// Run benchmarks fn on the documents of c: one untimed warm-up, then the
// timed loop, with SetBytes, ReportAllocs and cpu-MB/s.
func Run(b *testing.B, c Corpus, fn func(docs [][]byte)) {
	if c.Missing != "" {
		b.Skip(c.Missing)
	}
	b.SetBytes(c.Size)
	b.ReportAllocs()
	fn(c.Docs)
	// b.Loop runs on this goroutine: keep it on this thread, whose CPU
	// time is read.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start, ok := threadCPUTime()
	for b.Loop() {
		fn(c.Docs)
	}
	end, ok2 := threadCPUTime()
	if ok && ok2 && b.N > 0 && end > start {
		perOp := float64(end-start) / float64(b.N)
		b.ReportMetric(float64(c.Size)/perOp*1e3, "cpu-MB/s")
	}
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
