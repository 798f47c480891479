package overlap_test

import (
	"fmt"

	"github.com/textoverlap/overlap"
)

// Compare two texts: a sentence from seed 002 and a lightly edited copy.
func ExampleCompare() {
	a := []byte("Proponents argue that at the Vilnius summit, when member states gather in the near term, NATO could reassess its role.")
	b := []byte("Critics say that at the Vilnius summit, when member nations gather in the near term, NATO could reassess its role.")
	p := overlap.Compare(overlap.Document{ID: "a", Text: a}, overlap.Document{ID: "b", Text: b}, overlap.Options{})
	fmt.Printf("similarity %.2f, near-duplicate %v\n", p.Similarity, p.NearDuplicate)
	for _, s := range p.Passages {
		fmt.Printf("%d words: %q\n", s.Words, b[s.B.Start:s.B.End])
	}
	// Output:
	// similarity 0.57, near-duplicate true
	// 17 words: "that at the Vilnius summit, when member nations gather in the near term, NATO could reassess its role"
}

// Report on a set: which documents are near-duplicates, what they share,
// and what each repeats.
func ExampleNewReport() {
	docs := []overlap.Document{
		{ID: "wire.txt", Text: []byte("Ukraine’s reported decision to step back from its long-held ambition to join NATO has sent shockwaves through Western capitals.\nShare this article\n")},
		{ID: "paper.txt", Text: []byte("UKRAINE'S REPORTED DECISION to step back from its long-held ambition to join NATO has sent shockwaves through Western capitals, officials said.")},
		{ID: "blog.txt", Text: []byte("Kyiv is weighing security guarantees instead.\nShare this article\nMore below.\nShare this article\n")},
	}
	r := overlap.NewReport(docs, overlap.Options{})
	for _, p := range r.Pairs {
		fmt.Printf("%s ~ %s: similarity %.2f, near-duplicate %v, %d passage(s)\n", p.A, p.B, p.Similarity, p.NearDuplicate, len(p.Passages))
	}
	for _, rep := range r.Repeats {
		fmt.Printf("%s repeats %d words %d times\n", rep.ID, rep.Words, len(rep.Spans))
	}
	// Output:
	// wire.txt ~ paper.txt: similarity 0.78, near-duplicate true, 1 passage(s)
	// blog.txt repeats 3 words 2 times
}
