package main

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files and JSONL fixtures")

// cliResult is what one in-process run of overlap produced.
type cliResult struct {
	code           int
	stdout, stderr string
}

// runOverlap runs overlap in-process with the given standard input.
func runOverlap(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return cliResult{code, out.String(), errOut.String()}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring, "" for empty
		stderr     string // exact, or a substring if it ends in "…"
		stderrLine bool   // stderr is one line
	}{
		{name: "no arguments", args: nil, code: 2, stderr: "Usage:\n  overlap <command>…"},
		{name: "help", args: []string{"help"}, code: 0, stdout: "fingerprint  print the simhash fingerprint"},
		{name: "-h", args: []string{"-h"}, code: 0, stdout: "Commands:"},
		{name: "--help", args: []string{"--help"}, code: 0, stdout: "Commands:"},
		{name: "help fingerprint", args: []string{"help", "fingerprint"}, code: 0, stdout: "Usage: overlap fingerprint [flags] PATH..."},
		{name: "fingerprint -h", args: []string{"fingerprint", "-h"}, code: 0, stdout: "-text-field"},
		{name: "fingerprint --help after a path", args: []string{"fingerprint", "x", "--help"}, code: 0, stdout: "Usage: overlap fingerprint"},
		{name: "help unknown", args: []string{"help", "nope"}, code: 2, stderr: "overlap: unknown command \"nope\" (see 'overlap help')\n", stderrLine: true},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: "overlap: unknown command \"frobnicate\" (see 'overlap help')\n", stderrLine: true},
		{name: "flag before command", args: []string{"--jsonl", "fingerprint"}, code: 2, stderr: "overlap: flag --jsonl before the command (see 'overlap help')\n", stderrLine: true},
		{name: "unknown flag", args: []string{"fingerprint", "seeds", "--bogus"}, code: 2, stderr: "overlap fingerprint: flag provided but not defined: -bogus (see 'overlap help fingerprint')\n", stderrLine: true},
		{name: "missing flag value", args: []string{"fingerprint", "seeds", "--id-field"}, code: 2, stderr: "overlap fingerprint: flag needs an argument: -id-field (see 'overlap help fingerprint')\n", stderrLine: true},
		{name: "bad int", args: []string{"fingerprint", "--workers", "many", "seeds"}, code: 2, stderr: "overlap fingerprint: invalid value \"many\" for flag -workers: parse error (see 'overlap help fingerprint')\n", stderrLine: true},
		{name: "negative workers", args: []string{"fingerprint", "--workers=-1", "seeds"}, code: 2, stderr: "overlap fingerprint: --workers must not be negative (see 'overlap help fingerprint')\n", stderrLine: true},
		{name: "no paths", args: []string{"fingerprint", "--jsonl"}, code: 2, stderr: "overlap fingerprint: no input: name files or directories, or - for standard input (see 'overlap help fingerprint')\n", stderrLine: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runOverlap(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code)
			if tt.stdout == "" {
				assert.Empty(t, r.stdout)
			} else {
				assert.Contains(t, r.stdout, tt.stdout)
			}
			switch {
			case tt.stderr == "":
				assert.Empty(t, r.stderr)
			case strings.HasSuffix(tt.stderr, "…"):
				assert.Contains(t, r.stderr, strings.TrimSuffix(tt.stderr, "…"))
			default:
				assert.Equal(t, tt.stderr, r.stderr)
			}
			if tt.stderrLine {
				assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line")
			}
		})
	}
}

func TestUsageListsEveryCommand(t *testing.T) {
	var b bytes.Buffer
	usage(&b)
	for _, c := range commands {
		assert.Contains(t, b.String(), "  "+c.name+" ")
		r := runOverlap(t, "", "help", c.name)
		assert.Equal(t, 0, r.code, c.name)
		assert.NotEmpty(t, r.stdout, c.name)
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		pos   []string
		jsonl bool
		field string
		err   string
	}{
		{name: "flags first", args: []string{"--jsonl", "--id-field", "k", "a", "b"}, pos: []string{"a", "b"}, jsonl: true, field: "k"},
		{name: "flags last", args: []string{"a", "b", "--jsonl", "-id-field=k"}, pos: []string{"a", "b"}, jsonl: true, field: "k"},
		{name: "interleaved", args: []string{"a", "-jsonl", "b", "--id-field", "k", "c"}, pos: []string{"a", "b", "c"}, jsonl: true, field: "k"},
		{name: "value looks like a flag", args: []string{"--id-field", "--jsonl", "a"}, pos: []string{"a"}, field: "--jsonl"},
		{name: "double dash", args: []string{"a", "--", "--jsonl", "-x"}, pos: []string{"a", "--jsonl", "-x"}, field: "id"},
		{name: "stdin", args: []string{"-", "--jsonl"}, pos: []string{"-"}, jsonl: true, field: "id"},
		{name: "bool with value", args: []string{"--jsonl=false", "a"}, pos: []string{"a"}, field: "id"},
		{name: "unknown", args: []string{"a", "--nope"}, err: "flag provided but not defined: -nope"},
		{name: "bad syntax", args: []string{"---jsonl"}, err: "bad flag syntax: ---jsonl"},
		{name: "help", args: []string{"a", "-help"}, err: "flag: help requested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFlagSet("test")
			jsonl := fs.Bool("jsonl", false, "")
			field := fs.String("id-field", "id", "")
			pos, err := parseArgs(fs, tt.args)
			if tt.err != "" {
				require.Error(t, err)
				assert.Equal(t, tt.err, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.pos, pos)
			assert.Equal(t, tt.jsonl, *jsonl)
			assert.Equal(t, tt.field, *field)
		})
	}
}

func TestIsTerminal(t *testing.T) {
	assert.False(t, isTerminal(io.Discard))
	assert.False(t, isTerminal(&bytes.Buffer{}))
}
