package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestXLSXFixtures(t *testing.T) {
	tests := []struct {
		file    string
		sheet   string // Options.Sheet
		read    string // the sheet read
		header  []string
		rowNums []int
		rows    map[int][]string // whole rows by number
	}{
		{
			file: "training.xlsx", read: "研修受講履歴",
			header:  []string{"職員番号", "研修コード", "受講日", "修了日", "受講時間", "状況", "申込日時", "受講料"},
			rowNums: []int{2, 3, 4, 5},
			rows: map[int][]string{
				// built-in 14, custom yyyy"年"m"月"d"日", 0.0"時間", built-in 22 with a time, #,##0.00
				2: {"A0001", "K101", "2023-04-01", "2023-04-03", "7.5", "修了", "2023-03-01 09:30:00", "12000"},
				// built-in 22 at midnight is just a date
				3: {"A0002", "K102", "2023-05-15", "2023-05-15", "3", "修了", "2023-04-20", "0"},
				// blank 修了日; a grouped number comes out plain
				4: {"A0003", "K201", "2024-01-10", "", "1.25", "受講中", "2023-12-01 17:45:00", "1234567"},
				// numeric employee code; 修了日 in 和暦 format ggge"年"m"月"d"日"
				5: {"1004", "K101", "2019-05-01", "2019-05-01", "7.5", "修了", "2019-04-01 08:00:00", "3500.5"},
			},
		},
		{
			file: "training.xlsx", sheet: "メモ", read: "メモ",
			header: []string{"このシートは読み込まれません"},
		},
		{
			file: "training_textdates.xlsx", read: "受講履歴",
			header:  []string{"職員番号", "研修コード", "受講日", "受講時間", "状況"},
			rowNums: []int{2, 3, 4},
			rows: map[int][]string{
				2: {"A0001", "K101", "2023/4/1", "7.5", "修了"},
				3: {"A0002", "K102", "R5.5.15", "3", "修了"},
				4: {"A0003", "K201", "令和6年1月10日", "1.25", "受講中"},
			},
		},
		{
			file: "training_textdates.xlsx", sheet: " 集計 ", read: "集計",
			header:  []string{"研修コード", "受講者数"},
			rowNums: []int{2, 3},
			rows:    map[int][]string{3: {"K102", "1"}},
		},
		{
			file: "roster_mixed_strings.xlsx", read: "Sheet1",
			header:  []string{"職員番号", "氏名", "生年月日", "性別", "部名", "職層"},
			rowNums: []int{2, 3, 5}, // row 4 is absent from the sheet
			rows: map[int][]string{
				2: {"G0601", "岡田 隆", "1980-08-08", "男", "総務部", "課長"},
				3: {"G0602", "藤井 美穂", "1996-02-29", "女", "市民部", "主事"},
				5: {"G0603", "西村 和也", "1972-10-01", "1", "建設部", "部長"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.read, func(t *testing.T) {
			tbl, err := Open(filepath.Join(fixtures, tt.file), Options{Sheet: tt.sheet, Encoding: "shift_jis"})
			if err != nil {
				t.Fatal(err)
			}
			defer tbl.Close()
			if tbl.Format != "xlsx" || tbl.Sheet != tt.read || tbl.Encoding != "" {
				t.Errorf("format, sheet, encoding = %q, %q, %q; want xlsx, %q, \"\"", tbl.Format, tbl.Sheet, tbl.Encoding, tt.read)
			}
			if !reflect.DeepEqual(tbl.Header, tt.header) {
				t.Errorf("header = %q, want %q", tbl.Header, tt.header)
			}
			rows, nums := readAll(t, tbl)
			if !reflect.DeepEqual(nums, tt.rowNums) && (len(nums) > 0 || len(tt.rowNums) > 0) {
				t.Errorf("row numbers = %v, want %v", nums, tt.rowNums)
			}
			for i, n := range nums {
				if want, ok := tt.rows[n]; ok && !reflect.DeepEqual(rows[i], want) {
					t.Errorf("row %d = %q, want %q", n, rows[i], want)
				}
			}
		})
	}
}

func TestXLSXSheetNotFoundListsTheSheets(t *testing.T) {
	_, err := Open(filepath.Join(fixtures, "training.xlsx"), Options{Sheet: "Sheet1"})
	if !errors.Is(err, ErrSheetNotFound) || !strings.Contains(err.Error(), "研修受講履歴, メモ") {
		t.Errorf("error = %v, want ErrSheetNotFound listing 研修受講履歴, メモ", err)
	}
}

func TestXLSXDefaultSheetIsTheFirstVisible(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	mustDo(t, f.SetSheetName("Sheet1", "非表示"))
	mustDo(t, f.SetCellValue("非表示", "A1", "hidden"))
	if _, err := f.NewSheet("名簿"); err != nil {
		t.Fatal(err)
	}
	mustDo(t, f.SetCellValue("名簿", "A1", "職員番号"))
	mustDo(t, f.SetCellValue("名簿", "A2", "A0001"))
	f.SetActiveSheet(1)
	mustDo(t, f.SetSheetVisible("非表示", false))
	tbl := xlsxTable(t, f, Options{})
	if tbl.Sheet != "名簿" || tbl.Header[0] != "職員番号" {
		t.Errorf("read sheet %q with header %q, want 名簿", tbl.Sheet, tbl.Header)
	}
}

func TestXLSXRowsWiderThanTheHeaderAreErrors(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	mustDo(t, f.SetSheetRow("Sheet1", "A1", &[]any{"a", "b"}))
	mustDo(t, f.SetSheetRow("Sheet1", "A2", &[]any{"1", "2"}))
	mustDo(t, f.SetSheetRow("Sheet1", "A3", &[]any{"1", "2", nil, "note"}))
	tbl := xlsxTable(t, f, Options{})
	nums, err := readUntilError(tbl)
	var re *RowError
	if !reflect.DeepEqual(nums, []int{2}) || !errors.As(err, &re) || re.Row != 3 || re.Cell != 3 {
		t.Errorf("rows %v then %v; want row 2 then an error for row 3 column 3", nums, err)
	}
}

func TestXLSXHeaderMayStartBelowBlankRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	mustDo(t, f.SetSheetRow("Sheet1", "B3", &[]any{" 職員番号\u3000", "氏名"}))
	mustDo(t, f.SetSheetRow("Sheet1", "B4", &[]any{"A0001", "山田 太郎"}))
	tbl := xlsxTable(t, f, Options{})
	rows, nums := readAll(t, tbl)
	if want := []string{"", "職員番号", "氏名"}; !reflect.DeepEqual(tbl.Header, want) {
		t.Errorf("header = %q, want %q", tbl.Header, want)
	}
	if !reflect.DeepEqual(nums, []int{4}) || rows[0][1] != "A0001" {
		t.Errorf("rows %v %q", nums, rows)
	}
}

func TestXLSXNotAWorkbook(t *testing.T) {
	for name, in := range map[string]string{
		"a zip that is not a workbook": "PK\x03\x04garbage",
		"a legacy .xls file":           "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := FromBytes("x.xlsx", []byte(in), Options{}); !errors.Is(err, ErrFormat) {
				t.Errorf("error = %v, want ErrFormat", err)
			}
		})
	}
	t.Run("an empty workbook has no header", func(t *testing.T) {
		f := excelize.NewFile()
		defer f.Close()
		var buf bytes.Buffer
		mustDo(t, f.Write(&buf))
		if _, err := FromBytes("x.xlsx", buf.Bytes(), Options{}); !errors.Is(err, ErrNoHeader) {
			t.Errorf("error = %v, want ErrNoHeader", err)
		}
	})
}

