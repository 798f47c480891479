//go:build gc && !purego

#include "textflag.h"

// csa is a carry-save adder on 128 one-bit columns, in place: a+b+c =
// a' + 2·t, through u.
#define csa(a, b, c, t, u) \
	MOVO a, t \
	PAND b, t \
	PXOR b, a \
	MOVO a, u \
	PAND c, u \
	PXOR c, a \
	POR  u, t

// eight counts the eight features at off(SI) into X0 (ones) and X1
// (twos), leaving the carries of four in X8.
#define eight(off) \
	MOVOU off+0(SI), X4         \
	MOVOU off+16(SI), X5        \
	csa(X0, X4, X5, X6, X12)    \
	MOVOU off+32(SI), X4        \
	MOVOU off+48(SI), X5        \
	csa(X0, X4, X5, X7, X12)    \
	csa(X1, X6, X7, X8, X12)

// sixteen counts the sixteen features at off(SI) into X0 to X2 (ones to
// fours), leaving the carries of eight in e.
#define sixteen(off, e) \
	eight(off)                  \
	MOVO  X8, X9                \
	eight(off+64)               \
	csa(X2, X9, X8, e, X12)

// lane adds byteLanes of the low bytes of AX and BX (the two halves'
// carries) to lanes[j], and moves on to the next bytes.
#define lane(j) \
	MOVBQZX AL, DX            \
	MOVQ    (R8)(DX*8), DX    \
	MOVBQZX BL, R9            \
	ADDQ    (R8)(R9*8), DX    \
	ADDQ    DX, 32+8*j(DI)    \
	SHRQ    $8, AX            \
	SHRQ    $8, BX

// lanes adds the carries in AX and BX to c.lanes.
#define lanes \
	lane(0) \
	lane(1) \
	lane(2) \
	lane(3) \
	lane(4) \
	lane(5) \
	lane(6) \
	lane(7)

// half adds the high half of x (through y) to its low half, with the
// carry in DX, storing the sum at off(DI) and leaving the carry in DX:
// sum a ^ b ^ c, carry a&b | (a^b)&c.
#define half(x, y, off) \
	MOVQ   x, R10       \
	PSHUFD $0xee, x, y  \
	MOVQ   y, R11       \
	MOVQ   R10, R9      \
	ANDQ   R11, R9      \
	XORQ   R11, R10     \
	MOVQ   R10, SI      \
	ANDQ   DX, SI       \
	XORQ   DX, R10      \
	MOVQ   R10, off(DI) \
	ORQ    SI, R9       \
	MOVQ   R9, DX

// func countGroupsSSE2(c *counts, hs []uint64)
//
// The counter's slices are X0 to X3 (ones to eights), each 128 bits: the
// features at even places of hs go into the low half, those at odd places
// into the high half, which starts at zero. Each 32 features make a tree
// of carry-save adders, as add16's, whose carries of sixteen go to the
// lanes from both halves. At the end the high half's count is added to
// the low half's, with its carries to the lanes too.
TEXT ·countGroupsSSE2(SB), NOSPLIT, $0-32
	MOVQ c+0(FP), DI
	MOVQ hs_base+8(FP), SI
	MOVQ hs_len+16(FP), CX
	SHRQ $5, CX
	JZ   done
	LEAQ ·byteLanes(SB), R8
	MOVQ 0(DI), X0
	MOVQ 8(DI), X1
	MOVQ 16(DI), X2
	MOVQ 24(DI), X3

group:
	sixteen(0, X10)
	sixteen(128, X11)
	csa(X3, X10, X11, X13, X12)
	MOVQ   X13, AX
	PSHUFD $0xee, X13, X13
	MOVQ   X13, BX
	lanes
	ADDQ   $256, SI
	DECQ   CX
	JNZ    group

	// Add the high halves to the low: a four-bit add in each column, its
	// carry (DX) to the lanes.
	MOVQ   X0, AX
	PSHUFD $0xee, X0, X4
	MOVQ   X4, BX
	MOVQ   AX, DX
	ANDQ   BX, DX
	XORQ   BX, AX
	MOVQ   AX, 0(DI)
	half(X1, X5, 8)
	half(X2, X6, 16)
	half(X3, X7, 24)
	MOVQ   DX, AX
	XORQ   BX, BX
	lanes

done:
	RET

