package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every command that reads documents takes the same input flags, checked
// the same way.
func TestInputFlagsAreShared(t *testing.T) {
	seeds := filepath.Join(moduleRoot, "seeds")
	archive := filepath.Join(t.TempDir(), "a.ovl")
	for _, cmd := range [][]string{{"report"}, {"dedup"}, {"fingerprint"}, {"index", "add", archive}, {"index", "query", archive}} {
		name := strings.Join(cmd[:min(2, len(cmd))], " ")
		t.Run(name, func(t *testing.T) {
			for _, bad := range []string{"--id-field=", "--text-field="} {
				res := runOverlap(t, "", append(append([]string(nil), cmd...), bad, seeds)...)
				assert.Equal(t, 2, res.code)
				assert.Contains(t, res.stderr, "--id-field and --text-field must not be empty")
			}
			help := runOverlap(t, "", append(append([]string(nil), cmd[:min(2, len(cmd))]...), "-h")...)
			for _, f := range []string{"-jsonl", "-id-field", "-text-field", "-ext", "-strict"} {
				assert.Contains(t, help.stdout, f)
			}
		})
	}
}

func TestInputFlagsJSONLDetection(t *testing.T) {
	jsonl := filepath.Join(moduleRoot, "testdata", "jsonl", "seeds.jsonl")
	var in inputFlags
	in.register(newFlagSet("x"), true)
	opt, msg := in.options(&env{}, []string{jsonl})
	assert.Empty(t, msg)
	assert.True(t, opt.JSONL, "dedup and index take .jsonl files as JSON Lines")
	var plain inputFlags
	plain.register(newFlagSet("y"), false)
	opt, _ = plain.options(&env{}, []string{jsonl})
	assert.False(t, opt.JSONL, "report and fingerprint want --jsonl")
}
