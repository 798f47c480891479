package simhash

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFingerprintText(t *testing.T) {
	tests := []struct {
		f    Fingerprint
		text string
	}{
		{0, "0000000000000000"},
		{1, "0000000000000001"},
		{0xa1f78af0a3e06ddc, "a1f78af0a3e06ddc"},
		{^Fingerprint(0), "ffffffffffffffff"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.text, tt.f.String())
		b, err := tt.f.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tt.text, string(b))
		b, err = tt.f.AppendText([]byte("x="))
		require.NoError(t, err)
		assert.Equal(t, "x="+tt.text, string(b))
		var g Fingerprint
		require.NoError(t, g.UnmarshalText([]byte(tt.text)))
		assert.Equal(t, tt.f, g)
		p, err := Parse(tt.text)
		require.NoError(t, err)
		assert.Equal(t, tt.f, p)
	}
}

func TestFingerprintTextRejects(t *testing.T) {
	for _, s := range []string{"", "0", "a1f78af0a3e06dd", "a1f78af0a3e06ddc0", "A1F78AF0A3E06DDC", "0xa1f78af0a3e06d", "g1f78af0a3e06ddc", " 1f78af0a3e06ddc", "a1f78af0a3e06dd\x00"} {
		_, err := Parse(s)
		assert.ErrorIs(t, err, ErrSyntax, "%q", s)
	}
}

func TestFingerprintJSON(t *testing.T) {
	type doc struct {
		Simhash Fingerprint `json:"simhash"`
	}
	b, err := json.Marshal(doc{0x00f0})
	require.NoError(t, err)
	assert.JSONEq(t, `{"simhash":"00000000000000f0"}`, string(b))
	var d doc
	require.NoError(t, json.Unmarshal(b, &d))
	assert.Equal(t, Fingerprint(0xf0), d.Simhash)
	assert.Error(t, json.Unmarshal([]byte(`{"simhash":"F0"}`), &d))
}

func FuzzUnmarshalText(f *testing.F) {
	for _, s := range []string{"0000000000000000", "a1f78af0a3e06ddc", "ffffffffffffffff", "A1F78AF0A3E06DDC", "", "xyz"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var g Fingerprint
		if err := g.UnmarshalText(b); err != nil {
			require.ErrorIs(t, err, ErrSyntax)
			return
		}
		// Accepted text is the one canonical spelling.
		require.Equal(t, string(b), g.String())
	})
}
