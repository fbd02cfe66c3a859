package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

func fixturePath(name string) string { return filepath.Join("..", "testdata", "ingest", name) }

func newIngester(t *testing.T, cfg jinzai.Config) (*Ingester, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return New(st, cfg), st
}

func count(t *testing.T, st *store.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func mustIngest(t *testing.T, in *Ingester, req Request) Result {
	t.Helper()
	res, err := in.File(context.Background(), req)
	if err != nil {
		t.Fatalf("ingest %s: %v", req.Path, err)
	}
	return res
}

// tableCounts is the row count of every canonical table, to check that a
// failed ingest changed nothing.
func tableCounts(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range []string{"ingest_batch", "ingest_reject", "roster", "assignment", "training_course", "training_record", "survey_item", "survey", "survey_respondent", "survey_response"} {
		out[tbl] = count(t, st, "SELECT count(*) FROM "+tbl)
	}
	return out
}

func TestRosterWithMixedDateFormsLoadsEveryRow(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	res := mustIngest(t, in, Request{Path: fixturePath("roster_20230401.csv")})
	// 6 data rows, all valid; the 基準日 comes from the file name; 備考 is extra.
	if res.Kind != Roster || res.Rows != 6 || res.Loaded != 6 || res.Rejected != 0 || res.Scope != "2023-04-01" {
		t.Fatalf("result = %+v", res)
	}
	if len(res.Ignored) != 1 || res.Ignored[0] != "備考" {
		t.Fatalf("ignored = %v, want [備考]", res.Ignored)
	}
	got := map[string]string{}
	rows, err := st.DB().Query(`SELECT employee_id, strftime(birth_date, '%Y-%m-%d') || ' ' || strftime(hire_date, '%Y-%m-%d') || ' ' || gender || ' ' || grade || ' ' || grade_reported FROM roster`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, v string
		rows.Scan(&id, &v)
		got[id] = v
	}
	rows.Close()
	want := map[string]string{
		"000101": "1963-04-01 1986-04-01 男性 部長 部長",
		"000102": "1970-07-15 1993-04-01 女性 課長 課長", // S45.7.15, H5/4/1
		"000103": "1975-03-03 1998-04-01 男性 係長 係長", // 昭和50年3月3日, 平成10年4月1日
		"000104": "1998-05-06 2021-04-01 女性 主事 主事", // full-width digits, 令和3年
		"000105": "1960-05-05 1983-04-01 男性 課長 参事", // 参事 is 課長-level
		"000106": "2001-12-24 2023-04-01 女性 主事 主事",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %q, want %q", id, got[id], w)
		}
	}
}

func TestSameContentTwiceIsANoOp(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	first := mustIngest(t, in, Request{Path: fixturePath("roster_20230401.csv")})
	before := tableCounts(t, st)
	again := mustIngest(t, in, Request{Path: fixturePath("roster_20230401.csv")})
	if !again.Duplicate || again.DuplicateOf != first.BatchID {
		t.Fatalf("second ingest = %+v, want a duplicate of batch %d", again, first.BatchID)
	}
	after := tableCounts(t, st)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before, %d after", k, v, after[k])
		}
	}
}

func TestACorrectedRosterReplacesTheSnapshotAndKeepsHistory(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	first := mustIngest(t, in, Request{Path: fixturePath("roster_20230401.csv")})
	second := mustIngest(t, in, Request{Path: fixturePath("roster_20230401_corrected.csv"), SnapshotDate: "2023-04-01"})
	if len(second.Superseded) != 1 || second.Superseded[0] != first.BatchID {
		t.Fatalf("superseded = %v, want [%d]", second.Superseded, first.BatchID)
	}
	// The corrected file has 5 staff (000105 left) and 000104 promoted to 主任.
	if n := count(t, st, `SELECT count(*) FROM roster WHERE snapshot_date = '2023-04-01'`); n != 5 {
		t.Fatalf("roster has %d rows for 2023-04-01, want 5", n)
	}
	if n := count(t, st, `SELECT count(*) FROM roster WHERE employee_id = '000104' AND grade = '主任'`); n != 1 {
		t.Fatal("000104 is not 主任 after the correction")
	}
	if n := count(t, st, `SELECT count(*) FROM ingest_batch WHERE batch_id = ? AND status = 'superseded' AND superseded_by = ?`, first.BatchID, second.BatchID); n != 1 {
		t.Fatal("the first batch is not kept as superseded")
	}
}

