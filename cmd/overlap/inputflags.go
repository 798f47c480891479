package main

import (
	"flag"

	"github.com/textoverlap/overlap/internal/input"
)

// inputFlags are the flags that say how to read documents; every command
// that reads documents takes the same ones.
type inputFlags struct {
	jsonl, strict           bool
	idField, textField, ext string
	// autoJSONL takes JSON Lines, without --jsonl, when every input is a
	// .jsonl or .ndjson file: the inputs of dedup and index usually are.
	autoJSONL bool
}

func (f *inputFlags) register(fs *flag.FlagSet, autoJSONL bool) {
	f.autoJSONL = autoJSONL
	jsonl := "read each input as JSON Lines, one {\"id\": ..., \"text\": ...} document a line"
	if autoJSONL {
		jsonl += "\n(the default when every input is a .jsonl or .ndjson file)"
	}
	fs.BoolVar(&f.jsonl, "jsonl", false, jsonl)
	fs.StringVar(&f.idField, "id-field", "id", "JSONL member holding a document's id (a string or a number)")
	fs.StringVar(&f.textField, "text-field", "text", "JSONL member holding a document's text")
	fs.StringVar(&f.ext, "ext", "", "comma-separated `extensions` taken from directories, or * for every file\n(default .txt,.md, or .jsonl,.ndjson with --jsonl)")
	fs.BoolVar(&f.strict, "strict", false, "stop at the first input that cannot be read (default: warn, skip it and go on)")
}

// options returns how to read paths, or a usage message when the flags
// cannot be met.
func (f *inputFlags) options(e *env, paths []string) (input.Options, string) {
	if f.idField == "" || f.textField == "" {
		return input.Options{}, "--id-field and --text-field must not be empty"
	}
	opt := input.Options{
		JSONL:     f.jsonl || (f.autoJSONL && allJSONL(paths)),
		IDField:   f.idField,
		TextField: f.textField,
		Strict:    f.strict,
		Stdin:     e.stdin,
	}
	if f.ext != "" {
		opt.Exts, opt.AllFiles = input.ParseExts(f.ext)
	}
	return opt, ""
}
