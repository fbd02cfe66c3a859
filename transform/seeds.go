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
		`CREATE OR REPLACE TABLE cfg_general_family (job_family VARCHAR)`,
		`CREATE OR REPLACE TABLE cfg_stress_norm (sex VARCHAR, demand DOUBLE, control DOUBLE, supervisor DOUBLE, coworker DOUBLE,
			alpha DOUBLE, beta DOUBLE, gamma DOUBLE, delta DOUBLE, norm_set VARCHAR, source VARCHAR)`,
		`CREATE OR REPLACE TABLE cfg_stress_sex (gender VARCHAR, norm_sex VARCHAR)`,
		`CREATE OR REPLACE TABLE cfg_stress_risk_level (risk_level DOUBLE)`,
		`CREATE OR REPLACE TABLE cfg_bjsq_item (item_no INTEGER, scale_code VARCHAR, flip BOOLEAN)`,
		`CREATE OR REPLACE TABLE cfg_bjsq_scale (scale_code VARCHAR, scale_name VARCHAR, domain VARCHAR, scale_order INTEGER,
			items INTEGER, aggregation VARCHAR, higher_is_better BOOLEAN, version INTEGER, min_score DOUBLE, max_score DOUBLE)`,
		`CREATE OR REPLACE TABLE cfg_uwes9_item (item_no INTEGER, subscale VARCHAR, subscale_name VARCHAR)`,
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
		"stress_min_group_size":  float64(cfg.Survey.Stress.MinGroupSize),
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
	if err := load("cfg_competency", rows); err != nil {
		return err
	}
	rows = nil
	for _, f := range m.GeneralJobFamilies {
		rows = append(rows, []any{f})
	}
	if err := load("cfg_general_family", rows); err != nil {
		return err
	}
	return writeStressTables(load, cfg.Survey.Stress)
}

// writeStressTables writes the stress-check configuration and the scoring
// keys of the standard instruments (jinzai.BJSQScales, UWES9Subscales).
func writeStressTables(load func(string, [][]any) error, sc jinzai.StressConfig) error {
	n := sc.Norms
	var rows [][]any
	for _, r := range []struct {
		sex string
		v   jinzai.StressNorm
	}{{"男性", n.Male}, {"女性", n.Female}} {
		rows = append(rows, []any{r.sex, r.v.Demand, r.v.Control, r.v.Supervisor, r.v.Coworker,
			r.v.Alpha, r.v.Beta, r.v.Gamma, r.v.Delta, n.Name, n.Source})
	}
	if err := load("cfg_stress_norm", rows); err != nil {
		return err
	}
	// Respondent gender → the sex whose norms judge them; '*' stands for
	// every other value (その他, 未回答) and is absent when they are excluded.
	rows = [][]any{{"男性", "男性"}, {"女性", "女性"}}
	switch sc.UnknownSex {
	case "male":
		rows = append(rows, []any{"*", "男性"})
	case "female":
		rows = append(rows, []any{"*", "女性"})
	}
	if err := load("cfg_stress_sex", rows); err != nil {
		return err
	}
	rows = nil
	for _, r := range sc.RiskLevels {
		rows = append(rows, []any{r})
	}
	if err := load("cfg_stress_risk_level", rows); err != nil {
		return err
	}
	flip := map[int]bool{}
	for _, it := range jinzai.BJSQItems {
		flip[it.No] = it.Flip
	}
	rows = nil
	var scales [][]any
	for i, s := range jinzai.BJSQScales {
		agg, lo, hi := "sum", float64(len(s.Items)), float64(4*len(s.Items))
		if s.Mean {
			agg, lo, hi = "mean", 1, 4
		}
		scales = append(scales, []any{s.Code, s.Name, s.Domain, int32(i + 1), int32(len(s.Items)), agg, s.HigherIsBetter, int32(s.Version), lo, hi})
		for _, no := range s.Items {
			rows = append(rows, []any{int32(no), s.Code, flip[no]})
		}
	}
	if err := load("cfg_bjsq_item", rows); err != nil {
		return err
	}
	if err := load("cfg_bjsq_scale", scales); err != nil {
		return err
	}
	rows = nil
	for _, s := range jinzai.UWES9Subscales {
		for _, no := range s.Items {
			rows = append(rows, []any{int32(no), s.Code, s.Name})
		}
	}
	return load("cfg_uwes9_item", rows)
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
