package dedup

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Dedup clusters the JSONL documents of lines (a PCollection of [Line], as
// [ReadJSONL] returns) into near-duplicates and returns a PCollection of
// [Cluster], one per document kept, with the same labels as `overlap
// dedup`: lines that are blank, not JSON objects or lack a field are
// skipped, as are later lines with an id already used, and a text without
// words is its own cluster. The result is unordered; [Write] writes it.
func Dedup(s beam.Scope, lines beam.PCollection, opt Options) (beam.PCollection, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return beam.PCollection{}, err
	}
	s = s.Scope("dedup.Dedup")
	byID := beam.ParDo(s, &parseFn{IDField: opt.IDField, TextField: opt.TextField}, lines)
	docs, ids := beam.ParDo2(s, &firstOfIDFn{}, beam.GroupByKey(s, byID))
	edges := nearDuplicates(s, docs, opt.NearDuplicate)
	parents := components(s, edges, opt.Rounds)
	return labels(s, ids, parents), nil
}
