package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/internal/input"
)

// The Clough & Stevenson corpus of plagiarised short answers: the label
// sheet, exported from the published spreadsheet, and the answers and
// sources as unzipped from the published archive.
const (
	cloughDir    = "clough_stevenson"
	cloughLabels = "file_list_from_xls.csv"
	cloughTexts  = "corpus-20090418"
)

// cloughCategories are the labels, in the order the corpus describes them:
// three levels of reuse, then answers written without the source.
var cloughCategories = []string{"cut", "light", "heavy", "non"}

// cloughLabel is one answer of the label sheet.
type cloughLabel struct {
	File     string // answer file name, such as g0pA_taska.txt
	Task     string // one letter; the source is orig_task<Task>.txt
	Category string // one of cloughCategories
}

// plagiarised reports whether the answer reuses its source.
func (l cloughLabel) plagiarised() bool { return l.Category != "non" }

// parseCloughLabels reads the label sheet: CSV with a header row naming at
// least the columns File, Task and Category (others are ignored).
func parseCloughLabels(name string, data []byte) ([]cloughLabel, error) {
	r := csv.NewReader(bytes.NewReader(data))
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\uFEFF")] = i
	}
	for _, want := range []string{"File", "Task", "Category"} {
		if _, ok := col[want]; !ok {
			return nil, fmt.Errorf("%s: header has no %s column", name, want)
		}
	}
	var out []cloughLabel
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		l := cloughLabel{
			File:     strings.TrimSpace(rec[col["File"]]),
			Task:     strings.TrimSpace(rec[col["Task"]]),
			Category: strings.TrimSpace(rec[col["Category"]]),
		}
		switch {
		case !validDocName(l.File) || !strings.HasSuffix(l.File, ".txt") || strings.HasPrefix(l.File, "orig_"):
			return nil, fmt.Errorf("%s:%d: %q is not an answer file name", name, line, l.File)
		case len(l.Task) != 1 || l.Task[0] < 'a' || l.Task[0] > 'z':
			return nil, fmt.Errorf("%s:%d: task %q is not one letter", name, line, l.Task)
		case !slices.Contains(cloughCategories, l.Category):
			return nil, fmt.Errorf("%s:%d: category %q is not one of %s", name, line, l.Category, strings.Join(cloughCategories, ", "))
		case seen[l.File]:
			return nil, fmt.Errorf("%s:%d: %s is labelled twice", name, line, l.File)
		}
		seen[l.File] = true
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no answers", name)
	}
	return out, nil
}

// cloughAnswer is an answer with what overlap finds of its source in it.
type cloughAnswer struct {
	cloughLabel
	Encoding string // as read: ASCII, UTF-8 or Windows-1252
	// Containment is the share of the answer's word 3-shingles found in
	// the source: the ranking score.
	Containment float64
	// Longest is the number of words of the longest passage the answer
	// shares with the source, 0 when none.
	Longest int
	// Flagged is overlap's decision: it reports a shared passage.
	Flagged bool
}

// cloughOptions are what the evaluation passes to overlap.Compare: the
// defaults. A passage is then at least 8 words (DefaultMinWords) merged
// across gaps of up to 3 (DefaultMaxGap), and "overlap report" would
// report the pair; nothing here was fitted to this corpus.
var cloughOptions = overlap.Options{}

// readText reads a corpus file and decodes it as "overlap report" does:
// UTF-8 when valid (a byte order mark is kept, and ignored by the
// tokenizer), else Windows-1252.
func readText(path string) (text []byte, encoding string, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	text, _, invalidAt := input.Decode(data)
	switch {
	case invalidAt >= 0:
		encoding = "Windows-1252"
	case utf8.RuneCount(data) == len(data):
		encoding = "ASCII"
	default:
		encoding = "UTF-8"
	}
	return text, encoding, nil
}

