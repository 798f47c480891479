package shingle

import "encoding/binary"

// blockMapsGo is blockMaps in portable Go, eight bytes at a time (see
// wordMask). Most eight bytes of English hold no digit, apostrophe, full
// stop, comma or lead byte: it packs only the masks that have one, which
// took 29% off its instructions on PAN13.
func blockMapsGo(b *[64]byte) (words, lead, digits, apos, points uint64) {
	for k := range 8 {
		x := binary.LittleEndian.Uint64(b[8*k:])
		sh := 8 * k
		words |= packBytes(wordMask(x)) << sh
		if d := digitMask(x); d != 0 {
			digits |= packBytes(d) << sh
		}
		if a := byteMask(x, '\''); a != 0 {
			apos |= packBytes(a) << sh
		}
		// , is 0x2c and . is 0x2e: no other byte is . with bit 1 set.
		if p := byteMask(x|0x02*lowBits, '.'); p != 0 {
			points |= packBytes(p) << sh
		}
		if x&highBits != 0 {
			lead |= packBytes(leadMask(x)) << sh
		}
	}
	return words, lead, digits, apos, points
}

// wordMapsGo is wordMaps in portable Go, eight bytes at a time. Written
// out, with no loop, it keeps more of the constants in registers and the
// eight words' chains apart: 227 instructions a block where the loop took
// about 320.
func wordMapsGo(b *[64]byte) (words, lead uint64) {
	x0 := binary.LittleEndian.Uint64(b[0:])
	x1 := binary.LittleEndian.Uint64(b[8:])
	x2 := binary.LittleEndian.Uint64(b[16:])
	x3 := binary.LittleEndian.Uint64(b[24:])
	x4 := binary.LittleEndian.Uint64(b[32:])
	x5 := binary.LittleEndian.Uint64(b[40:])
	x6 := binary.LittleEndian.Uint64(b[48:])
	x7 := binary.LittleEndian.Uint64(b[56:])
	words = packBytes(wordMask(x0)) | packBytes(wordMask(x1))<<8 |
		packBytes(wordMask(x2))<<16 | packBytes(wordMask(x3))<<24 |
		packBytes(wordMask(x4))<<32 | packBytes(wordMask(x5))<<40 |
		packBytes(wordMask(x6))<<48 | packBytes(wordMask(x7))<<56
	// Most blocks of English are ASCII throughout: look for lead bytes
	// only in the others.
	if (x0|x1|x2|x3|x4|x5|x6|x7)&highBits != 0 {
		lead = packBytes(leadMask(x0)) | packBytes(leadMask(x1))<<8 |
			packBytes(leadMask(x2))<<16 | packBytes(leadMask(x3))<<24 |
			packBytes(leadMask(x4))<<32 | packBytes(leadMask(x5))<<40 |
			packBytes(leadMask(x6))<<48 | packBytes(leadMask(x7))<<56
	}
	return words, lead
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
