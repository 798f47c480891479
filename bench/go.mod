module github.com/textoverlap/overlap/bench

go 1.26.8

require (
	github.com/cespare/xxhash/v2 v2.3.0
	github.com/mfonda/simhash v0.0.0-20151007195837-79f94a1100d6
	github.com/textoverlap/overlap v0.0.0-00010101000000-000000000000
)

require golang.org/x/text v0.43.0

require golang.org/x/sys v0.49.0 // indirect

replace github.com/textoverlap/overlap => ../
