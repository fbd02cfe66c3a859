package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

func (a *app) sqlCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   `sql "QUERY"`,
		Short: "SQLを実行して結果を表示 (run a query; CSV by default)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "csv" && format != "table" {
				return fmt.Errorf("--format は csv か table です (use csv or table)")
			}
			st, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			return printQuery(cmd.Context(), st.DB(), cmd.OutOrStdout(), format, args[0])
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "出力形式 output: csv or table")
	return cmd
}

func (a *app) batchesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "batches",
		Short: "取込バッチの一覧 (list ingest batches and their rejects)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			return printQuery(cmd.Context(), st.DB(), cmd.OutOrStdout(), "table", `
				SELECT batch_id AS バッチ, kind AS 種類, scope AS 対象, status AS 状態, rows_read AS 行数,
				       rows_loaded AS 取込, rows_rejected AS 除外, superseded_by AS 置換先,
				       strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS 取込日時, path AS ファイル
				FROM ingest_batch ORDER BY batch_id`)
		},
	}
}

// printQuery runs query and prints every row as CSV or an aligned table.
func printQuery(ctx context.Context, db *sql.DB, w io.Writer, format, query string) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var write func([]string) error
	var flush func() error
	if format == "table" {
		tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
		write = func(rec []string) error { _, err := fmt.Fprintln(tw, strings.Join(rec, "\t")); return err }
		flush = tw.Flush
	} else {
		cw := csv.NewWriter(w)
		write = cw.Write
		flush = func() error { cw.Flush(); return cw.Error() }
	}
	if err := write(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	rec := make([]string, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			rec[i] = formatValue(v)
		}
		if err := write(rec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	case []byte:
		return string(x)
	case float64:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.6f", x), "0"), ".")
	default:
		return fmt.Sprint(x)
	}
}
