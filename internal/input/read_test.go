package input

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// collected is what Read yields, in order.
type collected struct {
	docs   []*Doc
	errs   []*Error
	events []string // "doc ID" or "err MESSAGE", in order
}

func (c collected) ids() []string {
	var ids []string
	for _, d := range c.docs {
		ids = append(ids, d.ID)
	}
	return ids
}

func (c collected) messages() []string {
	var m []string
	for _, e := range c.errs {
		m = append(m, e.Error())
	}
	return m
}

func collect(t *testing.T, paths []string, opt Options) collected {
	t.Helper()
	var c collected
	for d, err := range Read(paths, opt) {
		if err != nil {
			require.Nil(t, d)
			var e *Error
			require.ErrorAs(t, err, &e)
			c.errs = append(c.errs, e)
			c.events = append(c.events, "err "+e.Error())
			continue
		}
		require.NotNil(t, d)
		c.docs = append(c.docs, d)
		c.events = append(c.events, "doc "+d.ID)
	}
	return c
}

// writeTree creates files (name → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

func gz(t testing.TB, s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, err := w.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.String()
}

func TestReadWalkOrderAndFilter(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"b.txt":          "b",
		"a.txt":          "a",
		"a/b.txt":        "a/b",
		"a/c.md":         "a/c",
		"a.b/x.txt":      "a.b/x",
		"A.TXT":          "upper",
		"a-z.txt":        "dash",
		"sub/deep/z.txt": "deep",
		"x.txt.gz":       gz(t, "gzipped"),
		"notes.rst":      "filtered out",
		"data.jsonl":     `{"id":"x","text":"filtered out"}`,
		"noext":          "filtered out",
		".hidden.txt":    "hidden",
		".git/x.txt":     "hidden dir",
		"a/.h/y.txt":     "hidden dir",
	})
	c := collect(t, []string{dir}, Options{})
	require.Empty(t, c.errs)
	want := []string{"A.TXT", "a-z.txt", "a.b/x.txt", "a.txt", "a/b.txt", "a/c.md", "b.txt", "sub/deep/z.txt", "x.txt.gz"}
	assert.Equal(t, want, c.ids())
	assert.True(t, slices.IsSorted(c.ids()), "byte order of the relative paths")
	for _, d := range c.docs {
		assert.Equal(t, filepath.Join(dir, filepath.FromSlash(d.ID)), d.Path)
		assert.Zero(t, d.Line)
		assert.Nil(t, d.Offsets)
	}
	assert.Equal(t, "gzipped", string(c.docs[len(c.docs)-1].Text))

	t.Run("every file", func(t *testing.T) {
		c := collect(t, []string{dir}, Options{AllFiles: true})
		assert.Equal(t, []string{"A.TXT", "a-z.txt", "a.b/x.txt", "a.txt", "a/b.txt", "a/c.md", "b.txt", "data.jsonl", "noext", "notes.rst", "sub/deep/z.txt", "x.txt.gz"}, c.ids())
	})
	t.Run("chosen extensions", func(t *testing.T) {
		exts, all := ParseExts("rst, md")
		require.False(t, all)
		c := collect(t, []string{dir}, Options{Exts: exts})
		assert.Equal(t, []string{"a/c.md", "notes.rst"}, c.ids())
	})
	t.Run("JSONL extensions", func(t *testing.T) {
		c := collect(t, []string{dir}, Options{JSONL: true})
		require.Empty(t, c.errs)
		assert.Equal(t, []string{"x"}, c.ids())
		assert.Equal(t, filepath.Join(dir, "data.jsonl"), c.docs[0].Path)
		assert.Equal(t, 1, c.docs[0].Line)
	})
}

func TestParseExts(t *testing.T) {
	for in, want := range map[string][]string{
		".txt,.md": {".txt", ".md"}, "txt, md ,": {".txt", ".md"}, "": {}, ".TXT": {".TXT"},
	} {
		got, all := ParseExts(in)
		assert.False(t, all)
		assert.Equal(t, want, got, in)
	}
	_, all := ParseExts("*")
	assert.True(t, all)
}

