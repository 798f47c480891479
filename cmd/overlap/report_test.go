package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

type reportJSON struct {
	Documents []struct {
		ID      string `json:"id"`
		Words   int    `json:"words"`
		Simhash string `json:"simhash"`
	} `json:"documents"`
	Pairs []struct {
		A, B          string
		Similarity    float64
		Containment   [2]float64
		Hamming       int
		NearDuplicate bool `json:"near_duplicate"`
		Passages      []struct {
			A, B  [2]int
			Words int
		}
	} `json:"pairs"`
	Repeats []struct {
		ID    string
		Spans [][2]int
		Words int
	} `json:"repeats"`
}

func decodeReport(t *testing.T, out string) reportJSON {
	t.Helper()
	var r reportJSON
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r), out)
	return r
}

// The seeds' report is the public JSON contract: pinned byte for byte.
func TestReportGoldenSeeds(t *testing.T) {
	seeds := filepath.Join(moduleRoot, "seeds")
	res := runOverlap(t, "", "report", "--format", "json", seeds)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	checkFingerprintGolden(t, "report_seeds.json", res.stdout)

	r := decodeReport(t, res.stdout)
	require.Len(t, r.Documents, 5)
	assert.Empty(t, r.Pairs, "five distinct articles on one story: nothing shared at 8 words")
	var found bool
	for _, rep := range r.Repeats {
		if rep.ID == "002_500d87e3561d43ec.txt" {
			b, err := os.ReadFile(filepath.Join(seeds, rep.ID))
			require.NoError(t, err)
			for _, s := range rep.Spans {
				assert.Equal(t, "No time to read?\nGet a summary", string(b[s[0]:s[1]]))
			}
			found = true
		}
	}
	assert.True(t, found, "the repeat in seed 002")

	res = runOverlap(t, "", "report", "--format", "json", "--min-words", "5", seeds)
	require.Equal(t, 1, res.code, "a shared passage was reported: %s", res.stderr)
	checkFingerprintGolden(t, "report_seeds_min5.json", res.stdout)
	r = decodeReport(t, res.stdout)
	require.Len(t, r.Pairs, 1)
	p := r.Pairs[0]
	assert.Equal(t, []string{"001_f5ad8a3ec4ec9399.txt", "004_31828ecc3e67cea5.txt"}, []string{p.A, p.B})
	assert.False(t, p.NearDuplicate)
	a, _ := os.ReadFile(filepath.Join(seeds, p.A))
	b, _ := os.ReadFile(filepath.Join(seeds, p.B))
	require.Len(t, p.Passages, 1)
	assert.Equal(t, "discussed as potential substitutes for", string(a[p.Passages[0].A[0]:p.Passages[0].A[1]]))
	assert.Equal(t, "discussed as potential substitutes for", string(b[p.Passages[0].B[0]:p.Passages[0].B[1]]))
}

func TestReportExitStatus(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(filepath.Join(moduleRoot, "seeds", "002_500d87e3561d43ec.txt"))
	require.NoError(t, err)
	other, err := os.ReadFile(filepath.Join(moduleRoot, "seeds", "004_31828ecc3e67cea5.txt"))
	require.NoError(t, err)
	quoting := append(append([]byte(nil), other...), seed[200:900]...)
	writeFiles(t, dir, map[string]string{
		"a.txt":    string(seed),
		"copy.txt": strings.ToUpper(string(seed)),
		"b.txt":    string(other),
		"q.txt":    string(quoting),
	})
	tests := []struct {
		name  string
		args  []string
		want  int
		pairs int
	}{
		{"near-duplicates found", []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "copy.txt")}, 1, 1},
		{"near-duplicate, --fail-on never", []string{"--fail-on", "never", filepath.Join(dir, "a.txt"), filepath.Join(dir, "copy.txt")}, 0, 1},
		{"passage only, --fail-on near-duplicate", []string{"--fail-on", "near-duplicate", filepath.Join(dir, "a.txt"), filepath.Join(dir, "q.txt")}, 0, 1},
		{"passage only, default", []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "q.txt")}, 1, 1},
		{"nothing shared", []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")}, 0, 0},
		{"missing input still reports the rest", []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "copy.txt"), filepath.Join(dir, "nope.txt")}, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runOverlap(t, "", append([]string{"report", "--format", "json"}, tt.args...)...)
			assert.Equal(t, tt.want, res.code, res.stderr)
			assert.Len(t, decodeReport(t, res.stdout).Pairs, tt.pairs)
		})
	}
	for _, bad := range [][]string{{"report"}, {"report", "--format", "pdf", dir}, {"report", "--fail-on", "sometimes", dir}, {"report", "--min-words", "0", dir}, {"report", "--near-duplicate", "2", dir}} {
		res := runOverlap(t, "", bad...)
		assert.Equal(t, 2, res.code, "%v", bad)
		assert.Equal(t, 1, strings.Count(res.stderr, "\n"), "one line: %q", res.stderr)
	}
}

