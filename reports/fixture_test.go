package reports

import (
	"context"
	"database/sql"
	"testing"

	"github.com/jinzai-hr/jinzai/store"
)

// The fixture's organisation. Its people appear only in the roster and the
// hr_ tables; a management workbook or export must not contain any of them.
const (
	fixtureOrg = "テスト市"
	// injectionDept is a department name that a spreadsheet would run as a
	// formula if it were written as one.
	injectionDept = `=HYPERLINK("http://example.invalid","x")`
)

var (
	fixtureEmployeeIDs = []string{"E90001", "E90002", "E90003"}
	fixtureNames       = []string{"山田 太郎", "佐藤 花子", "鈴木 一郎", "旧姓 太郎"}
)

// openFixture returns a store holding a small set of marts.
//
// The marts are created by hand (the store's canonical tables are left
// empty apart from the roster, whose names the HR sheets join), because
// the mart models are still being written. Once the transform is stable,
// switch this one function to inserting a fixture into the canonical tables
// (sql/migrations/001_store.sql) and running
// transform.Run(ctx, st, jinzai.DefaultConfig()); the tests read the marts
// only through the names and columns used below.
func openFixture(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, q := range fixtureSQL {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("fixture: %v\n%s", err, q)
		}
	}
	return st
}

// dept is the SQL literal of the injection department's name.
const dept = `'=HYPERLINK("http://example.invalid","x")'`

