package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line status (documents, megabytes, MB/s) on
// stderr when it is a terminal, for commands that may run long. It stays
// silent for the first second, so small inputs never show it, then redraws
// at most every 100 ms. Warnings must go through clear first so that they
// do not end up on the status line. A nil or disabled progress does
// nothing. Not safe for concurrent use: call it from the goroutine that
// consumes results.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	next  time.Time // earliest next redraw
	docs  int
	bytes int64
	total int64 // bytes expected in all, when known: then time left is shown
	width int   // characters on screen, 0 when nothing is drawn
	buf   []byte
	ended bool

	stage      string // the stage step last showed, and when it began
	stageStart time.Time
}

const (
	progressDelay = time.Second
	progressEvery = 100 * time.Millisecond
)

// newProgress returns a progress writing to w, or nil when on is false.
func newProgress(w io.Writer, on bool) *progress {
	if !on {
		return nil
	}
	return newProgressClock(w, time.Now)
}

func newProgressClock(w io.Writer, now func() time.Time) *progress {
	t := now()
	return &progress{w: w, now: now, start: t, next: t.Add(progressDelay)}
}

// expect sets the number of bytes the whole input holds, so that the line
// can show the share done and the time left.
func (p *progress) expect(total int64) {
	if p != nil {
		p.total = total
	}
}

// add counts documents and bytes done and redraws when due.
func (p *progress) add(docs, bytes int) {
	if p == nil || p.ended {
		return
	}
	p.docs += docs
	p.bytes += int64(bytes)
	if t := p.now(); !t.Before(p.next) {
		p.draw(t)
		p.next = t.Add(progressEvery)
	}
}

func (p *progress) draw(t time.Time) {
	mb := float64(p.bytes) / 1e6
	rate := 0.0
	if s := t.Sub(p.start).Seconds(); s > 0 {
		rate = mb / s
	}
	line := fmt.Sprintf("overlap: %d documents, %.1f MB, %.1f MB/s", p.docs, mb, rate)
	if p.total > p.bytes && rate > 0 {
		left := time.Duration(float64(p.total-p.bytes) / 1e6 / rate * float64(time.Second))
		line += fmt.Sprintf(", %.0f%%, %s left", 100*float64(p.bytes)/float64(p.total), left.Round(time.Second))
	}
	p.show(line)
}

// step shows how far a stage of work counted in items (rather than input
// bytes) has gone: "overlap: comparing pairs: 1200 of 4800 (25%), 9s left",
// the time left from the stage's own pace. Redraws follow add's rules.
func (p *progress) step(stage string, done, total int) {
	if p == nil || p.ended {
		return
	}
	t := p.now()
	if stage != p.stage {
		p.stage, p.stageStart = stage, t
	}
	if t.Before(p.next) {
		return
	}
	p.next = t.Add(progressEvery)
	line := fmt.Sprintf("overlap: %s: %d of %d", stage, done, total)
	if el := t.Sub(p.stageStart); done > 0 && done < total && el > 0 {
		left := time.Duration(float64(el) * float64(total-done) / float64(done))
		line += fmt.Sprintf(" (%.0f%%), %s left", 100*float64(done)/float64(total), left.Round(time.Second))
	}
	p.show(line)
}

// show draws line over the previous one.
func (p *progress) show(line string) {
	p.buf = append(p.buf[:0], '\r')
	p.buf = append(p.buf, line...)
	if pad := p.width - len(line); pad > 0 {
		// Cover the rest of a longer earlier line, then come back.
		p.buf = append(p.buf, strings.Repeat(" ", pad)...)
		p.buf = append(p.buf, strings.Repeat("\b", pad)...)
	}
	p.w.Write(p.buf)
	p.width = len(line)
}

// clear erases the status line, if drawn, so that the next write to the
// terminal starts on a clean line. The line comes back at the next redraw.
func (p *progress) clear() {
	if p == nil || p.width == 0 {
		return
	}
	io.WriteString(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
	p.width = 0
}

// done erases the status line for good.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.clear()
	p.ended = true
}
