package dedup

import (
	"context"
	"errors"
	"strconv"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/internal/input"
)

// Counters of the input problems `overlap dedup` warns about. A pipeline
// has no terminal to warn on: each problem is logged by the worker that
// meets it and counted here, and the counts are in the job's metrics.
var (
	skippedLines = beam.NewCounter("overlap", "skipped_lines")
	duplicateIDs = beam.NewCounter("overlap", "duplicate_ids")
	noWords      = beam.NewCounter("overlap", "no_words")
	documents    = beam.NewCounter("overlap", "documents")
)

func init() {
	register.DoFn3x0[context.Context, Line, func(string, Doc)](&parseFn{})
	register.Emitter2[string, Doc]()
	register.DoFn5x0[context.Context, string, func(*Doc) bool, func(Doc), func(int64, string)](&firstOfIDFn{})
	register.Iter1[Doc]()
	register.Emitter1[Doc]()
	register.Emitter2[int64, string]()
}

// parseFn turns a JSONL line into its id and its document, or skips it
// with the warning `overlap dedup` gives.
type parseFn struct {
	IDField   string `json:"id_field"`
	TextField string `json:"text_field"`

	signer overlap.Signer
}

func (fn *parseFn) ProcessElement(ctx context.Context, l Line, emit func(string, Doc)) {
	if blankLine(l.Text) {
		return
	}
	f, err := input.ParseLine(l.Text, fn.IDField, fn.TextField)
	if err != nil {
		msg := "invalid JSON: " + err.Error()
		if errors.Is(err, input.ErrNotObject) {
			msg = err.Error()
		}
		warnLine(ctx, l.Pos, msg+", line skipped")
		skippedLines.Inc(ctx, 1)
		return
	}
	if _, msg := f.Check(fn.IDField, fn.TextField); msg != "" {
		warnLine(ctx, l.Pos, msg+", line skipped")
		skippedLines.Inc(ctx, 1)
		return
	}
	d := Doc{Pos: l.Pos, Sig: fn.signer.Sign(f.Text)}
	emit(string(f.ID), d)
}

// blankLine reports a line of JSON white space only, which `overlap dedup`
// passes over without a word.
func blankLine(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

func warnLine(ctx context.Context, pos int64, msg string) {
	file, off := splitPosition(pos)
	log.Warnf(ctx, "overlap: input file %d, byte %d: %s", file, off, msg)
}

// firstOfIDFn keeps, of the documents sharing an id, the first in input
// order, as `overlap dedup` does; the others are skipped with a warning.
// It also emits each kept document's id by position, for the labels.
type firstOfIDFn struct{}

func (fn *firstOfIDFn) ProcessElement(ctx context.Context, id string, docs func(*Doc) bool, emitDoc func(Doc), emitID func(int64, string)) {
	var first, d Doc
	n := 0
	for docs(&d) {
		if n == 0 || d.Pos < first.Pos {
			first = d
		}
		n++
	}
	if n > 1 {
		file, off := splitPosition(first.Pos)
		where := "input file " + strconv.Itoa(file) + ", byte " + strconv.FormatInt(off, 10)
		log.Warnf(ctx, "overlap: %d more lines with id %q (first at %s), skipped", n-1, id, where)
		duplicateIDs.Inc(ctx, int64(n-1))
	}
	if first.Sig.Shingles == 0 {
		warnLine(ctx, first.Pos, "no words, its own cluster")
		noWords.Inc(ctx, 1)
	}
	documents.Inc(ctx, 1)
	emitDoc(first)
	emitID(first.Pos, id)
}