// evaluateClough scores every labelled answer under dir against its
// task's source, in label order.
func evaluateClough(dir string) ([]cloughAnswer, error) {
	labels, err := parseFile(filepath.Join(dir, cloughLabels), parseCloughLabels)
	if err != nil {
		return nil, err
	}
	sources := map[string][]byte{}
	var out []cloughAnswer
	for _, l := range labels {
		src, ok := sources[l.Task]
		if !ok {
			if src, _, err = readText(filepath.Join(dir, cloughTexts, "orig_task"+l.Task+".txt")); err != nil {
				return nil, err
			}
			sources[l.Task] = src
		}
		af := filepath.Join(dir, cloughTexts, l.File)
		text, enc, err := readText(af)
		if err != nil {
			return nil, err
		}
		p := overlap.Compare(overlap.Document{ID: l.File, Text: text}, overlap.Document{ID: "orig_task" + l.Task, Text: src}, cloughOptions)
		a := cloughAnswer{cloughLabel: l, Encoding: enc, Containment: p.Containment[0], Flagged: len(p.Passages) > 0}
		for _, s := range p.Passages {
			a.Longest = max(a.Longest, s.Words)
		}
		out = append(out, a)
	}
	return out, nil
}

// cloughSummary is the corpus-level result.
type cloughSummary struct {
	Answers, Plagiarised int
	AUC                  float64 // of containment, plagiarised against not
	Accuracy             float64 // of Flagged
	// BestAccuracy is the most any containment threshold reaches, chosen
	// with the labels: a ceiling for reference, not a result.
	BestAccuracy float64
	BestLo       float64 // thresholds above BestLo and up to BestHi reach it
	BestHi       float64
	Missed       []cloughAnswer // plagiarised, not flagged
	FalseAlarms  []cloughAnswer // not plagiarised, flagged
}

func summarizeClough(as []cloughAnswer) cloughSummary {
	s := cloughSummary{Answers: len(as)}
	var pos, neg []float64
	right := 0
	for _, a := range as {
		if a.plagiarised() {
			s.Plagiarised++
			pos = append(pos, a.Containment)
		} else {
			neg = append(neg, a.Containment)
		}
		switch {
		case a.Flagged == a.plagiarised():
			right++
		case a.plagiarised():
			s.Missed = append(s.Missed, a)
		default:
			s.FalseAlarms = append(s.FalseAlarms, a)
		}
	}
	s.AUC = rocAUC(pos, neg)
	if len(as) > 0 {
		s.Accuracy = float64(right) / float64(len(as))
	}
	s.BestAccuracy, s.BestLo, s.BestHi = bestThreshold(as)
	return s
}

// rocAUC is the area under the ROC curve of a score that should rank
// positives above negatives: the share of (positive, negative) pairs
// ranked right, ties counting half (the Mann-Whitney statistic).
func rocAUC(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return 0
	}
	var wins float64
	for _, p := range pos {
		for _, n := range neg {
			switch {
			case p > n:
				wins++
			case p == n:
				wins += 0.5
			}
		}
	}
	return wins / float64(len(pos)*len(neg))
}

// bestThreshold returns the best accuracy of the rule "containment ≥ t"
// over every t, and the range (lo, hi] of thresholds that reach it (the
// first such range).
func bestThreshold(as []cloughAnswer) (acc, lo, hi float64) {
	if len(as) == 0 {
		return 0, 0, 0
	}
	cs := make([]float64, 0, len(as)+1)
	cs = append(cs, -1)
	for _, a := range as {
		cs = append(cs, a.Containment)
	}
	slices.Sort(cs)
	cs = slices.Compact(cs)
	best := -1
	for k := 1; k < len(cs); k++ {
		// Every t in (cs[k-1], cs[k]] flags exactly the answers ≥ cs[k].
		right := 0
		for _, a := range as {
			if (a.Containment >= cs[k]) == a.plagiarised() {
				right++
			}
		}
		if right > best {
			best, lo, hi = right, cs[k-1], cs[k]
		}
	}
	return float64(best) / float64(len(as)), max(lo, 0), hi
}

