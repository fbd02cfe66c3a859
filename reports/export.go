package reports

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ExportOptions says what Export writes.
type ExportOptions struct {
	// Dir is the export folder. It is replaced as a whole: the new export is
	// written into a temporary folder beside it and renamed into place. An
	// existing Dir must be empty or an earlier export (it holds
	// _jinzai_export.json), so a mistyped path never deletes a user's folder.
	Dir string
	// Format: "parquet" (default) or "csv".
	Format string
	// Audience: "management" (default) exports the mart_* tables; "hr" adds
	// the hr_* tables, which name individuals.
	Audience string
	// Now is the time recorded in the manifest (default time.Now()).
	Now time.Time
	// OrgCode, for a named organisation of a shared database, adds the
	// organisation key as a first column org_code to every exported table
	// that does not have one, so that exports of several organisations can
	// be stacked. Empty (the default organisation): tables as they are.
	OrgCode string
}

// Export formats.
const (
	FormatParquet = "parquet"
	FormatCSV     = "csv"
)

// manifestName is the export's manifest. Its leading underscore makes
// pyarrow, pandas and Spark skip it when they read the folder as a dataset.
const manifestName = "_jinzai_export.json"

// exportedTable is one table of an export, as listed in the manifest.
type exportedTable struct {
	Name string `json:"name"`
	Rows int64  `json:"rows"`
	// Path is relative to the export folder: a folder of Hive partitions
	// (fiscal_year=2026/…) or a single file.
	Path        string   `json:"path"`
	PartitionBy []string `json:"partition_by,omitempty"`
}

type manifest struct {
	Format   string          `json:"format"`
	Audience string          `json:"audience"`
	Created  string          `json:"created"`
	Tables   []exportedTable `json:"tables"`
}

