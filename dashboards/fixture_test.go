package dashboards

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/jinzai-hr/jinzai/store"
)

// Test data: provisional marts with a few rows, built in an in-memory
// store. The department names carry an XSS payload and a spreadsheet
// formula; 保健福祉部 is a small department whose survey results are
// suppressed (its rows keep a canary score, 12.345, that must never show).
const (
	xssName     = `</script><script>alert(1)</script>`
	formulaName = `=1+1 土木部`
	smallDept   = "保健福祉部"
	canary      = "12.345"
)

// fixtureBase holds the dimensions the marts are generated from.
var fixtureBase = []string{
	`CREATE TABLE dept AS SELECT * FROM (VALUES
		('D01', '総務部', 0), ('D02', '` + xssName + `', 1), ('D03', '` + smallDept + `', 2), ('D04', '` + formulaName + `', 3)
	) t(dept_code, dept_name, k)`,
	`CREATE TABLE band AS SELECT * FROM (VALUES
		('–24', 1), ('25–29', 2), ('30–34', 3), ('35–39', 4), ('40–44', 5), ('45–49', 6), ('50–54', 7), ('55–59', 8), ('60–64', 9), ('65–', 10)
	) t(age_band, age_band_order)`,
	`CREATE TABLE sex AS SELECT * FROM (VALUES ('男性', 1), ('女性', 2)) t(gender, g)`,
	`CREATE TABLE grades AS SELECT * FROM (VALUES ('部長', 1), ('課長', 2), ('係長', 4), ('主任', 5), ('主事', 6)) t(grade, grade_rank)`,
	`CREATE TABLE cats AS SELECT * FROM (VALUES ('挑戦意識', 1), ('仕事の負荷', 2), ('職員育成', 3), ('ワークライフバランス', 4)) t(measure, m)`,
	`CREATE TABLE fy AS SELECT * FROM (VALUES (2023), (2024)) t(fy)`,
	`CREATE TABLE surveys AS SELECT * FROM (VALUES ('S2023', DATE '2023-10-01', 2023), ('S2024', DATE '2024-10-01', 2024)) s(survey_code, survey_date, fiscal_year)`,
}

