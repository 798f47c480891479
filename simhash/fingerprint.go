package simhash

import (
	"errors"
	"fmt"
	"math/bits"
)

// Fingerprint is a 64-bit simhash. Documents whose fingerprints differ in few
// bits are likely to share most of their features.
//
// Its text form is exactly 16 lowercase hexadecimal digits, most significant
// first, so fingerprints sort and compare as strings the way they do as
// numbers.
type Fingerprint uint64

// Empty is the fingerprint of a document with no features. A non-empty
// document gets it only with probability at most 2⁻⁶⁴: ties between set and
// unset bits resolve to 1, so sparse inputs lean away from zero rather than
// towards it (see [Builder.Sum]).
const Empty Fingerprint = 0

// Distance returns the Hamming distance between f and g: the number of bit
// positions in which they differ, from 0 to 64.
func (f Fingerprint) Distance(g Fingerprint) int {
	return bits.OnesCount64(uint64(f ^ g))
}

// Distance returns the Hamming distance between a and b.
func Distance(a, b Fingerprint) int { return a.Distance(b) }

// String returns the 16-digit lowercase hexadecimal form of f.
func (f Fingerprint) String() string {
	var b [16]byte
	f.appendHex(b[:0])
	return string(b[:])
}

// AppendText implements [encoding.TextAppender].
func (f Fingerprint) AppendText(b []byte) ([]byte, error) {
	return f.appendHex(b), nil
}

// MarshalText implements [encoding.TextMarshaler].
func (f Fingerprint) MarshalText() ([]byte, error) {
	return f.appendHex(make([]byte, 0, 16)), nil
}

const hexDigits = "0123456789abcdef"

func (f Fingerprint) appendHex(b []byte) []byte {
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[(f>>uint(shift))&0xf])
	}
	return b
}

// ErrSyntax reports text that is not a fingerprint.
var ErrSyntax = errors.New("simhash: a fingerprint is exactly 16 lowercase hexadecimal digits")

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts exactly 16
// lowercase hexadecimal digits: anything else (uppercase, a 0x prefix, fewer
// or more digits) is rejected, so that every fingerprint has one spelling and
// ids built from them stay unique.
func (f *Fingerprint) UnmarshalText(text []byte) error {
	if len(text) != 16 {
		return fmt.Errorf("%w: got %d bytes %q", ErrSyntax, len(text), clip(text))
	}
	var v uint64
	for _, c := range text {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		default:
			return fmt.Errorf("%w: %q", ErrSyntax, clip(text))
		}
		v = v<<4 | uint64(d)
	}
	*f = Fingerprint(v)
	return nil
}

// Parse parses the 16-digit text form of a fingerprint.
func Parse(s string) (Fingerprint, error) {
	var f Fingerprint
	err := f.UnmarshalText([]byte(s))
	return f, err
}

// clip keeps error messages short when the input is large.
func clip(b []byte) string {
	const max = 40
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
