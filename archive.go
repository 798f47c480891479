package overlap

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/cespare/xxhash/v2"
	"github.com/textoverlap/overlap/simhash"
)

// Archive is a collection of document signatures kept in a file, for
// checking new documents against everything seen before: a news archive, a
// crawl, a training corpus.
//
// The file is written by appending: Save adds one segment holding the
// documents added since the last save, so adding to an archive of a million
// documents writes the new ones, not the million. The trade-off is at
// opening, which reads every segment and rebuilds the fingerprint index (a
// million documents take a fraction of a second); a file of many small
// segments costs a little more to read than one big one, and
// Compact rewrites it as one.
//
// The header records how many bytes of segments are committed. Save appends
// the segment, syncs it, then rewrites the header and syncs again: a crash
// before the header is rewritten leaves bytes past the committed length,
// which readers ignore and the next Save overwrites, so a crash while saving
// leaves the previous archive intact. Every segment carries an xxhash64
// checksum; a file that is shorter than its header says, corrupted, or of
// another format version is refused with an error wrapping ErrArchive.
//
// An Archive is not safe for concurrent use, and only one process may
// write a file at a time.
type Archive struct {
	path    string
	ids     []string
	sigs    []Signature
	byID    map[string]int
	index   simhash.Index
	saved   int   // documents already in the file
	end     int64 // committed length of the file
	version uint32
}

// ErrArchive is wrapped by every error about an archive file's contents.
var ErrArchive = errors.New("overlap: bad archive file")

const (
	archiveMagic = "OVLARCH\x00"
	// archiveVersion 2: word hashes combined per shingle (package shingle),
	// which changed every stored signature; version 1 archives are refused
	// and must be rebuilt from their texts.
	archiveVersion = 2
	headerSize     = 32 // magic, version, reserved, committed length, checksum
	segmentMagic   = "SEG\x01"
	entrySize      = 8 + 4 + 2*SketchSize // simhash, shingles, sketch; then the id
	maxIDLen       = 1 << 16
)

// OpenArchive opens the archive in the file at path, or starts an empty one
// there when the file does not exist (nothing is written until Save).
func OpenArchive(path string) (*Archive, error) {
	a := &Archive{path: path, byID: map[string]int{}, version: archiveVersion}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return a, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := a.read(bufio.NewReaderSize(f, 1<<20), fi.Size()); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a.saved = len(a.ids)
	if err := a.index.Build(a.fingerprints(), a.numbers()); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrArchive}, args...)...)
}

// read loads the committed segments of a file of size bytes.
func (a *Archive) read(r io.Reader, size int64) error {
	var h [headerSize]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return bad("too short for a header (%d bytes)", size)
	}
	if string(h[:8]) != archiveMagic {
		return bad("not an overlap archive (magic %q)", h[:8])
	}
	if xxhash.Sum64(h[:24]) != binary.LittleEndian.Uint64(h[24:]) {
		return bad("header checksum mismatch")
	}
	if v := binary.LittleEndian.Uint32(h[8:]); v != archiveVersion {
		if v < archiveVersion {
			return bad("format version %d, made by an older overlap whose signatures this one cannot compare: rebuild it from the texts ('overlap index add')", v)
		}
		return bad("format version %d, this program reads version %d", v, archiveVersion)
	}
	a.end = int64(binary.LittleEndian.Uint64(h[16:]))
	if a.end < headerSize || a.end > size {
		return bad("truncated: header commits %d bytes, file has %d", a.end, size)
	}
	for off := int64(headerSize); off < a.end; {
		n, err := a.readSegment(r, a.end-off)
		if err != nil {
			return fmt.Errorf("segment at byte %d: %w", off, err)
		}
		off += n
	}
	return nil
}

