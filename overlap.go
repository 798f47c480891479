// Package overlap finds near-duplicate documents, shared passages and
// repeated text in prose.
//
// The two calls most users need are [Compare], for two texts, and
// [NewReport], for a set of documents: which pairs are near-duplicates, and
// every passage each pair shares, located by byte offsets in both
// originals.
//
// Text is split into normalised words by package shingle (case, Unicode
// compatibility forms, typographic quotes and dashes, line breaks and
// spacing do not matter) and every offset reported points into the bytes
// as given, so a match can be shown exactly as written. See the README for
// the decision rules and their measured thresholds.
package overlap
