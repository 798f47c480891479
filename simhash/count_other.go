//go:build !amd64 || !gc || purego

package simhash

var useAVX512 = false

// countGroups counts the features of hs, whose length is a multiple of
// 32, into c: see countGroupsGo. Each 32 add at most two to a lane byte,
// and the call one more.
func countGroups(c *counts, hs []uint64) { countGroupsGo(c, hs) }
