package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"testing"

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
	for b.Loop() {
		if code := run([]string{"dedup", "--jsonl", "-"}, bytes.NewReader(in), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
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