func TestBadRowsAreRejectedWithRowColumnAndReason(t *testing.T) {
	cfg := jinzai.DefaultConfig()
	cfg.Ingest.MaxRejectShare = 0.8
	in, st := newIngester(t, cfg)
	res := mustIngest(t, in, Request{Path: fixturePath("roster_bad_rows.csv")})
	// 8 rows: A1 and A7 load; six are rejected (worked out in testdata/ingest/README.md).
	if res.Rows != 8 || res.Loaded != 2 || res.Rejected != 6 {
		t.Fatalf("rows %d loaded %d rejected %d, want 8/2/6", res.Rows, res.Loaded, res.Rejected)
	}
	want := []struct {
		row    int
		column string
		reason string
	}{
		{3, "BirthDate", "日付"},      // 2023-02-30 does not exist
		{4, "EmployeeNumber", "重複"}, // A1 again
		{5, "BirthDate", "基準日より後"},  // born 2030
		{6, "HireDate", "基準日より後"},   // hired 2027
		{7, "Grade", "職層"},          // 班長 is not on the ladder
		{9, "DepartmentName", "空"},  // blank department
	}
	rows, err := st.DB().Query(`SELECT row_number, column_name, reason FROM ingest_reject WHERE batch_id = ? ORDER BY row_number`, res.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var row int
		var col, reason string
		rows.Scan(&row, &col, &reason)
		if i >= len(want) || row != want[i].row || col != want[i].column || !strings.Contains(reason, want[i].reason) {
			t.Errorf("reject %d = row %d column %s %q", i, row, col, reason)
		} else {
			i++
		}
	}
	if i != len(want) {
		t.Fatalf("matched %d of %d rejects", i, len(want))
	}
}

func TestTooManyRejectsFailsTheBatchAndChangesNothing(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	mustIngest(t, in, Request{Path: fixturePath("roster_20230401.csv")})
	before := tableCounts(t, st)
	_, err := in.File(context.Background(), Request{Path: fixturePath("roster_bad_rows.csv")})
	var tooMany *TooManyRejectsError
	if !errors.As(err, &tooMany) || tooMany.Rejected != 6 || tooMany.Rows != 8 {
		t.Fatalf("err = %v, want 6 of 8 rejected", err)
	}
	if !strings.Contains(err.Error(), "roster_bad_rows.csv") || !strings.Contains(err.Error(), "行3") {
		t.Errorf("error does not name the file and row: %v", err)
	}
	after := tableCounts(t, st)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before, %d after a failed batch", k, v, after[k])
		}
	}
}

func TestAMissingRequiredColumnNamesFileRowAndColumn(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	_, err := in.File(context.Background(), Request{Path: fixturePath("roster_missing_column.csv"), Kind: Roster, SnapshotDate: "2023-04-01"})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Row != 1 || fe.Column != "職層" || !strings.HasSuffix(fe.Path, "roster_missing_column.csv") {
		t.Fatalf("err = %v, want a FileError at row 1 column 職層", err)
	}
	if n := count(t, st, `SELECT count(*) FROM ingest_batch`); n != 0 {
		t.Fatal("a failed file left a batch")
	}
}

func TestTrainingRecordsAreUpsertedByKey(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	courses := mustIngest(t, in, Request{Path: fixturePath("training_courses.csv")})
	if courses.Kind != TrainingCourse || courses.Loaded != 4 {
		t.Fatalf("courses = %+v", courses)
	}
	var grades, comps string
	st.DB().QueryRow(`SELECT array_to_string(target_grades, '|'), array_to_string(competencies, '|') FROM training_course WHERE course_code = 'E001'`).Scan(&grades, &comps)
	if grades != "主事|主任" || comps != "専門能力" {
		t.Fatalf("E001 grades %q competencies %q", grades, comps)
	}
	// T001 targets 係員, an alias of 主事 on the default ladder.
	st.DB().QueryRow(`SELECT array_to_string(target_grades, '|') FROM training_course WHERE course_code = 'T001'`).Scan(&grades)
	if grades != "主事" {
		t.Fatalf("T001 grades %q, want the alias 係員 mapped to 主事", grades)
	}
	recs := mustIngest(t, in, Request{Path: fixturePath("training_records.csv")})
	if recs.Kind != TrainingRecord || recs.Loaded != 3 {
		t.Fatalf("records = %+v", recs)
	}
	// The same records in a different file (a re-export) replace, not add.
	tmp := filepath.Join(t.TempDir(), "records_again.csv")
	writeFile(t, tmp, "職員番号,研修コード,受講日,修了日,受講時間,状況\n000104,E001,2023-06-01,2023-06-01,3,修了\n000104,T003,2023-09-01,2023-09-01,2,修了\n")
	mustIngest(t, in, Request{Path: tmp})
	// 3 records + 1 new (T003 for 000104); E001 for 000104 now 修了.
	if n := count(t, st, `SELECT count(*) FROM training_record`); n != 4 {
		t.Fatalf("training_record has %d rows, want 4", n)
	}
	if n := count(t, st, `SELECT count(*) FROM training_record WHERE employee_id = '000104' AND course_code = 'E001' AND status = '修了'`); n != 1 {
		t.Fatal("the corrected status did not replace the old record")
	}
}

