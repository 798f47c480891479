package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textoverlap/overlap/simhash"
)

// moduleRoot is the module root, where seeds/ and testdata/ live, as an absolute
// path so that tests may change directory.
var moduleRoot = func() string {
	r, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return r
}()

func goldenPath(name string) string  { return filepath.Join(moduleRoot, "testdata", "golden", name) }
func fixturePath(name string) string { return filepath.Join(moduleRoot, "testdata", "jsonl", name) }

// checkFingerprintGolden compares got with a golden file, or rewrites it with -update.
//
// The fingerprint goldens pin the simhash of the seed articles: a change
// that nobody made in this package means the hashing changed, which must be
// reported, not papered over with -update.
func checkFingerprintGolden(t *testing.T, name, got string) {
	t.Helper()
	path := goldenPath(name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file: run go test ./cmd/overlap -run %s -update", t.Name())
	require.Equal(t, string(want), got, "output differs from %s", path)
}

// seedFiles returns the names and texts of the seed articles, sorted.
func seedFiles(t *testing.T) (names []string, texts []string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(moduleRoot, "seeds"))
	require.NoError(t, err)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(moduleRoot, "seeds", e.Name()))
		require.NoError(t, err)
		names = append(names, e.Name())
		texts = append(texts, string(b))
	}
	require.Len(t, names, 5, "the five seed articles")
	return names, texts
}

// jsonlFixtures builds the JSONL fixtures from the seeds: seeds.jsonl (ids are
// the file names, so its output equals the directory's), a variant with
// renamed fields, number ids and members to skip, and a gzip copy.
func jsonlFixtures(t *testing.T) map[string][]byte {
	names, texts := seedFiles(t)
	var plain, renamed bytes.Buffer
	for i, name := range names {
		line, err := json.Marshal(struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}{name, texts[i]})
		require.NoError(t, err)
		plain.Write(line)
		plain.WriteByte('\n')
		body, err := json.Marshal(texts[i])
		require.NoError(t, err)
		fmt.Fprintf(&renamed, `{"doc_id": %d, "meta": {"file": %q, "tags": ["seed", {"n": %d}], "draft": false, "score": -1.5e3, "x": null}, "body": %s, "id": "not this"}`+"\r\n",
			i+1, name, i, body)
	}
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped) // no name or time in the header: reproducible
	_, err := zw.Write(plain.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return map[string][]byte{
		"seeds.jsonl":         plain.Bytes(),
		"seeds_renamed.jsonl": renamed.Bytes(),
		"seeds.jsonl.gz":      zipped.Bytes(),
	}
}

// TestFixtures checks that the committed JSONL fixtures are the seeds.
func TestFixtures(t *testing.T) {
	for name, want := range jsonlFixtures(t) {
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(fixturePath(name)), 0o755))
			require.NoError(t, os.WriteFile(fixturePath(name), want, 0o644))
			continue
		}
		got, err := os.ReadFile(fixturePath(name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s is not what the seeds give: run with -update", name)
	}
}

// TestGoldenSeeds is `overlap fingerprint seeds` from the module moduleRoot.
func TestGoldenSeeds(t *testing.T) {
	t.Chdir(moduleRoot)
	r := runOverlap(t, "", "fingerprint", "seeds")
	assert.Equal(t, 0, r.code)
	assert.Empty(t, r.stderr)
	checkFingerprintGolden(t, "fingerprint_seeds.jsonl", r.stdout)
}

