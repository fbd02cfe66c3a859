package store

import (
	"context"
	"path/filepath"
	"testing"
)

// Two organisations in one file: each has its own migrated schema, every
// connection of a store uses it, and the default organisation stays in main.
func TestOpenOrgUsesItsSchemaOnEveryConnection(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orgs.duckdb")
	for _, org := range []string{"city1", "town2"} {
		st, err := OpenOrg(ctx, path, org)
		if err != nil {
			t.Fatal(err)
		}
		if st.Schema() != "org_"+org || st.Org() != org {
			t.Fatalf("schema %s org %s", st.Schema(), st.Org())
		}
		// Hold two connections at once: both must see the schema.
		db := st.DB()
		c1, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var s1, s2 string
		if err := c1.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&s1); err != nil {
			t.Fatal(err)
		}
		if err := c2.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&s2); err != nil {
			t.Fatal(err)
		}
		if s1 != "org_"+org || s2 != "org_"+org {
			t.Fatalf("current schemas %s, %s; want org_%s", s1, s2, org)
		}
		// An appender writes into the organisation's schema.
		err = st.InTx(ctx, func(tx *Tx) error {
			if _, err := tx.Exec(ctx, `CREATE TABLE t (org VARCHAR)`); err != nil {
				return err
			}
			a, err := tx.Append("t", nil)
			if err != nil {
				return err
			}
			if err := a.Row(org); err != nil {
				return err
			}
			return a.Close()
		})
		if err != nil {
			t.Fatal(err)
		}
		c1.Close()
		c2.Close()
		st.Close()
	}
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	orgs, err := st.Orgs(ctx)
	if err != nil || len(orgs) != 2 || orgs[0] != "city1" || orgs[1] != "town2" {
		t.Fatalf("orgs %v %v", orgs, err)
	}
	for _, org := range orgs {
		var got string
		var migrations int
		if err := st.DB().QueryRowContext(ctx, `SELECT org FROM org_`+org+`.t`).Scan(&got); err != nil || got != org {
			t.Fatalf("org_%s.t = %q, %v", org, got, err)
		}
		if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM org_`+org+`.schema_migration`).Scan(&migrations); err != nil || migrations == 0 {
			t.Fatalf("org_%s migrations %d %v", org, migrations, err)
		}
	}
	var n int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 't'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("main.t exists: %d %v", n, err)
	}
	if _, err := OpenOrg(ctx, path, "Bad-Code"); err == nil {
		t.Fatal("bad code accepted")
	}
}
