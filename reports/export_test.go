package reports

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rowChecksum is a query's row count and the sum of a hash of each row's
// text form (columns in the given order, NULL as ∅), so two tables with
// the same rows in any order and any physical layout agree.
func rowChecksum(t *testing.T, db *sql.DB, from string, cols []string) (int64, string) {
	t.Helper()
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf(`coalesce(CAST(%s AS VARCHAR), '∅')`, quoteIdent(c))
	}
	q := fmt.Sprintf(`SELECT count(*), CAST(coalesce(sum(hash(concat_ws('|', %s))), 0) AS VARCHAR) FROM %s`, strings.Join(parts, ", "), from)
	var n int64
	var sum string
	if err := db.QueryRow(q).Scan(&n, &sum); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return n, sum
}

func tableColumns(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	return cols
}

func readManifest(t *testing.T, dir string) manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestParquetExportReadsBackLikeTheMarts(t *testing.T) {
	st := openFixture(t)
	db := st.DB()
	// a fiscal year that is NULL must survive the Hive partitioning
	if _, err := db.Exec(`INSERT INTO mart_kpi VALUES (NULL, 'x', 99, 'テスト', '%', 1.5, NULL, '目標なし', 'higher_is_better', 1)`); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "export")
	if err := Export(context.Background(), db, ExportOptions{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	man := readManifest(t, dir)
	var names []string
	for _, tb := range man.Tables {
		names = append(names, tb.Name)
	}
	want := []string{"mart_age_pyramid", "mart_age_summary", "mart_competency_coverage", "mart_data_sources",
		"mart_engagement_item", "mart_engagement_score", "mart_key_drivers", "mart_knowledge_transfer", "mart_kpi",
		"mart_projected_pyramid", "mart_response_rate", "mart_retirement_projection", "mart_rotation_gap",
		"mart_stress_group", "mart_succession_risk", "mart_training_completion"}
	if !slices.Equal(names, want) {
		t.Fatalf("exported %v, want %v", names, want)
	}
	// layout: partitioned by fiscal year where the mart has one
	for _, p := range []string{"mart_kpi/fiscal_year=2026", "mart_kpi/fiscal_year=2025", "mart_kpi/fiscal_year=__HIVE_DEFAULT_PARTITION__",
		"mart_data_sources.parquet", "mart_competency_coverage.parquet"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("export lacks %s", p)
		}
	}
	for _, tb := range man.Tables {
		cols := tableColumns(t, db, tb.Name)
		var from string
		if len(tb.PartitionBy) > 0 {
			from = fmt.Sprintf(`read_parquet(%s, hive_partitioning = true)`, quoteLiteral(filepath.Join(dir, tb.Name, "**", "*.parquet")))
		} else {
			from = fmt.Sprintf(`read_parquet(%s)`, quoteLiteral(filepath.Join(dir, tb.Name+".parquet")))
		}
		wantN, wantSum := rowChecksum(t, db, quoteIdent(tb.Name), cols)
		gotN, gotSum := rowChecksum(t, db, from, cols)
		if gotN != wantN || gotSum != wantSum || tb.Rows != wantN {
			t.Errorf("%s: read back %d rows (checksum %s), mart has %d (%s), manifest %d", tb.Name, gotN, gotSum, wantN, wantSum, tb.Rows)
		}
	}
	// management exports hold no hr_ table and no personal data
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "hr_") {
			t.Errorf("management export holds %s", e.Name())
		}
	}
}

func TestHRExportAddsTheHRTables(t *testing.T) {
	st := openFixture(t)
	dir := filepath.Join(t.TempDir(), "export")
	if err := Export(context.Background(), st.DB(), ExportOptions{Dir: dir, Audience: AudienceHR}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"hr_succession_post/fiscal_year=2026", "hr_training_requirement/fiscal_year=2025", "mart_kpi"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("hr export lacks %s", p)
		}
	}
	if m := readManifest(t, dir); m.Audience != AudienceHR || m.Format != FormatParquet {
		t.Errorf("manifest %+v", m)
	}
}

func TestCSVExportIsExcelReadyAndGuarded(t *testing.T) {
	st := openFixture(t)
	dir := filepath.Join(t.TempDir(), "csv")
	if err := Export(context.Background(), st.DB(), ExportOptions{Dir: dir, Format: FormatCSV}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "mart_age_summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 BOM")
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][0] != "snapshot_date" || len(recs) != 7 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	var dept []string
	for _, r := range recs[1:] {
		if r[3] == "020" {
			dept = r
		}
	}
	if dept == nil || dept[4] != "'"+injectionDept || dept[0] != "2026-04-01" || dept[5] != "18" || dept[6] != "39" {
		t.Errorf("department row %q", dept)
	}
	// numbers are never prefixed, even negative ones; text that starts like a formula is
	for _, r := range recs[1:] {
		if r[2] == "部" && r[3] == "020" && r[12] != "-0.5" {
			t.Errorf("average_age_change = %q, want -0.5", r[12])
		}
	}
	src, _ := os.ReadFile(filepath.Join(dir, "mart_data_sources.csv"))
	if !strings.Contains(string(src), ",'-survey 2026.csv,") {
		t.Errorf("file name starting with - not guarded:\n%s", src)
	}
	if _, err := os.Stat(filepath.Join(dir, "hr_succession_post.csv")); err == nil {
		t.Error("management CSV export holds an hr_ table")
	}
}

func TestExportReplacesTheLastExportButNoOtherFolder(t *testing.T) {
	st := openFixture(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "export")
	ctx := context.Background()
	if err := Export(ctx, st.DB(), ExportOptions{Dir: dir, Format: FormatCSV}); err != nil {
		t.Fatal(err)
	}
	if err := Export(ctx, st.DB(), ExportOptions{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "mart_kpi.csv")); err == nil {
		t.Error("the previous export's files survived the replacement")
	}
	if m := readManifest(t, dir); m.Format != FormatParquet {
		t.Errorf("manifest %+v", m)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("parent holds %v, want only the export", entries)
	}
	// a folder that is not an export is never replaced
	foreign := filepath.Join(parent, "documents")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "plan.docx"), []byte("x"), 0o644)
	if err := Export(ctx, st.DB(), ExportOptions{Dir: foreign}); err == nil {
		t.Fatal("exported over a folder that is not an export")
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "plan.docx")); err != nil || string(b) != "x" {
		t.Fatal("foreign folder changed")
	}
	if err := Export(ctx, st.DB(), ExportOptions{Dir: dir, Format: "xlsx"}); err == nil {
		t.Error("unknown format accepted")
	}
}
