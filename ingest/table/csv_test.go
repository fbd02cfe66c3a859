package table

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

const fixtures = "../../testdata/formats"

// readAll reads every data row of t, failing the test on an error.
func readAll(t *testing.T, tbl *Table) (rows [][]string, nums []int) {
	t.Helper()
	for {
		row, n, err := tbl.Next()
		if err == io.EOF {
			return rows, nums
		}
		if err != nil {
			t.Fatalf("Next after row %v: %v", nums, err)
		}
		rows = append(rows, row)
		nums = append(nums, n)
	}
}

// readUntilError reads rows until an error and returns the rows read and
// the error (io.EOF when there was none).
func readUntilError(tbl *Table) (nums []int, err error) {
	for {
		_, n, err := tbl.Next()
		if err != nil {
			return nums, err
		}
		nums = append(nums, n)
	}
}

func fromString(t *testing.T, s string, opt Options) *Table {
	t.Helper()
	tbl, err := FromBytes("test.csv", []byte(s), opt)
	if err != nil {
		t.Fatalf("FromBytes(%q): %v", s, err)
	}
	t.Cleanup(func() { tbl.Close() })
	return tbl
}

var rosterHeader = []string{"職員番号", "氏名", "生年月日", "性別", "採用年月日", "部名", "課名", "係名", "職層", "職種", "任用形態"}

func TestCSVFixtures(t *testing.T) {
	tests := []struct {
		file     string
		encoding Encoding
		header   []string
		rowNums  []int
		cells    map[[2]int]string // {rowNum, 0-based column} → value
	}{
		{
			file: "roster_utf8.csv", encoding: UTF8, header: rosterHeader,
			rowNums: []int{2, 3, 4, 5, 6},
			cells: map[[2]int]string{
				{2, 1}: "山田 太郎", {3, 4}: "平成25年4月1日", {4, 7}: "",
				{5, 0}: "Ａ０００４", {5, 2}: "１９９８年２月１４日", {6, 10}: "再任用",
			},
		},
		{
			file: "roster_utf8_bom.csv", encoding: UTF8BOM, header: rosterHeader,
			rowNums: []int{2, 3, 4, 5},
			cells:   map[[2]int]string{{2, 0}: "B0101", {5, 8}: "課長補佐", {5, 10}: "正規"},
		},
		{
			file: "roster_sjis.csv", encoding: ShiftJIS, header: append(append([]string{}, rosterHeader...), "備考"),
			rowNums: []int{2, 3, 4, 5},
			cells: map[[2]int]string{
				{2, 1}: "髙橋 誠", {3, 1}: "山﨑 彩", {3, 7}: "支援①係",
				{4, 11}: "㈱観光振興公社へ派遣", {5, 10}: "会計年度任用",
			},
		},
		{
			file: "roster_quoted.csv", encoding: UTF8, header: append(append([]string{}, rosterHeader...), "備考"),
			// D0302's 備考 holds a newline, a blank line precedes D0304.
			rowNums: []int{2, 3, 4, 6},
			cells: map[[2]int]string{
				{2, 7}: "企画係,広報係", {3, 11}: "育児休業中\n(令和6年3月まで)",
				{4, 0}: "D0303", {4, 7}: `"まちづくり"推進係`, {6, 0}: "D0304",
				{6, 11}: `本人希望により "清水" の旧姓を使用`,
			},
		},
		{
			file: "roster_wrong_encoding.csv", encoding: ShiftJIS,
			header:  []string{"EmployeeNumber", "Name", "BirthDate", "Gender", "HireDate", "DepartmentName", "Grade", "JobFamily", "EmploymentType"},
			rowNums: []int{2, 3, 4},
			cells:   map[[2]int]string{{3, 1}: "石川 陽子", {4, 5}: "建設部"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tbl, err := Open(filepath.Join(fixtures, tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer tbl.Close()
			if tbl.Format != "csv" || tbl.Encoding != tt.encoding || tbl.Sheet != "" {
				t.Errorf("format, encoding, sheet = %q, %q, %q; want csv, %q, \"\"", tbl.Format, tbl.Encoding, tbl.Sheet, tt.encoding)
			}
			if !reflect.DeepEqual(tbl.Header, tt.header) {
				t.Errorf("header = %q, want %q", tbl.Header, tt.header)
			}
			rows, nums := readAll(t, tbl)
			if !reflect.DeepEqual(nums, tt.rowNums) {
				t.Errorf("row numbers = %v, want %v", nums, tt.rowNums)
			}
			byNum := map[int][]string{}
			for i, r := range rows {
				if len(r) != len(tt.header) {
					t.Errorf("row %d has %d cells, want %d", nums[i], len(r), len(tt.header))
				}
				byNum[nums[i]] = r
			}
			for at, want := range tt.cells {
				if r, ok := byNum[at[0]]; !ok || r[at[1]] != want {
					t.Errorf("row %d column %d = %q, want %q", at[0], at[1]+1, r, want)
				}
			}
		})
	}
}

func TestCSVTruncatedFileNamesTheLine(t *testing.T) {
	tbl, err := Open(filepath.Join(fixtures, "roster_truncated.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Close()
	nums, err := readUntilError(tbl)
	if !reflect.DeepEqual(nums, []int{2, 3}) {
		t.Errorf("rows before the error = %v, want [2 3]", nums)
	}
	var re *RowError
	if !errors.As(err, &re) || !errors.Is(err, csv.ErrQuote) {
		t.Fatalf("error = %v, want a RowError wrapping csv.ErrQuote", err)
	}
	if re.Row != 4 || re.Line != 4 {
		t.Errorf("error names row %d line %d, want row 4 line 4: %v", re.Row, re.Line, err)
	}
	if !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("message %q should name line 4 and say the file may be truncated", err)
	}
	if _, _, again := tbl.Next(); again != err {
		t.Errorf("Next after an error = %v, want the same error again", again)
	}
}

func TestCSVForcedUTF8OnShiftJISBytesIsAnError(t *testing.T) {
	tests := []struct {
		file string
		line int
	}{
		{"roster_wrong_encoding.csv", 3}, // the first two lines are ASCII
		{"roster_sjis.csv", 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Open(filepath.Join(fixtures, tt.file), Options{Encoding: "utf-8"})
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("error = %v, want ErrEncoding", err)
			}
			msg := err.Error()
			for _, want := range []string{"ファイルの文字コードがUTF-8ではありません", "declared utf-8", fmt.Sprintf("at line %d", tt.line)} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
		})
	}
}

func TestCSVShiftJISDecodesCP932Extensions(t *testing.T) {
	tests := []struct {
		name  string
		bytes string
		want  string
	}{
		{"NEC special: circled one", "\x87\x40", "①"},
		{"NEC special: parenthesised kabushiki", "\x87\x8a", "㈱"},
		{"NEC special: roman numeral three", "\x87\x56", "Ⅲ"},
		{"NEC-selected IBM extension 髙", "\xee\xe0", "髙"},
		{"IBM extension 髙", "\xfb\xfc", "髙"},
		{"NEC-selected IBM extension 﨑", "\xed\x95", "﨑"},
		{"IBM extension 﨑", "\xfa\xb1", "﨑"},
		{"wave dash as Windows maps it", "\x81\x60", "～"},
		{"half-width katakana", "\xb6\xde", "ｶﾞ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl := fromString(t, "name\r\n"+tt.bytes+"\r\n", Options{})
			if tbl.Encoding != ShiftJIS {
				t.Errorf("encoding = %q, want shift_jis", tbl.Encoding)
			}
			rows, _ := readAll(t, tbl)
			if len(rows) != 1 || rows[0][0] != tt.want {
				t.Errorf("rows = %q, want [[%q]]", rows, tt.want)
			}
		})
	}
}

