package overlap

import (
	"testing"

	"github.com/textoverlap/overlap/internal/benchdata"
)

// BenchmarkSign measures Signer.Sign, the per-document work of dedup and
// of the archive, over the shared benchmark corpora on one core.
func BenchmarkSign(b *testing.B) {
	var s Signer
	var sink uint32
	benchdata.Each(b, func(docs [][]byte) {
		for _, d := range docs {
			sink += s.Sign(d).Shingles
		}
	})
	_ = sink
}
