// Package lock is an exclusive, non-blocking lock on a file, held by one
// process at a time: flock(2) on Unix, LockFileEx on Windows. The kernel
// drops the lock when the holder dies, however it dies (SIGKILL included),
// so a crashed process never leaves a stale lock behind. The lock file
// keeps the holder's PID, job and start time for the message others get.
package lock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Info describes the holder of a lock.
type Info struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host,omitempty"`
	Job     string    `json:"job,omitempty"`
	Started time.Time `json:"started"`
}

// HeldError is returned by Acquire when another holder has the lock.
type HeldError struct {
	Path   string
	Holder Info // zero when the holder had not yet written its details
}

func (e *HeldError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("別のジョブが実行中です (another job is running; lock %s)", e.Path)
	}
	job := ""
	if h.Job != "" {
		job = " " + h.Job
	}
	return fmt.Sprintf("別のジョブ%s (PID %d, 開始 %s) が実行中です (another job is running; lock %s)",
		job, h.PID, h.Started.Format("2006-01-02 15:04:05 -0700"), e.Path)
}

// ErrUnsupported is returned on platforms without file locking.
var ErrUnsupported = errors.New("locking is not supported on this platform")

// errWouldBlock is what the platform lock returns when the lock is held.
var errWouldBlock = errors.New("lock held")

// Lock is a held lock.
type Lock struct {
	f    *os.File
	path string
}

// Acquire takes the lock at path without waiting, creating the file when
// needed, and records info in it. It returns a *HeldError when another
// process (or another Lock in this process) holds it.
func Acquire(path string, info Info) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("ロックファイルを開けません (cannot open lock file) %s: %w", path, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			holder, _ := Read(path)
			return nil, &HeldError{Path: path, Holder: holder}
		}
		return nil, fmt.Errorf("ロックできません (cannot lock) %s: %w", path, err)
	}
	b, _ := json.Marshal(info)
	if err := f.Truncate(0); err == nil {
		// Best effort: the lock itself is what counts.
		f.WriteAt(append(b, '\n'), 0)
		f.Sync()
	}
	return &Lock{f: f, path: path}, nil
}

// Release empties the lock file and drops the lock. The file stays: removing
// it would let two processes lock two different files of the same name.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// Path is the lock file.
func (l *Lock) Path() string { return l.path }

// Read returns the details the current holder wrote into the lock file
// (zero when the lock is free or the file is empty).
func Read(path string) (Info, error) {
	var info Info
	f, err := os.Open(path)
	if err != nil {
		return info, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil || len(b) == 0 {
		return info, err
	}
	err = json.Unmarshal(b, &info)
	return info, err
}