func TestCSVEncodingOptions(t *testing.T) {
	t.Run("forced shift_jis reads an ASCII file", func(t *testing.T) {
		for _, name := range []string{"shift_jis", "SJIS", "cp932", "Windows-31J"} {
			tbl := fromString(t, "a,b\n1,2\n", Options{Encoding: name})
			if tbl.Encoding != ShiftJIS {
				t.Errorf("Encoding %q: read as %q", name, tbl.Encoding)
			}
		}
	})
	t.Run("auto detects valid UTF-8 as utf-8", func(t *testing.T) {
		for _, name := range []string{"", "auto", "AUTO"} {
			if tbl := fromString(t, "氏名\n山田\n", Options{Encoding: name}); tbl.Encoding != UTF8 {
				t.Errorf("Encoding %q: read as %q", name, tbl.Encoding)
			}
		}
	})
	t.Run("forced utf-8 keeps the BOM verdict", func(t *testing.T) {
		if tbl := fromString(t, "\ufeffa\n1\n", Options{Encoding: "utf8"}); tbl.Encoding != UTF8BOM || tbl.Header[0] != "a" {
			t.Errorf("read as %q with header %q", tbl.Encoding, tbl.Header)
		}
	})
	t.Run("an unknown encoding name is an error", func(t *testing.T) {
		if _, err := FromBytes("x.csv", []byte("a\n1\n"), Options{Encoding: "euc-jp"}); err == nil || !strings.Contains(err.Error(), "euc-jp") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("forced shift_jis on a file with a UTF-8 BOM is an error", func(t *testing.T) {
		if _, err := FromBytes("x.csv", []byte("\ufeffa\n1\n"), Options{Encoding: "shift_jis"}); !errors.Is(err, ErrEncoding) {
			t.Errorf("error = %v, want ErrEncoding", err)
		}
	})
	t.Run("a BOM followed by invalid UTF-8 is an error", func(t *testing.T) {
		if _, err := FromBytes("x.csv", []byte("\ufeffa\n\x90\x45\n"), Options{}); !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("error = %v, want ErrEncoding naming line 2", err)
		}
	})
	t.Run("UTF-16 text is refused with advice", func(t *testing.T) {
		_, err := FromBytes("x.csv", []byte("\xff\xfea\x00\n\x00"), Options{})
		if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "UTF-16") {
			t.Errorf("error = %v, want ErrEncoding about UTF-16", err)
		}
	})
	t.Run("bytes that are neither UTF-8 nor Shift_JIS are an error naming the line", func(t *testing.T) {
		tbl := fromString(t, "a,b\n1,2\n3,\xff\xfe\n", Options{})
		nums, err := readUntilError(tbl)
		if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("after rows %v: error = %v, want ErrEncoding naming line 3", nums, err)
		}
	})
}

