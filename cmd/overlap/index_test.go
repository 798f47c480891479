package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIndexAddAndQuery(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "news.ovl")
	seeds := filepath.Join(moduleRoot, "seeds")
	res := runOverlap(t, "", "index", "add", archive, seeds)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stderr, "added 5 documents, 5 in all")
	assert.Empty(t, res.stdout)

	res = runOverlap(t, "", "index", "add", archive, seeds)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stderr, "added 0 documents, 5 in all (5 ids already archived, skipped)")

	edits := filepath.Join(moduleRoot, "testdata", "edits")
	q := []string{"index", "query", archive,
		filepath.Join(edits, "004-quotes-000.txt"), filepath.Join(edits, "002-sub03.txt"), filepath.Join(edits, "000-sub30.txt")}
	res = runOverlap(t, "", q...)
	require.Equal(t, 0, res.code, res.stderr)
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	require.Len(t, lines, 3)
	type line struct {
		ID      string
		Matches []struct {
			ID         string
			Hamming    *int
			Similarity float64
		}
	}
	var got []line
	for _, l := range lines {
		var x line
		require.NoError(t, json.Unmarshal([]byte(l), &x))
		got = append(got, x)
	}
	assert.Equal(t, filepath.Join(edits, "004-quotes-000.txt"), got[0].ID)
	require.Len(t, got[0].Matches, 1, "the quoting article matches its own source, not the quoted one")
	assert.Equal(t, "004_31828ecc3e67cea5.txt", got[0].Matches[0].ID)
	require.Len(t, got[1].Matches, 1)
	assert.Equal(t, "002_500d87e3561d43ec.txt", got[1].Matches[0].ID)
	assert.NotNil(t, got[1].Matches[0].Hamming)
	assert.Greater(t, got[1].Matches[0].Similarity, 0.5)
	assert.Empty(t, got[2].Matches, "a 30% rewrite is no near-duplicate")
	assert.Contains(t, lines[2], `"matches":[]`, "an empty list, not null")
}

func TestIndexBadArchive(t *testing.T) {
	dir := t.TempDir()
	archive := filepath.Join(dir, "a.ovl")
	seeds := filepath.Join(moduleRoot, "seeds")
	require.Equal(t, 0, runOverlap(t, "", "index", "add", archive, seeds).code)
	good, err := os.ReadFile(archive)
	require.NoError(t, err)

	for name, b := range map[string][]byte{
		"truncated": good[:len(good)-10],
		"corrupted": append(append(append([]byte(nil), good[:100]...), good[100]^1), good[101:]...),
		"not one":   []byte("hello, world: this is no archive at all"),
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(archive, b, 0o644))
			for _, sub := range []string{"add", "query"} {
				res := runOverlap(t, "", "index", sub, archive, seeds)
				assert.Equal(t, 2, res.code)
				assert.Contains(t, res.stderr, archive)
				assert.Contains(t, res.stderr, "bad archive file")
				assert.Equal(t, 1, strings.Count(res.stderr, "\n"), res.stderr)
			}
			after, _ := os.ReadFile(archive)
			assert.Equal(t, b, after, "a damaged archive is left alone")
		})
	}
	res := runOverlap(t, "", "index", "query", filepath.Join(dir, "missing.ovl"), seeds)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "missing.ovl")
	for _, bad := range [][]string{{"index"}, {"index", "remove", archive}, {"index", "add", archive}, {"index", "query", "--radius", "65", archive, seeds}} {
		assert.Equal(t, 2, runOverlap(t, "", bad...).code, "%v", bad)
	}
}