func TestWideSurveyMatchesQuestionsByTextOrCodeAndLikertText(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	mustIngest(t, in, Request{Path: fixturePath("survey_items.csv")})
	res := mustIngest(t, in, Request{Path: fixturePath("survey_2023.csv")})
	// 3 respondents (the third has a newline inside a quoted free-text cell).
	if res.Kind != Survey || res.Rows != 3 || res.Loaded != 3 || res.Scope != "survey-FY2023" {
		t.Fatalf("result = %+v", res)
	}
	if len(res.Ignored) != 1 || res.Ignored[0] != "自由記述" {
		t.Fatalf("ignored = %v", res.Ignored)
	}
	// 3 + 2 (one skipped) + 3 answers.
	if n := count(t, st, `SELECT count(*) FROM survey_response`); n != 8 {
		t.Fatalf("%d answers, want 8", n)
	}
	got := count(t, st, `SELECT sum(value) FROM survey_response WHERE item_code = 'Q01'`)
	// とてもそう思う 5 + そう思う 4 + 全くそう思わない 1
	if got != 10 {
		t.Fatalf("sum of Q01 = %d, want 10", got)
	}
	var date string
	st.DB().QueryRow(`SELECT strftime(survey_date, '%Y-%m-%d') FROM survey`).Scan(&date)
	if date != "2023-07-20" {
		t.Fatalf("survey date %s, want the latest answer 2023-07-20", date)
	}
	if n := count(t, st, `SELECT count(*) FROM survey_respondent WHERE gender = 'その他'`); n != 1 {
		t.Fatal("回答しない was not read as その他")
	}
}

func TestASurveyNeedsTheItemBank(t *testing.T) {
	in, _ := newIngester(t, jinzai.DefaultConfig())
	_, err := in.File(context.Background(), Request{Path: fixturePath("survey_2023.csv"), Kind: Survey})
	if err == nil || !strings.Contains(err.Error(), "設問マスタ") {
		t.Fatalf("err = %v", err)
	}
}

func TestAssignmentsReadFrontLineFlags(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	res := mustIngest(t, in, Request{Path: fixturePath("assignment.csv")})
	if res.Kind != Assignment || res.Loaded != 3 {
		t.Fatalf("result = %+v", res)
	}
	if n := count(t, st, `SELECT count(*) FROM assignment WHERE front_line`); n != 1 {
		t.Fatalf("%d front-line postings, want 1", n)
	}
	if n := count(t, st, `SELECT count(*) FROM assignment WHERE end_date IS NULL`); n != 2 {
		t.Fatalf("%d current postings, want 2", n)
	}
}

func TestATruncatedFileFailsWithItsRowAndLeavesNothing(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	before := tableCounts(t, st)
	_, err := in.File(context.Background(), Request{Path: filepath.Join("..", "testdata", "formats", "roster_truncated.csv"), Kind: Roster, SnapshotDate: "2024-04-01"})
	var fe *FileError
	// Rows 2 and 3 read; row 4 opens a quote that never closes.
	if !errors.As(err, &fe) || fe.Row != 4 {
		t.Fatalf("err = %v, want a FileError at row 4", err)
	}
	after := tableCounts(t, st)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed: %d → %d", k, v, after[k])
		}
	}
}

func TestShiftJISRosterIsDetected(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	res, err := in.File(context.Background(), Request{Path: filepath.Join("..", "testdata", "formats", "roster_sjis.csv"), Kind: Roster, SnapshotDate: "2024-04-01"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != "shift_jis" || res.Rows != 4 {
		t.Fatalf("result = %+v", res)
	}
	if n := count(t, st, `SELECT count(*) FROM roster WHERE name LIKE '%髙%' OR name LIKE '%﨑%'`); n == 0 {
		t.Fatal("CP932 characters were not decoded")
	}
}

func TestExcelSerialTimestampsOfAnXLSXSurvey(t *testing.T) {
	// 45117.5 is 2023-07-10 12:00 (serial 45117 = 2023-07-10).
	got, err := parseTimestamp("45117.5", true)
	if err != nil || got.Format("2006-01-02 15:04") != "2023-07-10 12:00" {
		t.Fatalf("got %v %v", got, err)
	}
	if _, err := parseTimestamp("45117.5", false); err == nil {
		t.Fatal("a bare number in a CSV is not a timestamp")
	}
}
