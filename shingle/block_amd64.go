//go:build gc && !purego

package shingle

// blockMaps maps a block into bitmaps (see loadBlock), bit j for b[j]:
// words has ASCII letters and digits, lead the first bytes of multi-byte
// runes (11xxxxxx), digits ASCII digits, apos apostrophes ('), and points
// full stops and commas. With SSE2, sixteen bytes at a time, it takes 137
// instructions a block, and about a third of blockMapsGo's time
// (BenchmarkBlockMaps).
//
//go:noescape
func blockMaps(b *[64]byte) (words, lead, digits, apos, points uint64)

// wordMaps returns blockMaps' words and lead bitmaps alone, for the
// tokenizer's Next, which needs no more: 80 instructions a block.
//
//go:noescape
func wordMaps(b *[64]byte) (words, lead uint64)

// hashBlocks hashes the plain words of src from p on into dst: see
// hashBlocksGo, which it follows step by step.
//
//go:noescape
func hashBlocks(dst []uint64, src []byte, p int) (n, blk, q int)