// readSegment reads one segment, of at most limit bytes, and returns its
// length.
func (a *Archive) readSegment(r io.Reader, limit int64) (int64, error) {
	var h [16]byte
	if limit < int64(len(h))+8 {
		return 0, bad("truncated segment header")
	}
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, bad("truncated segment header")
	}
	if string(h[:4]) != segmentMagic {
		return 0, bad("no segment marker")
	}
	count := int64(binary.LittleEndian.Uint32(h[4:]))
	length := int64(binary.LittleEndian.Uint64(h[8:]))
	if length < count*(entrySize+2) || length > limit-int64(len(h))-8 {
		return 0, bad("segment of %d bytes for %d entries does not fit", length, count)
	}
	payload := make([]byte, length+8)
	if _, err := io.ReadFull(r, payload); err != nil {
		return 0, bad("truncated segment")
	}
	d := xxhash.New()
	d.Write(h[:])
	d.Write(payload[:length])
	if d.Sum64() != binary.LittleEndian.Uint64(payload[length:]) {
		return 0, bad("segment checksum mismatch")
	}
	p := payload[:length]
	for range count {
		if len(p) < entrySize+2 {
			return 0, bad("segment shorter than its entries")
		}
		var s Signature
		s.Simhash = simhash.Fingerprint(binary.LittleEndian.Uint64(p))
		s.Shingles = binary.LittleEndian.Uint32(p[8:])
		for i := range s.Sketch {
			s.Sketch[i] = binary.LittleEndian.Uint16(p[12+2*i:])
		}
		n := int(binary.LittleEndian.Uint16(p[entrySize:]))
		p = p[entrySize+2:]
		if n > len(p) {
			return 0, bad("id runs past its segment")
		}
		id := string(p[:n])
		p = p[n:]
		if _, dup := a.byID[id]; dup {
			return 0, bad("id %q stored twice", id)
		}
		a.byID[id] = len(a.ids)
		a.ids = append(a.ids, id)
		a.sigs = append(a.sigs, s)
	}
	if len(p) != 0 {
		return 0, bad("%d bytes after the last entry of a segment", len(p))
	}
	return int64(len(h)) + length + 8, nil
}

// Len returns the number of documents in the archive, saved or not.
func (a *Archive) Len() int { return len(a.ids) }

// Has reports whether the archive holds a document with this id.
func (a *Archive) Has(id string) bool {
	_, ok := a.byID[id]
	return ok
}

// Add adds a document. Ids are unique: adding one the archive already holds
// is an error, as is an id longer than 65,535 bytes.
func (a *Archive) Add(id string, s Signature) error {
	if _, dup := a.byID[id]; dup {
		return fmt.Errorf("id %q is already in the archive", id)
	}
	if len(id) >= maxIDLen {
		return fmt.Errorf("id of %d bytes is too long for an archive", len(id))
	}
	a.byID[id] = len(a.ids)
	a.index.Add(s.Simhash, uint64(len(a.ids)))
	a.ids = append(a.ids, id)
	a.sigs = append(a.sigs, s)
	return nil
}

// ArchiveMatch is an archived near-duplicate of a queried document.
type ArchiveMatch struct {
	ID         string  `json:"id"`
	Hamming    int     `json:"hamming"`
	Similarity float64 `json:"similarity"`
}

// DefaultRadius is the Hamming radius Query searches by default: a light
// edit moves a text's fingerprint at most 16 bits in 99.6% of cases on web
// prose (TestDefaultRadiusCoversLightEdits; README, "Choosing simhash
// features").
const DefaultRadius = 16

// Query returns the archived near-duplicates of a document: those whose
// fingerprints are within radius bits (0 means DefaultRadius) and that pass
// the near-duplicate rule on their sketches (threshold 0 means
// DefaultNearDuplicate), most similar first. It is safe to call from
// several goroutines at once while nothing is added.
func (a *Archive) Query(s Signature, radius int, threshold float64) []ArchiveMatch {
	if radius <= 0 {
		radius = DefaultRadius
	}
	out := []ArchiveMatch{}
	if s.Shingles == 0 {
		return out
	}
	type hit struct {
		m ArchiveMatch
		n int
	}
	var hits []hit
	for m := range a.index.Near(s.Simhash, radius) {
		o := &a.sigs[m.ID]
		if !s.NearDuplicate(o, threshold) {
			continue
		}
		hits = append(hits, hit{ArchiveMatch{a.ids[m.ID], m.Distance, round4(s.Similarity(o))}, int(m.ID)})
	}
	slices.SortFunc(hits, func(x, y hit) int {
		if c := cmp.Compare(y.m.Similarity, x.m.Similarity); c != 0 {
			return c
		}
		if c := cmp.Compare(x.m.Hamming, y.m.Hamming); c != 0 {
			return c
		}
		return cmp.Compare(x.n, y.n)
	})
	for _, h := range hits {
		out = append(out, h.m)
	}
	return out
}