// Bad input: each problem is one warning naming the file and the reason,
// and the report on everything else is still produced.
func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(filepath.Join(moduleRoot, "seeds", "001_f5ad8a3ec4ec9399.txt"))
	require.NoError(t, err)
	// The same article in Windows-1252, with its curly quotes as 0x92.
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(seed)
	require.NoError(t, err)
	require.NotEqual(t, seed, cp1252)
	writeFiles(t, dir, map[string]string{
		"a.txt":      string(seed),
		"cp1252.txt": string(cp1252),
		"empty.txt":  "",
		"binary.txt": "PK\x03\x04\x00\x00binary",
	})
	require.NoError(t, os.Symlink(dir, filepath.Join(dir, "loop")))

	res := runOverlap(t, "", "report", "--format", "json", dir)
	assert.Equal(t, 1, res.code, "a near-duplicate pair was found, no input was lost: %s", res.stderr)
	lines := strings.Split(strings.TrimSpace(res.stderr), "\n")
	for _, want := range []string{"binary.txt: binary file", "cp1252.txt: ", "empty.txt: ", "loop"} {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, want) {
				n++
			}
		}
		assert.Equal(t, 1, n, "one warning about %q in %q", want, res.stderr)
	}
	r := decodeReport(t, res.stdout)
	require.Len(t, r.Pairs, 1)
	p := r.Pairs[0]
	assert.Equal(t, []string{"a.txt", "cp1252.txt"}, []string{p.A, p.B})
	assert.True(t, p.NearDuplicate)
	assert.Equal(t, [2]float64{1, 1}, p.Containment, "decoded, the two are the same text")
	// Offsets index each file as read: the Windows-1252 one differs.
	require.Len(t, p.Passages, 1)
	got, err := charmap.Windows1252.NewDecoder().Bytes(cp1252[p.Passages[0].B[0]:p.Passages[0].B[1]])
	require.NoError(t, err)
	assert.Equal(t, string(seed[p.Passages[0].A[0]:p.Passages[0].A[1]]), string(got))
	assert.Equal(t, len(cp1252)-1, p.Passages[0].B[1], "the passage ends at the last word of the file as read")
}

func TestReportLongLine(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("50 MB input")
	}
	dir := t.TempDir()
	seed, err := os.ReadFile(filepath.Join(moduleRoot, "seeds", "003_afaa2bd7b2508454.txt"))
	require.NoError(t, err)
	line := bytes.ReplaceAll(bytes.Repeat(seed, 50<<20/len(seed)), []byte("\n"), []byte(" "))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "huge.txt"), line, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "seed.txt"), seed, 0o644))
	res := runOverlap(t, "", "report", "--format", "json", dir)
	require.Equal(t, 1, res.code, res.stderr)
	r := decodeReport(t, res.stdout)
	require.Len(t, r.Pairs, 1)
	assert.Equal(t, 1.0, r.Pairs[0].Containment[1], "all of the seed is in the long line")
}

func TestReportFormatsAndOutputFile(t *testing.T) {
	seeds := filepath.Join(moduleRoot, "seeds")
	for _, f := range []string{"text", "json", "html", "csv"} {
		out := filepath.Join(t.TempDir(), "report."+f)
		res := runOverlap(t, "", "report", seeds, "--min-words", "5", "--format", f, "-o", out)
		require.Equal(t, 1, res.code, res.stderr)
		assert.Empty(t, res.stdout, "-o writes nothing to stdout")
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Contains(t, string(b), "004_31828ecc3e67cea5.txt")
		again := runOverlap(t, "", "report", seeds, "--min-words", "5", "--format", f)
		assert.Equal(t, string(b), again.stdout, "same input, same bytes out")
	}
}
