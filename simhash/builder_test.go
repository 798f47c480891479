package simhash

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naive is the textbook simhash: a signed counter per bit.
func naive(hashes []uint64, weights []float64) Fingerprint {
	if len(hashes) == 0 {
		return Empty
	}
	var v [64]float64
	for i, h := range hashes {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		for b := range 64 {
			if h&(1<<b) != 0 {
				v[b] += w
			} else {
				v[b] -= w
			}
		}
	}
	var f Fingerprint
	for b := range 64 {
		if v[b] >= 0 {
			f |= 1 << b
		}
	}
	return f
}

func TestBuilderMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	// Sizes around the 255-feature lane flush matter most.
	for _, n := range []int{1, 2, 3, 254, 255, 256, 509, 510, 511, 1000, 5000} {
		hashes := make([]uint64, n)
		for i := range hashes {
			hashes[i] = rng.Uint64()
			if i%7 == 3 { // repeated features: term frequency
				hashes[i] = hashes[i-1]
			}
		}
		var b Builder
		for _, h := range hashes {
			b.Add(h)
		}
		assert.Equal(t, naive(hashes, nil), b.Sum(), "n=%d", n)
		assert.Equal(t, n, b.Len())
		// Sum does not disturb the Builder: adding more continues.
		b.Add(hashes[0])
		assert.Equal(t, naive(append(hashes, hashes[0]), nil), b.Sum())
	}
}

// TestBuilderSumEveryCount checks Sum at every count of features against
// exact counts, through the lane flush at 255 groups (4080 features) and past the
// second.
// The counts of the low 32 bits are steered to stay near half of n, so
// that they land on ties and on either side of them at every size; bit i
// of the others is set with a probability that grows with i.
func TestBuilderSumEveryCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	// b takes the features one by one, all takes them in batches of any
	// length, and w one by one after a weighted feature, which takes Sum's
	// other path and breaks the ties its way.
	var b, all, w Builder
	const heavy uint64 = 0x5555555555555555
	w.AddWeighted(heavy, 0.5)
	var counts [64]int
	var batch []uint64
	for n := 1; n <= 8400; n++ {
		var h uint64
		for i := range 64 {
			p := i + (i&1)*8 // out of 64
			if i < 32 {
				p = 26 + 12*min(max(n-2*counts[i], 0), 1)
			}
			if rng.IntN(64) < p {
				h |= 1 << i
			}
		}
		for i := range 64 {
			counts[i] += int(h >> i & 1)
		}
		b.Add(h)
		w.Add(h)
		batch = append(batch, h)
		var want, wantW Fingerprint
		for i := range 64 {
			if 2*counts[i] >= n {
				want |= 1 << i
			}
			if 2*counts[i]-n+int(heavy>>i&1) > 0 { // ± half a feature
				wantW |= 1 << i
			}
		}
		require.Equal(t, want, b.Sum(), "n=%d", n)
		require.Equal(t, n, b.Len())
		require.Equal(t, wantW, w.Sum(), "n=%d, weighted", n)
		if rng.IntN(10) == 0 {
			all.AddAll(batch)
			batch = batch[:0]
			require.Equal(t, want, all.Sum(), "n=%d, AddAll", n)
		}
	}
}

func TestBuilderWeighted(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	hashes := make([]uint64, 300)
	weights := make([]float64, 300)
	for i := range hashes {
		hashes[i], weights[i] = rng.Uint64(), 0.1+rng.Float64()*5
	}
	var b Builder
	for i, h := range hashes {
		b.AddWeighted(h, weights[i])
	}
	assert.Equal(t, naive(hashes, weights), b.Sum())

	// Mixed unit and weighted features add up.
	var m Builder
	for i, h := range hashes {
		if i%2 == 0 {
			m.Add(h)
			weights[i] = 1
		} else {
			m.AddWeighted(h, weights[i])
		}
	}
	assert.Equal(t, naive(hashes, weights), m.Sum())

	// A heavy feature dominates.
	var d Builder
	d.Add(0x00000000ffffffff)
	d.Add(0x00000000ffffffff)
	d.AddWeighted(0xffffffff00000000, 10)
	assert.Equal(t, Fingerprint(0xffffffff00000000), d.Sum())
}

func TestBuilderIgnoresWeightlessFeatures(t *testing.T) {
	var b Builder
	for _, w := range []float64{0, -1, nanf(), infp()} {
		b.AddWeighted(0x1234, w)
	}
	assert.Zero(t, b.Len())
	assert.Equal(t, Empty, b.Sum())
}

func nanf() float64 { z := 0.0; return z / z }
func infp() float64 { z := 0.0; return 1 / z }

