package shingle

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// maps is blockMaps' results, to compare them at once.
type maps struct{ words, lead, digits, apos, points uint64 }

// refBlockMaps is blockMaps a byte at a time, by definition.
func refBlockMaps(b *[64]byte) (m maps) {
	for j, c := range b {
		bit := uint64(1) << j
		if '0' <= c && c <= '9' {
			m.digits |= bit
			m.words |= bit
		}
		if 'a' <= c|0x20 && c|0x20 <= 'z' {
			m.words |= bit
		}
		if c == '\'' {
			m.apos |= bit
		}
		if c == '.' || c == ',' {
			m.points |= bit
		}
		if c >= 0xc0 {
			m.lead |= bit
		}
	}
	return m
}

// blockMapsFuncs are the two ways to map a block: the assembly on amd64
// (the portable Go elsewhere) and the portable Go.
var blockMapsFuncs = map[string]func(*[64]byte) maps{
	"blockMaps": func(b *[64]byte) maps {
		w, l, d, a, p := blockMaps(b)
		return maps{w, l, d, a, p}
	},
	"blockMapsGo": func(b *[64]byte) maps {
		w, l, d, a, p := blockMapsGo(b)
		return maps{w, l, d, a, p}
	},
}

// checkBlockMaps compares blockMaps, blockMapsGo, wordMaps and wordMapsGo
// with refBlockMaps.
func checkBlockMaps(t *testing.T, b *[64]byte) {
	t.Helper()
	want := refBlockMaps(b)
	for name, f := range blockMapsFuncs {
		require.Equal(t, want, f(b), "%s: % x", name, b[:])
	}
	for name, f := range map[string]func(*[64]byte) (uint64, uint64){"wordMaps": wordMaps, "wordMapsGo": wordMapsGo} {
		words, lead := f(b)
		require.Equal(t, [2]uint64{want.words, want.lead}, [2]uint64{words, lead}, "%s: % x", name, b[:])
	}
}

func TestBlockMapsEveryByte(t *testing.T) {
	// Every byte value at every position, among bytes of each kind: the
	// SWAR code carries between bytes if it goes wrong, and the assembly
	// splits the block in four.
	for _, bg := range []byte{'a', 'Z', '5', ' ', 0, 0x7f, 0x80, 0xbf, 0xc0, 0xff} {
		var b [64]byte
		for j := range b {
			b[j] = bg
		}
		for j := range b {
			for v := range 256 {
				b[j] = byte(v)
				checkBlockMaps(t, &b)
			}
			b[j] = bg
		}
	}
}

func TestBlockMapsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// The ends of each range and their neighbours, control characters
	// that fold onto digits, and non-ASCII bytes of each kind.
	edges := []byte{0x00, 0x10, 0x19, 0x1f, '\'', ',', '-', '.', 0x2f, '0', '9', 0x3a, '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7f,
		0x80, 0x9a, 0xa0, 0xb0, 0xbf, 0xc0, 0xc1, 0xdf, 0xe0, 0xf0, 0xff}
	var b [64]byte
	for i := range 20000 {
		for j := range b {
			if i%2 == 0 {
				b[j] = byte(rng.Uint32())
			} else {
				b[j] = edges[rng.IntN(len(edges))]
			}
		}
		checkBlockMaps(t, &b)
	}
}

func FuzzBlockMaps(f *testing.F) {
	f.Add([]byte("The Quick brown fox, 1,000 jumps; über straße — “quoted” 日本語 end."))
	f.Add([]byte{0x2f, 0x30, 0x39, 0x3a, 0x40, 0x41, 0x5a, 0x5b, 0x60, 0x61, 0x7a, 0x7b, 0xbf, 0xc0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		// The input repeated to fill a block.
		var b [64]byte
		for j := range b {
			b[j] = data[j%len(data)]
		}
		checkBlockMaps(t, &b)
	})
}

// checkHashBlocks compares hashBlocks, which is assembly on amd64, with
// hashBlocksGo, from each start in src and with room for several numbers
// of words, one more than the AVX-512 path's batch among them, on each
// path this machine has.
func checkHashBlocks(t *testing.T, src []byte, starts ...int) {
	t.Helper()
	defer func(on bool) { useAVX512 = on }(useAVX512)
	for _, avx := range paths() {
		useAVX512 = avx
		var tk Tokenizer
		for _, size := range []int{0, 1, 7, 64, lanesBatch + 1} {
			want, got := make([]uint64, size), make([]uint64, size)
			for _, p := range starts {
				n, blk, q := hashBlocksGo(want, src, p)
				gotN, gotBlk, gotQ := tk.hashBlocks(got, src, p)
				require.Equal(t, [3]int{n, blk, q}, [3]int{gotN, gotBlk, gotQ}, "n, blk, q from %d of %q, room for %d, AVX-512 %v", p, src, size, avx)
				require.Equal(t, want[:n], got[:n], "from %d of %q, AVX-512 %v", p, src, avx)
			}
		}
	}
}

