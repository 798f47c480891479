package textedit

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Edit is an edit, or a pipeline of edits, that can be applied to a text.
//
// Apply must be deterministic given the state of rng, must not modify text
// and must not return a Result whose Text aliases it. A nil rng behaves as a
// fixed seed.
type Edit interface {
	Apply(text []byte, rng *rand.Rand) Result
}

// Result is an edited text and its ground truth.
type Result struct {
	Text []byte
	// Align maps the input text to Text.
	Align Alignment
	// Borrowed maps other texts, brought in by [Quote], to Text.
	Borrowed []Borrowing
	Stats    Stats
	// Steps lists the edits applied, in order, with their parameters.
	Steps []Step
}

// Borrowing records text copied into a result from a document other than
// the one being edited.
type Borrowing struct {
	Source string    `json:"source"`
	Align  Alignment `json:"align"`
}

// Stats counts what an edit did, in words of the texts it worked on.
//
// Substituted, Inserted and Deleted count edit operations, so in a pipeline
// a word inserted and later deleted counts twice: the sum bounds the real
// change from above. Deleted includes words cut by [Truncate]. Restyled
// counts words whose bytes changed without the word changing (quotes, case);
// it is not part of [Stats.ChangeFraction] because normalising detectors are
// expected to see through it.
type Stats struct {
	SrcWords    int `json:"source_words"`
	Substituted int `json:"substituted"`
	Inserted    int `json:"inserted"`
	Deleted     int `json:"deleted"`
	Restyled    int `json:"restyled"`
}

// Changed returns Substituted+Inserted+Deleted.
func (s Stats) Changed() int { return s.Substituted + s.Inserted + s.Deleted }

// ChangeFraction returns the words changed relative to the source's word
// count. An edit that adds words to an empty text changed all of it (1).
func (s Stats) ChangeFraction() float64 {
	switch {
	case s.Changed() == 0:
		return 0
	case s.SrcWords == 0:
		return 1
	}
	return float64(s.Changed()) / float64(s.SrcWords)
}

// then accumulates the counts of a later edit; SrcWords stays that of the
// first text.
func (s Stats) then(t Stats) Stats {
	s.Substituted += t.Substituted
	s.Inserted += t.Inserted
	s.Deleted += t.Deleted
	s.Restyled += t.Restyled
	return s
}

// Step names one edit and its parameters, as recorded in fixture manifests.
type Step struct {
	Op     string         `json:"op"`
	Params map[string]any `json:"params,omitempty"`
}

func (s Step) String() string {
	if len(s.Params) == 0 {
		return s.Op
	}
	keys := make([]string, 0, len(s.Params))
	for k := range s.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(s.Op)
	b.WriteByte('(')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(formatParam(s.Params[k]))
	}
	b.WriteByte(')')
	return b.String()
}

// Identity returns text unchanged, with the alignment that says so.
func Identity(text []byte) Result {
	out := slices.Clone(text)
	if out == nil {
		out = []byte{}
	}
	var a Alignment
	if len(text) > 0 {
		a = Alignment{{0, len(text), 0, len(text)}}
	}
	return Result{Text: out, Align: a, Stats: Stats{SrcWords: CountWords(text)}}
}

// Compose returns the edit that applies edits in order, each to the output
// of the one before, drawing from the same rng. Its alignment is the
// composition of theirs, so it still maps the first input to the final
// text; borrowings made by earlier edits are carried through later ones.
// Compose() is the identity.
func Compose(edits ...Edit) Edit { return pipeline(slices.Clone(edits)) }

type pipeline []Edit

func (p pipeline) Apply(text []byte, rng *rand.Rand) Result {
	rng = defaultRand(rng)
	res := Identity(text)
	for _, e := range p {
		next := e.Apply(res.Text, rng)
		res.Align = res.Align.Then(next.Align)
		for i := range res.Borrowed {
			res.Borrowed[i].Align = res.Borrowed[i].Align.Then(next.Align)
		}
		res.Borrowed = append(res.Borrowed, next.Borrowed...)
		res.Stats = res.Stats.then(next.Stats)
		res.Steps = append(res.Steps, next.Steps...)
		res.Text = next.Text
	}
	return res
}

// Apply applies edits in order to text; see [Compose].
func Apply[T ~string | ~[]byte](text T, rng *rand.Rand, edits ...Edit) Result {
	return Compose(edits...).Apply([]byte(text), rng)
}

// editFunc adapts a function to [Edit].
type editFunc func(text []byte, rng *rand.Rand) Result

func (f editFunc) Apply(text []byte, rng *rand.Rand) Result { return f(text, defaultRand(rng)) }

func formatParam(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}
