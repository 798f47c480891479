package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"runtime/metrics"
	"testing"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/internal/input"
	"github.com/textoverlap/overlap/internal/textedit"
)

// dedupCorpus is JSONL made from the PAN 2013 sources: originals, light
// edits and articles quoting others, repeated to about 32 MB.
func dedupCorpus(b *testing.B) []byte {
	src, err := textedit.PAN13Sources()
	if err != nil {
		b.Skip(err)
	}
	docs, err := textedit.Corpus(src, textedit.CorpusConfig{Variants: 3, Quoting: len(src) / 10}, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for round := 0; buf.Len() < 32<<20; round++ {
		for _, d := range docs {
			line, _ := json.Marshal(map[string]string{"id": d.ID + "/" + string(rune('a'+round)), "text": string(d.Text)})
			buf.Write(line)
			buf.WriteByte('\n')
		}
	}
	return buf.Bytes()
}

// BenchmarkDedupJSONL runs overlap dedup end to end on JSONL from memory;
// BenchmarkReadJSONL, in the same run, only reads and parses the same
// input, as the floor any dedup pays.
func BenchmarkDedupJSONL(b *testing.B) {
	in := dedupCorpus(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	idle := idleShare()
	for b.Loop() {
		if code := run([]string{"dedup", "--jsonl", "-"}, bytes.NewReader(in), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(100*idle(), "%idle")
}

func BenchmarkReadJSONL(b *testing.B) {
	in := dedupCorpus(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range input.Read([]string{"-"}, input.Options{JSONL: true, Stdin: bytes.NewReader(in)}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDedupPipeline runs dedup's document pipeline with a stand-in for
// signing that costs next to nothing, so that it measures what surrounds
// the signer: reading, parsing, checking ids and handing documents to the
// workers and back.
func BenchmarkDedupPipeline(b *testing.B) {
	in := dedupCorpus(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	e := &env{stdout: io.Discard, stderr: io.Discard}
	newWork := func() func(*input.Doc) int {
		return func(d *input.Doc) int { return len(d.Text) }
	}
	for b.Loop() {
		var n int
		_, err := eachDoc(context.Background(), e, []string{"-"}, input.Options{JSONL: true, Stdin: bytes.NewReader(in)}, 0, newWork,
			func(_ *input.Doc, r int, _ func(string)) error { n += r; return nil })
		if err != nil || n == 0 {
			b.Fatal(err, n)
		}
	}
}

// BenchmarkDedupFile runs overlap dedup on the JSONL file named by
// $OVERLAP_BENCH_JSONL, as the command line does, for profiling a real
// input; it is skipped when that is not set.
func BenchmarkDedupFile(b *testing.B) {
	path := os.Getenv("OVERLAP_BENCH_JSONL")
	if path == "" {
		b.Skip("OVERLAP_BENCH_JSONL not set")
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	idle := idleShare()
	for b.Loop() {
		if code := run([]string{"dedup", path}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(100*idle(), "%idle")
}

// idleShare starts measuring the share of the processors' time (as
// GOMAXPROCS counts them) that the Go scheduler found nothing to run on;
// the function it returns ends the measure. Unlike a share of wall time,
// it does not count time that other processes took from this one.
func idleShare() func() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/idle:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}}
	metrics.Read(s)
	idle0, total0 := s[0].Value.Float64(), s[1].Value.Float64()
	return func() float64 {
		metrics.Read(s)
		return (s[0].Value.Float64() - idle0) / (s[1].Value.Float64() - total0)
	}
}

// BenchmarkDedupClusters times the clustering that follows signing, which
// runs on one goroutine once every document is signed, with and without
// the list of pairs.
func BenchmarkDedupClusters(b *testing.B) {
	in := dedupCorpus(b)
	var sigs []overlap.Signature
	var s overlap.Signer
	for d, err := range input.Read([]string{"-"}, input.Options{JSONL: true, Stdin: bytes.NewReader(in)}) {
		if err != nil {
			b.Fatal(err)
		}
		sigs = append(sigs, s.Sign(d.Text))
	}
	for _, keep := range []bool{false, true} {
		name := "clusters"
		if keep {
			name = "pairs"
		}
		b.Run(name, func(b *testing.B) {
			d := overlap.Deduper{KeepPairs: keep}
			for _, sig := range sigs {
				d.Add(sig)
			}
			b.ReportAllocs()
			for b.Loop() {
				d.Clusters()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(sigs)), "ns/doc")
		})
	}
}
