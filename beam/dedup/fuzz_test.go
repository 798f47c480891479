package dedup

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// refLines is the reader's contract spelled out: lines end at '\n' (a '\r'
// before it stays), a last line without one counts, a byte order mark
// opening the file is dropped, and each line's position is where it starts.
func refLines(b []byte) []string {
	var out []string
	for start := 0; start < len(b); {
		text, next := b[start:], len(b)
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			text, next = text[:i], start+i+1
		}
		if start == 0 {
			text = bytes.TrimPrefix(text, []byte("\uFEFF"))
		}
		out = append(out, fmt.Sprintf("%d:%q", start, text))
		start = next
	}
	return out
}

// FuzzReadLines reads any file in three pieces cut anywhere, as three
// workers would, and requires every line exactly once, at its position.
func FuzzReadLines(f *testing.F) {
	f.Add([]byte("\uFEFF{\"a\":1}\n\nsecond line\r\n  \nlast, no newline"), uint16(3), uint16(17))
	f.Add([]byte("\n\n\n"), uint16(1), uint16(2))
	f.Add([]byte("one line, no newline"), uint16(0), uint16(0))
	f.Add([]byte("\xEF\xBB\n\xBF\n"), uint16(2), uint16(3))
	f.Fuzz(func(t *testing.T, content []byte, c1, c2 uint16) {
		if len(content) == 0 {
			return
		}
		path := filepath.Join(t.TempDir(), "f.jsonl")
		require.NoError(t, os.WriteFile(path, content, 0o644))
		file := File{Path: path, Size: int64(len(content))}
		rest := (&readLinesFn{}).CreateInitialRestriction(file)
		a := int64(c1) % file.Size
		b := a + int64(c2)%(file.Size-a)
		var cuts []int64
		for _, c := range []int64{a, b} {
			if c > rest.Start && (len(cuts) == 0 || c > cuts[len(cuts)-1]) {
				cuts = append(cuts, c)
			}
		}
		var got []string
		for _, l := range readSplits(t, file, rest, cuts...) {
			got = append(got, fmt.Sprintf("%d:%q", l.Pos, l.Text))
		}
		require.Equal(t, refLines(content), got, "cuts %v", cuts)
	})
}

// FuzzDecodeDoc: the coder decodes what it encoded, and refuses anything
// of the wrong size without panicking.
func FuzzDecodeDoc(f *testing.F) {
	f.Add(encodeDoc(Doc{Pos: 42}))
	f.Add([]byte{})
	f.Add(make([]byte, docSize+1))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeDoc(b)
		if len(b) != docSize {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, b, encodeDoc(d))
	})
}
