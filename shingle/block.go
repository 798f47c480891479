package shingle

import (
	"encoding/binary"
	"math/bits"
)

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

// Separator runes that hashBlocks steps over itself, as hashPlain would
// after returning to it (sepSize): a bit for each last byte, less 0x80, of
// the two-byte runes C2 xx (sepC2: no-break space, « and ») and of the
// three-byte runes E2 80 xx (sepE280: the spaces U+2002, U+2003 and U+2009,
// the hyphens U+2010 and U+2011, en and em dashes, curly double quotes,
// bullet, ellipsis, line separator and narrow no-break space). English
// text has few other non-ASCII runes; each one stops hashBlocks, and going
// back to it costs more than a block. TestSepRunes checks that each is a
// separator to the tokenizer. Curly single quotes are not here: they are
// apostrophes, which join words.
const (
	sepC2   = 1<<(0xa0-0x80) | 1<<(0xab-0x80) | 1<<(0xbb-0x80)
	sepE280 = 1<<(0x82-0x80) | 1<<(0x83-0x80) | 1<<(0x89-0x80) | 1<<(0x90-0x80) | 1<<(0x91-0x80) |
		1<<(0x93-0x80) | 1<<(0x94-0x80) | 1<<(0x9c-0x80) | 1<<(0x9d-0x80) | 1<<(0xa2-0x80) |
		1<<(0xa6-0x80) | 1<<(0xa8-0x80) | 1<<(0xaf-0x80)
)

// sepLeads returns the lead bytes, of those in lead, that begin one of the
// separator runes of sepC2 and sepE280 in b, a block and the 16 bytes
// after it, up to the first that does not: hashBlocks stops there, and
// what is past it does not matter. English blocks have none or one;
// blocks of other scripts are cut short at their first letter.
func sepLeads(b *[80]byte, lead uint64) uint64 {
	var seps uint64
	for l := lead; l != 0; l &= l - 1 {
		i := bits.TrailingZeros64(l)
		var x byte
		var set uint64
		switch {
		case b[i] == 0xe2 && b[i+1] == 0x80:
			x, set = b[i+2], sepE280
		case b[i] == 0xc2:
			x, set = b[i+1], sepC2
		default:
			return seps
		}
		if x&0xc0 != 0x80 || set>>(x&63)&1 == 0 {
			return seps
		}
		seps |= 1 << i
	}
	return seps
}
