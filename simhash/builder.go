package simhash

import "math"

// Builder accumulates weighted features into a [Fingerprint]. Each feature
// is a 64-bit hash; bit i of the fingerprint is set when the features with
// bit i set outweigh those without it. Adding the same hash several times
// weights it by its count, which is term-frequency weighting. The zero value
// is an empty Builder ready to use. Not safe for concurrent use.
type Builder struct {
	n int // unit-weight features

	// Unit-weight features are counted per bit position in three stages, so
	// that an Add costs a few instructions per feature rather than one per
	// bit (see counts):
	//
	//   - queue holds the last n%16 features, not yet counted;
	//   - c counts the others modulo 16 and, in its lanes, the sixteens;
	//   - every 255 groups at most, before a lane byte can overflow, the
	//     lanes are flushed into sixteens.
	//
	// The count of features with bit i set is thus
	// 16·(sixteens[i] + lane byte i) + 8·eights_i + 4·fours_i + 2·twos_i +
	// ones_i + (bit i set in the queue).
	queue    [16]uint64
	c        counts
	groups   int // the most any lane byte has grown since the last flush, below 255
	flushed  bool
	sixteens [64]int64

	weight [64]float64 // signed sums of weighted features
	nw     int         // weighted features
}

// byteLanes[b] has byte l equal to bit l of b, so that adding it to a lane
// word counts, in eight 8-bit counters at once, which of a byte's bits are
// set.
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
	b.queue[b.n&15] = h
	b.n++
	if b.n&15 == 0 {
		b.addGroup()
	}
}

// AddAll adds features of weight 1, as Add does one by one, but counts
// them straight from hs, 32 at a time where it can.
func (b *Builder) AddAll(hs []uint64) {
	for len(hs) > 0 && b.n&15 != 0 {
		b.Add(hs[0])
		hs = hs[1:]
	}
	for len(hs) >= 32 {
		// Each group of 32 adds at most two to a lane byte, and the end
		// of the call one more; between calls they stay below 255, so
		// that counters can add one.
		k := min(len(hs)/32, (253-b.groups)/2)
		if k == 0 {
			b.flush()
			continue
		}
		countGroups(&b.c, hs[:32*k])
		b.groups += 2*k + 1
		b.n += 32 * k
		hs = hs[32*k:]
	}
	if len(hs) >= 16 {
		b.count((*[16]uint64)(hs))
		b.n += 16
		hs = hs[16:]
	}
	for _, h := range hs {
		b.Add(h)
	}
}

// addGroup counts the sixteen queued features. It is apart from count,
// and not inlined, so that Add, which calls it, stays small enough to
// inline.
//
//go:noinline
func (b *Builder) addGroup() { b.count(&b.queue) }

// count counts sixteen features.
func (b *Builder) count(q *[16]uint64) {
	b.c.add16(q)
	b.groups++
	if b.groups == 255 {
		b.flush()
	}
}

func (b *Builder) flush() {
	for j, lane := range b.c.lanes {
		for l := range 8 {
			b.sixteens[8*j+l] += int64(lane >> (8 * l) & 0xff)
		}
		b.c.lanes[j] = 0
	}
	b.groups = 0
	b.flushed = true
}

// counts is a count of features per bit position, modulo 16 in a
// bit-sliced counter (bit i of ones, twos, fours and eights is bit 0, 1,
// 2 and 3 of the count of features with bit i set) and its sixteens in
// lanes, where byte l of lanes[j] counts those of bit 8j+l.
type counts struct {
	ones, twos, fours, eights uint64
	lanes                     [8]uint64
}

// csa is a carry-save adder on 64 one-bit columns: a+b+c = sum + 2·carry
// in every bit position.
func csa(a, b, c uint64) (sum, carry uint64) {
	u := a ^ b
	return u ^ c, a&b | u&c
}

// add16 counts sixteen features. A tree of carry-save adders (as in
// Harley and Seal's population count) adds them into the bit-sliced
// counter with 75 logic operations for all 64 bit positions; what
// overflows is at most one sixteen per bit position, counted with eight
// table lookups: at most one more in each lane byte. Groups of eight, with
// a lookup for each eight, cost half as much again; eight lookups per
// feature, the first way, four times as much.
func (c *counts) add16(q *[16]uint64) {
	ones, twos, fours, eightsA := csa8(c.ones, c.twos, c.fours, (*[8]uint64)(q[:8]))
	// Stored halfway, so that the compiler cannot load all sixteen
	// features first (q might point into c), which spilled half of them.
	c.ones, c.twos, c.fours = ones, twos, fours
	ones, twos, fours, eightsB := csa8(ones, twos, fours, (*[8]uint64)(q[8:]))
	eights, carry := csa(c.eights, eightsA, eightsB)
	c.ones, c.twos, c.fours, c.eights = ones, twos, fours, eights
	c.addLanes(carry)
}

// csa8 adds eight features to ones, twos and fours, and returns them with
// the carries of eight.
func csa8(ones, twos, fours uint64, q *[8]uint64) (_, _, _, eights uint64) {
	var twosA, twosB, foursA, foursB uint64
	ones, twosA = csa(ones, q[0], q[1])
	ones, twosB = csa(ones, q[2], q[3])
	twos, foursA = csa(twos, twosA, twosB)
	ones, twosA = csa(ones, q[4], q[5])
	ones, twosB = csa(ones, q[6], q[7])
	twos, foursB = csa(twos, twosA, twosB)
	fours, eights = csa(fours, foursA, foursB)
	return ones, twos, fours, eights
}

