package dedup

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/sdf"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/rtrackers/offsetrange"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readSplits reads f as the pieces of rest cut at the given offsets, each
// by its own DoFn call, as workers would.
func readSplits(t *testing.T, f File, rest offsetrange.Restriction, cuts ...int64) []Line {
	t.Helper()
	var lines []Line
	start := rest.Start
	for _, end := range append(cuts, rest.End) {
		rt := sdf.NewLockRTracker(offsetrange.NewTracker(offsetrange.Restriction{Start: start, End: end}))
		err := (&readLinesFn{}).ProcessElement(context.Background(), rt, f, func(l Line) { lines = append(lines, l) })
		require.NoError(t, err)
		require.NoError(t, rt.GetError())
		assert.True(t, rt.IsDone(), "restriction [%d, %d) not finished", start, end)
		start = end
	}
	return lines
}

func TestReadLinesSplits(t *testing.T) {
	content := "\uFEFF{\"a\":1}\n\nsecond line\r\n  \nlast, no newline"
	want := []Line{
		{Pos: 0, Text: []byte(`{"a":1}`)},
		{Pos: 11, Text: []byte{}},
		{Pos: 12, Text: []byte("second line\r")},
		{Pos: 25, Text: []byte("  ")},
		{Pos: 28, Text: []byte("last, no newline")},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "f.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	const index = 3
	f := File{Index: index, Path: path, Size: int64(len(content))}
	for i := range want {
		want[i].Pos |= index << offsetBits
	}
	rest := (&readLinesFn{}).CreateInitialRestriction(f)
	require.Equal(t, offsetrange.Restriction{Start: 0, End: f.Size}, rest)
	assert.Equal(t, want, readSplits(t, f, rest))
	for cut := int64(1); cut < f.Size; cut++ {
		assert.Equal(t, want, readSplits(t, f, rest, cut), "cut at %d", cut)
		assert.Equal(t, want, readSplits(t, f, rest, cut, min(cut+3, f.Size-1)), "cuts at %d", cut)
	}

	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(content))
	require.NoError(t, zw.Close())
	gz := filepath.Join(dir, "f.gz")
	require.NoError(t, os.WriteFile(gz, z.Bytes(), 0o644))
	files, err := listFiles(context.Background(), filepath.Join(dir, "f.*"))
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.True(t, files[0].Gzip, "f.gz")
	assert.False(t, files[1].Gzip, "f.jsonl")
	files[0].Index = index
	rest = (&readLinesFn{}).CreateInitialRestriction(files[0])
	assert.Equal(t, want, readSplits(t, files[0], rest), "a gzip file is one restriction, read whole")
}
