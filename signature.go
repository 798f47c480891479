package overlap

import (
	"math"

	"github.com/textoverlap/overlap/shingle"
	"github.com/textoverlap/overlap/simhash"
)

// SketchSize is the number of values in a Signature's MinHash sketch.
const SketchSize = 64

// Signature is what near-duplicate search keeps of a document: about 140
// bytes whatever the text's length, so that millions of documents fit in
// memory and a 2 GB input does not need 2 GB.
//
// The sketch is a one-permutation MinHash (Li, Owen and Zhang, NIPS 2012)
// of the document's word 3-shingles, densified so that short texts fill
// every bin (Shrivastava, ICML 2017), keeping 16 bits of each minimum:
// two sketches agree in a bin with probability J + (1−J)/65536 for Jaccard
// similarity J, so the 16 bits cost nothing measurable.
type Signature struct {
	Simhash simhash.Fingerprint
	// Shingles is the number of distinct word 3-shingles; 0 for a text
	// with no words.
	Shingles uint32
	Sketch   [SketchSize]uint16
}

// Signer computes Signatures, reusing its buffers: once warmed up it does
// not allocate. The zero value is ready. Not safe for concurrent use.
type Signer struct {
	tok shingle.Tokenizer
	// win holds the hashes of the last two words of the batch before,
	// then the batch's own.
	win [2 + signBatch]uint64
	fp  []uint64 // the batch's simhash features
	sk  []uint64 // the batch's sketch shingles
	b   simhash.Builder
	set hashSet
}

// signBatch is how many words Sign reads at a time: many, as each batch
// ends inside a block the tokenizer must map again (see simhash.Hasher).
const signBatch = 512

const emptyBin = math.MaxUint64

// Sign returns the signature of text. It reads the text once, hashing each
// word once (shingle.Tokenizer.ReadHashes); each word then ends one
// shingle of simhash's width and one of ShingleWords, both combined from
// the same word hashes as package shingle combines them.
func (s *Signer) Sign(text []byte) Signature {
	const fw, sw = simhash.DefaultWords, ShingleWords
	var sig Signature
	var mins [SketchSize]uint64
	for i := range mins {
		mins[i] = emptyBin
	}
	s.b.Reset()
	s.set.reset()
	s.tok.Reset(text)
	n, c := 0, 0 // words so far; words carried over at the front of win
	for {
		m := s.tok.ReadHashes(s.win[c:])
		if m == 0 {
			break
		}
		all := s.win[:c+m]
		// The shingles that end at this batch's words.
		s.fp = shingle.AppendShingleHashes(s.fp[:0], all[max(c-(fw-1), 0):], fw)
		s.sk = shingle.AppendShingleHashes(s.sk[:0], all[max(c-(sw-1), 0):], sw)
		s.b.AddAll(s.fp)
		for _, h := range s.sk {
			s.addShingle(h, &mins)
		}
		n += m
		c = min(len(all), max(fw, sw)-1)
		copy(s.win[:c], all[len(all)-c:])
	}
	// A text shorter than a shingle is one shingle of all its words.
	if n > 0 && n < fw {
		s.b.Add(shingle.ShingleHash(s.win[:n]))
	}
	if n > 0 && n < sw {
		s.addShingle(shingle.ShingleHash(s.win[:n]), &mins)
	}
	sig.Simhash = s.b.Sum()
	sig.Shingles = uint32(min(uint64(s.set.n), math.MaxUint32))
	if sig.Shingles == 0 {
		return sig
	}
	densify(&mins)
	for i, m := range mins {
		sig.Sketch[i] = uint16(m)
	}
	return sig
}

// addShingle counts a shingle and lets it compete for its sketch bin: the
// top six bits choose the bin; the rest, mixed so that the kept low bits
// are uniform, compete for its minimum.
func (s *Signer) addShingle(h uint64, mins *[SketchSize]uint64) {
	s.set.add(h)
	bin, v := h>>58, mix64(h&(1<<58-1))
	if v < mins[bin] {
		mins[bin] = v
	}
}

// densify fills each empty bin from a non-empty one chosen by a hash of the
// bin number and the attempt, so equal sets fill equally and different
// empty bins borrow from independent places.
func densify(mins *[SketchSize]uint64) {
	filled := false
	for _, m := range mins {
		if m != emptyBin {
			filled = true
			break
		}
	}
	if !filled {
		return
	}
	orig := *mins
	for i := range mins {
		if orig[i] != emptyBin {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			j := mix64(uint64(i)<<32|attempt) % SketchSize
			if orig[j] != emptyBin {
				mins[i] = mix64(orig[j] + attempt)
				break
			}
		}
	}
}

// mix64 is the SplitMix64 finaliser: a bijection that spreads every input
// bit over the output.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Similarity estimates the Jaccard similarity of the two documents' word
// 3-shingle sets.
func (a *Signature) Similarity(b *Signature) float64 {
	if a.Shingles == 0 || b.Shingles == 0 {
		return 0
	}
	same := 0
	for i := range a.Sketch {
		if a.Sketch[i] == b.Sketch[i] {
			same++
		}
	}
	return float64(same) / SketchSize
}

// Containment estimates the share of a's shingles found in b and of b's
// found in a, from the estimated similarity and the two set sizes.
func (a *Signature) Containment(b *Signature) [2]float64 {
	j := a.Similarity(b)
	if j == 0 {
		return [2]float64{}
	}
	inter := j * float64(a.Shingles+b.Shingles) / (1 + j)
	return [2]float64{min(1, inter/float64(a.Shingles)), min(1, inter/float64(b.Shingles))}
}

// NearDuplicate applies the rule of Pair.NearDuplicate to estimates: each
// document has at least threshold of its shingles in the other (0 means
// DefaultNearDuplicate).
func (a *Signature) NearDuplicate(b *Signature, threshold float64) bool {
	if threshold <= 0 {
		threshold = DefaultNearDuplicate
	}
	c := a.Containment(b)
	return min(c[0], c[1]) >= threshold
}

// hashSet counts distinct hashes with open addressing. It keeps its table
// between documents and clears only the slots a document used, so a small
// document after a large one does not pay for the large one's table.
type hashSet struct {
	slots []uint64 // 0 marks an empty slot; hash 0 is counted apart
	used  []int32  // slots filled since the last reset
	zero  bool
	n     int
}

func (s *hashSet) reset() {
	if len(s.slots) > 1<<16 && s.n < len(s.slots)/8 {
		s.slots, s.used = nil, nil // do not keep a huge table for small documents
	}
	for _, i := range s.used {
		s.slots[i] = 0
	}
	s.used = s.used[:0]
	s.zero, s.n = false, 0
}

func (s *hashSet) add(h uint64) {
	if h == 0 {
		if !s.zero {
			s.zero = true
			s.n++
		}
		return
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return
		case 0:
			s.slots[i] = h
			s.used = append(s.used, int32(i))
			s.n++
			return
		}
	}
}

func (s *hashSet) grow() {
	old := s.slots
	size := max(1024, 2*len(old))
	s.slots = make([]uint64, size)
	s.used = s.used[:0]
	mask := uint64(size - 1)
	for _, h := range old {
		if h == 0 {
			continue
		}
		for i := h & mask; ; i = (i + 1) & mask {
			if s.slots[i] == 0 {
				s.slots[i] = h
				s.used = append(s.used, int32(i))
				break
			}
		}
	}
}

// Sign carries max(fw, sw)-1 words between batches at the front of win.
var (
	_ [3 - simhash.DefaultWords]struct{}
	_ [3 - ShingleWords]struct{}
)
