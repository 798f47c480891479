package shingle

import "iter"

// Winnower selects fingerprints from a stream of shingles by robust
// winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: Local Algorithms
// for Document Fingerprinting", SIGMOD 2003; the algorithm behind MOSS).
//
// In every window of W consecutive shingles it selects the one with the
// least hash. On a tie it keeps the shingle it already selected if that is
// still in the window, and otherwise takes the rightmost; keeping the old
// choice is what makes it robust, giving fewer fingerprints on repetitive
// text. Each selected shingle is reported once. The guarantee: two texts
// that share a run of at least W+K−1 words (with K-word shingles) share at
// least one selected fingerprint, and no shared run shorter than K words
// can produce one. Windows at the start of the stream are filled
// progressively, so a text with fewer than W shingles still yields its
// least one.
//
// The zero value is not usable: set W (at least 1) and call Reset. Not safe
// for concurrent use.
type Winnower struct {
	// W is the window width in shingles.
	W int

	ring []Shingle
	n    int // shingles pushed since Reset
	min  int // ring index of the current selection
}

// NewWinnower returns a Winnower with window w (values below 1 mean 1).
func NewWinnower(w int) *Winnower {
	v := &Winnower{W: w}
	v.Reset()
	return v
}

// Reset forgets the stream so far.
func (v *Winnower) Reset() {
	w := max(v.W, 1)
	if cap(v.ring) < w {
		v.ring = make([]Shingle, w)
	}
	v.ring = v.ring[:w]
	v.n, v.min = 0, 0
}

// Push adds the next shingle of the stream and reports the shingle that
// becomes selected because of it, if any.
func (v *Winnower) Push(s Shingle) (Shingle, bool) {
	w := len(v.ring)
	if w == 0 {
		v.Reset()
		w = len(v.ring)
	}
	r := v.n % w
	v.ring[r] = s
	v.n++
	if v.n == 1 {
		v.min = r
		return s, true
	}
	if v.min == r {
		// The selection just left the window (its slot was reused): scan
		// leftwards from the newest for the rightmost least hash.
		m := r
		for j := 1; j < min(v.n, w); j++ {
			i := (r - j + w) % w
			if v.ring[i].Hash < v.ring[m].Hash {
				m = i
			}
		}
		v.min = m
		return v.ring[m], true
	}
	if s.Hash < v.ring[v.min].Hash {
		v.min = r
		return s, true
	}
	return Shingle{}, false
}

// Winnow returns the fingerprints that robust winnowing with window w
// selects from shingles, in stream order.
func Winnow(shingles iter.Seq[Shingle], w int) iter.Seq[Shingle] {
	return func(yield func(Shingle) bool) {
		v := NewWinnower(w)
		for s := range shingles {
			if f, ok := v.Push(s); ok && !yield(f) {
				return
			}
		}
	}
}
