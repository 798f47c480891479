package overlap

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
)

// NewReport compares every document of a set with every other and reports
// the pairs that share a passage or are near-duplicates, and the text each
// document repeats inside itself.
//
// Pairs come from an index of the documents' seed shingles (runs of
// min(4, MinWords) words), so pairs with nothing in common cost nothing;
// only pairs sharing enough seeds to hold a passage, or to be
// near-duplicates, are compared in full. Work is spread over
// Options.Workers goroutines; the result does not depend on their number.
func NewReport(docs []Document, o Options) *Report {
	w := seedWidth(o.minWords())
	an := make([]*analysis, len(docs))
	parallel(o.workers(), len(docs), o.tracker(StageAnalyse, len(docs)), func() func(int) {
		var sc scratch
		return func(i int) { an[i] = analyze(docs[i], w, &sc) }
	})

	var skip func(uint64) bool
	if o.Boilerplate >= 2 {
		skip = boilerplate(an, o.Boilerplate)
	}

	cands := candidates(an, o, skip)
	pairs := make([]*Pair, len(cands))
	parallel(o.workers(), len(cands), o.tracker(StageCompare, len(cands)), func() func(int) {
		return func(k int) {
			c := cands[k]
			p := comparePair(an[c[0]], an[c[1]], o, skip)
			if p.NearDuplicate || len(p.Passages) > 0 {
				pairs[k] = &p
			}
		}
	})
	reps := make([][]Repeat, len(an))
	parallel(o.workers(), len(an), o.tracker(StageRepeats, len(an)), func() func(int) {
		return func(i int) { reps[i] = repeats(an[i], o) }
	})

	r := &Report{Documents: make([]Summary, len(an)), Pairs: []Pair{}, Repeats: []Repeat{}}
	for i, a := range an {
		r.Documents[i] = Summary{ID: a.id, Words: len(a.toks), Simhash: a.fp}
		r.Repeats = append(r.Repeats, reps[i]...)
	}
	var idx [][2]int
	for k, p := range pairs {
		if p != nil {
			r.Pairs = append(r.Pairs, *p)
			idx = append(idx, cands[k])
		}
	}
	sortPairs(r.Pairs, idx)
	return r
}

// sortPairs orders pairs: near-duplicates first, then by similarity, then
// by shared words, then by the documents' input order.
func sortPairs(pairs []Pair, idx [][2]int) {
	perm := make([]int, len(pairs))
	for i := range perm {
		perm[i] = i
	}
	words := func(p *Pair) int {
		n := 0
		for _, s := range p.Passages {
			n += s.Words
		}
		return n
	}
	slices.SortFunc(perm, func(x, y int) int {
		p, q := &pairs[x], &pairs[y]
		if p.NearDuplicate != q.NearDuplicate {
			if p.NearDuplicate {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(q.Similarity, p.Similarity); c != 0 {
			return c
		}
		if c := cmp.Compare(words(q), words(p)); c != 0 {
			return c
		}
		if c := cmp.Compare(idx[x][0], idx[y][0]); c != 0 {
			return c
		}
		return cmp.Compare(idx[x][1], idx[y][1])
	})
	sorted := make([]Pair, len(pairs))
	for i, k := range perm {
		sorted[i] = pairs[k]
	}
	copy(pairs, sorted)
}

// candidates lists the pairs of documents (by index, lower first, in
// order) that share at least the number of distinct seeds any passage of
// MinWords words needs. A near-duplicate shares far more.
func candidates(an []*analysis, o Options, skip func(uint64) bool) [][2]int {
	w := seedWidth(o.minWords())
	need := max(1, min(2, o.minWords()-w+1))

	// Postings: for each distinct seed, the documents holding it.
	type posting struct {
		hash uint64
		doc  int32
	}
	var post []posting
	for d, a := range an {
		var last uint64
		for k, s := range a.seeds {
			if k > 0 && s.hash == last {
				continue
			}
			last = s.hash
			if skip != nil && skip(s.hash) {
				continue
			}
			post = append(post, posting{s.hash, int32(d)})
		}
	}
	slices.SortFunc(post, func(x, y posting) int {
		if c := cmp.Compare(x.hash, y.hash); c != 0 {
			return c
		}
		return cmp.Compare(x.doc, y.doc)
	})
	// lists[d] holds, for document d, the posting ranges of its seeds that
	// other documents share.
	type span struct{ lo, hi int32 }
	lists := make([][]span, len(an))
	for x := 0; x < len(post); {
		y := x + 1
		for y < len(post) && post[y].hash == post[x].hash {
			y++
		}
		if y-x > 1 {
			for k := x; k < y; k++ {
				lists[post[k].doc] = append(lists[post[k].doc], span{int32(x), int32(y)})
			}
		}
		x = y
	}

	var mu sync.Mutex
	var out [][2]int
	parallel(o.workers(), len(an), o.tracker(StageCandidates, len(an)), func() func(int) {
		count := make([]int32, len(an))
		var touched []int32
		return func(d int) {
			touched = touched[:0]
			for _, sp := range lists[d] {
				for _, p := range post[sp.lo:sp.hi] {
					if int(p.doc) <= d {
						continue
					}
					if count[p.doc] == 0 {
						touched = append(touched, p.doc)
					}
					count[p.doc]++
				}
			}
			var mine [][2]int
			for _, e := range touched {
				if int(count[e]) >= need {
					mine = append(mine, [2]int{d, int(e)})
				}
				count[e] = 0
			}
			if len(mine) > 0 {
				mu.Lock()
				out = append(out, mine...)
				mu.Unlock()
			}
		}
	})
	slices.SortFunc(out, func(x, y [2]int) int {
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	})
	return out
}

// boilerplate returns a test for the shingles and seeds found in at least
// minDocs documents.
func boilerplate(an []*analysis, minDocs int) func(uint64) bool {
	df := map[uint64]int32{}
	for _, a := range an {
		for _, h := range a.shing {
			df[h]++
		}
		var last uint64
		for k, s := range a.seeds {
			if k == 0 || s.hash != last {
				df[s.hash]++
			}
			last = s.hash
		}
	}
	common := map[uint64]bool{}
	for h, n := range df {
		if int(n) >= minDocs {
			common[h] = true
		}
	}
	return func(h uint64) bool { return common[h] }
}

// parallel runs n jobs on up to workers goroutines. Each goroutine gets its
// own job function from mk, so it can keep scratch space.
func parallel(workers, n int, done func(), mk func() func(int)) {
	workers = max(1, min(workers, n))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		job := mk()
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				job(i)
				if done != nil {
					done()
				}
			}
		})
	}
	wg.Wait()
}

// tracker returns what parallel calls after each item of a stage of total
// items, to report progress through Options.Progress: nil when there is
// no Progress. It reports at most about a thousand times, one call at a
// time, and always the end of the stage (even an empty one).
func (o Options) tracker(stage string, total int) func() {
	if o.Progress == nil {
		return nil
	}
	var mu sync.Mutex
	var done atomic.Int64
	last := -1
	step := int64(max(1, total/1000))
	report := func(n int) {
		mu.Lock()
		defer mu.Unlock()
		if n > last { // a worker that was slow to get here is out of date
			last = n
			o.Progress(stage, n, total)
		}
	}
	if total == 0 {
		report(0)
		return nil
	}
	return func() {
		if n := done.Add(1); n%step == 0 || n == int64(total) {
			report(int(n))
		}
	}
}
