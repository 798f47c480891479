//go:build gc && !purego

#include "textflag.h"

// Byte ranges are tested with signed compares, the only ones SSE2 has: an
// add moves the range to the bottom of the signed bytes, from -128, so that
// one compare against its end tells the bytes outside it. No byte of 0x80
// or above lands in either range.
DATA block_consts<>+0x00(SB)/8, $0x2020202020202020 // case bit
DATA block_consts<>+0x08(SB)/8, $0x2020202020202020
DATA block_consts<>+0x10(SB)/8, $0x1f1f1f1f1f1f1f1f // 'a'..'z' to -128..-103
DATA block_consts<>+0x18(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA block_consts<>+0x20(SB)/8, $0x9999999999999999 // -103
DATA block_consts<>+0x28(SB)/8, $0x9999999999999999
DATA block_consts<>+0x30(SB)/8, $0x5050505050505050 // '0'..'9' to -128..-119
DATA block_consts<>+0x38(SB)/8, $0x5050505050505050
DATA block_consts<>+0x40(SB)/8, $0x8989898989898989 // -119
DATA block_consts<>+0x48(SB)/8, $0x8989898989898989
DATA block_consts<>+0x50(SB)/8, $0x2727272727272727 // '\''
DATA block_consts<>+0x58(SB)/8, $0x2727272727272727
DATA block_consts<>+0x60(SB)/8, $0x0202020202020202 // ',' (0x2c) onto '.' (0x2e)
DATA block_consts<>+0x68(SB)/8, $0x0202020202020202
DATA block_consts<>+0x70(SB)/8, $0x2e2e2e2e2e2e2e2e // '.'
DATA block_consts<>+0x78(SB)/8, $0x2e2e2e2e2e2e2e2e
GLOBL block_consts<>(SB), RODATA|NOPTR, $0x80

// classes compares the 16 bytes in X0 with each class, leaving the class
// masks in X1 (neither letter nor digit), X2 (not a digit), X3 (an
// apostrophe), X4 (a full stop or comma) and X0 (a lead byte, 11xxxxxx,
// whose top bit stays set when doubled); X0's own top bits are the high
// bytes, so take them first. It uses X5 and the constants in X7 to X14.
#define classes \
	MOVO    X0, X1  \
	POR     X8, X1  \
	PADDB   X9, X1  \
	PCMPGTB X10, X1 \
	MOVO    X0, X2  \
	PADDB   X11, X2 \
	PCMPGTB X12, X2 \
	PAND    X2, X1  \
	MOVO    X0, X3  \
	PCMPEQB X7, X3  \
	MOVO    X0, X4  \
	POR     X13, X4 \
	PCMPEQB X14, X4 \
	MOVO    X0, X5  \
	PADDB   X0, X0  \
	PAND    X5, X0

// first maps the first 16 bytes straight into the results' registers.
#define first \
	MOVOU    0(AX), X0 \
	PMOVMSKB X0, R9    \
	classes            \
	PMOVMSKB X1, BX    \
	PMOVMSKB X2, SI    \
	PMOVMSKB X3, DI    \
	PMOVMSKB X4, R8    \
	PMOVMSKB X0, CX

// mask ORs the bitmap of mask x, shifted to bit sh, into r.
#define mask(x, sh, r) \
	PMOVMSKB x, R10 \
	SHLQ     $sh, R10 \
	ORQ      R10, r

// chunk maps the 16 bytes at off(AX) into bits off to off+15.
#define chunk(off) \
	MOVOU off(AX), X0   \
	mask(X0, off, R9)   \
	classes             \
	mask(X1, off, BX)   \
	mask(X2, off, SI)   \
	mask(X3, off, DI)   \
	mask(X4, off, R8)   \
	mask(X0, off, CX)

// func blockMaps(b *[64]byte) (words, lead, digits, apos, points, high uint64)
TEXT ·blockMaps(SB), NOSPLIT, $0-56
	MOVQ  b+0(FP), AX
	LEAQ  block_consts<>(SB), DX
	MOVOU 0x00(DX), X8
	MOVOU 0x10(DX), X9
	MOVOU 0x20(DX), X10
	MOVOU 0x30(DX), X11
	MOVOU 0x40(DX), X12
	MOVOU 0x50(DX), X7
	MOVOU 0x60(DX), X13
	MOVOU 0x70(DX), X14
	first
	chunk(16)
	chunk(32)
	chunk(48)
	NOTQ  BX
	NOTQ  SI
	MOVQ  BX, words+8(FP)
	MOVQ  CX, lead+16(FP)
	MOVQ  SI, digits+24(FP)
	MOVQ  DI, apos+32(FP)
	MOVQ  R8, points+40(FP)
	MOVQ  R9, high+48(FP)
	RET
