package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"

	"github.com/textoverlap/overlap"
)

const indexUsage = `Usage: overlap index add [flags] ARCHIVE INPUT...
       overlap index query [flags] ARCHIVE INPUT...

An archive keeps a signature of every document added to it (about 200
bytes each, whatever the text's length), so that new documents can be
checked against everything seen before.

add    adds the documents of INPUT to ARCHIVE, creating it when absent. Ids
       already in the archive are skipped. Only the new documents are
       written: they are appended to the file as one segment, committed
       once complete, so a crash while adding leaves the archive as it was.
query  prints one JSON line per document of INPUT, in input order, listing
       its near-duplicates in the archive, most similar first:
       {"id":"<id>","matches":[{"id":"<archived id>","hamming":N,"similarity":F}]}

INPUT is read as for 'overlap dedup': JSON Lines, or files and directories.
Exit status: 0 on success, 2 on a usage error, a damaged or unreadable
archive, an input that could not be read, or an output that could not be
written.

Flags:
`

func runIndex(e *env, args []string) int {
	if len(args) == 0 {
		return usageError(e.stderr, "index", "want 'add' or 'query'")
	}
	sub, args := args[0], args[1:]
	if sub == "-h" || sub == "--help" || sub == "-help" {
		io.WriteString(e.stdout, indexUsage)
		return exitOK
	}
	if sub != "add" && sub != "query" {
		return usageError(e.stderr, "index", fmt.Sprintf("unknown subcommand %q: want add or query", sub))
	}
	var fl dedupFlags
	var radius int
	fs := newFlagSet("index " + sub)
	fl.in.register(fs, true)
	fs.IntVar(&fl.workers, "workers", 0, "documents signed at once (default: the number of CPUs)")
	if sub == "query" {
		fs.Float64Var(&fl.threshold, "near-duplicate", overlap.DefaultNearDuplicate, "least share of each document's word 3-shingles found in the other")
		fs.IntVar(&radius, "radius", overlap.DefaultRadius, "Hamming `bits` within which archived fingerprints are candidates")
		fs.StringVar(&fl.output, "o", "", "write the output to `FILE` (replaced only once complete) instead of stdout")
	}
	help := func(w io.Writer) { io.WriteString(w, indexUsage+flagUsage(fs)) }
	paths, status := parseCommandArgs(e, fs, args, help)
	if status >= 0 {
		return status
	}
	cmd := "index " + sub
	switch {
	case len(paths) < 2:
		return usageError(e.stderr, cmd, "want an archive file and at least one input")
	case fl.workers < 0:
		return usageError(e.stderr, cmd, "--workers must not be negative")
	case sub == "query" && !(fl.threshold > 0 && fl.threshold <= 1):
		return usageError(e.stderr, cmd, "--near-duplicate must be above 0 and at most 1")
	case sub == "query" && (radius < 0 || radius > 64):
		return usageError(e.stderr, cmd, "--radius must be from 0 to 64")
	}
	file, paths := paths[0], paths[1:]
	opt, msg := fl.in.options(e, paths)
	if msg != "" {
		return usageError(e.stderr, cmd, msg)
	}
	if sub == "query" {
		if _, err := os.Stat(file); err != nil {
			fmt.Fprintf(e.stderr, "overlap: %v\n", err)
			return exitTrouble
		}
	}
	a, err := overlap.OpenArchive(file)
	if err != nil {
		fmt.Fprintf(e.stderr, "overlap: %v\n", err)
		return exitTrouble
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if sub == "add" {
		before, skipped, refused := a.Len(), 0, false
		lost, err := signAll(ctx, e, paths, opt, fl.workers, nil, func(id string, sig overlap.Signature, _ struct{}) {
			if a.Has(id) {
				skipped++
				return
			}
			if err := a.Add(id, sig); err != nil {
				fmt.Fprintf(e.stderr, "overlap: %v, skipped\n", err)
				refused = true
			}
		})
		if err != nil {
			if !errors.Is(err, errStopped) {
				fmt.Fprintf(e.stderr, "overlap: %v\n", err)
			}
			return exitTrouble // nothing was written
		}
		if err := a.Save(); err != nil {
			fmt.Fprintf(e.stderr, "overlap: %v\n", err)
			return exitTrouble
		}
		msg := fmt.Sprintf("overlap: %s: added %d documents, %d in all", file, a.Len()-before, a.Len())
		if skipped > 0 {
			msg += fmt.Sprintf(" (%d ids already archived, skipped)", skipped)
		}
		fmt.Fprintln(e.stderr, msg)
		if lost || refused {
			return exitTrouble
		}
		return exitOK
	}

	var lines [][]byte
	query := func(sig overlap.Signature) []overlap.ArchiveMatch { return a.Query(sig, radius, fl.threshold) }
	lost, err := signAll(ctx, e, paths, opt, fl.workers, query, func(id string, _ overlap.Signature, ms []overlap.ArchiveMatch) {
		line := append([]byte(`{"id":`), appendJSONString(nil, id)...)
		line = append(line, `,"matches":[`...)
		for i, m := range ms {
			if i > 0 {
				line = append(line, ',')
			}
			line = append(line, `{"id":`...)
			line = appendJSONString(line, m.ID)
			line = append(line, `,"hamming":`...)
			line = strconv.AppendInt(line, int64(m.Hamming), 10)
			line = append(line, `,"similarity":`...)
			line = strconv.AppendFloat(line, m.Similarity, 'f', -1, 64)
			line = append(line, '}')
		}
		lines = append(lines, append(line, "]}\n"...))
	})
	if err != nil {
		if !errors.Is(err, errStopped) {
			fmt.Fprintf(e.stderr, "overlap: %v\n", err)
		}
		return exitTrouble
	}
	err = writeOutput(e, fl.output, func(w io.Writer) error {
		for _, l := range lines {
			if _, err := w.Write(l); err != nil {
				return err
			}
		}
		return nil
	})
	return finish(e, err, lost)
}
