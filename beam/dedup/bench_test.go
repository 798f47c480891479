package dedup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/textoverlap/overlap/internal/textedit"
)

// benchCorpus writes n documents of PAN 2013 prose: each source with ten
// light edits of it (near-duplicates), the rest distinct documents spliced
// from 40-word windows of random sources. It skips when the corpus is not
// on this machine.
func benchCorpus(b *testing.B, path string, n int) {
	src, err := textedit.PAN13Sources()
	if err != nil {
		b.Skip(err)
	}
	rng := rand.New(rand.NewPCG(6, 6))
	docs, err := textedit.Corpus(src, textedit.CorpusConfig{Variants: 10}, rng)
	require.NoError(b, err)
	docs = docs[:min(len(docs), n)]
	var words [][]string
	for _, s := range src {
		words = append(words, strings.Fields(string(s.Text)))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, d := range docs {
		require.NoError(b, enc.Encode(map[string]string{"id": d.ID, "text": string(d.Text)}))
	}
	for i := len(docs); i < n; i++ {
		var text []string
		for range 20 {
			w := words[rng.IntN(len(words))]
			start := rng.IntN(max(1, len(w)-40))
			text = append(text, w[start:min(len(w), start+40)]...)
		}
		require.NoError(b, enc.Encode(map[string]string{"id": fmt.Sprintf("mix-%06d", i), "text": strings.Join(text, " ")}))
	}
	require.NoError(b, os.WriteFile(path, buf.Bytes(), 0o644))
}

// BenchmarkDedup100k runs 100,000 documents through the pipeline on Prism
// (in this process, one machine) and through `overlap dedup`, and checks
// that the outputs are the same bytes. Run it once:
//
//	go test ./dedup -run '^$' -bench Dedup100k -benchtime 1x -timeout 60m
func BenchmarkDedup100k(b *testing.B) {
	const n = 100_000
	dir := b.TempDir()
	in := filepath.Join(dir, "bench.jsonl")
	benchCorpus(b, in, n)
	fi, err := os.Stat(in)
	require.NoError(b, err)
	mb := float64(fi.Size()) / 1e6
	cli := overlapCLI(b)
	b.ResetTimer()
	for range b.N {
		out := filepath.Join(dir, "cli.jsonl")
		// The CLI's peak memory comes from GNU time, which forks it from a
		// small process: the rusage of a child started from this process
		// reports this process's own peak (Linux records the parent's
		// high-water mark when a vforked child execs).
		rssFile := filepath.Join(dir, "cli.rss")
		args := []string{cli, "dedup", "--jsonl", "-o", out, in}
		if _, err := os.Stat("/usr/bin/time"); err == nil {
			args = append([]string{"/usr/bin/time", "-f", "%M", "-o", rssFile}, args...)
		}
		start := time.Now()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stderr = os.Stderr
		require.NoError(b, cmd.Run())
		cliTime := time.Since(start)
		cliRSS := int64(-1) // KiB; -1: not measured
		if kb, err := os.ReadFile(rssFile); err == nil {
			cliRSS, _ = strconv.ParseInt(strings.TrimSpace(string(kb)), 10, 64)
		}
		want, err := os.ReadFile(out)
		require.NoError(b, err)

		start = time.Now()
		got, err := runPrism(b, []string{in}, Options{}, 1)
		require.NoError(b, err)
		beamTime := time.Since(start)
		var self syscall.Rusage
		require.NoError(b, syscall.Getrusage(syscall.RUSAGE_SELF, &self))

		require.Equal(b, string(want), string(got), "outputs differ")
		b.ReportMetric(cliTime.Seconds(), "cli-s")
		b.ReportMetric(beamTime.Seconds(), "prism-s")
		b.Logf("%d documents, %.1f MB: overlap dedup %.2fs (%.1f MB/s, peak RSS %d MB); Prism %.2fs (%.1f MB/s, peak RSS of the test process %d MB); outputs identical: %d lines",
			n, mb, cliTime.Seconds(), mb/cliTime.Seconds(), cliRSS>>10, beamTime.Seconds(), mb/beamTime.Seconds(), self.Maxrss>>10, bytes.Count(got, []byte("\n")))
	}
}