// TestXLSXAsLibreOfficeWritesIt reads a workbook assembled by hand the way
// LibreOffice Calc saves one: custom number formats in upper case with
// backslash escapes (including one that redefines General), cells without
// r attributes, inline and shared strings, formula strings, booleans and
// error values.
func TestXLSXAsLibreOfficeWritesIt(t *testing.T) {
	styles := `<numFmts count="7">
<numFmt numFmtId="164" formatCode="General"/>
<numFmt numFmtId="165" formatCode="YYYY\-MM\-DD"/>
<numFmt numFmtId="166" formatCode="YYYY/MM/DD\ HH:MM:SS"/>
<numFmt numFmtId="167" formatCode="[$-411]GGGE&quot;年&quot;M&quot;月&quot;D&quot;日&quot;"/>
<numFmt numFmtId="168" formatCode="#,##0"/>
<numFmt numFmtId="169" formatCode="0.0&quot;時間&quot;"/>
<numFmt numFmtId="170" formatCode="HH:MM"/>
</numFmts>
<fonts count="1"><font><sz val="10"/><name val="Arial"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="164" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="10">
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>`
	sst := []string{"職員番号", "受講日", "日時", "和暦", "金額", "時間", "開始", "旧日付", "修了", "区分", "計算", "コード", "比率", "備考", "H0001", "0012"}
	header := ""
	for i := 0; i < 14; i++ {
		header += `<c t="s"><v>` + strconv.Itoa(i) + `</v></c>`
	}
	data := `<c t="s"><v>14</v></c>` +
		`<c s="1"><v>45017</v></c>` +
		`<c s="2"><v>45017.5</v></c>` +
		`<c s="3"><v>43586</v></c>` +
		`<c s="4"><v>1234567</v></c>` +
		`<c s="5"><v>7.5</v></c>` +
		`<c s="6"><v>0.75</v></c>` +
		`<c s="7"><v>32874</v></c>` +
		`<c t="b"><v>1</v></c>` +
		`<c t="e"><v>#N/A</v></c>` +
		`<c t="str"><f>UPPER("abc")</f><v>ABC</v></c>` +
		`<c s="8" t="s"><v>15</v></c>` +
		`<c s="9"><v>0.1</v></c>` +
		`<c t="inlineStr"><is><t>インライン</t></is></c>`
	sheet := `<row r="1">` + header + `</row><row r="2">` + data + `</row>`
	tbl := rawXLSX(t, false, styles, sst, sheet)
	want := []string{"H0001", "2023-04-01", "2023-04-01 12:00:00", "2019-05-01", "1234567", "7.5", "18:00:00", "1990-01-01",
		"TRUE", "#N/A", "ABC", "0012", "0.1", "インライン"}
	rows, nums := readAll(t, tbl)
	if len(rows) != 1 || nums[0] != 2 {
		t.Fatalf("rows %v %q", nums, rows)
	}
	for i, w := range want {
		if rows[0][i] != w {
			t.Errorf("%s = %q, want %q", tbl.Header[i], rows[0][i], w)
		}
	}
}

