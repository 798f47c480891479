package shingle

import (
	"encoding/binary"
	"math/bits"

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

// hash64 is xxhash.Sum64(b), the shingle hash. Most word shingles are
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
	h ^= h >> 33
	h *= prime2
	h ^= h >> 29
	h *= prime3
	h ^= h >> 32
	return h
}
