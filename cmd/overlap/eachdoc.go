package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/textoverlap/overlap/internal/input"
	"github.com/textoverlap/overlap/internal/ordered"
)

// errStopped ends a run after --strict stopped at an input problem, which
// has been reported already.
var errStopped = errors.New("stopped at the first input problem (--strict)")

// eachDoc is the pipeline of the commands that stream documents
// (fingerprint, dedup, index): it reads the inputs, runs work on each
// document on several goroutines (newWork is called once per goroutine, so
// its function may keep unshared state such as a hasher), and calls use with
// each document and its result in input order, on the calling goroutine.
//
// Input problems are warned about on stderr as they come; use may warn too,
// through the function it is given, which keeps warnings off the progress
// line. eachDoc reports whether an input was lost, and returns errStopped
// after a --strict stop, an error when ctx ends, or the first error of use.
func eachDoc[R any](ctx context.Context, e *env, paths []string, opt input.Options, workers int,
	newWork func() func(*input.Doc) R, use func(d *input.Doc, r R, warn func(string)) error) (lost bool, err error) {
	type item struct {
		doc *input.Doc
		err error
	}
	type result struct {
		item
		r R
	}
	docs := func(yield func(item) bool) {
		for d, err := range input.Read(paths, opt) {
			if ctx.Err() != nil || !yield(item{d, err}) {
				return
			}
		}
	}
	mapOpt := ordered.Options[item]{
		Workers: workers,
		Weight: func(it item) int {
			if it.doc != nil {
				return len(it.doc.Text) + 64
			}
			return 64
		},
	}
	work := func() func(item) (result, error) {
		w := newWork()
		return func(it item) (result, error) {
			res := result{item: it}
			if it.doc != nil {
				res.r = w(it.doc)
			}
			return res, nil
		}
	}

	prog := newProgress(e.stderr, e.tty)
	prog.expect(inputSize(paths))
	defer prog.done()
	warn := func(msg string) {
		prog.clear()
		fmt.Fprintf(e.stderr, "overlap: %s\n", msg)
	}
	for res := range ordered.Map(docs, mapOpt, work) {
		if res.err != nil {
			warn(res.err.Error())
			var ie *input.Error
			if errors.As(res.err, &ie) && ie.Stopped {
				return true, errStopped
			}
			if ie == nil || ie.Skipped {
				lost = true
			}
			continue
		}
		if err := use(res.doc, res.r, warn); err != nil {
			return lost, err
		}
		prog.add(1, res.doc.Size)
	}
	if ctx.Err() != nil {
		return lost, errors.New("interrupted")
	}
	return lost, nil
}
