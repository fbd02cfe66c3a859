package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/jinzai-hr/jinzai"
)

// Layout constants.
const (
	fontName      = "游ゴシック"
	minColWidth   = 6
	maxColWidth   = 70
	chartWidthPx  = 760
	chartHeightPx = 340
	rowHeightPx   = 20 // default row height used to reserve rows for a chart
	secretText    = "秘匿"
	missingText   = "—"
	reportTitle   = "人材育成基本方針 実施計画 年次報告"
)

// book is a workbook under construction.
type book struct {
	ctx    context.Context
	db     *sql.DB
	opt    Options
	defs   []definition
	f      *excelize.File
	st     styles
	quoted map[int]int
	sheets []*sheet
	// shownDefs are the definition keys of figures written so far, so that
	// the 定義 sheet explains exactly what the workbook holds.
	shownDefs map[string]bool
}

type styles struct {
	title, hrTitle, subtitle, note, heading, banner, coverOrg, coverTitle, coverLabel, coverValue int
	header, text, textCenter, wrap, integer, dec1, dec2, secret, missing, link                    int
}

// secretCell is a suppressed cell: written as 秘匿, never as a number.
type secretCell struct{}

var secret = secretCell{}

// cellAs writes v with a format other than its column's.
type cellAs struct {
	v      any
	format colFormat
}

// colFormat says how a column's numbers are shown.
type colFormat int

const (
	fmtText colFormat = iota
	fmtCenter
	fmtInt
	fmtDec1
	fmtDec2
	fmtWrap
)

type column struct {
	header string
	format colFormat
	// width fixes the column's width (0 = fit the content).
	width float64
}

// headerGroup is a merged header cell over span columns above the header row.
type headerGroup struct {
	title string
	span  int
}

// tableRef locates a written table: its header row, first and last data
// rows (last < first when it has none) and first column (1-based).
type tableRef struct {
	header, first, last, col int
}

func (t tableRef) empty() bool { return t.last < t.first }

type chartSeries struct {
	name   string // cell holding the series name, e.g. B5
	values string // column letter of the values
	color  string // RGB hex, optional
}

type chartSpec struct {
	typ     excelize.ChartType
	title   string
	table   tableRef
	rows    int    // data rows charted from table.first (0 = all)
	catCol  string // column letter of the categories
	series  []chartSeries
	showVal bool
	// reverse lists the categories top-down on a horizontal bar chart.
	reverse bool
	yTitle  string
	// yMin and yMax fix the value axis when yMax > yMin (scores 0–100).
	yMin, yMax float64
	anchor     string
	width      uint
	height     uint
}

// sheet is one worksheet under construction.
type sheet struct {
	b           *book
	name        string
	description string
	row         int // next free row
	widths      map[int]float64
	fixed       map[int]float64
	charts      []chartSpec
	repeatFirst int // rows repeated on every printed page (0 = none)
	repeatLast  int
	freezeRow   int // rows above the pane split
	freezeCol   int
}

func newBook(ctx context.Context, db *sql.DB, opt Options, defs []definition) (*book, error) {
	f := excelize.NewFile()
	b := &book{ctx: ctx, db: db, opt: opt, defs: defs, f: f, quoted: map[int]int{}, shownDefs: map[string]bool{}}
	if err := f.SetDefaultFont(fontName); err != nil {
		f.Close()
		return nil, err
	}
	if err := b.makeStyles(); err != nil {
		f.Close()
		return nil, err
	}
	return b, nil
}

