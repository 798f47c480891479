package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/internal/input"
)

const reportUsage = `Usage: overlap report [flags] PATH...

Reports which documents are near-duplicates of each other and every passage
they share, located by byte offsets in each file as read, and the text each
document repeats inside itself. PATH is a file, a directory (walked
recursively, sorted, regular files only) or - for standard input.

Exit status, as diff and grep: 0 when nothing was reported, 1 when overlaps
were reported (see --fail-on), 2 on a usage error, an input that could not
be read, or an output that could not be written. Binary, empty and
non-UTF-8 files are warned about on stderr; the report covers the rest.

Flags:
`

type reportFlags struct {
	in                     inputFlags
	format, failOn, output string
	opts                   overlap.Options
}

func runReport(e *env, args []string) int {
	var fl reportFlags
	fs := newFlagSet("report")
	fs.StringVar(&fl.format, "format", "text", "output `format`: text, json, html or csv")
	fs.IntVar(&fl.opts.MinWords, "min-words", overlap.DefaultMinWords, "least number of shared `words` in a reported passage or repeat")
	fs.IntVar(&fl.opts.MaxGap, "max-gap", overlap.DefaultMaxGap, "most `words` changed, inserted or deleted between two exact runs of one passage (-1: none)")
	fs.Float64Var(&fl.opts.NearDuplicate, "near-duplicate", overlap.DefaultNearDuplicate, "least share of each document's word 3-shingles found in the other for a near-duplicate")
	fs.IntVar(&fl.opts.Boilerplate, "boilerplate", 0, "treat text found in `N` or more documents as boilerplate, left out of similarity and passages (0: off)")
	fs.StringVar(&fl.failOn, "fail-on", "passage", "exit 1 when the report has a `kind` of finding: passage (any pair), near-duplicate, or never")
	fs.StringVar(&fl.output, "o", "", "write the report to `FILE` (replaced only once complete) instead of stdout")
	fl.in.register(fs, false)
	fs.IntVar(&fl.opts.Workers, "workers", 0, "goroutines comparing documents (default: the number of CPUs)")
	help := func(w io.Writer) { io.WriteString(w, reportUsage+flagUsage(fs)) }
	paths, status := parseCommandArgs(e, fs, args, help)
	if status >= 0 {
		return status
	}
	switch {
	case len(paths) == 0:
		return usageError(e.stderr, "report", "no input: name files or directories, or - for standard input")
	case !oneOf(fl.format, "text", "json", "html", "csv"):
		return usageError(e.stderr, "report", fmt.Sprintf("unknown --format %q: want text, json, html or csv", fl.format))
	case !oneOf(fl.failOn, "passage", "near-duplicate", "never"):
		return usageError(e.stderr, "report", fmt.Sprintf("unknown --fail-on %q: want passage, near-duplicate or never", fl.failOn))
	case fl.opts.MinWords < 1:
		return usageError(e.stderr, "report", "--min-words must be at least 1")
	case !(fl.opts.NearDuplicate > 0 && fl.opts.NearDuplicate <= 1):
		return usageError(e.stderr, "report", "--near-duplicate must be above 0 and at most 1")
	case fl.opts.Boilerplate < 0 || fl.opts.Boilerplate == 1:
		return usageError(e.stderr, "report", "--boilerplate must be 0 (off) or at least 2")
	case fl.opts.Workers < 0:
		return usageError(e.stderr, "report", "--workers must not be negative")
	}
	if fl.opts.MaxGap == 0 {
		fl.opts.MaxGap = -1 // 0 on the command line means no gaps, not the default
	}
	opt, msg := fl.in.options(e, paths)
	if msg != "" {
		return usageError(e.stderr, "report", msg)
	}

	// Read everything first: a report compares every document with every
	// other. Warnings go to stderr as they come; progress, on a terminal,
	// follows the reading and then each stage of the report.
	prog := newProgress(e.stderr, e.tty)
	prog.expect(inputSize(paths))
	var docs []overlap.Document
	byID := map[string]*input.Doc{}
	lost := false
	for d, err := range input.Read(paths, opt) {
		if err != nil {
			prog.clear()
			fmt.Fprintf(e.stderr, "overlap: %v\n", err)
			var ie *input.Error
			if !errors.As(err, &ie) || (ie.Skipped && ie.Kind != input.KindBinary) || ie.Stopped {
				lost = true
			}
			continue
		}
		docs = append(docs, overlap.Document{ID: d.ID, Text: d.Text})
		byID[d.ID] = d
		prog.add(1, d.Size)
	}
	if prog != nil {
		fl.opts.Progress = prog.step
	}
	r := overlap.NewReport(docs, fl.opts)
	prog.done()

	texts := make(map[string][]byte, len(docs))
	for _, d := range docs {
		texts[d.ID] = d.Text
	}
	src := func(id string, off int) int {
		if d := byID[id]; d != nil {
			return d.SourceOffset(off)
		}
		return off
	}

	err := writeOutput(e, fl.output, func(w io.Writer) error {
		switch fl.format {
		case "json":
			return writeJSON(w, r, src)
		case "csv":
			return writeCSV(w, r, texts, src)
		case "html":
			return writeHTML(w, r, texts, htmlOptions{Title: "overlap report: " + strings.Join(paths, " ")})
		}
		color := (fl.output == "" || fl.output == "-") && textColor(e.stdout, os.Getenv)
		return writeText(w, r, texts, textOptions{Color: color})
	})
	if status := finish(e, err, lost); status != exitOK {
		return status
	}
	return reportStatus(r, fl.failOn)
}

// reportStatus is 1 when the report holds the finding --fail-on names.
func reportStatus(r *overlap.Report, failOn string) int {
	for _, p := range r.Pairs {
		if failOn == "passage" || (failOn == "near-duplicate" && p.NearDuplicate) {
			return 1
		}
	}
	return exitOK
}

func oneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}
