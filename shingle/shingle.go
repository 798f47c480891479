package shingle

import (
	"iter"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// Shingle is a hashed run of consecutive words or characters.
type Shingle struct {
	// Hash is xxhash64 of the shingle's normalised text (see the package
	// documentation).
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

// DefaultWords is the word-shingle width used where none is given: three
// words tell articles apart far better than single words, and a light edit
// still leaves most shingles intact (see package simhash for measurements).
const DefaultWords = 3

// WordShingler streams the word k-shingles of a text, in the manner of
// [bufio.Scanner]. A text with fewer than K words but at least one gives a
// single shingle of all its words, so that short texts still have a
// feature. The zero value uses [DefaultWords]; reuse one WordShingler across
// texts with Reset to avoid allocation. Not safe for concurrent use.
type WordShingler struct {
	// K is the number of words per shingle; 0 means DefaultWords.
	K int

	tok     Tokenizer
	win     []byte // normalised text of the words in the window, from base
	base    int
	offs    []int // ring: where each windowed word starts in win
	starts  []int // ring: where each windowed word starts in the input
	n       int   // words in the window
	head    int   // ring index of the oldest word in the window
	lastEnd int   // input offset where the newest word ends
	done    bool
	sh      Shingle
}

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
	if cap(s.offs) < k {
		s.offs = make([]int, k)
		s.starts = make([]int, k)
	}
	s.offs, s.starts = s.offs[:k], s.starts[:k]
	s.tok.Reset(src)
	s.win, s.base, s.n, s.head, s.done = s.win[:0], 0, 0, 0, false
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
// false, the number of words in the text.
func (s *WordShingler) Words() int { return s.tok.count }

// Next advances to the next shingle, returning false at the end.
func (s *WordShingler) Next() bool {
	k := len(s.offs)
	for s.tok.Next() {
		t := s.tok.tok
		if s.n == k { // slide: drop the oldest word
			s.head++
			if s.head == k {
				s.head = 0
			}
			s.n--
			if s.n == 0 { // k == 1: the window is empty until the new word
				s.base = len(s.win)
			} else {
				s.base = s.offs[s.head]
			}
			// Keep the window buffer from growing without bound.
			if s.base > 4096 && s.base > len(s.win)/2 {
				m := copy(s.win, s.win[s.base:])
				s.win = s.win[:m]
				for j := range s.offs {
					s.offs[j] -= s.base
				}
				s.base = 0
			}
		}
		if s.n > 0 {
			s.win = append(s.win, ' ')
		}
		slot := s.head + s.n
		if slot >= k {
			slot -= k
		}
		s.offs[slot] = len(s.win)
		s.starts[slot] = t.Start
		s.win = append(s.win, t.Text...)
		s.lastEnd = t.End
		s.n++
		if s.n == k {
			s.emit(t.End)
			return true
		}
	}
	// Fewer than k words in the whole text: one shingle of them all.
	if !s.done && s.n > 0 && s.n < k && s.tok.count == s.n {
		s.done = true
		s.emit(s.lastEnd)
		return true
	}
	s.done = true
	return false
}

func (s *WordShingler) emit(end int) {
	s.sh = Shingle{
		Hash:  xxhash.Sum64(s.win[s.base:]),
		Start: s.starts[s.head],
		End:   end,
		Index: s.tok.count - s.n,
	}
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
	sh.Hash = xxhash.Sum64(s.hbuf)
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