func TestReadIDs(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"d/x.txt": "x", "d/e/y.txt": "y", "f.rst": "f"})
	t.Chdir(dir)
	c := collect(t, []string{"d", "./d/x.txt", "d/", "f.rst"}, Options{})
	// d and d/ give the same ids: the second time they are duplicates.
	assert.Equal(t, []string{"e/y.txt", "x.txt", "./d/x.txt", "f.rst"}, c.ids())
	assert.Equal(t, filepath.FromSlash("d/e/y.txt"), c.docs[0].Path)
	assert.Equal(t, "./d/x.txt", c.docs[2].Path)
	assert.Equal(t, []string{
		`d/e/y.txt: duplicate id "e/y.txt" (first at d/e/y.txt), skipped`,
		`d/x.txt: duplicate id "x.txt" (first at d/x.txt), skipped`,
	}, c.messages())
	for _, e := range c.errs {
		assert.Equal(t, KindDuplicateID, e.Kind)
		assert.True(t, e.Skipped)
	}
}

func TestReadStdin(t *testing.T) {
	c := collect(t, []string{"-"}, Options{Stdin: strings.NewReader("from stdin")})
	require.Empty(t, c.errs)
	require.Len(t, c.docs, 1)
	assert.Equal(t, "-", c.docs[0].ID)
	assert.Equal(t, "-", c.docs[0].Path)
	assert.Equal(t, "from stdin", string(c.docs[0].Text))

	c = collect(t, []string{"-"}, Options{JSONL: true, Stdin: strings.NewReader("{\"id\":1,\"text\":\"a\"}\n{\"id\":\"1\",\"text\":\"b\"}\n")})
	assert.Equal(t, []string{"1"}, c.ids())
	assert.Equal(t, []string{`<stdin>:2: duplicate id "1" (first at <stdin>:1), line skipped`}, c.messages())
}

func TestReadBadFiles(t *testing.T) {
	dir := t.TempDir()
	binary := strings.Repeat("x", 512) + "\x00rest"
	writeTree(t, dir, map[string]string{
		"a.txt":     "good",
		"bin.txt":   binary,
		"late.txt":  strings.Repeat("y", binaryProbe) + "\x00 NUL after the probe",
		"cp.txt":    "caf\xe9 \x93quoted\x94",
		"empty.txt": "",
		"ws.txt":    " \n\t\uFEFF\n",
		"z.txt":     "last",
	})
	c := collect(t, []string{dir, filepath.Join(dir, "missing.txt")}, Options{})
	assert.Equal(t, []string{"a.txt", "cp.txt", "empty.txt", "late.txt", "ws.txt", "z.txt"}, c.ids())
	p := func(name string) string { return filepath.Join(dir, name) }
	assert.Equal(t, []string{
		"doc a.txt",
		"err " + p("bin.txt") + ": binary file (NUL byte at offset 512), skipped",
		"err " + p("cp.txt") + ": not valid UTF-8 (first invalid byte at offset 3), decoded as Windows-1252",
		"doc cp.txt",
		"err " + p("empty.txt") + ": empty file",
		"doc empty.txt",
		"doc late.txt",
		"err " + p("ws.txt") + ": empty file (only white space)",
		"doc ws.txt",
		"doc z.txt",
		"err " + p("missing.txt") + ": no such file or directory, skipped",
	}, c.events)
	kinds := map[Kind]bool{}
	for _, e := range c.errs {
		kinds[e.Kind] = e.Skipped
	}
	assert.Equal(t, map[Kind]bool{KindBinary: true, KindDecoded: false, KindEmpty: false, KindNotFound: true}, kinds)
	assert.ErrorIs(t, c.errs[len(c.errs)-1], fs.ErrNotExist)

	byID := map[string]*Doc{}
	for _, d := range c.docs {
		byID[d.ID] = d
	}
	cp := byID["cp.txt"]
	assert.Equal(t, "café “quoted”", string(cp.Text))
	require.NotNil(t, cp.Offsets)
	i := strings.Index(string(cp.Text), "quoted")
	assert.Equal(t, 6, cp.SourceOffset(i)) // "caf\xe9 \x93" is 6 bytes before "quoted"
	assert.True(t, byID["empty.txt"].Empty)
	assert.True(t, byID["ws.txt"].Empty)
	assert.False(t, byID["a.txt"].Empty)
	assert.Equal(t, 7, byID["a.txt"].SourceOffset(7), "identity without a map")
}

