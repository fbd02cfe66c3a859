package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai/dashboards"
	"github.com/jinzai-hr/jinzai/demo"
	"github.com/jinzai-hr/jinzai/ingest"
	"github.com/jinzai-hr/jinzai/reports"
	"github.com/jinzai-hr/jinzai/transform"
)

func (a *app) demoCmd() *cobra.Command {
	opt := demo.Options{}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "デモ自治体を生成して取り込む (generate a demo municipality and run the pipeline on it)",
		Long: `架空の自治体「みどり市」の入力ファイル (Shift_JIS の職員名簿, XLSX の研修履歴, 意識調査の回答 …) を
--dir に生成し、同じフォルダのデータベースに取り込みます。--dir の input/ とデータベースは作り直します。
Generates realistic input files for a fictional city into --dir and ingests them into DIR/jinzai.duckdb
(or --db). The demo's input/ folder and database are recreated on every run.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			out := cmd.OutOrStdout()
			start := time.Now()
			if !cmd.Flags().Changed("db") {
				a.cfg.DB = filepath.Join(opt.Dir, "jinzai.duckdb")
			}
			inputDir := filepath.Join(opt.Dir, "input")
			for _, p := range []string{inputDir, a.cfg.DB, a.cfg.DB + ".wal"} {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
			}
			genOpt := opt
			genOpt.Dir = inputDir
			man, err := demo.Generate(ctx, genOpt)
			if err != nil {
				return fmt.Errorf("デモデータを生成できません (demo generation failed): %w", err)
			}
			fmt.Fprintf(out, "生成 (generated) %d files in %s (%.1fs)\n", len(man.Files), inputDir, time.Since(start).Seconds())
			st, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			in := ingest.New(st, a.cfg)
			t := time.Now()
			rows := 0
			for _, f := range man.Files {
				res, err := in.File(ctx, ingest.Request{Path: f.Path, Kind: ingest.Kind(f.Kind), SnapshotDate: f.SnapshotDate, SurveyCode: f.SurveyCode, SurveyDate: f.SurveyDate})
				if err != nil {
					return err
				}
				rows += res.Rows
			}
			fmt.Fprintf(out, "取込 (ingested) %d rows from %d files in %.1fs\n", rows, len(man.Files), time.Since(t).Seconds())
			rep, err := transform.Run(ctx, st, a.cfg)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "変換 (transformed) %d models, %d data tests passed in %.1fs\n", len(rep.Models), rep.Tests, rep.Duration.Seconds())
			t = time.Now()
			site, err := dashboards.Build(ctx, st.DB(), dashboards.Options{OutDir: filepath.Join(opt.Dir, "site"), Organisation: organisation(a.cfg.Organisation)})
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "ダッシュボード (dashboards) %d pages in %.1fs\n", len(site.Pages), time.Since(t).Seconds())
			reportPath := filepath.Join(opt.Dir, "report.xlsx")
			if err := reports.Write(ctx, st.DB(), reports.Options{Path: reportPath, Organisation: organisation(a.cfg.Organisation)}); err != nil {
				return err
			}
			fmt.Fprintf(out, "\nダッシュボード (dashboards, open in a browser): %s\n", filepath.Join(site.Dir, "index.html"))
			fmt.Fprintf(out, "年次報告書 (annual report, management): %s\n", reportPath)
			fmt.Fprintf(out, "データベース (database): %s\n", a.cfg.DB)
			fmt.Fprintf(out, "入力ファイル (input files): %s\n", inputDir)
			fmt.Fprintf(out, "試す (try): jinzai --db %s sql \"select headcount from mart_age_summary where dimension = '全体' order by snapshot_date desc limit 1\"\n", a.cfg.DB)
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

// organisation is the name on the demo's pages: the configured one, or
// the demo city's.
func organisation(configured string) string {
	if configured != "" {
		return configured
	}
	return "みどり市 (デモ)"
}
