package table

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// With RawNumbers the date cells of training.xlsx come out as Excel
// serials and the rest is the same as the formatted read.
func TestRawNumbersGiveSerialsForDateCells(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "formats", "training.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	read := func(raw bool) [][]string {
		tb, err := FromBytes("training.xlsx", b, Options{RawNumbers: raw})
		if err != nil {
			t.Fatal(err)
		}
		defer tb.Close()
		var rows [][]string
		for {
			r, _, err := tb.Next()
			if err == io.EOF {
				return rows
			}
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
		}
	}
	formatted, raw := read(false), read(true)
	if len(formatted) != len(raw) || len(raw) == 0 {
		t.Fatalf("%d formatted rows, %d raw", len(formatted), len(raw))
	}
	differ := 0
	for i := range raw {
		for j := range raw[i] {
			if raw[i][j] != formatted[i][j] {
				differ++
				if len(formatted[i][j]) < 10 || formatted[i][j][4] != '-' {
					t.Errorf("row %d cell %d: raw %q vs formatted %q: only dates may differ", i, j, raw[i][j], formatted[i][j])
				}
			}
		}
	}
	if differ == 0 {
		t.Fatal("no date cell came out as a serial")
	}
}