// TestGoldenSeedsMatchLibrary checks the golden against simhash directly,
// so a change in the hashing shows up as such.
func TestGoldenSeedsMatchLibrary(t *testing.T) {
	names, texts := seedFiles(t)
	var want strings.Builder
	var h simhash.Hasher
	for i := range names {
		fp, words := h.SumString(texts[i])
		fmt.Fprintf(&want, `{"id":%q,"simhash":"%s","words":%d}`+"\n", names[i], fp, words)
	}
	got, err := os.ReadFile(goldenPath("fingerprint_seeds.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, want.String(), string(got))
}

func TestGoldenJSONL(t *testing.T) {
	seedsJSONL := fixturePath("seeds.jsonl")
	stdin, err := os.ReadFile(seedsJSONL)
	require.NoError(t, err)
	tests := []struct {
		name   string
		stdin  string
		args   []string
		golden string
	}{
		{"jsonl", "", []string{"--jsonl", seedsJSONL}, "fingerprint_seeds.jsonl"},
		{"flags after path", "", []string{seedsJSONL, "--jsonl"}, "fingerprint_seeds.jsonl"},
		{"gzip", "", []string{"--jsonl", fixturePath("seeds.jsonl.gz")}, "fingerprint_seeds.jsonl"},
		{"stdin", string(stdin), []string{"-", "--jsonl"}, "fingerprint_seeds.jsonl"},
		{"renamed fields", "", []string{"--jsonl", fixturePath("seeds_renamed.jsonl"), "--id-field", "doc_id", "--text-field=body"}, "fingerprint_seeds_renamed.jsonl"},
		{"renamed, one worker", "", []string{"--workers", "1", "--jsonl", fixturePath("seeds_renamed.jsonl"), "--id-field", "doc_id", "--text-field=body"}, "fingerprint_seeds_renamed.jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runOverlap(t, tt.stdin, append([]string{"fingerprint"}, tt.args...)...)
			assert.Equal(t, 0, r.code)
			assert.Empty(t, r.stderr)
			checkFingerprintGolden(t, tt.golden, r.stdout)
		})
	}
}

// parseOutput decodes fingerprint output lines.
func parseOutput(t *testing.T, out string) []fpLine {
	t.Helper()
	var lines []fpLine
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l fpLine
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&l), sc.Text())
		// Field names and order are fixed.
		require.Equal(t, string(appendFingerprint(nil, l.ID, mustParse(t, l.Simhash), l.Words)), sc.Text()+"\n")
		lines = append(lines, l)
	}
	return lines
}

type fpLine struct {
	ID      string `json:"id"`
	Simhash string `json:"simhash"`
	Words   int    `json:"words"`
}

func mustParse(t *testing.T, s string) simhash.Fingerprint {
	fp, err := simhash.Parse(s)
	require.NoError(t, err)
	return fp
}

func outputIDs(lines []fpLine) []string {
	var s []string
	for _, l := range lines {
		s = append(s, l.ID)
	}
	return s
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

const fpProse = "The quick brown fox jumps over the lazy dog while the committee debates the budget. "

func TestFingerprintIDsAndWalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"corpus/b.txt":       fpProse + "b",
		"corpus/a/z.md":      fpProse + "z",
		"corpus/a.txt":       fpProse + "a",
		"corpus/.hidden.txt": fpProse + "hidden",
		"corpus/.git/x.txt":  fpProse + "git",
		"corpus/skip.rst":    fpProse + "rst",
		"single.rst":         fpProse + "single",
	})
	t.Chdir(dir)
	r := runOverlap(t, "", "fingerprint", "corpus", "./single.rst", "--workers", "2")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, []string{"a.txt", "a/z.md", "b.txt", "./single.rst"}, outputIDs(parseOutput(t, r.stdout)))

	r = runOverlap(t, "", "fingerprint", "--ext", "*", "corpus/")
	assert.Equal(t, []string{"a.txt", "a/z.md", "b.txt", "skip.rst"}, outputIDs(parseOutput(t, r.stdout)))

	r = runOverlap(t, "", "fingerprint", "corpus/a", "corpus/a.txt")
	assert.Equal(t, []string{"z.md", "corpus/a.txt"}, outputIDs(parseOutput(t, r.stdout)))
}

func TestFingerprintStdin(t *testing.T) {
	r := runOverlap(t, fpProse, "fingerprint", "-")
	require.Equal(t, 0, r.code)
	lines := parseOutput(t, r.stdout)
	require.Len(t, lines, 1)
	assert.Equal(t, "-", lines[0].ID)
	fp, words := new(simhash.Hasher).SumString(fpProse)
	assert.Equal(t, fp.String(), lines[0].Simhash)
	assert.Equal(t, words, lines[0].Words)
}

func TestFingerprintBadInputs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt":     fpProse,
		"bin.txt":   "PK\x03\x04\x00\x00binary",
		"cp.txt":    "caf\xe9 \x93quoted\x94 " + fpProse,
		"empty.txt": "",
		"punct.txt": "... --- !!! ???",
	})
	t.Chdir(dir)
	r := runOverlap(t, "", "fingerprint", ".", "missing.txt")
	assert.Equal(t, 2, r.code, "lost documents")
	assert.Equal(t, strings.Join([]string{
		"overlap: bin.txt: binary file (NUL byte at offset 4), skipped",
		"overlap: cp.txt: not valid UTF-8 (first invalid byte at offset 3), decoded as Windows-1252",
		"overlap: empty.txt: empty file",
		"overlap: punct.txt: no words, fingerprint 0000000000000000",
		"overlap: missing.txt: no such file or directory, skipped",
	}, "\n")+"\n", r.stderr)
	lines := parseOutput(t, r.stdout)
	assert.Equal(t, []string{"a.txt", "cp.txt", "empty.txt", "punct.txt"}, outputIDs(lines))
	assert.Equal(t, simhash.Empty.String(), lines[2].Simhash)
	assert.Zero(t, lines[2].Words)
	assert.Equal(t, simhash.Empty.String(), lines[3].Simhash)
	fp, words := new(simhash.Hasher).SumString("café “quoted” " + fpProse)
	assert.Equal(t, fp.String(), lines[1].Simhash, "decoded from Windows-1252")
	assert.Equal(t, words, lines[1].Words)

	// Warnings that lose nothing leave the exit status at 0.
	r = runOverlap(t, "", "fingerprint", "cp.txt", "empty.txt", "punct.txt")
	assert.Equal(t, 0, r.code)
	assert.Equal(t, 3, strings.Count(r.stderr, "\n"))
	assert.Len(t, parseOutput(t, r.stdout), 3)
}

func TestFingerprintUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as moduleRoot: permissions do not bite; TestFingerprintBadInputs covers a missing path")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": fpProse, "secret.txt": fpProse})
	require.NoError(t, os.Chmod(filepath.Join(dir, "secret.txt"), 0))
	t.Chdir(dir)
	r := runOverlap(t, "", "fingerprint", ".")
	assert.Equal(t, 2, r.code)
	assert.Equal(t, "overlap: secret.txt: permission denied, skipped\n", r.stderr)
	assert.Equal(t, []string{"a.txt"}, outputIDs(parseOutput(t, r.stdout)))
}

func TestFingerprintSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"c/a.txt": fpProse, "c/sub/b.txt": fpProse + "b"})
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "c", "sub", "loop")))
	t.Chdir(dir)
	r := runOverlap(t, "", "fingerprint", "c")
	assert.Equal(t, 0, r.code, "a loop loses nothing")
	assert.Equal(t, "overlap: "+filepath.Join("c", "sub", "loop")+": symbolic link loop (leads back to c), not followed\n", r.stderr)
	assert.Equal(t, []string{"a.txt", "sub/b.txt"}, outputIDs(parseOutput(t, r.stdout)))
}

// TestFingerprintBOM checks that a UTF-8 byte order mark changes nothing:
// the tokenizer drops it as a format character.
func TestFingerprintBOM(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"bom.txt": "\uFEFF" + fpProse, "plain.txt": fpProse})
	r := runOverlap(t, "", "fingerprint", dir)
	require.Equal(t, 0, r.code)
	lines := parseOutput(t, r.stdout)
	require.Len(t, lines, 2)
	assert.Equal(t, lines[1].Simhash, lines[0].Simhash)
	assert.Equal(t, lines[1].Words, lines[0].Words)
}

func TestFingerprintJSONLErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.jsonl")
	writeFiles(t, dir, map[string]string{"bad.jsonl": strings.Join([]string{
		`{"id":"a","text":"` + fpProse + `"}`,
		`{"id":"b","text":"` + fpProse,
		`{"id":"c"}`,
		`{"id":"a","text":"again"}`,
		`{"id":"e","text":""}`,
		`{"id":"f","text":"` + fpProse + `"}`,
	}, "\n")})
	col := len(`{"id":"b","text":"`+fpProse) + 1 // just past the end of line 2
	t.Run("skip", func(t *testing.T) {
		r := runOverlap(t, "", "fingerprint", "--jsonl", path)
		assert.Equal(t, 2, r.code)
		assert.Equal(t, []string{"a", "e", "f"}, outputIDs(parseOutput(t, r.stdout)))
		assert.Equal(t, strings.Join([]string{
			fmt.Sprintf("overlap: %s:2: invalid JSON: unterminated string at column %d, line skipped", path, col),
			"overlap: " + path + `:3: no "text" member, line skipped`,
			"overlap: " + path + `:4: duplicate id "a" (first at ` + path + `:1), line skipped`,
			"overlap: " + path + `:5: empty text (id "e")`,
		}, "\n")+"\n", r.stderr)
	})
	t.Run("strict", func(t *testing.T) {
		r := runOverlap(t, "", "fingerprint", "--jsonl", "--strict", path)
		assert.Equal(t, 2, r.code)
		assert.Equal(t, []string{"a"}, outputIDs(parseOutput(t, r.stdout)))
		assert.Equal(t, fmt.Sprintf("overlap: %s:2: invalid JSON: unterminated string at column %d, stopped\n", path, col), r.stderr)
	})
}

