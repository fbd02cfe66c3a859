// Package reports writes the annual report of the HR development plan
// (人材育成基本方針 実施計画 年次報告) as an Excel workbook, and exports the
// marts as Parquet or CSV for analysts.
//
// The workbook is built from the marts only (mart_*), so the management
// edition carries aggregates with the marts' own suppression. The HR edition
// adds sheets that name individuals (hr_* marts joined with the roster's
// names); every page of it is marked 取扱注意. Every chart is a native Excel
// chart over the sheet's own cells, so a user can restyle it and paste it
// into Word. See docs/report.md.
package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/internal/atomicfile"
)

// Audiences of a workbook or an export.
const (
	// AudienceManagement (the default) sees aggregates only: mart_* tables.
	AudienceManagement = "management"
	// AudienceHR adds the lists of named individuals (hr_* tables).
	AudienceHR = "hr"
)

// Options says which workbook Write produces.
type Options struct {
	// Path of the .xlsx file to write. It is replaced atomically.
	Path string
	// FiscalYear (年度) the report is about. The KPI table covers it and
	// the four years before it. 0 = the latest fiscal year in mart_kpi (or
	// the fiscal year of Now when mart_kpi is empty).
	FiscalYear int
	// Audience: "management" (default) or "hr".
	Audience string
	// Organisation printed on the cover and in every page header.
	Organisation string
	// OrgCode, for a named organisation of a shared database, adds the
	// 他団体比較 sheet (mart_peer_benchmark, mart_peer_named).
	OrgCode string
	// Now is the generation time printed on the cover (default time.Now()).
	Now time.Time
	// Definitions overrides the embedded short definitions
	// (reports/definitions.toml) by key, e.g. "kpi.engagement_index".
	// Unknown keys are an error, so a typo does not go unnoticed.
	Definitions map[string]string
	// VacateWithinYears: the HR succession list shows the posts whose holder
	// leaves within this many fiscal years (years_to_exit < N). Default 5.
	VacateWithinYears int
}

// Write builds the annual report workbook from the marts in db and writes
// it to opt.Path atomically (a temporary file in the same folder, then a
// rename), so a reader never sees a half-written file.
func Write(ctx context.Context, db *sql.DB, opt Options) error {
	if err := opt.check(); err != nil {
		return err
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.VacateWithinYears <= 0 {
		opt.VacateWithinYears = 5
	}
	defs, err := loadDefinitions(opt.Definitions)
	if err != nil {
		return err
	}
	if err := requireTables(ctx, db, requiredTables(opt.Audience)); err != nil {
		return err
	}
	if opt.FiscalYear == 0 {
		fy, err := latestKPIYear(ctx, db)
		if err != nil {
			return err
		}
		if fy == 0 {
			fy = jinzai.FiscalYear(opt.Now.In(jinzai.Tokyo))
		}
		opt.FiscalYear = fy
	}
	b, err := newBook(ctx, db, opt, defs)
	if err != nil {
		return err
	}
	defer b.f.Close()
	if err := b.build(); err != nil {
		return err
	}
	return writeFileAtomic(opt.Path, func(w io.Writer) error {
		_, err := b.f.WriteTo(w)
		return err
	})
}

func (o *Options) check() error {
	if o.Path == "" {
		return errors.New("reports: 出力ファイルを指定してください (Options.Path is empty)")
	}
	if !strings.EqualFold(filepath.Ext(o.Path), ".xlsx") {
		return fmt.Errorf("reports: 出力ファイルの拡張子は .xlsx にしてください (%s)", o.Path)
	}
	if err := checkAudience(&o.Audience); err != nil {
		return err
	}
	if o.FiscalYear != 0 && (o.FiscalYear < 1989 || o.FiscalYear > 2200) {
		return fmt.Errorf("reports: 年度 %d は範囲外です (fiscal year out of range)", o.FiscalYear)
	}
	return nil
}

func checkAudience(a *string) error {
	switch *a {
	case "":
		*a = AudienceManagement
	case AudienceManagement, AudienceHR:
	default:
		return fmt.Errorf("reports: audience %q: use %q or %q", *a, AudienceManagement, AudienceHR)
	}
	return nil
}

// requiredTables are the tables a workbook of the audience reads.
func requiredTables(audience string) []string {
	t := []string{
		"mart_data_sources", "mart_kpi", "mart_age_pyramid", "mart_age_summary",
		"mart_retirement_projection", "mart_projected_pyramid", "mart_succession_risk",
		"mart_knowledge_transfer", "mart_engagement_score", "mart_response_rate",
		"mart_key_drivers", "mart_engagement_item", "mart_training_completion",
		"mart_competency_coverage", "mart_rotation_gap",
	}
	if audience == AudienceHR {
		t = append(t, "hr_succession_post", "hr_training_requirement", "roster")
	}
	return t
}

func requireTables(ctx context.Context, db *sql.DB, names []string) error {
	have := map[string]bool{}
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		have[n] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var missing []string
	for _, n := range names {
		if !have[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("reports: 集計表がありません。先に jinzai transform を実行してください (missing tables: %s)", strings.Join(missing, ", "))
	}
	return nil
}

func latestKPIYear(ctx context.Context, db *sql.DB) (int, error) {
	var fy sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(fiscal_year) FROM mart_kpi`).Scan(&fy); err != nil {
		return 0, fmt.Errorf("reports: mart_kpi: %w", err)
	}
	return int(fy.Int64), nil
}

// writeFileAtomic writes through fn into a temporary file beside path and
// renames it over path once complete; on any error path is left as it was.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		if err := fn(w); err != nil {
			return fmt.Errorf("reports: write %s: %w", path, err)
		}
		return nil
	})
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("reports: %s を置き換えられません。Excel で開いていないか確認してください (replace %s): %w", path, path, err)
	}
	return err
}

// fiscalYearLabel is the 和暦 name of a fiscal year with the western year:
// 令和8年度（2026年度）.
func fiscalYearLabel(fy int) string {
	return eraFiscalYear(fy) + "（" + strconv.Itoa(fy) + "年度）"
}

// eraFiscalYear is the 和暦 name of a fiscal year: 令和8年度, 令和元年度,
// 平成30年度. A fiscal year is named by the era of its April (FY2019, whose
// April was still 平成, is called 令和元年度 as in every municipal document).
func eraFiscalYear(fy int) string {
	era, n := eraYear(fy)
	return era + yearNumber(n) + "年度"
}

func eraYear(y int) (string, int) {
	switch {
	case y >= 2019:
		return "令和", y - 2018
	case y >= 1989:
		return "平成", y - 1988
	default:
		return "昭和", y - 1925
	}
}

func yearNumber(n int) string {
	if n == 1 {
		return "元"
	}
	return strconv.Itoa(n)
}

// warekiDate is a date in 和暦: 令和8年4月1日.
func warekiDate(d time.Time) string {
	y := d.Year()
	var era string
	var n int
	switch {
	case !d.Before(time.Date(2019, time.May, 1, 0, 0, 0, 0, d.Location())):
		era, n = "令和", y-2018
	case !d.Before(time.Date(1989, time.January, 8, 0, 0, 0, 0, d.Location())):
		era, n = "平成", y-1988
	default:
		era, n = "昭和", y-1925
	}
	return fmt.Sprintf("%s%s年%d月%d日", era, yearNumber(n), int(d.Month()), d.Day())
}
