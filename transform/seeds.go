package transform

import (
	"context"
	"sort"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// writeConfigTables writes the configuration as cfg_* tables, so that the
// models read parameters as data (dbt's seeds) instead of from Go strings.
func writeConfigTables(ctx context.Context, tx *store.Tx, cfg jinzai.Config) error {
	stmts := []string{
		`CREATE OR REPLACE TABLE cfg_grade (grade VARCHAR, grade_rank INTEGER, track VARCHAR, grade_class VARCHAR)`,
		`CREATE OR REPLACE TABLE cfg_employment (employment_type VARCHAR, code VARCHAR, is_regular BOOLEAN, in_headcount BOOLEAN)`,
		`CREATE OR REPLACE TABLE cfg_retirement_age (fiscal_year INTEGER, retirement_age INTEGER)`,
		`CREATE OR REPLACE TABLE cfg_param (name VARCHAR, value DOUBLE)`,
		`CREATE OR REPLACE TABLE cfg_hire_age (age INTEGER, share DOUBLE)`,
		`CREATE OR REPLACE TABLE cfg_target (kpi_code VARCHAR, target DOUBLE)`,
		`CREATE OR REPLACE TABLE cfg_competency (competency VARCHAR, grade VARCHAR, weight INTEGER)`,
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			return err
		}
	}
	load := func(table string, rows [][]any) error {
		a, err := tx.Append(table, nil)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := a.Row(r...); err != nil {
				a.Close()
				return err
			}
		}
		return a.Close()
	}
	var rows [][]any
	for _, g := range cfg.Grades {
		rows = append(rows, []any{g.Name, int32(g.Rank), g.Track, g.Class})
	}
	if err := load("cfg_grade", rows); err != nil {
		return err
	}
	rows = nil
	for _, e := range cfg.Employment {
		rows = append(rows, []any{e.Name, e.Code, e.Regular, e.Headcount})
	}
	if err := load("cfg_employment", rows); err != nil {
		return err
	}
	rows = nil
	for fy := 1950; fy <= 2100; fy++ {
		rows = append(rows, []any{int32(fy), int32(cfg.Retirement.AgeIn(fy))})
	}
	if err := load("cfg_retirement_age", rows); err != nil {
		return err
	}
	m := cfg.Metrics
	params := map[string]float64{
		"post_age_limit":         float64(cfg.Retirement.PostAgeLimit),
		"min_group_size":         float64(cfg.Survey.MinGroupSize),
		"successor_age_min":      float64(m.SuccessorAgeMin),
		"successor_age_max":      float64(m.SuccessorAgeMax),
		"risk_high_years":        float64(m.RiskHighYears),
		"risk_medium_years":      float64(m.RiskMediumYears),
		"small_family_max":       float64(m.SmallFamilyMax),
		"rotation_years":         float64(m.RotationYears),
		"rotation_workplaces":    float64(m.RotationWorkplaces),
		"posting_years_rotation": float64(m.PostingYearsRotation),
		"posting_years_after":    float64(m.PostingYearsAfter),
		"hire_fixed":             boolNum(m.HiringScenario == "fixed"),
		"hires_per_year":         float64(m.HiresPerYear),
		"hire_female_share":      m.HireFemaleShare,
	}
	rows = nil
	for _, k := range sortedKeys(params) {
		rows = append(rows, []any{k, params[k]})
	}
	if err := load("cfg_param", rows); err != nil {
		return err
	}
	rows = nil
	for _, h := range m.HireAges {
		rows = append(rows, []any{int32(h.Age), h.Share})
	}
	if err := load("cfg_hire_age", rows); err != nil {
		return err
	}
	rows = nil
	for _, k := range sortedKeys(m.Targets) {
		rows = append(rows, []any{k, m.Targets[k]})
	}
	if err := load("cfg_target", rows); err != nil {
		return err
	}
	rows = nil
	for _, c := range m.Competencies {
		rows = append(rows, []any{c.Competency, c.Grade, int32(c.Weight)})
	}
	return load("cfg_competency", rows)
}

func boolNum(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
