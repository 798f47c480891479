package simhash

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/cespare/xxhash/v2"
)

// An index file holds only the entries, 16 bytes each; loading rebuilds the
// tables, which keeps files at 40% of the memory size and leaves no way for
// stored tables to disagree with the entries. All integers are
// little-endian:
//
//	offset      size  field
//	0           8     magic "simhidx\n"
//	8           4     format version, 1
//	12          4     flags, 0
//	16          8     entry count n
//	24          8n    fingerprints, in increasing (fingerprint, id) order
//	24+8n       8n    ids, in the same order
//	24+16n      8     XXH64 (seed 0) of the 24+16n bytes before it
//
// Columns rather than records keep each array one contiguous read.
const (
	fileMagic   = "simhidx\n"
	fileVersion = 1
	headerSize  = 24
	trailerSize = 8
	entrySize   = 16
	// fileChunk is how many entries are encoded or decoded per read or write.
	fileChunk = 1 << 13
)

var (
	// ErrCorrupt reports index data that cannot be decoded: not an index,
	// truncated, or failing its checksum.
	ErrCorrupt = errors.New("simhash: corrupt index file")
	// ErrVersion reports an index file in a format version this package
	// does not read.
	ErrVersion = errors.New("simhash: unsupported index file version")
)

// WriteTo writes the entries of x to w in the index file format, merging any
// pending entries first. It implements [io.WriterTo].
func (x *Index) WriteTo(w io.Writer) (int64, error) {
	t := x.merge()
	n := t.len()
	h := xxhash.New()
	var written int64
	put := func(b []byte) error {
		h.Write(b)
		m, err := w.Write(b)
		written += int64(m)
		return err
	}
	buf := make([]byte, 0, fileChunk*8)
	buf = append(buf, fileMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, fileVersion)
	buf = binary.LittleEndian.AppendUint32(buf, 0)
	buf = binary.LittleEndian.AppendUint64(buf, uint64(n))
	if err := put(buf); err != nil {
		return written, err
	}
	if t != nil {
		for _, col := range [][]uint64{t.fp, t.id} {
			for len(col) > 0 {
				c := col[:min(len(col), fileChunk)]
				col = col[len(c):]
				buf = buf[:0]
				for _, v := range c {
					buf = binary.LittleEndian.AppendUint64(buf, v)
				}
				if err := put(buf); err != nil {
					return written, err
				}
			}
		}
	}
	m, err := w.Write(binary.LittleEndian.AppendUint64(buf[:0], h.Sum64()))
	written += int64(m)
	return written, err
}

// ReadFrom replaces the contents of x with the index that r holds, in the
// format WriteTo writes, reading until EOF. Data that is not exactly one
// valid index (including data following one) gives an error wrapping
// [ErrCorrupt] or [ErrVersion] and leaves x unchanged. Memory allocated
// grows with the data actually read, not with the entry count the header
// claims. ReadFrom implements [io.ReaderFrom].
func (x *Index) ReadFrom(r io.Reader) (int64, error) {
	t, n, err := readIndex(r, -1)
	if err != nil {
		return n, err
	}
	x.st.Store(&indexState{t: t})
	return n, nil
}

