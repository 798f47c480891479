package dedup

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the root module's directory, two up from this package.
const repoRoot = "../.."

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// overlapCLI builds `overlap` from the root module once per test binary:
// its output is what the pipeline must reproduce.
func overlapCLI(t testing.TB) string {
	t.Helper()
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "overlap-cli")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "overlap")
		cmd := exec.Command("go", "build", "-o", cliPath, "./cmd/overlap")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			cliErr = fmt.Errorf("go build ./cmd/overlap: %v\n%s", err, out)
		}
	})
	require.NoError(t, cliErr)
	return cliPath
}

// cliDedup runs `overlap dedup --jsonl` and returns its output.
func cliDedup(t testing.TB, inputs []string, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "cli.jsonl")
	cmd := exec.Command(overlapCLI(t), append(append([]string{"dedup", "--jsonl", "-o", out}, args...), inputs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 2 && stderr.Len() > 0 {
		err = nil // lines skipped, warned about; the output is written
	}
	require.NoError(t, err, stderr.String())
	b, err := os.ReadFile(out)
	require.NoError(t, err, stderr.String())
	return b
}

// runPrism runs the pipeline on Prism, in this process, and returns the
// contents of its output shards, concatenated in shard order.
func runPrism(t testing.TB, inputs []string, opt Options, shards int) ([]byte, error) {
	t.Helper()
	requirePrivateNetwork(t)
	p, s := beam.NewPipelineWithRoot()
	clusters, err := Dedup(s, ReadJSONL(s, inputs), opt)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(t.TempDir(), "beam.jsonl")
	Write(s, out, shards, clusters)
	_, err = prism.Execute(context.Background(), p)
	if tt, ok := t.(*testing.T); ok {
		requireLoopbackOnly(tt)
	}
	if err != nil {
		return nil, err
	}
	var all []byte
	for i := range shards {
		b, err := os.ReadFile(ShardName(out, i, shards))
		if err != nil {
			return nil, err
		}
		all = append(all, b...)
	}
	return all, nil
}

func sortedLines(b []byte) []string {
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	slices.Sort(lines)
	return lines
}

// writeJSONL writes documents as JSONL lines {"id","text"}.
func writeJSONL(t testing.TB, path string, docs [][2]string) {
	t.Helper()
	var b bytes.Buffer
	for _, d := range docs {
		line, err := json.Marshal(map[string]string{"id": d[0], "text": d[1]})
		require.NoError(t, err)
		b.Write(line)
		b.WriteByte('\n')
	}
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
}

// labelledCorpus writes the seeds and their labelled edits (testdata/edits)
// as one JSONL file and returns it.
func labelledCorpus(t testing.TB, dir string) string {
	t.Helper()
	var docs [][2]string
	for _, pattern := range []string{"seeds/*.txt", "testdata/edits/*.txt"} {
		paths, err := filepath.Glob(filepath.Join(repoRoot, pattern))
		require.NoError(t, err)
		require.NotEmpty(t, paths, pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			docs = append(docs, [2]string{filepath.Base(p), string(b)})
		}
	}
	path := filepath.Join(dir, "labelled.jsonl")
	writeJSONL(t, path, docs)
	return path
}

// malformedCorpus writes lines that `overlap dedup` skips or treats
// specially, among near-duplicates, and returns the file.
func malformedCorpus(t testing.TB, dir string) string {
	t.Helper()
	seed := func(name string) string {
		b, err := os.ReadFile(filepath.Join(repoRoot, "seeds", name))
		require.NoError(t, err)
		return string(b)
	}
	a, b := seed("000_83c534b7b1c3db06.txt"), seed("001_f5ad8a3ec4ec9399.txt")
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) }
	lines := []string{
		"\uFEFF" + `{"id":"a","text":` + q(a) + `}`, // a byte order mark opens the file
		``,
		`  ` + "\t\r",
		`{"id":"bad json","text":`,
		`["not", "an", "object"]`,
		`{"text":"no id"}`,
		`{"id":true,"text":"boolean id"}`,
		`{"id":"","text":"empty id"}`,
		`{"id":"no text"}`,
		`{"id":"number text","text":12}`,
		`{"id":"a","text":` + q(b) + `}`, // a duplicate id: skipped, though b is a document
		`{"id":1.50,"text":` + q(a[:len(a)*9/10]) + `}`,
		`{"id":"b<&>\"\\\u2028\u0001\b\f\n\t","text":` + q(b) + "}\r",
		`{"id":"invalid \xff UTF-8","text":` + q(strings.ToUpper(b)) + `}`,
		`{"id":"empty","text":"  "}`,
		`{"id":"no words","text":"!!! ???"}`,
		`{"id":"empty 2","text":""}`,
		`{"meta":{"id":"nested"},"id":"c","text":` + q(strings.ReplaceAll(a, ".", "!")) + `}`,
		`{"id":"last","text":` + q(b+" and a tail") + `}`, // no final newline
	}
	path := filepath.Join(dir, "malformed.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644))
	return path
}

func gzipFile(t testing.TB, src, dst string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	require.NoError(t, err)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err = zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(dst, z.Bytes(), 0o644))
	return dst
}

// TestDedupMatchesCLI runs the pipeline on Prism and `overlap dedup` on the
// same inputs: the output must be the same bytes (with one shard, written
// in input order) or the same lines (with several).
func TestDedupMatchesCLI(t *testing.T) {
	dir := t.TempDir()
	labelled := labelledCorpus(t, dir)
	malformed := malformedCorpus(t, dir)
	seeds := filepath.Join(repoRoot, "testdata", "jsonl", "seeds.jsonl")
	tests := []struct {
		name   string
		inputs []string
		args   []string
		opt    Options
		shards int
		// minMerged is the least number of documents labelled with another
		// document's id: it keeps the comparison from passing on a
		// pipeline that finds nothing.
		minMerged int
	}{
		{name: "labelled corpus", inputs: []string{labelled}, shards: 1, minMerged: 20},
		{name: "labelled corpus, 3 shards", inputs: []string{labelled}, shards: 3, minMerged: 20},
		{name: "stricter threshold", inputs: []string{labelled}, args: []string{"--near-duplicate", "0.9"},
			opt: Options{NearDuplicate: 0.9}, shards: 1, minMerged: 5},
		{name: "malformed lines", inputs: []string{malformed}, shards: 1, minMerged: 3},
		{name: "files in order, one gzipped", shards: 1, minMerged: 25,
			inputs: []string{malformed, gzipFile(t, labelled, filepath.Join(dir, "labelled.gz")), seeds}},
		{name: "renamed fields", inputs: []string{filepath.Join(repoRoot, "testdata", "jsonl", "seeds_renamed.jsonl"), seeds},
			args: []string{"--id-field", "doc_id", "--text-field", "body"}, opt: Options{IDField: "doc_id", TextField: "body"}, shards: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := cliDedup(t, tt.inputs, tt.args...)
			got, err := runPrism(t, tt.inputs, tt.opt, tt.shards)
			require.NoError(t, err)
			if tt.shards == 1 {
				assert.Equal(t, string(want), string(got))
			} else {
				assert.Equal(t, sortedLines(want), sortedLines(got))
			}
			merged := 0
			for _, l := range sortedLines(want) {
				var c struct{ ID, Cluster string }
				require.NoError(t, json.Unmarshal([]byte(l), &c))
				if c.ID != c.Cluster {
					merged++
				}
			}
			assert.GreaterOrEqual(t, merged, tt.minMerged, "documents labelled with another's id")
		})
	}
}
