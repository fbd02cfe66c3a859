//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package lock

import "os"

func lockFile(f *os.File) error { return ErrUnsupported }

func unlockFile(f *os.File) error { return nil }
