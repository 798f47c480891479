package simhash

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// indexTestKs are the radii every exactness test covers.
var indexTestKs = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 32, 64}

type indexTestEntry struct {
	fp Fingerprint
	id uint64
}

// randomIndexEntries returns n entries with uniformly random fingerprints and ids
// 0..n-1.
func randomIndexEntries(n int, seed uint64) []indexTestEntry {
	r := rand.New(rand.NewPCG(seed, 1))
	es := make([]indexTestEntry, n)
	for i := range es {
		es[i] = indexTestEntry{Fingerprint(r.Uint64()), uint64(i)}
	}
	return es
}

// clusteredIndexEntries returns n entries that are near copies of a few centres:
// a quarter exact copies, the rest with a few bits flipped. The ids are
// shuffled and some fingerprint-id pairs repeat, as happens when a corpus
// is indexed twice.
func clusteredIndexEntries(n int, seed uint64) []indexTestEntry {
	r := rand.New(rand.NewPCG(seed, 2))
	centres := make([]uint64, 7)
	for i := range centres {
		centres[i] = r.Uint64()
	}
	centres[0] = 0 // Empty and its neighbours
	centres[1] = math.MaxUint64
	es := make([]indexTestEntry, n)
	for i := range es {
		fp := centres[r.IntN(len(centres))]
		if r.IntN(4) != 0 {
			for range r.IntN(10) {
				fp ^= 1 << r.IntN(64)
			}
		}
		es[i] = indexTestEntry{Fingerprint(fp), r.Uint64N(uint64(n))}
	}
	for i := 0; i+1 < n; i += 37 {
		es[i+1] = es[i]
	}
	return es
}

// indexQueries returns fingerprints near stored entries and random ones.
func indexQueries(es []indexTestEntry, n int, seed uint64) []Fingerprint {
	r := rand.New(rand.NewPCG(seed, 3))
	qs := make([]Fingerprint, n)
	for i := range qs {
		switch {
		case i%3 == 0 || len(es) == 0:
			qs[i] = Fingerprint(r.Uint64())
		default:
			fp := uint64(es[r.IntN(len(es))].fp)
			for range r.IntN(12) {
				fp ^= 1 << r.IntN(64)
			}
			qs[i] = Fingerprint(fp)
		}
	}
	return qs
}

func indexBruteQuery(es []indexTestEntry, q Fingerprint, k int) []Match {
	ms := []Match{}
	for _, e := range es {
		if d := e.fp.Distance(q); d <= k {
			ms = append(ms, Match{ID: e.id, Distance: d})
		}
	}
	slices.SortFunc(ms, compareMatch)
	return ms
}

// indexAllMatches returns every entry as a match for q, sorted as Query
// sorts, so that the matches within k are a prefix.
func indexAllMatches(es []indexTestEntry, q Fingerprint) []Match {
	ms := make([]Match, len(es))
	for i, e := range es {
		ms[i] = Match{ID: e.id, Distance: e.fp.Distance(q)}
	}
	slices.SortFunc(ms, compareMatch)
	return ms
}

func matchesWithin(all []Match, k int) []Match {
	n := 0
	for n < len(all) && all[n].Distance <= k {
		n++
	}
	return all[:n:n]
}

