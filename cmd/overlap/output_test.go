package main

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAtomicFileReplacesRegularFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	require.NoError(t, os.WriteFile(path, []byte("old\n"), 0o600))
	f, err := createAtomic(path)
	require.NoError(t, err)
	_, err = io.WriteString(f, "new\n")
	require.NoError(t, err)
	got, _ := os.ReadFile(path)
	assert.Equal(t, "old\n", string(got), "not replaced before commit")
	require.NoError(t, f.commit())
	got, _ = os.ReadFile(path)
	assert.Equal(t, "new\n", string(got))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "mode kept")
}

// A symbolic link stays a link; the file it names gets the output.
func TestAtomicFileFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real.jsonl"), filepath.Join(dir, "link.jsonl")
	require.NoError(t, os.WriteFile(target, []byte("old\n"), 0o644))
	require.NoError(t, os.Symlink(target, link))
	f, err := createAtomic(link)
	require.NoError(t, err)
	_, err = io.WriteString(f, "new\n")
	require.NoError(t, err)
	require.NoError(t, f.commit())
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.Equal(t, os.ModeSymlink, fi.Mode()&os.ModeSymlink, "still a link")
	got, _ := os.ReadFile(target)
	assert.Equal(t, "new\n", string(got))
}

// A name that is not a regular file (here a FIFO; /dev/null is the common
// case) is written in place, never renamed over: renaming over /dev/null
// once turned it into a regular file for the whole machine.
func TestAtomicFileWritesDevicesInPlace(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	read := make(chan string)
	go func() {
		r, err := os.Open(fifo)
		if err != nil {
			read <- err.Error()
			return
		}
		defer r.Close()
		b, _ := io.ReadAll(r)
		read <- string(b)
	}()
	f, err := createAtomic(fifo)
	require.NoError(t, err)
	_, err = io.WriteString(f, "line\n")
	require.NoError(t, err)
	require.NoError(t, f.commit())
	select {
	case got := <-read:
		assert.Equal(t, "line\n", got)
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the FIFO")
	}
	fi, err := os.Lstat(fifo)
	require.NoError(t, err)
	assert.Equal(t, os.ModeNamedPipe, fi.Mode()&os.ModeNamedPipe, "still a FIFO")
	entries, _ := os.ReadDir(filepath.Dir(fifo))
	assert.Len(t, entries, 1, "no temporary file left")
}
