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
// one Signature (about 140 bytes) per document, plus 8 bytes per document
// while clustering.
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
func (d *Deduper) Clusters() ([]int, []DupPair) {
	n := len(d.sigs)
	uf := newUnionFind(n)
	var pairs []DupPair
	keys := make([]uint64, 0, n)
	verify := func(a, b int) {
		if !d.KeepPairs && uf.find(a) == uf.find(b) {
			return
		}
		sa, sb := &d.sigs[a], &d.sigs[b]
		if !sa.NearDuplicate(sb, d.Threshold) {
			return
		}
		uf.union(a, b)
		if d.KeepPairs {
			pairs = append(pairs, DupPair{A: a, B: b, Similarity: round4(sa.Similarity(sb)),
				Containment: round2x(sa.Containment(sb)), Hamming: sa.Simhash.Distance(sb.Simhash)})
		}
	}
	var members []int
	for band := range LSHBands {
		keys = keys[:0]
		for i := range d.sigs {
			if k, ok := d.sigs[i].BandKey(band); ok {
				keys = append(keys, uint64(k)<<32|uint64(uint32(i)))
			}
		}
		slices.Sort(keys)
		for lo := 0; lo < len(keys); {
			hi := lo + 1
			for hi < len(keys) && keys[hi]>>32 == keys[lo]>>32 {
				hi++
			}
			members = members[:0]
			for _, k := range keys[lo:hi] {
				members = append(members, int(uint32(k)))
			}
			BucketPairs(members, func(a, b int) bool { verify(a, b); return true })
			lo = hi
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
		pairs = slices.CompactFunc(pairs, func(x, y DupPair) bool { return x.A == y.A && x.B == y.B })
	}
	return out, pairs
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
