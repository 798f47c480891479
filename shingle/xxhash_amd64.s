//go:build gc && !purego

#include "textflag.h"

// iota8 is the bytes 0 to 7, for lanesIn.
DATA iota8<>+0(SB)/8, $0x0706050403020100
GLOBL iota8<>(SB), RODATA|NOPTR, $8

#define PRIME1 $11400714785074694791
#define PRIME2 $14029467366897019727
#define PRIME3 $1609587929392839161
#define PRIME4 $9650029242287828579
#define PRIME5 $2870177450012600261

// primes broadcasts the XXH64 primes 1 to 4 into Z16 to Z19, and prime5+n
// into Z20.
#define primes(n) \
	MOVQ         PRIME1, AX \
	VPBROADCASTQ AX, Z16    \
	MOVQ         PRIME2, AX \
	VPBROADCASTQ AX, Z17    \
	MOVQ         PRIME3, AX \
	VPBROADCASTQ AX, Z18    \
	MOVQ         PRIME4, AX \
	VPBROADCASTQ AX, Z19    \
	MOVQ         PRIME5, AX \
	ADDQ         n, AX      \
	VPBROADCASTQ AX, Z20

// round, lane and avalanche are XXH64's steps on eight lanes, for the
// straight loop of shingles3AVX512; the primes are in Z16 to Z19.

// round replaces the eight words in z with their rounds, rotl(w*p2, 31)*p1.
#define round(z) \
	VPMULLQ Z17, z, z \
	VPROLQ  $31, z, z \
	VPMULLQ Z16, z, z

// lane xors the rounds r into the states h and mixes them:
// rotl(h^r, 27)*p1 + p4.
#define lane(r, h) \
	VPXORQ  r, h, h   \
	VPROLQ  $27, h, h \
	VPMULLQ Z16, h, h \
	VPADDQ  Z19, h, h

// avalanche mixes the states in z into hashes, through Z2.
#define avalanche(z) \
	VPSRLQ  $33, z, Z2 \
	VPXORQ  Z2, z, z   \
	VPMULLQ Z17, z, z  \
	VPSRLQ  $29, z, Z2 \
	VPXORQ  Z2, z, z   \
	VPMULLQ Z18, z, z  \
	VPSRLQ  $32, z, Z2 \
	VPXORQ  Z2, z, z

// lanesIn sets up the lane numbers of both pipelined loops: Z23 those of
// group i, the group stage A loads (from 0), Z24 those of group i-6, the
// group stage G stores (from -48), Z22 eight lanes of 8 to move both on by
// a group, and Z25 len, the length of the output, in every lane. VPCMPUQ
// $1 of a slice's length against a group's numbers gives the lanes in the
// slice: none for a negative number, which compares as unsigned above any
// length. It uses AX.
#define lanesIn(len) \
	MOVQ         $8, AX           \
	VPBROADCASTQ AX, Z22          \
	VPMOVZXBQ    iota8<>(SB), Z23 \
	MOVQ         $-48, AX         \
	VPBROADCASTQ AX, Z24          \
	VPADDQ       Z23, Z24, Z24    \
	VPBROADCASTQ len, Z25

// stagesGF are the last two steps of both pipelined loops, whose groups
// are in the same registers there: G stores group i-6 (none in the first
// six iterations) to DI, masked to the lanes of the output (numbers in
// Z24, the output's length in Z25); F takes group i-5 through the
// avalanche's second multiply. It uses K6, Z10 and Z11.
#define stagesGF \
	VPCMPUQ   $1, Z25, Z24, K6           \
	VPADDQ    Z22, Z24, Z24              \
	VPSRLQ    $32, Z10, Z11              \
	VPXORQ    Z11, Z10, Z10              \
	VMOVDQU64 Z10, K6, -48*8(DI)(CX*1)   \
	VPSRLQ    $29, Z9, Z10               \
	VPXORQ    Z10, Z9, Z10               \
	VPMULLQ   Z18, Z10, Z10

// nextIteration moves CX to the next group and goes back to loop while
// group i-6 of the next iteration is still in the output. It uses R10.
#define nextIteration(loop) \
	ADDQ $64, CX        \
	LEAQ 48*8(BX), R10  \
	CMPQ CX, R10        \
	JLT  loop

// func shingles2AVX512(out, words []uint64)
//
// Software-pipelined as hashLanesAVX512 is, each word's round computed
// once: a shingle's second word is its neighbour's first, eight rounds
// along, shifted in with VALIGNQ.
//	A (group i): Z0 = w*p2
//	B (i-1): Z3 = rounds
//	C (i-2): Z6 = rotl(seed^r, 27)*p1, the first lane but for p4; Z4 keeps
//	   the rounds of i-2 for D
//	D (i-3): Z8 = rotl(Z6+p4 ^ the next words' rounds, 27)*p1
//	E (i-4): Z9 = (h^h>>33)*p2, h = Z8+p4
//	F (i-5): Z10 = (h^h>>29)*p3
//	G (i-6): h^h>>32 stored
// Registers: DI out, SI words, BX len(out)*8, CX the byte offset of group
// i; Z23 and Z24 the lane numbers of groups i and i-6, Z25 and Z26
// len(out) and len(words).
TEXT ·shingles2AVX512(SB), NOSPLIT, $0-48
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), BX
	MOVQ words_base+24(FP), SI
	MOVQ words_len+32(FP), R11
	TESTQ BX, BX
	JZ   done
	lanesIn(BX)
	VPBROADCASTQ R11, Z26
	SHLQ $3, BX
	primes($16)
	XORQ CX, CX

