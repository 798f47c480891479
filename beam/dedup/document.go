package dedup

import (
	"encoding/binary"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/textoverlap/overlap"
	"github.com/textoverlap/overlap/simhash"
)

// Doc is what the pipeline keeps of a document once read: its position and
// its signature, about 150 bytes whatever the text's length.
type Doc struct {
	Pos int64
	Sig overlap.Signature
}

// docSize is a Doc's encoded size: position, simhash, shingle count and the
// sketch, fixed width.
const docSize = 8 + 8 + 4 + 2*overlap.SketchSize

func init() {
	// A Doc crosses every shuffle of the pipeline once per LSH band: a
	// fixed-width binary coder keeps it at docSize bytes, where Beam's
	// default (JSON, or a schema row) would spell out 64 numbers.
	beam.RegisterCoder(reflect.TypeFor[Doc](), encodeDoc, decodeDoc)
}

func encodeDoc(d Doc) []byte {
	b := make([]byte, 0, docSize)
	b = binary.LittleEndian.AppendUint64(b, uint64(d.Pos))
	b = binary.LittleEndian.AppendUint64(b, uint64(d.Sig.Simhash))
	b = binary.LittleEndian.AppendUint32(b, d.Sig.Shingles)
	for _, v := range d.Sig.Sketch {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

func decodeDoc(b []byte) (Doc, error) {
	if len(b) != docSize {
		return Doc{}, fmt.Errorf("dedup: encoded Doc has %d bytes, want %d", len(b), docSize)
	}
	var d Doc
	d.Pos = int64(binary.LittleEndian.Uint64(b))
	d.Sig.Simhash = simhash.Fingerprint(binary.LittleEndian.Uint64(b[8:]))
	d.Sig.Shingles = binary.LittleEndian.Uint32(b[16:])
	for i := range d.Sig.Sketch {
		d.Sig.Sketch[i] = binary.LittleEndian.Uint16(b[20+2*i:])
	}
	return d, nil
}
