package input

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"syscall"
	"unicode"
)

// Kind classifies an [Error].
type Kind uint8

// The kinds of [Error]. Those marked "kept" describe a document that is
// still delivered; the others lose something (Error.Skipped is true), except
// KindSymlinkLoop, which loses nothing because what the loop leads to is
// read through the way it was first reached.
const (
	KindNotFound     Kind = iota + 1 // the path does not exist, or a symbolic link is broken
	KindUnreadable                   // permission denied, I/O or gzip error
	KindBinary                       // a NUL byte in the first 8 KiB
	KindEmpty                        // nothing but white space (kept)
	KindDecoded                      // not UTF-8, decoded as Windows-1252 (kept)
	KindSymlinkLoop                  // a symbolic link leads back to a directory being walked
	KindSyntax                       // JSONL: the line is not valid JSON
	KindMissingField                 // JSONL: no id or text member, or an empty id
	KindWrongType                    // JSONL: not an object, or a member of the wrong JSON type
	KindDuplicateID                  // the id was already used by an earlier document
)

var kindNames = [...]string{
	KindNotFound:     "not found",
	KindUnreadable:   "unreadable",
	KindBinary:       "binary",
	KindEmpty:        "empty",
	KindDecoded:      "decoded",
	KindSymlinkLoop:  "symlink loop",
	KindSyntax:       "syntax",
	KindMissingField: "missing field",
	KindWrongType:    "wrong type",
	KindDuplicateID:  "duplicate id",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Error is a warning or error about one input: a file, a directory or a
// JSONL line. [Read] yields every problem as an *Error; its text is one
// line naming the file (and line, for JSONL) and the reason, such as
//
//	essays/b.txt: binary file (NUL byte at offset 512), skipped
//	corpus.jsonl:17: duplicate id "a7" (first at corpus.jsonl:3), line skipped
type Error struct {
	// Path is the file or directory as the user can find it: a path
	// argument, or a directory argument joined with the path below it.
	// Standard input is "-".
	Path string
	// Line is the 1-based line of a JSONL file, or 0.
	Line int
	Kind Kind
	// Skipped reports that a document (or a whole file or directory, or
	// the rest of a file) was not delivered because of this problem.
	Skipped bool
	// Stopped reports that reading stopped here (Options.Strict).
	Stopped bool
	// Msg is the reason, without the path or the consequence.
	Msg string
	// Err is the underlying error, if any (an *fs.PathError, a gzip
	// error, a *SyntaxError, ...).
	Err error

	skipped string // what was skipped, if not the usual
}

func (e *Error) Error() string {
	b := make([]byte, 0, len(e.Path)+len(e.Msg)+24)
	b = append(b, DisplayPath(e.Path)...)
	if e.Line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(e.Line), 10)
	}
	b = append(b, ": "...)
	b = append(b, e.Msg...)
	switch {
	case e.Stopped:
		b = append(b, ", stopped"...)
	case e.Skipped && e.skipped != "":
		b = append(b, ", "...)
		b = append(b, e.skipped...)
	case e.Skipped && e.Line > 0:
		b = append(b, ", line skipped"...)
	case e.Skipped:
		b = append(b, ", skipped"...)
	}
	return string(b)
}

func (e *Error) Unwrap() error { return e.Err }

// DisplayPath is how messages name a path: standard input ("-") as
// <stdin>, and a path holding control characters (a newline in a file
// name) Go-quoted, so that every message stays on one line.
func DisplayPath(p string) string {
	if p == "-" {
		return "<stdin>"
	}
	if strings.ContainsFunc(p, unicode.IsControl) {
		return strconv.Quote(p)
	}
	return p
}

// osError turns an error from opening, statting or reading path into an
// *Error that skips it.
func osError(path string, err error) *Error {
	e := &Error{Path: path, Kind: KindUnreadable, Skipped: true, Err: err}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e.Kind = KindNotFound
	case errors.Is(err, syscall.ELOOP):
		e.Kind = KindSymlinkLoop
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		e.Msg = pe.Err.Error()
	} else {
		e.Msg = err.Error()
	}
	return e
}

func errorf(path string, line int, kind Kind, skipped bool, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Kind: kind, Skipped: skipped, Msg: fmt.Sprintf(format, args...)}
}
