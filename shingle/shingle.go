package shingle

import (
	"iter"
	"slices"
	"unicode/utf8"
)

// Shingle is a hashed run of consecutive words or characters.
type Shingle struct {
	// Hash identifies the shingle's normalised text: for word shingles
	// ShingleHash of its words' WordHash values, for character n-grams
	// xxhash64 of the n-gram (see the package documentation).
	Hash uint64
	// Start and End are the half-open byte span in the original input, from
	// the first byte of the first word or character covered to the last byte
	// of the last.
	Start, End int
	// Index is the position of the shingle's first word among the words of
	// the input, counting from 0. For character n-grams it is the index of
	// the word holding the first character.
	Index int
}

// DefaultWords is the word-shingle width used where none is given. Three
// words make shingles specific enough that sharing one means something,
// which is what resemblance and containment need (package overlap uses
// them); simhash fingerprints, which want small moves under light edits,
// measured best with two (simhash.DefaultWords).
const DefaultWords = 3

// WordShingler streams the word k-shingles of a text, in the manner of
// [bufio.Scanner]. A text with fewer than K words but at least one gives a
// single shingle of all its words, so that short texts still have a
// feature. The zero value uses [DefaultWords]; reuse one WordShingler across
// texts with Reset to avoid allocation. Not safe for concurrent use.
type WordShingler struct {
	// K is the number of words per shingle; 0 means DefaultWords.
	K int

	// The shingler works in batches (see fill): it reads up to a batch of
	// words ahead, hashing each word (WordHash), then hashes every shingle
	// the batch completes in one loop, where the processor overlaps the
	// hashes' chains of multiplications. Word i of the batch has hash
	// th[i] and comes from src[spans[i].start:spans[i].end]. The first k-1
	// words of a batch are the last of the one before, to begin its first
	// shingles.
	tok    Tokenizer
	k      int
	buf    []byte // the normalised text of the batch's words that need it
	th     []uint64
	spans  []wordSpan
	hashes []uint64 // hashes[i]: the shingle of words i to i+k-1
	first  int      // index in the text of the batch's word 0
	next   int      // the shingle Next returns next
	ready  int      // shingles of the batch hashed
	words  int      // what Words reports
	done   bool
	sh     Shingle
}

// wordBatch is the number of words a batch reads at least: enough to keep
// several hashes in flight and to make carrying k-1 words over cheap.
const wordBatch = 64

// NewWordShingler returns a WordShingler of width k over src.
func NewWordShingler(src []byte, k int) *WordShingler {
	s := &WordShingler{K: k}
	s.Reset(src)
	return s
}

// Reset starts on src.
func (s *WordShingler) Reset(src []byte) {
	k := s.K
	if k <= 0 {
		k = DefaultWords
	}
	s.k = k
	s.tok.Reset(src)
	s.th = s.th[:0]
	s.spans = s.spans[:0]
	s.first, s.next, s.ready, s.words, s.done = 0, 0, 0, 0, false
	s.sh = Shingle{}
}

// ResetString starts on s without copying it.
func (s *WordShingler) ResetString(str string) {
	s.Reset(nil)
	s.tok.ResetString(str)
}

// Shingle returns the shingle found by the last call to Next.
func (s *WordShingler) Shingle() Shingle { return s.sh }

// Words returns the number of words read so far; after Next has returned
// false, the number of words in the text. (The words of the last shingle
// returned count as read; words read ahead into the batch do not.)
func (s *WordShingler) Words() int { return s.words }

// Next advances to the next shingle, returning false at the end.
func (s *WordShingler) Next() bool {
	if s.next == s.ready && !s.fill() {
		return false
	}
	i := s.next
	s.next++
	// Field by field, for the reason given in Tokenizer.Next.
	last := min(i+s.k, len(s.spans)) - 1
	s.sh.Hash = s.hashes[i]
	s.sh.Start = s.spans[i].start
	s.sh.End = s.spans[last].end
	s.sh.Index = s.first + i
	s.words = s.first + last + 1
	return true
}

// ReadHashes reads the hashes of the next shingles into dst, up to
// len(dst) of them, and returns how many it read; 0 means the end. It is
// Next for callers that want only the hashes, such as a fingerprint, a
// batch at a time. Shingle is not set; Words is, as by Next.
func (s *WordShingler) ReadHashes(dst []uint64) int {
	n := 0
	for n < len(dst) {
		if s.next == s.ready && !s.fill() {
			break
		}
		c := copy(dst[n:], s.hashes[s.next:s.ready])
		s.next += c
		n += c
		s.words = s.first + min(s.next-1+s.k, len(s.spans))
	}
	return n
}

// fill reads the next batch of words and hashes its shingles, reporting
// whether there are any.
func (s *WordShingler) fill() bool {
	if s.k == 0 { // never Reset: an empty text, as before
		s.Reset(nil)
	}
	if s.done {
		return false
	}
	k := s.k
	// Carry the last k-1 words over to begin the next shingles.
	if n := len(s.spans); n >= k {
		drop := n - (k - 1)
		s.first += drop
		s.spans = s.spans[:copy(s.spans, s.spans[drop:])]
		s.th = s.th[:copy(s.th, s.th[drop:])]
	}
	// Read and hash the batch's words.
	var more bool
	old := len(s.spans)
	s.tok.hashOnly = true
	s.buf, s.spans, more = s.tok.appendWords(s.buf[:0], s.spans, max(wordBatch, 2*k), false)
	s.tok.hashOnly = false
	s.done = !more
	spans := s.spans
	s.th = slices.Grow(s.th, len(spans)-old)[:len(spans)]
	hashSpans(s.th[old:], s.tok.src, s.buf, spans[old:])
	th := s.th
	// Hash the shingles the batch completes, all in one go.
	n := len(spans) - k + 1
	if n <= 0 {
		// Fewer than k words in the whole text: one shingle of them all.
		if !s.done || s.first > 0 || len(spans) == 0 {
			return false
		}
		n = 1
		s.hashes = append(s.hashes[:0], ShingleHash(th))
	} else {
		s.hashes = AppendShingleHashes(s.hashes[:0], th, k)
	}
	s.next, s.ready = 0, n
	if s.done && s.first == 0 && len(spans) < k {
		s.words = len(spans)
	}
	return true
}