func TestCSVRowNumbersAreWhatASpreadsheetShows(t *testing.T) {
	tests := []struct {
		name string
		in   string
		nums []int
	}{
		{"LF", "h1,h2\na,b\nc,d\n", []int{2, 3}},
		{"CRLF without a final newline", "h1,h2\r\na,b\r\nc,d", []int{2, 3}},
		{"blank lines count but are skipped", "h1,h2\n\na,b\n\n\nc,d\n", []int{3, 6}},
		{"rows of empty cells count but are skipped", "h1,h2\n,\na,b\n\" \",\u3000\nc,d\n", []int{3, 5}},
		{"a quoted newline does not shift later rows", "h1,h2\n\"a\nstill a\",b\nc,d\n", []int{2, 3}},
		{"a quoted CRLF does not shift later rows", "h1,h2\r\n\"a\r\n\r\nstill a\",b\r\nc,d\r\n", []int{2, 3}},
		{"a newline in the last field", "h1,h2\na,\"b\nb\"\n\nc,d\n", []int{2, 4}},
		{"blank lines before the header", "\n\nh1,h2\na,b\n", []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, nums := readAll(t, fromString(t, tt.in, Options{}))
			if !reflect.DeepEqual(nums, tt.nums) {
				t.Errorf("row numbers = %v, want %v", nums, tt.nums)
			}
		})
	}
}

func TestCSVRowShape(t *testing.T) {
	t.Run("short rows are padded", func(t *testing.T) {
		rows, _ := readAll(t, fromString(t, "a,b,c\n1\n1,2\n", Options{}))
		if want := [][]string{{"1", "", ""}, {"1", "2", ""}}; !reflect.DeepEqual(rows, want) {
			t.Errorf("rows = %q, want %q", rows, want)
		}
	})
	t.Run("trailing blank cells beyond the header are dropped", func(t *testing.T) {
		rows, _ := readAll(t, fromString(t, "a,b,,\n1,2,,\u3000\n", Options{}))
		if want := [][]string{{"1", "2"}}; !reflect.DeepEqual(rows, want) {
			t.Errorf("rows = %q, want %q", rows, want)
		}
	})
	t.Run("a value beyond the header is an error naming the row", func(t *testing.T) {
		tbl := fromString(t, "a,b\n1,2\n\n3,4,5\n", Options{})
		nums, err := readUntilError(tbl)
		var re *RowError
		if !errors.As(err, &re) || re.Row != 4 || re.Cell != 3 {
			t.Fatalf("after rows %v: error = %v, want a RowError for row 4 column 3", nums, err)
		}
		if !strings.HasPrefix(err.Error(), "4行目 3列目 (row 4, column 3)") {
			t.Errorf("message = %q", err)
		}
	})
	t.Run("cells are trimmed, inner spaces kept", func(t *testing.T) {
		rows, _ := readAll(t, fromString(t, "a,b\n\u3000山田\u3000太郎 , 1 \n", Options{}))
		if want := [][]string{{"山田\u3000太郎", "1"}}; !reflect.DeepEqual(rows, want) {
			t.Errorf("rows = %q, want %q", rows, want)
		}
	})
	t.Run("header cells are trimmed and lose a stray BOM", func(t *testing.T) {
		tbl := fromString(t, "\ufeff\ufeff職員番号, 氏名\u3000,\n1,2\n", Options{})
		if want := []string{"職員番号", "氏名"}; !reflect.DeepEqual(tbl.Header, want) {
			t.Errorf("header = %q, want %q", tbl.Header, want)
		}
	})
	t.Run("the returned rows are the caller's to keep", func(t *testing.T) {
		rows, _ := readAll(t, fromString(t, "a\n1\n2\n", Options{}))
		if rows[0][0] != "1" || rows[1][0] != "2" {
			t.Errorf("rows = %q", rows)
		}
	})
	t.Run("a bare quote is an error naming the row and line", func(t *testing.T) {
		tbl := fromString(t, "a,b\n1,2\n3,x\"y\n", Options{})
		_, err := readUntilError(tbl)
		var re *RowError
		if !errors.As(err, &re) || re.Row != 3 || re.Line != 3 || !errors.Is(err, csv.ErrBareQuote) {
			t.Errorf("error = %v, want a RowError for row 3 line 3 wrapping csv.ErrBareQuote", err)
		}
	})
}

