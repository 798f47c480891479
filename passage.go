package overlap

import (
	"cmp"
	"slices"
)

// run is an exact match of n words: a's words i..i+n-1 equal b's j..j+n-1.
type run struct{ i, j, n int }

// maxSeedPairs bounds the matches one seed may produce between two texts.
// A phrase that recurs many times in both (a refrain, a list marker) would
// otherwise make the work quadratic; its runs are still found through the
// seeds on either side of it.
const maxSeedPairs = 256

// exactRuns returns the maximal runs of equal words between a and b that
// contain at least one shared seed, in order of a's position then b's.
// skip, if not nil, names seeds to ignore (boilerplate).
func exactRuns(a, b *analysis, skip func(uint64) bool) []run {
	var matches []run // n unused: seed matches as (i, j)
	sa, sb := a.seeds, b.seeds
	for x, y := 0, 0; x < len(sa) && y < len(sb); {
		ha, hb := sa[x].hash, sb[y].hash
		switch {
		case ha < hb:
			x++
			continue
		case ha > hb:
			y++
			continue
		}
		x2, y2 := x, y
		for x2 < len(sa) && sa[x2].hash == ha {
			x2++
		}
		for y2 < len(sb) && sb[y2].hash == ha {
			y2++
		}
		if (x2-x)*(y2-y) <= maxSeedPairs && (skip == nil || !skip(ha)) {
			for _, p := range sa[x:x2] {
				for _, q := range sb[y:y2] {
					matches = append(matches, run{i: p.pos, j: q.pos})
				}
			}
		}
		x, y = x2, y2
	}
	return extendRuns(a, b, matches, false)
}

