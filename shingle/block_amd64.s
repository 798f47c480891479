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
GLOBL block_consts<>(SB), RODATA|NOPTR, $0x50

// chunk maps the 16 bytes at off(AX): it sets other to the bitmap of the
// bytes that are not ASCII letters or digits, and lead to that of the
// bytes 11xxxxxx (whose top bit stays set when doubled). It uses X0 to X2
// and the constants, in X8 to X12.
#define chunk(off, other, lead) \
	MOVOU    off(AX), X0 \
	MOVO     X0, X1      \
	POR      X8, X1      \
	PADDB    X9, X1      \
	PCMPGTB  X10, X1     \
	MOVO     X0, X2      \
	PADDB    X11, X2     \
	PCMPGTB  X12, X2     \
	PAND     X2, X1      \
	PMOVMSKB X1, other   \
	MOVO     X0, X1      \
	PADDB    X0, X0      \
	PAND     X1, X0      \
	PMOVMSKB X0, lead

// func blockMaps(b *[64]byte) (words, lead uint64)
TEXT ·blockMaps(SB), NOSPLIT, $0-24
	MOVQ  b+0(FP), AX
	LEAQ  block_consts<>(SB), DX
	MOVOU 0x00(DX), X8
	MOVOU 0x10(DX), X9
	MOVOU 0x20(DX), X10
	MOVOU 0x30(DX), X11
	MOVOU 0x40(DX), X12
	chunk(0, BX, CX)
	chunk(16, SI, DI)
	chunk(32, R8, R9)
	chunk(48, R10, R11)
	SHLQ  $16, SI
	SHLQ  $16, DI
	SHLQ  $32, R8
	SHLQ  $32, R9
	SHLQ  $48, R10
	SHLQ  $48, R11
	ORQ   SI, BX
	ORQ   DI, CX
	ORQ   R8, BX
	ORQ   R9, CX
	ORQ   R10, BX
	ORQ   R11, CX
	NOTQ  BX
	MOVQ  BX, words+8(FP)
	MOVQ  CX, lead+16(FP)
	RET
