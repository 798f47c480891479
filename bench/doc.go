// Package bench compares overlap's simhash fingerprinting with
// github.com/mfonda/simhash on the same inputs. It is a separate module so
// that the comparison's dependency stays out of overlap's own go.mod.
//
//	cd bench && go test ./...                         # sanity checks
//	cd bench && go test -run '^$' -bench . -count 10  # the comparison
//
// See BENCHMARKS.md at the repository root for the results.
package bench
