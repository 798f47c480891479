package textedit

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Source is a named document.
type Source struct {
	Name string
	Text []byte
}

// Kind says how a corpus document was made.
type Kind string

const (
	// Original is a source document as given.
	Original Kind = "original"
	// NearDuplicate is a light edit of an original, and in its cluster.
	NearDuplicate Kind = "near-duplicate"
	// Quoting is a hard negative: a different article that quotes a long
	// passage of an original without being a near-duplicate of it.
	Quoting Kind = "quoting"
)

// Doc is one document of a generated corpus.
type Doc struct {
	ID string
	// Cluster is the ID of the original a near-duplicate derives from. An
	// original and a quoting document are each their own cluster.
	Cluster string
	Kind    Kind
	Text    []byte
	// Base names the text Text was made from: the original, for a
	// near-duplicate, or the host source, for a quoting document (hosts are
	// used for nothing else, so they are not documents of the corpus).
	// Empty for originals.
	Base string
	// Quoted is the ID of the original a quoting document quotes.
	Quoted string
	// Edit is how Text was made from Base: steps, counts and the alignment
	// from Base; for a quoting document Edit.Borrowed[0] maps the quoted
	// original into Text. Zero for originals.
	Edit Result
}

// CorpusConfig sizes a generated corpus.
type CorpusConfig struct {
	// Variants is the number of near-duplicates made of every original.
	Variants int
	// Quoting is the number of hard negatives. Each takes one source as
	// its host, and that source is then not an original.
	Quoting int
	// MinQuote and MaxQuote bound the passage a quoting document takes, as
	// a fraction of the quoted original's words; zero means 0.25 and 0.4.
	// The passage never outnumbers the host's own words, so the shared text
	// is at most half of the quoting document and it stays no
	// near-duplicate of what it quotes.
	MinQuote, MaxQuote float64
}

// Corpus builds a labelled corpus for evaluating near-duplicate detection
// from distinct sources (no two of which are near-duplicates of each
// other): originals, cfg.Variants light edits of each (see [LightEdit]), and
// cfg.Quoting quoting documents. Originals keep the input order, each
// followed by its variants; quoting documents come last.
//
// A host shorter than a quarter of every original (MinQuote, precisely)
// cannot quote enough of any of them and is left out, so there may be fewer
// quoting documents than asked for.
func Corpus(sources []Source, cfg CorpusConfig, rng *rand.Rand) ([]Doc, error) {
	rng = defaultRand(rng)
	if cfg.MinQuote == 0 && cfg.MaxQuote == 0 {
		cfg.MinQuote, cfg.MaxQuote = 0.25, 0.4
	}
	switch {
	case cfg.Variants < 0:
		return nil, fmt.Errorf("textedit: negative Variants %d", cfg.Variants)
	case cfg.Quoting < 0 || (cfg.Quoting > 0 && cfg.Quoting >= len(sources)):
		return nil, fmt.Errorf("textedit: Quoting %d needs more than that many sources, have %d", cfg.Quoting, len(sources))
	case !(cfg.MinQuote > 0 && cfg.MinQuote <= cfg.MaxQuote && cfg.MaxQuote <= 1):
		return nil, fmt.Errorf("textedit: want 0 < MinQuote <= MaxQuote <= 1, have %v, %v", cfg.MinQuote, cfg.MaxQuote)
	}
	seen := make(map[string]bool, len(sources))
	for _, s := range sources {
		if s.Name == "" || seen[s.Name] {
			return nil, fmt.Errorf("textedit: source name %q empty or repeated", s.Name)
		}
		seen[s.Name] = true
	}

	order := make([]int, len(sources))
	for i := range order {
		order[i] = i
	}
	for i := len(order) - 1; i > 0; i-- {
		j := intN(rng, i+1)
		order[i], order[j] = order[j], order[i]
	}
	hosts := slices.Clone(order[:cfg.Quoting])
	origs := slices.Clone(order[cfg.Quoting:])
	slices.Sort(hosts)
	slices.Sort(origs)

	var docs []Doc
	for _, o := range origs {
		src := sources[o]
		docs = append(docs, Doc{ID: src.Name, Cluster: src.Name, Kind: Original, Text: slices.Clone(src.Text)})
		for v := 1; v <= cfg.Variants; v++ {
			res := LightEdit(rng).Apply(src.Text, rng)
			docs = append(docs, Doc{
				ID:      fmt.Sprintf("%s~v%d", src.Name, v),
				Cluster: src.Name,
				Kind:    NearDuplicate,
				Text:    res.Text,
				Base:    src.Name,
				Edit:    res,
			})
		}
	}

	origWords := make([]int, len(origs))
	for i, o := range origs {
		origWords[i] = CountWords(sources[o].Text)
	}
	for _, h := range hosts {
		host := sources[h]
		hw := CountWords(host.Text)
		var fits []int
		for i, w := range origWords {
			if w > 0 && int(math.Ceil(cfg.MinQuote*float64(w))) <= hw {
				fits = append(fits, i)
			}
		}
		if len(fits) == 0 {
			continue
		}
		t := fits[intN(rng, len(fits))]
		target := sources[origs[t]]
		f := cfg.MinQuote + (cfg.MaxQuote-cfg.MinQuote)*uniform(rng)
		k := min(int(math.Ceil(f*float64(origWords[t]))), hw)
		res := Quote(target.Name, target.Text, k).Apply(host.Text, rng)
		id := host.Name + "~quotes~" + target.Name
		docs = append(docs, Doc{
			ID:      id,
			Cluster: id,
			Kind:    Quoting,
			Text:    res.Text,
			Base:    host.Name,
			Quoted:  target.Name,
			Edit:    res,
		})
	}
	return docs, nil
}

