package dedup

import "fmt"

// A document's position orders documents as `overlap dedup` reads them:
// files in the order given, lines by byte offset within a file. It is one
// int64 (file index in the high bits, offset in the low ones) because the
// component labels are minimum positions, and Beam groups and compares
// int64 keys cheaply.
const (
	offsetBits = 40 // 1 TiB per (decompressed) file
	fileBits   = 63 - offsetBits
	maxOffset  = 1<<offsetBits - 1
	maxFiles   = 1 << fileBits
)

func position(file int, offset int64) (int64, error) {
	if file < 0 || file >= maxFiles {
		return 0, fmt.Errorf("too many input files (at most %d)", maxFiles)
	}
	if offset < 0 || offset > maxOffset {
		return 0, fmt.Errorf("input file %d is larger than %d bytes", file, int64(maxOffset))
	}
	return int64(file)<<offsetBits | offset, nil
}

// splitPosition returns the file index and byte offset of a position.
func splitPosition(pos int64) (file int, offset int64) {
	return int(pos >> offsetBits), pos & maxOffset
}
