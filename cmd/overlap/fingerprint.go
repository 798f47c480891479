package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/textoverlap/overlap/internal/input"
	"github.com/textoverlap/overlap/simhash"
)

const fingerprintUsage = `Usage: overlap fingerprint [flags] PATH...

Print the simhash fingerprint of each document, one JSON line per document
in input order:

  {"id":"essays/a.txt","simhash":"3f2a0c9d81b47e65","words":812}

PATH is a file, a directory (walked recursively in sorted order, taking
regular files with the wanted extensions and skipping hidden ones; an id is
the path below the directory), or - for standard input. A file named as an
argument is always read; its id is the path as given. Text that is not
UTF-8 is read as Windows-1252; gzip-compressed files are decompressed.

With --jsonl each PATH holds JSON Lines, one {"id": ..., "text": ...}
object per line, and each line gives one output line.

A document with no words gets the empty fingerprint 0000000000000000, with
a warning. Problems go to stderr, one line each, and the rest is read.

Exit status: 0 if every document was read, 2 if any input could not be
read (everything else is still printed), on a usage error, or if the
output could not be written.

Flags may come before or after the PATHs, with - or --; -- ends them.
Flags:
`

// fingerprintFlags are the flags of overlap fingerprint.
type fingerprintFlags struct {
	in      inputFlags
	output  string
	workers int
}

func runFingerprint(e *env, args []string) int {
	var fl fingerprintFlags
	fs := newFlagSet("fingerprint")
	fl.in.register(fs, false)
	fs.StringVar(&fl.output, "o", "", "write the output to `FILE` (replaced only once complete) instead of stdout")
	fs.IntVar(&fl.workers, "workers", 0, "number of documents fingerprinted at once (default: the number of CPUs)")
	help := func(w io.Writer) { io.WriteString(w, fingerprintUsage+flagUsage(fs)) }
	paths, status := parseCommandArgs(e, fs, args, help)
	if status >= 0 {
		return status
	}
	if len(paths) == 0 {
		return usageError(e.stderr, "fingerprint", "no input: name files or directories, or - for standard input")
	}
	if fl.workers < 0 {
		return usageError(e.stderr, "fingerprint", "--workers must not be negative")
	}
	opt, msg := fl.in.options(e, paths)
	if msg != "" {
		return usageError(e.stderr, "fingerprint", msg)
	}

	var lost bool
	err := writeOutput(e, fl.output, func(w io.Writer) (err error) {
		lost, err = fingerprint(e, w, paths, opt, fl.workers)
		return err
	})
	return finish(e, err, lost)
}

// fingerprint writes the fingerprint lines to out. It reports whether an
// input was lost, and returns an error only for output failures.
func fingerprint(e *env, out io.Writer, paths []string, opt input.Options, workers int) (lost bool, err error) {
	type hashed struct {
		fp    simhash.Fingerprint
		words int
	}
	hash := func() func(*input.Doc) hashed {
		var h simhash.Hasher // one per worker: not safe for concurrent use
		return func(d *input.Doc) hashed {
			fp, n := h.Sum(d.Text)
			return hashed{fp, n}
		}
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	var line []byte
	lost, err = eachDoc(context.Background(), e, paths, opt, workers, hash, func(d *input.Doc, r hashed, warn func(string)) error {
		if r.words == 0 && !d.Empty { // an empty one was reported already
			warn(fmt.Sprintf("%s: no words, fingerprint %s", docLocation(d), simhash.Empty))
		}
		line = appendFingerprint(line[:0], d.ID, r.fp, r.words)
		_, err := bw.Write(line)
		return err
	})
	if errors.Is(err, errStopped) {
		lost, err = true, nil // what was read before the stop is still printed
	}
	if err != nil {
		return lost, err
	}
	return lost, bw.Flush()
}

// docLocation names a document in a message: its file, and line and id for JSONL.
func docLocation(d *input.Doc) string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d (id %s)", input.DisplayPath(d.Path), d.Line, strconv.Quote(d.ID))
	}
	return input.DisplayPath(d.Path)
}

// appendFingerprint appends one output line:
// {"id":"<id>","simhash":"<16 hex digits>","words":N} and a newline.
func appendFingerprint(b []byte, id string, fp simhash.Fingerprint, words int) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, id)
	b = append(b, `,"simhash":"`...)
	b, _ = fp.AppendText(b)
	b = append(b, `","words":`...)
	b = strconv.AppendInt(b, int64(words), 10)
	return append(b, "}\n"...)
}