// transpose is the byte permutation that makes qword b of a vector of
// eight qwords the bytes b of each: byte 8b+j is byte 8j+b.
DATA transpose<>+0x00(SB)/8, $0x3830282018100800
DATA transpose<>+0x08(SB)/8, $0x3931292119110901
DATA transpose<>+0x10(SB)/8, $0x3a322a221a120a02
DATA transpose<>+0x18(SB)/8, $0x3b332b231b130b03
DATA transpose<>+0x20(SB)/8, $0x3c342c241c140c04
DATA transpose<>+0x28(SB)/8, $0x3d352d251d150d05
DATA transpose<>+0x30(SB)/8, $0x3e362e261e160e06
DATA transpose<>+0x38(SB)/8, $0x3f372f271f170f07
GLOBL transpose<>(SB), RODATA|NOPTR, $0x40

// csa512 is csa on eight lanes, with ternary logic: a+b+c = a' + 2·t.
#define csa512(a, b, c, t) \
	VMOVDQA64  a, t          \
	VPTERNLOGQ $0xe8, c, b, t \
	VPTERNLOGQ $0x96, c, b, a

// columns sets z to the count, in byte i, of the eight lanes of x that
// have bit i set: the lanes' bytes b gathered into qword b (Z5), each
// qword taken as a matrix of bits and transposed (the affine transform of
// the bytes with one bit set each, in Z6), and the bits of each byte
// counted.
#define columns(x, z) \
	VPERMB         x, Z5, z     \
	VGF2P8AFFINEQB $0, z, Z6, z \
	VPOPCNTB       z, z

// slice takes bit sh of each byte of Z8 (by shifting it to the top, where
// words shifted as a whole do not reach) into the bit-sliced count at
// off(DI).
#define slice(sh, off) \
	VPSLLW   $sh, Z8, Z9 \
	VPMOVB2M Z9, K1      \
	KMOVQ    K1, off(DI)

// func countGroupsAVX512(c *counts, hs []uint64)
//
// countGroupsSSE2 with eight counters side by side, one in each 64-bit
// lane, 32 features at a time through three carry-save adders and a
// ripple into fours and eights. What carries out, a sixteen in some lanes
// at each bit position, goes to c.lanes straight from the vector: columns
// turns it into a count per bit position, added to the lanes' bytes, which
// hold the sixteens of bit i in byte i. At the end the eight counters'
// ones to eights are summed per bit position the same way, below 121, the
// low four bits to c's and the rest to the lanes. Registers: Z0 to Z3 the
// counters, Z4 the lanes.
TEXT ·countGroupsAVX512(SB), NOSPLIT, $0-32
	MOVQ hs_len+16(FP), CX
	SHRQ $5, CX
	JZ   done
	MOVQ c+0(FP), DI
	MOVQ hs_base+8(FP), SI
	VMOVQ     0(DI), X0
	VMOVQ     8(DI), X1
	VMOVQ     16(DI), X2
	VMOVQ     24(DI), X3
	VMOVDQU64 32(DI), Z4
	VMOVDQU64 transpose<>(SB), Z5
	MOVQ         $0x8040201008040201, AX
	VPBROADCASTQ AX, Z6

group:
	VMOVDQU64 0(SI), Z8
	VMOVDQU64 64(SI), Z9
	csa512(Z0, Z8, Z9, Z10)
	VMOVDQU64 128(SI), Z8
	VMOVDQU64 192(SI), Z9
	csa512(Z0, Z8, Z9, Z11)
	csa512(Z1, Z10, Z11, Z12)
	// Z12 carries four: into fours, and what that carries into eights.
	VMOVDQA64  Z3, Z13
	VPTERNLOGQ $0x80, Z12, Z2, Z13 // sixteens: eights & fours & Z12
	VPTERNLOGQ $0x78, Z12, Z2, Z3  // eights ^ fours&Z12
	VPXORQ     Z12, Z2, Z2
	columns(Z13, Z14)
	VPADDB     Z14, Z4, Z4
	ADDQ       $256, SI
	DECQ       CX
	JNZ        group

	// Sum the counters: ones, twos times 2, fours times 4 and eights
	// times 8 (at most 8, 16, 32 and 64, so that shifting words moves no
	// bit into the next byte).
	columns(Z0, Z8)
	columns(Z1, Z9)
	VPADDB  Z9, Z9, Z9
	VPADDB  Z9, Z8, Z8
	columns(Z2, Z9)
	VPSLLW  $2, Z9, Z9
	VPADDB  Z9, Z8, Z8
	columns(Z3, Z9)
	VPSLLW  $3, Z9, Z9
	VPADDB  Z9, Z8, Z8
	slice(7, 0)
	slice(6, 8)
	slice(5, 16)
	slice(4, 24)
	VPSRLW       $4, Z8, Z8
	MOVL         $0x0f0f0f0f, AX
	VPBROADCASTD AX, Z9
	VPANDQ       Z9, Z8, Z8
	VPADDB       Z8, Z4, Z4
	VMOVDQU64    Z4, 32(DI)
	VZEROUPPER

done:
	RET
