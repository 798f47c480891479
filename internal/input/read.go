package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultExts are the extensions a directory walk takes by default.
var DefaultExts = []string{".txt", ".md"}

// DefaultJSONLExts are the extensions a directory walk takes by default in
// JSONL mode.
var DefaultJSONLExts = []string{".jsonl", ".ndjson"}

// binaryProbe is how much of a file is searched for a NUL byte, as git and
// GNU grep do, to decide that it is binary.
const binaryProbe = 8 << 10

// Options control how [Read] finds and reads inputs. The zero value reads
// text files and walks directories for DefaultExts.
type Options struct {
	// JSONL makes every file (and standard input) JSON Lines: one
	// document per line, {"id": ..., "text": ...}.
	JSONL bool
	// IDField and TextField name the members holding a JSONL document's
	// id and text; empty means "id" and "text".
	IDField, TextField string
	// Exts lists the extensions, with their dot, that a directory walk
	// takes (matched without regard to case, after removing a ".gz"
	// suffix, so ".txt" takes "A.TXT.gz"). Nil means DefaultExts, or
	// DefaultJSONLExts in JSONL mode. A file named as an argument is read
	// whatever its extension.
	Exts []string
	// AllFiles makes a directory walk take every regular file.
	AllFiles bool
	// Strict stops reading at the first problem that loses a document,
	// instead of skipping what cannot be read and going on.
	Strict bool
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
}

// Doc is one document.
type Doc struct {
	// ID names the document: the path below the directory argument with
	// forward slashes, the path exactly as given for a file argument, "-"
	// for standard input, or the id member of a JSONL line (a string, or
	// a number's literal text).
	ID string
	// Text is the document as UTF-8. It shares no bytes with anything else
	// Read returns or keeps, so it may be kept and modified in place.
	Text []byte
	// Path is the file the document came from: a path argument, or a
	// directory argument joined with the path below it; "-" for standard
	// input.
	Path string
	// Line is the 1-based line of a JSONL document, 0 for a whole file.
	Line int
	// Empty reports a document of nothing but white space. Read has
	// already warned about it; the caller decides whether to keep it.
	Empty bool
	// Offsets maps offsets in Text to offsets in the file as read
	// (decompressed) when the file was decoded from Windows-1252; nil when
	// Text is the file as read. JSONL texts are the decoded string values
	// and have no map.
	Offsets *OffsetMap
	// Size is the number of bytes of input the document was read from, as
	// read (after gzip): its whole file, or its JSONL line with the line
	// end. Progress and throughput are counted in it.
	Size int
}

// SourceOffset converts a byte offset in d.Text to a byte offset in the
// file as read. For JSONL documents it is the identity.
func (d *Doc) SourceOffset(off int) int { return d.Offsets.Source(off) }

// Read reads the documents named by paths, in order: files, directories
// (walked recursively in byte order of their slash-separated relative
// paths, taking regular files with the wanted extensions and skipping
// names that start with "."; symbolic links are followed, loops are
// detected and reported) and "-" for standard input. Gzip-compressed
// files are decompressed, whatever their name.
//
// It yields each document with a nil error, and each problem as a nil
// document and an *[Error]. A problem that loses nothing (a decoded or
// empty document) comes just before the document it is about. With
// Options.Strict, reading stops after the first problem that skips
// something. Breaking out of the loop stops reading and closes the files.
//
// A file is read whole; a JSONL file is streamed line by line, with no limit
// on the length of a line.
func Read(paths []string, opt Options) iter.Seq2[*Doc, error] {
	return func(yield func(*Doc, error) bool) {
		r := &reader{opt: opt, yield: yield, seen: make(map[string]origin)}
		if r.opt.IDField == "" {
			r.opt.IDField = "id"
		}
		if r.opt.TextField == "" {
			r.opt.TextField = "text"
		}
		if r.opt.Stdin == nil {
			r.opt.Stdin = os.Stdin
		}
		exts := opt.Exts
		if exts == nil {
			exts = DefaultExts
			if opt.JSONL {
				exts = DefaultJSONLExts
			}
		}
		for _, e := range exts {
			r.exts = append(r.exts, strings.ToLower(e))
		}
		for _, p := range paths {
			if !r.path(p) {
				return
			}
		}
	}
}

// ParseExts parses a comma-separated list of extensions such as
// ".txt,.md" or "txt, md" for Options.Exts; "*" means every file.
func ParseExts(list string) (exts []string, all bool) {
	exts = []string{}
	for e := range strings.SplitSeq(list, ",") {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
			continue
		case e == "*":
			return nil, true
		case !strings.HasPrefix(e, "."):
			e = "." + e
		}
		exts = append(exts, e)
	}
	return exts, false
}

// origin is where an id was first used.
type origin struct {
	file int32 // index in reader.files
	line int32
}

type reader struct {
	opt   Options
	exts  []string
	yield func(*Doc, error) bool
	seen  map[string]origin
	files []string
}

// problem reports e and tells whether to go on.
func (r *reader) problem(e *Error) bool {
	if r.opt.Strict && e.Skipped {
		e.Stopped = true
		r.yield(nil, e)
		return false
	}
	return r.yield(nil, e)
}

// dup returns the problem with d's id if it was used before, and otherwise
// records it.
func (r *reader) dup(d *Doc) *Error {
	if o, dup := r.seen[d.ID]; dup {
		where := DisplayPath(r.files[o.file])
		if o.line > 0 {
			where = fmt.Sprintf("%s:%d", where, o.line)
		}
		return errorf(d.Path, d.Line, KindDuplicateID, true, "duplicate id %s (first at %s)", quoteID(d.ID), where)
	}
	if len(r.files) == 0 || r.files[len(r.files)-1] != d.Path {
		r.files = append(r.files, d.Path)
	}
	r.seen[d.ID] = origin{file: int32(len(r.files) - 1), line: int32(min(d.Line, 1<<31-1))}
	return nil
}

func quoteID(id string) string {
	const max = 60
	if len(id) > max {
		return fmt.Sprintf("%q…", id[:max])
	}
	return fmt.Sprintf("%q", id)
}

// path reads one argument.
func (r *reader) path(p string) bool {
	if p == "-" {
		return r.read(p, p, r.opt.Stdin, -1)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.problem(osError(p, err))
	}
	if fi.IsDir() {
		return r.walk(p, "", []fs.FileInfo{fi})
	}
	return r.file(p, p)
}

// walk reads the directory root/rel; ancestors are the directories being
// walked, outermost first, for loop detection.
func (r *reader) walk(root, rel string, ancestors []fs.FileInfo) bool {
	dir := joinPath(root, rel)
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !r.problem(osError(dir, err)) {
			return false
		}
	}
	type entry struct {
		name, key string
		dir       bool
		info      fs.FileInfo // followed through symbolic links; nil if not needed
	}
	list := make([]entry, 0, len(entries))
	for _, de := range entries {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		typ := de.Type()
		var info fs.FileInfo
		if typ&fs.ModeSymlink != 0 {
			info, err = os.Stat(joinPath(dir, name))
			if err != nil {
				// Broken or self-referring: report it only if it could
				// have been a document.
				if r.wants(name) && !r.problem(osError(joinPath(dir, name), err)) {
					return false
				}
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			list = append(list, entry{name: name, key: name + "/", dir: true, info: info})
		case typ.IsRegular() && r.wants(name):
			list = append(list, entry{name: name, key: name})
		}
	}
	// Sorting names, with "/" after those of directories, gives the byte
	// order of the whole relative paths.
	slices.SortFunc(list, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	for _, e := range list {
		sub := e.name
		if rel != "" {
			sub = rel + "/" + e.name
		}
		if !e.dir {
			if !r.file(joinPath(root, sub), sub) {
				return false
			}
			continue
		}
		info := e.info
		if info == nil {
			if info, err = os.Stat(joinPath(root, sub)); err != nil {
				if !r.problem(osError(joinPath(root, sub), err)) {
					return false
				}
				continue
			}
		}
		if i := slices.IndexFunc(ancestors, func(a fs.FileInfo) bool { return os.SameFile(a, info) }); i >= 0 {
			back := root
			if i > 0 {
				back = joinPath(root, strings.Join(strings.Split(sub, "/")[:i], "/"))
			}
			e := errorf(joinPath(root, sub), 0, KindSymlinkLoop, false, "symbolic link loop (leads back to %s), not followed", back)
			if !r.problem(e) {
				return false
			}
			continue
		}
		if !r.walk(root, sub, append(ancestors[:len(ancestors):len(ancestors)], info)) {
			return false
		}
	}
	return true
}

// joinPath joins a path argument and a slash-separated path below it,
// keeping the argument as the user wrote it, except that "." adds nothing.
func joinPath(root, rel string) string {
	if rel == "" {
		return root
	}
	rel = filepath.FromSlash(rel)
	if root == "." {
		return rel
	}
	if strings.HasSuffix(root, string(filepath.Separator)) || strings.HasSuffix(root, "/") {
		return root + rel
	}
	return root + string(filepath.Separator) + rel
}

// wants reports whether a directory walk takes a file of this name.
func (r *reader) wants(name string) bool {
	if r.opt.AllFiles {
		return true
	}
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	ext := filepath.Ext(name)
	return ext != "" && slices.Contains(r.exts, ext)
}

// file opens and reads one file; id is used for whole-file documents.
func (r *reader) file(path, id string) bool {
	f, err := os.Open(path)
	if err != nil {
		return r.problem(osError(path, err))
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return r.read(path, id, f, size)
}

var gzipMagic = []byte{0x1f, 0x8b}

// read reads one file or standard input; size is its size if known, or -1.
func (r *reader) read(path, id string, f io.Reader, size int64) bool {
	br := bufio.NewReaderSize(f, 64<<10)
	var src io.Reader = br
	magic, _ := br.Peek(2)
	gz := bytes.Equal(magic, gzipMagic)
	if gz {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.problem(readError(path, 0, gz, err))
		}
		defer zr.Close()
		src, size = zr, -1
	}
	if r.opt.JSONL {
		return r.jsonl(path, src, gz)
	}
	data, err := readAll(src, size)
	if err != nil {
		return r.problem(readError(path, 0, gz, err))
	}
	if i := bytes.IndexByte(data[:min(len(data), binaryProbe)], 0); i >= 0 {
		return r.problem(errorf(path, 0, KindBinary, true, "binary file (NUL byte at offset %d)", i))
	}
	d := &Doc{ID: id, Path: path, Size: len(data)}
	if e := r.dup(d); e != nil {
		return r.problem(e)
	}
	var bad int
	d.Text, d.Offsets, bad = Decode(data)
	if bad >= 0 && !r.problem(errorf(path, 0, KindDecoded, false, "not valid UTF-8 (first invalid byte at offset %d), decoded as Windows-1252", bad)) {
		return false
	}
	if isBlank(d.Text) {
		d.Empty = true
		what := "empty file"
		if len(d.Text) > 0 {
			what = "empty file (only white space)"
		}
		if !r.problem(errorf(path, 0, KindEmpty, false, "%s", what)) {
			return false
		}
	}
	return r.yield(d, nil)
}

// readError describes an error reading path (at a JSONL line, or 0).
func readError(path string, line int, gz bool, err error) *Error {
	e := osError(path, err)
	e.Line = line
	if gz && !errors.As(err, new(*fs.PathError)) {
		e.Msg = "gzip: " + strings.TrimPrefix(err.Error(), "gzip: ")
	}
	if err == io.ErrUnexpectedEOF {
		e.Msg = "truncated file"
		if gz {
			e.Msg = "gzip: truncated file"
		}
	}
	return e
}

// readAll reads r to the end, in one allocation when size is right.
func readAll(r io.Reader, size int64) ([]byte, error) {
	if size < 0 || size > 1<<40 {
		size = 0
	}
	b := make([]byte, 0, size+1) // +1: see EOF without growing
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = slices.Grow(b, max(len(b), 64<<10))
		}
	}
}

