// Package store opens the jinzai DuckDB file, migrates its schema from the
// versioned SQL files in sql/migrations, and runs work in transactions that
// can bulk-load through the DuckDB Appender.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	sqlfiles "github.com/jinzai-hr/jinzai/sql"
)

// Store is an open jinzai database.
type Store struct {
	db        *sql.DB
	connector *duckdb.Connector
	path      string
	schema    string
}

// DefaultSchema is the schema of the default organisation (no --org).
const DefaultSchema = "main"

// OrgSchemaPrefix starts the schema of every named organisation: the
// organisation city1 lives in the schema org_city1.
const OrgSchemaPrefix = "org_"

var reOrgCode = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// ValidateOrgCode checks an organisation code: 1–32 of a-z, 0-9 and _.
func ValidateOrgCode(code string) error {
	if !reOrgCode.MatchString(code) {
		return fmt.Errorf("団体コード %q は使えません: 半角英小文字・数字・_ の1〜32文字にしてください (organisation code must be 1-32 of [a-z0-9_])", code)
	}
	return nil
}

// SchemaFor is the schema of an organisation: main for "", else org_<code>.
func SchemaFor(org string) string {
	if org == "" {
		return DefaultSchema
	}
	return OrgSchemaPrefix + org
}

// Open opens (or creates) the DuckDB file at path and applies pending
// migrations. An empty path opens an in-memory database (tests).
func Open(ctx context.Context, dbPath string) (*Store, error) {
	return OpenOrg(ctx, dbPath, "")
}

// OpenOrg opens the database for one organisation: org "" is the default
// organisation in the schema main (exactly as Open); any other code lives
// in its own schema org_<code>, created when missing, migrated on its own
// (schema_migration is per schema), and made the current schema of every
// connection, so that every model, test, page and sheet works unchanged on
// that organisation's tables.
func OpenOrg(ctx context.Context, dbPath, org string) (*Store, error) {
	var initFn func(driver.ExecerContext) error
	schema := SchemaFor(org)
	if org != "" {
		if err := ValidateOrgCode(org); err != nil {
			return nil, err
		}
		// The schema name is validated above: safe to splice.
		initFn = func(ex driver.ExecerContext) error {
			for _, q := range []string{
				"CREATE SCHEMA IF NOT EXISTS " + schema,
				"SET schema = '" + schema + "'",
				"SET search_path = '" + schema + "'",
			} {
				if _, err := ex.ExecContext(context.Background(), q, nil); err != nil {
					return fmt.Errorf("organisation schema %s: %w", schema, err)
				}
			}
			return nil
		}
	}
	connector, err := duckdb.NewConnector(dbPath, initFn)
	if err != nil {
		if strings.Contains(err.Error(), "lock") {
			return nil, fmt.Errorf("データベース %s は別のプロセスが使用中です (database is locked by another process): %w", dbPath, err)
		}
		return nil, fmt.Errorf("データベースを開けません open database %s: %w", dbPath, err)
	}
	db := sql.OpenDB(connector)
	s := &Store{db: db, connector: connector, path: dbPath, schema: schema}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// DB is the database handle for queries outside a batch.
func (s *Store) DB() *sql.DB { return s.db }

// Schema is the organisation's schema (main for the default organisation).
func (s *Store) Schema() string { return s.schema }

// Org is the organisation code ("" for the default organisation).
func (s *Store) Org() string {
	if s.schema == DefaultSchema {
		return ""
	}
	return strings.TrimPrefix(s.schema, OrgSchemaPrefix)
}

// Orgs lists the named organisations in the database (the codes of the
// org_* schemas), sorted.
func (s *Store) Orgs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT schema_name FROM information_schema.schemata
		WHERE schema_name LIKE 'org\_%' ESCAPE '\' ORDER BY schema_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, strings.TrimPrefix(name, OrgSchemaPrefix))
	}
	return out, rows.Err()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	err := s.db.Close()
	if cerr := s.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

type migration struct {
	version int
	name    string
	body    string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(sqlfiles.Files, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %s: name must be NNN_name.sql", name)
		}
		body, err := fs.ReadFile(sqlfiles.Files, path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, body: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a version", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate applies, each in its own transaction, the migrations newer than
// the database's schema version.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (
		version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migration`).Scan(&current); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if n := len(ms); n > 0 && current > ms[n-1].version {
		return fmt.Errorf("database %s has schema version %d, newer than this jinzai (%d): upgrade jinzai", s.path, current, ms[n-1].version)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		err := s.InTx(ctx, func(tx *Tx) error {
			if _, err := tx.Exec(ctx, m.body); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migration (version, name) VALUES (?, ?)`, m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// Tx is one connection inside an open transaction.
type Tx struct {
	conn   *sql.Conn
	schema string
}

// Schema is the schema the transaction's unqualified names resolve to.
func (t *Tx) Schema() string { return t.schema }

// InTx runs fn inside one transaction on one connection: everything fn
// does, appends included, commits together or not at all.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			// The transaction is rolled back on a fresh context, so a
			// cancelled run still undoes its work.
			if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil {
				err = errors.Join(err, fmt.Errorf("rollback: %w", rerr))
			}
		}
	}()
	if err = fn(&Tx{conn: conn, schema: s.schema}); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

// Exec runs a statement in the transaction.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.conn.ExecContext(ctx, query, args...)
}

// QueryRow runs a query returning one row in the transaction.
func (t *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.conn.QueryRowContext(ctx, query, args...)
}

// Query runs a query in the transaction.
func (t *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.conn.QueryContext(ctx, query, args...)
}

// Appender bulk-loads rows into one table within the transaction.
type Appender struct {
	a   *duckdb.Appender
	buf []driver.Value
}

// Append opens an appender on table for the given columns (all columns,
// in table order, when columns is nil). Close it before the transaction ends.
func (t *Tx) Append(table string, columns []string) (*Appender, error) {
	var app *duckdb.Appender
	err := t.conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		var err error
		if columns == nil {
			app, err = duckdb.NewAppender(c, "", t.schema, table)
		} else {
			app, err = duckdb.NewAppenderWithColumns(c, "", t.schema, table, columns)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("appender %s: %w", table, err)
	}
	return &Appender{a: app}, nil
}

// Row appends one row, its values in column order.
func (a *Appender) Row(values ...any) error {
	a.buf = a.buf[:0]
	for _, v := range values {
		a.buf = append(a.buf, v)
	}
	return a.a.AppendRow(a.buf...)
}

// Close flushes the rows and releases the appender.
func (a *Appender) Close() error { return a.a.Close() }
