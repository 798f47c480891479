//go:build !amd64 || !gc || purego

package shingle

var useAVX512 = false

func shingles2(out, words []uint64) { shingles2Go(out, words) }

func shingles3(out, words []uint64) { shingles3Go(out, words) }
