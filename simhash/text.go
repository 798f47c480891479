package simhash

import (
	"sync"
	"unsafe"

	"github.com/textoverlap/overlap/shingle"
)

// Hasher fingerprints texts. Its features are the text's word shingles
// (see package shingle for how words are found and normalised), each
// weighted by how often it occurs, or character n-grams when CharGrams is
// set. The zero value uses [DefaultFeatures]. A Hasher keeps its buffers, so
// reusing one does not allocate; it is not safe for concurrent use.
type Hasher struct {
	// Words is the number of words per shingle; 0 means DefaultWords.
	Words int
	// CharGrams, when positive, makes the features character n-grams of
	// this many characters of the normalised text instead of word shingles.
	CharGrams int

	words shingle.WordShingler
	chars shingle.CharShingler
	count shingle.Tokenizer // counts words beside character n-grams
	b     Builder
	win   [512]uint64 // word hashes: long batches, as each ends inside a block the tokenizer must map again
	batch []uint64    // shingle hashes
}

// DefaultFeatures describes what [Sum] and a zero [Hasher] fingerprint: word
// 2-shingles weighted by term frequency. They were chosen by measurement
// (go test ./simhash -run TestFeatureChoice -feature-table -v, table in the
// README): on the seeds they put a 3% edit 5.7 bits away and a different
// article on the same story at least 24 bits away, where word 3-shingles
// give 8.0 and 24 at the same cost, and single words 2.2 and 7.
const DefaultFeatures = "word 2-shingles, term-frequency weights"

// DefaultWords is the shingle width behind DefaultFeatures.
const DefaultWords = 2

// Sum returns the fingerprint of text and its number of words. A text with
// no words gets [Empty].
func (h *Hasher) Sum(text []byte) (Fingerprint, int) {
	return h.sum(text, nil)
}

// SumString is Sum for a string, without copying it.
func (h *Hasher) SumString(s string) (Fingerprint, int) {
	return h.sum(unsafe.Slice(unsafe.StringData(s), len(s)), nil)
}

// SumWeighted is Sum with each feature weighted by weight(hash) instead of
// by 1 per occurrence, for example by inverse document frequency. Features
// whose weight is not positive are left out.
func (h *Hasher) SumWeighted(text []byte, weight func(hash uint64) float64) (Fingerprint, int) {
	return h.sum(text, weight)
}

func (h *Hasher) sum(text []byte, weight func(uint64) float64) (Fingerprint, int) {
	h.b.Reset()
	add := func(hash uint64) {
		if weight == nil {
			h.b.Add(hash)
		} else {
			h.b.AddWeighted(hash, weight(hash))
		}
	}
	if h.CharGrams > 0 {
		h.chars.N = h.CharGrams
		h.chars.Reset(text)
		for h.chars.Next() {
			add(h.chars.Shingle().Hash)
		}
		// Count words separately: character n-grams do not. (A Tokenizer
		// kept in the Hasher, so that its buffer is reused.)
		h.count.Reset(text)
		for h.count.Next() {
		}
		return h.b.Sum(), h.count.Count()
	}
	h.words.K = h.Words
	if h.words.K <= 0 {
		h.words.K = DefaultWords
	}
	if weight == nil {
		return h.sumFast(text)
	}
	h.words.Reset(text)
	for h.words.Next() {
		add(h.words.Shingle().Hash)
	}
	return h.b.Sum(), h.words.Words()
}

// sumFast is sum for unit weights, the hot path: word hashes a batch at a
// time from the tokenizer, combined into shingle hashes a batch at a time,
// counted eight at a time. The last k-1 word hashes of a batch are carried
// to the front of win to begin the next batch's shingles.
func (h *Hasher) sumFast(text []byte) (Fingerprint, int) {
	k := h.words.K
	if k > len(h.win)/2 {
		// Too wide to carry in win: the general path.
		h.words.Reset(text)
		for h.words.Next() {
			h.b.Add(h.words.Shingle().Hash)
		}
		return h.b.Sum(), h.words.Words()
	}
	h.count.Reset(text)
	n, c := 0, 0
	for {
		m := h.count.ReadHashes(h.win[c:])
		if m == 0 {
			break
		}
		all := h.win[:c+m]
		h.batch = shingle.AppendShingleHashes(h.batch[:0], all, k)
		h.b.AddAll(h.batch)
		n += m
		c = min(len(all), k-1)
		copy(h.win[:c], all[len(all)-c:])
	}
	if n > 0 && n < k {
		// A text shorter than a shingle is one shingle of all its words.
		h.b.Add(shingle.ShingleHash(h.win[:n]))
	}
	return h.b.Sum(), n
}

var hashers = sync.Pool{New: func() any { return new(Hasher) }}

// Sum returns the fingerprint of text with the default features. It is safe
// for concurrent use and does not allocate in the steady state.
func Sum(text []byte) Fingerprint {
	h := hashers.Get().(*Hasher)
	f, _ := h.Sum(text)
	hashers.Put(h)
	return f
}

// SumString is [Sum] for a string, without copying it.
func SumString(s string) Fingerprint {
	return Sum(unsafe.Slice(unsafe.StringData(s), len(s)))
}
