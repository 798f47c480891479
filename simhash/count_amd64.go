//go:build gc && !purego

package simhash

// countGroups counts the features of hs, whose length is a multiple of
// 32, into c, as countGroupsGo does, with SSE2: the pairs of features in
// a 128-bit register go into two counters side by side, added together at
// the end. Each 32 add at most two to a lane byte, and the call one more.
//
//go:noescape
func countGroups(c *counts, hs []uint64)
