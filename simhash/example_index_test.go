package simhash_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/textoverlap/overlap/simhash"
)

func ExampleIndex() {
	// Fingerprints of four documents, numbered 0 to 3; 1 and 2 are
	// near copies of 0.
	fps := []simhash.Fingerprint{
		0x3c5a_96e1_0f0f_7b21,
		0x3c5a_96e1_0f0f_7b20, // 1 bit from document 0
		0x3c5a_96e1_0f0f_7bde, // 8 bits from document 0, 7 from 1
		0xa1b2_c3d4_e5f6_0718,
	}
	var x simhash.Index
	for id, fp := range fps {
		x.Add(fp, uint64(id))
	}

	// Documents within 3 bits of a new one.
	for _, m := range x.Query(0x3c5a_96e1_0f0f_7b23, 3, nil) {
		fmt.Printf("query: document %d at distance %d\n", m.ID, m.Distance)
	}

	// Every pair of documents within 8 bits, for deduplicating a corpus.
	for p := range x.Pairs(8) {
		fmt.Printf("pair: documents %d and %d at distance %d\n", p.A, p.B, p.Distance)
	}
	// Output:
	// query: document 0 at distance 1
	// query: document 1 at distance 2
	// pair: documents 1 and 0 at distance 1
	// pair: documents 1 and 2 at distance 7
	// pair: documents 0 and 2 at distance 8
}

func ExampleLoadFile() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "corpus.idx")

	var x simhash.Index
	if err := x.Build([]simhash.Fingerprint{0xfeed, 0xfeef, 0xbeef}, []uint64{10, 11, 12}); err != nil {
		log.Fatal(err)
	}
	// SaveFile replaces the file atomically: a crash leaves the old one.
	if err := x.SaveFile(name); err != nil {
		log.Fatal(err)
	}

	y, err := simhash.LoadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(y.Len(), y.Query(0xfeed, 1, nil))
	// Output:
	// 3 [{10 0} {11 1}]
}
