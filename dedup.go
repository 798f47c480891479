package overlap

import (
	"cmp"
	"slices"
)

// Bands and rows of the locality-sensitive hashing that finds candidate
// near-duplicates: a pair becomes a candidate when all the rows of some
// band agree. With 32 bands of 2 rows, a pair of Jaccard similarity J is a
// candidate with probability 1−(1−J²)³²: 0.9993 at J = 0.45, below which
// no pair passing the near-duplicate rule at its default lies unless the
// two differ greatly in length; 0.27 at J = 0.1, and candidates are then
// verified.
const (
	// LSHBands is the number of bands a Signature's sketch is cut into;
	// see [Signature.BandKey].
	LSHBands = SketchSize / lshRows
	lshRows  = 2
)

// maxBucketPairs bounds the pairs compared inside one bucket of documents
// that agree on a band. Past it (thousands of copies of one text) each
// document is compared with the bucket's first and with its neighbour only:
// clusters come out the same when the copies are alike, but the list of
// pairs is no longer exhaustive.
const maxBucketPairs = 1 << 12

// BandKey returns the key of band b (0 ≤ b < LSHBands) of the signature's
// sketch. Two documents are candidate near-duplicates when some band has
// the same key in both; a distributed deduplicator groups by (band, key)
// and verifies each group with [BucketPairs] and
// [Signature.NearDuplicate], as [Deduper] does. ok is false for a text
// with no words, which is nobody's near-duplicate.
func (s *Signature) BandKey(b int) (key uint32, ok bool) {
	if s.Shingles == 0 {
		return 0, false
	}
	for r := range lshRows {
		key = key<<16 | uint32(s.Sketch[b*lshRows+r])
	}
	return key, true
}

// BucketPairs calls verify for each pair of documents in one LSH bucket
// that [Deduper] compares: every pair, or, in a bucket too large for that
// (thousands of copies of one text), each member with the first and with
// its predecessor. members are document numbers in ascending order; a and
// b come from members with a < b. It stops when verify returns false.
func BucketPairs(members []int, verify func(a, b int) bool) {
	g := members
	if len(g)*(len(g)-1)/2 <= maxBucketPairs {
		for x := range g {
			for y := x + 1; y < len(g); y++ {
				if !verify(g[x], g[y]) {
					return
				}
			}
		}
		return
	}
	for x := 1; x < len(g); x++ {
		if !verify(g[0], g[x]) {
			return
		}
		if x > 1 && !verify(g[x-1], g[x]) {
			return
		}
	}
}

// Deduper groups documents into clusters of near-duplicates from their
// Signatures. Add documents in input order, then call Clusters. Memory is
// one Signature (about 140 bytes) per document, plus 20 bytes per document
// while clustering (and, with KeepPairs, the pairs).
type Deduper struct {
	// Threshold is the least containment, both ways, of a near-duplicate
	// pair; 0 means DefaultNearDuplicate.
	Threshold float64
	// KeepPairs makes Clusters also return every near-duplicate pair found.
	KeepPairs bool

	sigs []Signature
}

// DupPair is a near-duplicate pair found by a Deduper, by document number
// (order of Add), with its estimated measures.
type DupPair struct {
	A, B        int
	Similarity  float64
	Containment [2]float64
	Hamming     int
}

// Add adds the next document and returns its number.
func (d *Deduper) Add(s Signature) int {
	d.sigs = append(d.sigs, s)
	return len(d.sigs) - 1
}

// Len returns the number of documents added.
func (d *Deduper) Len() int { return len(d.sigs) }

