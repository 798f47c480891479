#!/bin/sh
# abtest.sh: before/after benchmarks of shingle and simhash, interleaved.
#
# Run from the module root:  sh bench/abtest.sh [BASE_REV] [COUNT] [PACKAGES]
#
# BASE_REV (default HEAD) is exported read-only with git archive, and the
# benchmark half of this tree's shingle/bench_test.go and simhash/bench_test.go
# is put into it, so both sides run the same benchmarks on the same inputs.
# The two test binaries then alternate, one -count 1 run each, COUNT times
# (default 10), so that load from other jobs on the machine falls on both
# alike. PACKAGES is "shingle simhash" unless given. SHINGLE_BENCH and
# SIMHASH_BENCH, when set, replace the -test.bench patterns below (a round
# of all simhash benchmarks takes about five minutes). Results go to
# bench/results/{shingle,simhash}-{before,after}.txt; compare them with
# benchstat (see BENCHMARKS.md).
set -eu
base=${1:-HEAD}
count=${2:-10}
pkgs=${3:-shingle simhash}
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git archive "$base" | tar -x -C "$tmp"
mkdir -p "$tmp/testdata"
cp -r testdata/bench "$tmp/testdata/"
# Everything before the agreement tests, which test this tree's internals.
sed '/^\/\/ The fast paths must agree/,$d' shingle/bench_test.go |
	sed '/"bytes"$/d; /"unicode\/utf8"$/d; /xxhash\/v2"$/d; /x\/text\/cases"$/d; /x\/text\/unicode\/norm"$/d' \
		>"$tmp/shingle/bench_test.go"
cp simhash/bench_test.go "$tmp/simhash/bench_test.go"
: "${OVERLAP_PAN13_DIR:=$(cd .. && pwd)/shared/corpora/pan13_no_obfuscation/src}"
export OVERLAP_PAN13_DIR
for pkg in $pkgs; do
	(cd "$tmp" && go test -c -o "$tmp/$pkg.before" "./$pkg")
	go test -c -o "$tmp/$pkg.after" "./$pkg"
done
shingle=${SHINGLE_BENCH:-'^Benchmark(Tokenizer|WordShingler|CharShingler)$'}
simhash=${SIMHASH_BENCH:-'^Benchmark(HasherSum|Sum|BuilderAdd)$'}
for pkg in $pkgs; do
	: >"$out/$pkg-before.txt"
	: >"$out/$pkg-after.txt"
done
i=0
while [ $i -lt "$count" ]; do
	i=$((i + 1))
	echo "round $i of $count" >&2
	for pkg in $pkgs; do
		eval "re=\$$pkg"
		(cd "$tmp/$pkg" && "$tmp/$pkg.before" -test.run '^$' -test.bench "$re" -test.count 1) >>"$out/$pkg-before.txt"
		(cd "$pkg" && "$tmp/$pkg.after" -test.run '^$' -test.bench "$re" -test.count 1) >>"$out/$pkg-after.txt"
	done
done
