// Package textedit makes deterministic, labelled edited copies of prose so
// that tests can measure near-duplicate and shared-passage detection against
// a known ground truth.
//
// Every edit is an [Edit]: applied to a text with a seeded *rand.Rand from
// math/rand/v2 it returns a [Result] holding the edited text, counts of the
// words it changed ([Stats]) and an [Alignment], the list of byte spans that
// were copied verbatim from the input. Edits chain with [Compose], which
// composes their alignments, so the ground truth stays exact however many
// edits are stacked. [Quote] brings in text from a second document; the
// result then also carries an alignment from that document ([Borrowing]).
//
// # Words and paragraphs
//
// The package deliberately does not share the tokenizer of the code under
// test: a test whose ground truth came from the same tokenizer as the
// detector would not catch the tokenizer's mistakes. Its notion of a word is
// simple and stated here once:
//
//   - A word is a maximal run of non-whitespace runes (unicode.IsSpace), so
//     punctuation stays attached: “Kyiv’s”, “war.”, “non‑voting” and “—” are
//     each one word. Edits that rewrite words keep that attached punctuation
//     and change only the word's core (the word minus leading and trailing
//     punctuation and symbols), so the output still reads as prose.
//   - Paragraphs are separated by blank lines (lines holding only
//     whitespace). Much scraped news has one paragraph per line instead, so
//     unless a text is hard-wrapped (it has a blank line and no line of more
//     than 100 runes containing a space) every non-blank line is a
//     paragraph.
//
// # Determinism
//
// Edits draw randomness only through rng.Uint64, never through IntN, Perm or
// Shuffle, whose algorithms the standard library does not promise to keep;
// the committed fixtures under testdata/edits depend on that.
package textedit
