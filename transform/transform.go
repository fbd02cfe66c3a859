package transform

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/jinzai-hr/jinzai"
	sqlfiles "github.com/jinzai-hr/jinzai/sql"
	"github.com/jinzai-hr/jinzai/store"
)

// Step is one model or test and how long it took.
type Step struct {
	Name     string
	Duration time.Duration
}

// Report says what a transform did.
type Report struct {
	Models   []Step
	Tests    int
	Duration time.Duration
}

// Run builds every model and runs every data test in one transaction.
func Run(ctx context.Context, st *store.Store, cfg jinzai.Config) (Report, error) {
	return run(ctx, st, cfg, sqlfiles.Files)
}

func run(ctx context.Context, st *store.Store, cfg jinzai.Config, fsys fs.FS) (Report, error) {
	var rep Report
	start := time.Now()
	models, err := LoadModels(fsys, "models")
	if err != nil {
		return rep, err
	}
	tests, err := LoadTests(fsys, "tests")
	if err != nil {
		return rep, err
	}
	macros, err := fs.ReadFile(fsys, "macros.sql")
	if err != nil {
		return rep, err
	}
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if err := writeConfigTables(ctx, tx, cfg); err != nil {
			return fmt.Errorf("config tables: %w", err)
		}
		if _, err := tx.Exec(ctx, string(macros)); err != nil {
			return fmt.Errorf("macros.sql: %w", err)
		}
		for _, m := range models {
			t := time.Now()
			if err := dropOtherKind(ctx, tx, m); err != nil {
				return err
			}
			q := fmt.Sprintf("CREATE OR REPLACE %s %s AS\n%s", m.Materialization(), m.Name, m.SQL)
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("model %s (sql/models/%s.sql): %w", m.Name, m.Name, err)
			}
			rep.Models = append(rep.Models, Step{Name: m.Name, Duration: time.Since(t)})
		}
		failed, ran, err := runTests(ctx, tx, tests)
		rep.Tests = ran
		if err != nil {
			return err
		}
		if len(failed) > 0 {
			return &FailedTestsError{Failures: failed}
		}
		return peerStep(ctx, tx, cfg, &rep)
	})
	rep.Duration = time.Since(start)
	return rep, err
}

// dropOtherKind drops a model's old table when it is now a view, or the
// reverse, since CREATE OR REPLACE cannot change an object's kind.
func dropOtherKind(ctx context.Context, tx *store.Tx, m Model) error {
	var kind string
	err := tx.QueryRow(ctx, `SELECT table_type FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()`, m.Name).Scan(&kind)
	if err != nil {
		return nil // no such object yet
	}
	have := "TABLE"
	if kind == "VIEW" {
		have = "VIEW"
	}
	if have == m.Materialization() {
		return nil
	}
	if _, err := tx.Exec(ctx, fmt.Sprintf("DROP %s %s", have, m.Name)); err != nil {
		return fmt.Errorf("model %s: %w", m.Name, err)
	}
	return nil
}
