package table

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

var (
	utf8BOM    = []byte("\xef\xbb\xbf")
	utf16LEBOM = []byte("\xff\xfe")
	utf16BEBOM = []byte("\xfe\xff")
	// replacement is U+FFFD in UTF-8, which the Shift_JIS decoder writes
	// for bytes it cannot decode (Shift_JIS itself cannot encode it).
	replacement = []byte("\xef\xbf\xbd")
)

// parseEncoding normalises Options.Encoding: "" means detect.
func parseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return "", nil
	case "utf-8", "utf8", "utf-8-bom", "utf_8":
		return UTF8, nil
	case "shift_jis", "shift-jis", "shiftjis", "sjis", "cp932", "windows-31j", "ms932":
		return ShiftJIS, nil
	}
	return "", fmt.Errorf("文字コード %q には対応していません (unknown encoding; use auto, utf-8 or shift_jis)", s)
}

// openCSV chooses the encoding of b and sets up a CSV reader over it.
func openCSV(b []byte, opt Options) (*Table, error) {
	forced, err := parseEncoding(opt.Encoding)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(b, utf16LEBOM) || bytes.HasPrefix(b, utf16BEBOM) {
		return nil, errorf(ErrEncoding, "UTF-16のテキストには対応していません; CSV (UTF-8) かCSV (コンマ区切り) で保存し直してください (UTF-16 text is not supported; save as CSV UTF-8 or Shift_JIS)")
	}
	enc := forced
	body := b
	hasBOM := bytes.HasPrefix(b, utf8BOM)
	if hasBOM {
		if forced == ShiftJIS {
			return nil, errorf(ErrEncoding, "ファイルはBOM付きのUTF-8です (declared shift_jis, but the file starts with a UTF-8 BOM)")
		}
		body = b[len(utf8BOM):]
	}
	switch {
	case forced == UTF8 || hasBOM && forced == "":
		if off := invalidUTF8(b); off >= 0 {
			return nil, errorf(ErrEncoding, "ファイルの文字コードがUTF-8ではありません (declared utf-8, invalid byte 0x%02x at line %d)", b[off], lineAt(b, off))
		}
		enc = UTF8
		if hasBOM {
			enc = UTF8BOM
		}
	case forced == "":
		enc = UTF8
		if !utf8.Valid(b) {
			enc = ShiftJIS
		}
	}

	var r io.Reader = bytes.NewReader(body)
	if enc == ShiftJIS {
		r = transform.NewReader(r, &strictDecoder{Transformer: japanese.ShiftJIS.NewDecoder(), line: 1, detected: forced == ""})
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &Table{Format: "csv", Encoding: enc, src: &csvSource{r: cr}}, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for off := 0; off < len(b); {
		r, n := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && n == 1 {
			return off
		}
		off += n
	}
	return -1
}

// lineAt returns the 1-based line of offset off in b.
func lineAt(b []byte, off int) int { return 1 + bytes.Count(b[:off], []byte{'\n'}) }

// strictDecoder wraps the Shift_JIS decoder and fails, naming the line, at
// the first byte sequence that is not CP932 instead of letting it become
// U+FFFD.
type strictDecoder struct {
	transform.Transformer
	line     int  // line of the next decoded byte
	detected bool // Shift_JIS was detected, not declared
}

func (d *strictDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	nDst, nSrc, err = d.Transformer.Transform(dst, src, atEOF)
	out := dst[:nDst]
	if i := bytes.Index(out, replacement); i >= 0 {
		line := d.line + bytes.Count(out[:i], []byte{'\n'})
		if d.detected {
			return i, nSrc, errorf(ErrEncoding, "文字コードがUTF-8でもShift_JIS (CP932) でもありません (neither UTF-8 nor Shift_JIS: invalid byte at line %d)", line)
		}
		return i, nSrc, errorf(ErrEncoding, "ファイルの文字コードがShift_JIS (CP932) ではありません (declared shift_jis, invalid byte at line %d)", line)
	}
	d.line += bytes.Count(out, []byte{'\n'})
	return nDst, nSrc, err
}

func (d *strictDecoder) Reset() {
	d.Transformer.Reset()
	d.line = 1
}

// csvSource numbers CSV records as spreadsheet rows: one row per record,
// plus one per blank line that encoding/csv skipped before it.
type csvSource struct {
	r       *csv.Reader
	row     int // row number of the last record
	endLine int // line on which the last record ended
}

func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, 0, &RowError{Row: s.rowStarting(pe.StartLine), Line: pe.Line, Column: pe.Column, Err: csvReason(pe.Err)}
		}
		return nil, 0, err // io.EOF or an encoding error
	}
	start, _ := s.r.FieldPos(0)
	s.row = s.rowStarting(start)
	last, _ := s.r.FieldPos(len(rec) - 1)
	s.endLine = last + strings.Count(rec[len(rec)-1], "\n")
	return rec, s.row, nil
}

// rowStarting returns the row number of a record starting at line.
func (s *csvSource) rowStarting(line int) int {
	return s.row + 1 + max(0, line-s.endLine-1)
}

func (s *csvSource) close() error { return nil }

// csvReason explains an encoding/csv syntax error.
func csvReason(err error) error {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return fmt.Errorf("引用符 \" が閉じていないか余分です; ファイルが途中で切れている可能性があります (%w; the file may be truncated)", err)
	case errors.Is(err, csv.ErrBareQuote):
		return fmt.Errorf("引用符で囲まれていない値の中に \" があります (%w)", err)
	}
	return err
}
