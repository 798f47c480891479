// Command overlap-beam runs `overlap dedup` as an Apache Beam pipeline: on
// Prism locally, or on Dataflow, Flink or Spark for inputs past one
// machine. See beam/README.md for each runner's flags.
//
// Usage:
//
//	overlap-beam --input=corpus.jsonl --output=clusters.jsonl [--runner=prism] [flags]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/beam/dedup"
)

var (
	inputs        = flag.String("input", "", "comma-separated JSONL files or globs (local, gs://...), read in this order; .gz read transparently")
	output        = flag.String("output", "", "file the {\"id\",\"cluster\"} lines are written to (local, gs://...)")
	shards        = flag.Int("shards", 1, "number of output files; 1 writes --output itself, in input order, through one worker")
	idField       = flag.String("id-field", "id", "JSONL member holding a document's id (a string or a number)")
	textField     = flag.String("text-field", "text", "JSONL member holding a document's text")
	nearDuplicate = flag.Float64("near-duplicate", overlap.DefaultNearDuplicate, "least share of each document's word 3-shingles found in the other")
	ccRounds      = flag.Int("cc-rounds", dedup.DefaultRounds, "large-star/small-star rounds of the connected components")
)

func main() {
	flag.Parse()
	// beam.Init must come first: on a worker it runs the SDK harness and
	// does not return.
	beam.Init()
	if err := run(context.Background()); err != nil {
		fmt.Fprintf(os.Stderr, "overlap-beam: %v\n", err)
		os.Exit(2)
	}
}

func run(ctx context.Context) error {
	switch {
	case *inputs == "" || *output == "":
		return fmt.Errorf("--input and --output are required")
	case *idField == "" || *textField == "":
		return fmt.Errorf("--id-field and --text-field must not be empty")
	case !(*nearDuplicate > 0 && *nearDuplicate <= 1):
		return fmt.Errorf("--near-duplicate must be above 0 and at most 1")
	case *shards < 1:
		return fmt.Errorf("--shards must be positive")
	case *ccRounds < 1:
		return fmt.Errorf("--cc-rounds must be positive")
	}
	var patterns []string
	for p := range strings.SplitSeq(*inputs, ",") {
		if p = strings.TrimSpace(p); p != "" {
			patterns = append(patterns, p)
		}
	}
	p, s := beam.NewPipelineWithRoot()
	clusters, err := dedup.Dedup(s, dedup.ReadJSONL(s, patterns), dedup.Options{
		IDField:       *idField,
		TextField:     *textField,
		NearDuplicate: *nearDuplicate,
		Rounds:        *ccRounds,
	})
	if err != nil {
		return err
	}
	dedup.Write(s, *output, *shards, clusters)
	if err := beamx.Run(ctx, p); err != nil {
		log.Exitf(ctx, "pipeline failed: %v", err)
	}
	return nil
}
