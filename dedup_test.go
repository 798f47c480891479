package overlap

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/textoverlap/overlap/internal/textedit"
	"github.com/textoverlap/overlap/shingle"
	"github.com/textoverlap/overlap/simhash"
)

// quality scores clusters against labels over all pairs of documents:
// precision is the share of pairs put together that belong together,
// recall the share of pairs that belong together that were put together.
func quality(labels []string, clusters []int) (precision, recall float64, fp, fn int) {
	var tp int
	for i := range labels {
		for j := i + 1; j < len(labels); j++ {
			same, got := labels[i] == labels[j], clusters[i] == clusters[j]
			switch {
			case same && got:
				tp++
			case got:
				fp++
			case same:
				fn++
			}
		}
	}
	precision, recall = 1, 1
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	return precision, recall, fp, fn
}

func dedup(docs []textedit.Doc) []int {
	var d Deduper
	var s Signer
	for _, doc := range docs {
		d.Add(s.Sign(doc.Text))
	}
	c, _ := d.Clusters()
	return c
}

func labelsOf(docs []textedit.Doc) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Cluster
	}
	return out
}

// On light edits of the seeds and hard negatives quoting them, dedup must
// be near perfect. This runs every time: the seeds are in the repository.
func TestDedupSeeds(t *testing.T) {
	src, err := textedit.LoadSources("seeds/*.txt")
	require.NoError(t, err)
	docs, err := textedit.Corpus(src, textedit.CorpusConfig{Variants: 12, Quoting: 1}, rand.New(rand.NewPCG(1, 1)))
	require.NoError(t, err)
	p, r, fp, fn := quality(labelsOf(docs), dedup(docs))
	t.Logf("%d documents: precision %.4f recall %.4f (%d false, %d missed pairs)", len(docs), p, r, fp, fn)
	assert.Equal(t, 1.0, p)
	assert.GreaterOrEqual(t, r, 0.98)
}

// The bar, on public prose nobody tuned to: pairwise precision ≥
// 0.99 and recall ≥ 0.98 on light edits and hard negatives made from PAN
// 2013 source documents.
func TestDedupQualityPAN(t *testing.T) {
	src, err := textedit.PAN13Sources()
	if err != nil {
		t.Skip(err)
	}
	if testing.Short() {
		src = src[:100]
	}
	docs, err := textedit.Corpus(src, textedit.CorpusConfig{Variants: 3, Quoting: len(src) / 10}, rand.New(rand.NewPCG(2, 2)))
	require.NoError(t, err)
	p, r, fp, fn := quality(labelsOf(docs), dedup(docs))
	t.Logf("%d documents from %d sources: precision %.4f recall %.4f (%d false, %d missed pairs)", len(docs), len(src), p, r, fp, fn)
	assert.GreaterOrEqual(t, p, 0.99)
	assert.GreaterOrEqual(t, r, 0.98)
}

func TestDeduperClusters(t *testing.T) {
	docs := readDocs(t, "seeds/*.txt")
	var d Deduper
	d.KeepPairs = true
	var s Signer
	texts := [][]byte{docs[0].Text, docs[1].Text, docs[0].Text, nil, docs[1].Text[:len(docs[1].Text)*9/10], docs[2].Text}
	for _, t := range texts {
		d.Add(s.Sign(t))
	}
	clusters, pairs := d.Clusters()
	assert.Equal(t, []int{0, 1, 0, 3, 1, 5}, clusters, "first document of each cluster; the empty text alone")
	var got []string
	for _, p := range pairs {
		got = append(got, fmt.Sprint(p.A, p.B))
	}
	assert.Equal(t, []string{"0 2", "1 4"}, got)
	assert.Equal(t, 1.0, pairs[0].Similarity)
	assert.Zero(t, pairs[0].Hamming)
}

func TestSignature(t *testing.T) {
	docs := readDocs(t, "seeds/*.txt")
	var s Signer
	a := s.Sign(docs[3].Text)
	assert.Equal(t, a, s.Sign(docs[3].Text), "deterministic")
	// Distinct shingles, exactly.
	set := map[uint64]bool{}
	an := analyze(docs[3], 4, &scratch{})
	for _, h := range an.shing {
		set[h] = true
	}
	assert.Equal(t, uint32(len(set)), a.Shingles)
	// Estimates track the exact measures of Compare.
	for _, other := range docs {
		b := s.Sign(other.Text)
		exact := Compare(docs[3], other, Options{})
		assert.InDelta(t, exact.Similarity, a.Similarity(&b), 0.15, other.ID)
	}
	empty := s.Sign(nil)
	assert.Zero(t, empty.Shingles)
	assert.False(t, empty.NearDuplicate(&empty, 0))
	assert.Zero(t, testing.AllocsPerRun(10, func() { s.Sign(docs[3].Text) }))
}

// referenceSign computes a signature the plain way, shingling the text
// twice through package shingle, to pin Sign's one-pass window.
func referenceSign(text []byte) Signature {
	var sig Signature
	sig.Simhash = simhash.Sum(text)
	var mins [SketchSize]uint64
	for i := range mins {
		mins[i] = emptyBin
	}
	set := map[uint64]bool{}
	for sh := range shingle.WordShingles(text, ShingleWords) {
		set[sh.Hash] = true
		bin, v := sh.Hash>>58, mix64(sh.Hash&(1<<58-1))
		mins[bin] = min(mins[bin], v)
	}
	sig.Shingles = uint32(len(set))
	if sig.Shingles == 0 {
		return sig
	}
	densify(&mins)
	for i, m := range mins {
		sig.Sketch[i] = uint16(m)
	}
	return sig
}

