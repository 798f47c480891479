package shingle

import (
	"encoding/binary"
	"math/bits"
	"slices"

	"github.com/cespare/xxhash/v2"
)

// xxhash64 constants (github.com/Cyan4973/xxHash, XXH64).
const (
	prime1 uint64 = 11400714785074694791
	prime2 uint64 = 14029467366897019727
	prime3 uint64 = 1609587929392839161
	prime4 uint64 = 9650029242287828579
	prime5 uint64 = 2870177450012600261
)

// WordHash returns the hash of one normalised word: xxhash64 of its bytes
// followed by zero bytes up to a multiple of eight. No normalised word
// holds a zero byte, so the padding cannot make two words collide; it makes
// the cost fixed for words of up to eight bytes (most words), which the
// tokenizer hashes straight from the input with one load and no branch on
// the length.
func WordHash(w []byte) uint64 {
	switch n := len(w); {
	case n == 0:
		return xxhash.Sum64(nil)
	case n <= 8:
		return hash8(lastLane(w))
	case n <= 16:
		return hash16(binary.LittleEndian.Uint64(w), lastLane(w[8:]))
	}
	return paddedHash(w)
}

// lastLane reads the last 1 to 8 bytes of a word as a lane, zero-padded.
func lastLane(b []byte) uint64 {
	if len(b) >= 8 {
		return binary.LittleEndian.Uint64(b)
	}
	var l [8]byte
	copy(l[:], b)
	return binary.LittleEndian.Uint64(l[:])
}

// paddedHash is XXH64 of w zero-padded to a multiple of 8 bytes, without
// copying w: words in scripts of two or three bytes a letter are often
// longer than 16 bytes, and going through xxhash.Digest cost them several
// times the hash itself.
func paddedHash(w []byte) uint64 {
	padded := uint64(len(w)+7) &^ 7
	var h uint64
	if padded >= 32 {
		p1 := prime1 // a variable: the constant negated overflows
		v1, v2, v3, v4 := p1+prime2, prime2, uint64(0), -p1
		for ; len(w) >= 32; w = w[32:] {
			v1 = round(v1, binary.LittleEndian.Uint64(w))
			v2 = round(v2, binary.LittleEndian.Uint64(w[8:]))
			v3 = round(v3, binary.LittleEndian.Uint64(w[16:]))
			v4 = round(v4, binary.LittleEndian.Uint64(w[24:]))
		}
		if len(w) > 24 { // the last stripe ends in padding
			v1 = round(v1, binary.LittleEndian.Uint64(w))
			v2 = round(v2, binary.LittleEndian.Uint64(w[8:]))
			v3 = round(v3, binary.LittleEndian.Uint64(w[16:]))
			v4 = round(v4, lastLane(w[24:]))
			w = nil
		}
		h = bits.RotateLeft64(v1, 1) + bits.RotateLeft64(v2, 7) + bits.RotateLeft64(v3, 12) + bits.RotateLeft64(v4, 18)
		h = mergeRound(h, v1)
		h = mergeRound(h, v2)
		h = mergeRound(h, v3)
		h = mergeRound(h, v4)
	} else {
		h = prime5
	}
	h += padded
	for ; len(w) > 8; w = w[8:] {
		h = lane(h, binary.LittleEndian.Uint64(w))
	}
	if len(w) > 0 {
		h = lane(h, lastLane(w))
	}
	return avalanche(h)
}

func round(acc, input uint64) uint64 {
	acc += input * prime2
	return bits.RotateLeft64(acc, 31) * prime1
}

func mergeRound(acc, val uint64) uint64 {
	acc ^= round(0, val)
	return acc*prime1 + prime4
}

// wordHashPadded is WordHash(w) for a w whose capacity holds the zero
// bytes that pad it to a multiple of eight, so that every lane is one load.
func wordHashPadded(w []byte) uint64 {
	n := len(w)
	p := w[:(n+7)&^7]
	switch {
	case n == 0:
		return xxhash.Sum64(nil)
	case n <= 8:
		return hash8(binary.LittleEndian.Uint64(p))
	case n <= 16:
		return hash16(binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(p[8:]))
	}
	return paddedHash(p)
}

