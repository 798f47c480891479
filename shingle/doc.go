// Package shingle turns raw text into normalised word tokens, word shingles,
// character n-grams and winnowed fingerprints, each carrying the byte span it
// covers in the original input.
//
// # Normalisation
//
// Normalisation exists for comparison only: every [Token], [Shingle] and
// winnowed fingerprint points back into the original bytes with half-open
// Start/End offsets, so a match can always be shown as the author wrote it.
// The rules, applied to each word:
//
//   - Unicode NFKC, then full case folding, then NFKC again (the Unicode
//     NFKC_Casefold recipe): "Ｆｕｌｌ" = "full", "ﬁ" = "fi", "Straße" = "strasse",
//     precomposed "é" = "e" + U+0301.
//   - Apostrophes inside a word (' ’ ‘ ′ ʼ ＇) become U+0027, so don’t = don't.
//     An apostrophe that does not sit between two word characters (a closing
//     quote, the plural possessive in "students’") is punctuation.
//   - Soft hyphen (U+00AD) and the zero-width and other format characters
//     (Unicode category Cf: U+200B–U+200F, U+2060, U+FEFF, …) are dropped and
//     do not split a word: "co\u00ADoperate" = "cooperate".
//   - A full stop or comma between two digits stays inside the number:
//     "3.5" and "1,000" are one word each.
//   - Everything else that is not a letter, digit or combining mark separates
//     words and is otherwise ignored: spaces and line ends of any kind (so
//     CRLF, reflowed lines and non-breaking spaces do not matter), quotes (‘ ’
//     “ ” ′ ″), hyphens and dashes (- ‐ U+2011 – —), ellipsis, other
//     punctuation and symbols. Hence long‑range (U+2011) = long-range =
//     "long range", and "Article 5–like" = "Article 5-like".
//
// A compatibility character that NFKC expands into several words or into
// punctuation (㌫ into パーセント, ½ into 1⁄2) stays one word: its span
// cannot be divided.
//
// # Words
//
// A word is a maximal run of letters, digits (any Unicode number) and
// combining marks, joined by the inner apostrophes and digit separators
// above. Scripts written without spaces between words (Han, Hiragana,
// Katakana, Thai, Lao, Khmer, Myanmar) give one token per character, with
// its combining marks, so Chinese or Thai text yields a usable stream in
// which word shingles act as character n-grams.
//
// # Bad input
//
// Nothing here panics on any input. A byte that is not part of valid UTF-8
// and a NUL byte are separators, like punctuation; all offsets stay inside
// the input and on the boundaries of the words they delimit. Work is linear
// in the input and memory is bounded by the longest word and the shingle
// width, so a 50 MB single line streams like any other text.
//
// # Hashes
//
// Each normalised word has a hash, [WordHash]: xxhash64 of its bytes
// followed by zero bytes up to a multiple of eight. A word shingle's hash,
// [ShingleHash], is xxhash64 of its k word hashes written as 8-byte
// little-endian integers. A character n-gram's hash is xxhash64 of its n
// characters of the normalised text, in which words are joined by single
// spaces. Hashing words once, with a cost that does not depend on their
// length up to eight bytes, and combining them per shingle is what lets
// the tokenizer hash most words straight from the input
// ([Tokenizer.ReadHashes]); it replaced, before any release, hashing each
// shingle's joined text. The hashes are stable across platforms and are
// part of the format of anything that stores fingerprints.
//
// On amd64 the tokenizer maps each 64-byte block of input with SSE2
// assembly, and [Tokenizer.ReadHashes] finds and hashes the plain words of
// whole blocks there too; with AVX-512 (F, DQ, BW, VBMI and VBMI2: Ice
// Lake, Zen 4 and later) it takes a block's words together and hashes
// words and shingles eight at a time. Elsewhere, and when built with -tags
// purego, it does the same in portable Go. Tests and fuzz targets hold
// every path to one definition, so they give the same tokens and hashes.
package shingle