// Save appends the documents added since the last save to the file,
// creating it if need be.
func (a *Archive) Save() error {
	if a.saved == len(a.ids) && a.end > 0 {
		return nil
	}
	f, err := os.OpenFile(a.path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := a.appendTo(f); err != nil {
		f.Close()
		return fmt.Errorf("saving %s: %w", a.path, err)
	}
	return f.Close()
}

func (a *Archive) appendTo(f *os.File) error {
	if a.end == 0 {
		a.end = headerSize
	}
	seg := a.segment(a.saved, len(a.ids))
	if _, err := f.WriteAt(seg, a.end); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	end := a.end + int64(len(seg))
	if _, err := f.WriteAt(header(end), 0); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	a.end, a.saved = end, len(a.ids)
	return nil
}

func header(end int64) []byte {
	h := make([]byte, headerSize)
	copy(h, archiveMagic)
	binary.LittleEndian.PutUint32(h[8:], archiveVersion)
	binary.LittleEndian.PutUint64(h[16:], uint64(end))
	binary.LittleEndian.PutUint64(h[24:], xxhash.Sum64(h[:24]))
	return h
}

// segment encodes documents lo to hi-1.
func (a *Archive) segment(lo, hi int) []byte {
	var p bytes.Buffer
	var e [entrySize + 2]byte
	for i := lo; i < hi; i++ {
		s := &a.sigs[i]
		binary.LittleEndian.PutUint64(e[:], uint64(s.Simhash))
		binary.LittleEndian.PutUint32(e[8:], s.Shingles)
		for j, v := range s.Sketch {
			binary.LittleEndian.PutUint16(e[12+2*j:], v)
		}
		binary.LittleEndian.PutUint16(e[entrySize:], uint16(len(a.ids[i])))
		p.Write(e[:])
		p.WriteString(a.ids[i])
	}
	seg := make([]byte, 16, 16+p.Len()+8)
	copy(seg, segmentMagic)
	binary.LittleEndian.PutUint32(seg[4:], uint32(hi-lo))
	binary.LittleEndian.PutUint64(seg[8:], uint64(p.Len()))
	seg = append(seg, p.Bytes()...)
	d := xxhash.New()
	d.Write(seg)
	return binary.LittleEndian.AppendUint64(seg, d.Sum64())
}

// Compact rewrites the archive as one segment, through a temporary file
// renamed over the old one, and saves anything unsaved.
func (a *Archive) Compact() error {
	tmp, err := os.CreateTemp(dirOf(a.path), ".overlap-archive-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	seg := a.segment(0, len(a.ids))
	end := int64(headerSize + len(seg))
	_, err = tmp.Write(append(header(end), seg...))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), a.path)
	}
	if err != nil {
		return fmt.Errorf("compacting %s: %w", a.path, err)
	}
	a.saved, a.end = len(a.ids), end
	return nil
}

func (a *Archive) fingerprints() []simhash.Fingerprint {
	out := make([]simhash.Fingerprint, len(a.sigs))
	for i, s := range a.sigs {
		out[i] = s.Simhash
	}
	return out
}

func (a *Archive) numbers() []uint64 {
	out := make([]uint64, len(a.sigs))
	for i := range out {
		out[i] = uint64(i)
	}
	return out
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			return path[:i+1]
		}
	}
	return "."
}