// TestFingerprintOrder fingerprints many small documents on several
// workers: the output must follow the input, whatever the worker count.
func TestFingerprintOrder(t *testing.T) {
	var in strings.Builder
	words := strings.Fields(fpProse)
	const n = 10000
	for i := range n {
		fmt.Fprintf(&in, `{"id":"doc-%05d","text":"%s %s %s %d"}`+"\n", i, words[i%len(words)], words[(i/7)%len(words)], words[(i/3)%len(words)], i)
	}
	var first string
	for _, workers := range []string{"1", "2", "7"} {
		r := runOverlap(t, in.String(), "fingerprint", "--jsonl", "-", "--workers", workers)
		require.Equal(t, 0, r.code)
		lines := parseOutput(t, r.stdout)
		require.Len(t, lines, n)
		for i, l := range lines {
			require.Equal(t, fmt.Sprintf("doc-%05d", i), l.ID)
		}
		if first == "" {
			first = r.stdout
		}
		require.Equal(t, first, r.stdout, "workers=%s", workers)
	}
}

func TestFingerprintDeterministic(t *testing.T) {
	t.Chdir(moduleRoot)
	a := runOverlap(t, "", "fingerprint", "seeds", "testdata/jsonl/seeds.jsonl")
	b := runOverlap(t, "", "fingerprint", "seeds", "testdata/jsonl/seeds.jsonl")
	assert.Equal(t, a, b)
	assert.NotEmpty(t, a.stdout)
}

func TestFingerprintOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	require.NoError(t, os.WriteFile(out, []byte("old"), 0o600))
	r := runOverlap(t, "", "fingerprint", filepath.Join(moduleRoot, "seeds"), "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	want, err := os.ReadFile(goldenPath("fingerprint_seeds.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	fi, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "mode of the replaced file kept")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")

	// A new file; lost input still writes the rest.
	out2 := filepath.Join(dir, "new.jsonl")
	r = runOverlap(t, "", "fingerprint", "-o", out2, filepath.Join(dir, "missing"), filepath.Join(moduleRoot, "seeds"))
	assert.Equal(t, 2, r.code)
	got, err = os.ReadFile(out2)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))

	// A directory that does not exist.
	r = runOverlap(t, "", "fingerprint", "-o", filepath.Join(dir, "no", "such", "out.jsonl"), filepath.Join(moduleRoot, "seeds"))
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no such file or directory")
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"))
}

// TestFingerprintHugeLine fingerprints a 50 MB single-line file, as a file
// and as one JSONL line.
func TestFingerprintHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input")
	}
	if raceEnabled {
		t.Skip("50 MB under the race detector is too slow; the ordinary run covers it")
	}
	dir := t.TempDir()
	text := bytes.Repeat([]byte(fpProse), 50<<20/len(fpProse)+1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "huge.txt"), text, 0o644))
	var jl bytes.Buffer
	jl.WriteString(`{"id":"huge","text":"`)
	jl.Write(text)
	jl.WriteString("\"}\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "huge.jsonl"), jl.Bytes(), 0o644))

	r := runOverlap(t, "", "fingerprint", filepath.Join(dir, "huge.txt"))
	require.Equal(t, 0, r.code, r.stderr)
	lines := parseOutput(t, r.stdout)
	require.Len(t, lines, 1)
	fp, words := new(simhash.Hasher).Sum(text)
	assert.Equal(t, fp.String(), lines[0].Simhash)
	assert.Equal(t, words, lines[0].Words)

	r = runOverlap(t, "", "fingerprint", "--jsonl", filepath.Join(dir, "huge.jsonl"))
	require.Equal(t, 0, r.code, r.stderr)
	jlines := parseOutput(t, r.stdout)
	require.Len(t, jlines, 1)
	assert.Equal(t, lines[0].Simhash, jlines[0].Simhash)
	assert.Equal(t, lines[0].Words, jlines[0].Words)
}

// BenchmarkFingerprintJSONL measures overlap fingerprint --jsonl end to
// end (read, parse, hash on every CPU, format) on 2 KB documents.
func BenchmarkFingerprintJSONL(b *testing.B) {
	var in bytes.Buffer
	words := strings.Fields(fpProse + "café “quoted” it’s naïve — dash")
	for i := 0; in.Len() < 32<<20; i++ {
		var text strings.Builder
		for j := 0; text.Len() < 2000; j++ {
			text.WriteString(words[(i*7+j*j)%len(words)])
			text.WriteByte(' ')
		}
		line, err := json.Marshal(map[string]any{"id": i, "source": "bench", "text": text.String()})
		require.NoError(b, err)
		in.Write(line)
		in.WriteByte('\n')
	}
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	require.NoError(b, os.WriteFile(path, in.Bytes(), 0o644))
	b.SetBytes(int64(in.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"fingerprint", "--jsonl", path}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatal("exit status", code)
		}
	}
}
