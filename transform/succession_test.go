package transform

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/jinzai-hr/jinzai"
)

// Succession fixture on 2023-04-01 (FY2023), default configuration:
// successors aged 35..58, risk_high_years 3, risk_medium_years 5,
// post_age_limit 60. Everyone is 常勤. B is the birth cohort (born April 2
// of B to April 1 of B+1): legal age at the end of FY fy is fy − B.
//
// Posts (管理職 leave at min(post-limit FY, retirement FY), 監督職 at retirement):
//
//	P1 課長 01 総務部 一般事務, born 1964-06-01 (58): 60 at end of FY2024 → 役職定年 FY2024, years 1
//	P2 課長 02 土木部 土木, born 1965-06-01 (57): 役職定年 FY2025, years 2
//	P5 課長 02 土木部 土木, born 1990-06-01 (32): 役職定年 FY2050, years 27
//	P3 係長 02 土木部 土木, born 1963-06-01 (59): retires FY2024 (61 ≥ 61), years 1
//	P4 部長 01 総務部 一般事務, born 1967-06-01 (55): 役職定年 FY2027, years 4
//	C1..C4, X1 are 課長補佐 (監督職), so posts too, with no 係長 candidates in
//	their department or family except P3 (59, outside the window).
//
// Candidate courses (昇任候補): K1 for 課長, K2 for 係長, K5 for 部長; K4 is
// 昇任後 for 課長 and never a candidate requirement.
func successionFixture(t *testing.T, cfg jinzai.Config) *sql.DB {
	s := "2023-04-01"
	staff := []ageStaff{
		{snapshot: s, id: "P1", birth: "1964-06-01", gender: "男性", dept: "01", deptName: "総務部", grade: "課長", family: "一般事務"},
		{snapshot: s, id: "P2", birth: "1965-06-01", gender: "女性", dept: "02", deptName: "土木部", grade: "課長", family: "土木"},
		{snapshot: s, id: "P5", birth: "1990-06-01", gender: "女性", dept: "02", deptName: "土木部", grade: "課長", family: "土木"},
		{snapshot: s, id: "P3", birth: "1963-06-01", gender: "男性", dept: "02", deptName: "土木部", grade: "係長", family: "土木"},
		{snapshot: s, id: "P4", birth: "1967-06-01", gender: "男性", dept: "01", deptName: "総務部", grade: "部長", family: "一般事務"},
		{snapshot: s, id: "C1", birth: "1978-06-01", gender: "女性", dept: "01", deptName: "総務部", grade: "課長補佐", family: "一般事務"}, // 44
		{snapshot: s, id: "C2", birth: "1964-01-15", gender: "男性", dept: "03", deptName: "企画部", grade: "課長補佐", family: "一般事務"}, // 59, B=1963: retires FY2024
		{snapshot: s, id: "C3", birth: "1980-06-01", gender: "男性", dept: "02", deptName: "土木部", grade: "課長補佐", family: "土木"},   // 42
		{snapshot: s, id: "C4", birth: "1985-06-01", gender: "女性", dept: "04", deptName: "下水道部", grade: "課長補佐", family: "土木"},  // 37
		{snapshot: s, id: "C5", birth: "1982-06-01", gender: "女性", dept: "02", deptName: "土木部", grade: "主任", family: "土木"},     // 40
		{snapshot: s, id: "C6", birth: "1990-06-01", gender: "男性", dept: "02", deptName: "土木部", grade: "主任", family: "土木"},     // 32
		{snapshot: s, id: "X1", birth: "1975-06-01", gender: "女性", dept: "05", deptName: "福祉部", grade: "課長補佐", family: "福祉"},   // 47, unrelated
	}
	courses := `INSERT INTO training_course (batch_id, course_code, course_name, category, target_grades, required_when, hours, competencies, source_row) VALUES
		(2, 'K1', '管理職候補研修', '階層別必修', ['課長'], '昇任候補', 6, [], 2),
		(2, 'K2', '係長候補研修', '階層別必修', ['係長'], '昇任候補', 6, [], 3),
		(2, 'K4', '新任課長研修', '階層別必修', ['課長'], '昇任後', 6, [], 4),
		(2, 'K5', '部長候補研修', '階層別必修', ['部長'], '昇任候補', 6, [], 5)`
	var recs []string
	for i, r := range [][3]string{
		{"C1", "K1", "受講中"}, {"C1", "K4", "修了"},
		{"C2", "K1", "修了"}, {"C3", "K1", "修了"}, {"C4", "K1", "修了"},
		{"C5", "K2", "修了"}, {"C6", "K2", "修了"}, {"X1", "K1", "修了"},
	} {
		recs = append(recs, fmt.Sprintf("(3, '%s', '%s', '2022-06-01', '2022-06-02', 6, '%s', %d)", r[0], r[1], r[2], i+2))
	}
	records := `INSERT INTO training_record (batch_id, employee_id, course_code, start_date, end_date, hours, status, source_row) VALUES ` +
		strings.Join(recs, ", ")
	return fixture(t, cfg, ageRoster(staff...), courses, records).DB()
}

