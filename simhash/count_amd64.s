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

// func countGroups(c *counts, hs []uint64)
//
// The counter's slices are X0 to X3 (ones to eights), each 128 bits: the
// features at even places of hs go into the low half, those at odd places
// into the high half, which starts at zero. Each 32 features make a tree
// of carry-save adders, as add16's, whose carries of sixteen go to the
// lanes from both halves. At the end the high half's count is added to
// the low half's, with its carries to the lanes too.
TEXT ·countGroups(SB), NOSPLIT, $0-32
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
