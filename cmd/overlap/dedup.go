package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/internal/input"
)

const dedupUsage = `Usage: overlap dedup [flags] INPUT...

Groups documents into clusters of near-duplicates and prints one JSON line
per document, in input order:

  {"id":"<id>","cluster":"<id of the cluster's first document in input order>"}

A document with no near-duplicate is its own cluster. INPUT is JSON Lines
(one {"id": ..., "text": ...} object a line; .gz read transparently), taken
when --jsonl is given or every INPUT is a file named *.jsonl or *.ndjson
(optionally .gz); otherwise files and directories as for 'overlap report'.
Memory grows with the number of documents (about 200 bytes each, plus ids),
not with the size of the text.

Near-duplicates follow the report's rule, estimated from a 64-value MinHash
sketch: each document has at least --near-duplicate of its word 3-shingles
in the other. Light edits (a few % of words changed, quotes, case, line
breaks, a header or footer, a small truncation, swapped paragraphs) are
near-duplicates; an article quoting a quarter of another is not.

Exit status: 0 on success, 2 on a usage error, an input that could not be
read (the rest is still clustered), an output that could not be written, or
an interrupt.

Flags:
`

type dedupFlags struct {
	in                  inputFlags
	output, keep, pairs string
	threshold           float64
	workers             int
}

func runDedup(e *env, args []string) int {
	var fl dedupFlags
	fs := newFlagSet("dedup")
	fl.in.register(fs, true)
	fs.Float64Var(&fl.threshold, "near-duplicate", overlap.DefaultNearDuplicate, "least share of each document's word 3-shingles found in the other")
	fs.StringVar(&fl.output, "o", "", "write the cluster lines to `FILE` (replaced only once complete) instead of stdout")
	fs.StringVar(&fl.keep, "keep", "", "also write to `FILE` the ids to keep: the first document of each cluster, one a line, in input order")
	fs.StringVar(&fl.pairs, "pairs", "", "also write to `FILE` every near-duplicate pair found, as JSON lines {\"a\",\"b\",\"similarity\",\"containment\",\"hamming\"}")
	fs.IntVar(&fl.workers, "workers", 0, "documents signed at once (default: the number of CPUs)")
	help := func(w io.Writer) { io.WriteString(w, dedupUsage+flagUsage(fs)) }
	paths, status := parseCommandArgs(e, fs, args, help)
	if status >= 0 {
		return status
	}
	switch {
	case len(paths) == 0:
		return usageError(e.stderr, "dedup", "no input: name JSONL files, text files or directories, or - for standard input")
	case !(fl.threshold > 0 && fl.threshold <= 1):
		return usageError(e.stderr, "dedup", "--near-duplicate must be above 0 and at most 1")
	case fl.workers < 0:
		return usageError(e.stderr, "dedup", "--workers must not be negative")
	}
	opt, msg := fl.in.options(e, paths)
	if msg != "" {
		return usageError(e.stderr, "dedup", msg)
	}

	// Ctrl-C stops reading at the next document; nothing half-written is
	// left behind, since outputs are written only at the end.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	d := overlap.Deduper{Threshold: fl.threshold, KeepPairs: fl.pairs != ""}
	var ids []string
	lost, err := signAll(ctx, e, paths, opt, fl.workers, nil, func(id string, sig overlap.Signature, _ struct{}) {
		ids = append(ids, id)
		d.Add(sig)
	})
	if errors.Is(err, errStopped) {
		return exitTrouble
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "overlap: %v\n", err)
		return exitTrouble
	}
	clusters, pairs := d.Clusters()

	err = writeOutput(e, fl.output, func(w io.Writer) error {
		var line []byte
		for i, c := range clusters {
			line = append(line[:0], `{"id":`...)
			line = appendJSONString(line, ids[i])
			line = append(line, `,"cluster":`...)
			line = appendJSONString(line, ids[c])
			line = append(line, "}\n"...)
			if _, err := w.Write(line); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && fl.keep != "" {
		err = writeOutput(e, fl.keep, func(w io.Writer) error {
			for i, c := range clusters {
				if i == c {
					if _, err := io.WriteString(w, ids[i]+"\n"); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	if err == nil && fl.pairs != "" {
		err = writeOutput(e, fl.pairs, func(w io.Writer) error {
			var line []byte
			for _, p := range pairs {
				line = append(line[:0], `{"a":`...)
				line = appendJSONString(line, ids[p.A])
				line = append(line, `,"b":`...)
				line = appendJSONString(line, ids[p.B])
				line = append(line, `,"similarity":`...)
				line = strconv.AppendFloat(line, p.Similarity, 'f', -1, 64)
				line = append(line, `,"containment":[`...)
				line = strconv.AppendFloat(line, p.Containment[0], 'f', -1, 64)
				line = append(line, ',')
				line = strconv.AppendFloat(line, p.Containment[1], 'f', -1, 64)
				line = append(line, `],"hamming":`...)
				line = strconv.AppendInt(line, int64(p.Hamming), 10)
				line = append(line, "}\n"...)
				if _, err := w.Write(line); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return finish(e, err, lost)
}

// signAll reads the inputs and calls add with each document's id and
// signature, in input order, signing on several goroutines; then, if not
// nil, also runs on those goroutines and its result is passed to add.
// Texts are not kept. Errors as for eachDoc.
func signAll[R any](ctx context.Context, e *env, paths []string, opt input.Options, workers int, then func(overlap.Signature) R, add func(string, overlap.Signature, R)) (lost bool, err error) {
	type signed struct {
		sig  overlap.Signature
		then R
	}
	sign := func() func(*input.Doc) signed {
		var s overlap.Signer // one per worker: not safe for concurrent use
		return func(d *input.Doc) signed {
			r := signed{sig: s.Sign(d.Text)}
			if then != nil {
				r.then = then(r.sig)
			}
			return r
		}
	}
	return eachDoc(ctx, e, paths, opt, workers, sign, func(d *input.Doc, r signed, warn func(string)) error {
		if r.sig.Shingles == 0 && !d.Empty { // an empty one was reported already
			warn(docLocation(d) + ": no words, its own cluster")
		}
		add(d.ID, r.sig, r.then)
		return nil
	})
}

// inputSize returns the bytes the inputs hold when that is known before
// reading: every path a plain regular file, none compressed. Otherwise 0.
func inputSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() || strings.HasSuffix(strings.ToLower(p), ".gz") {
			return 0
		}
		n += fi.Size()
	}
	return n
}

// allJSONL reports whether every path names a JSON Lines file.
func allJSONL(paths []string) bool {
	for _, p := range paths {
		name := strings.TrimSuffix(strings.ToLower(p), ".gz")
		if !strings.HasSuffix(name, ".jsonl") && !strings.HasSuffix(name, ".ndjson") {
			return false
		}
		if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// writeOutput runs write on stdout, or on FILE written atomically.
func writeOutput(e *env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriterSize(e.stdout, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.commit(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