// indexBrutePairs returns the pairs within k in the order Pairs documents.
func indexBrutePairs(es []indexTestEntry, k int) []Pair {
	s := slices.Clone(es)
	slices.SortFunc(s, func(a, b indexTestEntry) int {
		if c := cmp.Compare(a.fp, b.fp); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	ps := []Pair{}
	for i := range s {
		start := len(ps)
		for j := i + 1; j < len(s); j++ {
			if d := s[i].fp.Distance(s[j].fp); d <= k {
				ps = append(ps, Pair{A: s[i].id, B: s[j].id, Distance: d})
			}
		}
		slices.SortStableFunc(ps[start:], func(a, b Pair) int {
			return compareMatch(Match{a.B, a.Distance}, Match{b.B, b.Distance})
		})
	}
	return ps
}

// pairsWithin filters pairs in the order Pairs yields them.
func pairsWithin(ps []Pair, k int) []Pair {
	out := []Pair{}
	for _, p := range ps {
		if p.Distance <= k {
			out = append(out, p)
		}
	}
	return out
}

// requireSame compares long slices cheaply, falling back to require.Equal
// for its report only when they differ.
func requireSame[E comparable](t testing.TB, want, got []E, msgAndArgs ...any) {
	t.Helper()
	if len(want) == 0 && len(got) == 0 || slices.Equal(want, got) {
		return
	}
	require.Equal(t, want, got, msgAndArgs...)
}

func buildIndex(t testing.TB, es []indexTestEntry, how string, mode searchMode) *Index {
	t.Helper()
	x := &Index{mode: mode}
	switch how {
	case "Build":
		fps := make([]Fingerprint, len(es))
		ids := make([]uint64, len(es))
		for i, e := range es {
			fps[i], ids[i] = e.fp, e.id
		}
		require.NoError(t, x.Build(fps, ids))
	case "Add":
		for _, e := range es {
			x.Add(e.fp, e.id)
		}
	case "Mixed": // bulk, then merges of small batches, then a tail
		half := len(es) / 2
		x.Build(nil, nil)
		for _, e := range es[:half] {
			x.Add(e.fp, e.id)
		}
		x.Query(0, 0, nil)
		for i, e := range es[half:] {
			x.Add(e.fp, e.id)
			if i%50 == 0 {
				x.Query(e.fp, 3, nil)
			}
		}
	default:
		t.Fatalf("unknown build %q", how)
	}
	require.Equal(t, len(es), x.Len())
	return x
}

// withIndexBucketBits makes indexes built during the test use 2^h buckets.
func withIndexBucketBits(t *testing.T, h int) {
	old := forceBucketBits
	forceBucketBits = h
	t.Cleanup(func() { forceBucketBits = old })
}

func TestIndexQueryMatchesBruteForce(t *testing.T) {
	datasets := []struct {
		name string
		es   []indexTestEntry
	}{
		{"random", randomIndexEntries(2000, 1)},
		{"clustered", clusteredIndexEntries(2000, 2)},
		{"tiny", randomIndexEntries(5, 3)},
	}
	cases := []struct {
		name       string
		how        string
		mode       searchMode
		bucketBits int
	}{
		{"auto", "Build", modeAuto, -1},
		{"mih", "Build", modeMIH, -1},
		{"mih/16bit-buckets", "Build", modeMIH, 16},
		{"mih/1-bucket", "Build", modeMIH, 0},
		{"scan", "Build", modeScan, -1},
		{"mih/Add", "Add", modeMIH, -1},
		{"mih/Mixed", "Mixed", modeMIH, -1},
		{"mih/Mixed/16bit-buckets", "Mixed", modeMIH, 16},
	}
	for _, ds := range datasets {
		qs := indexQueries(ds.es, 60, 4)
		all := make([][]Match, len(qs))
		for i, q := range qs {
			all[i] = indexAllMatches(ds.es, q)
		}
		for _, c := range cases {
			t.Run(ds.name+"/"+c.name, func(t *testing.T) {
				withIndexBucketBits(t, c.bucketBits)
				x := buildIndex(t, ds.es, c.how, c.mode)
				var got []Match
				for _, k := range indexTestKs {
					n := len(qs)
					if k >= 20 && c.mode == modeMIH {
						n = 3 // probing every block value is slow
					}
					for i, q := range qs[:n] {
						got = x.Query(q, k, got[:0])
						requireSame(t, matchesWithin(all[i], k), got, "Query(%v, %d)", q, k)
					}
				}
			})
		}
	}
}

func TestIndexNear(t *testing.T) {
	es := clusteredIndexEntries(1000, 5)
	for _, mode := range []searchMode{modeAuto, modeMIH, modeScan} {
		x := buildIndex(t, es[:950], "Build", mode)
		for _, e := range es[950:] {
			x.Add(e.fp, e.id) // few enough to stay pending
		}
		for _, q := range indexQueries(es, 30, 6) {
			for _, k := range []int{0, 3, 8, 16} {
				var got []Match
				for m := range x.Near(q, k) {
					got = append(got, m)
				}
				slices.SortFunc(got, compareMatch)
				want := indexBruteQuery(es, q, k)
				if len(want) == 0 {
					want = nil
				}
				require.Equal(t, want, got, "Near(%v, %d)", q, k)

				// Stopping early stops.
				n := 0
				for range x.Near(q, k) {
					n++
					if n == 2 {
						break
					}
				}
				assert.Equal(t, min(2, len(want)), n)
			}
		}
	}
}

func TestIndexPairsMatchBruteForce(t *testing.T) {
	datasets := []struct {
		name string
		es   []indexTestEntry
	}{
		{"random", randomIndexEntries(1000, 7)},
		{"clustered", clusteredIndexEntries(1000, 8)},
		{"allequal", func() []indexTestEntry {
			es := make([]indexTestEntry, 50)
			for i := range es {
				es[i] = indexTestEntry{0xfeed, uint64(i % 20)}
			}
			return es
		}()},
	}
	for _, ds := range datasets {
		auto := buildIndex(t, ds.es, "Build", modeAuto)
		mih := buildIndex(t, ds.es, "Build", modeMIH)
		all := indexBrutePairs(ds.es, 64)
		if ds.name != "allequal" {
			all = indexBrutePairs(ds.es, 20)
		}
		for _, k := range indexTestKs {
			if k >= 32 && ds.name != "allequal" {
				continue // TestIndexPairsLargeRadius
			}
			t.Run(fmt.Sprintf("%s/k=%d", ds.name, k), func(t *testing.T) {
				want := pairsWithin(all, k)
				requireSame(t, want, slices.Collect(auto.Pairs(k)))
				if k <= 12 { // beyond, probing is slower than brute force here
					requireSame(t, want, slices.Collect(mih.Pairs(k)), "forced multi-index search")
				}
			})
		}
	}
}

func TestIndexPairsLargeRadius(t *testing.T) {
	es := clusteredIndexEntries(400, 9)
	x := buildIndex(t, es, "Build", modeAuto)
	for _, k := range []int{20, 32, 64, 1000} {
		requireSame(t, indexBrutePairs(es, min(k, 64)), slices.Collect(x.Pairs(k)), "k=%d", k)
	}
	assert.Len(t, slices.Collect(x.Pairs(64)), 400*399/2)
}

func TestIndexPairsOrderIndependentOfInsertion(t *testing.T) {
	es := clusteredIndexEntries(1500, 10)
	a := buildIndex(t, es, "Add", modeAuto)
	rev := slices.Clone(es)
	slices.Reverse(rev)
	b := buildIndex(t, rev, "Mixed", modeAuto)
	for _, k := range []int{0, 3, 7} {
		require.Equal(t, slices.Collect(a.Pairs(k)), slices.Collect(b.Pairs(k)), "k=%d", k)
	}
}

func TestIndexPairsStopsEarly(t *testing.T) {
	es := clusteredIndexEntries(500, 11)
	x := buildIndex(t, es, "Build", modeAuto)
	n := 0
	for range x.Pairs(5) {
		n++
		if n == 10 {
			break
		}
	}
	assert.Equal(t, 10, n)
}

func TestIndexAddAfterQuery(t *testing.T) {
	all := append(randomIndexEntries(2500, 12), clusteredIndexEntries(2500, 13)...)
	for i := range all {
		all[i].id = uint64(i)
	}
	r := rand.New(rand.NewPCG(14, 0))
	for _, mode := range []searchMode{modeAuto, modeMIH} {
		x := &Index{mode: mode}
		var have []indexTestEntry
		var got []Match
		check := func() {
			t.Helper()
			require.Equal(t, len(have), x.Len())
			for _, q := range indexQueries(all, 6, r.Uint64()) {
				k := []int{0, 2, 3, 5, 9}[r.IntN(5)]
				got = x.Query(q, k, got[:0])
				requireSame(t, indexBruteQuery(have, q, k), got)
			}
		}
		check() // empty
		for len(have) < len(all) {
			// Batches of every size: below the pending limit, above it,
			// and larger than a quarter of the index (a rebuild).
			n := min([]int{1, 7, 63, 64, 65, 200, 1500}[r.IntN(7)], len(all)-len(have))
			for _, e := range all[len(have) : len(have)+n] {
				x.Add(e.fp, e.id)
			}
			have = all[:len(have)+n]
			check()
		}
		requireSame(t, indexBrutePairs(have, 3), slices.Collect(x.Pairs(3)))
	}
}

func TestIndexZeroValue(t *testing.T) {
	var x Index
	assert.Equal(t, 0, x.Len())
	assert.Empty(t, x.Query(0, 64, nil))
	dst := []Match{{ID: 9}}
	assert.Equal(t, dst, x.Query(0, 3, dst))
	assert.Empty(t, slices.Collect(x.Near(0, 64)))
	assert.Empty(t, slices.Collect(x.Pairs(64)))

	x.Add(Empty, 7)
	assert.Equal(t, []Match{{ID: 7}}, x.Query(Empty, 0, nil))
	assert.Equal(t, []Match{{ID: 7, Distance: 64}}, x.Query(Fingerprint(math.MaxUint64), 64, nil))
	assert.Empty(t, x.Query(Fingerprint(math.MaxUint64), 63, nil))
}

func TestIndexRadiusOutOfRange(t *testing.T) {
	es := clusteredIndexEntries(300, 15)
	x := buildIndex(t, es, "Build", modeAuto)
	q := es[0].fp
	all := indexBruteQuery(es, q, 64)
	require.Len(t, all, len(es))
	for _, k := range []int{65, 100, math.MaxInt} {
		assert.Equal(t, all, x.Query(q, k, nil), "k=%d", k)
		assert.Len(t, slices.Collect(x.Near(q, k)), len(es))
		assert.Len(t, slices.Collect(x.Pairs(k)), len(es)*(len(es)-1)/2)
	}
	for _, k := range []int{-1, -64, math.MinInt} {
		assert.Empty(t, x.Query(q, k, nil), "k=%d", k)
		assert.Empty(t, slices.Collect(x.Near(q, k)))
		assert.Empty(t, slices.Collect(x.Pairs(k)))
	}
}

func TestIndexBuild(t *testing.T) {
	var x Index
	assert.Error(t, x.Build(make([]Fingerprint, 3), make([]uint64, 2)))
	assert.Error(t, x.Build(nil, []uint64{1}))

	// Nil ids number the entries; a second Build replaces the first.
	require.NoError(t, x.Build([]Fingerprint{5, 6, 5}, []uint64{1, 2, 3}))
	require.NoError(t, x.Build([]Fingerprint{0xf0, 0xf1, 0xf0}, nil))
	assert.Equal(t, 3, x.Len())
	assert.Equal(t, []Match{{ID: 0}, {ID: 2}, {ID: 1, Distance: 1}}, x.Query(0xf0, 1, nil))

	// Build does not keep the caller's slices.
	fps := []Fingerprint{1, 2}
	ids := []uint64{10, 20}
	require.NoError(t, x.Build(fps, ids))
	fps[0], ids[0] = 99, 99
	assert.Equal(t, []Match{{ID: 10}}, x.Query(1, 0, nil))

	require.NoError(t, x.Build(nil, nil))
	assert.Equal(t, 0, x.Len())
}

func TestIndexQueryDoesNotAllocate(t *testing.T) {
	es := randomIndexEntries(5000, 16)
	qs := indexQueries(es, 64, 17)
	dst := make([]Match, 0, len(es))
	for _, mode := range []searchMode{modeMIH, modeScan} {
		x := buildIndex(t, es, "Build", mode)
		for _, e := range es[:10] {
			x.Add(e.fp^1, e.id) // pending entries are scanned, not merged
		}
		for _, k := range []int{0, 3, 8, 16, 64} {
			i := 0
			allocs := testing.AllocsPerRun(20, func() {
				dst = x.Query(qs[i%len(qs)], k, dst[:0])
				i++
			})
			assert.Zero(t, allocs, "mode %d, k=%d", mode, k)
		}
	}
}

// TestIndexConcurrentQueries checks under the race detector that searches
// from several goroutines, one of which merges pending entries, are safe.
func TestIndexConcurrentQueries(t *testing.T) {
	es := clusteredIndexEntries(4000, 18)
	x := buildIndex(t, es[:2000], "Build", modeAuto)
	for _, e := range es[2000:] {
		x.Add(e.fp, e.id)
	}
	qs := indexQueries(es, 40, 19)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			var dst []Match
			for i, q := range qs {
				switch (g + i) % 4 {
				case 0:
					dst = x.Query(q, 5, dst[:0])
					assert.Equal(t, indexBruteQuery(es, q, 5), append([]Match{}, dst...))
				case 1:
					assert.Equal(t, len(indexBruteQuery(es, q, 3)), len(slices.Collect(x.Near(q, 3))))
				case 2:
					assert.Equal(t, len(es), x.Len())
				case 3:
					if i%10 == 3 {
						n := 0
						for range x.Pairs(1) {
							n++
						}
						assert.Equal(t, len(indexBrutePairs(es, 1)), n)
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestIndexParallelBuild covers the sizes at which building and merging use
// several goroutines.
func TestIndexParallelBuild(t *testing.T) {
	n := parallelMinEntries + parallelMinEntries/2
	es := append(randomIndexEntries(n-5000, 45), clusteredIndexEntries(5000, 46)...)
	x := buildIndex(t, es[:parallelMinEntries], "Build", modeMIH)
	check := func(have []indexTestEntry) {
		t.Helper()
		require.Equal(t, len(have), x.Len())
		var got []Match
		for _, q := range indexQueries(have, 12, uint64(len(have))) {
			for _, k := range []int{0, 3, 7} {
				got = x.Query(q, k, got[:0])
				requireSame(t, indexBruteQuery(have, q, k), got, "k=%d", k)
			}
		}
	}
	check(es[:parallelMinEntries])
	// A merge of a few entries, then a rebuild with many.
	for _, e := range es[parallelMinEntries : parallelMinEntries+2000] {
		x.Add(e.fp, e.id)
	}
	check(es[:parallelMinEntries+2000])
	for _, e := range es[parallelMinEntries+2000:] {
		x.Add(e.fp, e.id)
	}
	check(es)
}

// TestIndexLargeRandom compares against brute force at a size where buckets
// are exact 16-bit block values without forcing it.
func TestIndexLargeRandom(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("large index: minutes under the race detector; the smaller tests cover the same code")
	}
	es := randomIndexEntries(1<<19, 20)
	for i := 0; i < 1000; i++ { // near duplicates to find
		es[2*i+1].fp = es[2*i].fp ^ Fingerprint(1)<<(i%64) ^ Fingerprint(1)<<((i*5)%64)
	}
	x := buildIndex(t, es, "Build", modeAuto)
	require.Equal(t, uint(16), x.st.Load().t.h)
	var got []Match
	for _, k := range indexTestKs {
		for _, q := range indexQueries(es, 8, uint64(k)) {
			got = x.Query(q, k, got[:0])
			requireSame(t, indexBruteQuery(es, q, k), got, "k=%d", k)
		}
	}
	n := 0
	for p := range x.Pairs(2) {
		assert.LessOrEqual(t, p.Distance, 2)
		n++
	}
	assert.GreaterOrEqual(t, n, 1000)
}

// TestIndexMemory checks the bytes per entry of a built index.
func TestIndexMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("large index")
	}
	const n = 1 << 20
	fps := make([]Fingerprint, n)
	r := rand.New(rand.NewPCG(21, 0))
	for i := range fps {
		fps[i] = Fingerprint(r.Uint64())
	}
	perEntry := indexHeapGrowth(func() any {
		x := new(Index)
		require.NoError(t, x.Build(fps, nil))
		return x
	}) / n
	t.Logf("%.1f bytes per entry", perEntry)
	assert.LessOrEqual(t, perEntry, 48.0)
}

// indexHeapGrowth returns how many bytes of live heap the value made by f
// holds: the heap in use while it lives less the heap in use once it is
// gone, so garbage left by earlier code does not count.
func indexHeapGrowth(f func() any) float64 {
	var with, without runtime.MemStats
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(v)
	runtime.GC()
	runtime.ReadMemStats(&without)
	return float64(with.HeapAlloc) - float64(without.HeapAlloc)
}

func TestProbeSet(t *testing.T) {
	p := probeMasks()
	seen := make(map[uint16]bool)
	for i, m := range p.masks {
		seen[m] = true
		if i > 0 {
			require.LessOrEqual(t, bits.OnesCount16(p.masks[i-1]), bits.OnesCount16(m))
		}
	}
	require.Len(t, seen, 1<<16)
	for r := range blockBits + 1 {
		n := 0
		for v := range 1 << 16 {
			if bits.OnesCount16(uint16(v)) <= r {
				n++
			}
		}
		require.Equal(t, n, p.cum[r], "r=%d", r)
	}
}

func TestRadiusPigeonhole(t *testing.T) {
	for k := range 65 {
		sum := 0
		for j := range numBlocks {
			sum += probeRadius(k, j) + 1
		}
		assert.Equal(t, k+1, sum, "k=%d", k)
	}
}
