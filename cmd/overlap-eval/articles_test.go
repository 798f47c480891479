package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseArticles(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []article
		err      string
	}{
		{name: "two", in: "t1 One text.\nt2 Another, longer text.\n",
			want: []article{{"t1", []byte("One text.")}, {"t2", []byte("Another, longer text.")}}},
		{name: "CRLF, blank lines, no final newline", in: "t1 a b\r\n\r\nt2 c d",
			want: []article{{"t1", []byte("a b")}, {"t2", []byte("c d")}}},
		{name: "empty", in: "", err: "a.train: no documents"},
		{name: "id only", in: "t1\n", err: "a.train:1: want an id, a space and the text"},
		{name: "no text", in: "t1 a\nt2   \n", err: "a.train:2: want an id"},
		{name: "leading space", in: " t1 text\n", err: "a.train:1: want an id"},
		{name: "id twice", in: "t1 a\nt1 b\n", err: `a.train:2: id "t1" used twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseArticles("a.train", []byte(tc.in))
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseTruth(t *testing.T) {
	known := map[string]bool{"t1": true, "t2": true, "t3": true}
	got, err := parseTruth("a.truth", []byte("t2 t1\n\nt1 t3\r\n"), known)
	require.NoError(t, err)
	assert.Equal(t, []idPair{{"t1", "t2"}, {"t1", "t3"}}, got)
	for in, want := range map[string]string{
		"t1\n":         "a.truth:1: want two different ids",
		"t1 t1\n":      "a.truth:1: want two different ids",
		"t1 t2 t3\n":   "a.truth:1: want two different ids",
		"t1 t9\n":      `a.truth:1: no document "t9"`,
		"t1 t2\nt2 t1": "a.truth:2: pair t1 t2 listed twice",
	} {
		_, err := parseTruth("a.truth", []byte(in), known)
		assert.ErrorContains(t, err, want, "%q", in)
	}
}

// TestDedupArticles checks the scoring of clusters against labels on a
// tiny set: a labelled pair found, and an unlabelled one reported.
func TestDedupArticles(t *testing.T) {
	base := strings.Repeat("The council met on Tuesday to discuss the budget for roads and schools in the coming year. ", 3)
	other := "A completely different story about a football match that ended in a draw after extra time was played. "
	docs := []article{
		{"a", []byte(base)},
		{"b", []byte(base + "Indeed.")},
		{"c", []byte(other + other)},
		{"d", []byte(other + other + "Really.")},
		{"e", []byte("Nothing like the others at all, a short note on gardening and tomatoes.")},
	}
	r := dedupArticles("tiny", docs, []idPair{makeIDPair("b", "a"), makeIDPair("a", "e")})
	assert.Equal(t, 5, r.Documents)
	assert.Equal(t, 2, r.Labelled)
	assert.Equal(t, 1, r.Found)
	assert.Equal(t, []idPair{{"a", "e"}}, r.Missed)
	assert.Equal(t, []idPair{{"c", "d"}}, r.Unlabelled)
	assert.Equal(t, 4, r.ClusterDocs)
}

// FuzzParseArticles checks that no input panics the .train and .truth
// readers and that what they accept is consistent.
func FuzzParseArticles(f *testing.F) {
	f.Add([]byte("t1 One text.\nt2 Another text.\n"), []byte("t1 t2\n"))
	f.Add([]byte("t1 a\r\n\r\nt2 b"), []byte("t2 t1\r\n"))
	f.Fuzz(func(t *testing.T, train, truth []byte) {
		docs, err := parseArticles("f.train", train)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "f.train"), err.Error())
			return
		}
		known := map[string]bool{}
		for _, d := range docs {
			assert.False(t, known[d.ID], "id %q twice", d.ID)
			assert.NotContains(t, d.ID, " ")
			assert.NotEmpty(t, d.ID)
			known[d.ID] = true
		}
		pairs, err := parseTruth("f.truth", truth, known)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "f.truth"), err.Error())
			return
		}
		for _, p := range pairs {
			assert.True(t, known[p[0]] && known[p[1]] && p[0] < p[1], "%v", p)
		}
	})
}
