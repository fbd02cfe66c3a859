package transform

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/jinzai-hr/jinzai/store"
)

// DataTest is one check on the models' output: a query that returns the
// offending rows, empty when the test passes.
type DataTest struct {
	Name  string
	Query string
	// Model and Where are set for a row condition (not_null,
	// accepted_values, range): the offending rows are those of Model where
	// Where holds. Such tests on one model are counted in one scan.
	Model, Where string
}

// rowCondition is a generic test that flags rows of one model.
func rowCondition(name, model, where string) DataTest {
	return DataTest{Name: name, Model: model, Where: where,
		Query: fmt.Sprintf(`SELECT * FROM %s WHERE %s`, model, where)}
}

// genericTests is the shape of sql/tests/schema.toml: per model, dbt-style
// generic tests.
type genericTests map[string]struct {
	Unique         [][]string          `toml:"unique"`
	NotNull        []string            `toml:"not_null"`
	AcceptedValues map[string][]string `toml:"accepted_values"`
	Relationships  []struct {
		Column string `toml:"column"`
		To     string `toml:"to"`
		Field  string `toml:"field"`
	} `toml:"relationships"`
	// Range: column → [min, max], inclusive.
	Range map[string][2]float64 `toml:"range"`
}

// LoadTests reads the generic tests of every tests/*.toml and every
// singular test tests/*.sql.
func LoadTests(fsys fs.FS, dir string) ([]DataTest, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var tests []DataTest
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		g := genericTests{}
		if _, err := toml.Decode(string(b), &g); err != nil {
			return nil, fmt.Errorf("tests/%s: %w", e.Name(), err)
		}
		tests = append(tests, g.compile()...)
	}
	var singular []DataTest
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		singular = append(singular, DataTest{Name: strings.TrimSuffix(e.Name(), ".sql"), Query: strings.TrimRight(strings.TrimSpace(string(body)), ";")})
	}
	sort.Slice(singular, func(i, j int) bool { return singular[i].Name < singular[j].Name })
	return append(tests, singular...), nil
}

// compile turns the generic tests into queries.
func (g genericTests) compile() []DataTest {
	var tests []DataTest
	for _, model := range sortedKeys(g) {
		t := g[model]
		for _, cols := range t.Unique {
			c := strings.Join(cols, ", ")
			tests = append(tests, DataTest{
				Name:  fmt.Sprintf("unique %s(%s)", model, c),
				Query: fmt.Sprintf(`SELECT %s, count(*) AS n FROM %s GROUP BY ALL HAVING count(*) > 1`, c, model),
			})
		}
		for _, col := range t.NotNull {
			tests = append(tests, rowCondition(fmt.Sprintf("not_null %s.%s", model, col), model, col+" IS NULL"))
		}
		for _, col := range sortedKeys(t.AcceptedValues) {
			var quoted []string
			for _, v := range t.AcceptedValues[col] {
				quoted = append(quoted, "'"+strings.ReplaceAll(v, "'", "''")+"'")
			}
			tests = append(tests, rowCondition(fmt.Sprintf("accepted_values %s.%s", model, col), model,
				fmt.Sprintf(`%s IS NOT NULL AND %s NOT IN (%s)`, col, col, strings.Join(quoted, ", "))))
		}
		for _, r := range t.Relationships {
			tests = append(tests, DataTest{
				Name: fmt.Sprintf("relationships %s.%s → %s.%s", model, r.Column, r.To, r.Field),
				Query: fmt.Sprintf(`SELECT DISTINCT m.%s FROM %s AS m WHERE m.%s IS NOT NULL
					AND NOT EXISTS (SELECT 1 FROM %s AS t WHERE t.%s = m.%s)`, r.Column, model, r.Column, r.To, r.Field, r.Column),
			})
		}
		for _, col := range sortedKeys(t.Range) {
			lim := t.Range[col]
			tests = append(tests, rowCondition(fmt.Sprintf("range %s.%s in [%g, %g]", model, col, lim[0], lim[1]), model,
				fmt.Sprintf(`%s < %g OR %s > %g`, col, lim[0], col, lim[1])))
		}
	}
	return tests
}

// TestFailure is a data test that found offending rows.
type TestFailure struct {
	Name    string
	Count   int
	Columns []string
	Sample  [][]string
}

// FailedTestsError fails a transform whose data tests found problems.
type FailedTestsError struct{ Failures []TestFailure }

func (e *FailedTestsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "データテストが%d件失敗しました。マートは更新していません (%d data tests failed; the marts were left as they were)", len(e.Failures), len(e.Failures))
	for _, f := range e.Failures {
		fmt.Fprintf(&b, "\n  ✗ %s: %d行 (%d offending rows)\n    %s", f.Name, f.Count, f.Count, strings.Join(f.Columns, " | "))
		for _, r := range f.Sample {
			fmt.Fprintf(&b, "\n    %s", strings.Join(r, " | "))
		}
	}
	return b.String()
}

const sampleRows = 5

// runTest runs one data test and returns its failure, or nil when it passes.
func runTest(ctx context.Context, tx *store.Tx, t DataTest) (*TestFailure, error) {
	rows, err := tx.Query(ctx, t.Query)
	if err != nil {
		return nil, fmt.Errorf("data test %s: %w", t.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	f := &TestFailure{Name: t.Name, Columns: cols}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		f.Count++
		if f.Count > sampleRows {
			continue
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			rec[i] = fmt.Sprint(v)
			if v == nil {
				rec[i] = "NULL"
			}
		}
		f.Sample = append(f.Sample, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("data test %s: %w", t.Name, err)
	}
	if f.Count == 0 {
		return nil, nil
	}
	return f, nil
}

// runTests runs every data test and returns the failures. Row conditions
// on the same model share one scan that counts each condition; only a
// failing one is queried again for its sample rows.
func runTests(ctx context.Context, tx *store.Tx, tests []DataTest) ([]TestFailure, int, error) {
	var (
		failed  []TestFailure
		byModel = map[string][]DataTest{}
		models  []string
		ran     int
	)
	for _, t := range tests {
		if t.Where == "" {
			f, err := runTest(ctx, tx, t)
			if err != nil {
				return nil, ran, err
			}
			ran++
			if f != nil {
				failed = append(failed, *f)
			}
			continue
		}
		if _, ok := byModel[t.Model]; !ok {
			models = append(models, t.Model)
		}
		byModel[t.Model] = append(byModel[t.Model], t)
	}
	for _, m := range models {
		conds := byModel[m]
		counts := make([]string, len(conds))
		for i, t := range conds {
			counts[i] = fmt.Sprintf("count(*) FILTER (WHERE %s)", t.Where)
		}
		vals := make([]int64, len(conds))
		ptrs := make([]any, len(conds))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := tx.QueryRow(ctx, fmt.Sprintf("SELECT %s FROM %s", strings.Join(counts, ", "), m)).Scan(ptrs...); err != nil {
			return nil, ran, fmt.Errorf("data tests on %s: %w", m, err)
		}
		for i, t := range conds {
			ran++
			if vals[i] == 0 {
				continue
			}
			f, err := runTest(ctx, tx, t)
			if err != nil {
				return nil, ran, err
			}
			if f != nil {
				failed = append(failed, *f)
			}
		}
	}
	return failed, ran, nil
}