// extendRuns grows seed matches into maximal runs, one per stretch of a
// diagonal. With self set, a and b are the same text and a run may not
// reach its own copy.
func extendRuns(a, b *analysis, matches []run, self bool) []run {
	// Along one diagonal (j-i), matches in order of i; a match inside the
	// run just found adds nothing.
	slices.SortFunc(matches, func(x, y run) int {
		if c := cmp.Compare(x.j-x.i, y.j-y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	var runs []run
	lastDiag, lastEnd := 0, -1
	for _, m := range matches {
		d := m.j - m.i
		if d == lastDiag && m.i < lastEnd {
			continue
		}
		lo := 0
		if d == lastDiag {
			lo = lastEnd // the previous run on this diagonal ended on a difference
		}
		i, j := m.i, m.j
		for i > lo && j > 0 && a.toks[i-1].hash == b.toks[j-1].hash {
			i, j = i-1, j-1
		}
		e, f := m.i, m.j
		for e < len(a.toks) && f < len(b.toks) && a.toks[e].hash == b.toks[f].hash {
			e, f = e+1, f+1
		}
		if self && e-i > d {
			e = i + d // periodic text: the copies may abut, not overlap
		}
		if e > i {
			runs = append(runs, run{i, j, e - i})
		}
		lastDiag, lastEnd = d, e
	}
	slices.SortFunc(runs, func(x, y run) int {
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	return runs
}

// chain is a passage under construction.
type chain struct {
	i, j       int // first words in a and b
	iEnd, jEnd int // one past the last words
	words      int
}

// chainRuns merges runs separated by at most gap words in both texts,
// keeping order, into passages, and counts the words they share: the runs'
// words plus those the gaps still have in common.
func chainRuns(a, b *analysis, runs []run, gap int) []chain {
	var done, open []chain
	for _, r := range runs {
		// Close chains that no later run can reach: runs come in order of i.
		k := 0
		for _, c := range open {
			if c.iEnd+gap < r.i {
				done = append(done, c)
			} else {
				open[k] = c
				k++
			}
		}
		open = open[:k]

		best, bestCost := -1, 0
		for x, c := range open {
			gi, gj := r.i-c.iEnd, r.j-c.jEnd
			// Overlap in one text (a repeated word at the joint) is trimmed
			// off the new run below; it must leave something.
			over := max(0, -gi, -gj)
			if over >= r.n || gi+over > gap || gj+over > gap || gi+over < 0 || gj+over < 0 {
				continue
			}
			if cost := gi + gj + 2*over; best < 0 || cost < bestCost {
				best, bestCost = x, cost
			}
		}
		if best < 0 {
			open = append(open, chain{r.i, r.j, r.i + r.n, r.j + r.n, r.n})
			continue
		}
		c := &open[best]
		over := max(0, c.iEnd-r.i, c.jEnd-r.j)
		ri, rj, rn := r.i+over, r.j+over, r.n-over
		c.words += gapMatches(a, b, c.iEnd, ri, c.jEnd, rj) + rn
		c.iEnd, c.jEnd = ri+rn, rj+rn
	}
	done = append(done, open...)
	return done
}

// gapMatches counts the longest common subsequence of a's words i..i2-1 and
// b's j..j2-1: the words a short gap still shares, such as a word moved by
// one place. Gaps are a few words long, so the table is tiny.
func gapMatches(a, b *analysis, i, i2, j, j2 int) int {
	n, m := i2-i, j2-j
	if n <= 0 || m <= 0 {
		return 0
	}
	var buf [16 * 16]int
	if (n+1)*(m+1) > len(buf) {
		return 0
	}
	w := m + 1
	for x := 1; x <= n; x++ {
		for y := 1; y <= m; y++ {
			if a.toks[i+x-1].hash == b.toks[j+y-1].hash {
				buf[x*w+y] = buf[(x-1)*w+y-1] + 1
			} else {
				buf[x*w+y] = max(buf[(x-1)*w+y], buf[x*w+y-1])
			}
		}
	}
	return buf[n*w+m]
}

// passages finds the passages a and b share.
func passages(a, b *analysis, o Options, skip func(uint64) bool) []Passage {
	runs := exactRuns(a, b, skip)
	chains := chainRuns(a, b, runs, o.maxGap())
	out := []Passage{}
	for _, c := range chains {
		if c.words < o.minWords() {
			continue
		}
		out = append(out, Passage{A: a.spanOf(c.i, c.iEnd), B: b.spanOf(c.j, c.jEnd), Words: c.words})
	}
	slices.SortFunc(out, func(x, y Passage) int {
		if c := cmp.Compare(x.A.Start, y.A.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(x.B.Start, y.B.Start); c != 0 {
			return c
		}
		return cmp.Compare(x.A.End, y.A.End)
	})
	return dropNested(out)
}

// dropNested removes each passage that lies inside another in both texts.
// Such a passage is a phrase that occurs twice inside a longer shared
// passage, matched to its other occurrence off the diagonal: the longer
// passage already shows all of its text, in both documents, and reporting
// it again would split one reused passage into several. The order of ps
// is kept.
func dropNested(ps []Passage) []Passage {
	if len(ps) < 2 {
		return ps
	}
	// Visit passages so that any container comes before what it contains:
	// by start in A, then the longest first, likewise in B, then the most
	// words first among identical spans.
	order := make([]int, len(ps))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(x, y int) int {
		p, q := &ps[x], &ps[y]
		if c := cmp.Compare(p.A.Start, q.A.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(q.A.End, p.A.End); c != 0 {
			return c
		}
		if c := cmp.Compare(p.B.Start, q.B.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(q.B.End, p.B.End); c != 0 {
			return c
		}
		if c := cmp.Compare(q.Words, p.Words); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	// open holds the kept passages that may still contain the next ones:
	// a passage ending in A before the current one starts contains nothing
	// from here on. Passages seldom overlap in A, so the list stays short.
	drop := make([]bool, len(ps))
	var open []int
	for _, k := range order {
		p := ps[k]
		n := 0
		for _, x := range open {
			if ps[x].A.End > p.A.Start {
				open[n] = x
				n++
			}
		}
		open = open[:n]
		for _, x := range open {
			q := ps[x]
			if p.A.End <= q.A.End && q.B.Start <= p.B.Start && p.B.End <= q.B.End {
				drop[k] = true
				break
			}
		}
		if !drop[k] {
			open = append(open, k)
		}
	}
	out := ps[:0]
	for k, p := range ps {
		if !drop[k] {
			out = append(out, p)
		}
	}
	return out
}