// Header and footer lines for [LightEdit]: the boilerplate that syndication
// and republishing add around an article.
var (
	headerLines = []string{
		"Reuters — Filed 14:02 GMT",
		"By Staff Reporter",
		"Updated 3 hours ago",
		"(AP) —",
		"EXCLUSIVE",
	}
	footerLines = []string{
		"Share this article",
		"Advertisement",
		"© 2024 All rights reserved.",
		"Sign up for our daily newsletter.",
		"Reporting by staff; editing by the news desk",
	}
)

// LightEdit returns a random edit of the kind that leaves a near-duplicate:
// up to 8% of the words substituted, inserted or deleted (the budget split
// at random between the three), and with some probability each: two
// paragraphs swapped, the last 2–10% of the words truncated, a header line,
// a footer line, and one change of quotes, case, whitespace, line width or
// line endings. It always does at least one thing. Parameters are drawn
// from rng now, once; the edit draws again from the rng it is applied with.
func LightEdit(rng *rand.Rand) Edit {
	rng = defaultRand(rng)
	chance := func(p float64) bool { return uniform(rng) < p }
	round := func(x float64) float64 { return math.Round(x*1000) / 1000 }

	var es []Edit
	budget := 0.08 * uniform(rng)
	w := [3]float64{uniform(rng), uniform(rng), uniform(rng)}
	sum := w[0] + w[1] + w[2]
	if sum > 0 {
		if f := round(budget * w[0] / sum); f > 0 {
			es = append(es, Substitute(f))
		}
		if f := round(budget * w[1] / sum); f > 0 {
			es = append(es, Insert(f))
		}
		if f := round(budget * w[2] / sum); f > 0 {
			es = append(es, Delete(f))
		}
	}
	if chance(0.3) {
		es = append(es, SwapParagraphs())
	}
	if chance(0.3) {
		es = append(es, Truncate(round(0.02+0.08*uniform(rng))))
	}
	if chance(0.3) {
		es = append(es, AddHeader(headerLines[intN(rng, len(headerLines))]))
	}
	if chance(0.3) {
		es = append(es, AddFooter(footerLines[intN(rng, len(footerLines))]))
	}
	if chance(0.6) || len(es) == 0 {
		switch intN(rng, 7) {
		case 0:
			es = append(es, StraightenQuotes())
		case 1:
			es = append(es, CurlQuotes())
		case 2:
			es = append(es, ChangeCase(Lower))
		case 3:
			es = append(es, ChangeCase(UpperTitle))
		case 4:
			es = append(es, Reflow(60+intN(rng, 21), chance(0.5)))
		case 5:
			es = append(es, CollapseWhitespace())
		case 6:
			es = append(es, LineEndings(true))
		}
	}
	return Compose(es...)
}

// ErrNotPresent reports that a corpus is not on this machine, so that tests
// depending on it can skip: errors.Is(err, ErrNotPresent).
var ErrNotPresent = errors.New("textedit: corpus not present")

// modulePath identifies this module's go.mod when looking for the module
// root; the bench module nested inside has a go.mod of its own.
const modulePath = "github.com/textoverlap/overlap"

// ModuleRoot returns the directory of this module's go.mod, searching
// upwards from the working directory (a package directory, under go test).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isModuleRoot(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%w: no go.mod of %s above the working directory", ErrNotPresent, modulePath)
		}
		dir = parent
	}
}

func isModuleRoot(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`) == modulePath
		}
	}
	return false
}

// PAN13Dir returns the directory of the PAN 2013 "02-no-obfuscation"
// source documents, ../shared/corpora/pan13_no_obfuscation/src relative to
// the module root, or an error wrapping [ErrNotPresent] if it is missing.
func PAN13Dir() (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "..", "shared", "corpora", "pan13_no_obfuscation", "src")
	if _, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%w: %s", ErrNotPresent, dir)
		}
		return "", err
	}
	return dir, nil
}

// PAN13Sources loads the PAN 2013 source documents (web-page English
// prose, distinct from each other) sorted by name, each named by its file
// name without .txt. Their bytes are kept as found, control characters
// included, since the corpus's own offsets count them. The error wraps
// [ErrNotPresent] if the corpus is not on this machine.
func PAN13Sources() ([]Source, error) {
	dir, err := PAN13Dir()
	if err != nil {
		return nil, err
	}
	return LoadSources(filepath.Join(dir, "*.txt"))
}

// LoadSources loads the files matching a filepath.Glob pattern, sorted by
// path, each named by its base name without extension. No match is an
// error wrapping [ErrNotPresent].
func LoadSources(pattern string) ([]Source, error) {
	paths, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%w: nothing matches %s", ErrNotPresent, pattern)
	}
	slices.Sort(paths)
	out := make([]Source, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		base := filepath.Base(p)
		out = append(out, Source{Name: strings.TrimSuffix(base, filepath.Ext(base)), Text: b})
	}
	return out, nil
}
