package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// run runs the CLI in-process and returns its standard output.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	out, _, err := runErr(t, args...)
	return out, err
}

// runErr runs the CLI in-process and returns its standard output and error.
func runErr(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	root := newRoot()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

// sqlValue runs `jinzai sql` and returns the single value it prints.
func sqlValue(t *testing.T, db, query string) string {
	t.Helper()
	out, err := run(t, "--db", db, "sql", query)
	if err != nil {
		t.Fatalf("sql %q: %v", query, err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("sql %q printed %q, want a header and one value", query, out)
	}
	return lines[1]
}

func sqlFloat(t *testing.T, db, query string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(sqlValue(t, db, query), 64)
	if err != nil {
		t.Fatalf("sql %q: %v", query, err)
	}
	return v
}

// TestTheDemoMatchesTheDomainCalibration runs the README's first command
// (on a temporary folder) and checks the figures DOMAIN.md calibrates the
// demo city to (Setagaya, seed 002): 5,514 regular staff on the latest
// 基準日, about 30% aged 51+, about half aged 39 or under, a thin middle,
// women in management below 30%, about 30% survey response.
func TestTheDemoMatchesTheDomainCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the whole demo; skipped with -short")
	}
	dir := t.TempDir()
	out, err := run(t, "demo", "--dir", dir)
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "jinzai.duckdb")
	if !strings.Contains(out, db) {
		t.Errorf("the demo does not print where the database is:\n%s", out)
	}
	latest := `(SELECT max(snapshot_date) FROM roster)`
	if got := sqlValue(t, db, `SELECT count(*) FROM roster JOIN cfg_employment USING (employment_type)
		WHERE in_headcount AND snapshot_date = `+latest); got != "5514" {
		t.Errorf("regular headcount on the latest 基準日 = %s, want 5514", got)
	}
	if got := sqlValue(t, db, `SELECT headcount FROM mart_age_summary WHERE dimension = '全体' AND snapshot_date = `+latest); got != "5514" {
		t.Errorf("mart_age_summary headcount = %s, want 5514", got)
	}
	check := func(name string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s = %.1f, want %.0f–%.0f", name, got, lo, hi)
		} else {
			t.Logf("%s = %.1f", name, got)
		}
	}
	check("share aged 51+ (%)", sqlFloat(t, db, `SELECT share_51_plus FROM mart_age_summary WHERE dimension = '全体' AND snapshot_date = `+latest), 26, 34)
	check("share aged 39 or under (%)", sqlFloat(t, db, `SELECT 100.0 * sum(headcount) FILTER (WHERE age_band_order < 40) / sum(headcount)
		FROM mart_age_pyramid WHERE dimension = '全体' AND snapshot_date = `+latest), 45, 55)
	check("share in their 40s (%)", sqlFloat(t, db, `SELECT 100.0 * sum(headcount) FILTER (WHERE age_band_order IN (40, 45)) / sum(headcount)
		FROM mart_age_pyramid WHERE dimension = '全体' AND snapshot_date = `+latest), 0, 20)
	check("women in management (%)", sqlFloat(t, db, `SELECT value FROM mart_kpi WHERE kpi_code = 'women_in_management'
		AND fiscal_year = (SELECT max(fiscal_year) FROM mart_kpi)`), 10, 29.9)
	check("response rate of the latest survey (%)", sqlFloat(t, db, `SELECT response_rate FROM mart_response_rate
		WHERE dimension = '全体' ORDER BY survey_code DESC LIMIT 1`), 25, 35)
	// The stress check of the latest fiscal year: about 85% of the regular
	// staff answered (those with all 12 chart items are the chart's
	// respondents), and the organisation sits near the national means.
	check("stress-check chart respondents (% of headcount)", sqlFloat(t, db, `SELECT 100.0 * respondents / 5514 FROM mart_stress_group
		WHERE dimension = '全体' ORDER BY survey_date DESC LIMIT 1`), 78, 88)
	check("stress-check total health risk (全体)", sqlFloat(t, db, `SELECT total_risk FROM mart_stress_group
		WHERE dimension = '全体' ORDER BY survey_date DESC LIMIT 1`), 90, 115)
	check("departments with a shown total health risk", sqlFloat(t, db, `SELECT count(*) FROM mart_stress_group
		WHERE dimension = '部' AND NOT suppressed AND total_risk IS NOT NULL`), 10, 20)
	check("small job families (≤ 20 staff)", sqlFloat(t, db, `SELECT count(*) FROM mart_knowledge_transfer WHERE is_small`), 3, 20)
	// From the FY2026 snapshot the staged schedule leaves FY2027, 2029 and
	// 2031 without regular retirements; every other year has some.
	if got := sqlValue(t, db, `SELECT string_agg(CAST(fiscal_year AS VARCHAR), ' ' ORDER BY fiscal_year) FROM
		(SELECT fiscal_year FROM mart_retirement_projection GROUP BY fiscal_year HAVING sum(retirements) = 0)`); got != "2027 2029 2031" {
		t.Errorf("fiscal years without regular retirements = %q, want 2027 2029 2031", got)
	}

	// The demo went through the production path: every input file was
	// archived, the outputs exist.
	archived, _ := filepath.Glob(filepath.Join(dir, "archive", "*", "*"))
	if len(archived) != 28 {
		t.Errorf("%d files archived, want the 28 the demo generates", len(archived))
	}
	for _, p := range []string{"site/index.html", "site/assets/echarts.min.js", "report.xlsx", "export/_jinzai_export.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("the demo did not write %s: %v", p, err)
		}
	}

	printDemoReport(t, filepath.Join(dir, "report.xlsx"))

	// Ingesting a demo file again changes nothing and says so.
	before := sqlValue(t, db, `SELECT count(*) FROM roster`)
	rosters, _ := filepath.Glob(filepath.Join(dir, "archive", "*", "roster_20260401.csv"))
	if len(rosters) != 1 {
		t.Fatalf("archived rosters for 2026-04-01: %v", rosters)
	}
	out, err = run(t, "--db", db, "ingest", rosters[0])
	if err != nil || !strings.Contains(out, "unchanged") {
		t.Fatalf("re-ingest: %v\n%s", err, out)
	}
	if after := sqlValue(t, db, `SELECT count(*) FROM roster`); after != before {
		t.Fatalf("re-ingest changed the roster: %s → %s rows", before, after)
	}
}

