package shingle_test

import (
	"fmt"

	"github.com/textoverlap/overlap/shingle"
)

// A sentence from seed 002, with a curly apostrophe and a non-breaking
// hyphen: tokens keep their place in the original text.
func ExampleTokens() {
	src := []byte("more capable long‑range systems for Kyiv’s defence")
	for tok := range shingle.Tokens(src) {
		fmt.Printf("%-8s %q\n", tok.Text, src[tok.Start:tok.End])
	}
	// Output:
	// more     "more"
	// capable  "capable"
	// long     "long"
	// range    "range"
	// systems  "systems"
	// for      "for"
	// kyiv's   "Kyiv’s"
	// defence  "defence"
}

func ExampleNormalize() {
	fmt.Println(shingle.Normalize("Kyiv’s “LONG‑RANGE” systems…"))
	fmt.Println(shingle.Normalize("kyiv's \"long-range\" systems..."))
	// Output:
	// kyiv's long range systems
	// kyiv's long range systems
}

func ExampleWordShingles() {
	src := []byte("NATO could reassess its role")
	for s := range shingle.WordShingles(src, 3) {
		fmt.Printf("%d %q\n", s.Index, src[s.Start:s.End])
	}
	// Output:
	// 0 "NATO could reassess"
	// 1 "could reassess its"
	// 2 "reassess its role"
}

// Winnowing keeps a few fingerprints per window of shingles, enough to
// guarantee that any shared run of w+k-1 words is noticed.
func ExampleWinnow() {
	a := []byte("Proponents argue that at the Vilnius summit, when member states gather in the near term, NATO could reassess its role.")
	b := []byte("Critics say that at the Vilnius summit, when member states gather in the near term, little will change.")
	const k, w = 3, 4
	seen := map[uint64]bool{}
	for s := range shingle.Winnow(shingle.WordShingles(a, k), w) {
		seen[s.Hash] = true
	}
	for s := range shingle.Winnow(shingle.WordShingles(b, k), w) {
		if seen[s.Hash] {
			fmt.Printf("%q\n", b[s.Start:s.End])
		}
	}
	// Output:
	// "Vilnius summit, when"
	// "summit, when member"
	// "states gather in"
	// "the near term"
}
