// Package table reads a tabular file (CSV in UTF-8 or Shift_JIS, or an XLSX
// worksheet) as a header plus rows of strings, numbered as a spreadsheet
// user sees them.
//
// The format is recognised by content, not by file name: a zip archive is
// read as XLSX, anything else as CSV. CSV encoding is detected from the
// whole content (UTF-8 with or without BOM, else Shift_JIS read as CP932)
// unless [Options].Encoding forces one. XLSX cells come out as their plain
// text: numbers without grouping or exponent, date-formatted cells as ISO
// dates ("2023-04-01", or "2023-04-01 09:30:00" when a date-time format
// holds a time of day).
package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Encoding is the character encoding a CSV file was read in.
type Encoding string

// The encodings a CSV file can be read in.
const (
	UTF8     Encoding = "utf-8"
	UTF8BOM  Encoding = "utf-8-bom"
	ShiftJIS Encoding = "shift_jis" // read as CP932 (Windows-31J)
)

// Options says how to read a file.
type Options struct {
	// Encoding overrides CSV encoding detection: "" or "auto" detects,
	// "utf-8" and "shift_jis" (also "utf8", "sjis", "cp932",
	// "windows-31j") force one. It is ignored for XLSX.
	Encoding string
	// Sheet names the XLSX worksheet to read; "" reads the first visible
	// sheet in tab order. It is ignored for CSV.
	Sheet string
	// RawNumbers makes XLSX numeric cells come out as stored, dates as
	// Excel serial numbers, instead of ISO dates. It is several times
	// faster (no number-format rendering per cell) for a reader that
	// takes serials itself, as the ingest does. It is ignored for CSV.
	RawNumbers bool
}

// Errors wrapped by the errors of this package.
var (
	// ErrNoHeader reports a file without any non-blank row.
	ErrNoHeader = errors.New("見出し行がありません no header row")
	// ErrEncoding reports bytes that are not valid in the encoding the
	// file is read in.
	ErrEncoding = errors.New("ファイルの文字コードが正しくありません wrong encoding")
	// ErrSheetNotFound reports an XLSX sheet name that the workbook lacks.
	ErrSheetNotFound = errors.New("シートがありません sheet not found")
	// ErrFormat reports a file that is neither CSV nor XLSX.
	ErrFormat = errors.New("対応していないファイル形式です unsupported file format")
)

// sentinelError is an error with its own message that matches a sentinel
// under errors.Is.
type sentinelError struct {
	msg      string
	sentinel error
}

func (e *sentinelError) Error() string { return e.msg }
func (e *sentinelError) Unwrap() error { return e.sentinel }

// errorf formats a message for an error that matches sentinel.
func errorf(sentinel error, format string, args ...any) error {
	return &sentinelError{msg: fmt.Sprintf(format, args...), sentinel: sentinel}
}

// RowError is a problem found in one row of a file.
type RowError struct {
	Row    int // 1-based row number as a spreadsheet shows it
	Line   int // CSV only: 1-based line in the file where the problem is
	Column int // CSV syntax errors: 1-based byte position in Line
	Cell   int // 1-based cell column the problem is in, 0 when not known
	Err    error
}

func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d行目", e.Row)
	if e.Cell > 0 {
		fmt.Fprintf(&b, " %d列目", e.Cell)
	}
	fmt.Fprintf(&b, " (row %d", e.Row)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Column > 0 {
		fmt.Fprintf(&b, ", byte %d", e.Column)
	}
	if e.Cell > 0 {
		fmt.Fprintf(&b, ", column %d", e.Cell)
	}
	fmt.Fprintf(&b, "): %v", e.Err)
	return b.String()
}

func (e *RowError) Unwrap() error { return e.Err }

// source yields the raw records of a file: the cells of each row and the
// row's spreadsheet number. Blank rows may be returned; io.EOF ends.
type source interface {
	next() (cells []string, rowNum int, err error)
	close() error
}

