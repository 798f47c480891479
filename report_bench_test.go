package overlap

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// panDocs reads up to n texts of the PAN 2013 text-alignment corpus (web
// prose, with real reuse between its source and suspicious documents) from
// ../shared/corpora, or skips when it is absent.
func panDocs(b testing.TB, n int) ([]Document, int64) {
	b.Helper()
	root := filepath.Join("..", "shared", "corpora", "pan13_no_obfuscation")
	var files []string
	for _, dir := range []string{"src", "susp"} {
		f, _ := filepath.Glob(filepath.Join(root, dir, "*.txt"))
		files = append(files, f...)
	}
	if len(files) < n {
		b.Skipf("needs %d texts of %s (see ../shared/README.md)", n, root)
	}
	var docs []Document
	var size int64
	for _, f := range files[:n] {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, Document{ID: filepath.Base(f), Text: t})
		size += int64(len(t))
	}
	return docs, size
}

// BenchmarkReport reports on 250, 500 and 1,000 articles; time and memory
// should grow linearly. The target is 1,000 articles in at most 5 s on two
// cores.
func BenchmarkReport(b *testing.B) {
	for _, n := range []int{250, 500, 1000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			docs, size := panDocs(b, n)
			b.SetBytes(size)
			b.ReportAllocs()
			var pairs int
			for b.Loop() {
				pairs = len(NewReport(docs, Options{}).Pairs)
			}
			b.ReportMetric(float64(pairs), "pairs")
		})
	}
}

func BenchmarkCompare(b *testing.B) {
	docs := readDocs(b, "seeds/*.txt")
	b.SetBytes(int64(len(docs[3].Text) + len(docs[4].Text)))
	b.ReportAllocs()
	for b.Loop() {
		Compare(docs[3], docs[4], Options{})
	}
}