// Export writes every mart (and for audience hr every hr_ table) to
// opt.Dir: Parquet through DuckDB's COPY, Hive-partitioned by fiscal year
// (<dir>/<table>/fiscal_year=2026/data_0.parquet) when the table has a
// fiscal_year column, else one file <dir>/<table>.parquet; or CSV, one
// <dir>/<table>.csv per table, UTF-8 with a BOM, with every text that a
// spreadsheet would read as a formula prefixed with an apostrophe.
func Export(ctx context.Context, db *sql.DB, opt ExportOptions) (err error) {
	if err := checkAudience(&opt.Audience); err != nil {
		return err
	}
	switch opt.Format {
	case "":
		opt.Format = FormatParquet
	case FormatParquet, FormatCSV:
	default:
		return fmt.Errorf("reports: export format %q: use %q or %q", opt.Format, FormatParquet, FormatCSV)
	}
	if opt.Dir == "" {
		return errors.New("reports: 出力フォルダを指定してください (ExportOptions.Dir is empty)")
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	dir, err := filepath.Abs(opt.Dir)
	if err != nil {
		return err
	}
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	tables, err := exportTables(ctx, db, opt.Audience)
	for i := range tables {
		tables[i].orgCode = opt.OrgCode
	}
	if err != nil {
		return err
	}
	if len(tables) == 0 {
		return errors.New("reports: 集計表がありません。先に jinzai transform を実行してください (no mart_ tables)")
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("reports: 一時フォルダを作成できません (create temporary folder in %s): %w", parent, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err = os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	man := manifest{Format: opt.Format, Audience: opt.Audience, Created: opt.Now.UTC().Format(time.RFC3339)}
	for _, t := range tables {
		if err = ctx.Err(); err != nil {
			return err
		}
		var et exportedTable
		if opt.Format == FormatParquet {
			et, err = exportParquet(ctx, db, tmp, t)
		} else {
			et, err = exportCSV(ctx, db, tmp, t)
		}
		if err != nil {
			return fmt.Errorf("reports: export %s: %w", t.name, err)
		}
		man.Tables = append(man.Tables, et)
	}
	b, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return err
	}
	if err = os.WriteFile(filepath.Join(tmp, manifestName), append(b, '\n'), 0o644); err != nil {
		return err
	}
	return swapDir(tmp, dir)
}

type sourceTable struct {
	name          string
	hasFiscalYear bool
	hasOrgCode    bool
	rows          int64
	orgCode       string // added as a column org_code unless the table has one
}

// selectAll is the query that exports a table.
func (t sourceTable) selectAll() string {
	if t.orgCode != "" && !t.hasOrgCode {
		return `SELECT ` + quoteLiteral(t.orgCode) + ` AS org_code, * FROM ` + quoteIdent(t.name)
	}
	return `SELECT * FROM ` + quoteIdent(t.name)
}

// exportTables lists the tables an audience may export, sorted by name.
func exportTables(ctx context.Context, db *sql.DB, audience string) ([]sourceTable, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT t.table_name,
		       bool_or(c.column_name = 'fiscal_year') AS has_fiscal_year,
		       bool_or(c.column_name = 'org_code') AS has_org_code
		FROM information_schema.tables AS t
		JOIN information_schema.columns AS c USING (table_catalog, table_schema, table_name)
		WHERE t.table_schema = current_schema()
		  AND (t.table_name LIKE 'mart\_%' ESCAPE '\' OR (? AND t.table_name LIKE 'hr\_%' ESCAPE '\'))
		GROUP BY t.table_name
		ORDER BY t.table_name`, audience == AudienceHR)
	if err != nil {
		return nil, fmt.Errorf("reports: list marts: %w", err)
	}
	defer rows.Close()
	var out []sourceTable
	for rows.Next() {
		var t sourceTable
		if err := rows.Scan(&t.name, &t.hasFiscalYear, &t.hasOrgCode); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(out[i].name)).Scan(&out[i].rows); err != nil {
			return nil, fmt.Errorf("reports: count %s: %w", out[i].name, err)
		}
	}
	return out, nil
}

func exportParquet(ctx context.Context, db *sql.DB, dir string, t sourceTable) (exportedTable, error) {
	et := exportedTable{Name: t.name, Rows: t.rows}
	src := t.selectAll()
	var q string
	if t.hasFiscalYear && t.rows > 0 {
		// a table with no rows would leave no partition at all, so it is
		// written as one file like the tables without a fiscal year
		et.Path = t.name
		et.PartitionBy = []string{"fiscal_year"}
		q = fmt.Sprintf(`COPY (%s) TO %s (FORMAT parquet, PARTITION_BY (fiscal_year))`, src, quoteLiteral(filepath.Join(dir, t.name)))
	} else {
		et.Path = t.name + ".parquet"
		q = fmt.Sprintf(`COPY (%s) TO %s (FORMAT parquet)`, src, quoteLiteral(filepath.Join(dir, et.Path)))
	}
	if _, err := db.ExecContext(ctx, q); err != nil {
		return et, err
	}
	return et, nil
}

func exportCSV(ctx context.Context, db *sql.DB, dir string, t sourceTable) (et exportedTable, err error) {
	et = exportedTable{Name: t.name, Path: t.name + ".csv"}
	rows, err := db.QueryContext(ctx, t.selectAll())
	if err != nil {
		return et, err
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return et, err
	}
	f, err := os.OpenFile(filepath.Join(dir, et.Path), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return et, err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriter(f)
	// UTF-8 BOM: Excel (Japanese Windows) otherwise reads the file as CP932
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return et, err
	}
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	header := make([]string, len(types))
	dateCol := make([]bool, len(types))
	for i, ct := range types {
		header[i] = csvText(ct.Name())
		dateCol[i] = strings.EqualFold(ct.DatabaseTypeName(), "DATE")
	}
	if err := w.Write(header); err != nil {
		return et, err
	}
	raw := make([]any, len(types))
	ptrs := make([]any, len(types))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	rec := make([]string, len(types))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return et, err
		}
		for i, v := range raw {
			rec[i] = csvValue(normalize(v), dateCol[i])
		}
		if err := w.Write(rec); err != nil {
			return et, err
		}
		et.Rows++
	}
	if err := rows.Err(); err != nil {
		return et, err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return et, err
	}
	if err := bw.Flush(); err != nil {
		return et, err
	}
	return et, f.Sync()
}

// csvValue is one CSV field: NULL empty, numbers plain (no grouping),
// dates ISO, booleans true/false, text guarded against formula injection.
func csvValue(v any, isDate bool) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if isDate {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	case string:
		return csvText(x)
	default:
		return csvText(fmt.Sprint(x))
	}
}

// csvText guards a text field: one that a spreadsheet would take for a
// formula gets a leading apostrophe (OWASP CSV injection), which Excel
// shows as text and hides in the cell.
func csvText(s string) string {
	if needsGuard(s) {
		return "'" + s
	}
	return s
}

// checkReplaceable refuses to replace a folder that is not an export.
func checkReplaceable(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("reports: %s はフォルダではありません (not a folder)", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, manifestName)); err != nil {
		return fmt.Errorf("reports: %s は jinzai のエクスポートではないため置き換えません。空のフォルダか新しいフォルダを指定してください (folder is not empty and holds no %s)", dir, manifestName)
	}
	return nil
}

// swapDir moves the finished export tmp to dir, replacing an earlier
// export. The old export is moved aside first and put back if the final
// rename fails, so dir always holds a complete export.
func swapDir(tmp, dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	aside, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".old-")
	if err != nil {
		return err
	}
	old := filepath.Join(aside, filepath.Base(dir))
	if err := os.Rename(dir, old); err != nil {
		os.Remove(aside)
		return fmt.Errorf("reports: %s を置き換えられません。ファイルを開いていないか確認してください (move aside): %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return errors.Join(err, fmt.Errorf("restore %s from %s: %w", dir, old, rerr))
		}
		os.Remove(aside)
		return err
	}
	return os.RemoveAll(aside)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteLiteral(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