func TestABadFileFailsWithANonZeroExitNamingFileRowAndColumn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "j.duckdb")
	_, stderr, err := runErr(t, "--db", db, "ingest", filepath.Join("..", "..", "testdata", "ingest", "roster_bad_rows.csv"))
	if err == nil || exitCode(err) == 0 {
		t.Fatal("a bad file did not fail")
	}
	// The first reject: row 3, column BirthDate, 2023-02-30.
	for _, want := range []string{"roster_bad_rows.csv", "行3", "BirthDate", "2023-02-30"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the error does not say %q:\n%s", want, stderr)
		}
	}
	if got := sqlValue(t, db, `SELECT count(*) FROM ingest_batch`); got != "0" {
		t.Fatalf("a failed ingest left %s batches", got)
	}
}

// printDemoReport converts the demo's workbook to PDF with LibreOffice and
// renders its first pages into the screenshots folder for review. It
// fails when LibreOffice reports an error; without LibreOffice it skips,
// except in CI, which installs it.
func printDemoReport(t *testing.T, workbook string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		soffice, err = exec.LookPath("libreoffice")
	}
	pdftoppm, err2 := exec.LookPath("pdftoppm")
	if err != nil || err2 != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("LibreOffice or pdftoppm is missing (scripts/install-test-deps.sh installs them): %v %v", err, err2)
		}
		t.Log("skipping the PDF print of the demo report: LibreOffice or pdftoppm is not installed")
		return
	}
	tmp := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", tmp, workbook)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice could not print the demo report: %v\n%s", err, out)
	}
	pdf := filepath.Join(tmp, strings.TrimSuffix(filepath.Base(workbook), ".xlsx")+".pdf")
	if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
		t.Fatalf("no PDF from LibreOffice: %v", err)
	}
	shots := os.Getenv("JINZAI_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join("..", "..", "screenshots")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(ctx, pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "6", pdf, filepath.Join(shots, "demo-report")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	t.Logf("demo report pages rendered to %s/demo-report-*.png", shots)
}