func TestSignMatchesReference(t *testing.T) {
	var s Signer
	texts := []string{"", "…", "one", "one two", "one two three", "one two three four", "Kyiv’s “long‑range” plan, again and again and again"}
	for _, d := range readDocs(t, "seeds/*.txt") {
		texts = append(texts, string(d.Text))
	}
	for _, d := range readDocs(t, "testdata/edits/*.txt") {
		texts = append(texts, string(d.Text))
	}
	for _, txt := range texts {
		assert.Equal(t, referenceSign([]byte(txt)), s.Sign([]byte(txt)), "%.40q", txt)
	}
}

func TestBucketPairs(t *testing.T) {
	for _, tc := range []struct {
		n, want int
	}{
		{0, 0}, {1, 0}, {2, 1}, {5, 10},
		{91, 91 * 90 / 2}, // 4095 pairs: still every pair
		{92, 2*92 - 3},    // 4186 > maxBucketPairs: first and predecessor
	} {
		members := make([]int, tc.n)
		for i := range members {
			members[i] = 10 * i
		}
		seen := map[[2]int]bool{}
		BucketPairs(members, func(a, b int) bool {
			assert.Less(t, a, b)
			assert.False(t, seen[[2]int{a, b}], "pair %d,%d twice", a, b)
			seen[[2]int{a, b}] = true
			return true
		})
		assert.Len(t, seen, tc.want, "bucket of %d", tc.n)
		calls := 0
		BucketPairs(members, func(a, b int) bool { calls++; return false })
		assert.Equal(t, min(1, tc.want), calls, "stops when told, bucket of %d", tc.n)
	}
}

func TestBandKey(t *testing.T) {
	var s Signer
	a := s.Sign([]byte("The talks in Geneva ended without an agreement on the ceasefire."))
	b := s.Sign([]byte("The talks in Geneva ended without an agreement on the ceasefire!"))
	c := s.Sign([]byte("Share prices rose sharply in Tokyo after the central bank spoke."))
	agree := func(x, y *Signature) int {
		n := 0
		for band := range LSHBands {
			kx, okx := x.BandKey(band)
			ky, oky := y.BandKey(band)
			require.True(t, okx && oky)
			if kx == ky {
				n++
			}
		}
		return n
	}
	assert.Equal(t, LSHBands, agree(&a, &b), "same words, same keys")
	assert.Less(t, agree(&a, &c), 3, "different texts share almost no band")
	empty := s.Sign([]byte(" -- "))
	_, ok := empty.BandKey(0)
	assert.False(t, ok, "a text with no words has no keys")
}

// Clusters, however it skips and orders work, must give the connected
// components of the graph whose edges are the pairs that share a band key
// and pass NearDuplicate, labelled by their first document; with KeepPairs,
// exactly those pairs, once each. Checked against that definition computed
// by brute force over every pair, on light edits, quotes and exact copies
// of the seeds at several thresholds.
func TestClustersMatchDefinition(t *testing.T) {
	src, err := textedit.LoadSources("seeds/*.txt")
	require.NoError(t, err)
	docs, err := textedit.Corpus(src, textedit.CorpusConfig{Variants: 12, Quoting: 2}, rand.New(rand.NewPCG(5, 5)))
	require.NoError(t, err)
	var s Signer
	var sigs []Signature
	for _, d := range docs {
		sigs = append(sigs, s.Sign(d.Text))
	}
	sigs = append(sigs, sigs[3], s.Sign(nil), sigs[10]) // exact copies and an empty text
	shareBand := func(a, b *Signature) bool {
		for band := range LSHBands {
			ka, oka := a.BandKey(band)
			kb, okb := b.BandKey(band)
			if oka && okb && ka == kb {
				return true
			}
		}
		return false
	}
	for _, threshold := range []float64{0, 0.3, 0.8} {
		uf := newUnionFind(len(sigs))
		var want []string
		for a := range sigs {
			for b := a + 1; b < len(sigs); b++ {
				if shareBand(&sigs[a], &sigs[b]) && sigs[a].NearDuplicate(&sigs[b], threshold) {
					uf.union(a, b)
					want = append(want, fmt.Sprint(a, b))
				}
			}
		}
		d := Deduper{Threshold: threshold, KeepPairs: true}
		for _, sig := range sigs {
			d.Add(sig)
		}
		clusters, pairs := d.Clusters()
		var got []string
		for _, p := range pairs {
			got = append(got, fmt.Sprint(p.A, p.B))
		}
		assert.Equal(t, want, got, "threshold %v: pairs", threshold)
		d.KeepPairs = false
		plain, _ := d.Clusters()
		assert.Equal(t, clusters, plain, "threshold %v: clusters with and without pairs", threshold)
		for i := range sigs {
			assert.Equal(t, uf.find(i), clusters[i], "threshold %v: document %d", threshold, i)
		}
		assert.Greater(t, len(want), len(sigs)/2, "threshold %v: the corpus has near-duplicates", threshold)
	}
}