// WordShingles returns the word k-shingles of src (k <= 0 means
// DefaultWords).
func WordShingles(src []byte, k int) iter.Seq[Shingle] {
	return func(yield func(Shingle) bool) {
		s := WordShingler{K: k}
		s.Reset(src)
		for s.Next() {
			if !yield(s.sh) {
				return
			}
		}
	}
}

// CharShingler streams the character n-grams of a text's normalised form
// (its words, normalised, joined by single spaces). A text with fewer than N
// characters but at least one word gives one n-gram of them all. Spans
// cover whole original characters; where normalisation changed the number
// of characters in a word (ß to ss, say), the characters of that word all
// map to the word's whole span. The zero value uses N = 4.
type CharShingler struct {
	// N is the number of characters per n-gram; 0 means 4.
	N int

	tok   Tokenizer
	ring  []charPos
	n     int // characters in the ring
	head  int
	word  []byte // normalised text of the current word, not yet consumed
	wpos  int    // next rune of word to consume
	orig  int    // next original offset inside the current word, if exact
	tok0  Token
	exact bool
	space bool // a space is owed before the next word's characters
	any   bool
	done  bool
	hbuf  []byte
	sh    Shingle
}

type charPos struct {
	r          rune
	start, end int // original span; empty for the space between words
	index      int // word index
}

// NewCharShingler returns a CharShingler of width n over src.
func NewCharShingler(src []byte, n int) *CharShingler {
	s := &CharShingler{N: n}
	s.Reset(src)
	return s
}

// Reset starts on src.
func (s *CharShingler) Reset(src []byte) {
	n := s.N
	if n <= 0 {
		n = 4
	}
	if cap(s.ring) < n {
		s.ring = make([]charPos, n)
	}
	s.ring = s.ring[:n]
	s.tok.Reset(src)
	s.n, s.head, s.word, s.wpos, s.space, s.any, s.done = 0, 0, s.word[:0], 0, false, false, false
	s.sh = Shingle{}
}

// Shingle returns the n-gram found by the last call to Next.
func (s *CharShingler) Shingle() Shingle { return s.sh }

// Next advances to the next n-gram, returning false at the end.
func (s *CharShingler) Next() bool {
	for {
		c, ok := s.nextChar()
		if !ok {
			break
		}
		s.push(c)
		if s.n == len(s.ring) {
			s.emit()
			return true
		}
	}
	if !s.done && s.n > 0 && s.n < len(s.ring) {
		s.done = true
		s.emit()
		return true
	}
	s.done = true
	return false
}

func (s *CharShingler) nextChar() (charPos, bool) {
	for s.wpos >= len(s.word) {
		if !s.tok.Next() {
			return charPos{}, false
		}
		t := s.tok.tok
		s.word = append(s.word[:0], t.Text...)
		s.wpos, s.orig, s.tok0, s.exact = 0, t.Start, t, s.tok.exact
		if s.any {
			s.space = true
		}
		s.any = true
	}
	idx := s.tok.count - 1
	if s.space {
		s.space = false
		return charPos{r: ' ', start: -1, end: -1, index: idx}, true
	}
	r, size := utf8.DecodeRune(s.word[s.wpos:])
	s.wpos += size
	c := charPos{r: r, start: s.tok0.Start, end: s.tok0.End, index: idx}
	if s.exact {
		_, osize := utf8.DecodeRune(s.tok.src[s.orig:])
		c.start, c.end = s.orig, s.orig+osize
		s.orig += osize
	}
	return c, true
}

func (s *CharShingler) push(c charPos) {
	k := len(s.ring)
	if s.n == k {
		s.head++
		if s.head == k {
			s.head = 0
		}
		s.n--
	}
	slot := s.head + s.n
	if slot >= k {
		slot -= k
	}
	s.ring[slot] = c
	s.n++
}

func (s *CharShingler) emit() {
	k := len(s.ring)
	s.hbuf = s.hbuf[:0]
	sh := Shingle{Start: -1, Index: -1}
	for j := 0; j < s.n; j++ {
		slot := s.head + j
		if slot >= k {
			slot -= k
		}
		c := s.ring[slot]
		s.hbuf = utf8.AppendRune(s.hbuf, c.r)
		if c.start < 0 {
			continue // the space between words spans nothing of its own
		}
		if sh.Start < 0 {
			sh.Start, sh.Index = c.start, c.index
		}
		sh.End = c.end
	}
	sh.Hash = hash64(s.hbuf)
	s.sh = sh
}

// CharShingles returns the character n-grams of src's normalised text
// (n <= 0 means 4).
func CharShingles(src []byte, n int) iter.Seq[Shingle] {
	return func(yield func(Shingle) bool) {
		s := CharShingler{N: n}
		s.Reset(src)
		for s.Next() {
			if !yield(s.sh) {
				return
			}
		}
	}
}
