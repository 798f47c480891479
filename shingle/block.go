package shingle

import "encoding/binary"

// blockMapsGo is blockMaps in portable Go, eight bytes at a time (see
// wordMask).
func blockMapsGo(b *[64]byte) (words, lead, digits, apos, points uint64) {
	for k := range 8 {
		x := binary.LittleEndian.Uint64(b[8*k:])
		sh := 8 * k
		words |= packBytes(wordMask(x)) << sh
		digits |= packBytes(digitMask(x)) << sh
		apos |= packBytes(byteMask(x, '\'')) << sh
		// , is 0x2c and . is 0x2e: no other byte is . with bit 1 set.
		points |= packBytes(byteMask(x|0x02*lowBits, '.')) << sh
		lead |= packBytes(leadMask(x)) << sh
	}
	return words, lead, digits, apos, points
}

// byteMask returns x with 0x80 in each byte equal to c, and 0 in every
// other byte: the low seven bits of a byte of x^c are zero exactly when
// adding 0x7f to them leaves the top bit clear, with no carry out.
func byteMask(x uint64, c byte) uint64 {
	y := x ^ uint64(c)*lowBits
	return ^((y&^highBits + 0x7f*lowBits) | y) & highBits
}

// leadMask returns x with 0x80 in each byte of the form 11xxxxxx, the
// first byte of a multi-byte rune, and 0 in every other byte.
func leadMask(x uint64) uint64 { return x & (x << 1) & highBits }