// runeLane is the UTF-8 encoding of r as a zero-padded lane: WordHash of a
// one-character word is hash8(runeLane(r)).
func runeLane(r rune) uint64 {
	switch {
	case r < 0x80:
		return uint64(r)
	case r < 0x800:
		return uint64(0xC0|r>>6) | uint64(0x80|r&0x3F)<<8
	case r < 0x10000:
		return lane3(r)
	}
	return uint64(0xF0|r>>18) | uint64(0x80|r>>12&0x3F)<<8 | uint64(0x80|r>>6&0x3F)<<16 | uint64(0x80|r&0x3F)<<24
}

// lane3 is runeLane of a rune of three bytes in UTF-8, small enough to be
// inlined where Han and kana are hashed.
func lane3(r rune) uint64 {
	return uint64(0xE0|r>>12) | uint64(0x80|r>>6&0x3F)<<8 | uint64(0x80|r&0x3F)<<16
}

// ShingleHash returns the hash of a word shingle from its words'
// [WordHash] values, in order: xxhash64 of those values as 8-byte
// little-endian integers. Hashing each word once and combining per
// shingle costs a few multiplies whatever the words' lengths, where hashing
// each shingle's text cost a long, length-dependent chain per shingle.
func ShingleHash(words []uint64) uint64 {
	switch len(words) {
	case 2:
		return hash16(words[0], words[1])
	case 3:
		return hash24(words[0], words[1], words[2])
	}
	return shingleHashN(words)
}

// AppendShingleHashes appends to dst the ShingleHash of each run of k
// consecutive words in words (given by their WordHash values): one per
// run, len(words)-k+1 in all, none when there are fewer than k words. It is
// the batch form of ShingleHash, whose loops the processor overlaps.
func AppendShingleHashes(dst, words []uint64, k int) []uint64 {
	n := len(words) - k + 1
	if k <= 0 || n <= 0 {
		return dst
	}
	l := len(dst)
	dst = slices.Grow(dst, n)[:l+n]
	out := dst[l:]
	switch k {
	case 2:
		shingles2(out, words[:n+1])
	case 3:
		shingles3(out, words[:n+2])
	default:
		for i := range out {
			out[i] = shingleHashN(words[i : i+k])
		}
	}
	return dst
}

// shingles2Go sets out[i] to hash16(words[i], words[i+1]). Each word's lane
// input (its round) is computed once, not once per shingle, and so is its
// lane as a shingle's first word, which depends on nothing else: what is
// left per shingle is one lane and the avalanche.
func shingles2Go(out, words []uint64) {
	first := lane(prime5+16, words[0])
	words = words[1:]
	out = out[:len(words)]
	for i, w := range words {
		r := bits.RotateLeft64(w*prime2, 31) * prime1
		h := bits.RotateLeft64(first^r, 27)*prime1 + prime4
		first = bits.RotateLeft64((prime5+16)^r, 27)*prime1 + prime4
		out[i] = avalanche(h)
	}
}

// shingles3Go sets out[i] to hash24(words[i], words[i+1], words[i+2]), each
// word's round and first lane computed once, as in shingles2Go.
func shingles3Go(out, words []uint64) {
	first := lane(prime5+24, words[0])
	r1 := bits.RotateLeft64(words[1]*prime2, 31) * prime1
	words = words[2:]
	out = out[:len(words)]
	for i, w := range words {
		r2 := bits.RotateLeft64(w*prime2, 31) * prime1
		h := bits.RotateLeft64(first^r1, 27)*prime1 + prime4
		h = bits.RotateLeft64(h^r2, 27)*prime1 + prime4
		first = bits.RotateLeft64((prime5+24)^r1, 27)*prime1 + prime4
		r1 = r2
		out[i] = avalanche(h)
	}
}