// Table is an open tabular file positioned after its header row.
type Table struct {
	Format   string   // "csv" or "xlsx"
	Encoding Encoding // CSV only: the encoding the file was read in
	Sheet    string   // XLSX only: the worksheet read
	// Header is the header row: the first row that is not blank, each
	// cell trimmed of surrounding white space (including U+3000) and of a
	// stray BOM, without trailing empty cells.
	Header []string

	src source
	err error // sticky error: Next keeps returning it
}

// Open reads the file at path; see [FromBytes]. Its errors start with
// the path.
func Open(path string, opt Options) (*Table, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := FromBytes(path, b, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// FromBytes reads a file already in memory. name is the file's name as
// the caller knows it; errors do not repeat it, since callers name the
// file when they report them. The format is taken from the content, not
// the name: a zip archive is XLSX, anything else CSV. FromBytes reads up
// to and including the header row, so a file without one fails here with
// [ErrNoHeader].
func FromBytes(name string, b []byte, opt Options) (*Table, error) {
	var (
		t   *Table
		err error
	)
	switch {
	case bytes.HasPrefix(b, zipMagic):
		t, err = openXLSX(b, opt)
	case bytes.HasPrefix(b, oleMagic):
		err = errorf(ErrFormat, "旧形式のExcel (.xls) またはパスワード付きのブックは読めません; .xlsx かCSVで保存し直してください (legacy .xls or encrypted workbook; save as .xlsx or CSV)")
	default:
		t, err = openCSV(b, opt)
	}
	if err != nil {
		return nil, err
	}
	if err := t.readHeader(); err != nil {
		t.src.close()
		return nil, err
	}
	return t, nil
}

// readHeader takes the first non-blank row as the header.
func (t *Table) readHeader() error {
	for {
		cells, _, err := t.src.next()
		if err == io.EOF {
			return ErrNoHeader
		}
		if err != nil {
			return err
		}
		n := trimCells(cells)
		if n == 0 {
			continue
		}
		t.Header = append([]string(nil), cells[:n]...)
		return nil
	}
}

// Next returns the next data row and its 1-based row number as a
// spreadsheet user would see it: the header's own row counts, and so do
// blank rows, which Next skips. For CSV this is the record number (plus
// the blank lines before it), so a newline inside a quoted field does not
// shift the rows after it.
//
// Each cell is trimmed of surrounding white space (including U+3000). A
// row shorter than the header is padded with ""; a row with a non-blank
// cell beyond the header is an error naming the row. Next returns io.EOF
// after the last row; after any error it keeps returning that error. The
// returned slice is the caller's to keep.
func (t *Table) Next() (row []string, rowNum int, err error) {
	if t.err != nil {
		return nil, 0, t.err
	}
	for {
		cells, rowNum, err := t.src.next()
		if err != nil {
			t.err = err
			return nil, 0, err
		}
		n := trimCells(cells)
		if n == 0 {
			continue
		}
		if n > len(t.Header) {
			t.err = &RowError{Row: rowNum, Cell: len(t.Header) + 1,
				Err: fmt.Errorf("見出しのない列に値があります (%d cells, the header has %d)", n, len(t.Header))}
			return nil, 0, t.err
		}
		row = make([]string, len(t.Header))
		copy(row, cells[:n])
		return row, rowNum, nil
	}
}

// Close releases the file. It is safe to call more than once.
func (t *Table) Close() error {
	if t.src == nil {
		return nil
	}
	err := t.src.close()
	t.src = nil
	if t.err == nil {
		t.err = errors.New("table: Next after Close")
	}
	return err
}

// trimCells trims every cell in place and returns the number of cells up
// to and including the last non-blank one (0 for a blank row).
func trimCells(cells []string) int {
	n := 0
	for i, c := range cells {
		c = trimSpace(c)
		cells[i] = c
		if c != "" {
			n = i + 1
		}
	}
	return n
}

// trimSpace is strings.TrimSpace that also trims U+FEFF (a stray BOM),
// with a fast path for cells that need nothing.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isTrimmed(first) && !isTrimmed(last) {
		return s
	}
	return strings.TrimFunc(s, isTrimmed)
}

func isTrimmed(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }
