package textedit_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/textoverlap/overlap/internal/textedit"
)

func Example() {
	src := "The alliance met on Tuesday in Brussels.\n\nIts members agreed on “almost nothing,” officials said.\n"
	rng := rand.New(rand.NewPCG(9, 10))
	res := textedit.Apply(src, rng,
		textedit.Substitute(0.15),
		textedit.AddHeader("Reuters — Filed 14:02 GMT"),
		textedit.StraightenQuotes())
	fmt.Print(string(res.Text))
	fmt.Printf("changed %.2f of %d words, restyled %d\n", res.Stats.ChangeFraction(), res.Stats.SrcWords, res.Stats.Restyled)
	// Every stretch of at least three words copied verbatim, and where it
	// is in both texts.
	for _, s := range res.Align.AtLeast([]byte(src), 3) {
		fmt.Printf("%q at %d in the source, %d in the copy\n", src[s.SrcStart:s.SrcEnd], s.SrcStart, s.DstStart)
	}
	// Output:
	// Reuters — Filed 14:02 GMT
	//
	// The alliance met on Tuesday in Brussels.
	//
	// Its members agreed on "almost nothing," on members.
	// changed 0.47 of 15 words, restyled 2
	// "The alliance met on Tuesday in Brussels.\n\nIts members agreed on " at 0 in the source, 29 in the copy
}