// Clusters returns, for each document, the number of the first document
// (in order of Add) of its cluster: near-duplicate pairs are joined, and so
// are their clusters. A document without near-duplicates is its own
// cluster. With KeepPairs, it also returns the pairs, ordered by A then B.
//
// It runs after all the signing, on one goroutine, so its cost is paid in
// full on a machine the signing kept busy: it groups each band with a radix
// sort, and verifies each candidate pair at most once where it can. Since
// clusters are the connected parts of the graph of near-duplicate pairs,
// the order in which pairs are verified, and skipping pairs whose documents
// are joined already, change nothing.
func (d *Deduper) Clusters() ([]int, []DupPair) {
	n := len(d.sigs)
	uf := newUnionFind(n)
	var pairs []DupPair
	// Near-duplicates agree on many bands, so the same pair comes up in
	// many buckets: listing pairs, each is verified and kept once.
	var seen pairSet
	verify := func(a, b int) bool {
		if d.KeepPairs {
			if !seen.add(a, b) {
				return true
			}
		} else if uf.find(a) == uf.find(b) {
			return true
		}
		sa, sb := &d.sigs[a], &d.sigs[b]
		if !sa.NearDuplicate(sb, d.Threshold) {
			return true
		}
		uf.union(a, b)
		if d.KeepPairs {
			pairs = append(pairs, DupPair{A: a, B: b, Similarity: round4(sa.Similarity(sb)),
				Containment: round2x(sa.Containment(sb)), Hamming: sa.Simhash.Distance(sb.Simhash)})
		}
		return true
	}
	var bs bandSort
	var members []int
	for band := range LSHBands {
		keys := bs.sort(d.sigs, band)
		for lo := 0; lo < len(keys); {
			hi := lo + 1
			for hi < len(keys) && keys[hi]>>32 == keys[lo]>>32 {
				hi++
			}
			bucket := keys[lo:hi]
			lo = hi
			if len(bucket) < 2 || !d.KeepPairs && joined(uf, bucket) {
				continue
			}
			members = members[:0]
			for _, k := range bucket {
				members = append(members, int(uint32(k)))
			}
			BucketPairs(members, verify)
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = uf.find(i)
	}
	if d.KeepPairs {
		slices.SortFunc(pairs, func(x, y DupPair) int {
			if c := cmp.Compare(x.A, y.A); c != 0 {
				return c
			}
			return cmp.Compare(x.B, y.B)
		})
	}
	return out, pairs
}

// joined reports whether the documents of a bucket (band keys as sorted by
// bandSort) are all in one cluster already, so that no pair of them needs
// verifying: after the first bands, that is the case of most buckets of
// near-duplicates.
func joined(uf unionFind, bucket []uint64) bool {
	root := uf.find(int(uint32(bucket[0])))
	for _, k := range bucket[1:] {
		if uf.find(int(uint32(k))) != root {
			return false
		}
	}
	return true
}

// bandSort groups documents by their key in one band: it returns, for each
// document that has keys, key<<32|number, sorted. Members of a bucket are
// therefore adjacent and in ascending order. A least-significant-digit
// radix sort does it in a few linear passes, several times faster than a
// comparison sort; its two buffers are reused from band to band.
type bandSort struct {
	a, b []uint64
}

const (
	radixBits   = 11 // three passes cover the 32 bits of a key
	radixPasses = 3
)

func (s *bandSort) sort(sigs []Signature, band int) []uint64 {
	var counts [radixPasses][1 << radixBits]int32
	if cap(s.a) < len(sigs) {
		s.a = make([]uint64, 0, len(sigs))
	}
	src := s.a[:0]
	for i := range sigs {
		k, ok := sigs[i].BandKey(band)
		if !ok {
			continue
		}
		src = append(src, uint64(k)<<32|uint64(uint32(i)))
		for p := range radixPasses {
			counts[p][k>>(p*radixBits)&(1<<radixBits-1)]++
		}
	}
	s.a = src
	if len(src) == 0 {
		return src
	}
	dst := slices.Grow(s.b[:0], len(src))[:len(src)]
	s.b = dst
	for p := range radixPasses {
		c := &counts[p]
		if c[src[0]>>(32+p*radixBits)&(1<<radixBits-1)] == int32(len(src)) {
			continue // one digit for all: already in order
		}
		var sum int32
		for i, x := range c {
			c[i] = sum
			sum += x
		}
		shift := 32 + p*radixBits
		for _, k := range src {
			digit := k >> shift & (1<<radixBits - 1)
			dst[c[digit]] = k
			c[digit]++
		}
		src, dst = dst, src
	}
	return src
}

// pairSet holds pairs of document numbers a < b, with open addressing.
type pairSet struct {
	slots []uint64 // a<<32 | b; 0 (never a pair, since a < b) is empty
	bits  uint     // len(slots) is 1<<bits
	n     int
}

// add adds the pair and reports whether it was new.
func (s *pairSet) add(a, b int) bool {
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	return s.insert(uint64(a)<<32 | uint64(uint32(b)))
}

func (s *pairSet) insert(p uint64) bool {
	mask := uint64(len(s.slots) - 1)
	// Fibonacci hashing: the multiplication spreads both numbers over the
	// top bits, which pick the slot.
	for i := (p * 0x9e3779b97f4a7c15) >> (64 - s.bits); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case p:
			return false
		case 0:
			s.slots[i] = p
			s.n++
			return true
		}
	}
}

func (s *pairSet) grow() {
	old := s.slots
	s.bits = max(10, s.bits+1)
	s.slots = make([]uint64, 1<<s.bits)
	s.n = 0
	for _, p := range old {
		if p != 0 {
			s.insert(p)
		}
	}
}

func round2x(c [2]float64) [2]float64 { return [2]float64{round4(c[0]), round4(c[1])} }

// unionFind joins sets so that each set's root is its least member: the
// cluster label is then the first document in input order.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(x int) int {
	root := x
	for int(u[root]) != root {
		root = int(u[root])
	}
	for int(u[x]) != root { // path compression
		x, u[x] = int(u[x]), int32(root)
	}
	return root
}

func (u unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u[rb] = int32(ra)
}
