//go:build !amd64 || !gc || purego

package shingle

// blockMaps maps a block into bitmaps (see loadBlock), bit j for b[j]:
// words has ASCII letters and digits, lead the first bytes of multi-byte
// runes (11xxxxxx), digits ASCII digits, apos apostrophes ('), and points
// full stops and commas.
func blockMaps(b *[64]byte) (words, lead, digits, apos, points uint64) {
	return blockMapsGo(b)
}

// wordMaps returns blockMaps' words and lead bitmaps alone, for the
// tokenizer's Next, which needs no more.
func wordMaps(b *[64]byte) (words, lead uint64) { return wordMapsGo(b) }

// hashBlocks hashes the plain words of src from p on into dst: see
// hashBlocksGo.
func (t *Tokenizer) hashBlocks(dst []uint64, src []byte, p int) (n, blk, q int) {
	return hashBlocksGo(dst, src, p)
}

// lanesBatch is the length of Tokenizer.ys, which only the AVX-512 path
// uses.
const lanesBatch = 0
