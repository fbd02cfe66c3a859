// Package transform runs the SQL models of sql/models in dependency order
// (staging → intermediate → marts), then the data tests, in one
// transaction: a failing model or test leaves the previous marts in place.
package transform

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Model is one .sql file of sql/models: a SELECT whose result becomes a
// table (or, for staging, a view) named after the file.
type Model struct {
	Name  string
	Layer string // stg, int, mart or hr
	SQL   string
	Grain string // from the file's "-- grain:" line
	// Materialized is "view" or "table": a "-- materialized:" line, else
	// view for staging and table for the rest.
	Materialized string
	Deps         []string
}

// Materialization is the SQL keyword of the model's materialization.
func (m Model) Materialization() string {
	if m.Materialized == "view" {
		return "VIEW"
	}
	return "TABLE"
}

var layers = map[string]bool{"stg": true, "int": true, "mart": true, "hr": true}

var modelRef = regexp.MustCompile(`\b(?:stg|int|mart|hr)_[a-z0-9_]+\b`)

// LoadModels reads every model under dir of fsys and orders them so that
// each comes after the models it reads. The dependencies are found in the
// SQL itself: any word that is the name of another model.
func LoadModels(fsys fs.FS, dir string) ([]Model, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	byName := map[string]*Model{}
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		name := strings.TrimSuffix(e.Name(), ".sql")
		layer, _, _ := strings.Cut(name, "_")
		if !layers[layer] {
			return nil, fmt.Errorf("model %s: the name must start with stg_, int_, mart_ or hr_", e.Name())
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		m := &Model{Name: name, Layer: layer, SQL: strings.TrimRight(strings.TrimSpace(string(body)), ";"), Materialized: "table"}
		if layer == "stg" {
			m.Materialized = "view"
		}
		for _, line := range strings.Split(m.SQL, "\n") {
			line = strings.TrimSpace(line)
			if g, ok := strings.CutPrefix(line, "-- grain:"); ok {
				m.Grain = strings.TrimSpace(g)
			}
			if v, ok := strings.CutPrefix(line, "-- materialized:"); ok {
				m.Materialized = strings.TrimSpace(v)
				if m.Materialized != "view" && m.Materialized != "table" {
					return nil, fmt.Errorf("model %s: materialized must be view or table, not %q", e.Name(), m.Materialized)
				}
			}
		}
		byName[name] = m
		names = append(names, name)
	}
	sort.Strings(names)
	for _, n := range names {
		m := byName[n]
		seen := map[string]bool{}
		for _, ref := range modelRef.FindAllString(stripComments(m.SQL), -1) {
			if _, ok := byName[ref]; ok && ref != n && !seen[ref] {
				seen[ref] = true
				m.Deps = append(m.Deps, ref)
			}
		}
		sort.Strings(m.Deps)
	}
	// Depth-first topological order, stable by name.
	var order []Model
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n string, trail []string) error
	visit = func(n string, trail []string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("models depend on each other in a cycle: %s", strings.Join(append(trail, n), " → "))
		case 2:
			return nil
		}
		state[n] = 1
		for _, d := range byName[n].Deps {
			if err := visit(d, append(trail, n)); err != nil {
				return err
			}
		}
		state[n] = 2
		order = append(order, *byName[n])
		return nil
	}
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}

var lineComment = regexp.MustCompile(`--[^\n]*`)

func stripComments(sql string) string { return lineComment.ReplaceAllString(sql, "") }
