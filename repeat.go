package overlap

import (
	"cmp"
	"slices"

	"github.com/cespare/xxhash/v2"
)

// maxSeedCopies bounds the copies of one seed inside a document that are
// paired up when looking for repeats (see maxSeedPairs).
const maxSeedCopies = 16

// repeats finds text that occurs more than once in a: runs of at least
// minWords words, and runs of whole lines of at least MinLineRepeatWords
// words, since boilerplate lines ("Share this article") are short.
func repeats(a *analysis, o Options) []Repeat {
	type occ struct{ i, n int }
	var pairs [][2]occ

	// Exact runs: pair up the copies of each seed.
	var matches []run
	s := a.seeds
	for x := 0; x < len(s); {
		y := x + 1
		for y < len(s) && s[y].hash == s[x].hash {
			y++
		}
		if y-x > 1 && y-x <= maxSeedCopies {
			for p := x; p < y; p++ {
				for q := p + 1; q < y; q++ {
					matches = append(matches, run{i: s[p].pos, j: s[q].pos})
				}
			}
		}
		x = y
	}
	for _, r := range extendRuns(a, a, matches, true) {
		if r.n >= o.minWords() {
			pairs = append(pairs, [2]occ{{r.i, r.n}, {r.j, r.n}})
		}
	}

	// Whole lines: hash each line's words; equal lines, and the equal lines
	// that follow them, form a block.
	type line struct {
		i, n int // first word and word count
		hash uint64
	}
	var lines []line
	for i := 0; i < len(a.toks); {
		j := i + 1
		for j < len(a.toks) && !a.toks[j].lineStart {
			j++
		}
		lines = append(lines, line{i, j - i, a.runHash(i, j-i)})
		i = j
	}
	byHash := map[uint64][]int{}
	for x, l := range lines {
		byHash[l.hash] = append(byHash[l.hash], x)
	}
	for x, l := range lines {
		copies := byHash[l.hash]
		if len(copies) > maxSeedCopies {
			continue
		}
		for _, y := range copies {
			if y <= x || (x > 0 && lines[x-1].hash == lines[y-1].hash) {
				continue // the same line, or inside a block that starts earlier
			}
			k, words := 0, 0
			for x+k < y && y+k < len(lines) && lines[x+k].hash == lines[y+k].hash {
				words += lines[x+k].n
				k++
			}
			if words >= MinLineRepeatWords && words < o.minWords() {
				pairs = append(pairs, [2]occ{{l.i, words}, {lines[y].i, words}})
			}
		}
	}

	// Group copies of the same text.
	type group struct {
		n     int
		key   uint64
		where []int
	}
	groups := map[[2]uint64]*group{}
	var order []*group
	for _, p := range pairs {
		h := a.runHash(p[0].i, p[0].n)
		key := [2]uint64{h, uint64(p[0].n)}
		g := groups[key]
		if g == nil {
			g = &group{n: p[0].n, key: h}
			groups[key] = g
			order = append(order, g)
		}
		g.where = append(g.where, p[0].i, p[1].i)
	}
	var out []Repeat
	for _, g := range order {
		slices.Sort(g.where)
		g.where = slices.Compact(g.where)
	}
	for _, g := range order {
		if subsumed(g.where, g.n, order, func(h *group) ([]int, int) { return h.where, h.n }) {
			continue
		}
		r := Repeat{ID: a.id, Words: g.n}
		for _, i := range g.where {
			r.Spans = append(r.Spans, a.spanOf(i, i+g.n))
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y Repeat) int {
		if c := cmp.Compare(x.Spans[0].Start, y.Spans[0].Start); c != 0 {
			return c
		}
		return cmp.Compare(y.Words, x.Words)
	})
	return out
}

// subsumed reports whether every copy of a group lies inside a copy of a
// longer group with at least as many copies: the shorter says nothing new.
func subsumed[G comparable](where []int, n int, all []G, get func(G) ([]int, int)) bool {
	for _, h := range all {
		hw, hn := get(h)
		if hn <= n || len(hw) < len(where) {
			continue
		}
		inside := true
		for _, i := range where {
			found := false
			for _, k := range hw {
				if k <= i && i+n <= k+hn {
					found = true
					break
				}
			}
			if !found {
				inside = false
				break
			}
		}
		if inside {
			return true
		}
	}
	return false
}

// runHash identifies the words i..i+n-1 by content.
func (a *analysis) runHash(i, n int) uint64 {
	d := xxhash.New()
	var b [8]byte
	for _, t := range a.toks[i : i+n] {
		for k := range 8 {
			b[k] = byte(t.hash >> (8 * k))
		}
		d.Write(b[:])
	}
	return d.Sum64()
}