// demoMartSQL builds the provisional marts from the fixtureBase tables.
var demoMartSQL = []string{

	`CREATE TABLE mart_age_pyramid AS
	WITH groups AS (
		SELECT '全体' AS dimension, '全体' AS group_code, '全体' AS group_name, 10 AS scale
		UNION ALL SELECT '部', dept_code, dept_name, 1 + k FROM dept
	)
	SELECT make_date(fy, 4, 1) AS snapshot_date, fy AS fiscal_year, dimension, group_code, group_name,
	       age_band, age_band_order, gender,
	       CAST(scale * (3 + (age_band_order * 7 + g * 3 + fy) % 11) AS INTEGER) AS headcount
	FROM groups, band, sex, fy
	WHERE NOT (dimension = '部' AND group_code = 'D04' AND age_band_order = 1)`,

	`CREATE TABLE mart_age_summary AS
	WITH groups AS (
		SELECT '全体' AS dimension, '全体' AS group_code, '全体' AS group_name, 0 AS k
		UNION ALL SELECT '部', dept_code, dept_name, k FROM dept
		UNION ALL SELECT '職種', family, family, k FROM (VALUES ('行政', 0), ('土木', 1), ('保健師', 2), ('保育士', 3)) f(family, k)
	)
	SELECT make_date(fy, 4, 1) AS snapshot_date, fy AS fiscal_year, dimension, group_code, group_name,
	       CASE WHEN dimension = '全体' THEN 1200 + (fy - 2023) * 15 ELSE 80 + 40 * (k % 5) END AS headcount,
	       41.5 + k * 1.3 + (fy - 2023) * 0.2 AS average_age,
	       42.0 + k AS median_age,
	       28.0 + k * 3.1 AS share_51_plus,
	       45.0 - k * 2.2 AS share_35_or_under,
	       CASE WHEN fy > (SELECT min(fy) FROM fy) THEN 5 - 4 * k END AS headcount_change,
	       CASE WHEN fy > (SELECT min(fy) FROM fy) THEN 0.2 END AS average_age_change,
	       CASE WHEN fy > (SELECT min(fy) FROM fy) THEN -0.4 + k * 0.3 END AS share_51_plus_change
	FROM groups, fy`,

	`CREATE TABLE mart_retirement_projection AS
	SELECT fy AS fiscal_year, dept_code, dept_name, grade, grade_rank, '行政' AS job_family,
	       CASE WHEN fy IN (2025, 2027, 2029, 2031) THEN 0 ELSE 1 + (k + grade_rank + fy) % 4 END AS retirements,
	       CASE WHEN grade_rank <= 2 THEN (k + fy) % 2 ELSE 0 END AS post_exits
	FROM dept, grades, range(2025, 2035) r(fy)`,

	`CREATE TABLE mart_projected_pyramid AS
	SELECT fy AS fiscal_year, age_band, age_band_order, gender,
	       20.4 + (age_band_order * 5 + g * 7 + fy) % 30 AS headcount, 'keep_headcount' AS scenario
	FROM band, sex, (VALUES (2025), (2030), (2034)) y(fy)`,

	`CREATE TABLE mart_succession_risk AS
	SELECT dept_code, dept_name, grade, grade_rank, 2 + k AS posts, k % 3 AS posts_high, 1 AS posts_medium, 1 AS posts_low
	FROM dept, grades WHERE grade_rank <= 2`,

	`CREATE TABLE mart_knowledge_transfer AS SELECT * FROM (VALUES
		('保健師', 18, 38.9, 4, true, '高'), ('土木', 64, 31.3, 20, false, '中'), ('行政', 800, 27.0, 300, false, '低')
	) t(job_family, headcount, share_55_plus, under_40, is_small, risk_level)`,

	`CREATE TABLE mart_engagement_score AS
	WITH org AS (
		SELECT survey_code, survey_date, fiscal_year, '全体' AS dimension, '全体' AS group_value, false AS is_unanswered,
		       'category' AS measure_kind, measure, 600 AS respondents, 60.0 + m + (fiscal_year - 2023) * 1.5 AS score,
		       55.0 + m * 2 AS favourable_share, false AS suppressed,
		       CASE WHEN fiscal_year = 2024 THEN m - 2.5 END AS change_since_previous
		FROM surveys, cats
		UNION ALL
		SELECT survey_code, survey_date, fiscal_year, '全体', '全体', false, 'index', 'エンゲージメント指数', 600,
		       62.0 + (fiscal_year - 2023) * 1.2, 58.0, false, CASE WHEN fiscal_year = 2024 THEN 1.2 END
		FROM surveys
	),
	dep AS (
		SELECT survey_code, survey_date, fiscal_year, '部' AS dimension, dept_name AS group_value, false AS is_unanswered,
		       'category' AS measure_kind, measure,
		       CASE WHEN dept_name = '` + smallDept + `' THEN 3 ELSE 20 + k * 5 END AS respondents,
		       CASE WHEN dept_name = '` + smallDept + `' THEN ` + canary + ` ELSE 50.0 + k * 4 + m * 2 END AS score,
		       CASE WHEN dept_name = '` + smallDept + `' THEN ` + canary + ` ELSE 50.0 + m END AS favourable_share,
		       dept_name = '` + smallDept + `' AS suppressed,
		       NULL::DOUBLE AS change_since_previous
		FROM surveys, dept, cats
	)
	SELECT * FROM org UNION ALL SELECT * FROM dep`,

	`CREATE TABLE mart_response_rate AS
	SELECT survey_code, survey_date, fiscal_year, '部' AS dimension,
	       dept_name AS group_value, false AS is_unanswered, 30 + k * 6 AS headcount,
	       CASE WHEN dept_name = '` + smallDept + `' THEN 3 ELSE 20 + k * 5 END AS respondents,
	       CASE WHEN dept_name = '` + smallDept + `' THEN ` + canary + ` ELSE 100.0 * (20 + k * 5) / (30 + k * 6) END AS response_rate,
	       dept_name = '` + smallDept + `' AS suppressed
	FROM dept, (SELECT * FROM surveys ORDER BY survey_date DESC LIMIT 1)`,

	`CREATE TABLE mart_key_drivers AS
	SELECT survey_code, measure AS category, 0.2 + m * 0.1 AS correlation, 60.0 - m * 3 AS score,
	       -1.5 + m AS gap_to_average, m AS rank, m >= 3 AS priority,
	       CASE WHEN m >= 3 THEN '重点改善' ELSE '維持' END AS quadrant, false AS suppressed
	FROM cats, (SELECT * FROM surveys ORDER BY survey_date DESC LIMIT 1)`,

	// Totals rows carry '全体'; 部長 of the small department is suppressed.
	`CREATE TABLE mart_training_completion AS
	WITH cell AS (
		SELECT (SELECT max(fy) FROM fy) AS fiscal_year, dept_code, dept_name, grade, grade_rank, 10 + k AS required,
		       8 + k - grade_rank % 3 AS completed, grade_rank % 3 AS overdue
		FROM dept, grades
	),
	totals AS (
		SELECT * FROM cell
		UNION ALL SELECT fiscal_year, '全体', '全体', grade, grade_rank, sum(required), sum(completed), sum(overdue) FROM cell GROUP BY ALL
		UNION ALL SELECT fiscal_year, dept_code, dept_name, '全体', 99, sum(required), sum(completed), sum(overdue) FROM cell GROUP BY ALL
	)
	SELECT fiscal_year, dept_code, dept_name, grade, grade_rank, required,
	       CASE WHEN dept_code = 'D03' AND grade = '部長' THEN 1 ELSE completed END AS completed, overdue,
	       CASE WHEN dept_code = 'D03' AND grade = '部長' THEN ` + canary + ` ELSE round(100.0 * completed / required, 1) END AS completion_rate,
	       dept_code = 'D03' AND grade = '部長' AS suppressed
	FROM totals`,

	`CREATE TABLE mart_competency_coverage AS
	SELECT grade, grade_rank, competency, CASE WHEN grade_rank <= 2 THEN 2 ELSE 1 END AS required_weight,
	       CASE WHEN grade_rank <= 2 THEN '◎' ELSE '〇' END AS required_mark, 10 * grade_rank AS staff,
	       round(50 + (grade_rank * 13 + c * 7) % 50, 1) AS coverage, false AS suppressed
	FROM grades, (VALUES ('政策決定能力', 1), ('危機管理能力', 2), ('指導育成能力', 3), ('専門能力', 4)) t(competency, c)`,

	`CREATE TABLE mart_rotation_gap AS
	SELECT dept_code, dept_name, 40 + k * 10 AS staff, 3 + k AS workplace_gap, 5 - k AS long_posting, k AS no_front_line,
	       round(90.0 - k * 4, 1) AS rotation_coverage
	FROM dept
	UNION ALL SELECT '全体', '全体', 260, 18, 14, 6, 84.0`,

	`CREATE TABLE mart_kpi AS
	SELECT fy AS fiscal_year, kpi_code, kpi_order, kpi_name, unit, value + (fy - 2023) * step AS value, target,
	       CASE WHEN value + (fy - 2023) * step >= target THEN '達成' ELSE '未達' END AS status
	FROM (VALUES
		('engagement_index', 1, 'エンゲージメント指数', '点', 62.0, 1.2, 65.0),
		('mandatory_training_completion', 2, '必須研修の修了率', '%', 91.0, 2.5, 95.0),
		('women_in_management', 3, '女性管理職の割合', '%', 18.0, 1.0, 30.0),
		('training_hours_per_head', 4, '一人当たり研修時間', '時間', 13.0, -1.5, 12.0)
	) k(kpi_code, kpi_order, kpi_name, unit, value, step, target), fy`,

	// Stress checks SC2023 and SC2024: the small department is suppressed
	// (its rows keep the canary); the other groups carry made-up scale
	// means and risks.
	`CREATE TABLE mart_stress_group AS
	WITH sv AS (
		SELECT * FROM (VALUES ('SC2023', DATE '2023-11-01', 2023, NULL), ('SC2024', DATE '2024-11-01', 2024, 'SC2023'))
		t(survey_code, survey_date, fiscal_year, previous_survey_code)
	),
	grp AS (
		SELECT '全体' AS dimension, '全体' AS group_value, 0 AS k, false AS small
		UNION ALL SELECT '部', dept_name, k, dept_name = '` + smallDept + `' FROM dept
		UNION ALL SELECT '職層', grade, grade_rank, false FROM grades
		UNION ALL SELECT '年代', band, i, false FROM (VALUES ('20代', 1), ('30代', 2), ('40代', 3), ('50代', 4)) b(band, i)
	),
	val AS (
		SELECT sv.*, grp.*, 95.0 + k * 6 + (fiscal_year - 2023) * 3 AS a, 98.0 + k * 4 AS b FROM sv, grp
	)
	SELECT survey_code, survey_date, fiscal_year, dimension, group_value, false AS is_unanswered,
	       CASE WHEN small THEN 3 ELSE 20 + k * 7 END AS respondents,
	       CASE WHEN small THEN ` + canary + ` ELSE 8.0 + k * 0.4 + (fiscal_year - 2023) * 0.2 END AS demand,
	       CASE WHEN small THEN ` + canary + ` ELSE 8.2 - k * 0.3 END AS control,
	       CASE WHEN small THEN ` + canary + ` ELSE 7.8 - k * 0.25 END AS supervisor_support,
	       CASE WHEN small THEN ` + canary + ` ELSE 8.3 - k * 0.1 END AS coworker_support,
	       CASE WHEN small THEN ` + canary + ` ELSE a END AS risk_a,
	       CASE WHEN small THEN ` + canary + ` ELSE b END AS risk_b,
	       CASE WHEN small THEN ` + canary + ` ELSE a * b / 100 END AS total_risk,
	       small AS suppressed, previous_survey_code,
	       CASE WHEN small THEN ` + canary + ` WHEN fiscal_year = 2023 THEN NULL ELSE 3.0 - k END AS change_since_previous,
	       'todai_technote_bjsq' AS norm_set
	FROM val`,

	`CREATE TABLE mart_stress_scale AS
	SELECT survey_code, survey_date, fiscal_year, '全体' AS dimension, '全体' AS group_value, false AS is_unanswered,
	       scale_code, scale_name, domain, scale_order, aggregation, higher_is_better, version, min_score, max_score,
	       200 AS respondents, mean, false AS suppressed
	FROM (SELECT DISTINCT survey_code, survey_date, fiscal_year FROM mart_stress_group), (VALUES
		('quantitative_demand', '心理的な仕事の負担（量）', '仕事のストレス要因', 1, 'sum', false, 57, 3.0, 12.0, 8.8),
		('job_control', '仕事のコントロール度', '仕事のストレス要因', 6, 'sum', true, 57, 3.0, 12.0, 7.6),
		('work_engagement', 'ワーク・エンゲイジメント', 'アウトカム', 41, 'mean', true, 80, 1.0, 4.0, 2.45)
	) t(scale_code, scale_name, domain, scale_order, aggregation, higher_is_better, version, min_score, max_score, mean)`,

	`CREATE TABLE mart_engagement_standard AS
	SELECT survey_code, survey_date, fiscal_year, dimension, group_value, is_unanswered, 'BJSQ' AS instrument,
	       'ワーク・エンゲイジメント（BJSQ）' AS measure, 6 AS measure_order, 1 AS scale_min, 4 AS scale_max, respondents,
	       CASE WHEN suppressed THEN ` + canary + ` ELSE 2.3 + length(group_value) * 0.01 END AS score,
	       NULL::DOUBLE AS promoters_share, NULL::DOUBLE AS detractors_share, suppressed, previous_survey_code,
	       CASE WHEN suppressed THEN ` + canary + ` END AS change_since_previous
	FROM mart_stress_group WHERE dimension IN ('全体', '部')`,

	`CREATE TABLE cfg_stress_norm AS SELECT * FROM (VALUES
		('男性', 8.7, 7.9, 7.5, 8.1, 0.076, -0.089, -0.097, -0.097, 'todai_technote_bjsq', 'テクニカルノート'),
		('女性', 7.9, 7.2, 6.6, 8.2, 0.048, -0.056, -0.097, -0.097, 'todai_technote_bjsq', 'テクニカルノート')
	) t(sex, demand, control, supervisor, coworker, alpha, beta, gamma, delta, norm_set, source)`,

	`CREATE TABLE mart_stress_reference_line AS
	WITH pts AS (
		SELECT n.sex, r.risk_level, g.i AS point_order, 'A' AS chart, n.demand + g.i * 0.25 - 2.5 AS x,
		       n.control + (ln(r.risk_level / 100) - n.alpha * (g.i * 0.25 - 2.5)) / n.beta AS y, n.control AS m
		FROM cfg_stress_norm n, (VALUES (80.0), (100.0), (120.0), (140.0)) r(risk_level), range(0, 21) g(i)
		UNION ALL
		SELECT n.sex, r.risk_level, g.i, 'B', n.supervisor + g.i * 0.25 - 2.5,
		       n.coworker + (ln(r.risk_level / 100) - n.gamma * (g.i * 0.25 - 2.5)) / n.delta, n.coworker
		FROM cfg_stress_norm n, (VALUES (80.0), (100.0), (120.0), (140.0)) r(risk_level), range(0, 21) g(i)
	)
	SELECT chart, sex, risk_level, 'リスク' || CAST(CAST(risk_level AS INTEGER) AS VARCHAR) AS line, point_order, x, y
	FROM pts WHERE y BETWEEN m - 2.5 AND m + 2.5`,

	`CREATE TABLE mart_data_sources AS SELECT * FROM (VALUES
		('roster', 1, '職員名簿', '2024-04-01', 3, 'roster_2024.csv', 1215, 1215, TIMESTAMP '2024-05-01 09:30:00', DATE '2024-04-01', DATE '2024-04-01'),
		('survey', 6, '職員意識調査', 'S2024', 5, 'survey_2024.xlsx', 610, 610, TIMESTAMP '2024-11-02 14:00:00', DATE '2024-10-01', DATE '2024-10-01')
	) t(kind, kind_order, kind_name, scope, batch_id, file_name, rows_loaded, rows_in_use, finished_at, data_date, kind_as_of)`,
}

// demoDB opens an in-memory store with the provisional marts.
func demoDB(t testing.TB) *sql.DB {
	t.Helper()
	return martDB(t, fixtureBase)
}

// martDB builds the marts from the given base tables (see fixtureBase).
func martDB(t testing.TB, base []string) *sql.DB {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, q := range append(append([]string{}, base...), demoMartSQL...) {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	return s.DB()
}

// fakeRuntime is a stand-in for echarts.min.js in tests that do not open
// a browser.
func fakeRuntime(t testing.TB) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "echarts.min.js")
	if err := os.WriteFile(p, []byte("/* not echarts */"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
