package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// stdJSONString is encoding/json's encoding of s without HTML escaping.
func stdJSONString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "a/b.txt", "tab\tnl\ncr\rbs\bff\f", "\x00\x01\x1f\x7f",
		"<script>&amp;", "é € 😀", "\u2028\u2029", "bad \xff utf8 \xe2\x82", "\uFFFD", "\xed\xa0\x80",
	} {
		assert.Equal(t, stdJSONString(s), string(appendJSONString(nil, s)), "%q", s)
	}
	r := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"a", " ", `"`, `\`, "\n", "\x00", "\x1f", "é", "\u2028", "\xff", "\xe2", "😀", "<", "/"}
	for range 20000 {
		var b []byte
		for n := r.IntN(12); n > 0; n-- {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		s := string(b)
		if got, want := string(appendJSONString(nil, s)), stdJSONString(s); got != want {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("seeds/a.txt")
	f.Add("bad \xff \u2028 \" \\ \x00")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), stdJSONString(s); got != want {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}
