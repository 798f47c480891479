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
type atomicFile struct {
	*os.File
	path string
}

func createAtomic(path string) (*atomicFile, error) {
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
	os.Remove(a.Name())
}
