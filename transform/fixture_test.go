package transform

import (
	"context"
	"database/sql"
	"testing"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// fixture opens an in-memory store, runs the given INSERT statements on
// the canonical tables, and runs the transform with cfg.
func fixture(t *testing.T, cfg jinzai.Config, inserts ...string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, q := range inserts {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("fixture insert: %v\n%s", err, q)
		}
	}
	if _, err := Run(ctx, st, cfg); err != nil {
		t.Fatalf("transform: %v", err)
	}
	return st
}

// queryRows returns every row of q as strings (NULL as "NULL").
func queryRows(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			rec[i] = "NULL"
			if v.Valid {
				rec[i] = v.String
			}
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