func (b *book) makeStyles() error {
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	dec1 := "#,##0.0"
	dec2 := "0.00"
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Family: fontName}}},
		{&b.st.hrTitle, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "C00000", Family: fontName}}},
		{&b.st.subtitle, excelize.Style{Font: &excelize.Font{Size: 10, Color: "404040", Family: fontName}}},
		{&b.st.note, excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959", Family: fontName}}},
		{&b.st.heading, excelize.Style{Font: &excelize.Font{Bold: true, Size: 11, Color: "1F3864", Family: fontName}}},
		{&b.st.banner, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "C00000", Family: fontName},
			Border:    []excelize.Border{{Type: "left", Color: "C00000", Style: 2}, {Type: "right", Color: "C00000", Style: 2}, {Type: "top", Color: "C00000", Style: 2}, {Type: "bottom", Color: "C00000", Style: 2}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&b.st.coverOrg, excelize.Style{Font: &excelize.Font{Bold: true, Size: 18, Family: fontName}}},
		{&b.st.coverTitle, excelize.Style{Font: &excelize.Font{Bold: true, Size: 22, Color: "1F3864", Family: fontName}}},
		{&b.st.coverLabel, excelize.Style{Font: &excelize.Font{Bold: true, Size: 11, Family: fontName}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.st.coverValue, excelize.Style{Font: &excelize.Font{Size: 11, Family: fontName}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.st.header, excelize.Style{Font: &excelize.Font{Bold: true, Size: 10, Family: fontName}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.st.text, excelize.Style{Font: &excelize.Font{Size: 10, Family: fontName}, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&b.st.textCenter, excelize.Style{Font: &excelize.Font{Size: 10, Family: fontName}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&b.st.wrap, excelize.Style{Font: &excelize.Font{Size: 10, Family: fontName}, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.st.integer, excelize.Style{Font: &excelize.Font{Size: 10, Family: fontName}, Border: border, NumFmt: 3}},
		{&b.st.dec1, excelize.Style{Font: &excelize.Font{Size: 10, Family: fontName}, Border: border, CustomNumFmt: &dec1}},
		{&b.st.dec2, excelize.Style{Font: &excelize.Font{Size: 10, Family: fontName}, Border: border, CustomNumFmt: &dec2}},
		{&b.st.secret, excelize.Style{Font: &excelize.Font{Size: 10, Italic: true, Color: "595959", Family: fontName}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&b.st.missing, excelize.Style{Font: &excelize.Font{Size: 10, Color: "808080", Family: fontName}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&b.st.link, excelize.Style{Font: &excelize.Font{Size: 10, Color: "0563C1", Underline: "single", Family: fontName}, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}}},
	}
	for _, d := range defs {
		id, err := b.f.NewStyle(&d.s)
		if err != nil {
			return err
		}
		*d.id = id
	}
	return nil
}

// quotedStyle is base turned into a literal-text style: the Text number
// format (@) and the quotePrefix flag, which is what Excel itself stores
// when a user types a leading apostrophe. A cell with it stays text even
// when a user edits it and presses Enter. The value is stored unchanged (a
// shared string, never a formula).
func (b *book) quotedStyle(base int) (int, error) {
	if id, ok := b.quoted[base]; ok {
		return id, nil
	}
	s, err := b.f.GetStyle(base)
	if err != nil {
		return 0, err
	}
	s.NumFmt = 49 // "@": text; unique to quoted styles, so NewStyle does not reuse another
	s.CustomNumFmt = nil
	id, err := b.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	if b.f.Styles == nil || b.f.Styles.CellXfs == nil || id >= len(b.f.Styles.CellXfs.Xf) {
		return 0, fmt.Errorf("reports: style %d not found", id)
	}
	yes := true
	b.f.Styles.CellXfs.Xf[id].QuotePrefix = &yes
	b.quoted[base] = id
	return id, nil
}

// needsGuard reports whether a text would be read as a formula (or as a
// DDE/command injection) by a spreadsheet: it begins with =, +, -, @, a tab
// or a carriage return, or their full-width forms, which Japanese input
// turns into formulas too.
func needsGuard(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return true
	}
	return false
}

func (b *book) addSheet(name, description string) (*sheet, error) {
	if len(b.sheets) == 0 {
		if err := b.f.SetSheetName(b.f.GetSheetName(0), name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	s := &sheet{b: b, name: name, description: description, row: 1, widths: map[int]float64{}, fixed: map[int]float64{}}
	b.sheets = append(b.sheets, s)
	return s, nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// textWidth estimates a text's width in Excel column units: wide (全角)
// characters count 2, others 1.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			w += 2
		default:
			w++
		}
	}
	return w
}

// fit widens column col to hold text (the longest line of it).
func (s *sheet) fit(col int, text string, extra float64) {
	w := 0.0
	for _, line := range strings.Split(text, "\n") {
		w = math.Max(w, textWidth(line))
	}
	w += extra
	if w > s.widths[col] {
		s.widths[col] = w
	}
}

// text writes a string as literal text (guarded against formula injection).
func (s *sheet) text(col, row int, v string, style int) error {
	cell := cellName(col, row)
	if needsGuard(v) {
		q, err := s.b.quotedStyle(style)
		if err != nil {
			return err
		}
		style = q
	}
	if err := s.b.f.SetCellStr(s.name, cell, v); err != nil {
		return err
	}
	return s.b.f.SetCellStyle(s.name, cell, cell, style)
}

// title writes the sheet's title on row 1 and the notes below it.
func (s *sheet) title(title string, notes ...string) error {
	if err := s.text(1, 1, title, s.b.st.title); err != nil {
		return err
	}
	if err := s.b.f.SetRowHeight(s.name, 1, 22); err != nil {
		return err
	}
	s.row = 2
	for _, n := range notes {
		if err := s.text(1, s.row, n, s.b.st.subtitle); err != nil {
			return err
		}
		s.row++
	}
	s.row++
	return nil
}

func (s *sheet) heading(text string) error {
	if err := s.text(1, s.row, text, s.b.st.heading); err != nil {
		return err
	}
	s.row++
	return nil
}

func (s *sheet) note(text string) error {
	if err := s.text(1, s.row, text, s.b.st.note); err != nil {
		return err
	}
	s.row++
	return nil
}

func (s *sheet) blank() { s.row++ }

// put writes one data cell.
func (s *sheet) put(col, row int, v any, format colFormat) error {
	st := s.b.st
	cell := cellName(col, row)
	f := s.b.f
	switch x := v.(type) {
	case nil:
		s.fit(col, missingText, 2)
		return s.text(col, row, missingText, st.missing)
	case cellAs:
		return s.put(col, row, x.v, x.format)
	case secretCell:
		s.fit(col, secretText, 2)
		return s.text(col, row, secretText, st.secret)
	case string:
		style := st.text
		switch format {
		case fmtCenter:
			style = st.textCenter
		case fmtWrap:
			style = st.wrap
		}
		if format != fmtWrap {
			s.fit(col, x, 2)
		}
		return s.text(col, row, x, style)
	case bool:
		t := "いいえ"
		if x {
			t = "はい"
		}
		s.fit(col, t, 2)
		return s.text(col, row, t, st.textCenter)
	case time.Time:
		t := x.Format("2006-01-02")
		if x.Hour() != 0 || x.Minute() != 0 {
			t = x.Format("2006-01-02 15:04")
		}
		s.fit(col, t, 2)
		return s.text(col, row, t, st.textCenter)
	case int64:
		if err := f.SetCellInt(s.name, cell, x); err != nil {
			return err
		}
		s.fit(col, groupDigits(strconv.FormatInt(x, 10)), 3)
		return f.SetCellStyle(s.name, cell, cell, s.numStyle(format, true))
	case int:
		return s.put(col, row, int64(x), format)
	case float64:
		if err := f.SetCellFloat(s.name, cell, x, -1, 64); err != nil {
			return err
		}
		s.fit(col, displayNumber(x, format), 3)
		return f.SetCellStyle(s.name, cell, cell, s.numStyle(format, false))
	default:
		return s.put(col, row, fmt.Sprint(x), format)
	}
}

func (s *sheet) numStyle(format colFormat, isInt bool) int {
	switch format {
	case fmtDec1:
		return s.b.st.dec1
	case fmtDec2:
		return s.b.st.dec2
	case fmtInt:
		return s.b.st.integer
	}
	if isInt {
		return s.b.st.integer
	}
	return s.b.st.dec1
}

func displayNumber(x float64, format colFormat) string {
	switch format {
	case fmtDec2:
		return strconv.FormatFloat(x, 'f', 2, 64)
	case fmtInt:
		return groupDigits(strconv.FormatFloat(math.Round(x), 'f', 0, 64))
	}
	s := strconv.FormatFloat(x, 'f', 1, 64)
	i, frac, _ := strings.Cut(s, ".")
	return groupDigits(i) + "." + frac
}

func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// table writes a header row (with optional merged groups above it) and the
// rows at the current row, starting in column 1.
func (s *sheet) table(cols []column, rows [][]any, groups ...headerGroup) (tableRef, error) {
	st := s.b.st
	if len(groups) > 0 {
		c := 1
		for _, g := range groups {
			if g.title != "" || g.span > 1 {
				if err := s.text(c, s.row, g.title, st.header); err != nil {
					return tableRef{}, err
				}
				for k := 1; k < g.span; k++ {
					if err := s.b.f.SetCellStyle(s.name, cellName(c+k, s.row), cellName(c+k, s.row), st.header); err != nil {
						return tableRef{}, err
					}
				}
				if g.span > 1 {
					if err := s.b.f.MergeCell(s.name, cellName(c, s.row), cellName(c+g.span-1, s.row)); err != nil {
						return tableRef{}, err
					}
				}
			}
			c += max(g.span, 1)
		}
		s.row++
	}
	t := tableRef{header: s.row, first: s.row + 1, col: 1}
	maxLines := 1
	for i, c := range cols {
		if err := s.text(i+1, s.row, c.header, st.header); err != nil {
			return t, err
		}
		hw := 0.0 // widest line of the header
		lines := 0
		for _, l := range strings.Split(c.header, "\n") {
			lw := textWidth(l)
			hw = math.Max(hw, lw)
			room := 12.0 // an automatic column wraps its header beyond 12 units
			if c.width > 0 {
				room = math.Max(c.width-1, 1)
			}
			lines += max(1, int(math.Ceil(lw/room)))
		}
		if c.width > 0 {
			s.fixed[i+1] = math.Max(s.fixed[i+1], c.width)
		} else if w := math.Min(hw, 12) + 2; w > s.widths[i+1] {
			s.widths[i+1] = w
		}
		maxLines = max(maxLines, lines)
	}
	if maxLines > 1 {
		if err := s.b.f.SetRowHeight(s.name, s.row, float64(14*min(maxLines, 6)+2)); err != nil {
			return t, err
		}
	}
	s.row++
	for _, r := range rows {
		for i, v := range r {
			format := fmtText
			if i < len(cols) {
				format = cols[i].format
			}
			if err := s.put(i+1, s.row, v, format); err != nil {
				return t, err
			}
		}
		s.row++
	}
	t.last = s.row - 1
	s.row++
	return t, nil
}

// reserveChart keeps room for a chart of the given height at the current
// row, right under the sheet's title, so that the chart prints whole on the
// first page (a chart below a table can be cut by a page break). The rows
// get an explicit height, so the chart is as tall in Excel as in
// LibreOffice. The chart itself is placed by chartAt once its table is
// written.
func (s *sheet) reserveChart(height uint) (int, error) {
	if height == 0 {
		height = chartHeightPx
	}
	row := s.row
	n := int(height)/rowHeightPx + 3
	for r := row; r < row+n; r++ {
		if err := s.b.f.SetRowHeight(s.name, r, rowHeightPx*0.75); err != nil {
			return 0, err
		}
	}
	s.row += n + 1
	return row, nil
}

// chartAt places a native chart over its table's cells in the rows
// reserveChart kept; it is added once the column widths are final. With no
// data the slot says so.
func (s *sheet) chartAt(row int, c chartSpec) error {
	if c.table.empty() {
		return s.noChart(row)
	}
	if c.width == 0 {
		c.width = chartWidthPx
	}
	if c.height == 0 {
		c.height = chartHeightPx
	}
	c.anchor = cellName(1, row)
	s.charts = append(s.charts, c)
	return nil
}

// noChart marks a reserved chart slot that stays empty.
func (s *sheet) noChart(row int) error {
	return s.text(1, row, "グラフにするデータがありません。", s.b.st.note)
}

func (s *sheet) addCharts() error {
	for _, c := range s.charts {
		last := c.table.last
		if c.rows > 0 {
			last = c.table.first + c.rows - 1
		}
		cats := fmt.Sprintf("'%s'!$%s$%d:$%s$%d", s.name, c.catCol, c.table.first, c.catCol, last)
		var series []excelize.ChartSeries
		for _, sr := range c.series {
			cs := excelize.ChartSeries{
				Name:       absCell(s.name, sr.name),
				Categories: cats,
				Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", s.name, sr.values, c.table.first, sr.values, last),
			}
			if sr.color != "" {
				cs.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sr.color}}
				if c.typ == excelize.Line {
					cs.Line = excelize.LineOptions{Width: 2.25}
					cs.Marker = excelize.ChartMarker{Symbol: "circle", Size: 6}
				}
			}
			series = append(series, cs)
		}
		font := excelize.Font{Family: fontName, Size: 9, Color: "404040"}
		ch := &excelize.Chart{
			Type:         c.typ,
			Series:       series,
			Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.title, Font: &excelize.Font{Family: fontName, Size: 12, Bold: true}}}},
			Legend:       excelize.ChartLegend{Position: "bottom", Font: &font},
			Dimension:    excelize.ChartDimension{Width: c.width, Height: c.height},
			PlotArea:     excelize.ChartPlotArea{ShowVal: c.showVal},
			XAxis:        excelize.ChartAxis{Font: font, ReverseOrder: c.reverse},
			YAxis:        excelize.ChartAxis{Font: font, MajorGridLines: true},
			Format:       excelize.GraphicOptions{PrintObject: boolPtr(true), Locked: boolPtr(false)},
			ShowBlanksAs: "gap",
		}
		if c.yTitle != "" {
			ch.YAxis.Title = excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.yTitle, Font: &excelize.Font{Family: fontName, Size: 9}}}}
		}
		if c.yMax > c.yMin {
			ch.YAxis.Minimum, ch.YAxis.Maximum = &c.yMin, &c.yMax
		}
		if len(series) == 1 {
			ch.Legend.Position = "none"
		}
		if err := s.b.f.AddChart(s.name, c.anchor, ch); err != nil {
			return fmt.Errorf("reports: chart %q on %s: %w", c.title, s.name, err)
		}
	}
	return nil
}

