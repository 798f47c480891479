//go:build gc && !purego

package simhash

import "golang.org/x/sys/cpu"

// useAVX512 says whether countGroupsAVX512 can run here: it needs the
// foundation, BW's byte adds and masks, VBMI's byte permute, BITALG's byte
// population count and GFNI's affine transform (Ice Lake and Zen 4 on).
// Tests turn it off to run countGroupsSSE2 on the same machine.
var useAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512VBMI &&
	cpu.X86.HasAVX512BITALG && cpu.X86.HasAVX512GFNI

// countGroups counts the features of hs, whose length is a multiple of
// 32, into c, as countGroupsGo does. Each 32 add at most two to a lane
// byte, and the call one more.
func countGroups(c *counts, hs []uint64) {
	if useAVX512 {
		countGroupsAVX512(c, hs)
		return
	}
	countGroupsSSE2(c, hs)
}

// countGroupsSSE2 and countGroupsAVX512 are countGroups in assembly. With
// SSE2 the pairs of features in a 128-bit register go into two counters
// side by side, added together at the end; AVX-512 keeps eight, and counts
// what carries out of them per bit position without a table.
//
//go:noescape
func countGroupsSSE2(c *counts, hs []uint64)

//go:noescape
func countGroupsAVX512(c *counts, hs []uint64)
