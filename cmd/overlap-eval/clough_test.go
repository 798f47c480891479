package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/textoverlap/overlap"
)

func TestParseCloughLabels(t *testing.T) {
	const head = "File,Group,Person,Task,Category,Native English,Knowledge,Difficulty\n"
	for _, tc := range []struct {
		name, in string
		want     []cloughLabel
		err      string
	}{
		{name: "published sheet", in: head + "g0pA_taska.txt,0,A,a,non,native,1,1\ng0pA_taskb.txt,0,A,b,cut,native,4,3\n",
			want: []cloughLabel{{"g0pA_taska.txt", "a", "non"}, {"g0pA_taskb.txt", "b", "cut"}}},
		{name: "Udacity's three columns, CRLF, byte order mark", in: "\uFEFFFile,Task,Category\r\ng0pA_taska.txt,a,heavy\r\n",
			want: []cloughLabel{{"g0pA_taska.txt", "a", "heavy"}}},
		{name: "columns in another order", in: "Category,File,Task\nlight,x.txt,e\n",
			want: []cloughLabel{{"x.txt", "e", "light"}}},
		{name: "empty", in: "", err: "labels.csv: header"},
		{name: "header only", in: head, err: "labels.csv: no answers"},
		{name: "no category column", in: "File,Task\na.txt,a\n", err: "labels.csv: header has no Category column"},
		{name: "unknown category", in: head + "g0pA_taska.txt,0,A,a,orig,native,1,1\n", err: `labels.csv:2: category "orig" is not one of cut, light, heavy, non`},
		{name: "a source listed as an answer", in: head + "orig_taska.txt,0,A,a,non,native,1,1\n", err: "labels.csv:2: \"orig_taska.txt\" is not an answer file name"},
		{name: "path", in: head + "../x.txt,0,A,a,non,native,1,1\n", err: "is not an answer file name"},
		{name: "bad task", in: head + "x.txt,0,A,ab,non,native,1,1\n", err: `labels.csv:2: task "ab" is not one letter`},
		{name: "twice", in: head + "x.txt,0,A,a,non,native,1,1\nx.txt,0,A,a,cut,native,1,1\n", err: "labels.csv:3: x.txt is labelled twice"},
		{name: "short row", in: head + "x.txt,0,A\n", err: "labels.csv: record on line 2: wrong number of fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseCloughLabels("labels.csv", []byte(tc.in))
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRocAUC(t *testing.T) {
	for _, tc := range []struct {
		name     string
		pos, neg []float64
		want     float64
	}{
		{"separated", []float64{0.5, 0.9}, []float64{0.1, 0.2}, 1},
		{"reversed", []float64{0.1}, []float64{0.5, 0.9}, 0},
		{"ties count half", []float64{0.5}, []float64{0.5}, 0.5},
		{"mixed", []float64{0.3, 0.6}, []float64{0.1, 0.3, 0.8}, (1 + 0.5 + 0 + 1 + 1 + 0) / 6.0},
		{"no negatives", []float64{0.3}, nil, 0},
	} {
		assert.InDelta(t, tc.want, rocAUC(tc.pos, tc.neg), 1e-12, tc.name)
	}
}

func TestBestThreshold(t *testing.T) {
	as := []cloughAnswer{
		{cloughLabel: cloughLabel{Category: "non"}, Containment: 0},
		{cloughLabel: cloughLabel{Category: "non"}, Containment: 0.2},
		{cloughLabel: cloughLabel{Category: "cut"}, Containment: 0.1},
		{cloughLabel: cloughLabel{Category: "cut"}, Containment: 0.5},
		{cloughLabel: cloughLabel{Category: "heavy"}, Containment: 0.3},
	}
	acc, lo, hi := bestThreshold(as)
	assert.InDelta(t, 0.8, acc, 1e-12)
	assert.Equal(t, 0.0, lo)
	assert.Equal(t, 0.1, hi)
}

// TestReadTextEncodings checks the answers are read as written: a
// Windows-1252 answer gets its typographic quotes, and an answer's
// containment does not depend on its encoding or line endings.
func TestReadTextEncodings(t *testing.T) {
	dir := filepath.Join(evalTestdata, cloughDir, cloughTexts)
	text, enc, err := readText(filepath.Join(dir, "g4pE_taskb.txt"))
	require.NoError(t, err)
	assert.Equal(t, "Windows-1252", enc)
	assert.NotContains(t, string(text), "\uFFFD")
	assert.True(t, strings.ContainsAny(string(text), "‘’“”–—…"), "typographic punctuation decoded")

	raw, err := os.ReadFile(filepath.Join(dir, "g4pE_taskb.txt"))
	require.NoError(t, err)
	src, _, err := readText(filepath.Join(dir, "orig_taskb.txt"))
	require.NoError(t, err)
	lf := []byte(strings.ReplaceAll(string(text), "\r\n", "\n"))
	want := overlap.Compare(overlap.Document{Text: lf}, overlap.Document{Text: src}, cloughOptions)
	got := overlap.Compare(overlap.Document{Text: text}, overlap.Document{Text: src}, cloughOptions)
	assert.Equal(t, want.Containment, got.Containment)
	assert.Equal(t, len(want.Passages), len(got.Passages))
	naive := overlap.Compare(overlap.Document{Text: raw}, overlap.Document{Text: src}, cloughOptions)
	assert.LessOrEqual(t, naive.Containment[0], got.Containment[0], "undecoded bytes can only lose words")

	for f, want := range map[string]string{"g0pD_taska.txt": "UTF-8", "orig_taska.txt": "ASCII"} {
		_, enc, err := readText(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.Equal(t, want, enc, f)
	}
	_, _, err = readText(filepath.Join(dir, "missing.txt"))
	assert.ErrorContains(t, err, "missing.txt")
}

// FuzzParseCloughLabels checks that no input panics the label reader and
// that what it accepts is valid.
func FuzzParseCloughLabels(f *testing.F) {
	f.Add([]byte("File,Group,Person,Task,Category,Native English,Knowledge,Difficulty\ng0pA_taska.txt,0,A,a,non,native,1,1\n"))
	f.Add([]byte("File,Task,Category\r\n\"g0pA_taskb.txt\",b,cut\r\n"))
	f.Add([]byte("File,Task,Category\nx.txt,a,\"non\nsense\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		labels, err := parseCloughLabels("labels.csv", data)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "labels.csv"), err.Error())
			return
		}
		require.NotEmpty(t, labels)
		seen := map[string]bool{}
		for _, l := range labels {
			assert.True(t, validDocName(l.File) && strings.HasSuffix(l.File, ".txt"), "%+v", l)
			assert.Len(t, l.Task, 1)
			assert.Contains(t, cloughCategories, l.Category)
			assert.False(t, seen[l.File], "%s twice", l.File)
			seen[l.File] = true
		}
	})
}
