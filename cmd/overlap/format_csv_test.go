package main

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/textoverlap/overlap"
)

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestCSVFormat(t *testing.T) {
	f := newFixture(t)
	// A passage with the characters CSV must quote: a double quote, a
	// comma and a line break.
	quoted := `He said "stop, now"` + "\nand left"
	f.texts["q1.txt"] = []byte("Start. " + quoted + " at once.")
	f.texts["q2.txt"] = []byte(quoted)
	f.report.Pairs = append(f.report.Pairs, overlap.Pair{A: "q1.txt", B: "q2.txt", Passages: []overlap.Passage{
		{A: overlap.Span{Start: 7, End: 7 + len(quoted)}, B: overlap.Span{Start: 0, End: len(quoted)}, Words: 6},
	}})

	var b bytes.Buffer
	require.NoError(t, writeCSV(&b, f.report, f.texts, nil))
	rows := readCSV(t, b.Bytes())
	require.NotEmpty(t, rows)
	assert.Equal(t, []string{"a", "b", "a_start", "a_end", "b_start", "b_end", "words", "text"}, rows[0])

	i := 1
	for _, p := range f.report.Pairs {
		for _, s := range p.Passages {
			require.Less(t, i, len(rows), "a row for every passage")
			row := rows[i]
			want := []string{p.A, p.B, strconv.Itoa(s.A.Start), strconv.Itoa(s.A.End), strconv.Itoa(s.B.Start),
				strconv.Itoa(s.B.End), strconv.Itoa(s.Words), string(f.texts[p.A][s.A.Start:s.A.End])}
			assert.Equal(t, want, row, "row %d", i)
			// The text column is the bytes at the row's offsets.
			start, err := strconv.Atoi(row[2])
			require.NoError(t, err)
			end, err := strconv.Atoi(row[3])
			require.NoError(t, err)
			assert.Equal(t, string(f.texts[row[0]][start:end]), row[7])
			i++
		}
	}
	assert.Len(t, rows, i, "no other rows")
	assert.Equal(t, quoted, rows[len(rows)-1][7])
	assert.Contains(t, b.String(), `"He said ""stop, now""`+"\nand left\"\n", "quoted by encoding/csv")

	var again bytes.Buffer
	require.NoError(t, writeCSV(&again, f.report, f.texts, nil))
	assert.Equal(t, b.String(), again.String(), "deterministic")
}

func TestCSVFormatSourceOffsets(t *testing.T) {
	f := newFixture(t)
	shift := func(id string, off int) int {
		if id == fxStory {
			return off + 1000
		}
		return off
	}
	var b bytes.Buffer
	require.NoError(t, writeCSV(&b, f.report, f.texts, shift))
	rows := readCSV(t, b.Bytes())
	p := f.report.Pairs[pairIndex(t, f.report, fxSource, fxStory)]
	found := false
	for _, row := range rows[1:] {
		if row[0] == fxSource && row[1] == fxStory {
			found = true
			s := p.Passages[0]
			assert.Equal(t, []string{strconv.Itoa(s.A.Start), strconv.Itoa(s.A.End), strconv.Itoa(s.B.Start + 1000), strconv.Itoa(s.B.End + 1000)}, row[2:6])
			assert.Equal(t, string(f.texts[fxSource][s.A.Start:s.A.End]), row[7], "text from the document's text")
		}
	}
	assert.True(t, found)
}

func TestCSVFormatEmpty(t *testing.T) {
	r, texts := emptyReport()
	var b bytes.Buffer
	require.NoError(t, writeCSV(&b, r, texts, nil))
	assert.Equal(t, "a,b,a_start,a_end,b_start,b_end,words,text\n", b.String())
}

func TestCSVFormatErrors(t *testing.T) {
	f := newFixture(t)
	require.ErrorIs(t, writeCSV(failingWriter{}, f.report, f.texts, nil), errWrite)
	delete(f.texts, fxArticle)
	require.ErrorContains(t, writeCSV(&bytes.Buffer{}, f.report, f.texts, nil), `no text for document "seeds/000.txt"`)
}
