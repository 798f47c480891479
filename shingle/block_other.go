//go:build !amd64 || !gc || purego

package shingle

// blockMaps returns the words and lead bitmaps of a block (see loadBlock):
// bit j of words is set when b[j] is an ASCII letter or digit, and bit j of
// lead when b[j] is the first byte of a multi-byte rune (11xxxxxx).
func blockMaps(b *[64]byte) (words, lead uint64) { return blockMapsGo(b) }