func shingleHashN(words []uint64) uint64 {
	if len(words) == 1 {
		return hash8(words[0])
	}
	var d xxhash.Digest
	d.Reset()
	var b [64]byte
	for len(words) > 0 {
		n := min(len(words), len(b)/8)
		for i, w := range words[:n] {
			binary.LittleEndian.PutUint64(b[8*i:], w)
		}
		d.Write(b[:8*n])
		words = words[n:]
	}
	return d.Sum64()
}

// XXH64 of 8, 16 and 24 bytes, given as little-endian words: below 32
// bytes XXH64 takes each 8-byte lane in turn and then avalanches.
func hash8(x uint64) uint64 { return avalanche(lane(prime5+8, x)) }

func hash16(x, y uint64) uint64 { return avalanche(lane(lane(prime5+16, x), y)) }

func hash24(x, y, z uint64) uint64 { return avalanche(lane(lane(lane(prime5+24, x), y), z)) }

func lane(h, x uint64) uint64 {
	h ^= bits.RotateLeft64(x*prime2, 31) * prime1
	return bits.RotateLeft64(h, 27)*prime1 + prime4
}

func avalanche(h uint64) uint64 {
	h = (h ^ h>>33) * prime2
	h = (h ^ h>>29) * prime3
	return h ^ h>>32
}

// plainHash is WordHash of src[a:b], a run of ASCII letters and digits,
// lowercased: setting the case bit lowercases letters and leaves digits
// alone, and the mask cuts off the bytes after the word. It reads up to 16
// bytes from a, so short words near the end of the input go the slow way.
func plainHash(src []byte, a, b int) uint64 {
	if n := b - a; n <= 8 && a+8 <= len(src) {
		x := binary.LittleEndian.Uint64(src[a:]) | caseBits
		return hash8(x & (^uint64(0) >> (64 - 8*n)))
	}
	return plainHashLong(src, a, b)
}

func plainHashLong(src []byte, a, b int) uint64 {
	n := b - a
	if n <= 16 && a+16 <= len(src) {
		x := binary.LittleEndian.Uint64(src[a:]) | caseBits
		y := binary.LittleEndian.Uint64(src[a+8:]) | caseBits
		return hash16(x, y&(^uint64(0)>>(128-8*n)))
	}
	var buf [64]byte
	if n <= len(buf) {
		for i, c := range src[a:b] {
			buf[i] = c | 0x20
		}
		return WordHash(buf[:n])
	}
	// A long run (a URL's letters, a hash in hex): lowercased and hashed a
	// piece at a time.
	var d xxhash.Digest
	d.Reset()
	for p := a; p < b; p += len(buf) {
		piece := buf[:min(b-p, len(buf))]
		for i := range piece {
			piece[i] = src[p+i] | 0x20
		}
		d.Write(piece)
	}
	clear(buf[:8])
	d.Write(buf[:(8-n%8)%8])
	return d.Sum64()
}

// hash64 is xxhash.Sum64(b), the character n-gram hash. Most n-grams are
// shorter than 32 bytes, where XXH64 skips its four-lane stripe loop and is
// a handful of multiplies; done inline here it costs less than the call into
// the assembly Sum64, whose set-up is sized for long input. Longer input
// goes to xxhash.Sum64. Tests check it against xxhash.Sum64 at every length.
func hash64(b []byte) uint64 {
	if len(b) >= 32 {
		return xxhash.Sum64(b)
	}
	h := prime5 + uint64(len(b))
	for ; len(b) >= 8; b = b[8:] {
		k := binary.LittleEndian.Uint64(b) * prime2
		k = bits.RotateLeft64(k, 31) * prime1
		h ^= k
		h = bits.RotateLeft64(h, 27)*prime1 + prime4
	}
	if len(b) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(b)) * prime1
		h = bits.RotateLeft64(h, 23)*prime2 + prime3
		b = b[4:]
	}
	for _, c := range b {
		h ^= uint64(c) * prime5
		h = bits.RotateLeft64(h, 11) * prime1
	}
	return avalanche(h)
}