loop:
	stagesGF

	// E
	VPADDQ  Z19, Z8, Z8
	VPSRLQ  $33, Z8, Z9
	VPXORQ  Z9, Z8, Z9
	VPMULLQ Z17, Z9, Z9

	// D
	VALIGNQ $1, Z4, Z3, Z11
	VPADDQ  Z19, Z6, Z8
	VPXORQ  Z11, Z8, Z8
	VPROLQ  $27, Z8, Z8
	VPMULLQ Z16, Z8, Z8

	// C
	VPXORQ    Z3, Z20, Z6
	VPROLQ    $27, Z6, Z6
	VPMULLQ   Z16, Z6, Z6
	VMOVDQA64 Z3, Z4

	// B
	VPROLQ  $31, Z0, Z3
	VPMULLQ Z16, Z3, Z3

	// A
	VPCMPUQ   $1, Z26, Z23, K5
	VPADDQ    Z22, Z23, Z23
	VMOVDQU64.Z (SI)(CX*1), K5, Z0
	VPMULLQ   Z17, Z0, Z0

	nextIteration(loop)
	VZEROUPPER

done:
	RET

// func shingles3AVX512(out, words []uint64)
TEXT ·shingles3AVX512(SB), NOSPLIT, $0-48
	MOVQ out_base+0(FP), DI
	MOVQ out_len+8(FP), CX
	MOVQ words_base+24(FP), SI
	SHRQ $3, CX
	JZ   done
	primes($24)

loop:
	VMOVDQU64 (SI), Z0
	VMOVDQU64 8(SI), Z1
	VMOVDQU64 16(SI), Z4
	round(Z0)
	round(Z1)
	round(Z4)
	VMOVDQA64 Z20, Z3
	lane(Z0, Z3)
	lane(Z1, Z3)
	lane(Z4, Z3)
	avalanche(Z3)
	VMOVDQU64 Z3, (DI)
	ADDQ      $64, SI
	ADDQ      $64, DI
	DECQ      CX
	JNZ       loop
	VZEROUPPER

done:
	RET

// func hashLanesAVX512(dst, ys []uint64)
//
// Each word's hash is a chain of six multiplies, whose latency in a vector
// register is several times that in a general one: done group after
// group, the scheduler fills with waiting work and the loop runs at that
// latency. So the loop is software-pipelined: an iteration takes each of
// seven groups of eight words one step further, each step needing only
// what the iteration before left, and the steps are taken last to first so
// that each reads its registers before the step before overwrites them.
//	A (group i): Z0, Z1 = x*p2, y*p2; Z2 the seed (K1: the long words)
//	B (i-1): Z3, Z4 = rounds of x and y
//	C (i-2): Z6 = rotl(seed^rx, 27)*p1; Z7 = ry
//	D (i-3): Z8 = the first lane, or the second for long words, whose ry
//	   is not zero (K3), as y is not
//	E (i-4): Z9 = (h^h>>33)*p2
//	F (i-5): Z10 = (h^h>>29)*p3
//	G (i-6): h^h>>32 stored
// Registers: DI dst, SI ys, BX len(dst)*8, CX the byte offset of group i;
// Z23 and Z24 the lane numbers of groups i and i-6, Z25 len(dst).
TEXT ·hashLanesAVX512(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), BX
	MOVQ ys_base+24(FP), SI
	TESTQ BX, BX
	JZ   done
	lanesIn(BX)
	SHLQ $3, BX
	primes($8)
	MOVQ PRIME5, AX
	ADDQ $16, AX
	VPBROADCASTQ AX, Z21
	XORQ CX, CX

loop:
	stagesGF

	// E
	VPSRLQ  $33, Z8, Z9
	VPXORQ  Z9, Z8, Z9
	VPMULLQ Z17, Z9, Z9

	// D
	VPADDQ    Z19, Z6, Z8
	VPTESTMQ  Z7, Z7, K3
	VPXORQ    Z7, Z8, Z11
	VPROLQ    $27, Z11, Z11
	VPMULLQ   Z16, Z11, Z11
	VPADDQ    Z19, Z11, K3, Z8

	// C
	VPXORQ    Z3, Z5, Z6
	VPROLQ    $27, Z6, Z6
	VPMULLQ   Z16, Z6, Z6
	VMOVDQA64 Z4, Z7

	// B
	VPROLQ    $31, Z0, Z3
	VPMULLQ   Z16, Z3, Z3
	VPROLQ    $31, Z1, Z4
	VPMULLQ   Z16, Z4, Z4
	VMOVDQA64 Z2, Z5

	// A
	VPCMPUQ   $1, Z25, Z23, K5
	VPADDQ    Z22, Z23, Z23
	VMOVDQU64.Z (DI)(CX*1), K5, Z0
	VMOVDQU64.Z (SI)(CX*1), K5, Z1
	VPTESTMQ    Z1, Z1, K1
	VPBLENDMQ   Z21, Z20, K1, Z2
	VPMULLQ   Z17, Z0, Z0
	VPMULLQ   Z17, Z1, Z1

	nextIteration(loop)
	VZEROUPPER

done:
	RET