func TestHashBlocksSeeds(t *testing.T) {
	for name, text := range seeds(t) {
		t.Run(name, func(t *testing.T) {
			starts := []int{}
			for p := 0; p < len(text); p += 7 {
				starts = append(starts, p)
			}
			checkHashBlocks(t, text, starts...)
		})
	}
	// The seeds with every non-ASCII byte a space: runs of more plain
	// words than one batch of the AVX-512 path, which goes on from where
	// a full batch stopped.
	var all []byte
	for _, text := range seeds(t) {
		all = append(all, text...)
	}
	for i, c := range all {
		if c >= utf8.RuneSelf {
			all[i] = ' '
		}
	}
	checkHashBlocks(t, all, 0, 1, 100)
}

// Random text of short and long words, joins, separators, and
// non-ASCII runes and stray bytes, which end or stop hashBlocks.
func TestHashBlocksRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "bb", "Word", "eightchr", "ninechars", "sixteen-letters", "SixteenLettersXY", "seventeenletters1",
		"don't", "1,000", "3.5", "U.S.", "x'", "'", ".", ",", " ", "  ", "\n", "-", "é", "’", "—", "\xa0", "\xc3", "\x80", "日本",
		// The separator runes hashBlocks steps over, and runs of the same
		// lead bytes that are not (U+2012, a zero-width space, ’, U+2044,
		// a lone or cut-short lead), which stop it.
		"\u00a0", "«", "»", "“", "”", "–", "…", "•", "\u2009", "\u2028", "\u202f", "\u2011",
		"\u2012", "\u200b", "\u2044", "\xc2", "\xc2A", "\xe2\x80", "\xe2\x80A", "\xc2\xbf"}
	for range 2000 {
		var b []byte
		for len(b) < 200 {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		checkHashBlocks(t, b, 0, rng.IntN(len(b)), rng.IntN(len(b)))
	}
}

// Each rune of sepC2 and sepE280 is a separator to the tokenizer, which
// hashPlain steps over (sepSize), so that hashBlocks may step over it
// itself; the runes around them with the same lead bytes, which are not
// in the sets, are not stepped over; and every path agrees.
func TestSepRunes(t *testing.T) {
	for x := 0x80; x < 0xc0; x++ {
		for _, c := range []struct {
			set    uint64
			prefix string
		}{{sepC2, "\xc2"}, {sepE280, "\xe2\x80"}} {
			r := append([]byte(c.prefix), byte(x))
			var b [80]byte
			copy(b[5:], r)
			in := c.set>>(x-0x80)&1 != 0
			require.Equal(t, in, sepLeads(&b, 1<<5) == 1<<5, "%q", r)
			if in {
				require.Positive(t, sepSize(r, 0), "%q is in the set but not a separator", r)
			}
			// The assembly's copies of the sets agree, wherever in a
			// block the rune falls.
			for _, pad := range []int{0, 1, 30, 60, 61, 62, 63} {
				text := strings.Repeat(" ", pad) + "ab" + string(r) + "cd " + strings.Repeat("x ", 60)
				checkHashBlocks(t, []byte(text), 0)
			}
		}
	}
}

func FuzzHashBlocks(f *testing.F) {
	f.Add([]byte("The Quick brown fox, 1,000 jumps; don't über long‑range straße — “quoted” 日本語 end. "+
		"A few more words to fill a block and cross into the next one, with 3.5% and U.S. too."), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, p uint8) {
		checkHashBlocks(t, data, int(p))
	})
}

// BenchmarkBlockMaps maps the seed articles a block at a time, with the
// assembly (on amd64) and with the portable Go: the choice between them
// rests on this and on the tokenizer's instruction counts.
func BenchmarkBlockMaps(b *testing.B) {
	var src []byte
	for _, text := range seeds(b) {
		src = append(src, text...)
	}
	blocks := len(src) / 64
	for name, f := range blockMapsFuncs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(64 * blocks))
			var sink uint64
			for b.Loop() {
				for p := 0; p+64 <= len(src); p += 64 {
					m := f((*[64]byte)(src[p : p+64]))
					sink += m.words ^ m.lead ^ m.digits ^ m.apos ^ m.points
				}
			}
			blockSink = sink
		})
	}
}

var blockSink uint64
