package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestProgress(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(1000, 0)}
	p := newProgressClock(&out, clock.now)

	// Nothing during the first second: small inputs never show progress.
	for range 10 {
		clock.advance(90 * time.Millisecond)
		p.add(1, 1_000_000)
	}
	assert.Empty(t, out.String())

	clock.advance(100 * time.Millisecond) // 1 s in
	p.add(1, 1_000_000)
	assert.Equal(t, "\roverlap: 11 documents, 11.0 MB, 11.0 MB/s", out.String())

	// At most one redraw per 100 ms.
	out.Reset()
	for range 50 {
		clock.advance(10 * time.Millisecond)
		p.add(1, 0)
	}
	assert.Equal(t, 5, strings.Count(out.String(), "\r"))
	assert.NotContains(t, out.String(), "\n", "never a new line")

	// A warning clears the line first; the next redraw brings it back.
	out.Reset()
	p.clear()
	width := len("overlap: 61 documents, 11.0 MB, 7.3 MB/s")
	assert.Equal(t, "\r"+strings.Repeat(" ", width)+"\r", out.String())
	out.Reset()
	p.clear()
	assert.Empty(t, out.String(), "nothing to clear")

	// A shorter line covers the rest of a longer one.
	clock.advance(time.Second)
	p.docs, p.bytes = 1, 0
	p.width = 60
	out.Reset()
	p.add(0, 0)
	line := "overlap: 1 documents, 0.0 MB, 0.0 MB/s"
	pad := 60 - len(line)
	assert.Equal(t, "\r"+line+strings.Repeat(" ", pad)+strings.Repeat("\b", pad), out.String())

	// done clears it for good.
	out.Reset()
	p.done()
	assert.Equal(t, "\r"+strings.Repeat(" ", len(line))+"\r", out.String())
	out.Reset()
	clock.advance(time.Hour)
	p.add(1, 1)
	assert.Empty(t, out.String())
}

// A stage counted in items shows its share and the time left at its own
// pace, under the same redraw rules.
func TestProgressStep(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(1000, 0)}
	p := newProgressClock(&out, clock.now)
	p.step("comparing pairs", 0, 400)
	clock.advance(500 * time.Millisecond)
	p.step("comparing pairs", 100, 400)
	assert.Empty(t, out.String(), "quiet for the first second")
	clock.advance(500 * time.Millisecond)
	p.step("comparing pairs", 200, 400)
	assert.Equal(t, "\roverlap: comparing pairs: 200 of 400 (50%), 1s left", out.String())
	out.Reset()
	clock.advance(10 * time.Millisecond)
	p.step("comparing pairs", 210, 400)
	assert.Empty(t, out.String(), "at most one redraw per 100 ms")
	clock.advance(100 * time.Millisecond)
	p.step("finding repeats", 0, 10)
	pad := len("overlap: comparing pairs: 200 of 400 (50%), 1s left") - len("overlap: finding repeats: 0 of 10")
	assert.Equal(t, "\roverlap: finding repeats: 0 of 10"+strings.Repeat(" ", pad)+strings.Repeat("\b", pad), out.String(),
		"a new stage covers the longer line before it")
	p.done()
	out.Reset()
	clock.advance(time.Second)
	p.step("finding repeats", 5, 10)
	assert.Empty(t, out.String(), "nothing after done")
	var nilp *progress
	nilp.step("x", 1, 2)
}

func TestProgressOff(t *testing.T) {
	p := newProgress(&bytes.Buffer{}, false)
	assert.Nil(t, p)
	p.add(1, 1) // a nil progress does nothing
	p.clear()
	p.done()
}

// TestIsTerminalFile: a regular file is not a terminal; /dev/null is a
// character device, so progress may be drawn there, harmlessly.
func TestIsTerminalFile(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	assert.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f))
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer null.Close()
		assert.True(t, isTerminal(null))
	}
}

func TestProgressTimeLeft(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(1000, 0)}
	p := newProgressClock(&out, clock.now)
	p.expect(100_000_000)
	clock.advance(2 * time.Second)
	p.add(10, 25_000_000) // 12.5 MB/s, 75 MB to go
	assert.Equal(t, "\roverlap: 10 documents, 25.0 MB, 12.5 MB/s, 25%, 6s left", out.String())
	// Past the expected size (a file that grew), no time left is claimed.
	out.Reset()
	clock.advance(7 * time.Second)
	p.add(1, 80_000_000)
	assert.NotContains(t, out.String(), "left")
}

func TestInputSize(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.jsonl": "12345", "b.jsonl": "123", "c.jsonl.gz": "x"})
	a, b := dir+"/a.jsonl", dir+"/b.jsonl"
	assert.Equal(t, int64(8), inputSize([]string{a, b}))
	assert.Zero(t, inputSize([]string{a, dir}), "a directory: unknown before the walk")
	assert.Zero(t, inputSize([]string{a, "-"}), "standard input: unknown")
	assert.Zero(t, inputSize([]string{dir + "/c.jsonl.gz"}), "compressed: unknown")
}
