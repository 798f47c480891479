package main

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/textoverlap/overlap"
)

// articlesDir holds the MinHash tutorial data: sets of "articles" named
// articles_N.train, one "tNNNN text" document a line, each with an
// articles_N.truth listing its near-duplicate pairs, "tA tB" a line.
const articlesDir = "minhash_articles"

// article is one document of a .train file.
type article struct {
	ID   string
	Text []byte
}

// parseArticles reads a .train file. Each line is an id (no spaces), one
// space, and the text; ids are unique.
func parseArticles(name string, data []byte) ([]article, error) {
	var out []article
	seen := map[string]bool{}
	for line, rest := 1, data; len(rest) > 0; line++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		id, text, ok := bytes.Cut(l, []byte(" "))
		switch {
		case !ok || len(id) == 0 || len(bytes.TrimSpace(text)) == 0:
			return nil, fmt.Errorf("%s:%d: want an id, a space and the text", name, line)
		case seen[string(id)]:
			return nil, fmt.Errorf("%s:%d: id %q used twice", name, line, id)
		}
		seen[string(id)] = true
		out = append(out, article{ID: string(id), Text: text})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no documents", name)
	}
	return out, nil
}

// idPair is a pair of document ids, the lesser first.
type idPair [2]string

func makeIDPair(a, b string) idPair {
	if b < a {
		a, b = b, a
	}
	return idPair{a, b}
}

// parseTruth reads a .truth file: two ids a line. known, if not nil, must
// hold both.
func parseTruth(name string, data []byte, known map[string]bool) ([]idPair, error) {
	var out []idPair
	seen := map[idPair]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 || f[0] == f[1] {
			return nil, fmt.Errorf("%s:%d: want two different ids, got %q", name, line, sc.Text())
		}
		for _, id := range f {
			if known != nil && !known[id] {
				return nil, fmt.Errorf("%s:%d: no document %q", name, line, id)
			}
		}
		p := makeIDPair(f[0], f[1])
		if seen[p] {
			return nil, fmt.Errorf("%s:%d: pair %s %s listed twice", name, line, p[0], p[1])
		}
		seen[p] = true
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// articlesResult is what dedup finds in one set.
type articlesResult struct {
	Set         string
	Documents   int
	Labelled    int
	Found       int      // labelled pairs in one cluster
	Missed      []idPair // labelled pairs not in one cluster
	Unlabelled  []idPair // pairs reported that are not labelled
	ClusterDocs int      // documents in clusters of two or more
}

// dedupArticles clusters the documents as "overlap dedup" does, with the
// default threshold, and compares the pairs with the labels.
func dedupArticles(set string, docs []article, truth []idPair) articlesResult {
	d := overlap.Deduper{KeepPairs: true}
	var s overlap.Signer
	for _, a := range docs {
		d.Add(s.Sign(a.Text))
	}
	clusters, pairs := d.Clusters()
	labelled := map[idPair]bool{}
	for _, p := range truth {
		labelled[p] = true
	}
	r := articlesResult{Set: set, Documents: len(docs), Labelled: len(truth)}
	index := map[string]int{}
	for i, a := range docs {
		index[a.ID] = i
	}
	for _, p := range truth {
		if clusters[index[p[0]]] == clusters[index[p[1]]] {
			r.Found++
		} else {
			r.Missed = append(r.Missed, p)
		}
	}
	for _, p := range pairs {
		if q := makeIDPair(docs[p.A].ID, docs[p.B].ID); !labelled[q] {
			r.Unlabelled = append(r.Unlabelled, q)
		}
	}
	size := map[int]int{}
	for _, c := range clusters {
		size[c]++
	}
	for _, c := range clusters {
		if size[c] > 1 {
			r.ClusterDocs++
		}
	}
	slices.SortFunc(r.Unlabelled, func(x, y idPair) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	return r
}

// evaluateArticles runs every set under dir that has both files, in
// order of name.
func evaluateArticles(dir string) ([]articlesResult, error) {
	trains, err := filepath.Glob(filepath.Join(dir, "*.train"))
	if err != nil {
		return nil, err
	}
	slices.SortFunc(trains, func(x, y string) int {
		// articles_100 before articles_1000: by length, then by name.
		return cmp.Or(cmp.Compare(len(x), len(y)), cmp.Compare(x, y))
	})
	var out []articlesResult
	for _, tf := range trains {
		set := strings.TrimSuffix(filepath.Base(tf), ".train")
		truthFile := strings.TrimSuffix(tf, ".train") + ".truth"
		if _, err := os.Stat(truthFile); os.IsNotExist(err) {
			continue // a set without labels measures nothing
		}
		docs, err := parseFile(tf, parseArticles)
		if err != nil {
			return nil, err
		}
		known := map[string]bool{}
		for _, a := range docs {
			known[a.ID] = true
		}
		truth, err := parseFile(truthFile, func(name string, data []byte) ([]idPair, error) {
			return parseTruth(name, data, known)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, dedupArticles(set, docs, truth))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no .train file with its .truth", dir)
	}
	return out, nil
}

func writeArticles(w io.Writer, dir string) error {
	rs, err := evaluateArticles(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n## minhash_articles: near-duplicate pairs (smoke test)\n\n")
	fmt.Fprintf(w, "`overlap.Signer` and `overlap.Deduper` with default settings, as `overlap dedup` runs them.\n\n")
	fmt.Fprintf(w, "| set | documents | labelled pairs | found | missed | unlabelled pairs reported |\n|---|---|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d |\n", r.Set, r.Documents, r.Labelled, r.Found, len(r.Missed), len(r.Unlabelled))
	}
	for _, r := range rs {
		for _, p := range r.Missed {
			fmt.Fprintf(w, "\n- %s: labelled pair %s %s missed", r.Set, p[0], p[1])
		}
		for _, p := range r.Unlabelled {
			fmt.Fprintf(w, "\n- %s: unlabelled pair reported: %s %s", r.Set, p[0], p[1])
		}
	}
	fmt.Fprintln(w)
	return nil
}
