package dedup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func init() {
	register.Function2x0(pathEdges)
	register.Function2x1(formatParent)
}

// graph is an undirected graph as a list of edges.
type graph [][2]int64

// groupBy mimics a GroupByKey of KV edges.
func groupBy(edges graph) map[int64][]int64 {
	g := make(map[int64][]int64)
	for _, e := range edges {
		g[e[0]] = append(g[e[0]], e[1])
	}
	for u, ns := range g {
		slices.Sort(ns)
		g[u] = slices.Compact(ns)
	}
	return g
}

// simulate runs the rounds of components in memory, with the same step
// functions, and returns each node's parent, or an error.
func simulate(edges graph, rounds int) (map[int64]int64, error) {
	var both graph
	for _, e := range edges {
		both = append(both, e, [2]int64{e[1], e[0]})
	}
	collect := func(out *graph) func(a, b int64) {
		return func(a, b int64) { *out = append(*out, [2]int64{a, b}) }
	}
	for range rounds {
		var large, small graph
		for u, ns := range groupBy(both) {
			largeStar(u, ns, collect(&large))
		}
		for u, ns := range groupBy(large) {
			smallStar(u, ns, collect(&small))
		}
		both = small
	}
	parents := make(map[int64]int64)
	for u, ns := range groupBy(both) {
		if err := starParentFn(u, ns, rounds, func(c, p int64) { parents[c] = p }); err != nil {
			return nil, err
		}
	}
	return parents, nil
}

// leastOfComponents returns each node's parent by union-find: the least
// node of its component, for nodes that are not it.
func leastOfComponents(edges graph) map[int64]int64 {
	root := make(map[int64]int64)
	var find func(int64) int64
	find = func(x int64) int64 {
		r, ok := root[x]
		if !ok || r == x {
			return x
		}
		root[x] = find(r)
		return root[x]
	}
	for _, e := range edges {
		a, b := find(e[0]), find(e[1])
		root[max(a, b)] = min(a, b)
		root[min(a, b)] = min(a, b)
	}
	out := make(map[int64]int64)
	for x := range root {
		if r := find(x); r != x {
			out[x] = r
		}
	}
	return out
}

func TestComponents(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	path := func(n int, order func(int) int64) graph {
		var g graph
		for i := 1; i < n; i++ {
			g = append(g, [2]int64{order(i - 1), order(i)})
		}
		return g
	}
	inOrder := func(i int) int64 { return int64(i) }
	perm := rng.Perm(20000)
	random := func(n, m int) graph {
		var g graph
		for range m {
			g = append(g, [2]int64{rng.Int64N(int64(n)), rng.Int64N(int64(n))})
		}
		return g
	}
	tree := func(n int) graph {
		var g graph
		for i := 1; i < n; i++ {
			g = append(g, [2]int64{int64(perm[i]), int64(perm[rng.IntN(i)])})
		}
		return g
	}
	tests := []struct {
		name   string
		edges  graph
		rounds int // needed, at least
	}{
		{"no edges", nil, 1},
		{"one pair", graph{{7, 3}}, 1},
		{"clique", graph{{1, 2}, {1, 3}, {2, 3}, {3, 4}, {2, 4}}, 1},
		{"path in input order, 20000", path(20000, inOrder), 15},
		{"path in input order, 100000", path(100000, inOrder), 17},
		{"path in random order", path(20000, func(i int) int64 { return int64(perm[i]) }), 10},
		{"random graph", random(20000, 20000), 4},
		{"random tree", tree(20000), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := leastOfComponents(tt.edges)
			got, err := simulate(tt.edges, DefaultRounds)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			if tt.rounds > 1 {
				_, err = simulate(tt.edges, tt.rounds-1)
				assert.ErrorContains(t, err, "connected components not found", "converged in fewer rounds than expected")
			}
		})
	}
}

func pathEdges(i int64, emit func(int64, int64)) {
	emit(i-1, i)
	emit(i, i-1)
}

func formatParent(child, parent int64) string { return fmt.Sprintf("%d>%d", child, parent) }

// TestComponentsOnPrism runs components in a pipeline: on a path, all
// nodes get the first as parent; with too few rounds the pipeline fails.
func TestComponentsOnPrism(t *testing.T) {
	requirePrivateNetwork(t)
	const n = 300
	build := func(rounds int) *beam.Pipeline {
		p, s := beam.NewPipelineWithRoot()
		var nodes, want []any
		for i := int64(1); i < n; i++ {
			nodes = append(nodes, i)
			want = append(want, formatParent(i, 0))
		}
		edges := beam.ParDo(s, pathEdges, beam.Create(s, nodes...))
		parents := beam.ParDo(s, formatParent, components(s, edges, rounds))
		passert.Equals(s, parents, want...)
		return p
	}
	_, err := prism.Execute(context.Background(), build(DefaultRounds))
	requireLoopbackOnly(t)
	require.NoError(t, err)
	_, err = prism.Execute(context.Background(), build(2))
	require.ErrorContains(t, err, "connected components not found after 2 rounds")
}