func absCell(sheetName, cell string) string {
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return fmt.Sprintf("'%s'!%s", sheetName, cell)
	}
	return fmt.Sprintf("'%s'!$%s$%d", sheetName, colName(col), row)
}

func boolPtr(b bool) *bool { return &b }

// finish applies the column widths, the charts, the frozen panes and the
// print settings: A4 landscape fitted to the page width, repeated header
// rows, and a header and footer with the organisation, the fiscal year and
// the page numbers.
func (s *sheet) finish() error {
	f := s.b.f
	// a column is as wide as its widest content, capped, and at least as
	// wide as any table asked for (a wrapped text column may ask for more
	// than the cap)
	cols := map[int]bool{}
	for c := range s.widths {
		cols[c] = true
	}
	for c := range s.fixed {
		cols[c] = true
	}
	for col := range cols {
		w := math.Min(math.Max(s.widths[col], minColWidth), maxColWidth)
		w = math.Max(w, s.fixed[col])
		if err := f.SetColWidth(s.name, colName(col), colName(col), w); err != nil {
			return err
		}
	}
	if err := s.addCharts(); err != nil {
		return err
	}
	if s.freezeRow > 0 || s.freezeCol > 0 {
		pane := "bottomLeft"
		switch {
		case s.freezeRow > 0 && s.freezeCol > 0:
			pane = "bottomRight"
		case s.freezeRow == 0:
			pane = "topRight"
		}
		top := cellName(s.freezeCol+1, s.freezeRow+1)
		if err := f.SetPanes(s.name, &excelize.Panes{
			Freeze: true, XSplit: s.freezeCol, YSplit: s.freezeRow, TopLeftCell: top, ActivePane: pane,
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}},
		}); err != nil {
			return err
		}
	}
	size, orientation, one, auto := 9, "landscape", 1, 0
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &auto,
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)}); err != nil {
		return err
	}
	m := func(v float64) *float64 { return &v }
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
		Left: m(0.5), Right: m(0.5), Top: m(0.75), Bottom: m(0.75), Header: m(0.3), Footer: m(0.3), Horizontally: boolPtr(true),
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(s.name, s.b.headerFooter()); err != nil {
		return err
	}
	if s.repeatFirst > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", s.name, s.repeatFirst, s.repeatLast),
			Scope:    s.name,
		}); err != nil {
			return err
		}
	}
	return nil
}

