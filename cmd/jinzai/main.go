// Command jinzai ingests HR exports of a Japanese local government into an
// embedded DuckDB database, computes age-structure, succession, engagement
// and gap metrics, and writes offline dashboards and the annual report.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// app carries the global flags and the configuration to every command.
type app struct {
	configPath string
	dbFlag     string
	cfg        jinzai.Config
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRoot().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "jinzai: エラー (error):", err)
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	var ec interface{ ExitCode() int }
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return 1
}

func newRoot() *cobra.Command {
	a := &app{}
	root := &cobra.Command{
		Use:           "jinzai",
		Short:         "人材育成データ分析 (HR development analytics for local governments)",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			path, explicit := a.configPath, cmd.Flags().Changed("config")
			cfg, err := jinzai.LoadConfig(path, explicit)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("db") || cfg.DB == "" {
				cfg.DB = a.dbFlag
			}
			a.cfg = cfg
			return nil
		},
	}
	root.PersistentFlags().StringVar(&a.configPath, "config", "jinzai.toml", "設定ファイル (TOML) config file")
	root.PersistentFlags().StringVar(&a.dbFlag, "db", "jinzai.duckdb", "データベースファイル DuckDB file")
	root.AddCommand(a.ingestCmd(), a.transformCmd(), a.dashboardCmd(), a.reportCmd(), a.exportCmd(), a.runCmd(), a.scheduleCmd(), a.runsCmd(), a.sqlCmd(), a.batchesCmd(), a.demoCmd())
	return root
}

// open opens the configured database.
func (a *app) open(ctx context.Context) (*store.Store, error) {
	return store.Open(ctx, a.cfg.DB)
}
