//go:build race

package main

// raceEnabled: the race detector slows memory-bound work tenfold, so the
// 50 MB tests are skipped under it (they run in the ordinary test run).
const raceEnabled = true
