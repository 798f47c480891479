package overlap

import "math"

// Compare compares two documents: their similarity, whether they are
// near-duplicates, and every passage they share.
func Compare(a, b Document, o Options) Pair {
	w := seedWidth(o.minWords())
	var sc scratch
	return comparePair(analyze(a, w, &sc), analyze(b, w, &sc), o, nil)
}

// comparePair compares two analysed documents. skip, if not nil, names
// boilerplate shingles and seeds, left out of everything.
func comparePair(a, b *analysis, o Options, skip func(uint64) bool) Pair {
	inter, na, nb := intersect(a.shing, b.shing, skip)
	p := Pair{A: a.id, B: b.id, Hamming: a.fp.Distance(b.fp), Passages: passages(a, b, o, skip)}
	if na > 0 && nb > 0 {
		ca, cb := float64(inter)/float64(na), float64(inter)/float64(nb)
		p.Similarity = round4(float64(inter) / float64(na+nb-inter))
		p.Containment = [2]float64{round4(ca), round4(cb)}
		p.NearDuplicate = min(ca, cb) >= o.nearDuplicate()
	}
	return p
}

// intersect counts the hashes two sorted sets share, and their sizes, all
// without the skipped ones.
func intersect(x, y []uint64, skip func(uint64) bool) (inter, nx, ny int) {
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case j >= len(y) || (i < len(x) && x[i] < y[j]):
			if skip == nil || !skip(x[i]) {
				nx++
			}
			i++
		case i >= len(x) || y[j] < x[i]:
			if skip == nil || !skip(y[j]) {
				ny++
			}
			j++
		default:
			if skip == nil || !skip(x[i]) {
				inter++
				nx++
				ny++
			}
			i++
			j++
		}
	}
	return inter, nx, ny
}

// round4 keeps reports readable and stable; decisions use exact values.
func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }
