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

// others compares the 16 bytes in X0 with the ASCII letters and digits,
// leaving the masks of the bytes that are neither in X1 and of those that
// are not digits in X2, with the constants in X8 to X12.
#define others \
	MOVO    X0, X1  \
	POR     X8, X1  \
	PADDB   X9, X1  \
	PCMPGTB X10, X1 \
	MOVO    X0, X2  \
	PADDB   X11, X2 \
	PCMPGTB X12, X2 \
	PAND    X2, X1

// leads replaces X0 with the mask of its lead bytes, 11xxxxxx, whose top
// bit stays set when doubled, through X5.
#define leads \
	MOVO  X0, X5 \
	PADDB X0, X0 \
	PAND  X5, X0

// classes compares the 16 bytes in X0 with each class, leaving the class
// masks in X1 (neither letter nor digit), X2 (not a digit), X3 (an
// apostrophe), X4 (a full stop or comma) and X0 (a lead byte). It uses X5
// and the constants in X7 to X14.
#define classes \
	others          \
	MOVO    X0, X3  \
	PCMPEQB X7, X3  \
	MOVO    X0, X4  \
	POR     X13, X4 \
	PCMPEQB X14, X4 \
	leads

// first maps the first 16 bytes at AX straight into the registers of the
// bitmaps: o for bytes that are neither letters nor digits, l lead bytes,
// d bytes that are not digits, a apostrophes, and pt full stops and
// commas.
#define first(o, l, d, a, pt) \
	MOVOU    0(AX), X0 \
	classes            \
	PMOVMSKB X1, o     \
	PMOVMSKB X2, d     \
	PMOVMSKB X3, a     \
	PMOVMSKB X4, pt    \
	PMOVMSKB X0, l

// mask ORs the bitmap of mask x, shifted to bit sh, into r, through t.
#define mask(x, sh, r, t) \
	PMOVMSKB x, t   \
	SHLQ     $sh, t \
	ORQ      t, r

// chunk maps the 16 bytes at off(AX) into bits off to off+15.
#define chunk(off, o, l, d, a, pt, t) \
	MOVOU off(AX), X0      \
	classes                \
	mask(X1, off, o, t)    \
	mask(X2, off, d, t)    \
	mask(X3, off, a, t)    \
	mask(X4, off, pt, t)   \
	mask(X0, off, l, t)

// mapBlock maps the 64 bytes at AX into the bitmaps (see first).
#define mapBlock(o, l, d, a, pt, t) \
	first(o, l, d, a, pt)          \
	chunk(16, o, l, d, a, pt, t)   \
	chunk(32, o, l, d, a, pt, t)   \
	chunk(48, o, l, d, a, pt, t)

// loadConsts loads the constants of classes, through DX.
#define loadConsts \
	LEAQ  block_consts<>(SB), DX \
	MOVOU 0x00(DX), X8           \
	MOVOU 0x10(DX), X9           \
	MOVOU 0x20(DX), X10          \
	MOVOU 0x30(DX), X11          \
	MOVOU 0x40(DX), X12          \
	MOVOU 0x50(DX), X7           \
	MOVOU 0x60(DX), X13          \
	MOVOU 0x70(DX), X14

// word_tables holds three rows of 64 bytes for hashBlocksAVX512: byte i
// of the first is i, of the second i/8 and of the third i%8.
DATA word_tables<>+0x00(SB)/8, $0x0706050403020100
DATA word_tables<>+0x08(SB)/8, $0x0f0e0d0c0b0a0908
DATA word_tables<>+0x10(SB)/8, $0x1716151413121110
DATA word_tables<>+0x18(SB)/8, $0x1f1e1d1c1b1a1918
DATA word_tables<>+0x20(SB)/8, $0x2726252423222120
DATA word_tables<>+0x28(SB)/8, $0x2f2e2d2c2b2a2928
DATA word_tables<>+0x30(SB)/8, $0x3736353433323130
DATA word_tables<>+0x38(SB)/8, $0x3f3e3d3c3b3a3938
DATA word_tables<>+0x40(SB)/8, $0x0000000000000000
DATA word_tables<>+0x48(SB)/8, $0x0101010101010101
DATA word_tables<>+0x50(SB)/8, $0x0202020202020202
DATA word_tables<>+0x58(SB)/8, $0x0303030303030303
DATA word_tables<>+0x60(SB)/8, $0x0404040404040404
DATA word_tables<>+0x68(SB)/8, $0x0505050505050505
DATA word_tables<>+0x70(SB)/8, $0x0606060606060606
DATA word_tables<>+0x78(SB)/8, $0x0707070707070707
DATA word_tables<>+0x80(SB)/8, $0x0706050403020100
DATA word_tables<>+0x88(SB)/8, $0x0706050403020100
DATA word_tables<>+0x90(SB)/8, $0x0706050403020100
DATA word_tables<>+0x98(SB)/8, $0x0706050403020100
DATA word_tables<>+0xa0(SB)/8, $0x0706050403020100
DATA word_tables<>+0xa8(SB)/8, $0x0706050403020100
DATA word_tables<>+0xb0(SB)/8, $0x0706050403020100
DATA word_tables<>+0xb8(SB)/8, $0x0706050403020100
GLOBL word_tables<>(SB), RODATA|NOPTR, $0xc0

// bcast broadcasts the byte b into all 64 bytes of z, through DX.
#define bcast(b, z) \
	MOVL         b, DX \
	VPBROADCASTB DX, z

// mapBlock512 maps the 64 bytes at AX into the bitmaps runs takes, with
// the byte constants in Z22 to Z30: a letter is a byte whose case bit set
// and 'a' taken away is below 26, unsigned, which no byte from 0x80 up is.
#define mapBlock512 \
	VMOVDQU64 (AX), Z0        \
	VPORQ     Z22, Z0, Z1     \
	VPSUBB    Z23, Z1, Z1     \
	VPCMPUB   $1, Z24, Z1, K1 \
	VPSUBB    Z25, Z0, Z2     \
	VPCMPUB   $1, Z26, Z2, K2 \
	VPCMPUB   $5, Z27, Z0, K3 \
	VPCMPEQB  Z28, Z0, K4     \
	VPORQ     Z29, Z0, Z3     \
	VPCMPEQB  Z30, Z3, K5     \
	KORQ      K1, K2, K1      \
	KMOVQ     K1, DX          \
	KMOVQ     K3, R10         \
	KMOVQ     K2, SI          \
	KMOVQ     K4, R8          \
	KMOVQ     K5, R9

// starts takes from the starts in R8 the run that leaves the block over
// byte 62 or 63, whose start it keeps at 24(SP) as cross (-1 for none),
// and those after the first lead byte (at 16(SP)), from the runs in DX,
// without a branch: about two blocks in three of English end inside a
// run, which no predictor guesses. It uses SI, R10 and R12. (With no
// cross, BSR's result, undefined for no starts, is replaced, and BTR of
// -1 clears bit 63, which only a cross can have.)
#define starts \
	BSRQ    R8, SI      \
	MOVQ    $-1, R10    \
	SHRQ    $62, DX     \
	CMOVQEQ R10, SI     \
	MOVQ    SI, 24(SP)  \
	BTRQ    SI, R8      \
	MOVQ    16(SP), R10 \
	MOVQ    R10, R12    \
	NEGQ    R12         \
	ANDQ    R10, R12    \
	DECQ    R12         \
	ANDQ    R12, R8

// nextBlock goes on after a block's words: to the run past it if there is
// one and it is not the whole block, or else to the next block, when the
// block has no lead byte (the common case, with one branch that English
// seldom takes), and otherwise to whichever of the run past it and its
// first lead byte comes first: on to the run, or to found at the lead
// byte (at byte DX of the block). stop is a label for it.
#define nextBlock(stop) \
	MOVQ    16(SP), R10 \
	MOVQ    24(SP), SI  \
	TESTQ   R10, R10    \
	JNZ     stop        \
	MOVQ    $64, DX     \
	TESTQ   SI, SI      \
	JEQ     stop        \
	CMOVQGT SI, DX      \
	ADDQ    DX, 0(SP)   \
	JMP     block       \
stop:                   \
	BTSQ    SI, R10     \
	BSFQ    R10, DX     \
	CMPQ    DX, SI      \
	JNE     found       \
	TESTQ   DX, DX      \
	JZ      found       \
	ADDQ    DX, 0(SP)   \
	JMP     block

// sepRunes clears from the lead bytes in R10 those that begin the
// separator runes hashBlocksGo steps over (sepLeads: sepC2 and sepE280,
// whose values are written out here), looking at each lead byte of the
// block at AX up to the first that does not. It saves SI, R8 and R9 at
// 32(SP) to 48(SP), and uses R11 and R12. loop, e280, test, stop and
// done are labels for it.
#define sepRunes(loop, e280, test, stop, done) \
	TESTQ   R10, R10        \
	JZ      done            \
	MOVQ    SI, 32(SP)      \
	MOVQ    R8, 40(SP)      \
	MOVQ    R9, 48(SP)      \
	MOVQ    R10, R8         \
loop:                       \
	BSFQ    R8, SI          \
	MOVL    (AX)(SI*1), R9  \
	CMPW    R9, $0x80e2     \
	JEQ     e280            \
	CMPB    R9, $0xc2       \
	JNE     stop            \
	SHRL    $8, R9          \
	MOVQ    $0x800080100000000, R12 \
	JMP     test            \
e280:                       \
	SHRL    $16, R9         \
	MOVQ    $0x8144301b020c, R12 \
test:                       \
	MOVBLZX R9, R11         \
	ANDL    $0xc0, R9       \
	CMPL    R9, $0x80       \
	JNE     stop            \
	BTQ     R11, R12        \
	JCC     stop            \
	BTRQ    SI, R10         \
	LEAQ    -1(R8), R9      \
	ANDQ    R9, R8          \
	JNZ     loop            \
stop:                       \
	MOVQ    32(SP), SI      \
	MOVQ    40(SP), R8      \
	MOVQ    48(SP), R9      \
done:

// func blockMaps(b *[64]byte) (words, lead, digits, apos, points uint64)
TEXT ·blockMaps(SB), NOSPLIT, $0-48
	MOVQ b+0(FP), AX
	loadConsts
	mapBlock(BX, CX, SI, DI, R8, R10)
	NOTQ BX
	NOTQ SI
	MOVQ BX, words+8(FP)
	MOVQ CX, lead+16(FP)
	MOVQ SI, digits+24(FP)
	MOVQ DI, apos+32(FP)
	MOVQ R8, points+40(FP)
	RET

// wordChunk maps the 16 bytes at off(AX) for wordMaps: it sets other to
// the bitmap of the bytes that are not ASCII letters or digits, and lead
// to that of the lead bytes.
#define wordChunk(off, other, lead) \
	MOVOU    off(AX), X0 \
	others               \
	PMOVMSKB X1, other   \
	leads                \
	PMOVMSKB X0, lead

// func wordMaps(b *[64]byte) (words, lead uint64)
TEXT ·wordMaps(SB), NOSPLIT, $0-24
	MOVQ  b+0(FP), AX
	LEAQ  block_consts<>(SB), DX
	MOVOU 0x00(DX), X8
	MOVOU 0x10(DX), X9
	MOVOU 0x20(DX), X10
	MOVOU 0x30(DX), X11
	MOVOU 0x40(DX), X12
	wordChunk(0, BX, CX)
	wordChunk(16, SI, DI)
	wordChunk(32, R8, R9)
	wordChunk(48, R10, R11)
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

// runs turns the bitmaps of a block, words in DX, lead bytes in R10,
// digits in SI, apostrophes in R8 and full stops and commas in R9, into
// the words' starts in R8 and ends in R9, with the bytes a plain word
// cannot end at in R11, leaving the runs in DX. It uses R10, SI and R12.
// In turn:
//	bad = lead | (apos | points & digits<<1) & lead>>1 (badEnds)
//	r = words | apos & words<<1 & words>>1 | points & digits<<1 & digits>>1 (joinRuns)
//	ends = r<<1 &^ r, starts = r &^ r<<1
#define runs \
	MOVQ R10, R11        \
	SHRQ $1, R10         \
	LEAQ (SI)(SI*1), R12 \
	ANDQ R9, R12         \
	ORQ  R8, R12         \
	ANDQ R10, R12        \
	ORQ  R12, R11        \
	LEAQ (DX)(DX*1), R12 \
	MOVQ DX, R10         \
	SHRQ $1, R10         \
	ANDQ R10, R12        \
	ANDQ R12, R8         \
	LEAQ (SI)(SI*1), R12 \
	SHRQ $1, SI          \
	ANDQ SI, R12         \
	ANDQ R12, R9         \
	ORQ  R8, DX          \
	ORQ  R9, DX          \
	LEAQ (DX)(DX*1), R12 \
	MOVQ DX, R9          \
	NOTQ R9              \
	ANDQ R12, R9         \
	NOTQ R12             \
	ANDQ DX, R12         \
	MOVQ R12, R8

// XXH64's constants, and those of hashBlocks' word hashes.
DATA hash_consts<>+0x00(SB)/8, $0x9e3779b185ebca87 // prime1
DATA hash_consts<>+0x08(SB)/8, $0xc2b2ae3d27d4eb4f // prime2
DATA hash_consts<>+0x10(SB)/8, $0x165667b19e3779f9 // prime3
DATA hash_consts<>+0x18(SB)/8, $0x85ebca77c2b2ae63 // prime4
DATA hash_consts<>+0x20(SB)/8, $0x27d4eb2f165667cd // prime5 + 8, the seed of an 8-byte hash
DATA hash_consts<>+0x28(SB)/8, $0x27d4eb2f165667d5 // prime5 + 16
DATA hash_consts<>+0x30(SB)/8, $0x2020202020202020 // case bits
GLOBL hash_consts<>(SB), RODATA|NOPTR, $0x38

// lenMask: entry l keeps the first l bytes of a lane.
DATA len_mask<>+0x00(SB)/8, $0
DATA len_mask<>+0x08(SB)/8, $0xff
DATA len_mask<>+0x10(SB)/8, $0xffff
DATA len_mask<>+0x18(SB)/8, $0xffffff
DATA len_mask<>+0x20(SB)/8, $0xffffffff
DATA len_mask<>+0x28(SB)/8, $0xffffffffff
DATA len_mask<>+0x30(SB)/8, $0xffffffffffff
DATA len_mask<>+0x38(SB)/8, $0xffffffffffffff
DATA len_mask<>+0x40(SB)/8, $0xffffffffffffffff
GLOBL len_mask<>(SB), RODATA|NOPTR, $0x48

#define prime1 hash_consts<>+0x00(SB)
#define prime2 hash_consts<>+0x08(SB)
#define prime3 hash_consts<>+0x10(SB)
#define prime4 hash_consts<>+0x18(SB)
#define seed8 hash_consts<>+0x20(SB)
#define seed16 hash_consts<>+0x28(SB)
#define caseBits hash_consts<>+0x30(SB)

// func hashBlocksSSE2(dst []uint64, src []byte, p int) (n, blk, q int)
//
// hashBlocksGo step by step. Registers: DI, BX and CX are dst, len(dst)
// and n; AX the block; R13 lenMask; R8, R9 and R11 the block's starts,
// ends and bad bytes. On the stack: p, len(src)-80, the block's lead
// bytes, cross (-1 for none), and sepRunes' saved registers.
TEXT ·hashBlocksSSE2(SB), NOSPLIT, $56-80
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), BX
	MOVQ src_len+32(FP), DX
	SUBQ $80, DX
	MOVQ DX, 8(SP)
	MOVQ p+48(FP), DX
	MOVQ DX, 0(SP)
	XORQ CX, CX
	LEAQ len_mask<>(SB), R13
	loadConsts

block:
	MOVQ 0(SP), DX
	CMPQ DX, 8(SP)
	JGT  unmapped            // fewer than 80 bytes left
	CMPQ CX, BX
	JGE  unmapped            // dst is full
	MOVQ src_base+24(FP), AX
	ADDQ DX, AX
	mapBlock(DX, R10, SI, R8, R9, R12)
	sepRunes(sepLoop, sepE280, sepTest, sepStop, sepDone)
	NOTQ DX                  // words
	NOTQ SI                  // digits
	MOVQ R10, 16(SP)

	runs

	starts

	TESTQ R8, R8
	JZ    blockDone

next:
	CMPQ  CX, BX
	JGE   full
	BSFQ  R8, SI             // s
	BSFQ  R9, DX             // e
	BTQ   DX, R11
	JCS   stopped            // a bad byte ends the word
	SUBQ  SI, DX             // its length
	CMPQ  DX, $8
	JA    long
	MOVQ  (AX)(SI*1), R10
	ORQ   caseBits, R10
	ANDQ  (R13)(DX*8), R10
	IMULQ prime2, R10
	ROLQ  $31, R10
	IMULQ prime1, R10
	XORQ  seed8, R10

last:
	// The last lane's rotate, multiply and add, then the avalanche.
	ROLQ  $27, R10
	IMULQ prime1, R10
	ADDQ  prime4, R10
	MOVQ  R10, R12
	SHRQ  $33, R12
	XORQ  R12, R10
	IMULQ prime2, R10
	MOVQ  R10, R12
	SHRQ  $29, R12
	XORQ  R12, R10
	IMULQ prime3, R10
	MOVQ  R10, R12
	SHRQ  $32, R12
	XORQ  R12, R10
	MOVQ  R10, (DI)(CX*8)
	INCQ  CX
	LEAQ  -1(R9), R12
	ANDQ  R12, R9
	LEAQ  -1(R8), R12
	ANDQ  R12, R8            // zero when no start is left
	JNZ   next

blockDone:
	nextBlock(stop)

long:
	CMPQ  DX, $16
	JA    stopped            // longer than 16 bytes
	MOVQ  (AX)(SI*1), R10
	ORQ   caseBits, R10
	IMULQ prime2, R10
	ROLQ  $31, R10
	IMULQ prime1, R10
	XORQ  seed16, R10
	ROLQ  $27, R10
	IMULQ prime1, R10
	ADDQ  prime4, R10
	MOVQ  8(AX)(SI*1), R12
	ORQ   caseBits, R12
	ANDQ  -64(R13)(DX*8), R12
	IMULQ prime2, R12
	ROLQ  $31, R12
	IMULQ prime1, R12
	XORQ  R12, R10
	JMP   last

stopped:
	// At the word at the first start left.
	BSFQ R8, DX

found:
	// At byte DX of the block.
	MOVQ 0(SP), SI
	MOVQ CX, n+56(FP)
	MOVQ SI, blk+64(FP)
	ADDQ SI, DX
	MOVQ DX, q+72(FP)
	RET

full:
	// At the next word, with dst full: the next call maps from there.
	BSFQ R8, DX
	ADDQ DX, 0(SP)

unmapped:
	MOVQ CX, n+56(FP)
	MOVQ $-1, blk+64(FP)
	MOVQ 0(SP), DX
	MOVQ DX, q+72(FP)
	RET

// lanes stores the lanes of eight words of a block, the next in the words
// mask in R12 (one bit a word, from bit 0; shifted on by eight), at off(DI)
// and off(BX) from index i: Z4 holds the words' numbers, each in eight
// bytes, and is moved on to the next eight. The words' starts and ends in
// the block are in Z1 and Z2, and the block, lowercased, in Z0; a lane's
// byte is taken from there when its index, start plus 0 to 7 (Z18) or 8
// to 15 (Z19), is below the word's end, and is zero otherwise. Every byte
// taken is in the block, as the words taken end in it (a run past the
// block is the next block's), so one 64-byte table does: the indices past
// it wrap to bytes the mask zeroes. It uses K4 to K6 and Z5 to Z8.
#define lanes(off, i) \
	KMOVQ      R12, K4                \
	SHRQ       $8, R12                \
	VPERMB     Z1, Z4, Z5             \
	VPERMB     Z2, Z4, Z6             \
	VPADDB     Z20, Z4, Z4            \
	VPADDB     Z18, Z5, Z7            \
	VPADDB     Z19, Z5, Z8            \
	VPCMPUB    $1, Z6, Z7, K5         \
	VPCMPUB    $1, Z6, Z8, K6         \
	VPERMB.Z   Z0, Z7, K5, Z7         \
	VPERMB.Z   Z0, Z8, K6, Z8         \
	VMOVDQU64  Z7, K4, off(DI)(i*8)   \
	VMOVDQU64  Z8, K4, off(BX)(i*8)

