package overlap

import (
	"slices"

	"github.com/textoverlap/overlap/shingle"
	"github.com/textoverlap/overlap/simhash"
)

// analysis is what comparison needs of a document, computed once.
type analysis struct {
	id    string
	text  []byte
	toks  []token
	fp    simhash.Fingerprint
	shing []uint64 // distinct word shingles (width ShingleWords), sorted
	seeds []seed   // seed shingles (width seedWidth) at every position, sorted by hash then position
}

// token is a word: its place in the text and the hash of its normalised
// form, which is all that matching words needs.
type token struct {
	start, end int
	hash       uint64
	lineStart  bool // only spaces and punctuation stand between the last line break (or the start) and this word
}

type seed struct {
	hash uint64
	pos  int // index of the seed's first word
}

// seedWidth is the width of the exact word runs that anchor passages: at
// most 4, and never more than the shortest passage wanted.
func seedWidth(minWords int) int { return min(4, max(minWords, 1)) }

// analyze tokenizes the text once, hashing each word; word shingles of any
// width are then combined from the word hashes, as package shingle
// combines them.
func analyze(d Document, seedW int, sc *scratch) *analysis {
	a := &analysis{id: d.ID, text: d.Text}
	var tk shingle.Tokenizer
	tk.Reset(d.Text)
	wh := sc.words[:0]
	prevEnd := 0
	for tk.Next() {
		t := tk.Token()
		h := shingle.WordHash(t.Text)
		wh = append(wh, h)
		a.toks = append(a.toks, token{
			start:     t.Start,
			end:       t.End,
			hash:      h,
			lineStart: len(a.toks) == 0 || hasLineBreak(d.Text[prevEnd:t.Start]),
		})
		prevEnd = t.End
	}
	sc.words = wh
	n := len(wh)
	if n == 0 {
		return a
	}

	// The fingerprint is package simhash's, from its own shingle width; a
	// short text is one shingle, as in package shingle.
	var b simhash.Builder
	if k := simhash.DefaultWords; n >= k {
		sc.hashes = shingle.AppendShingleHashes(sc.hashes[:0], wh, k)
		b.AddAll(sc.hashes)
	} else {
		b.Add(shingle.ShingleHash(wh))
	}
	a.fp = b.Sum()
	if k := ShingleWords; n >= k {
		a.shing = shingle.AppendShingleHashes(make([]uint64, 0, n-k+1), wh, k)
	} else {
		a.shing = []uint64{shingle.ShingleHash(wh)}
	}
	slices.Sort(a.shing)
	a.shing = slices.Compact(a.shing)

	if n >= seedW {
		sc.hashes = shingle.AppendShingleHashes(sc.hashes[:0], wh, seedW)
		a.seeds = make([]seed, len(sc.hashes))
		for i, h := range sc.hashes {
			a.seeds[i] = seed{h, i}
		}
		slices.SortFunc(a.seeds, func(x, y seed) int {
			if x.hash != y.hash {
				if x.hash < y.hash {
					return -1
				}
				return 1
			}
			return x.pos - y.pos
		})
	}
	return a
}

// scratch holds buffers reused across documents by one goroutine.
type scratch struct {
	words  []uint64 // word hashes
	hashes []uint64 // shingle hashes
}

func hasLineBreak(b []byte) bool {
	for _, c := range b {
		if c == '\n' || c == '\r' {
			return true
		}
	}
	// U+2028 and U+2029 separate lines too.
	for i := 0; i+2 < len(b); i++ {
		if b[i] == 0xE2 && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
			return true
		}
	}
	return false
}

// lineEnd reports whether word i is the last on its line.
func (a *analysis) lineEnd(i int) bool {
	return i == len(a.toks)-1 || a.toks[i+1].lineStart
}

// spanOf returns the byte span of words i to j-1.
func (a *analysis) spanOf(i, j int) Span {
	return Span{a.toks[i].start, a.toks[j-1].end}
}
