package dedup

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x0[Cluster, func(int, Cluster)](&shardFn{})
	register.Emitter2[int, Cluster]()
	register.DoFn3x1[context.Context, int, func(*Cluster) bool, error](&writeShardFn{})
	register.Iter1[Cluster]()
}

// Write writes one JSON line {"id":...,"cluster":...} per document, as
// `overlap dedup` does, to shards files. With one shard, the file is output
// itself, in input order: byte for byte what `overlap dedup -o output`
// writes, but all its lines pass through one worker (as with
// textio.Write). With more, document positions are spread over files named
// output-SSSSS-of-NNNNN, each in input order; together they hold the same
// lines.
func Write(s beam.Scope, output string, shards int, clusters beam.PCollection) {
	s = s.Scope("dedup.Write")
	filesystem.ValidateScheme(output)
	if shards < 1 {
		panic(fmt.Sprintf("dedup.Write: shards must be positive, not %d", shards))
	}
	keyed := beam.ParDo(s, &shardFn{Shards: shards}, clusters)
	beam.ParDo0(s, &writeShardFn{Output: output, Shards: shards}, beam.GroupByKey(s, keyed))
}

// ShardName returns the name of shard i of n written by [Write].
func ShardName(output string, i, n int) string {
	if n == 1 {
		return output
	}
	return fmt.Sprintf("%s-%05d-of-%05d", output, i, n)
}

type shardFn struct {
	Shards int `json:"shards"`
}

func (fn *shardFn) ProcessElement(c Cluster, emit func(int, Cluster)) {
	// Positions of consecutive lines differ in their low bits only:
	// mixing them spreads a file's lines evenly over the shards.
	h := uint64(c.Pos) * 0x9E3779B97F4A7C15
	emit(int(h>>32%uint64(fn.Shards)), c)
}

type writeShardFn struct {
	Output string `json:"output"`
	Shards int    `json:"shards"`
}

func (fn *writeShardFn) ProcessElement(ctx context.Context, shard int, iter func(*Cluster) bool) error {
	var all []Cluster
	var c Cluster
	for iter(&c) {
		all = append(all, c)
	}
	slices.SortFunc(all, func(a, b Cluster) int { return cmp.Compare(a.Pos, b.Pos) })
	name := ShardName(fn.Output, shard, fn.Shards)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("dedup: writing %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var line []byte
	for _, c := range all {
		line = AppendLine(line[:0], c.ID, c.Cluster)
		if _, err := bw.Write(line); err != nil {
			w.Close()
			return fmt.Errorf("dedup: writing %s: %w", name, err)
		}
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return fmt.Errorf("dedup: writing %s: %w", name, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("dedup: writing %s: %w", name, err)
	}
	return nil
}

// AppendLine appends the output line of a document, with its "\n". Ids are
// quoted as `overlap dedup` quotes them: as encoding/json does without HTML
// escaping.
func AppendLine(dst []byte, id, cluster string) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, id)
	dst = append(dst, `,"cluster":`...)
	dst = appendJSONString(dst, cluster)
	return append(dst, "}\n"...)
}

func appendJSONString(dst []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // a string always encodes
	}
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}
