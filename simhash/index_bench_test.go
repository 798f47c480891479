package simhash

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// The benchmarks use one million random fingerprints, built once. Compare
// BenchmarkIndexQuery with BenchmarkBruteForceQuery from the same run:
//
//	go test -run '^$' -bench 'Index|BruteForce' -benchmem ./simhash/
const indexBenchN = 1_000_000

var indexBenchKs = []int{0, 1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24}

var indexBench struct {
	once sync.Once
	fps  []Fingerprint
	x    *Index
	qs   []Fingerprint // stored fingerprints with 0 to 4 bits flipped
}

func setupIndexBench(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a large index")
	}
	indexBench.once.Do(func() {
		r := rand.New(rand.NewPCG(42, 0))
		indexBench.fps = make([]Fingerprint, indexBenchN)
		for i := range indexBench.fps {
			indexBench.fps[i] = Fingerprint(r.Uint64())
		}
		indexBench.x = new(Index)
		if err := indexBench.x.Build(indexBench.fps, nil); err != nil {
			b.Fatal(err)
		}
		indexBench.qs = make([]Fingerprint, 4096)
		for i := range indexBench.qs {
			fp := indexBench.fps[r.IntN(indexBenchN)]
			for range i % 5 {
				fp ^= 1 << r.IntN(64)
			}
			indexBench.qs[i] = fp
		}
	})
}

func BenchmarkIndexBuild(b *testing.B) {
	setupIndexBench(b)
	b.ReportAllocs()
	var x Index
	for b.Loop() {
		if err := x.Build(indexBench.fps, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIndexQuery(b *testing.B) {
	setupIndexBench(b)
	for _, k := range indexBenchKs {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			dst := make([]Match, 0, 1<<16)
			i, found := 0, 0
			for b.Loop() {
				dst = indexBench.x.Query(indexBench.qs[i%len(indexBench.qs)], k, dst[:0])
				found += len(dst)
				i++
			}
			b.ReportMetric(float64(found)/float64(i), "matches/op")
		})
	}
}

// BenchmarkBruteForceQuery is the baseline: a linear scan with popcount,
// collecting and sorting results as Query does.
func BenchmarkBruteForceQuery(b *testing.B) {
	setupIndexBench(b)
	for _, k := range []int{0, 3, 6, 8, 12, 16} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			dst := make([]Match, 0, 1<<16)
			i := 0
			for b.Loop() {
				q := indexBench.qs[i%len(indexBench.qs)]
				dst = dst[:0]
				for id, fp := range indexBench.fps {
					if d := bits.OnesCount64(uint64(fp ^ q)); d <= k {
						dst = append(dst, Match{ID: uint64(id), Distance: d})
					}
				}
				slices.SortFunc(dst, compareMatch)
				i++
			}
		})
	}
}

func BenchmarkIndexPairs(b *testing.B) {
	setupIndexBench(b)
	for _, k := range []int{3} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				for range indexBench.x.Pairs(k) {
					n++
				}
			}
			b.ReportMetric(float64(n)/float64(b.N), "pairs/op")
		})
	}
}

// BenchmarkIndexAddQuery alternates one Add with one k=3 query on the
// large index: the worst case for the pending-entry merges.
func BenchmarkIndexAddQuery(b *testing.B) {
	setupIndexBench(b)
	var x Index
	if err := x.Build(indexBench.fps, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	dst := make([]Match, 0, 64)
	i := 0
	for b.Loop() {
		x.Add(indexBench.qs[i%len(indexBench.qs)]^1<<63, uint64(indexBenchN+i))
		dst = x.Query(indexBench.qs[i%len(indexBench.qs)], 3, dst[:0])
		i++
	}
}

func BenchmarkIndexWriteTo(b *testing.B) {
	setupIndexBench(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := indexBench.x.WriteTo(indexDiscard{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(headerSize + entrySize*indexBenchN + trailerSize)
}

type indexDiscard struct{}

func (indexDiscard) Write(p []byte) (int, error) { return len(p), nil }

func BenchmarkIndexLoadFile(b *testing.B) {
	setupIndexBench(b)
	name := filepath.Join(b.TempDir(), "indexBench.idx")
	if err := indexBench.x.SaveFile(name); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(headerSize + entrySize*indexBenchN + trailerSize)
	for b.Loop() {
		if _, err := LoadFile(name); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexMemory reports the live heap a built index holds.
func BenchmarkIndexMemory(b *testing.B) {
	setupIndexBench(b)
	b.ReportAllocs()
	for b.Loop() {
		per := indexHeapGrowth(func() any {
			x := new(Index)
			if err := x.Build(indexBench.fps, nil); err != nil {
				b.Fatal(err)
			}
			return x
		}) / indexBenchN
		b.ReportMetric(per, "B/entry")
	}
}