func TestCSVWithoutHeaderIsAnError(t *testing.T) {
	for name, in := range map[string]string{
		"empty file":       "",
		"only a BOM":       "\ufeff",
		"only blank lines": "\n\r\n\n",
		"only empty cells": ",,\n \u3000,\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := FromBytes("x.csv", []byte(in), Options{}); !errors.Is(err, ErrNoHeader) {
				t.Errorf("error = %v, want ErrNoHeader", err)
			}
		})
	}
}

func TestTableAfterTheEnd(t *testing.T) {
	tbl, err := FromBytes("x.csv", []byte("a\n1\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, tbl)
	if _, _, err := tbl.Next(); err != io.EOF {
		t.Errorf("Next after EOF = %v, want io.EOF", err)
	}
	if err := tbl.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := tbl.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, _, err := tbl.Next(); err != io.EOF {
		t.Errorf("Next after EOF and Close = %v, want io.EOF", err)
	}

	unread, err := FromBytes("x.csv", []byte("a\n1\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	unread.Close()
	if _, _, err := unread.Next(); err == nil || err == io.EOF {
		t.Errorf("Next after Close = %v, want an error", err)
	}
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n",
		"\ufeffa,b\r\n1,2\r\n",
		"a,b\n\"x\ny\",2\n\n3,4\n",
		"a,b\n\"unterminated\n",
		"a\n1,2\n",
		"\x90\x45,b\r\n\x87\x40,\xfb\xfc\r\n",
		"a,b\n\xff\xfe\n",
		"a,\"b\"\"c\"\n1,x\"y\n",
		"PK\x03\x04garbage",
		"\n\n,,\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tbl, err := FromBytes("fuzz", b, Options{})
		if err != nil {
			return
		}
		defer tbl.Close()
		if len(tbl.Header) == 0 {
			t.Fatalf("no error but an empty header")
		}
		// A CSV row takes at least one byte; a worksheet has at most
		// excelize.TotalRows rows.
		limit := len(b) + 1
		if tbl.Format == "xlsx" {
			limit = excelize.TotalRows
		}
		last := 0
		for i := 0; ; i++ {
			if i > limit {
				t.Fatalf("more than %d rows from %d bytes: looping", limit, len(b))
			}
			row, n, err := tbl.Next()
			if err != nil {
				break
			}
			if n <= last {
				t.Fatalf("row number %d after %d", n, last)
			}
			if len(row) != len(tbl.Header) {
				t.Fatalf("row %d has %d cells, header %d", n, len(row), len(tbl.Header))
			}
			last = n
		}
	})
}

// shiftJISRoster builds an n-row Shift_JIS (CP932) roster in memory.
func shiftJISRoster(n int) []byte {
	var b strings.Builder
	b.WriteString(strings.Join(rosterHeader, ",") + "\r\n")
	for i := range n {
		fmt.Fprintf(&b, "A%07d,髙橋 誠,1983-02-%02d,男,2006-04-01,総務部,総務課,文書①係,主査,一般行政,正規\r\n", i, i%28+1)
	}
	out, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		panic(err)
	}
	return out
}

func TestShiftJISRosterGenerator(t *testing.T) {
	tbl := fromString(t, string(shiftJISRoster(3)), Options{})
	if !reflect.DeepEqual(tbl.Header, rosterHeader) {
		t.Fatalf("header = %q", tbl.Header)
	}
	rows, _ := readAll(t, tbl)
	if want := []string{"A0000002", "髙橋 誠", "1983-02-03", "男", "2006-04-01", "総務部", "総務課", "文書①係", "主査", "一般行政", "正規"}; len(rows) != 3 || !reflect.DeepEqual(rows[2], want) {
		t.Errorf("rows = %q, want last %q", rows, want)
	}
}

func BenchmarkCSVShiftJIS(b *testing.B) {
	const n = 100_000
	data := shiftJISRoster(n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		tbl, err := FromBytes("bench.csv", data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, _, err := tbl.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		tbl.Close()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
