package transform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

const rosterRow = `INSERT INTO roster (batch_id, snapshot_date, employee_id, birth_date, gender, hire_date, dept_code, dept_name,
	grade, grade_reported, job_family, employment_type, source_row) VALUES `

func TestStagingComputesLegalAgeAndService(t *testing.T) {
	st := fixture(t, jinzai.DefaultConfig(),
		rosterRow+`(1, '2023-04-01', 'A', '1963-04-01', '男性', '1986-04-01', '01', '総務部', '課長', '課長', '一般事務', '常勤', 2),
		            (1, '2023-04-01', 'B', '1963-04-02', '女性', '2022-10-01', '01', '総務部', '主事', '主事', '一般事務', '常勤', 3)`)
	got := queryRows(t, st.DB(), `SELECT employee_id, age, age_band, years_of_service, grade_rank FROM stg_roster ORDER BY employee_id`)
	// A born 1963-04-01 reached 60 on 2023-03-31; B born 1963-04-02 reaches 60 on 2023-04-01 itself.
	// B was hired in FY2022: one fiscal year of service at FY2023.
	want := [][]string{{"A", "60", "60〜64", "37", "2"}, {"B", "60", "60〜64", "1", "6"}}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("stg_roster = %v, want %v", got, want)
			}
		}
	}
}

func TestModelsAreOrderedByTheirReferences(t *testing.T) {
	fsys := fstest.MapFS{
		"m/mart_b.sql": {Data: []byte("-- grain: x\nSELECT * FROM int_a JOIN stg_c USING (x)")},
		"m/int_a.sql":  {Data: []byte("SELECT * FROM stg_c -- not mart_b")},
		"m/stg_c.sql":  {Data: []byte("SELECT 1 AS x")},
	}
	ms, err := LoadModels(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	if len(names) != 3 || names[0] != "stg_c" || names[1] != "int_a" || names[2] != "mart_b" {
		t.Fatalf("order = %v, want [stg_c int_a mart_b]", names)
	}
	if ms[2].Grain != "x" {
		t.Fatalf("grain = %q", ms[2].Grain)
	}
	fsys["m/stg_c.sql"] = &fstest.MapFile{Data: []byte("SELECT * FROM mart_b")}
	if _, err := LoadModels(fsys, "m"); err == nil {
		t.Fatal("a cycle was not reported")
	}
}

func TestAFailingDataTestFailsTheRunAndKeepsThePreviousMarts(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fsys := fstest.MapFS{
		"macros.sql":         {Data: []byte("SELECT 1")},
		"models/mart_x.sql":  {Data: []byte("SELECT employee_id FROM roster")},
		"tests/t.toml":       {Data: []byte("[mart_x]\nnot_null = [\"employee_id\"]\n")},
		"tests/has_rows.sql": {Data: []byte("SELECT 'no rows' AS problem WHERE (SELECT count(*) FROM mart_x) = 0")},
	}
	_, err = run(ctx, st, jinzai.DefaultConfig(), fsys)
	var failed *FailedTestsError
	if !errors.As(err, &failed) || len(failed.Failures) != 1 || failed.Failures[0].Name != "has_rows" {
		t.Fatalf("err = %v, want the has_rows test to fail", err)
	}
	if _, err := st.DB().Exec(`SELECT * FROM mart_x`); err == nil {
		t.Fatal("mart_x exists after a failed transform")
	}
}

func TestRowConditionsShareAScanAndStillNameTheirFailures(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fsys := fstest.MapFS{
		"macros.sql":        {Data: []byte("SELECT 1")},
		"models/mart_x.sql": {Data: []byte("SELECT * FROM (VALUES (1, 'a'), (NULL, 'b'), (7, 'z')) AS v(n, s)")},
		"tests/t.toml":      {Data: []byte("[mart_x]\nnot_null = [\"n\", \"s\"]\naccepted_values = { s = [\"a\", \"b\"] }\nrange = { n = [0, 5] }\n")},
	}
	rep, err := run(ctx, st, jinzai.DefaultConfig(), fsys)
	var failed *FailedTestsError
	if !errors.As(err, &failed) {
		t.Fatalf("err = %v", err)
	}
	// n is NULL once, s = 'z' is not accepted, n = 7 is out of range; s is never NULL.
	var names []string
	for _, f := range failed.Failures {
		names = append(names, fmt.Sprintf("%s:%d", f.Name, f.Count))
	}
	want := "not_null mart_x.n:1 accepted_values mart_x.s:1 range mart_x.n in [0, 5]:1"
	if strings.Join(names, " ") != want {
		t.Fatalf("failures = %v, want %s", names, want)
	}
	if rep.Tests != 4 {
		t.Fatalf("%d tests ran, want 4", rep.Tests)
	}
}