func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not bite (the missing-path case is in TestReadBadFiles)")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a", "secret.txt": "s", "locked/b.txt": "b"})
	require.NoError(t, os.Chmod(filepath.Join(dir, "secret.txt"), 0))
	require.NoError(t, os.Chmod(filepath.Join(dir, "locked"), 0))
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked"), 0o755) })
	c := collect(t, []string{dir}, Options{})
	assert.Equal(t, []string{"a.txt"}, c.ids())
	assert.Equal(t, []string{
		filepath.Join(dir, "locked") + ": permission denied, skipped",
		filepath.Join(dir, "secret.txt") + ": permission denied, skipped",
	}, c.messages())
}

func TestReadSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a", "sub/b.txt": "b", "other/c.txt": "c"})
	for link, target := range map[string]string{
		"sub/loop":     "..",          // back to the root
		"sub/up":       "../sub",      // back to its own directory
		"link.txt":     "a.txt",       // a file
		"other/to-sub": "../sub",      // a directory elsewhere: followed
		"gone.txt":     "nowhere.txt", // broken
		"self.txt":     "self.txt",    // a loop of one link
		"gone":         "nowhere",     // broken, but not a document name
	} {
		require.NoError(t, os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))))
	}
	done := make(chan collected)
	go func() { done <- collect(t, []string{dir}, Options{}) }()
	c := <-done
	assert.Equal(t, []string{"a.txt", "link.txt", "other/c.txt", "other/to-sub/b.txt", "sub/b.txt"}, c.ids())
	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	assert.ElementsMatch(t, []string{
		p("gone.txt") + ": no such file or directory, skipped",
		p("self.txt") + ": too many levels of symbolic links, skipped",
		p("other/to-sub/loop") + ": symbolic link loop (leads back to " + dir + "), not followed",
		p("other/to-sub/up") + ": symbolic link loop (leads back to " + p("other/to-sub") + "), not followed",
		p("sub/loop") + ": symbolic link loop (leads back to " + dir + "), not followed",
		p("sub/up") + ": symbolic link loop (leads back to " + p("sub") + "), not followed",
	}, c.messages())
	for _, e := range c.errs {
		if strings.Contains(e.Msg, "loop") {
			assert.Equal(t, KindSymlinkLoop, e.Kind)
		}
	}
}

func TestReadStrict(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a", "b.txt": "", "c.txt": "c\x00", "d.txt": "d"})
	c := collect(t, []string{dir}, Options{Strict: true})
	// The empty file is a warning only; the binary one stops reading.
	assert.Equal(t, []string{"a.txt", "b.txt"}, c.ids())
	require.Len(t, c.errs, 2)
	assert.True(t, c.errs[1].Stopped)
	assert.Equal(t, filepath.Join(dir, "c.txt")+": binary file (NUL byte at offset 1), stopped", c.errs[1].Error())
}

