package simhash

import "math"

// Builder accumulates weighted features into a [Fingerprint]. Each feature
// is a 64-bit hash; bit i of the fingerprint is set when the features with
// bit i set outweigh those without it. Adding the same hash several times
// weights it by its count, which is term-frequency weighting. The zero value
// is an empty Builder ready to use. Not safe for concurrent use.
type Builder struct {
	n       int         // unit-weight features
	pending int         // unit-weight features not yet flushed from lanes
	lanes   [8]uint64   // lanes[j] byte l counts features with bit 8j+l set
	ones    [64]int64   // flushed counts of set bits
	weight  [64]float64 // signed sums of weighted features
	nw      int         // weighted features
}

// byteLanes[b] has byte l equal to bit l of b, so that adding it to a lane
// word counts, in eight 8-bit counters at once, which of a hash byte's bits
// are set. This keeps the per-feature cost at eight table lookups and
// additions rather than 64 branches.
var byteLanes = func() (t [256]uint64) {
	for b := range 256 {
		for l := range 8 {
			if b&(1<<l) != 0 {
				t[b] |= 1 << (8 * l)
			}
		}
	}
	return t
}()

// Add adds a feature of weight 1.
func (b *Builder) Add(h uint64) {
	b.lanes[0] += byteLanes[byte(h)]
	b.lanes[1] += byteLanes[byte(h>>8)]
	b.lanes[2] += byteLanes[byte(h>>16)]
	b.lanes[3] += byteLanes[byte(h>>24)]
	b.lanes[4] += byteLanes[byte(h>>32)]
	b.lanes[5] += byteLanes[byte(h>>40)]
	b.lanes[6] += byteLanes[byte(h>>48)]
	b.lanes[7] += byteLanes[byte(h>>56)]
	b.n++
	b.pending++
	if b.pending == 255 { // an 8-bit lane holds at most 255
		b.flush()
	}
}

func (b *Builder) flush() {
	for j, lane := range b.lanes {
		for l := range 8 {
			b.ones[8*j+l] += int64(lane >> (8 * l) & 0xff)
		}
		b.lanes[j] = 0
	}
	b.pending = 0
}

// AddWeighted adds a feature with weight w, such as an inverse document
// frequency. Weights that are not positive finite numbers are ignored: a
// feature that weighs nothing is not a feature.
func (b *Builder) AddWeighted(h uint64, w float64) {
	if !(w > 0) || math.IsInf(w, 1) {
		return
	}
	for i := range 64 {
		if h&(1<<i) != 0 {
			b.weight[i] += w
		} else {
			b.weight[i] -= w
		}
	}
	b.nw++
}

// Len returns the number of features added since the last Reset.
func (b *Builder) Len() int { return b.n + b.nw }

// Reset empties the Builder.
func (b *Builder) Reset() { *b = Builder{} }

// Sum returns the fingerprint of the features added so far: [Empty] if
// there are none. A bit whose set and unset features weigh the same is set.
// Resolving ties towards 1 means that only a text with no features lands on
// Empty, bar a 2⁻⁶⁴ accident: a one-feature text gets that feature's hash,
// and sparser inputs gain bits rather than lose them.
func (b *Builder) Sum() Fingerprint {
	if b.Len() == 0 {
		return Empty
	}
	if b.pending > 0 {
		b.flush()
	}
	var f uint64
	for i := range 64 {
		v := float64(2*b.ones[i]-int64(b.n)) + b.weight[i]
		if v >= 0 {
			f |= 1 << i
		}
	}
	return Fingerprint(f)
}