func TestSuccessionRiskWithAndWithoutReadySuccessors(t *testing.T) {
	db := successionFixture(t, jinzai.DefaultConfig())

	// Readiness per post grade of every 常勤 in its feeder grade (the next
	// rank down on the track), aged 35..58 with the grade's 昇任候補 courses:
	//   部長 ← 課長:    P1 58 (K5 missing), P2 57 (K5 missing), P5 32 (too young, K5 missing) → none ready
	//   課長 ← 課長補佐: C1 44 (K1 only 受講中 → missing K1), C2 59 (> 58, K1 修了),
	//                   C3 42 ready, C4 37 ready, X1 47 ready (K1 修了; K4 is 昇任後, never needed)
	//   課長補佐 ← 係長: P3 59 (> 58); no course required for 課長補佐
	//   係長 ← 主任:    C5 40 ready (K2), C6 32 (< 35)
	got := queryRows(t, db, `
		SELECT post_grade, employee_id, age, in_age_window, courses_required, courses_completed,
		       array_to_string(courses_missing, ','), is_ready
		FROM hr_succession_candidate ORDER BY post_grade, employee_id`)
	ageAssertRows(t, "candidates", got, [][]string{
		{"係長", "C5", "40", "true", "1", "1", "", "true"},
		{"係長", "C6", "32", "false", "1", "1", "", "false"},
		{"課長", "C1", "44", "true", "1", "0", "K1", "false"},
		{"課長", "C2", "59", "false", "1", "1", "", "false"},
		{"課長", "C3", "42", "true", "1", "1", "", "true"},
		{"課長", "C4", "37", "true", "1", "1", "", "true"},
		{"課長", "X1", "47", "true", "1", "1", "", "true"},
		{"課長補佐", "P3", "59", "false", "0", "0", "", "false"},
		{"部長", "P1", "58", "true", "1", "0", "K5", "false"},
		{"部長", "P2", "57", "true", "1", "0", "K5", "false"},
		{"部長", "P5", "32", "false", "1", "0", "K5", "false"},
	})

	// Successors of each post = feeder-grade staff of its 職種, in its own 部
	// when the 職種 is general (一般事務), in any 部 when it is a specialist one:
	//   P1 課長 01 一般事務: C1 (01, 一般事務) → 1, 0 ready (C2 is 一般事務 in 03; X1 is 福祉)
	//   P2, P5 課長 02 土木: C3 (02, 土木), C4 (04 but 土木) → 2, both ready; in 部 02 only C3
	//   P3 係長 02 土木: C5, C6 → 2, 1 ready (C5, in 02)
	//   P4 部長 01 一般事務: P1 → 1, 0 ready (P2, P5 are 02 土木)
	//   C3, C4 課長補佐 土木: P3 → 1, 0 ready; C1, C2, X1: no 係長 in their 部 or 職種 → 0
	// Risk (H = 3, M = 5; "within N" = years_to_exit < N):
	//   P1 years 1 < 3, 0 ready → 高
	//   P2 years 2 < 3, 2 ready → 低 (two or more ready successors)
	//   P3 years 1 < 3, 1 ready → 中
	//   P4 years 4: not < 3, < 5 with 0 ready → 中
	//   P5 years 27 → 低
	//   C2 課長補佐 retires FY2024: years 1, no 係長 candidate → 高
	//   C1 (65 in FY2043), C3 (FY2045), C4 (FY2050), X1 (FY2040): far away → 低
	got = queryRows(t, db, `
		SELECT employee_id, grade, exit_fiscal_year, years_to_exit, exit_reason, candidates, ready_successors, ready_in_dept, risk_level
		FROM hr_succession_post ORDER BY employee_id`)
	ageAssertRows(t, "posts", got, [][]string{
		{"C1", "課長補佐", "2043", "20", "定年退職", "0", "0", "0", "低"},
		{"C2", "課長補佐", "2024", "1", "定年退職", "0", "0", "0", "高"},
		{"C3", "課長補佐", "2045", "22", "定年退職", "1", "0", "0", "低"},
		{"C4", "課長補佐", "2050", "27", "定年退職", "1", "0", "0", "低"},
		{"P1", "課長", "2024", "1", "役職定年", "1", "0", "0", "高"},
		{"P2", "課長", "2025", "2", "役職定年", "2", "2", "1", "低"},
		{"P3", "係長", "2024", "1", "定年退職", "2", "1", "1", "中"},
		{"P4", "部長", "2027", "4", "役職定年", "1", "0", "0", "中"},
		{"P5", "課長", "2050", "27", "役職定年", "2", "2", "1", "低"},
		{"X1", "課長補佐", "2040", "17", "定年退職", "0", "0", "0", "低"},
	})

	// The heatmap: 02 課長 holds P2 and P5 (both 低, P2 leaves within 3 years).
	got = queryRows(t, db, `
		SELECT dept_code, dept_name, grade, posts, posts_high, posts_medium, posts_low, posts_leaving_3y, posts_without_successor
		FROM mart_succession_risk ORDER BY dept_code, grade_rank`)
	ageAssertRows(t, "mart_succession_risk", got, [][]string{
		{"01", "総務部", "部長", "1", "0", "1", "0", "0", "1"},
		{"01", "総務部", "課長", "1", "1", "0", "0", "1", "1"},
		{"01", "総務部", "課長補佐", "1", "0", "0", "1", "0", "1"},
		{"02", "土木部", "課長", "2", "0", "0", "2", "1", "0"},
		{"02", "土木部", "課長補佐", "1", "0", "0", "1", "0", "1"},
		{"02", "土木部", "係長", "1", "0", "1", "0", "1", "0"},
		{"03", "企画部", "課長補佐", "1", "1", "0", "0", "1", "1"},
		{"04", "下水道部", "課長補佐", "1", "0", "0", "1", "0", "1"},
		{"05", "福祉部", "課長補佐", "1", "0", "0", "1", "0", "1"},
	})
}

func TestSuccessionRiskThresholdsAreConfigurable(t *testing.T) {
	cfg := jinzai.DefaultConfig()
	cfg.Metrics.RiskHighYears = 1
	cfg.Metrics.RiskMediumYears = 2
	db := successionFixture(t, cfg)
	// H = 1, M = 2: only years_to_exit 0 can be 高; years 1 with no ready
	// successor is 中 (< 2); P3 (years 1, one ready) and P4 (years 4) are 低.
	got := queryRows(t, db, `SELECT employee_id, risk_level FROM hr_succession_post
		WHERE employee_id IN ('C2', 'P1', 'P3', 'P4') ORDER BY employee_id`)
	ageAssertRows(t, "risk with H=1, M=2", got, [][]string{{"C2", "中"}, {"P1", "中"}, {"P3", "低"}, {"P4", "低"}})
}
