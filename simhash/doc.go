// Package simhash computes 64-bit simhash fingerprints of texts, so that
// near-duplicate documents can be found by counting differing bits.
//
// Charikar's simhash ("Similarity Estimation Techniques from Rounding
// Algorithms", STOC 2002) maps a weighted set of features to 64 bits so that
// the expected Hamming distance between two fingerprints grows with the
// weighted share of features the two sets do not have in common. [Builder]
// takes features as hashes with weights; [Hasher] and [Sum] fingerprint
// text with the default feature set, [DefaultFeatures]. An [Index] finds
// every stored fingerprint within a given Hamming distance of a query.
package simhash
