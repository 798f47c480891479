// Package input reads the documents that overlap's commands work on: text
// files, directory trees, standard input and JSON Lines, with the same
// rules everywhere.
//
// [Read] walks its path arguments in order and yields one [Doc] per
// document. Directories are walked recursively in byte order of the
// slash-separated relative path, taking regular files whose extension is
// wanted (.txt and .md by default) and skipping names that start with a
// dot; symbolic links are followed and loops reported. A document's id is
// its path below the directory argument, or the path as given for a file
// argument, or the id member of a JSONL line.
//
// Text is used as UTF-8 when it is valid UTF-8 (a byte order mark is kept:
// the tokenizer ignores it) and is otherwise decoded as Windows-1252 by
// [Decode], whose [OffsetMap] converts offsets in the decoded text back to
// offsets in the file as read. Gzip-compressed input is recognised by its
// magic bytes and decompressed.
//
// Bad input never stops the rest: each problem (missing, unreadable,
// binary, empty or undecodable file; malformed, incomplete or duplicate
// JSONL line) is yielded as an [*Error] whose text is one line naming the
// file, and the line for JSONL. Options.Strict stops at the first problem
// that loses a document instead.
//
// JSONL is streamed with no limit on line length and parsed by [ParseLine],
// a strict, allocation-free scanner that extracts the id and text members
// and agrees with encoding/json on every input, at several times its speed.
package input
