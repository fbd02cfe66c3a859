package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/dashboards"
	"github.com/jinzai-hr/jinzai/pipeline"
	"github.com/jinzai-hr/jinzai/reports"
	"github.com/jinzai-hr/jinzai/schedule"
	"github.com/jinzai-hr/jinzai/store"
)

// steps are the production steps of a run, writing where the config says.
func (a *app) steps() pipeline.Steps { return stepsFor(a.cfg) }

// stepsFor are the production steps for one configuration (organisation).
func stepsFor(cfg jinzai.Config) pipeline.Steps {
	paths := pipeline.ResolvePaths(cfg)
	org := cfg.Organisation
	named := hasNamedPeers(cfg)
	return pipeline.Steps{
		Transform: pipeline.TransformStep(cfg),
		Dashboards: func(ctx context.Context, st *store.Store) error {
			_, err := dashboards.Build(ctx, st.DB(), dashboards.Options{OutDir: paths.Site, Organisation: org, Keep: cfg.Output.KeepSites,
				OrgCode: cfg.OrganisationCode, NamedPeers: named})
			return err
		},
		Report: func(ctx context.Context, st *store.Store) error {
			if err := reports.Write(ctx, st.DB(), reports.Options{Path: paths.Report, Organisation: org, OrgCode: cfg.OrganisationCode}); err != nil {
				return err
			}
			if paths.HRReport == "" {
				return nil
			}
			return reports.Write(ctx, st.DB(), reports.Options{Path: paths.HRReport, Organisation: org, OrgCode: cfg.OrganisationCode, Audience: "hr"})
		},
		Export: func(ctx context.Context, st *store.Store) error {
			return reports.Export(ctx, st.DB(), reports.ExportOptions{Dir: paths.Export, Format: cfg.Output.ExportFormat, OrgCode: cfg.OrganisationCode})
		},
	}
}

func (a *app) runCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "run",
		Short: "一括処理を1回実行 (one whole run: inbox → ingest → transform → dashboards → report → export)",
		Long: `受信フォルダ (inbox) の新しいファイルを取り込み、指標を計算し、ダッシュボード・報告書・書き出しを更新します。
取り込めたファイルは archive/日付/ へ、取り込めないファイルは理由を書いたテキストと一緒に quarantine/ へ移します。
後の段階で失敗したときは、前回のダッシュボードと報告書をそのまま残し、失敗した段階を表示します。
One whole run. Files that landed move to archive/<date>/, files that failed to quarantine/ with a
.error.txt saying why (Japanese and English). A failure in a later step keeps the previous outputs.
Only one run or job at a time per database (a lock that a crashed process does not leave behind).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			log, closeLog, err := schedule.NewLogger(a.cfg, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer closeLog()
			rep, err := pipeline.RunWith(cmd.Context(), a.cfg, a.steps(), pipeline.Options{Logger: log})
			rep.WriteSummary(cmd.OutOrStdout())
			if pipeline.Interrupted(err) {
				fmt.Fprintln(cmd.ErrOrStderr(), "中断しました。処理中の段階は元に戻しました (interrupted; the step in progress was rolled back)")
				return nil
			}
			return err
		},
	}
}

func (a *app) scheduleCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schedule",
		Short: "スケジューラを起動 (run the jobs of the config on their cron schedules until stopped)",
		Long: `設定の [[schedule.jobs]] を cron 式のとおりに実行し続けます (既定の時間帯 Asia/Tokyo)。
SIGTERM / Ctrl+C で処理中の段階を終えるか元に戻して終了します (終了コード 0)。
Runs the configured jobs on their cron schedules (default: nightly at 02:30 Asia/Tokyo) until
SIGTERM or Ctrl+C, retrying failed jobs with back-off; each run is recorded in job_run (jinzai runs)
and the status file. See docs/operations.md for systemd, cron and Windows Task Scheduler.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return schedule.Run(cmd.Context(), a.cfg, a.steps())
		},
	}
}

func (a *app) runsCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "runs",
		Short: "実行履歴 (list recorded runs of jinzai run and jinzai schedule)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := pipeline.Runs(cmd.Context(), a.cfg, limit)
			if err != nil {
				return err
			}
			return pipeline.WriteRuns(cmd.OutOrStdout(), rs, pipeline.Location(a.cfg))
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "表示する件数 how many runs")
	return cmd
}