// cloughNotes explains the misses the README names: the corpus notes two
// cut answers copied from text that is not in the corpus.
var cloughNotes = map[string]string{
	"g2pE_taskc.txt": "copied from another Wikipedia article (on information retrieval), not from the source given",
	"g4pD_taskb.txt": "copied from another part of the PageRank article, not from the source given",
}

func writeClough(w io.Writer, dir string) error {
	as, err := evaluateClough(dir)
	if err != nil {
		return err
	}
	s := summarizeClough(as)
	fmt.Fprintf(w, "\n## Clough & Stevenson: short answers (%d answers, %d plagiarised)\n\n", s.Answers, s.Plagiarised)
	fmt.Fprintf(w, "Score: share of the answer's word 3-shingles found in its task's source (`Pair.Containment[0]`).\n")
	fmt.Fprintf(w, "Decision: overlap reports a shared passage with default options (at least %d words, gaps up to %d).\n\n", overlap.DefaultMinWords, overlap.DefaultMaxGap)
	fmt.Fprintf(w, "| measure | value |\n|---|---|\n")
	fmt.Fprintf(w, "| ROC AUC of containment, plagiarised (cut, light, heavy) against non | %.3f |\n", s.AUC)
	fmt.Fprintf(w, "| accuracy of the default decision (a shared passage) | %.3f (%d of %d) |\n", s.Accuracy, s.Answers-len(s.Missed)-len(s.FalseAlarms), s.Answers)
	fmt.Fprintf(w, "| best accuracy of any containment threshold, fitted to the labels (ceiling, not a result) | %.3f (threshold in (%.4f, %.4f]) |\n", s.BestAccuracy, s.BestLo, s.BestHi)

	fmt.Fprintf(w, "\n| category | answers | mean containment | mean longest passage (words) | flagged |\n|---|---|---|---|---|\n")
	for _, c := range cloughCategories {
		n, flagged, longest := 0, 0, 0
		var cont float64
		for _, a := range as {
			if a.Category != c {
				continue
			}
			n++
			cont += a.Containment
			longest += a.Longest
			if a.Flagged {
				flagged++
			}
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(w, "| %s | %d | %.3f | %.1f | %d |\n", c, n, cont/float64(n), float64(longest)/float64(n), flagged)
	}

	fmt.Fprintf(w, "\nWrong decisions:\n\n")
	for _, a := range slices.Concat(s.Missed, s.FalseAlarms) {
		why := cloughNotes[a.File]
		if why == "" {
			if a.plagiarised() {
				why = fmt.Sprintf("%s revision sharing no run of %d words with the source", a.Category, overlap.DefaultMinWords)
			} else {
				why = fmt.Sprintf("labelled non-plagiarised, but shares a %d-word passage with the source", a.Longest)
			}
		}
		fmt.Fprintf(w, "- `%s` (%s, containment %.4f, longest passage %d words): %s\n", strings.TrimSuffix(a.File, ".txt"), a.Category, a.Containment, a.Longest, why)
	}

	fmt.Fprintf(w, "\n<details><summary>Every answer</summary>\n\n| answer | category | encoding | containment | longest passage (words) | flagged |\n|---|---|---|---|---|---|\n")
	sorted := slices.Clone(as)
	slices.SortStableFunc(sorted, func(x, y cloughAnswer) int {
		if c := cmp.Compare(slices.Index(cloughCategories, x.Category), slices.Index(cloughCategories, y.Category)); c != 0 {
			return c
		}
		return cmp.Compare(x.File, y.File)
	})
	for _, a := range sorted {
		fmt.Fprintf(w, "| %s | %s | %s | %.4f | %d | %s |\n", strings.TrimSuffix(a.File, ".txt"), a.Category, a.Encoding, a.Containment, a.Longest, yesNo(a.Flagged))
	}
	fmt.Fprintf(w, "\n</details>\n")
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
