// XXH64's steps on eight 64-bit lanes at once, with AVX-512, for
// xxhash_amd64.s and block_amd64.s: the primes 1 to 4 are in Z16 to Z19.

// round replaces the eight words in z with their rounds, rotl(w*p2, 31)*p1.
#define round(z) \
	VPMULLQ Z17, z, z \
	VPROLQ  $31, z, z \
	VPMULLQ Z16, z, z

// lane xors the rounds r into the states h and mixes them:
// rotl(h^r, 27)*p1 + p4.
#define lane(r, h) \
	VPXORQ  r, h, h   \
	VPROLQ  $27, h, h \
	VPMULLQ Z16, h, h \
	VPADDQ  Z19, h, h

// avalanche mixes the states in z into hashes, through Z2.
#define avalanche(z) \
	VPSRLQ  $33, z, Z2 \
	VPXORQ  Z2, z, z   \
	VPMULLQ Z17, z, z  \
	VPSRLQ  $29, z, Z2 \
	VPXORQ  Z2, z, z   \
	VPMULLQ Z18, z, z  \
	VPSRLQ  $32, z, Z2 \
	VPXORQ  Z2, z, z