var fixtureSQL = []string{
	// canonical roster: names come from the latest snapshot (E90001 changed
	// name between the snapshots)
	`INSERT INTO roster (batch_id, snapshot_date, employee_id, name, birth_date, gender, hire_date, dept_code, dept_name,
	    grade, grade_reported, job_family, employment_type, source_row) VALUES
	 (1, DATE '2025-04-01', 'E90001', '旧姓 太郎', DATE '1966-05-01', '男性', DATE '1990-04-01', '010', '総務部', '課長', '課長', '一般事務', '常勤', 1),
	 (2, DATE '2026-04-01', 'E90001', '山田 太郎', DATE '1966-05-01', '男性', DATE '1990-04-01', '010', '総務部', '課長', '課長', '一般事務', '常勤', 1),
	 (2, DATE '2026-04-01', 'E90002', '佐藤 花子', DATE '1980-07-01', '女性', DATE '2003-04-01', '020', ` + dept + `, '係長', '係長', '一般事務', '常勤', 2),
	 (2, DATE '2026-04-01', 'E90003', '鈴木 一郎', DATE '1998-01-10', '男性', DATE '2020-04-01', '030', '福祉部', '主事', '主事', '福祉', '常勤', 3)`,

	`CREATE TABLE mart_data_sources (kind VARCHAR, kind_order INTEGER, kind_name VARCHAR, scope VARCHAR, batch_id BIGINT,
	    file_name VARCHAR, rows_loaded INTEGER, rows_rejected INTEGER, rows_in_use BIGINT, finished_at TIMESTAMP,
	    data_date DATE, kind_as_of DATE)`,
	`INSERT INTO mart_data_sources VALUES
	 ('roster', 1, '職員名簿', '2025-04-01', 1, 'roster_20250401.csv', 1, 0, 1, TIMESTAMP '2026-04-10 09:00:00', DATE '2025-04-01', DATE '2026-04-01'),
	 ('roster', 1, '職員名簿', '2026-04-01', 2, 'roster_20260401.csv', 3, 1, 3, TIMESTAMP '2026-04-10 09:01:00', DATE '2026-04-01', DATE '2026-04-01'),
	 ('survey', 6, '職員意識調査', 'S2026', 3, '-survey 2026.csv', 40, 0, 40, TIMESTAMP '2026-08-01 10:00:00', DATE '2026-07-24', DATE '2026-07-24')`,

	`CREATE TABLE mart_kpi (fiscal_year BIGINT, kpi_code VARCHAR, kpi_order INTEGER, kpi_name VARCHAR, unit VARCHAR,
	    value DOUBLE, target DOUBLE, status VARCHAR, direction VARCHAR, base BIGINT)`,
	`INSERT INTO mart_kpi VALUES
	 (2025, 'mandatory_training_completion', 1, '必修研修修了率', '%', 96.2, 95, '達成', 'higher_is_better', 300),
	 (2026, 'mandatory_training_completion', 1, '必修研修修了率', '%', 91.5, 95, '未達', 'higher_is_better', 310),
	 (2025, 'advanced_digital', 7, '高度専門人材数', '人', 2, NULL, '目標なし', 'higher_is_better', 120),
	 (2026, 'advanced_digital', 7, '高度専門人材数', '人', 3, NULL, '目標なし', 'higher_is_better', 121),
	 (2025, 'engagement_index', 8, 'エンゲージメント指数', '点', NULL, 65, 'データなし', 'higher_is_better', 0),
	 (2026, 'engagement_index', 8, 'エンゲージメント指数', '点', 66.2, 65, '達成', 'higher_is_better', 40)`,

	`CREATE TABLE mart_age_pyramid (snapshot_date DATE, fiscal_year BIGINT, dimension VARCHAR, group_code VARCHAR,
	    group_name VARCHAR, age_band VARCHAR, age_band_order INTEGER, gender VARCHAR, headcount BIGINT, headcount_change BIGINT)`,
	`INSERT INTO mart_age_pyramid VALUES
	 (DATE '2026-04-01', 2026, '全体', '全体', '全体', '25〜29', 2, '男性', 12, 1),
	 (DATE '2026-04-01', 2026, '全体', '全体', '全体', '25〜29', 2, '女性', 14, 2),
	 (DATE '2026-04-01', 2026, '全体', '全体', '全体', '40〜44', 5, '男性', 9, -1),
	 (DATE '2026-04-01', 2026, '全体', '全体', '全体', '40〜44', 5, '女性', 7, 0),
	 (DATE '2026-04-01', 2026, '全体', '全体', '全体', '60〜64', 9, '男性', 5, 0),
	 (DATE '2026-04-01', 2026, '全体', '全体', '全体', '60〜64', 9, '女性', 3, 1),
	 (DATE '2025-04-01', 2025, '全体', '全体', '全体', '25〜29', 2, '男性', 11, NULL)`,

	`CREATE TABLE mart_age_summary (snapshot_date DATE, fiscal_year BIGINT, dimension VARCHAR, group_code VARCHAR,
	    group_name VARCHAR, headcount BIGINT, average_age DOUBLE, median_age DOUBLE, share_51_plus DOUBLE,
	    share_35_or_under DOUBLE, previous_snapshot_date DATE, headcount_change BIGINT, average_age_change DOUBLE,
	    median_age_change DOUBLE, share_51_plus_change DOUBLE, share_35_or_under_change DOUBLE)`,
	`INSERT INTO mart_age_summary VALUES
	 (DATE '2026-04-01', 2026, '全体', '全体', '全体', 50, 41.26, 40, 16, 52, DATE '2025-04-01', 3, 0.4, 0, 1, -2),
	 (DATE '2026-04-01', 2026, '部', '010', '総務部', 20, 44.5, 45, 25, 40, DATE '2025-04-01', 1, 0.2, 0, 0, 0),
	 (DATE '2026-04-01', 2026, '部', '020', ` + dept + `, 18, 39.0, 38, 11.1, 61.1, DATE '2025-04-01', 2, -0.5, 0, 0, 0),
	 (DATE '2026-04-01', 2026, '部', '030', '福祉部', 12, 39.4, 37, 8.3, 58.3, DATE '2025-04-01', 0, 1.0, 1, 0, 0),
	 (DATE '2026-04-01', 2026, '職種', '一般事務', '一般事務', 38, 42.0, 41, 18.4, 50, DATE '2025-04-01', 3, 0.1, 0, 0, 0),
	 (DATE '2025-04-01', 2025, '全体', '全体', '全体', 47, 40.86, 40, 15, 54, NULL, NULL, NULL, NULL, NULL, NULL)`,

	`CREATE TABLE mart_retirement_projection (fiscal_year BIGINT, dept_code VARCHAR, dept_name VARCHAR, grade VARCHAR,
	    grade_rank INTEGER, job_family VARCHAR, regular_headcount BIGINT, retirements BIGINT, post_exits BIGINT)`,
	`INSERT INTO mart_retirement_projection
	 SELECT fy, '010', '総務部', '課長', 2, '一般事務', 3, CASE WHEN fy % 2 = 0 THEN 1 ELSE 0 END, CASE WHEN fy = 2026 THEN 1 ELSE 0 END
	 FROM range(2026, 2036) AS r(fy)`,
	`INSERT INTO mart_retirement_projection
	 SELECT fy, '020', ` + dept + `, '係長', 4, '一般事務', 5, CASE WHEN fy IN (2028, 2030) THEN 2 ELSE 0 END, 0
	 FROM range(2026, 2036) AS r(fy)`,

	`CREATE TABLE mart_projected_pyramid (fiscal_year BIGINT, age_band VARCHAR, age_band_order INTEGER, gender VARCHAR,
	    headcount DOUBLE, scenario VARCHAR)`,
	`INSERT INTO mart_projected_pyramid
	 SELECT fy, '40〜44', 5, g, 25.25, 'keep_headcount' FROM range(2026, 2036) AS r(fy), (VALUES ('男性'), ('女性')) AS x(g)`,

	`CREATE TABLE mart_succession_risk (snapshot_date DATE, fiscal_year BIGINT, dept_code VARCHAR, dept_name VARCHAR,
	    grade VARCHAR, grade_rank INTEGER, grade_class VARCHAR, posts BIGINT, posts_high BIGINT, posts_medium BIGINT,
	    posts_low BIGINT, posts_leaving_3y BIGINT, posts_without_successor BIGINT)`,
	`INSERT INTO mart_succession_risk VALUES
	 (DATE '2026-04-01', 2026, '010', '総務部', '課長', 2, 'management', 3, 1, 1, 1, 2, 1),
	 (DATE '2026-04-01', 2026, '010', '総務部', '係長', 4, 'supervisory', 4, 0, 1, 3, 1, 0),
	 (DATE '2026-04-01', 2026, '020', ` + dept + `, '係長', 4, 'supervisory', 2, 0, 0, 2, 0, 0)`,

	`CREATE TABLE mart_knowledge_transfer (snapshot_date DATE, fiscal_year BIGINT, job_family VARCHAR, headcount BIGINT,
	    average_age DOUBLE, aged_55_plus BIGINT, share_55_plus DOUBLE, under_40 BIGINT, is_small BOOLEAN, risk_level VARCHAR)`,
	`INSERT INTO mart_knowledge_transfer VALUES
	 (DATE '2026-04-01', 2026, '一般事務', 38, 42.0, 6, 15.8, 18, false, '低'),
	 (DATE '2026-04-01', 2026, '化学', 2, 57.5, 2, 100, 0, true, '高')`,

	`CREATE TABLE mart_engagement_score (survey_code VARCHAR, survey_date DATE, fiscal_year BIGINT, dimension VARCHAR,
	    group_value VARCHAR, is_unanswered BOOLEAN, measure_kind VARCHAR, measure VARCHAR, respondents BIGINT, score DOUBLE,
	    favourable_share DOUBLE, suppressed BOOLEAN, previous_survey_code VARCHAR, change_since_previous DOUBLE,
	    favourable_share_change DOUBLE)`,
	`INSERT INTO mart_engagement_score VALUES
	 ('S2025', DATE '2025-07-25', 2025, '全体', '全体', false, 'index', 'エンゲージメント指数', 38, 64.0, 55.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '全体', '全体', false, 'index', 'エンゲージメント指数', 40, 66.25, 58.0, false, 'S2025', 2.25, 3.0),
	 ('S2026', DATE '2026-07-24', 2026, '全体', '全体', false, 'category', '挑戦意識', 40, 61.0, 50.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '全体', '全体', false, 'category', '仕事の負荷', 40, 48.5, 35.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', '総務部', false, 'index', 'エンゲージメント指数', 20, 70.5, 60.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', '総務部', false, 'category', '挑戦意識', 20, 63.0, 52.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', '総務部', false, 'category', '仕事の負荷', 20, 45.0, 30.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', ` + dept + `, false, 'index', 'エンゲージメント指数', 17, 62.0, 50.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', ` + dept + `, false, 'category', '挑戦意識', 17, 58.0, 47.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', ` + dept + `, false, 'category', '仕事の負荷', 17, 52.0, 40.0, false, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', '福祉部', false, 'index', 'エンゲージメント指数', NULL, NULL, NULL, true, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', '福祉部', false, 'category', '挑戦意識', NULL, NULL, NULL, true, NULL, NULL, NULL),
	 ('S2026', DATE '2026-07-24', 2026, '部', '福祉部', false, 'category', '仕事の負荷', NULL, NULL, NULL, true, NULL, NULL, NULL)`,

	`CREATE TABLE mart_response_rate (survey_code VARCHAR, survey_date DATE, fiscal_year BIGINT, snapshot_date DATE,
	    dimension VARCHAR, group_value VARCHAR, is_unanswered BOOLEAN, headcount BIGINT, respondents BIGINT,
	    response_rate DOUBLE, suppressed BOOLEAN)`,
	`INSERT INTO mart_response_rate VALUES
	 ('S2025', DATE '2025-07-25', 2025, DATE '2025-04-01', '全体', '全体', false, 47, 38, 80.85, false),
	 ('S2026', DATE '2026-07-24', 2026, DATE '2026-04-01', '全体', '全体', false, 50, 40, 80.0, false)`,

	`CREATE TABLE mart_key_drivers (survey_code VARCHAR, survey_date DATE, fiscal_year BIGINT, category VARCHAR,
	    respondents BIGINT, pairs BIGINT, correlation DOUBLE, score DOUBLE, average_score DOUBLE, gap_to_average DOUBLE,
	    rank BIGINT, priority BOOLEAN, quadrant VARCHAR, suppressed BOOLEAN)`,
	`INSERT INTO mart_key_drivers VALUES
	 ('S2026', DATE '2026-07-24', 2026, '仕事の負荷', 40, 40, 0.61, 48.5, 54.75, -6.25, 1, true, '重点改善', false),
	 ('S2026', DATE '2026-07-24', 2026, '挑戦意識', 40, 40, 0.32, 61.0, 54.75, 6.25, 2, false, '維持', false)`,

	`CREATE TABLE mart_engagement_item (survey_code VARCHAR, survey_date DATE, fiscal_year BIGINT, dimension VARCHAR,
	    group_value VARCHAR, is_unanswered BOOLEAN, item_code VARCHAR, item_text VARCHAR, category VARCHAR, scale INTEGER,
	    reverse BOOLEAN, engagement BOOLEAN, respondents BIGINT, mean DOUBLE, score DOUBLE, favourable_share DOUBLE,
	    suppressed BOOLEAN)`,
	`INSERT INTO mart_engagement_item VALUES
	 ('S2026', DATE '2026-07-24', 2026, '全体', '全体', false, 'Q01', '新しいことに挑戦している', '挑戦意識', 5, false, false, 40, 3.4, 61.0, 50.0, false),
	 ('S2026', DATE '2026-07-24', 2026, '全体', '全体', false, 'Q02', '仕事の量が多すぎる', '仕事の負荷', 5, true, false, 40, 2.9, 48.5, 35.0, false)`,

	// The stress check of FY2026 (previous: FY2025); 福祉部 is suppressed.
	`CREATE TABLE mart_stress_group (survey_code VARCHAR, survey_date DATE, fiscal_year BIGINT, dimension VARCHAR,
	    group_value VARCHAR, is_unanswered BOOLEAN, respondents BIGINT, demand DOUBLE, control DOUBLE,
	    supervisor_support DOUBLE, coworker_support DOUBLE, risk_a DOUBLE, risk_b DOUBLE, total_risk DOUBLE,
	    suppressed BOOLEAN, previous_survey_code VARCHAR, change_since_previous DOUBLE, norm_set VARCHAR)`,
	`INSERT INTO mart_stress_group VALUES
	 ('SC2025', DATE '2025-10-17', 2025, '全体', '全体', false, 41, 8.8, 7.8, 7.4, 8.0, 102.0, 101.0, 103.0, false, NULL, NULL, 'todai_technote_bjsq'),
	 ('SC2026', DATE '2026-10-16', 2026, '全体', '全体', false, 44, 8.9, 7.7, 7.3, 8.0, 103.4, 101.8, 105.3, false, 'SC2025', 2.3, 'todai_technote_bjsq'),
	 ('SC2026', DATE '2026-10-16', 2026, '部', '総務部', false, 22, 9.6, 7.1, 7.2, 8.1, 113.5, 102.0, 115.8, false, 'SC2025', 4.1, 'todai_technote_bjsq'),
	 ('SC2026', DATE '2026-10-16', 2026, '部', ` + dept + `, false, 15, 8.1, 8.2, 7.6, 7.9, 93.4, 101.0, 94.3, false, 'SC2025', NULL, 'todai_technote_bjsq'),
	 ('SC2026', DATE '2026-10-16', 2026, '部', '福祉部', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, 'SC2025', NULL, 'todai_technote_bjsq'),
	 ('SC2026', DATE '2026-10-16', 2026, '職層', '主事', false, 30, 8.7, 7.5, 7.4, 8.2, 101.8, 99.0, 100.8, false, 'SC2025', NULL, 'todai_technote_bjsq'),
	 ('SC2026', DATE '2026-10-16', 2026, '職層', '課長', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, 'SC2025', NULL, 'todai_technote_bjsq')`,

	`CREATE TABLE mart_training_completion (fiscal_year BIGINT, dept_code VARCHAR, dept_name VARCHAR, grade VARCHAR,
	    grade_rank INTEGER, staff BIGINT, required BIGINT, completed BIGINT, overdue BIGINT, completion_rate DOUBLE,
	    suppressed BOOLEAN)`,
	`INSERT INTO mart_training_completion VALUES
	 (2026, '全体', '全体', '全体', NULL, 45, 120, 110, 6, 91.7, false),
	 (2026, '010', '総務部', '全体', NULL, 20, 50, 47, 2, 94.0, false),
	 (2026, '010', '総務部', '課長', 2, NULL, NULL, NULL, NULL, NULL, true),
	 (2026, '010', '総務部', '主事', 6, 16, 40, 38, 1, 95.0, false),
	 (2026, '020', ` + dept + `, '全体', NULL, 15, 40, 36, 3, 90.0, false),
	 (2026, '020', ` + dept + `, '主事', 6, 12, 30, 27, 2, 90.0, false),
	 (2026, '030', '福祉部', '全体', NULL, NULL, NULL, NULL, NULL, NULL, true),
	 (2026, '全体', '全体', '課長', 2, NULL, NULL, NULL, NULL, NULL, true),
	 (2026, '全体', '全体', '主事', 6, 33, 80, 74, 4, 92.5, false),
	 (2025, '全体', '全体', '全体', NULL, 44, 118, 100, 9, 84.7, false)`,

	`CREATE TABLE mart_competency_coverage (snapshot_date DATE, grade VARCHAR, grade_rank INTEGER, competency VARCHAR,
	    required_weight INTEGER, required_mark VARCHAR, coverage_threshold DECIMAL(3,1), staff BIGINT,
	    staff_developed BIGINT, coverage DOUBLE, gap BOOLEAN, suppressed BOOLEAN)`,
	`INSERT INTO mart_competency_coverage VALUES
	 (DATE '2026-04-01', '課長', 2, '危機管理能力', 2, '◎', 50.0, 3, NULL, NULL, NULL, true),
	 (DATE '2026-04-01', '主事', 6, '職務遂行能力', 2, '◎', 50.0, 33, 12, 36.4, true, false),
	 (DATE '2026-04-01', '主事', 6, '政策決定能力', 0, '', NULL, 33, 0, 0.0, false, false)`,

	`CREATE TABLE mart_rotation_gap (snapshot_date DATE, dept_code VARCHAR, dept_name VARCHAR, staff BIGINT,
	    without_postings BIGINT, in_rotation_period BIGINT, workplace_gap BIGINT, long_posting BIGINT,
	    no_front_line BIGINT, rotation_coverage DOUBLE)`,
	`INSERT INTO mart_rotation_gap VALUES
	 (DATE '2026-04-01', '全体', '全体', 50, 0, 20, 3, 5, 2, 85.0),
	 (DATE '2026-04-01', '010', '総務部', 20, 0, 8, 1, 2, 1, 87.5),
	 (DATE '2026-04-01', '020', ` + dept + `, 18, 0, 7, 1, 2, 1, 85.7)`,

	`CREATE TABLE hr_succession_post (snapshot_date DATE, fiscal_year BIGINT, employee_id VARCHAR, dept_code VARCHAR,
	    dept_name VARCHAR, section_code VARCHAR, section_name VARCHAR, grade VARCHAR, grade_class VARCHAR,
	    job_family VARCHAR, age BIGINT, on_leave BOOLEAN, exit_fiscal_year BIGINT, years_to_exit BIGINT,
	    exit_reason VARCHAR, candidates BIGINT, ready_successors BIGINT, risk_level VARCHAR)`,
	`INSERT INTO hr_succession_post VALUES
	 (DATE '2026-04-01', 2026, 'E90001', '010', '総務部', '011', '総務課', '課長', 'management', '一般事務', 59, false, 2027, 1, '役職定年', 2, 0, '高'),
	 (DATE '2026-04-01', 2026, 'E90002', '020', ` + dept + `, '021', '企画課', '係長', 'supervisory', '一般事務', 45, false, 2045, 19, '定年退職', 3, 1, '低')`,

	`CREATE TABLE hr_training_requirement (fiscal_year BIGINT, employee_id VARCHAR, dept_code VARCHAR, dept_name VARCHAR,
	    grade VARCHAR, course_code VARCHAR, course_name VARCHAR, rule VARCHAR, due_date DATE, completed BOOLEAN,
	    completed_on DATE, status VARCHAR, on_leave BOOLEAN)`,
	`INSERT INTO hr_training_requirement VALUES
	 (2026, 'E90003', '030', '福祉部', '主事', 'C-ETH', '公務員倫理', '毎年', DATE '2027-03-31', false, NULL, '期限超過', false),
	 (2026, 'E90001', '010', '総務部', '課長', 'C-MGT', 'マネジメント研修', '昇任後', DATE '2027-03-31', true, DATE '2026-06-01', '修了', false),
	 (2025, 'E90002', '020', ` + dept + `, '係長', 'C-ETH', '公務員倫理', '毎年', DATE '2026-03-31', false, NULL, '期限超過', false)`,
}

// queryValue returns one value of a query against the fixture.
func queryValue[T any](t *testing.T, db *sql.DB, q string, args ...any) T {
	t.Helper()
	var v T
	if err := db.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return v
}
