package main

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/textoverlap/overlap"
)

// writeJSON writes r as the JSON of "overlap report --format json":
//
//	{"documents": [{"id", "words", "simhash"}],
//	 "pairs": [{"a", "b", "similarity", "containment": [a in b, b in a],
//	            "hamming", "near_duplicate",
//	            "passages": [{"a": [start, end], "b": [start, end], "words"}]}],
//	 "repeats": [{"id", "spans": [[start, end], ...], "words"}]}
//
// Offsets are converted by src to offsets into the files as read (nil:
// the report's offsets are kept). Empty lists are [], never null. The
// bytes are deterministic: two-space indentation, arrays of numbers (spans,
// containment) on one line, a trailing newline. r is not modified.
func writeJSON(w io.Writer, r *overlap.Report, src sourceOffsets) error {
	b, err := marshalReportJSON(r, src)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// marshalReportJSON returns what writeJSON writes.
func marshalReportJSON(r *overlap.Report, src sourceOffsets) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonReport(r, src)); err != nil {
		return nil, err
	}
	return compactNumberArrays(buf.Bytes()), nil
}

// jsonReport returns a copy of r with every list non-nil (so that it
// encodes as [] and not null) and its offsets converted by src.
func jsonReport(r *overlap.Report, src sourceOffsets) *overlap.Report {
	out := &overlap.Report{
		Documents: make([]overlap.Summary, len(r.Documents)),
		Pairs:     make([]overlap.Pair, len(r.Pairs)),
		Repeats:   make([]overlap.Repeat, len(r.Repeats)),
	}
	copy(out.Documents, r.Documents)
	for i, p := range r.Pairs {
		ps := make([]overlap.Passage, len(p.Passages))
		for k, s := range p.Passages {
			ps[k] = overlap.Passage{A: src.span(p.A, s.A), B: src.span(p.B, s.B), Words: s.Words}
		}
		p.Passages = ps
		out.Pairs[i] = p
	}
	for i, rep := range r.Repeats {
		spans := make([]overlap.Span, len(rep.Spans))
		for k, s := range rep.Spans {
			spans[k] = src.span(rep.ID, s)
		}
		rep.Spans = spans
		out.Repeats[i] = rep
	}
	return out
}

// compactNumberArrays rewrites indented JSON so that each non-empty array
// holding only numbers (a span, a containment) stands on one line, as
// [12, 40], instead of one line per number: a report has thousands of
// spans. Everything else, including strings, is copied as is.
func compactNumberArrays(in []byte) []byte {
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch c {
		case '"':
			// Copy the string whole, escapes included.
			j := i + 1
			for j < len(in) && in[j] != '"' {
				if in[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, in[i:min(j+1, len(in))]...)
			i = j
		case '[':
			if end, ok := numberArrayEnd(in, i); ok {
				out = append(out, '[')
				first := true
				for _, f := range bytes.FieldsFunc(in[i+1:end], func(r rune) bool {
					return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r'
				}) {
					if !first {
						out = append(out, ", "...)
					}
					out = append(out, f...)
					first = false
				}
				out = append(out, ']')
				i = end
				continue
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// numberArrayEnd reports whether the array opening at in[open] holds
// nothing but numbers, and where its closing bracket is.
func numberArrayEnd(in []byte, open int) (int, bool) {
	digits := false
	for j := open + 1; j < len(in); j++ {
		switch c := in[j]; {
		case c == ']':
			return j, digits
		case c >= '0' && c <= '9':
			digits = true
		case c == '-', c == '+', c == '.', c == 'e', c == 'E', c == ',',
			c == ' ', c == '\n', c == '\t', c == '\r':
		default:
			return 0, false
		}
	}
	return 0, false
}