func TestReadBreak(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a", "b.txt": "b", "c.txt": "c"})
	n := 0
	for range Read([]string{dir}, Options{}) {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestReadGzipErrors(t *testing.T) {
	dir := t.TempDir()
	whole := gz(t, "some text that is long enough to be cut in the middle of its compressed form")
	writeTree(t, dir, map[string]string{
		"cut.txt":    whole[:len(whole)-6],
		"header.txt": "\x1f\x8b\x00garbage",
	})
	c := collect(t, []string{filepath.Join(dir, "cut.txt"), filepath.Join(dir, "header.txt")}, Options{})
	assert.Empty(t, c.docs)
	assert.Equal(t, []string{
		filepath.Join(dir, "cut.txt") + ": gzip: truncated file, skipped",
		filepath.Join(dir, "header.txt") + ": gzip: invalid header, skipped",
	}, c.messages())
}

func TestReadJSONL(t *testing.T) {
	dir := t.TempDir()
	content := "\uFEFF{\"id\":\"a\",\"text\":\"first\"}\r\n" +
		"\r\n" +
		"   \n" +
		"{\"text\":\"numeric id\",\"id\":42}\n" +
		"{\"id\":\"c\",\"text\":\"no newline at the end\"}"
	writeTree(t, dir, map[string]string{
		"plain.jsonl":    content,
		"zipped.jsonl":   gz(t, strings.NewReplacer(`"a"`, `"za"`, `42`, `43`, `"c"`, `"zc"`).Replace(content)),
		"renamed.ndjson": `{"doc":"r","body":"renamed","id":"ignored"}`,
	})
	c := collect(t, []string{filepath.Join(dir, "plain.jsonl"), filepath.Join(dir, "zipped.jsonl")}, Options{JSONL: true})
	require.Empty(t, c.errs)
	assert.Equal(t, []string{"a", "42", "c", "za", "43", "zc"}, c.ids())
	var lines []int
	for _, d := range c.docs {
		lines = append(lines, d.Line)
	}
	assert.Equal(t, []int{1, 4, 5, 1, 4, 5}, lines)
	assert.Equal(t, "first", string(c.docs[0].Text))
	assert.Equal(t, "no newline at the end", string(c.docs[2].Text))
	assert.Equal(t, "no newline at the end", string(c.docs[5].Text))
	assert.Equal(t, filepath.Join(dir, "zipped.jsonl"), c.docs[5].Path)

	c = collect(t, []string{filepath.Join(dir, "renamed.ndjson")}, Options{JSONL: true, IDField: "doc", TextField: "body"})
	require.Empty(t, c.errs)
	assert.Equal(t, []string{"r"}, c.ids())
	assert.Equal(t, "renamed", string(c.docs[0].Text))
}

func TestReadJSONLGzipByMagic(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"data.jsonl": gz(t, `{"id":"g","text":"compressed"}`+"\n")})
	c := collect(t, []string{filepath.Join(dir, "data.jsonl")}, Options{JSONL: true})
	require.Empty(t, c.errs)
	assert.Equal(t, []string{"g"}, c.ids())
	assert.Equal(t, "compressed", string(c.docs[0].Text))
}

func TestReadJSONLErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.jsonl")
	lines := []string{
		`{"id":"ok1","text":"fine"}`,
		`{"id":"x","text":"unterminated}`,
		`{"id":"y"}`,
		`{"text":"no id"}`,
		`{"id":["a"],"text":"array id"}`,
		`{"id":"z","text":7}`,
		`[1,2]`,
		`{"id":"ok1","text":"again"}`,
		`{"id":"","text":"empty id"}`,
		`{"id":"e","text":"  "}`,
		`{"id":"ok2","text":"fine"} trailing`,
		`{"id":"ok3","text":"fine"}`,
	}
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	wantMsgs := []string{
		path + `:2: invalid JSON: unterminated string at column 32, line skipped`,
		path + `:3: no "text" member, line skipped`,
		path + `:4: no "id" member, line skipped`,
		path + `:5: "id" is an array, want a string or a number, line skipped`,
		path + `:6: "text" is a number, want a string, line skipped`,
		path + `:7: line is an array, not a JSON object, line skipped`,
		path + `:8: duplicate id "ok1" (first at ` + path + `:1), line skipped`,
		path + `:9: empty "id", line skipped`,
		path + `:10: empty text (id "e")`,
		path + `:11: invalid JSON: unexpected 't' after the JSON value at column 28, line skipped`,
	}
	wantKinds := []Kind{KindSyntax, KindMissingField, KindMissingField, KindWrongType, KindWrongType, KindWrongType, KindDuplicateID, KindMissingField, KindEmpty, KindSyntax}

	t.Run("skip", func(t *testing.T) {
		c := collect(t, []string{path}, Options{JSONL: true})
		assert.Equal(t, []string{"ok1", "e", "ok3"}, c.ids())
		assert.Equal(t, wantMsgs, c.messages())
		for i, e := range c.errs {
			assert.Equal(t, wantKinds[i], e.Kind, e.Error())
			assert.Equal(t, e.Kind != KindEmpty, e.Skipped, e.Error())
			assert.Equal(t, path, e.Path)
		}
		assert.True(t, c.docs[1].Empty)
		var se *SyntaxError
		assert.ErrorAs(t, c.errs[0], &se)
	})
	t.Run("stop", func(t *testing.T) {
		c := collect(t, []string{path, path}, Options{JSONL: true, Strict: true})
		assert.Equal(t, []string{"ok1"}, c.ids())
		assert.Equal(t, []string{path + `:2: invalid JSON: unterminated string at column 32, stopped`}, c.messages())
		assert.True(t, c.errs[0].Stopped)
	})
}

func TestReadJSONLReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("{\"id\":\"a\",\"text\":\"t\"}\n{\"id\":\"b\""), iotest.ErrReader(errors.New("disk on fire")))
	c := collect(t, []string{"-"}, Options{JSONL: true, Stdin: r})
	assert.Equal(t, []string{"a"}, c.ids())
	assert.Equal(t, []string{"<stdin>:2: disk on fire, rest of file skipped"}, c.messages())

	var many strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&many, "{\"id\":%d,\"text\":\"text number %d\"}\n", i, i*i)
	}
	whole := gz(t, many.String())
	c = collect(t, []string{"-"}, Options{JSONL: true, Stdin: strings.NewReader(whole[:len(whole)/2])})
	require.Len(t, c.errs, 1)
	assert.NotEmpty(t, c.ids())
	assert.Equal(t, KindUnreadable, c.errs[0].Kind)
	assert.Equal(t, fmt.Sprintf("<stdin>:%d: gzip: truncated file, rest of file skipped", len(c.docs)+1), c.errs[0].Error())
}

func TestLineReader(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	// makeData joins random lines, with some around and well past the
	// buffer size when big is set.
	makeData := func(big bool) ([]string, string) {
		var lines []string
		for i := range 300 {
			n := r.IntN(100)
			switch {
			case i%50 == 9:
				n = 0
			case big && i%100 == 7:
				n = lineChunk - 1 + r.IntN(3)
			case big && i%100 == 8:
				n = 3*lineChunk + r.IntN(100)
			}
			lines = append(lines, strings.Repeat(string(rune('a'+i%26)), n))
		}
		return lines, strings.Join(lines, "\n")
	}
	bigLines, bigData := makeData(true)
	smallLines, smallData := makeData(false)
	for _, tc := range []struct {
		name  string
		lines []string
		src   io.Reader
	}{
		{"whole", bigLines, strings.NewReader(bigData)},
		{"half", bigLines, iotest.HalfReader(strings.NewReader(bigData))},
		{"final newline", bigLines, strings.NewReader(bigData + "\n")},
		{"one byte", smallLines, iotest.OneByteReader(strings.NewReader(smallData))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lr := lineReader{r: tc.src}
			var got []string
			for {
				line, err := lr.next()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				got = append(got, string(line))
			}
			require.Equal(t, len(tc.lines), len(got))
			for i := range tc.lines {
				require.Equal(t, tc.lines[i], got[i], "line %d", i)
			}
		})
	}
}

