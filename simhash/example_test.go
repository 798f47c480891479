package simhash_test

import (
	"fmt"

	"github.com/textoverlap/overlap/simhash"
)

// Fingerprints of a sentence from seed 002, a copy with typographic
// changes, and a lightly edited copy: formatting moves nothing, an edit
// moves a few bits, a different sentence about half of them.
func ExampleSum() {
	a := simhash.SumString("The idea is to deter further strikes on civilian infrastructure and use the gathering to align on concrete steps such as expanded military aid for Ukraine.")
	b := simhash.SumString("THE IDEA IS TO DETER FURTHER STRIKES ON CIVILIAN INFRASTRUCTURE\nand use the gathering to align on concrete steps such as expanded military aid for Ukraine…")
	c := simhash.SumString("The idea is to deter further strikes on civilian infrastructure and use the meeting to agree on concrete steps such as expanded military aid for Ukraine.")
	d := simhash.SumString("Another facet of the debate is whether Ukraine should gain a standing place in NATO structures as a non-voting participant.")
	fmt.Println(a.Distance(b), a.Distance(c) < 16, a.Distance(d) > 20)
	// Output: 0 true true
}

func ExampleFingerprint_MarshalText() {
	f, err := simhash.Parse("a1f78af0a3e06ddc")
	fmt.Println(f, err, f.Distance(simhash.Empty))
	_, err = simhash.Parse("A1F78AF0A3E06DDC")
	fmt.Println(err)
	// Output:
	// a1f78af0a3e06ddc <nil> 34
	// simhash: a fingerprint is exactly 16 lowercase hexadecimal digits: "A1F78AF0A3E06DDC"
}
