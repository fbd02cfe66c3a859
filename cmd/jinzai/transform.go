package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai/transform"
)

func (a *app) transformCmd() *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "transform",
		Short: "指標を計算する (build the SQL models and run the data tests)",
		Long: `sql/models のモデルを依存順 (staging → intermediate → marts) に作成し、データテストを実行します。
失敗したときはマートを更新しません。
Builds every model of sql/models in dependency order, then runs the data tests, in one transaction:
on failure the previous marts stay as they were.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			rep, err := transform.Run(cmd.Context(), st, a.cfg)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if verbose {
				for _, m := range rep.Models {
					fmt.Fprintf(out, "  %-40s %6.0f ms\n", m.Name, float64(m.Duration.Microseconds())/1000)
				}
			}
			fmt.Fprintf(out, "変換 (transformed) %d models, %d data tests passed in %.2fs\n", len(rep.Models), rep.Tests, rep.Duration.Seconds())
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "モデルごとの時間 time per model")
	return cmd
}
