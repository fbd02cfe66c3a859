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
	orgFlag    string
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
			if cmd.Flags().Changed("org") {
				cfg.OrganisationCode = a.orgFlag
			}
			if code := cfg.OrganisationCode; code != "" {
				if err := store.ValidateOrgCode(code); err != nil {
					return err
				}
				if cfg.Organisation == "" {
					cfg.Organisation = cfg.OrganisationName(code)
				}
			}
			a.cfg = cfg
			return nil
		},
	}
	root.PersistentFlags().StringVar(&a.configPath, "config", "jinzai.toml", "設定ファイル (TOML) config file")
	root.PersistentFlags().StringVar(&a.dbFlag, "db", "jinzai.duckdb", "データベースファイル DuckDB file")
	root.PersistentFlags().StringVar(&a.orgFlag, "org", "", "団体コード: 複数団体のデータベースで対象の団体 (organisation code in a shared database; default: the default organisation)")
	root.AddCommand(a.ingestCmd(), a.transformCmd(), a.dashboardCmd(), a.reportCmd(), a.exportCmd(), a.runCmd(), a.scheduleCmd(), a.runsCmd(), a.sqlCmd(), a.batchesCmd(), a.demoCmd(), a.orgsCmd())
	return root
}

// open opens the configured database.
func (a *app) open(ctx context.Context) (*store.Store, error) {
	return store.OpenOrg(ctx, a.cfg.DB, a.cfg.OrganisationCode)
}

// namedPeers says whether the organisation has configured named peers.
func (a *app) namedPeers() bool { return hasNamedPeers(a.cfg) }

func hasNamedPeers(cfg jinzai.Config) bool {
	return cfg.OrganisationCode != "" && len(cfg.NamedPeers(cfg.OrganisationCode)) > 0
}

func (a *app) orgsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "orgs",
		Short: "データベースの団体の一覧 (list the organisations in the database)",
		Long: `複数団体のデータベースにある団体 (スキーマ org_<code>) を一覧にします。--org で対象の団体を選びます。
Lists the named organisations in the database (schemas org_<code>); choose one with --org.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := store.Open(cmd.Context(), a.cfg.DB)
			if err != nil {
				return err
			}
			defer st.Close()
			orgs, err := st.Orgs(cmd.Context())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if len(orgs) == 0 {
				fmt.Fprintln(out, "団体はありません (no named organisations; the database holds the default organisation only)")
				return nil
			}
			for _, o := range orgs {
				fmt.Fprintf(out, "%-32s %s\n", o, a.cfg.OrganisationName(o))
			}
			return nil
		},
	}
}