// headerFooter is the same on every page: organisation, (取扱注意 for HR,)
// sheet name and fiscal year at the top; report, page x / y and the
// audience at the bottom.
func (b *book) headerFooter() *excelize.HeaderFooterOptions {
	org := truncateRunes(hfEscape(b.opt.Organisation), 60)
	center := "&A"
	if b.opt.Audience == AudienceHR {
		center = `&"-,Bold"&KC00000取扱注意（個人情報を含む）&K000000&"-,Regular" &A`
	}
	header := "&L" + org + "&C" + center + "&R" + fiscalYearLabel(b.opt.FiscalYear)
	footer := "&L" + reportTitle + "（" + b.now().Format("2006-01-02") + " 作成）&C&P / &N&R" + audienceLabel(b.opt.Audience)
	return &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}
}

func (b *book) now() time.Time { return b.opt.Now.In(jinzai.Tokyo) }

func hfEscape(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func audienceLabel(a string) string {
	if a == AudienceHR {
		return "人事担当者用（個人情報を含む）"
	}
	return "管理職・委員会向け（集計値のみ）"
}

// barSection is a heading, a table of rows and a bar chart over them: the
// chart slot is kept above the heading (so it prints whole), suppressed
// rows (hidden) follow the charted ones (shown) because a chart would plot
// their 秘匿 as 0, and the chart reads only the shown rows.
type barSection struct {
	heading       string
	columns       []column
	shown, hidden [][]any
	// empty is the note when there are no rows at all; "" writes the
	// (empty) table anyway.
	empty string
	notes []string
	// chart builds the chart over the written table; its height is set here.
	chart func(t tableRef) chartSpec
}

// writeBarSection writes a barSection and returns its table.
func (s *sheet) writeBarSection(sec barSection) (tableRef, error) {
	height := barChartHeight(len(sec.shown))
	slot, err := s.reserveChart(height)
	if err != nil {
		return tableRef{}, err
	}
	if err := s.heading(sec.heading); err != nil {
		return tableRef{}, err
	}
	if len(sec.shown) == 0 {
		if err := s.noChart(slot); err != nil {
			return tableRef{}, err
		}
	}
	if len(sec.shown)+len(sec.hidden) == 0 && sec.empty != "" {
		return tableRef{}, s.note(sec.empty)
	}
	t, err := s.table(sec.columns, append(sec.shown, sec.hidden...))
	if err != nil {
		return tableRef{}, err
	}
	if len(sec.hidden) > 0 {
		if err := s.note("秘匿の部はグラフに含めず、表の末尾に示しています。"); err != nil {
			return tableRef{}, err
		}
	}
	for _, n := range sec.notes {
		if err := s.note(n); err != nil {
			return tableRef{}, err
		}
	}
	if len(sec.shown) > 0 {
		c := sec.chart(t)
		c.table, c.rows, c.height = t, len(sec.shown), height
		if err := s.chartAt(slot, c); err != nil {
			return tableRef{}, err
		}
	}
	return t, nil
}
