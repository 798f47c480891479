package dedup

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/sdf"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/rtrackers/offsetrange"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Line is one line of a JSONL input, without its "\n", and its position.
type Line struct {
	Pos  int64
	Text []byte
}

// File is one input file, numbered in input order.
type File struct {
	Index int
	Path  string
	Size  int64
	// Gzip is decided from the first two bytes, as `overlap dedup` does,
	// whatever the file's name.
	Gzip bool
}

func init() {
	beam.RegisterType(reflect.TypeFor[Line]())
	beam.RegisterType(reflect.TypeFor[File]())
	register.DoFn3x1[context.Context, []byte, func(File), error](&listFilesFn{})
	register.Emitter1[File]()
	register.DoFn4x1[context.Context, *sdf.LockRTracker, File, func(Line), error](&readLinesFn{})
	register.Emitter1[Line]()
}

// ReadJSONL returns the lines of the files matching patterns (paths or
// globs on any Beam filesystem), each with its position: file number in
// the order of patterns, then of the sorted matches of a glob, and byte
// offset in the file. textio.Read cannot be used: it gives lines without
// their position, and the cluster label is the document first in input
// order. Like textio, a large file is read in 64 MiB splits by several
// workers; a gzip-compressed file is read whole by one.
func ReadJSONL(s beam.Scope, patterns []string) beam.PCollection {
	s = s.Scope("dedup.ReadJSONL")
	for _, p := range patterns {
		filesystem.ValidateScheme(p)
	}
	files := beam.ParDo(s, &listFilesFn{Patterns: slices.Clone(patterns)}, beam.Impulse(s))
	return beam.ParDo(s, &readLinesFn{}, files)
}

// listFilesFn numbers the input files. It runs once, on the impulse, so
// that the numbering is the same whichever worker runs it.
type listFilesFn struct {
	Patterns []string `json:"patterns"`
}

func (fn *listFilesFn) ProcessElement(ctx context.Context, _ []byte, emit func(File)) error {
	n := 0
	for _, p := range fn.Patterns {
		matches, err := listFiles(ctx, p)
		if err != nil {
			return err
		}
		for _, f := range matches {
			if n >= maxFiles {
				return fmt.Errorf("dedup: more than %d input files", maxFiles)
			}
			f.Index = n
			log.Infof(ctx, "input file %d is %s (%d bytes)", n, f.Path, f.Size)
			emit(f)
			n++
		}
	}
	return nil
}

func listFiles(ctx context.Context, pattern string) ([]File, error) {
	fs, err := filesystem.New(ctx, pattern)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	paths, err := fs.List(ctx, pattern)
	if err != nil {
		return nil, fmt.Errorf("dedup: listing %s: %w", pattern, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("dedup: no file matches %s", pattern)
	}
	slices.Sort(paths)
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		size, err := fs.Size(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("dedup: %s: %w", p, err)
		}
		gz, err := isGzip(ctx, fs, p)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: p, Size: size, Gzip: gz})
	}
	return files, nil
}

var gzipMagic = []byte{0x1f, 0x8b}

func isGzip(ctx context.Context, fs filesystem.Interface, path string) (bool, error) {
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return false, fmt.Errorf("dedup: %s: %w", path, err)
	}
	defer r.Close()
	var magic [2]byte
	n, err := io.ReadFull(r, magic[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return false, fmt.Errorf("dedup: %s: %w", path, err)
	}
	return bytes.Equal(magic[:n], gzipMagic), nil
}

// splitSize is the size of the pieces a file is first split into, as
// textio's.
const splitSize = 64 << 20

// readLinesFn is a splittable DoFn over the byte offsets of a file: it
// emits the lines that start in its restriction, as textio's reader does.
// A gzip stream cannot be entered in the middle, so a gzip file's
// restriction is the single offset 0, which reads it all.
type readLinesFn struct{}

func (fn *readLinesFn) CreateInitialRestriction(f File) offsetrange.Restriction {
	if f.Gzip {
		return offsetrange.Restriction{Start: 0, End: 1}
	}
	return offsetrange.Restriction{Start: 0, End: f.Size}
}

func (fn *readLinesFn) SplitRestriction(f File, rest offsetrange.Restriction) []offsetrange.Restriction {
	if f.Gzip {
		return []offsetrange.Restriction{rest}
	}
	return rest.SizedSplits(splitSize)
}

func (fn *readLinesFn) RestrictionSize(f File, rest offsetrange.Restriction) float64 {
	if f.Gzip {
		return float64(f.Size)
	}
	return rest.Size()
}

func (fn *readLinesFn) CreateTracker(rest offsetrange.Restriction) *sdf.LockRTracker {
	return sdf.NewLockRTracker(offsetrange.NewTracker(rest))
}

func (fn *readLinesFn) ProcessElement(ctx context.Context, rt *sdf.LockRTracker, f File, emit func(Line)) error {
	rest := rt.GetRestriction().(offsetrange.Restriction)
	fs, err := filesystem.New(ctx, f.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, f.Path)
	if err != nil {
		return fmt.Errorf("dedup: %s: %w", f.Path, err)
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<20)
	src := br
	off := rest.Start
	if f.Gzip {
		if rest.Start > 0 || !rt.TryClaim(int64(0)) {
			return nil
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("dedup: %s: gzip: %w", f.Path, err)
		}
		defer zr.Close()
		_, err = readLines(bufio.NewReaderSize(zr, 1<<20), f, 0, func(int64) bool { return true }, emit)
		return err
	}
	if off > 0 {
		// A line belongs to the split it starts in: skip the end of the
		// line that the previous split is reading.
		if _, err := src.Discard(int(off - 1)); err != nil {
			return fmt.Errorf("dedup: %s: reading at offset %d: %w", f.Path, off-1, err)
		}
		skipped, err := src.ReadSlice('\n')
		for errors.Is(err, bufio.ErrBufferFull) {
			off += int64(len(skipped))
			skipped, err = src.ReadSlice('\n')
		}
		off += int64(len(skipped)) - 1
		if err == io.EOF {
			rt.TryClaim(rest.End) // no line starts in this split
			return nil
		}
		if err != nil {
			return fmt.Errorf("dedup: %s: %w", f.Path, err)
		}
	}
	eof, err := readLines(src, f, off, func(o int64) bool { return rt.TryClaim(o) }, emit)
	if eof {
		// The file ended before the restriction did: claim the rest, or
		// the tracker reports the restriction unfinished.
		rt.TryClaim(rest.End)
	}
	return err
}

// readLines emits the lines of src, which starts at offset off of f, while
// claim accepts the offset of the next line, and reports whether it reached
// the end of the file. Lines are cut at "\n" only, as `overlap dedup` cuts
// them; a last line without "\n" counts too, and a byte order mark is
// dropped from the first line.
func readLines(src *bufio.Reader, f File, off int64, claim func(int64) bool, emit func(Line)) (eof bool, err error) {
	for claim(off) {
		text, err := src.ReadBytes('\n')
		if len(text) > 0 {
			pos, perr := position(f.Index, off)
			if perr != nil {
				return false, fmt.Errorf("dedup: %s: %w", f.Path, perr)
			}
			next := off + int64(len(text))
			if off == 0 {
				text = bytes.TrimPrefix(text, []byte("\uFEFF"))
			}
			off = next
			emit(Line{Pos: pos, Text: bytes.TrimSuffix(text, []byte("\n"))})
		}
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, fmt.Errorf("dedup: %s: %w", f.Path, err)
		}
	}
	return false, nil
}
