//go:build gc && !purego

package shingle

import "golang.org/x/sys/cpu"

// useAVX512 says whether the processor and the operating system can run the
// AVX-512 loops: they need the foundation, DQ's 64-bit multiply and 8-bit
// masks, BW's byte compares, VBMI's byte permutes and VBMI2's byte
// compress (Ice Lake and Zen 4 on), and BMI1, BMI2 and POPCNT's bit
// counts, BZHI and PDEP. Tests turn it off to run the other loops on the
// same machine.
var useAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512BW &&
	cpu.X86.HasAVX512VBMI && cpu.X86.HasAVX512VBMI2 &&
	cpu.X86.HasBMI1 && cpu.X86.HasBMI2 && cpu.X86.HasPOPCNT

// shingles2AVX512 and shingles3AVX512 are shingles2Go and shingles3Go eight
// shingles at a time: a 64-bit multiply of eight lanes takes about twice
// as long as one in a general register (0.95 against 0.45 ns here), and a
// shingle hash is six or seven multiplies. shingles2AVX512 takes all of
// out; shingles3AVX512 the first len(out)/8*8 shingles.
//
//go:noescape
func shingles2AVX512(out, words []uint64)

//go:noescape
func shingles3AVX512(out, words []uint64)

// pipelineMin is the fewest hashes for which the pipelined AVX-512 loops
// beat Go: filling and draining their pipeline costs six iterations a call,
// and a text's words come in short runs between the words that stop
// hashBlocks (half the calls on PAN13 hash fewer than seven). Measured
// (the fastest of eight runs): 8 word hashes 88 ns against 28 in Go, 32 about
// even, 64 157 against 210; the same for shingles.
const pipelineMin = 32

func shingles2(out, words []uint64) {
	if useAVX512 && len(out) >= pipelineMin {
		shingles2AVX512(out, words)
		return
	}
	shingles2Go(out, words)
}

func shingles3(out, words []uint64) {
	if n := len(out) &^ 7; useAVX512 && n > 0 {
		shingles3AVX512(out[:n], words[:n+2])
		out, words = out[n:], words[n:]
	}
	shingles3Go(out, words)
}

// hashLanesAVX512 sets dst[i] to the WordHash of the word of up to 16
// bytes whose first lane is dst[i] and whose second is ys[i], zero for
// words of up to 8 bytes; ys is at least as long as dst.
//
//go:noescape
func hashLanesAVX512(dst, ys []uint64)

// hashLanes is hashLanesAVX512, in Go below pipelineMin words.
func hashLanes(dst, ys []uint64) {
	if len(dst) >= pipelineMin {
		hashLanesAVX512(dst, ys)
		return
	}
	ys = ys[:len(dst)]
	for i, x := range dst {
		if y := ys[i]; y == 0 {
			dst[i] = hash8(x)
		} else {
			dst[i] = hash16(x, y)
		}
	}
}
