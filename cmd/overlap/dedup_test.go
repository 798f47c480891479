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

// editsJSONL writes the seeds and their edited copies (testdata/edits) as
// one JSONL file and returns it with the expected cluster of each id, read
// from the fixtures' manifest.
func editsJSONL(t *testing.T) (path string, ids []string, want map[string]string) {
	t.Helper()
	var m struct {
		Fixtures []struct {
			File    string
			Sources []struct {
				File          string
				Role          string
				NearDuplicate bool `json:"near_duplicate"`
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(moduleRoot, "testdata", "edits", "MANIFEST.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &m))
	want = map[string]string{}
	var sb strings.Builder
	add := func(id, file string) {
		text, err := os.ReadFile(file)
		require.NoError(t, err)
		line, err := json.Marshal(map[string]string{"id": id, "text": string(text)})
		require.NoError(t, err)
		sb.Write(line)
		sb.WriteByte('\n')
		ids = append(ids, id)
	}
	seeds, _ := filepath.Glob(filepath.Join(moduleRoot, "seeds", "*.txt"))
	for _, s := range seeds {
		add(filepath.Base(s), s)
		want[filepath.Base(s)] = filepath.Base(s)
	}
	for _, f := range m.Fixtures {
		add(f.File, filepath.Join(moduleRoot, "testdata", "edits", f.File))
		want[f.File] = f.File
		for _, s := range f.Sources {
			if s.Role == "edited" && s.NearDuplicate {
				want[f.File] = s.File
			}
		}
	}
	path = filepath.Join(t.TempDir(), "edits.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(sb.String()), 0o644))
	return path, ids, want
}

func TestDedupClustersEditedSeeds(t *testing.T) {
	path, ids, want := editsJSONL(t)
	dir := t.TempDir()
	keep, pairs := filepath.Join(dir, "keep.txt"), filepath.Join(dir, "pairs.jsonl")
	res := runOverlap(t, "", "dedup", path, "--keep", keep, "--pairs", pairs)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	require.Len(t, lines, len(ids), "one line per document")
	kept := map[string]bool{}
	for i, l := range lines {
		var got struct{ ID, Cluster string }
		require.NoError(t, json.Unmarshal([]byte(l), &got))
		assert.Equal(t, ids[i], got.ID, "input order")
		assert.Equal(t, want[got.ID], got.Cluster, "%s", got.ID)
		if got.ID == got.Cluster {
			kept[got.ID] = true
		}
	}
	k, err := os.ReadFile(keep)
	require.NoError(t, err)
	keptIDs := strings.Fields(string(k))
	assert.Len(t, keptIDs, len(kept))
	for _, id := range keptIDs {
		assert.True(t, kept[id], id)
	}
	p, err := os.ReadFile(pairs)
	require.NoError(t, err)
	for _, l := range strings.Split(strings.TrimSpace(string(p)), "\n") {
		var pair struct {
			A, B        string
			Similarity  float64
			Containment [2]float64
			Hamming     *int
		}
		require.NoError(t, json.Unmarshal([]byte(l), &pair))
		assert.Equal(t, want[pair.A], want[pair.B], "a pair is inside one cluster")
		assert.Greater(t, pair.Similarity, 0.0)
		assert.NotNil(t, pair.Hamming)
	}
}

func TestDedupInputs(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(filepath.Join(moduleRoot, "seeds", "000_83c534b7b1c3db06.txt"))
	require.NoError(t, err)
	doc := func(id, text string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "text": text})
		return string(b)
	}
	jsonl := strings.Join([]string{
		doc("a", string(seed)),
		`{"id": "broken", "text": `,
		doc("b", strings.ReplaceAll(string(seed), "’", "'")),
		doc("a", "a duplicate id"),
		doc("empty", ""),
		`{"text": "no id"}`,
	}, "\n") + "\n"
	path := filepath.Join(dir, "in.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(jsonl), 0o644))

	res := runOverlap(t, "", "dedup", path)
	assert.Equal(t, 2, res.code, "lines were lost")
	assert.Equal(t, "{\"id\":\"a\",\"cluster\":\"a\"}\n{\"id\":\"b\",\"cluster\":\"a\"}\n{\"id\":\"empty\",\"cluster\":\"empty\"}\n", res.stdout)
	for _, want := range []string{"in.jsonl:2:", "in.jsonl:4: duplicate id", "in.jsonl:5:", "in.jsonl:6:"} {
		assert.Contains(t, res.stderr, want)
	}

	res = runOverlap(t, "", "dedup", "--strict", path)
	assert.Equal(t, 2, res.code)
	assert.Equal(t, 1, strings.Count(res.stderr, "\n"), "stops at the first error: %q", res.stderr)
	assert.Empty(t, res.stdout, "nothing is clustered after a stop")

	// Text files and directories, as for report; and standard input.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.txt"), seed, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "y.txt"), []byte(strings.ToUpper(string(seed))), 0o644))
	res = runOverlap(t, "", "dedup", dir)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "{\"id\":\"x.txt\",\"cluster\":\"x.txt\"}\n{\"id\":\"y.txt\",\"cluster\":\"x.txt\"}\n", res.stdout)
	res = runOverlap(t, doc("s1", string(seed))+"\n"+doc("s2", string(seed))+"\n", "dedup", "--jsonl", "-")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "{\"id\":\"s1\",\"cluster\":\"s1\"}\n{\"id\":\"s2\",\"cluster\":\"s1\"}\n", res.stdout)
}

func TestDedupWarningsThatLoseNothing(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "in.jsonl"), []byte(`{"id":"e","text":"  "}`+"\n"+`{"id":"f","text":"words here"}`+"\n"), 0o644))
	res := runOverlap(t, "", "dedup", filepath.Join(dir, "in.jsonl"))
	assert.Equal(t, 0, res.code, "an empty text is kept as its own cluster: %s", res.stderr)
	assert.Contains(t, res.stderr, "in.jsonl:1")
	assert.Equal(t, "{\"id\":\"e\",\"cluster\":\"e\"}\n{\"id\":\"f\",\"cluster\":\"f\"}\n", res.stdout)
}
