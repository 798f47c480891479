package main

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/textoverlap/overlap"
)

// csvHeader is the first row of "overlap report --format csv".
var csvHeader = []string{"a", "b", "a_start", "a_end", "b_start", "b_end", "words", "text"}

// writeCSV writes one row per shared passage, pairs in report order and
// passages in order of their position in a, under a header row:
//
//	a,b,a_start,a_end,b_start,b_end,words,text
//
// Offsets are converted by src to offsets into the files as read, as in
// the JSON format (nil: kept). text is the passage as it reads in document
// a: its UTF-8 text (texts holds each document's text by id, the bytes the
// report's offsets index), quoted by encoding/csv's rules. Ids and text are
// written as they are: a spreadsheet that opens the file may take a cell
// starting with "=" for a formula.
func writeCSV(w io.Writer, r *overlap.Report, texts map[string][]byte, src sourceOffsets) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	row := make([]string, len(csvHeader))
	var num []byte
	itoa := func(n int) string {
		num = strconv.AppendInt(num[:0], int64(n), 10)
		return string(num)
	}
	for i := range r.Pairs {
		p := &r.Pairs[i]
		if len(p.Passages) == 0 {
			continue
		}
		text, err := textOf(texts, p.A)
		if err != nil {
			return err
		}
		for _, s := range p.Passages {
			a, b := src.span(p.A, s.A), src.span(p.B, s.B)
			t := clampSpan(s.A, len(text))
			row[0], row[1] = p.A, p.B
			row[2], row[3] = itoa(a.Start), itoa(a.End)
			row[4], row[5] = itoa(b.Start), itoa(b.End)
			row[6] = itoa(s.Words)
			row[7] = string(text[t.Start:t.End])
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
