package dedup

import (
	"cmp"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/textoverlap/overlap"
)

func init() {
	register.Function2x0(bandKeys)
	register.Emitter2[uint64, Doc]()
	register.DoFn3x0[uint64, func(*Doc) bool, func(int64, int64)](&verifyBucketFn{})
	register.Emitter2[int64, int64]()
}

// nearDuplicates returns the edges of the near-duplicate graph, both ways,
// as KV<int64, int64> of positions: documents that share an LSH bucket and
// pass the near-duplicate rule, exactly the pairs [overlap.Deduper] joins.
// Within a bucket, a verified pair already connected by other verified
// pairs is not compared again and only a spanning star of each connected
// group is emitted: the components come out the same with fewer edges and
// a smaller diameter, so the rounds of [components] converge sooner.
func nearDuplicates(s beam.Scope, docs beam.PCollection, threshold float64) beam.PCollection {
	s = s.Scope("nearDuplicates")
	keyed := beam.ParDo(s, bandKeys, docs)
	buckets := beam.GroupByKey(s, keyed)
	return beam.ParDo(s, &verifyBucketFn{Threshold: threshold}, buckets)
}

// bandKeys emits a document once per LSH band, keyed by band and key, as
// [overlap.Deduper] buckets it. A text without words has no keys: it is
// nobody's near-duplicate.
func bandKeys(d Doc, emit func(uint64, Doc)) {
	for b := range overlap.LSHBands {
		if k, ok := d.Sig.BandKey(b); ok {
			emit(uint64(b)<<32|uint64(k), d)
		}
	}
}

// verifyBucketFn verifies the pairs of one bucket that [overlap.BucketPairs]
// names, in input order.
type verifyBucketFn struct {
	Threshold float64 `json:"threshold"`
}

func (fn *verifyBucketFn) ProcessElement(_ uint64, iter func(*Doc) bool, emit func(int64, int64)) {
	var docs []Doc
	var d Doc
	for iter(&d) {
		docs = append(docs, d)
	}
	if len(docs) < 2 {
		return
	}
	slices.SortFunc(docs, func(a, b Doc) int { return cmp.Compare(a.Pos, b.Pos) })
	members := make([]int, len(docs))
	root := make([]int, len(docs))
	for i := range members {
		members[i], root[i] = i, i
	}
	find := func(x int) int {
		for root[x] != x {
			root[x] = root[root[x]]
			x = root[x]
		}
		return x
	}
	overlap.BucketPairs(members, func(a, b int) bool {
		ra, rb := find(a), find(b)
		if ra != rb && docs[a].Sig.NearDuplicate(&docs[b].Sig, fn.Threshold) {
			root[max(ra, rb)] = min(ra, rb)
		}
		return true
	})
	for i := range docs {
		if r := find(i); r != i {
			emit(docs[i].Pos, docs[r].Pos)
			emit(docs[r].Pos, docs[i].Pos)
		}
	}
}