// addLanes counts one in lane byte i for each bit i set in carry.
func (c *counts) addLanes(carry uint64) {
	c.lanes[0] += byteLanes[byte(carry)]
	c.lanes[1] += byteLanes[byte(carry>>8)]
	c.lanes[2] += byteLanes[byte(carry>>16)]
	c.lanes[3] += byteLanes[byte(carry>>24)]
	c.lanes[4] += byteLanes[byte(carry>>32)]
	c.lanes[5] += byteLanes[byte(carry>>40)]
	c.lanes[6] += byteLanes[byte(carry>>48)]
	c.lanes[7] += byteLanes[byte(carry>>56)]
}

// countGroupsGo is countGroups in portable Go: two groups of sixteen at a
// time.
func countGroupsGo(c *counts, hs []uint64) {
	for ; len(hs) >= 16; hs = hs[16:] {
		c.add16((*[16]uint64)(hs))
	}
}

// counters returns ones, twos, fours, eights and lanes with the queued
// features counted in, so that the count of features with bit i = 8j+l
// set is 16·(sixteens[i] + byte l of lanes[j]) + 8·eights_i + 4·fours_i +
// 2·twos_i + ones_i. Fifteen features at most carry at most one sixteen per
// bit position, and the lane bytes, below 255 between groups, have room
// for it.
func (b *Builder) counters() (ones, twos, fours, eights uint64, lanes [8]uint64) {
	ones, twos, fours, eights = b.c.ones, b.c.twos, b.c.fours, b.c.eights
	var carry uint64
	for _, h := range b.queue[:b.n&15] {
		c := ones & h
		ones ^= h
		h = twos & c
		twos ^= c
		c = fours & h
		fours ^= h
		carry |= eights & c
		eights ^= c
	}
	lanes = b.c.lanes
	for j := range lanes {
		lanes[j] += byteLanes[byte(carry>>(8*j))]
	}
	return ones, twos, fours, eights, lanes
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
	ones, twos, fours, eights, lanes := b.counters()
	if b.nw == 0 {
		return Fingerprint(b.majority(ones, twos, fours, eights, &lanes))
	}
	var f uint64
	for i := range 64 {
		c := 16 * (b.sixteens[i] + int64(lanes[i/8]>>(8*(i%8))&0xff))
		c += int64(8*(eights>>i&1) + 4*(fours>>i&1) + 2*(twos>>i&1) + ones>>i&1)
		v := float64(2*c-int64(b.n)) + b.weight[i]
		if v >= 0 {
			f |= 1 << i
		}
	}
	return Fingerprint(f)
}

// majority is Sum of unit-weight features alone, given counters: the bits
// set in at least half of them. With ⌈n/2⌉ = 16·q + r and the count of bit
// i 16·e_i + r_i, r and r_i below 16, that is when e_i + [r_i ≥ r] > q. The
// 64 r_i ≥ r are compared at once on the bit-sliced counter, leaving an add
// and a compare per bit, where each count took several operations.
func (b *Builder) majority(ones, twos, fours, eights uint64, lanes *[8]uint64) uint64 {
	m := (b.n + 1) / 2
	q := int64(m / 16)
	r0, r1, r2, r3 := -uint64(m&1), -uint64(m>>1&1), -uint64(m>>2&1), -uint64(m>>3&1) // r's bits as masks
	ge := eights&^r3 | ^(eights^r3)&(fours&^r2|^(fours^r2)&(twos&^r1|^(twos^r1)&(ones|^r0)))
	if !b.flushed {
		return laneMajority(lanes, ge, q)
	}
	// Bit by bit from bit 0, each shifted in at the top of f.
	var f uint64
	for j, lane := range lanes {
		for _, c := range b.sixteens[8*j : 8*j+8] {
			e := c + int64(lane&0xff) + int64(ge&1)
			lane >>= 8
			ge >>= 1
			f = f>>1 | uint64(q-e)&(1<<63) // e > q
		}
	}
	return f
}

// laneMajority is majority's comparison, e_i + ge_i > q, before the first
// flush, when sixteens are all zero and e_i is lane byte i: eight bytes at
// once. Then n < 4080 (every sixteen features counted add at least one
// to groups), q is at most 127, and each byte's bound t = q + 1 -
// ge_i is at most 128, and a byte l is at least t when its top bit is set
// or when l|0x80 - t, which cannot borrow from the next byte, has it set.
func laneMajority(lanes *[8]uint64, ge uint64, q int64) uint64 {
	const low, high = 0x0101010101010101, 0x8080808080808080
	q1 := uint64(q+1) * low
	var f uint64
	for j, l := range lanes {
		t := q1 - byteLanes[byte(ge>>(8*j))]
		m := (l | ((l | high) - t)) & high
		f |= (m >> 7) * 0x0102040810204080 >> 56 << (8 * j) // the top bits, gathered
	}
	return f
}
