package dedup

import (
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.Function3x0(largeStarFn)
	register.Function3x0(smallStarFn)
	register.DoFn3x1[int64, func(*int64) bool, func(int64, int64), error](&starParent{})
	register.Iter1[int64]()
	register.Emitter2[int64, int64]()
}

// components returns, for each document in a component of more than one,
// KV<its position, the component's least position>, from the edges of a
// graph given both ways. Rounds of large-star then small-star (Kiveris et
// al. 2014) turn every component into a star around its least node while
// keeping it connected; each step is one GroupByKey, so no worker holds
// more than one node's neighbours. Beam graphs have no loops, so the
// rounds are unrolled; after them, a pipeline whose graph is not yet a set
// of stars fails rather than write wrong labels.
func components(s beam.Scope, edges beam.PCollection, rounds int) beam.PCollection {
	s = s.Scope("components")
	for r := range rounds {
		rs := s.Scope(fmt.Sprintf("round%02d", r+1))
		large := beam.ParDo(rs, largeStarFn, beam.GroupByKey(rs, edges))
		edges = beam.ParDo(rs, smallStarFn, beam.GroupByKey(rs, large))
	}
	return beam.ParDo(s, &starParent{Rounds: rounds}, beam.GroupByKey(s, edges))
}

// neighbours collects a node's distinct neighbours in ascending order.
func neighbours(iter func(*int64) bool) []int64 {
	var ns []int64
	var v int64
	for iter(&v) {
		ns = append(ns, v)
	}
	slices.Sort(ns)
	return slices.Compact(ns)
}

// largeStarFn connects each larger neighbour of u to the least node of u's
// neighbourhood. Its input has every edge both ways; it emits each edge
// from its larger end, as smallStarFn wants them.
func largeStarFn(u int64, iter func(*int64) bool, emit func(int64, int64)) {
	largeStar(u, neighbours(iter), emit)
}

func largeStar(u int64, ns []int64, emit func(int64, int64)) {
	if len(ns) == 0 {
		return
	}
	m := min(u, ns[0])
	for _, v := range ns {
		if v > u {
			emit(v, m)
		}
	}
}

// smallStarFn connects u and its smaller neighbours (its input has each
// edge from its larger end) to the least of them. It emits every edge both
// ways, as largeStarFn and starParent want them.
func smallStarFn(u int64, iter func(*int64) bool, emit func(int64, int64)) {
	smallStar(u, neighbours(iter), emit)
}

func smallStar(u int64, ns []int64, emit func(int64, int64)) {
	if len(ns) == 0 {
		return
	}
	m := min(u, ns[0])
	for _, v := range append(ns, u) {
		if v != m {
			emit(v, m)
			emit(m, v)
		}
	}
}

// starParent emits each node's parent in a graph that must be a set of
// stars around their least nodes: a node with a smaller neighbour is a
// leaf, whose only neighbour is its component's least node.
type starParent struct {
	Rounds int `json:"rounds"`
}

func (fn *starParent) ProcessElement(u int64, iter func(*int64) bool, emit func(int64, int64)) error {
	return starParentFn(u, neighbours(iter), fn.Rounds, emit)
}

// starParentFn is starParent's work on a node's sorted neighbours.
func starParentFn(u int64, ns []int64, rounds int, emit func(int64, int64)) error {
	if len(ns) == 0 || ns[0] > u {
		return nil // a root, or a document without near-duplicates
	}
	if len(ns) > 1 {
		return fmt.Errorf("dedup: connected components not found after %d rounds (document at position %d still has %d neighbours); run again with more rounds (Options.Rounds, --cc-rounds)", rounds, u, len(ns))
	}
	emit(u, ns[0])
	return nil
}