func TestXLSXDate1904(t *testing.T) {
	styles := `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>`
	sheet := `<row r="1"><c r="A1" t="inlineStr"><is><t>受講日</t></is></c></row>` +
		`<row r="2"><c r="A2" s="1"><v>43555</v></c></row>` // 45017 - 1462
	rows, _ := readAll(t, rawXLSX(t, true, styles, nil, sheet))
	if len(rows) != 1 || rows[0][0] != "2023-04-01" {
		t.Errorf("rows = %q, want [[2023-04-01]]", rows)
	}
}

func TestCodeKind(t *testing.T) {
	tests := []struct {
		code string
		want fmtKind
	}{
		{"General", fmtNumber},
		{"0", fmtNumber},
		{"#,##0.00", fmtNumber},
		{`0"年"`, fmtNumber},
		{`0.0"時間"`, fmtNumber},
		{`#,##0"円";[Red]\-#,##0"円"`, fmtNumber},
		{"0.00E+00", fmtNumber},
		{"0%", fmtNumber},
		{"@", fmtNumber},
		{`[$¥-411]#,##0`, fmtNumber},
		{"yyyy/m/d", fmtDate},
		{"m/d/yy", fmtDate},
		{"mmm-yy", fmtDate},
		{"mmmm", fmtDate},
		{`yyyy"年"m"月"d"日"`, fmtDate},
		{"yyyy年m月d日", fmtDate},
		{`[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@`, fmtDate},
		{"[$-411]ge.m.d", fmtDate},
		{"[DBNum1][$-411]ggge年m月d日", fmtDate},
		{"yyyy/m/d(aaa)", fmtDate},
		{`YYYY\-MM\-DD`, fmtDate},
		{"[$-F800]dddd, mmmm dd, yyyy", fmtDate},
		{"yyyy/m/d h:mm", fmtDateTime},
		{`YYYY/MM/DD\ HH:MM:SS`, fmtDateTime},
		{"m/d/yy h:mm AM/PM", fmtDateTime},
		{"h:mm", fmtTime},
		{"HH:MM:SS", fmtTime},
		{"mm:ss.0", fmtTime},
		{"h:mm AM/PM", fmtTime},
		{`[$-F400]h:mm:ss\ AM/PM`, fmtTime},
		{`h"時"mm"分"`, fmtTime},
		{"h時mm分", fmtTime},
		{"[h]:mm:ss", fmtElapsed},
		{"[HH]:MM", fmtElapsed},
		{"[mm]:ss", fmtElapsed},
	}
	for _, tt := range tests {
		if got := codeKind(tt.code); got != tt.want {
			t.Errorf("codeKind(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
	for id, want := range map[int]fmtKind{0: fmtNumber, 1: fmtNumber, 4: fmtNumber, 10: fmtNumber, 49: fmtNumber,
		14: fmtDate, 17: fmtDate, 20: fmtTime, 22: fmtDateTime, 46: fmtElapsed, 31: fmtDate, 32: fmtTime, 57: fmtDate, 58: fmtDate} {
		if got := builtinKind(id); got != want {
			t.Errorf("builtinKind(%d) = %d, want %d", id, got, want)
		}
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// xlsxTable saves f in memory and opens it as a Table.
func xlsxTable(t *testing.T, f *excelize.File, opt Options) *Table {
	t.Helper()
	var buf bytes.Buffer
	mustDo(t, f.Write(&buf))
	tbl, err := FromBytes("test.xlsx", buf.Bytes(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tbl.Close() })
	return tbl
}

// rawXLSX assembles a one-sheet workbook from XML fragments: the inside
// of <styleSheet>, the shared strings and the inside of <sheetData>.
func rawXLSX(t *testing.T, date1904 bool, styles string, sst []string, sheetData string) *Table {
	t.Helper()
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	wbPr := ""
	if date1904 {
		wbPr = `<workbookPr date1904="true"/>`
	}
	var si strings.Builder
	for _, s := range sst {
		si.WriteString("<si><t>" + s + "</t></si>")
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?>
<workbook ` + ns + ` xmlns:r="` + rel + `">` + wbPr + `<sheets><sheet name="データ" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="` + rel + `/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + ns + `>` + styles + `</styleSheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst ` + ns + ` count="` + strconv.Itoa(len(sst)) + `" uniqueCount="` + strconv.Itoa(len(sst)) + `">` + si.String() + `</sst>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData>` + sheetData + `</sheetData></worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		mustDo(t, err)
		_, err = w.Write([]byte(p.body))
		mustDo(t, err)
	}
	mustDo(t, zw.Close())
	tbl, err := FromBytes("raw.xlsx", buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tbl.Close() })
	return tbl
}
