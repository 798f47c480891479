package dedup

import (
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Cluster is one document's result: its id, and the id of its cluster's
// first document in input order.
type Cluster struct {
	Pos     int64
	ID      string
	Cluster string
}

func init() {
	beam.RegisterType(reflect.TypeFor[Cluster]())
	register.Function2x2(swap)
	register.DoFn6x1[int64, func(*string) bool, func(*int64) bool, func(*int64) bool, func(Cluster), func(int64, string), error](&rootLabelFn{})
	register.DoFn4x1[int64, func(*string) bool, func(*string) bool, func(Cluster), error](&leafLabelFn{})
	register.Iter1[string]()
	register.Emitter1[Cluster]()
}

// labels joins the documents' ids (KV<position, id>) with their parents
// (KV<position, root position>, for documents that are not the first of
// their cluster) and returns each document's Cluster. A root knows its own
// id and its leaves' positions; a second join gives each leaf its own id.
func labels(s beam.Scope, ids, parents beam.PCollection) beam.PCollection {
	s = s.Scope("labels")
	children := beam.ParDo(s, swap, parents)
	roots, leafLabels := beam.ParDo2(s, &rootLabelFn{}, beam.CoGroupByKey(s, ids, parents, children))
	leaves := beam.ParDo(s, &leafLabelFn{}, beam.CoGroupByKey(s, ids, leafLabels))
	return beam.Flatten(s, roots, leaves)
}

func swap(k, v int64) (int64, int64) { return v, k }

// rootLabelFn labels a root (or a document without near-duplicates) with
// its own id, and sends that id to its leaves.
type rootLabelFn struct{}

func (fn *rootLabelFn) ProcessElement(pos int64, ids func(*string) bool, parents, children func(*int64) bool, emit func(Cluster), toLeaf func(int64, string)) error {
	id, err := onlyID(pos, ids)
	if err != nil {
		return err
	}
	var p int64
	if parents(&p) {
		return nil // a leaf: labelled by its root
	}
	emit(Cluster{Pos: pos, ID: id, Cluster: id})
	var c int64
	for children(&c) {
		toLeaf(c, id)
	}
	return nil
}

// leafLabelFn labels a leaf with the id its root sent.
type leafLabelFn struct{}

func (fn *leafLabelFn) ProcessElement(pos int64, ids, rootIDs func(*string) bool, emit func(Cluster)) error {
	var root string
	if !rootIDs(&root) {
		return nil // a root, labelled already
	}
	id, err := onlyID(pos, ids)
	if err != nil {
		return err
	}
	emit(Cluster{Pos: pos, ID: id, Cluster: root})
	return nil
}

// onlyID returns the id of the document at pos, which has exactly one.
func onlyID(pos int64, ids func(*string) bool) (string, error) {
	var id, extra string
	if !ids(&id) {
		return "", fmt.Errorf("dedup: no document at position %d", pos)
	}
	if ids(&extra) {
		return "", fmt.Errorf("dedup: two documents at position %d (%q and %q)", pos, id, extra)
	}
	return id, nil
}