// jsonl reads one JSONL stream.
func (r *reader) jsonl(path string, src io.Reader, gz bool) bool {
	lr := lineReader{r: src}
	for lineNo := 1; ; lineNo++ {
		line, err := lr.next()
		if err != nil {
			if err == io.EOF {
				return true
			}
			e := readError(path, lineNo, gz, err)
			e.skipped = "rest of file skipped"
			return r.problem(e)
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if blankLine(line) {
			continue
		}
		f, err := ParseLine(line, r.opt.IDField, r.opt.TextField)
		if err != nil {
			kind, msg := KindSyntax, "invalid JSON: "+err.Error()
			if errors.Is(err, ErrNotObject) {
				kind, msg = KindWrongType, err.Error()
			}
			e := &Error{Path: path, Line: lineNo, Kind: kind, Skipped: true, Msg: msg, Err: err}
			if !r.problem(e) {
				return false
			}
			continue
		}
		if e := r.checkFields(path, lineNo, &f); e != nil {
			if !r.problem(e) {
				return false
			}
			continue
		}
		d := &Doc{ID: string(f.ID), Text: f.Text, Path: path, Line: lineNo, Size: len(line)}
		if e := r.dup(d); e != nil {
			if !r.problem(e) {
				return false
			}
			continue
		}
		if isBlank(d.Text) {
			d.Empty = true
			if !r.problem(errorf(path, lineNo, KindEmpty, false, "empty text (id %s)", quoteID(d.ID))) {
				return false
			}
		}
		if !r.yield(d, nil) {
			return false
		}
	}
}

func (r *reader) checkFields(path string, line int, f *Fields) *Error {
	if kind, msg := f.Check(r.opt.IDField, r.opt.TextField); msg != "" {
		return errorf(path, line, kind, true, "%s", msg)
	}
	return nil
}

// Check applies the rule for the members of a JSONL line that ParseLine
// read with these field names: an id that is a non-empty string or a
// number, and a text that is a string. It returns the problem's kind and
// message, or an empty message when the line is a document. Every reader
// of JSONL (the CLI's, the Beam pipeline's) applies it, so that they skip
// the same lines with the same words.
func (f *Fields) Check(idField, textField string) (Kind, string) {
	switch {
	case f.IDType == TypeNone:
		return KindMissingField, fmt.Sprintf("no %q member", idField)
	case f.IDType != TypeString && f.IDType != TypeNumber:
		return KindWrongType, fmt.Sprintf("%q is %s, want a string or a number", idField, f.IDType)
	case len(f.ID) == 0:
		return KindMissingField, fmt.Sprintf("empty %q", idField)
	case f.TextType == TypeNone:
		return KindMissingField, fmt.Sprintf("no %q member", textField)
	case f.TextType != TypeString:
		return KindWrongType, fmt.Sprintf("%q is %s, want a string", textField, f.TextType)
	}
	return 0, ""
}

// blankLine reports a line of JSON white space only.
func blankLine(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// lineChunk is the size of the buffers lines are cut from.
const lineChunk = 1 << 20

// lineReader splits a stream into lines without a length limit. Each line
// is a slice of a buffer that is never reused, so lines (and anything
// parsed from them in place) may be kept; a buffer is shared by the lines
// cut from it, which makes the cost about one allocation per MiB.
type lineReader struct {
	r          io.Reader
	buf        []byte
	start, end int // unread data is buf[start:end]
	scanned    int // buf[start:scanned] holds no newline
	err        error
}

// next returns the next line without its "\n", or io.EOF at the end; a
// last line without a newline is returned too. A read error other than EOF
// loses the partial line.
func (lr *lineReader) next() ([]byte, error) {
	for {
		if i := bytes.IndexByte(lr.buf[lr.scanned:lr.end], '\n'); i >= 0 {
			nl := lr.scanned + i
			line := lr.buf[lr.start:nl:nl]
			lr.start, lr.scanned = nl+1, nl+1
			return line, nil
		}
		lr.scanned = lr.end
		if lr.err != nil {
			if lr.err == io.EOF && lr.start < lr.end {
				line := lr.buf[lr.start:lr.end:lr.end]
				lr.start = lr.end
				return line, nil
			}
			return nil, lr.err
		}
		if lr.end == len(lr.buf) {
			// Move the partial line to a new buffer, at least twice its
			// size so that a long line costs amortised linear time.
			n := lr.end - lr.start
			nb := make([]byte, max(lineChunk, 2*n))
			copy(nb, lr.buf[lr.start:lr.end])
			lr.buf, lr.start, lr.end, lr.scanned = nb, 0, n, n
		}
		m, err := lr.r.Read(lr.buf[lr.end:])
		lr.end += m
		if err != nil {
			lr.err = err
		}
	}
}
