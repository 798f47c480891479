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
// hashBlocksGo, its definition, whose results both assembly versions give:
// SSE2 step by step, and AVX-512 a block's words together, finding their
// lanes a batch at a time and then hashing them eight at a time
// (hashLanes).
func (t *Tokenizer) hashBlocks(dst []uint64, src []byte, p int) (n, blk, q int) {
	if !useAVX512 {
		return hashBlocksSSE2(dst, src, p)
	}
	if t.ys == nil {
		t.ys = new([lanesBatch]uint64)
	}
	for {
		d := dst[n:min(len(dst), n+len(t.ys))]
		m, blk, q := hashBlocksAVX512(d, t.ys[:len(d)], src, p)
		hashLanes(d[:m], t.ys[:m])
		n += m
		if blk >= 0 || m < len(d) || n == len(dst) {
			return n, blk, q
		}
		p = q // d is full, dst is not: on from the next word
	}
}

// lanesBatch is how many words' second lanes Tokenizer.ys holds.
const lanesBatch = 512

//go:noescape
func hashBlocksSSE2(dst []uint64, src []byte, p int) (n, blk, q int)

//go:noescape
func hashBlocksAVX512(dst, ys []uint64, src []byte, p int) (n, blk, q int)