func TestEmptyAndTies(t *testing.T) {
	var b Builder
	assert.Equal(t, Empty, b.Sum(), "no features")
	b.Add(0)
	assert.Equal(t, Fingerprint(0), b.Sum(), "one feature: its hash, even zero")
	b.Reset()
	b.Add(0xf0)
	b.Add(0x0f)
	// Every bit is a tie (one feature each way) except those clear in both.
	assert.Equal(t, Fingerprint(0xff), b.Sum())
	b.Reset()
	b.Add(0x1)
	assert.Equal(t, Fingerprint(1), b.Sum())
}

func TestEmptyIsDistinctFromRealText(t *testing.T) {
	var h Hasher
	f, n := h.Sum([]byte(""))
	assert.Equal(t, Empty, f)
	assert.Zero(t, n)
	f, n = h.Sum([]byte(" \n— … “” \x00\xff"))
	assert.Equal(t, Empty, f, "no words: empty")
	assert.Zero(t, n)
	// Short real texts land far from Empty, not near it: ties go to 1.
	for _, s := range []string{"a", "NATO", "NATO summit", "no", "no no", "a b c d"} {
		f, n := h.Sum([]byte(s))
		assert.Positive(t, n)
		assert.Greater(t, f.Distance(Empty), 8, "%q: %s", s, f)
	}
}

func TestBuilderDoesNotAllocate(t *testing.T) {
	var b Builder
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		b.Reset()
		for i := range 600 {
			b.Add(uint64(i) * 0x9e3779b97f4a7c15)
		}
		_ = b.Sum()
	}))
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b Fingerprint
		want int
	}{
		{0, 0, 0},
		{0, ^Fingerprint(0), 64},
		{0b1011, 0b0001, 2},
		{0x8000000000000000, 0, 1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.a.Distance(tt.b))
		assert.Equal(t, tt.want, Distance(tt.b, tt.a), "symmetric")
	}
	require.Equal(t, 0, Fingerprint(42).Distance(42))
}

// total returns the count per bit position that c holds.
func (c *counts) total() (n [64]int) {
	for i := range 64 {
		n[i] = 16*int(c.lanes[i/8]>>(8*(i%8))&0xff) + 8*int(c.eights>>i&1) + 4*int(c.fours>>i&1) +
			2*int(c.twos>>i&1) + int(c.ones>>i&1)
	}
	return n
}

// checkCountGroups requires countGroups, on each path this machine can
// run (SSE2, and AVX-512 where it has it), to count hs into a counter as
// countGroupsGo does, and to grow no lane byte by more than it promises.
func checkCountGroups(t *testing.T, start counts, hs []uint64) {
	t.Helper()
	want := start
	countGroupsGo(&want, hs)
	defer func(on bool) { useAVX512 = on }(useAVX512)
	for _, avx := range []bool{false, true} {
		if avx && !useAVX512 {
			break
		}
		useAVX512 = avx
		got := start
		countGroups(&got, hs)
		require.Equal(t, want.total(), got.total(), "%d features, AVX-512 %v", len(hs), avx)
		for j := range got.lanes {
			for l := range 8 {
				grew := int(got.lanes[j]>>(8*l)&0xff) - int(start.lanes[j]>>(8*l)&0xff)
				require.LessOrEqual(t, grew, 2*len(hs)/32+1, "lane byte %d, AVX-512 %v", 8*j+l, avx)
			}
		}
	}
}

func TestCountGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := range 2000 {
		start := counts{ones: rng.Uint64(), twos: rng.Uint64(), fours: rng.Uint64(), eights: rng.Uint64()}
		for j := range start.lanes {
			start.lanes[j] = rng.Uint64() & 0x3f3f3f3f3f3f3f3f
		}
		hs := make([]uint64, 32*(1+i%7))
		for k := range hs {
			switch i % 4 {
			case 0:
				hs[k] = rng.Uint64()
			case 1:
				hs[k] = ^uint64(0) // every count at its most
			case 2:
				hs[k] = rng.Uint64() & rng.Uint64() & rng.Uint64()
			default:
				hs[k] = uint64(k) * 0x9e3779b97f4a7c15
			}
		}
		checkCountGroups(t, start, hs)
	}
}

func FuzzCountGroups(f *testing.F) {
	f.Add([]byte("features, features"), uint64(0), uint64(0))
	f.Fuzz(func(t *testing.T, data []byte, ones, eights uint64) {
		hs := make([]uint64, 32*(1+len(data)%4))
		for k := range hs {
			for b := range 8 {
				if len(data) > 0 {
					hs[k] |= uint64(data[(8*k+b)%len(data)]) << (8 * b)
				}
			}
			hs[k] ^= uint64(k) * ones
		}
		checkCountGroups(t, counts{ones: ones, eights: eights}, hs)
	})
}
