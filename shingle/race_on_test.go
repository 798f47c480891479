//go:build race

package shingle

// raceEnabled: the race detector makes memory-bound work many times slower
// and makes sync.Pool drop items on purpose, so a few tests adapt.
const raceEnabled = true
