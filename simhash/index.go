package simhash

import (
	"cmp"
	"errors"
	"iter"
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// An Index finds the stored fingerprints within a Hamming distance of a
// query. Searches are exact for every radius from 0 to 64: they report every
// entry within the radius and nothing else.
//
// It uses multi-index hashing (Norouzi, Punjani and Fleet, 2012): the 64 bits
// are cut into four 16-bit blocks, and the entries are kept in four tables,
// each ordered by one block. Two fingerprints within k bits of each other
// differ in at most k/4 bits in at least one block, so a search looks up, in
// each table, only the block values within that smaller radius of the
// query's. One structure thus serves every radius, unlike tables permuted
// for one radius. A search whose radius is so large that the lookups would
// cost more than reading every entry reads every entry instead.
//
// Four 16-bit blocks suit indexes of about 2¹⁶ to 2²⁴ entries, where a block
// value picks out a handful of entries. The tables take 40 bytes per entry
// (the fingerprint and id, and the fingerprint again in each of three other
// orders) plus at most about one byte per entry of bucket offsets.
//
// The zero value is an empty index ready to use. Query, Near, Pairs, Len,
// WriteTo and SaveFile may be called from several goroutines at once; Add,
// Build and ReadFrom need exclusive access, like writes to a map. An Index
// must not be copied after first use.
//
// An Index holds at most 2³²−1 entries: Build and ReadFrom report an error
// beyond that, and a search that would merge more added entries panics.
type Index struct {
	// mu serialises the merging of pending entries into new tables, which
	// a reader may trigger.
	mu sync.Mutex
	// st is the current state. A state's tables are never written after it
	// is published, so readers need no lock; only Add, which is exclusive,
	// appends to the pending entries in place.
	st atomic.Pointer[indexState]
	// mode forces one search strategy; tests use it to cover both.
	mode searchMode
}

// A Match is an entry found by a search.
type Match struct {
	ID       uint64 // the id given to Add or Build
	Distance int    // the Hamming distance from the query, 0 to 64
}

// A Pair is two entries within the radius given to [Index.Pairs].
type Pair struct {
	A, B     uint64 // ids; A's entry precedes B's in (fingerprint, id) order
	Distance int    // Hamming distance between their fingerprints
}

// indexState is a set of immutable tables plus the entries added since they
// were built, which searches scan linearly until there are enough of them to
// be worth merging.
type indexState struct {
	t       *blockTables // nil when empty
	pending []pendingEntry
}

type pendingEntry struct{ fp, id uint64 }

type searchMode uint8

const (
	modeAuto searchMode = iota // choose by estimated cost
	modeMIH                    // always probe the block tables
	modeScan                   // always read every entry
)

const (
	numBlocks = 4
	blockBits = 64 / numBlocks
	blockMax  = 1<<blockBits - 1

	// maxIndexEntries is the most entries an Index holds, because bucket
	// offsets are 32-bit to save memory.
	maxIndexEntries = math.MaxUint32

	// parallelMinEntries is the size from which building tables uses
	// several goroutines.
	parallelMinEntries = 1 << 15

	// probeCost is the cost of looking up one block value, in units of
	// comparing one entry during a linear scan. It decides when a search
	// reads every entry instead; measured with BenchmarkIndexQuery.
	probeCost = 64
)

// forceBucketBits, when non-negative, overrides bucketBits so that tests can
// exercise exact 16-bit buckets with few entries.
var forceBucketBits = -1

// Len returns the number of entries in x.
func (x *Index) Len() int {
	s := x.st.Load()
	if s == nil {
		return 0
	}
	return s.t.len() + len(s.pending)
}

// Add adds the entry (fp, id). Neither needs to be unique: a search reports
// every entry that matches, under the id it was added with.
//
// Add takes amortised constant time: the entry joins a list of pending
// entries that searches scan linearly. The first search after that list
// outgrows n/1024 entries (but at least 64 and at most 1024) merges it into
// the tables in O(n) time. So adding n entries and then searching costs one
// bulk build, as [Index.Build] does, while alternating single Adds with
// searches on a large index costs per Add about a thousandth of a build.
func (x *Index) Add(fp Fingerprint, id uint64) {
	s := x.st.Load()
	if s == nil {
		s = new(indexState)
		x.st.Store(s)
	}
	s.pending = append(s.pending, pendingEntry{uint64(fp), id})
}

// Build replaces the contents of x with the entries (fps[i], ids[i]). It is
// faster than adding them one at a time and allocates exactly what the
// tables need. If ids is nil, entry i gets id i. Build reports an error,
// leaving x unchanged, if ids is not nil and its length differs from fps's,
// or if there are more than 2³²−1 entries. It does not retain fps or ids.
func (x *Index) Build(fps []Fingerprint, ids []uint64) error {
	if ids != nil && len(ids) != len(fps) {
		return errors.New("simhash: Build needs as many ids as fingerprints")
	}
	if uint64(len(fps)) > maxIndexEntries {
		return errors.New("simhash: Build: more than 2³²−1 entries")
	}
	var t *blockTables
	if len(fps) > 0 {
		fp, id := sortByFPID(fps, ids)
		t = tablesFromSorted(fp, id)
	}
	x.st.Store(&indexState{t: t})
	return nil
}

// Query appends to dst the entries within k bits of fp, ordered by distance
// and then id, and returns the extended slice. A negative k matches nothing
// and a k above 64 is taken as 64. Query allocates nothing when dst has
// room for the results; see [Index.Add] for when it may first merge pending
// entries.
func (x *Index) Query(fp Fingerprint, k int, dst []Match) []Match {
	if k < 0 {
		return dst
	}
	k = min(k, 64)
	t, pending := x.snapshot()
	start := len(dst)
	q := uint64(fp)
	t.search(q, k, x.mode, func(lo, hi, d int) bool {
		for _, id := range t.id[lo:hi] {
			dst = append(dst, Match{ID: id, Distance: d})
		}
		return true
	})
	for _, e := range pending {
		if d := bits.OnesCount64(e.fp ^ q); d <= k {
			dst = append(dst, Match{ID: e.id, Distance: d})
		}
	}
	slices.SortFunc(dst[start:], compareMatch)
	return dst
}

// Near returns an iterator over the entries within k bits of fp, in no
// particular order, for callers that may stop early or want no buffer. The
// radius is treated as by [Index.Query]. Each use of the iterator searches
// afresh.
func (x *Index) Near(fp Fingerprint, k int) iter.Seq[Match] {
	return func(yield func(Match) bool) {
		if k < 0 {
			return
		}
		k := min(k, 64)
		t, pending := x.snapshot()
		q := uint64(fp)
		more := t.search(q, k, x.mode, func(lo, hi, d int) bool {
			for _, id := range t.id[lo:hi] {
				if !yield(Match{ID: id, Distance: d}) {
					return false
				}
			}
			return true
		})
		if !more {
			return
		}
		for _, e := range pending {
			if d := bits.OnesCount64(e.fp ^ q); d <= k && !yield(Match{ID: e.id, Distance: d}) {
				return
			}
		}
	}
}

// Pairs returns an iterator over every unordered pair of distinct entries
// within k bits of each other, each pair once, with the radius treated as by
// [Index.Query]. Entries are taken in increasing (fingerprint, id) order, and
// each yields its pairs with the entries after it, by distance and then id,
// so the order depends only on the entries, not on how they were added.
//
// It runs one search per distinct fingerprint, so on well-spread data it
// costs n searches rather than n² comparisons. The iterator works on the
// entries present when it starts, after merging any pending ones.
func (x *Index) Pairs(k int) iter.Seq[Pair] {
	return func(yield func(Pair) bool) {
		if k < 0 {
			return
		}
		k := min(k, 64)
		t := x.merge()
		if t == nil {
			return
		}
		var later []Match // entries with greater fingerprints, sorted
		for s := 0; s < t.n; {
			q := t.fp[s]
			e := s + 1
			for e < t.n && t.fp[e] == q {
				e++
			}
			later = later[:0]
			if k > 0 {
				t.search(q, k, x.mode, func(lo, hi, d int) bool {
					if t.fp[lo] > q {
						for _, id := range t.id[lo:hi] {
							later = append(later, Match{ID: id, Distance: d})
						}
					}
					return true
				})
				slices.SortFunc(later, compareMatch)
			}
			for p := s; p < e; p++ {
				a := t.id[p]
				// Equal fingerprints come first: distance 0, ids ascending.
				for _, b := range t.id[p+1 : e] {
					if !yield(Pair{A: a, B: b}) {
						return
					}
				}
				for _, m := range later {
					if !yield(Pair{A: a, B: m.ID, Distance: m.Distance}) {
						return
					}
				}
			}
			s = e
		}
	}
}

func compareMatch(a, b Match) int {
	if c := cmp.Compare(a.Distance, b.Distance); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// pendingLimit is how many pending entries searches scan before merging
// them: few enough that scanning costs little next to probing, many enough
// that the O(n) merge is shared by up to a thousand Adds.
func pendingLimit(n int) int {
	return min(max(n>>10, 64), 1024)
}

// snapshot returns the tables and pending entries to search, first merging
// the pending entries if there are too many.
func (x *Index) snapshot() (*blockTables, []pendingEntry) {
	s := x.st.Load()
	if s == nil {
		return nil, nil
	}
	if len(s.pending) > pendingLimit(s.t.len()) {
		return x.merge(), nil
	}
	return s.t, s.pending
}

// merge merges any pending entries into new tables, publishes them and
// returns them.
func (x *Index) merge() *blockTables {
	s := x.st.Load()
	if s == nil {
		return nil
	}
	if len(s.pending) == 0 {
		return s.t
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	s = x.st.Load()
	if len(s.pending) == 0 { // another reader merged them first
		return s.t
	}
	t := s.t.with(s.pending)
	x.st.Store(&indexState{t: t})
	return t
}

// blockTables holds the entries four times, once per block. Table 0 is the
// fingerprints in increasing order with their ids alongside. Table j > 0
// holds the fingerprints rotated left by 16j bits, so that block j is on
// top, ordered by block j and then by fingerprint. Ids are stored once: a
// match found in table j is looked up in table 0, which costs a binary
// search per match rather than an indirection per candidate.
//
// Each table is cut into 2^h buckets by the top h bits of its block, with h
// chosen so that a bucket holds 8 to 16 entries on average (h is 16 from
// half a million entries). off[j][b] is where bucket b starts in table j.
type blockTables struct {
	n   int
	h   uint                // bucket bits, 0 to 16
	fp  []uint64            // table 0: fingerprints, sorted by (fp, id)
	id  []uint64            // ids, parallel to fp
	key [numBlocks][]uint64 // key[0] is fp; key[j] is rotated by 16j
	off [numBlocks][]uint32 // bucket starts; len 2^h+1
}

func (t *blockTables) len() int {
	if t == nil {
		return 0
	}
	return t.n
}

func bucketBits(n int) uint {
	if forceBucketBits >= 0 {
		return uint(forceBucketBits)
	}
	return uint(min(max(bits.Len(uint(n))-4, 0), blockBits))
}

// blockProbes lists every block value by its number of set bits, so that the
// values within radius r of v are v^masks[i] for i < cum[r].
type blockProbes struct {
	masks [1 << blockBits]uint16
	cum   [blockBits + 1]int
}

var probeMasks = sync.OnceValue(func() *blockProbes {
	p := new(blockProbes)
	var start [blockBits + 2]int
	for v := range 1 << blockBits {
		start[bits.OnesCount16(uint16(v))+1]++
	}
	for c := 1; c <= blockBits+1; c++ {
		start[c] += start[c-1]
	}
	copy(p.cum[:], start[1:])
	for v := range 1 << blockBits {
		c := bits.OnesCount16(uint16(v))
		p.masks[start[c]] = uint16(v)
		start[c]++
	}
	return p
})

// probeRadius returns the radius at which block j is probed for a search
// within k, or -1 if it is not probed. Blocks 0 to k%4 get k/4 and the rest
// one less: the radii plus one sum to k+1, so by the pigeonhole principle a
// fingerprint within k bits is within the radius in at least one block, and
// no more values are probed than that needs.
func probeRadius(k, j int) int {
	r := k / numBlocks
	if j > k%numBlocks {
		r--
	}
	return r
}

// scanCheaper reports whether reading every entry is expected to cost less
// than probing the tables for radius k.
func (t *blockTables) scanCheaper(k int) bool {
	p := probeMasks()
	probes := 0
	for j := range numBlocks {
		if r := probeRadius(k, j); r >= 0 {
			probes += p.cum[r]
		}
	}
	// Each probe costs a lookup plus, on random data, n/2^16 candidates.
	return probes*(probeCost+t.n>>blockBits) >= t.n
}

// search calls visit for each distinct stored fingerprint within k bits of
// q, 0 ≤ k ≤ 64, with the range [lo, hi) of table 0 holding its entries and
// its distance from q. It stops and returns false when visit does.
func (t *blockTables) search(q uint64, k int, mode searchMode, visit func(lo, hi, d int) bool) bool {
	if t == nil {
		return true
	}
	if mode == modeScan || mode == modeAuto && t.scanCheaper(k) {
		return t.scan(q, k, visit)
	}
	p := probeMasks()
	for j := range numBlocks {
		r := probeRadius(k, j)
		if r < 0 {
			break // radii only decrease with j
		}
		rot := j * blockBits
		keys := t.key[j]
		rq := bits.RotateLeft64(q, rot)
		v := uint16(rq >> (64 - blockBits))
		for _, m := range p.masks[:p.cum[r]] {
			lo, hi := t.blockRange(j, v^m)
			for i := lo; i < hi; i++ {
				d := bits.OnesCount64(keys[i] ^ rq)
				if d > k {
					continue
				}
				// Equal fingerprints are adjacent; take them together.
				e := i + 1
				for e < hi && keys[e] == keys[i] {
					e++
				}
				if j == 0 {
					if !visit(i, e, d) {
						return false
					}
				} else if fp := bits.RotateLeft64(keys[i], -rot); !foundBefore(fp^q, j, k) {
					lo0, hi0 := t.find(fp)
					if !visit(lo0, hi0, d) {
						return false
					}
				}
				i = e - 1
			}
		}
	}
	return true
}

// foundBefore reports whether a fingerprint differing from the query by x
// was already reported through a block before j: whether some earlier block
// differs by no more than its probing radius. Checking this rather than
// remembering what was seen keeps searches free of allocation, and costs a
// few instructions per match.
func foundBefore(x uint64, j, k int) bool {
	for i := range j {
		shift := 64 - blockBits*(i+1)
		if bits.OnesCount64(x>>shift&blockMax) <= probeRadius(k, i) {
			return true
		}
	}
	return false
}

// blockRange returns the range of table j whose block value is v.
func (t *blockTables) blockRange(j int, v uint16) (lo, hi int) {
	off := t.off[j]
	b := int(v >> (blockBits - t.h))
	lo, hi = int(off[b]), int(off[b+1])
	if t.h < blockBits {
		// The bucket holds several block values: narrow it.
		s := t.key[j][lo:hi]
		l := searchUint64s(s, uint64(v)<<(64-blockBits))
		u := len(s)
		if v < blockMax {
			u = l + searchUint64s(s[l:], uint64(v+1)<<(64-blockBits))
		}
		lo, hi = lo+l, lo+u
	}
	return lo, hi
}

// find returns the range of table 0 holding fingerprint fp.
func (t *blockTables) find(fp uint64) (lo, hi int) {
	b := fp >> (64 - t.h)
	lo, hi = int(t.off[0][b]), int(t.off[0][b+1])
	s := t.fp[lo:hi]
	l := searchUint64s(s, fp)
	u := l
	for u < len(s) && s[u] == fp && u-l < 8 {
		u++
	}
	if u < len(s) && s[u] == fp { // a long run of duplicates
		u = len(s)
		if fp < math.MaxUint64 {
			u = l + searchUint64s(s[l:], fp+1)
		}
	}
	return lo + l, lo + u
}

// searchUint64s returns the index of the first element of the sorted s that
// is at least v.
func searchUint64s(s []uint64, v uint64) int {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// scan is search by reading every entry.
func (t *blockTables) scan(q uint64, k int, visit func(lo, hi, d int) bool) bool {
	fps := t.fp
	for i := nextWithin(fps, q, k); i < len(fps); i = nextWithin(fps[i:], q, k) + i {
		e := i + 1
		for e < len(fps) && fps[e] == fps[i] {
			e++
		}
		if !visit(i, e, bits.OnesCount64(fps[i]^q)) {
			return false
		}
		i = e
	}
	return true
}

// nextWithin returns the index of the first of fps within k bits of q, or
// len(fps) if there is none. It is the inner loop of scan, kept free of
// calls so that its variables stay in registers.
func nextWithin(fps []uint64, q uint64, k int) int {
	for i, f := range fps {
		if bits.OnesCount64(f^q) <= k {
			return i
		}
	}
	return len(fps)
}

// with returns new tables holding t's entries and the pending ones.
func (t *blockTables) with(pending []pendingEntry) *blockTables {
	n := t.len() + len(pending)
	if uint64(n) > maxIndexEntries {
		panic("simhash: more than 2³²−1 entries in an Index")
	}
	if t.len() == 0 || len(pending) > t.n/4 {
		fp := make([]uint64, 0, n)
		id := make([]uint64, 0, n)
		if t != nil {
			fp = append(fp, t.fp...)
			id = append(id, t.id...)
		}
		for _, e := range pending {
			fp = append(fp, e.fp)
			id = append(id, e.id)
		}
		sortFPID(fp, id)
		return tablesFromSorted(fp, id)
	}
	// Few new entries: sort them and merge them into each table, which
	// copies sequentially instead of sorting every entry again.
	es := slices.Clone(pending)
	slices.SortFunc(es, func(a, b pendingEntry) int {
		if c := cmp.Compare(a.fp, b.fp); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	nt := &blockTables{n: n, h: bucketBits(n)}
	var wg sync.WaitGroup
	maybeParallel(&wg, n, func() {
		nt.fp, nt.id = mergeEntries(t.fp, t.id, es)
		nt.key[0] = nt.fp
		nt.off[0] = bucketStarts(nt.fp, nt.h)
	})
	for j := 1; j < numBlocks; j++ {
		maybeParallel(&wg, n, func() {
			nt.key[j] = mergeByBlock(t.key[j], es, j)
			nt.off[j] = bucketStarts(nt.key[j], nt.h)
		})
	}
	wg.Wait()
	return nt
}

// mergeByBlock merges the sorted entries es into table j, keeping its order
// by block j and then by fingerprint.
func mergeByBlock(keys []uint64, es []pendingEntry, j int) []uint64 {
	rot := j * blockBits
	add := make([]uint64, len(es))
	for i, e := range es {
		add[i] = bits.RotateLeft64(e.fp, rot)
	}
	byBlock := func(a, b uint64) int {
		if c := cmp.Compare(a>>(64-blockBits), b>>(64-blockBits)); c != 0 {
			return c
		}
		return cmp.Compare(bits.RotateLeft64(a, -rot), bits.RotateLeft64(b, -rot))
	}
	slices.SortFunc(add, byBlock)
	out := make([]uint64, len(keys)+len(add))
	a := 0
	for o := range out {
		if len(add) > 0 && (a == len(keys) || byBlock(add[0], keys[a]) < 0) {
			out[o] = add[0]
			add = add[1:]
		} else {
			out[o] = keys[a]
			a++
		}
	}
	return out
}

func mergeEntries(fp, id []uint64, es []pendingEntry) ([]uint64, []uint64) {
	n := len(fp) + len(es)
	outFP := make([]uint64, n)
	outID := make([]uint64, n)
	i, j := 0, 0
	for o := range n {
		if j < len(es) && (i == len(fp) || es[j].fp < fp[i] || es[j].fp == fp[i] && es[j].id < id[i]) {
			outFP[o], outID[o] = es[j].fp, es[j].id
			j++
		} else {
			outFP[o], outID[o] = fp[i], id[i]
			i++
		}
	}
	return outFP, outID
}

// maybeParallel runs f on a new goroutine if there are enough entries to
// make that worthwhile, and otherwise at once.
func maybeParallel(wg *sync.WaitGroup, n int, f func()) {
	if n >= parallelMinEntries {
		wg.Go(f)
	} else {
		f()
	}
}

// tablesFromSorted builds tables from entries sorted by (fp, id), taking
// ownership of the slices.
//
// Table j > 0 comes from a stable sort of table 0 by block j. That leaves
// each block value's entries ordered by fingerprint, so equal fingerprints
// are adjacent as searches need, and sorting by 16 bits takes two passes
// of a byte-wise radix sort.
func tablesFromSorted(fp, id []uint64) *blockTables {
	n := len(fp)
	t := &blockTables{n: n, h: bucketBits(n), fp: fp, id: id}
	t.key[0] = fp
	if n < radixMinEntries {
		t.off[0] = bucketStarts(fp, t.h)
		for j := 1; j < numBlocks; j++ {
			t.key[j] = make([]uint64, n)
			for i, f := range fp {
				t.key[j][i] = bits.RotateLeft64(f, j*blockBits)
			}
			slices.SortStableFunc(t.key[j], func(a, b uint64) int {
				return cmp.Compare(a>>(64-blockBits), b>>(64-blockBits))
			})
			t.off[j] = bucketStarts(t.key[j], t.h)
		}
		return t
	}
	// Two workers, each reusing one scratch buffer for its tables.
	var wg sync.WaitGroup
	work := func(js ...int) {
		tmp := make([]uint64, n)
		for _, j := range js {
			t.key[j], t.off[j] = sortByBlock(fp, j, t.h, tmp)
		}
	}
	maybeParallel(&wg, n, func() {
		t.off[0] = bucketStarts(fp, t.h)
		work(2)
	})
	work(1, 3)
	wg.Wait()
	return t
}

// bucketStarts returns where each of the 2^h buckets of the keys starts,
// given keys sorted by their top h bits.
func bucketStarts(keys []uint64, h uint) []uint32 {
	off := make([]uint32, 1<<h+1)
	shift := 64 - h
	for _, k := range keys {
		off[k>>shift+1]++
	}
	for b := 1; b < len(off); b++ {
		off[b] += off[b-1]
	}
	return off
}

// radixMinEntries is the size from which sorting by a radix sort pays for
// its histograms.
const radixMinEntries = 1 << 12

// radixSort16 sorts src, with each key rotated left by rot bits, stably by
// the top 16 bits, into dst, moving vals (if not nil) alongside into
// dstVals. It uses tmp and tmpVals, as long as src and vals, as scratch, and
// returns the starts of the 2^16 groups as [bucketStarts] would. src and
// dst may be the same slice, as may vals and dstVals.
//
// It does two passes of an LSD radix sort, one byte each, because
// scattering into 256 places at a time stays within the caches where
// scattering into 65536 would miss on nearly every entry.
func radixSort16(dst, dstVals, src, vals []uint64, rot int, tmp, tmpVals []uint64) []uint32 {
	const top = 64 - blockBits
	starts := make([]uint32, 1<<blockBits+1)
	for _, k := range src {
		starts[bits.RotateLeft64(k, rot)>>top+1]++
	}
	var lo, hi [256]uint32 // counts of the low and high byte
	for v, c := range starts[1:] {
		lo[v&0xff] += c
		hi[v>>8] += c
	}
	prefixSums(&lo)
	prefixSums(&hi)
	for i, k := range src {
		k = bits.RotateLeft64(k, rot)
		b := k >> top & 0xff
		o := lo[b]
		lo[b]++
		tmp[o] = k
		if vals != nil {
			tmpVals[o] = vals[i]
		}
	}
	for i, k := range tmp {
		b := k >> (top + 8)
		o := hi[b]
		hi[b]++
		dst[o] = k
		if vals != nil {
			dstVals[o] = tmpVals[i]
		}
	}
	for b := 1; b < len(starts); b++ {
		starts[b] += starts[b-1]
	}
	return starts
}

// prefixSums replaces counts by the sums of the counts before them.
func prefixSums(c *[256]uint32) {
	var sum uint32
	for i, x := range c {
		c[i] = sum
		sum += x
	}
}

// sortByBlock returns the fingerprints, sorted by (fp, id), rotated left by
// 16j bits and stably sorted by their new top 16 bits, and the starts of
// their 2^h buckets. tmp is scratch as long as fp.
func sortByBlock(fp []uint64, j int, h uint, tmp []uint64) (keys []uint64, off []uint32) {
	keys = make([]uint64, len(fp))
	starts := radixSort16(keys, nil, fp, nil, j*blockBits, tmp, nil)
	if h == blockBits {
		return keys, starts
	}
	off = make([]uint32, 1<<h+1)
	for b := range off {
		off[b] = starts[b<<(blockBits-h)]
	}
	return keys, off
}

// sortByFPID returns copies of fps and ids (or 0, 1, ... if ids is nil)
// sorted by (fp, id).
func sortByFPID(fps []Fingerprint, ids []uint64) (fp, id []uint64) {
	fp = make([]uint64, len(fps))
	id = make([]uint64, len(fps))
	for i, f := range fps {
		fp[i] = uint64(f)
	}
	if ids != nil {
		copy(id, ids)
	} else {
		for i := range id {
			id[i] = uint64(i)
		}
	}
	sortFPID(fp, id)
	return fp, id
}

// sortFPID sorts fp and id by (fp, id): by a radix sort on the top 16 bits,
// then by sorting the few entries sharing each 16-bit prefix. That is linear
// time on well-spread fingerprints and O(n log n) at worst.
func sortFPID(fp, id []uint64) {
	n := len(fp)
	if n < radixMinEntries {
		sort.Sort(byFPID{fp, id})
		return
	}
	starts := radixSort16(fp, id, fp, id, 0, make([]uint64, n), make([]uint64, n))
	for b := range len(starts) - 1 {
		lo, hi := starts[b], starts[b+1]
		switch {
		case hi-lo < 2:
		case hi-lo <= insertionSortMax:
			insertionSortFPID(fp[lo:hi], id[lo:hi])
		default:
			sort.Sort(byFPID{fp[lo:hi], id[lo:hi]})
		}
	}
}

// insertionSortMax is the size up to which insertion sort beats pdqsort.
const insertionSortMax = 24

func insertionSortFPID(fp, id []uint64) {
	for i := 1; i < len(fp); i++ {
		f, d := fp[i], id[i]
		j := i
		for ; j > 0 && (fp[j-1] > f || fp[j-1] == f && id[j-1] > d); j-- {
			fp[j], id[j] = fp[j-1], id[j-1]
		}
		fp[j], id[j] = f, d
	}
}

// byFPID sorts large groups, which only clustered data produces.
type byFPID struct{ fp, id []uint64 }

func (s byFPID) Len() int { return len(s.fp) }
func (s byFPID) Less(i, j int) bool {
	return s.fp[i] < s.fp[j] || s.fp[i] == s.fp[j] && s.id[i] < s.id[j]
}
func (s byFPID) Swap(i, j int) {
	s.fp[i], s.fp[j] = s.fp[j], s.fp[i]
	s.id[i], s.id[j] = s.id[j], s.id[i]
}

// sortedByFPID reports whether fp and id are sorted by (fp, id).
func sortedByFPID(fp, id []uint64) bool {
	for i := 1; i < len(fp); i++ {
		if fp[i] < fp[i-1] || fp[i] == fp[i-1] && id[i] < id[i-1] {
			return false
		}
	}
	return true
}
