package ingest

import (
	"fmt"
	"strings"
)

// FileError is a problem with one place of an input file. Row is the
// spreadsheet row (the header is row 1); Row 0 means the whole file.
type FileError struct {
	Path   string
	Row    int
	Column string
	Err    error
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Row > 0 {
		fmt.Fprintf(&b, " 行%d (row %d)", e.Row, e.Row)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, " 列「%s」(column %s)", e.Column, e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

// Reject is a data row that was not loaded, and why.
type Reject struct {
	Row    int
	Column string
	Value  string
	Reason string
}

func (r Reject) String() string {
	if r.Column == "" {
		return fmt.Sprintf("行%d: %s", r.Row, r.Reason)
	}
	return fmt.Sprintf("行%d 列「%s」値 %q: %s", r.Row, r.Column, r.Value, r.Reason)
}

// TooManyRejectsError fails a batch whose share of rejected rows exceeds
// the configured limit. Nothing of the batch was written.
type TooManyRejectsError struct {
	Path     string
	Rows     int
	Rejects  []Reject
	Limit    float64
	Rejected int
}

func (e *TooManyRejectsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d行中%d行が不正のため取り込みを中止しました。データベースは変更していません (batch failed: %d of %d rows rejected, over the %.1f%% limit; nothing was written)",
		e.Path, e.Rows, e.Rejected, e.Rejected, e.Rows, e.Limit*100)
	for i, r := range e.Rejects {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … 他%d件 (and %d more)", len(e.Rejects)-10, len(e.Rejects)-10)
			break
		}
		fmt.Fprintf(&b, "\n  %s %s", e.Path, r)
	}
	return b.String()
}