// func hashBlocksAVX512(dst, ys []uint64, src []byte, p int) (n, blk, q int)
//
// hashBlocksSSE2 with AVX-512 to map a block, with a few 64-byte compares,
// and without the hashes: it leaves each word's lanes, lowercased and
// zero-padded, the first in dst and the second in ys, for
// hashLanesAVX512. It takes a block's words together rather than one by
// one: it packs their starts and ends into bytes (VPCOMPRESSB), counts the
// words it can take (up to the first longer than 16 bytes, or ending at a
// bad byte, or the end of dst), and gathers their lanes from the block
// eight words at a time (VPERMB). That leaves a block with one branch
// that depends on its words, where one a word mispredicted at each
// block's end. Registers: DI, BX and CX are dst, ys and n; AX the block;
// R8, R9 and R11 the block's starts, ends and bad bytes; R13 and SI its
// count of words and those taken. On the stack: p, len(src)-80, the
// block's lead bytes, cross (-1 for none), and sepRunes' saved registers.
TEXT ·hashBlocksAVX512(SB), NOSPLIT, $56-104
	MOVQ dst_base+0(FP), DI
	MOVQ ys_base+24(FP), BX
	MOVQ src_len+56(FP), DX
	SUBQ $80, DX
	MOVQ DX, 8(SP)
	MOVQ p+72(FP), DX
	MOVQ DX, 0(SP)
	XORQ CX, CX
	bcast($0x20, Z22)
	bcast($'a', Z23)
	bcast($26, Z24)
	bcast($'0', Z25)
	bcast($10, Z26)
	bcast($0xc0, Z27)
	bcast($'\'', Z28)
	bcast($0x02, Z29)
	bcast($'.', Z30)
	LEAQ      word_tables<>(SB), DX
	VMOVDQU64 0(DX), Z16
	VMOVDQU64 64(DX), Z17
	VMOVDQU64 128(DX), Z18
	bcast($8, Z20)
	VPADDB    Z20, Z18, Z19
	bcast($16, Z21)

block:
	MOVQ 0(SP), DX
	CMPQ DX, 8(SP)
	JGT  unmapped            // fewer than 80 bytes left
	CMPQ CX, dst_len+8(FP)
	JGE  unmapped            // dst is full
	MOVQ src_base+48(FP), AX
	ADDQ DX, AX
	mapBlock512
	sepRunes(sepLoop, sepE280, sepTest, sepStop, sepDone)
	MOVQ R10, 16(SP)
	VPORQ   Z22, Z0, Z0      // the block lowercased
	runs

	starts

	TESTQ R8, R8
	JZ    blockDone

	// SI = the words to take: the count of starts, or fewer.
	POPCNTQ     R8, R13
	MOVQ        R13, SI
	KMOVQ       R8, K1
	KMOVQ       R9, K2
	VPCOMPRESSB Z16, K1, Z1  // starts
	VPCOMPRESSB Z16, K2, Z2  // ends
	VPSUBB      Z1, Z2, Z3
	VPCMPUB     $6, Z21, Z3, K3
	KMOVQ       K3, R12
	TZCNTQ      R12, R12     // the first word longer than 16 bytes
	CMPQ        R12, SI
	CMOVQLT     R12, SI
	ANDQ        R9, R11
	TZCNTQ      R11, R11
	BZHIQ       R11, R9, R12
	POPCNTQ     R12, R12     // the first word that ends at a bad byte
	CMPQ        R12, SI
	CMOVQLT     R12, SI
	MOVQ        dst_len+8(FP), R12
	SUBQ        CX, R12      // room left in dst
	CMPQ        R12, SI
	CMOVQLT     R12, SI

	MOVQ      $-1, R12
	BZHIQ     SI, R12, R12
	VMOVDQA64 Z17, Z4
	lanes(0, CX)
	lanes(64, CX)
	TESTQ     R12, R12
	JZ        taken
	LEAQ      16(CX), R10

more:
	lanes(0, R10)
	ADDQ  $8, R10
	TESTQ R12, R12
	JNZ   more

taken:
	ADDQ SI, CX
	CMPQ SI, R13
	JEQ  blockDone

	// At the first word not taken: dst is full, or the word is not plain.
	MOVQ   $1, R10
	SHLXQ  SI, R10, R10
	PDEPQ  R8, R10, R10
	TZCNTQ R10, DX
	CMPQ   CX, dst_len+8(FP)
	JLT    found
	ADDQ   DX, 0(SP)         // full: the next call maps from this word
	JMP    unmapped

blockDone:
	nextBlock(stop)

found:
	// At byte DX of the block.
	MOVQ 0(SP), SI
	MOVQ CX, n+80(FP)
	MOVQ SI, blk+88(FP)
	ADDQ SI, DX
	MOVQ DX, q+96(FP)
	VZEROUPPER
	RET

unmapped:
	MOVQ CX, n+80(FP)
	MOVQ $-1, blk+88(FP)
	MOVQ 0(SP), DX
	MOVQ DX, q+96(FP)
	VZEROUPPER
	RET
