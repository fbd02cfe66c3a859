// Package atomicfile writes a file whole or not at all: into a temporary
// file in the same folder, synced, then renamed over the target, so a
// reader sees the old file or the complete new one, never half of it.
package atomicfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// Write calls fn with a temporary file beside path and, when fn and the
// sync succeed, renames it over path with the given permissions. On any
// error the temporary file is removed and path is left as it was.
func Write(path string, perm os.FileMode, fn func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fn(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, perm); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}