// TestReadHugeLine reads a 50 MB single-line file and a 50 MB JSONL line.
func TestReadHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB inputs")
	}
	if raceEnabled {
		t.Skip("50 MB under the race detector is too slow; the ordinary run covers it")
	}
	dir := t.TempDir()
	words := []byte("lorem ipsum dolor sit amet consectetur “adipiscing” elit ")
	text := bytes.Repeat(words, 50<<20/len(words)+1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "huge.txt"), text, 0o644))
	var jl bytes.Buffer
	jl.WriteString(`{"id":"small","text":"before"}` + "\n")
	jl.WriteString(`{"id":"huge","text":"`)
	jl.Write(bytes.ReplaceAll(text, []byte("“"), []byte(`\u201c`)))
	jl.WriteString("\"}\n")
	jl.WriteString(`{"id":"after","text":"after"}` + "\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "huge.jsonl"), jl.Bytes(), 0o644))

	c := collect(t, []string{filepath.Join(dir, "huge.txt")}, Options{})
	require.Empty(t, c.errs)
	require.Len(t, c.docs, 1)
	assert.True(t, bytes.Equal(text, c.docs[0].Text))

	c = collect(t, []string{filepath.Join(dir, "huge.jsonl")}, Options{JSONL: true})
	require.Empty(t, c.errs)
	assert.Equal(t, []string{"small", "huge", "after"}, c.ids())
	assert.True(t, bytes.Equal(text, c.docs[1].Text))
	assert.Equal(t, 3, c.docs[2].Line)
}

func TestErrorText(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{Path: "essays/b.txt", Kind: KindBinary, Skipped: true, Msg: "binary file (NUL byte at offset 512)"}, "essays/b.txt: binary file (NUL byte at offset 512), skipped"},
		{Error{Path: "c.jsonl", Line: 17, Kind: KindSyntax, Skipped: true, Msg: "invalid JSON"}, "c.jsonl:17: invalid JSON, line skipped"},
		{Error{Path: "-", Line: 2, Kind: KindSyntax, Skipped: true, Stopped: true, Msg: "invalid JSON"}, "<stdin>:2: invalid JSON, stopped"},
		{Error{Path: "a.txt", Kind: KindEmpty, Msg: "empty file"}, "a.txt: empty file"},
	} {
		assert.Equal(t, tc.want, tc.e.Error())
	}
	assert.Equal(t, `"a\nb.txt": empty file`, (&Error{Path: "a\nb.txt", Kind: KindEmpty, Msg: "empty file"}).Error())
	assert.Equal(t, "binary", KindBinary.String())
	assert.Equal(t, "Kind(99)", Kind(99).String())
	assert.Equal(t, "an object", TypeObject.String())
}

func ExampleRead() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("second"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("first"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte("bin\x00ary"), 0o644)
	for doc, err := range Read([]string{dir}, Options{}) {
		if err != nil {
			fmt.Println("warning:", strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)))
			continue
		}
		fmt.Printf("%s: %s\n", doc.ID, doc.Text)
	}
	// Output:
	// a.md: first
	// b.txt: second
	// warning: c.txt: binary file (NUL byte at offset 3), skipped
}

// BenchmarkReadJSONL measures streaming JSONL: reading, splitting lines,
// parsing and the duplicate-id check, on one goroutine.
func BenchmarkReadJSONL(b *testing.B) {
	var data bytes.Buffer
	for data.Len() < 32<<20 {
		for _, l := range benchLines(b) {
			data.Write(l[:len(l)-1])
			fmt.Fprintf(&data, ",\"n\":%d}\n", data.Len()) // unique ids: see below
		}
	}
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	require.NoError(b, os.WriteFile(path, data.Bytes(), 0o644))
	b.SetBytes(int64(data.Len()))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		// benchLines repeats ids; name "n" the id field to keep them unique.
		for d, err := range Read([]string{path}, Options{JSONL: true, IDField: "n"}) {
			if err != nil {
				b.Fatal(err)
			}
			n += len(d.Text)
		}
	}
}
