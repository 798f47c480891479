package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// atomicFile is an output file that appears under its name, complete, only
// when committed: it is written to a temporary file in the same directory
// and renamed into place, so a reader never sees half of it and a failed
// run leaves an earlier file of that name alone.
//
// Only regular files are replaced that way. A name that is a device, a
// pipe or a socket (-o /dev/null, -o /dev/stderr, a FIFO) is written in
// place: renaming over it would replace /dev/null with a regular file for
// every program on the machine. A symbolic link is followed, so the file it
// points to is replaced and the link kept.
type atomicFile struct {
	*os.File
	path   string
	direct bool // written in place: not a regular file
}

func createAtomic(path string) (*atomicFile, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &atomicFile{File: f, path: path, direct: true}, nil
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: f, path: path}, nil
}

// commit syncs and closes the temporary file and renames it into place,
// keeping the mode of a file it replaces (0644 for a new one).
func (a *atomicFile) commit() error {
	if a.direct {
		return a.Close()
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(a.path); err == nil {
		mode = fi.Mode().Perm()
	}
	err := errors.Join(a.Chmod(mode), a.Sync())
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.Name())
	}
	return err
}

// abort closes and removes the temporary file.
func (a *atomicFile) abort() {
	a.Close()
	if !a.direct {
		os.Remove(a.Name())
	}
}