// readIndex decodes an index from r. If size is not negative, it is the
// number of bytes r holds, which must be exactly the index.
func readIndex(r io.Reader, size int64) (t *blockTables, read int64, err error) {
	h := xxhash.New()
	buf := make([]byte, headerSize, fileChunk*8)
	get := func(b []byte, what string) error {
		m, err := io.ReadFull(r, b)
		read += int64(m)
		h.Write(b[:m])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return fmt.Errorf("%w: truncated in the %s: %w", ErrCorrupt, what, io.ErrUnexpectedEOF)
		}
		return err
	}
	if err := get(buf, "header"); err != nil {
		return nil, read, err
	}
	if string(buf[:8]) != fileMagic {
		return nil, read, fmt.Errorf("%w: not a simhash index (magic %q, want %q)", ErrCorrupt, buf[:8], fileMagic)
	}
	if v := binary.LittleEndian.Uint32(buf[8:]); v != fileVersion {
		return nil, read, fmt.Errorf("%w: the file is version %d; this package reads version %d", ErrVersion, v, fileVersion)
	}
	if f := binary.LittleEndian.Uint32(buf[12:]); f != 0 {
		return nil, read, fmt.Errorf("%w: unknown flags %#x in the header", ErrCorrupt, f)
	}
	count := binary.LittleEndian.Uint64(buf[16:])
	// The second bound is for 32-bit platforms, where the columns of more
	// entries would not fit in memory.
	if count > maxIndexEntries || count > math.MaxInt/entrySize {
		return nil, read, fmt.Errorf("%w: the header claims %d entries, more than an index holds", ErrCorrupt, count)
	}
	n := int(count)
	if size >= 0 {
		if want := headerSize + entrySize*int64(n) + trailerSize; size != want {
			return nil, read, fmt.Errorf("%w: the header claims %d entries, which take %d bytes, but the file has %d", ErrCorrupt, n, want, size)
		}
	}
	// Without a known size, grow the columns as data arrives, so a corrupt
	// count cannot make us allocate more than about twice what was read.
	prealloc := n
	if size < 0 {
		prealloc = min(n, 1<<16)
	}
	cols := [2][]uint64{make([]uint64, 0, prealloc), nil}
	names := [2]string{"fingerprints", "ids"}
	for c := range cols {
		if c == 1 {
			cols[1] = make([]uint64, 0, n) // the fingerprints were all there
		}
		for len(cols[c]) < n {
			m := min(n-len(cols[c]), fileChunk)
			b := buf[:m*8]
			if err := get(b, names[c]); err != nil {
				return nil, read, err
			}
			for i := 0; i < len(b); i += 8 {
				cols[c] = append(cols[c], binary.LittleEndian.Uint64(b[i:]))
			}
		}
	}
	sum := h.Sum64()
	b := buf[:trailerSize]
	if err := get(b, "checksum"); err != nil {
		return nil, read, err
	}
	if stored := binary.LittleEndian.Uint64(b); stored != sum {
		return nil, read, fmt.Errorf("%w: checksum mismatch (stored %016x, computed %016x)", ErrCorrupt, stored, sum)
	}
	if size < 0 {
		m, err := io.ReadFull(r, b[:1])
		read += int64(m)
		if m > 0 {
			return nil, read, fmt.Errorf("%w: data after the end of the index", ErrCorrupt)
		}
		if err != io.EOF {
			return nil, read, err
		}
	}
	fp, id := cols[0], cols[1]
	switch {
	case n == 0:
		return nil, read, nil
	case cap(fp) > n+n/8:
		fp = clipUint64s(fp)
	}
	if sortedByFPID(fp, id) {
		return tablesFromSorted(fp, id), read, nil
	}
	// Another writer may not sort; the data is still good.
	sortFPID(fp, id)
	return tablesFromSorted(fp, id), read, nil
}

// clipUint64s returns a copy of s without spare capacity.
func clipUint64s(s []uint64) []uint64 {
	return append(make([]uint64, 0, len(s)), s...)
}

// LoadFile reads an index file written by [Index.SaveFile] or
// [Index.WriteTo]. Errors are [*fs.PathError]s; an invalid file gives one
// wrapping [ErrCorrupt] or [ErrVersion]. The file's size is checked against
// the header's entry count before anything is allocated for the entries.
func LoadFile(name string) (*Index, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if !fi.Mode().IsRegular() {
		size = -1
	}
	t, _, err := readIndex(f, size)
	if err != nil {
		return nil, &fs.PathError{Op: "load", Path: name, Err: err}
	}
	x := new(Index)
	x.st.Store(&indexState{t: t})
	return x, nil
}

// SaveFile writes x to the named file so that the file always holds either
// its old contents or the complete new index, even if the program or the
// machine stops midway: it writes a temporary file in the same directory,
// flushes it to stable storage, and renames it over the target. A new file
// gets permission bits 0644; an existing one keeps its own.
func (x *Index) SaveFile(name string) error {
	return writeFileAtomic(name, func(w io.Writer) error {
		_, err := x.WriteTo(w)
		return err
	})
}

func writeFileAtomic(name string, write func(io.Writer) error) (err error) {
	perm := fs.FileMode(0o644)
	if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
		perm = fi.Mode().Perm()
	}
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return &fs.PathError{Op: "save", Path: name, Err: err}
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
			err = &fs.PathError{Op: "save", Path: name, Err: err}
		}
	}()
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	closed = true
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		return err
	}
	// Make the rename itself durable. Not every system can sync a
	// directory, and the data is safe either way, so errors are ignored.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
