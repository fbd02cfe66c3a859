package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/demo"
	"github.com/jinzai-hr/jinzai/pipeline"
)

func (a *app) demoCmd() *cobra.Command {
	opt := demo.Options{}
	var orgs int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "デモ自治体で一括処理を実行 (generate a demo city and run the whole pipeline on it)",
		Long: `架空の自治体「みどり市」の入力ファイル (Shift_JIS の職員名簿, XLSX の研修履歴, 意識調査の回答 …) を
DIR/inbox に生成し、本番と同じ jinzai run の経路で取り込み・計算・ダッシュボード・報告書・書き出しまで実行します。
DIR の中の jinzai が作るもの (inbox, archive, quarantine, site, report.xlsx, export, データベース) は作り直します。
Generates realistic input files for a fictional city into DIR/inbox and runs them through the same
path as production (jinzai run): ingest, transform and data tests, dashboards, report, export.
What jinzai made in DIR before is recreated.
--orgs N (N ≥ 2) は規模と年齢構成の異なる N 団体を1つのデータベースに作り (団体コード city1 …)、
団体ごとに DIR/<code>/ へダッシュボードと報告書 (他団体との比較つき) を書き出します。
--orgs N (N ≥ 2) generates N municipalities of different sizes and age structures into one database
(organisation codes city1 …), each with its own site and report beside the peer group's figures.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			out := cmd.OutOrStdout()
			start := time.Now()
			if !cmd.Flags().Changed("db") {
				a.cfg.DB = filepath.Join(opt.Dir, "jinzai.duckdb")
			}
			if cmd.Flags().Changed("orgs") {
				if orgs < 2 || orgs > len(demoOrgs) {
					return fmt.Errorf("--orgs %d: use 2..%d", orgs, len(demoOrgs))
				}
				return a.demoOrgs(cmd, opt, orgs, cmd.Flags().Changed("staff"), start)
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
			fmt.Fprintf(out, "\nダッシュボード (dashboards, open in a browser): %s\n", absPath(filepath.Join(paths.Site, "index.html")))
			fmt.Fprintf(out, "年次報告書 (annual report, management): %s\n", absPath(paths.Report))
			fmt.Fprintf(out, "書き出し (Parquet export of every mart): %s\n", absPath(paths.Export))
			fmt.Fprintf(out, "データベース (database): %s\n", absPath(paths.DB))
			fmt.Fprintf(out, "取込済みの入力 (ingested input files): %s\n", absPath(paths.Archive))
			fmt.Fprintf(out, "試す (try): go run ./cmd/jinzai --db %s sql --format table \"select headcount, average_age, share_51_plus from mart_age_summary where dimension = '全体' order by snapshot_date desc limit 1\"\n", paths.DB)
			fmt.Fprintf(out, "合計 (total) %.1fs\n", time.Since(start).Seconds())
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Dir, "dir", "demo-out", "出力フォルダ output folder")
	f.IntVar(&opt.Staff, "staff", 5514, "最新基準日の職員数 regular staff on the latest snapshot")
	f.IntVar(&opt.Years, "years", 10, "基準日の年数 number of yearly snapshots")
	f.Int64Var(&opt.Seed, "seed", 1, "乱数の種 random seed")
	f.IntVar(&orgs, "orgs", 0, "団体数 (2以上): 複数団体のデモ number of organisations in one database (≥ 2)")
	return cmd
}

// demoOrg is one municipality of the multi-organisation demo: its name, its
// regular headcount, and how many yearly snapshots it has (fewer years of
// the simulation leave a younger or older workforce, with the seed).
type demoOrg struct {
	name   string
	staff  int
	years  int
	ageing float64 // demo.Options.Ageing: older (> 0) or younger (< 0) than the default city
}

var demoOrgs = []demoOrg{
	{"みどり市", 1800, 10, 0}, {"あおば町", 420, 6, 0.6}, {"さくら市", 1100, 8, -0.4}, {"ひかり村", 260, 5, 0.9},
	{"かえで市", 900, 9, 0.3}, {"つばさ町", 600, 7, -0.2}, {"なぎさ市", 1500, 10, -0.6}, {"こだま村", 300, 4, 0.5},
}

// demoOrgs runs the demo for n organisations in one database: each is
// generated into DIR/<code>/inbox, ingested into its own schema and
// transformed (the last transform computes every organisation's peer
// benchmarks), then its dashboards, report and export are written under
// DIR/<code>/.
func (a *app) demoOrgs(cmd *cobra.Command, opt demo.Options, n int, staffGiven bool, start time.Time) error {
	ctx := cmd.Context()
	out := cmd.OutOrStdout()
	base := a.cfg
	base.Inbox.SettleTime = 0
	base.Organisations = nil
	for i := range n {
		o := jinzai.OrganisationConfig{Code: fmt.Sprintf("city%d", i+1), Name: demoOrgs[i].name + " (デモ)"}
		if i == 0 {
			// The first city names the second as a peer: its pages show that
			// city's own figures too (organisations.named_peers).
			o.NamedPeers = []string{"city2"}
		}
		base.Organisations = append(base.Organisations, o)
	}
	for _, p := range []string{base.DB, base.DB + ".wal"} {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	cfgs := make([]jinzai.Config, n)
	for i, o := range base.Organisations {
		cfg := base
		cfg.OrganisationCode = o.Code
		cfg.Organisation = o.Name
		cfgs[i] = cfg
		paths := pipeline.ResolvePaths(cfg)
		if err := os.RemoveAll(filepath.Join(filepath.Dir(cfg.DB), o.Code)); err != nil {
			return err
		}
		genOpt := opt
		genOpt.Dir = paths.Inbox
		genOpt.Organisation = demoOrgs[i].name
		genOpt.Staff = demoOrgs[i].staff
		if staffGiven {
			genOpt.Staff = max(50, opt.Staff*demoOrgs[i].staff/demoOrgs[0].staff)
		}
		genOpt.Years = min(opt.Years, demoOrgs[i].years)
		genOpt.Seed = opt.Seed + int64(i)*101
		genOpt.Ageing = demoOrgs[i].ageing
		man, err := demo.Generate(ctx, genOpt)
		if err != nil {
			return fmt.Errorf("デモデータを生成できません (demo generation failed) %s: %w", o.Code, err)
		}
		fmt.Fprintf(out, "== %s %s: 生成 (generated) %d files, %d staff, %d years in %s\n", o.Code, o.Name, len(man.Files), genOpt.Staff, genOpt.Years, paths.Inbox)
		rep, err := pipeline.RunWith(ctx, cfg, stepsFor(cfg), pipeline.Options{Only: []string{pipeline.StepIngest, pipeline.StepTransform},
			Logger: slog.New(slog.DiscardHandler)})
		rep.WriteSummary(out)
		if err != nil {
			return err
		}
	}
	fmt.Fprintln(out)
	for _, cfg := range cfgs {
		rep, err := pipeline.RunWith(ctx, cfg, stepsFor(cfg), pipeline.Options{Only: []string{pipeline.StepDashboards, pipeline.StepReport, pipeline.StepExport},
			Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			rep.WriteSummary(out)
			return err
		}
		paths := pipeline.ResolvePaths(cfg)
		fmt.Fprintf(out, "%s %s\n  ダッシュボード (dashboards): %s\n  年次報告書 (report): %s\n  書き出し (export): %s\n",
			cfg.OrganisationCode, cfg.Organisation, filepath.Join(paths.Site, "index.html"), paths.Report, paths.Export)
	}
	fmt.Fprintf(out, "データベース (database): %s\n", absPath(base.DB))
	fmt.Fprintf(out, "試す (try): go run ./cmd/jinzai --db %s orgs ; go run ./cmd/jinzai --db %s --org city1 sql --format table \"select metric_name, own_value, peer_median, peer_p25, peer_p75, peer_n from mart_peer_benchmark where fiscal_year = (select max(fiscal_year) from mart_peer_benchmark) order by metric_order\"\n", base.DB, base.DB)
	fmt.Fprintf(out, "合計 (total) %.1fs\n", time.Since(start).Seconds())
	return nil
}

// absPath is p made absolute for printing, so a user can open it from any folder.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
