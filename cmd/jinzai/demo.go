package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai/demo"
	"github.com/jinzai-hr/jinzai/pipeline"
)

func (a *app) demoCmd() *cobra.Command {
	opt := demo.Options{}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "デモ自治体で一括処理を実行 (generate a demo city and run the whole pipeline on it)",
		Long: `架空の自治体「みどり市」の入力ファイル (Shift_JIS の職員名簿, XLSX の研修履歴, 意識調査の回答 …) を
DIR/inbox に生成し、本番と同じ jinzai run の経路で取り込み・計算・ダッシュボード・報告書・書き出しまで実行します。
DIR の中の jinzai が作るもの (inbox, archive, quarantine, site, report.xlsx, export, データベース) は作り直します。
Generates realistic input files for a fictional city into DIR/inbox and runs them through the same
path as production (jinzai run): ingest, transform and data tests, dashboards, report, export.
What jinzai made in DIR before is recreated.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			out := cmd.OutOrStdout()
			start := time.Now()
			if !cmd.Flags().Changed("db") {
				a.cfg.DB = filepath.Join(opt.Dir, "jinzai.duckdb")
			}
			if a.cfg.Organisation == "" {
				a.cfg.Organisation = "みどり市 (デモ)"
			}
			a.cfg.Inbox.SettleTime = 0 // the files were just written, by us
			paths := pipeline.ResolvePaths(a.cfg)
			for _, p := range []string{paths.Inbox, paths.Archive, paths.Quarantine, paths.Site, paths.Site + "-snapshots",
				paths.Report, paths.Export, paths.DB, paths.DB + ".wal", paths.Status} {
				if p == "" {
					continue
				}
				if err := os.RemoveAll(p); err != nil {
					return err
				}
			}
			genOpt := opt
			genOpt.Dir = paths.Inbox
			man, err := demo.Generate(ctx, genOpt)
			if err != nil {
				return fmt.Errorf("デモデータを生成できません (demo generation failed): %w", err)
			}
			fmt.Fprintf(out, "生成 (generated) %d files in %s (%.1fs)\n", len(man.Files), paths.Inbox, time.Since(start).Seconds())
			// The summary below says what the log would; keep the terminal quiet.
			rep, err := pipeline.RunWith(ctx, a.cfg, a.steps(), pipeline.Options{Logger: slog.New(slog.DiscardHandler)})
			rep.WriteSummary(out)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "\nダッシュボード (dashboards, open in a browser): %s\n", filepath.Join(paths.Site, "index.html"))
			fmt.Fprintf(out, "年次報告書 (annual report, management): %s\n", paths.Report)
			fmt.Fprintf(out, "書き出し (Parquet export of every mart): %s\n", paths.Export)
			fmt.Fprintf(out, "データベース (database): %s\n", paths.DB)
			fmt.Fprintf(out, "取込済みの入力 (ingested input files): %s\n", paths.Archive)
			fmt.Fprintf(out, "試す (try): jinzai --db %s sql --format table \"select headcount, average_age, share_51_plus from mart_age_summary where dimension = '全体' order by snapshot_date desc limit 1\"\n", paths.DB)
			fmt.Fprintf(out, "合計 (total) %.1fs\n", time.Since(start).Seconds())
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Dir, "dir", "demo-out", "出力フォルダ output folder")
	f.IntVar(&opt.Staff, "staff", 5514, "最新基準日の職員数 regular staff on the latest snapshot")
	f.IntVar(&opt.Years, "years", 10, "基準日の年数 number of yearly snapshots")
	f.Int64Var(&opt.Seed, "seed", 1, "乱数の種 random seed")
	return cmd
}
