// Command overlap-eval measures overlap's quality on public labelled
// corpora of text reuse and prints the figures as Markdown for the README.
//
// It reads the corpora described in ../shared/corpora/README.txt (the
// folder is found from the module root; -corpora overrides it):
//
//   - clough_stevenson: 95 short answers, each labelled cut, light or heavy
//     revision of a Wikipedia source, or non-plagiarised. Each answer's
//     word 3-shingle containment in its source ranks the answers (ROC
//     AUC), and overlap's default passage rule decides.
//   - pan13_no_obfuscation: 500 suspicious/source pairs with the reused
//     passages annotated; overlap.Compare aligns each pair and PAN's
//     character-level precision, recall, granularity and plagdet score it.
//   - minhash_articles: labelled near-duplicate pairs, clustered with
//     overlap.Signer and overlap.Deduper at their defaults, as "overlap
//     dedup" does.
//
// A corpus that is absent is reported as skipped. Output is deterministic.
// Nothing is tuned at run time: the options are constants of this package,
// and the README says how each was chosen.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/textoverlap/overlap/internal/textedit"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// defaultCorpora is where the corpora live, relative to the module root.
const defaultCorpora = "../shared/corpora"

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("overlap-eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpora", "", "`folder` holding the corpora (default "+defaultCorpora+" from the module root)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: overlap-eval [-corpora DIR]\n\nMeasures overlap on public labelled corpora and prints Markdown tables.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "overlap-eval: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	shown := "`" + *dir + "`. Command: `go run ./cmd/overlap-eval -corpora " + *dir + "`"
	if *dir == "" {
		// The module root, found upwards from the working directory, so
		// that "go run ./cmd/overlap-eval" and "go test" agree.
		root, err := textedit.ModuleRoot()
		if err != nil {
			fmt.Fprintf(stderr, "overlap-eval: %v; name the corpora with -corpora\n", err)
			return 2
		}
		*dir = filepath.Join(root, defaultCorpora)
		shown = "`" + defaultCorpora + "` (from the module root). Command: `go run ./cmd/overlap-eval`"
	}
	if fi, err := os.Stat(*dir); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "overlap-eval: %s: no corpora folder there\n", *dir)
		return 2
	}
	w := bufio.NewWriter(stdout)
	err := evaluateAll(w, *dir, shown)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(stderr, "overlap-eval: %v\n", err)
		return 2
	}
	return 0
}

// evaluateAll evaluates every corpus found under dir and writes the report.
// shown names the folder and the command, as Markdown.
func evaluateAll(w io.Writer, dir, shown string) error {
	fmt.Fprintf(w, "# overlap evaluation\n\nCorpora: %s.\n", shown)
	found := 0
	for _, c := range []struct {
		sub  string
		eval func(io.Writer, string) error
	}{
		{cloughDir, writeClough},
		{panDir, writePan},
		{articlesDir, writeArticles},
	} {
		path := filepath.Join(dir, c.sub)
		if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
			fmt.Fprintf(w, "\n## %s\n\nSkipped: no folder %s.\n", c.sub, c.sub)
			continue
		}
		found++
		if err := c.eval(w, path); err != nil {
			return err
		}
	}
	if found == 0 {
		return fmt.Errorf("%s: none of the corpora %s, %s, %s is there", dir, cloughDir, panDir, articlesDir)
	}
	return nil
}

// parseFile reads a file and parses it with parse, which is given the
// path to name in its errors.
func parseFile[T any](path string, parse func(name string, data []byte) (T, error)) (T, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse(path, data)
}
