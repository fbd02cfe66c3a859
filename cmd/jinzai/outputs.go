package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai/dashboards"
	"github.com/jinzai-hr/jinzai/reports"
)

func (a *app) dashboardCmd() *cobra.Command {
	var (
		out, importTGZ string
		keep           int
	)
	cmd := &cobra.Command{
		Use:   "dashboard",
		Short: "ダッシュボードを書き出す (write the offline HTML dashboards)",
		Long: `マートから静的なHTMLダッシュボードを --out に書き出します。ネットワークなしで開けます (file://)。
管理職向け: 集計値のみ、少人数の集団は秘匿。前回のサイトは日付付きのスナップショットとして残します。
Writes the static dashboards from the marts into --out: they open offline by double-click. Aggregates
only, small groups suppressed. The previous site is kept as a dated snapshot (--keep).
ECharts comes from the npm registry (npm pack, integrity-checked) into the cache, or from --import-echarts.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if importTGZ != "" {
				p, err := dashboards.ImportECharts(importTGZ, "")
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "ECharts を取り込みました (imported): %s\n", p)
			}
			st, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			site, err := dashboards.Build(cmd.Context(), st.DB(), dashboards.Options{OutDir: out, Organisation: a.cfg.Organisation, Keep: keep,
				OrgCode: a.cfg.OrganisationCode, NamedPeers: a.namedPeers()})
			if err != nil {
				return err
			}
			printSite(cmd, site)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "site", "出力フォルダ output folder")
	f.IntVar(&keep, "keep", 5, "残す過去サイトの数 dated snapshots to keep")
	f.StringVar(&importTGZ, "import-echarts", "", "echarts-5.6.0.tgz (npm pack) を取り込む: for servers without npm")
	return cmd
}

func printSite(cmd *cobra.Command, site dashboards.Site) {
	fmt.Fprintf(cmd.OutOrStdout(), "ダッシュボード (dashboards): %d pages in %s\n", len(site.Pages), site.Dir)
	if site.Snapshot != "" {
		fmt.Fprintf(cmd.OutOrStdout(), "  前回のサイト (previous site kept): %s\n", site.Snapshot)
	}
}

func (a *app) reportCmd() *cobra.Command {
	opt := reports.Options{}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "年次報告書 (Excel) を書き出す (write the annual HR development-plan workbook)",
		Long: `人材育成基本方針 実施計画の年次報告を Excel ブックで書き出します (ネイティブのグラフ付き)。
--audience hr は個人名を含むシートを加え、全ページに「取扱注意」を表示します。
Writes the annual report workbook with native Excel charts. --audience hr adds sheets naming
individuals, each page marked 取扱注意 (personal information).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			opt.Organisation = a.cfg.Organisation
			opt.OrgCode = a.cfg.OrganisationCode
			if err := reports.Write(cmd.Context(), st.DB(), opt); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "報告書 (report, %s): %s\n", opt.Audience, opt.Path)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Path, "out", "report.xlsx", "出力ファイル output .xlsx")
	f.IntVar(&opt.FiscalYear, "year", 0, "年度 fiscal year (default: the latest)")
	f.StringVar(&opt.Audience, "audience", "management", "management (集計のみ) or hr (個人名あり)")
	return cmd
}

func (a *app) exportCmd() *cobra.Command {
	opt := reports.ExportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "マートを Parquet / CSV で書き出す (export every mart for other tools)",
		Long: `すべてのマートを Parquet (年度で Hive 分割) または CSV (UTF-8 BOM 付き) で --out に書き出します。
Exports every mart as Parquet (Hive-partitioned by fiscal_year where the mart has one) or CSV
(UTF-8 with BOM, formula-safe). --audience hr adds the HR-only tables.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			opt.OrgCode = a.cfg.OrganisationCode
			if err := reports.Export(cmd.Context(), st.DB(), opt); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "書き出し (exported, %s, %s): %s\n", opt.Format, opt.Audience, opt.Dir)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Dir, "out", "export", "出力フォルダ output folder")
	f.StringVar(&opt.Format, "format", "parquet", "parquet or csv")
	f.StringVar(&opt.Audience, "audience", "management", "management or hr")
	return cmd
}
