package table

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Number format codes that date and time cells are rewritten to, so that
// excelize renders them as ISO text. The explicit locale ([$-409]) spares
// excelize a search of its language table for every date cell.
const (
	isoDateTime = "[$-409]yyyy-mm-dd hh:mm:ss"
	isoDate     = "[$-409]yyyy-mm-dd"
	isoTime     = "[$-409]hh:mm:ss"
	isoElapsed  = "[$-409][h]:mm:ss"
	// plainNumFmt is a number format id that is neither built in nor
	// defined by the workbook: excelize then returns a number cell's value
	// as plain text (no grouping, no exponent for integers).
	plainNumFmt = 1 << 30
)

// openXLSX opens a workbook and a streaming iterator over the chosen sheet.
func openXLSX(b []byte, opt Options) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, errorf(ErrFormat, "XLSXとして開けません (cannot open as XLSX: %v)", err)
	}
	sheet, err := pickSheet(f, opt.Sheet)
	if err == nil && !opt.RawNumbers {
		err = plainFormats(f)
	}
	var rows *excelize.Rows
	if err == nil {
		rows, err = f.Rows(sheet)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Table{Format: "xlsx", Sheet: sheet, src: &xlsxSource{f: f, rows: rows, raw: opt.RawNumbers}}, nil
}

// pickSheet returns the sheet named want (exactly, else ignoring case and
// surrounding spaces) or, when want is "", the first visible sheet in tab
// order.
func pickSheet(f *excelize.File, want string) (string, error) {
	names := f.GetSheetList()
	if want == "" {
		for _, n := range names {
			if visible, err := f.GetSheetVisible(n); err == nil && visible {
				return n, nil
			}
		}
		if len(names) > 0 {
			return names[0], nil
		}
		return "", errorf(ErrSheetNotFound, "ブックにシートがありません (the workbook has no sheets)")
	}
	for _, n := range names {
		if n == want {
			return n, nil
		}
	}
	for _, n := range names {
		if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(want)) {
			return n, nil
		}
	}
	return "", errorf(ErrSheetNotFound, "シート %q がありません (sheet not found; the workbook has: %s)", want, strings.Join(names, ", "))
}

// plainFormats rewrites, in the opened workbook's style sheet (never
// saved), the number format of every cell style: date and time formats
// become ISO forms and all other formats a plain number. excelize's
// streaming iterator does not expose a cell's style, but it does format
// each cell through its style, so this makes it yield the text we want
// for every cell in one pass.
func plainFormats(f *excelize.File) error {
	if _, err := f.GetStyle(0); err != nil && f.Styles == nil {
		return nil // no style sheet: every cell is General
	}
	if f.Styles == nil || f.Styles.CellXfs == nil {
		return nil
	}
	custom := map[int]string{}
	if f.Styles.NumFmts != nil {
		for _, nf := range f.Styles.NumFmts.NumFmt {
			code := nf.FormatCode
			if nf.FormatCode16 != "" {
				code = nf.FormatCode16
			}
			custom[nf.NumFmtID] = code
		}
	}
	kinds := make([]fmtKind, len(f.Styles.CellXfs.Xf))
	for i, xf := range f.Styles.CellXfs.Xf {
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		if code, ok := custom[id]; ok {
			kinds[i] = codeKind(code)
		} else {
			kinds[i] = builtinKind(id)
		}
	}
	ids := map[fmtKind]int{fmtNumber: plainNumFmt}
	for kind, code := range map[fmtKind]string{fmtDate: isoDate, fmtDateTime: isoDateTime, fmtTime: isoTime, fmtElapsed: isoElapsed} {
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return fmt.Errorf("XLSXの書式を準備できません (preparing number formats: %w)", err)
		}
		ids[kind] = *f.Styles.CellXfs.Xf[style].NumFmtID
	}
	for i, kind := range kinds {
		id := ids[kind]
		f.Styles.CellXfs.Xf[i].NumFmtID = &id
	}
	return nil
}

// xlsxSource streams the rows of one worksheet.
type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	row  int
	raw  bool // Options.RawNumbers
}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, &RowError{Row: s.row + 1, Err: err}
		}
		return nil, 0, io.EOF
	}
	s.row++
	var opts []excelize.Options
	if s.raw {
		opts = append(opts, excelize.Options{RawCellValue: true})
	}
	cells, err := s.rows.Columns(opts...)
	if err != nil {
		return nil, 0, &RowError{Row: s.row, Err: err}
	}
	for i, c := range cells {
		// A date-time cell at midnight is just a date.
		if len(c) == len(time.DateTime) && strings.HasSuffix(c, " 00:00:00") && c[4] == '-' && c[7] == '-' {
			cells[i] = c[:len(time.DateOnly)]
		}
	}
	return cells, s.row, nil
}

func (s *xlsxSource) close() error {
	err := s.rows.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
