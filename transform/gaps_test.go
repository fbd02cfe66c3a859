package transform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jinzai-hr/jinzai"
)

// Gap and KPI fixtures (docs/metrics/gaps-kpi.md): staff, courses, records
// and postings written as Go values and turned into INSERTs on the
// canonical tables. Every expected figure is worked out by hand in a
// comment beside it. Default configuration unless a test says otherwise:
// min_group_size 5, rotation 3 workplaces in 10 years, postings of 3 years
// in the rotation period and 5 after it, targets of DefaultConfig.

// gapStaff is one roster row. Blank fields take a default: dept 01,
// employment 常勤, gender 男性.
type gapStaff struct {
	snapshot, id, hire, dept, grade string
	gender, employment, tier, leave string
}

var gapDeptNames = map[string]string{"01": "総務部", "02": "税務部", "03": "福祉部"}

func gapRoster(staff ...gapStaff) string {
	var vals []string
	for i, s := range staff {
		if s.dept == "" {
			s.dept = "01"
		}
		if s.employment == "" {
			s.employment = "常勤"
		}
		if s.gender == "" {
			s.gender = "男性"
		}
		vals = append(vals, fmt.Sprintf("(1, '%s', '%s', '1980-05-05', '%s', '%s', '%s', '%s', '%s', '%s', '一般事務', '%s', %s, %s, %d)",
			s.snapshot, s.id, s.gender, s.hire, s.dept, gapDeptNames[s.dept], s.grade, s.grade, s.employment,
			gapNullable(s.tier), gapNullable(s.leave), i+2))
	}
	return `INSERT INTO roster (batch_id, snapshot_date, employee_id, birth_date, gender, hire_date, dept_code, dept_name,
		grade, grade_reported, job_family, employment_type, digital_tier, leave_status, source_row) VALUES ` + strings.Join(vals, ", ")
}

// gapCourse is one catalogue row; grades and competencies are
// comma-separated, blank = none.
type gapCourse struct {
	code, name, category, grades, when string
	hours                              float64
	competencies                       string
}

func gapCatalogue(courses ...gapCourse) string {
	var vals []string
	for i, c := range courses {
		vals = append(vals, fmt.Sprintf("(3, '%s', '%s', '%s', %s, %s, %g, %s, NULL, %d)",
			c.code, c.name, c.category, gapList(c.grades), gapNullable(c.when), c.hours, gapList(c.competencies), i+2))
	}
	return `INSERT INTO training_course (batch_id, course_code, course_name, category, target_grades, required_when, hours,
		competencies, digital_tier, source_row) VALUES ` + strings.Join(vals, ", ")
}

// gapRecord is one training record; hours 0 = the course's hours, status
// blank = 修了.
type gapRecord struct {
	id, course, start string
	hours             float64
	status            string
}

func gapRecords(records ...gapRecord) string {
	var vals []string
	for i, r := range records {
		if r.status == "" {
			r.status = "修了"
		}
		hours := "NULL"
		if r.hours > 0 {
			hours = fmt.Sprint(r.hours)
		}
		vals = append(vals, fmt.Sprintf("(4, '%s', '%s', '%s', NULL, %s, '%s', %d)", r.id, r.course, r.start, hours, r.status, i+2))
	}
	return `INSERT INTO training_record (batch_id, employee_id, course_code, start_date, end_date, hours, status, source_row) VALUES ` +
		strings.Join(vals, ", ")
}

// gapPosting is one posting; end blank = current.
type gapPosting struct {
	id, start, end, section string
	frontLine               bool
}

func gapPostings(postings ...gapPosting) string {
	var vals []string
	for i, p := range postings {
		vals = append(vals, fmt.Sprintf("(5, '%s', '%s', %s, '01', '総務部', '%s', '%s課', %t, %d)",
			p.id, p.start, gapNullable(p.end), p.section, p.section, p.frontLine, i+2))
	}
	return `INSERT INTO assignment (batch_id, employee_id, start_date, end_date, dept_code, dept_name, section_code, section_name,
		front_line, source_row) VALUES ` + strings.Join(vals, ", ")
}

func gapNullable(s string) string {
	if s == "" {
		return "NULL"
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func gapList(csv string) string {
	if csv == "" {
		return "CAST([] AS VARCHAR[])"
	}
	var items []string
	for _, s := range strings.Split(csv, ",") {
		items = append(items, gapNullable(s))
	}
	return "[" + strings.Join(items, ", ") + "]"
}

func gapAssertRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s:\n got  %v\n want %v", what, got, want)
	}
}

// A 主任 at the FY2022 snapshot is a 係長 at FY2023's: promoted, so the
// 昇任後 course for 係長 is due by 2024-03-31.
func TestPromotedEmployeeOwesTheNewGradeCourse(t *testing.T) {
	roster := gapRoster(
		gapStaff{snapshot: "2022-04-01", id: "P", hire: "2010-04-01", grade: "主任"},
		gapStaff{snapshot: "2023-04-01", id: "P", hire: "2010-04-01", grade: "係長"},
	)
	catalogue := gapCatalogue(
		gapCourse{code: "K01", name: "新任係長研修", category: "階層別必修", grades: "係長", when: "昇任後", hours: 14},
		gapCourse{code: "X01", name: "文書事務研修", category: "選択", hours: 3},
	)
	// A record of another course on 2024-05-10 moves the as-of date past
	// FY2023's end (2024-03-31).
	later := gapRecord{id: "P", course: "X01", start: "2024-05-10"}
	cases := []struct {
		name    string
		records []gapRecord
		want    [][]string
	}{
		{"not completed, as-of after the due date: overdue", []gapRecord{later},
			[][]string{{"2023", "P", "係長", "K01", "昇任後", "2024-03-31", "false", "期限超過"}}},
		{"not completed, as-of the FY2023 snapshot: still pending", nil,
			[][]string{{"2023", "P", "係長", "K01", "昇任後", "2024-03-31", "false", "未修了"}}},
		{"completed in FY2023", []gapRecord{later, {id: "P", course: "K01", start: "2023-06-01"}},
			[][]string{{"2023", "P", "係長", "K01", "昇任後", "2024-03-31", "true", "修了"}}},
		// Completed in FY2024: too late for FY2023 (the window is the fiscal year).
		{"completed a year late", []gapRecord{{id: "P", course: "K01", start: "2024-05-10"}},
			[][]string{{"2023", "P", "係長", "K01", "昇任後", "2024-03-31", "false", "期限超過"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inserts := []string{roster, catalogue}
			if len(c.records) > 0 {
				inserts = append(inserts, gapRecords(c.records...))
			}
			st := fixture(t, jinzai.DefaultConfig(), inserts...)
			// FY2022 has no requirement: the roster has no FY2021 snapshot to
			// show a promotion, and X01 is not required.
			got := queryRows(t, st.DB(), `SELECT fiscal_year, employee_id, grade, course_code, rule, CAST(due_date AS VARCHAR), completed, status
				FROM hr_training_requirement ORDER BY fiscal_year, course_code`)
			gapAssertRows(t, "hr_training_requirement", got, c.want)
			got = queryRows(t, st.DB(), `SELECT fiscal_year, grade, prev_grade, promoted FROM int_grade_history ORDER BY fiscal_year`)
			gapAssertRows(t, "int_grade_history", got, [][]string{{"2022", "主任", "NULL", "false"}, {"2023", "係長", "主任", "true"}})
		})
	}
}

// 採用時 for new hires (not for re-employed staff), 2年目以降 in the second
// year, 毎年 for all, 3年毎 satisfied by a completion two fiscal years back.
func TestHiringAnnualAndTriennialRequirements(t *testing.T) {
	st := fixture(t, jinzai.DefaultConfig(),
		gapRoster(
			gapStaff{snapshot: "2023-04-01", id: "N1", hire: "2023-04-01", grade: "主事"},
			gapStaff{snapshot: "2023-04-01", id: "N2", hire: "2023-04-01", grade: "主事"},
			gapStaff{snapshot: "2023-04-01", id: "Y2", hire: "2022-04-01", grade: "主事"},
			// Re-employed after retirement: the roster's hire date is the
			// re-employment date, but this is no new hire.
			gapStaff{snapshot: "2023-04-01", id: "R", hire: "2023-04-01", grade: "主事", employment: "再任用フルタイム"},
			gapStaff{snapshot: "2023-04-01", id: "V", hire: "2000-04-01", grade: "主任"},
		),
		gapCatalogue(
			gapCourse{code: "H01", name: "新規採用職員研修", category: "階層別必修", grades: "主事", when: "採用時", hours: 21},
			gapCourse{code: "H02", name: "2年目職員研修", category: "階層別必修", when: "2年目以降", hours: 7},
			gapCourse{code: "A01", name: "公務員倫理・人権研修", category: "階層別必修", when: "毎年", hours: 2},
			gapCourse{code: "T01", name: "メンタルヘルス研修", category: "階層別必修", when: "3年毎", hours: 3},
			gapCourse{code: "C01", name: "係長候補者研修", category: "階層別必修", grades: "主任", when: "昇任候補", hours: 7},
		),
		gapRecords(
			gapRecord{id: "N1", course: "H01", start: "2023-04-05"},
			gapRecord{id: "N2", course: "H01", start: "2023-04-05", status: "欠席"},
			gapRecord{id: "V", course: "A01", start: "2022-10-01"},  // FY2022: does not count for FY2023
			gapRecord{id: "V", course: "T01", start: "2021-06-01"},  // FY2021 = FY2023 − 2: satisfies FY2023
			gapRecord{id: "Y2", course: "T01", start: "2020-06-01"}, // FY2020: outside FY2021..FY2023
			gapRecord{id: "Y2", course: "A01", start: "2024-04-15"}, // FY2024; moves the as-of past 2024-03-31
		),
	)
	got := queryRows(t, st.DB(), `SELECT employee_id, course_code, rule, completed, status
		FROM hr_training_requirement WHERE fiscal_year = 2023 ORDER BY employee_id, course_code`)
	gapAssertRows(t, "FY2023 requirements", got, [][]string{
		// N1, N2: new hires owe H01 (主事, 採用時), A01 and T01.
		{"N1", "A01", "毎年", "false", "期限超過"},
		{"N1", "H01", "採用時", "true", "修了"},
		{"N1", "T01", "3年毎", "false", "期限超過"},
		{"N2", "A01", "毎年", "false", "期限超過"},
		{"N2", "H01", "採用時", "false", "期限超過"}, // 欠席 is not 修了
		{"N2", "T01", "3年毎", "false", "期限超過"},
		// R: a 主事 with years_of_service 0, but re-employed: no H01.
		{"R", "A01", "毎年", "false", "期限超過"},
		{"R", "T01", "3年毎", "false", "期限超過"},
		// V: A01 done in FY2022 only; T01 done in FY2021 covers FY2023. C01
		// (昇任候補) is nobody's personal requirement.
		{"V", "A01", "毎年", "false", "期限超過"},
		{"V", "T01", "3年毎", "true", "修了"},
		// Y2: second year (years_of_service 1) owes H02; T01 of FY2020 is
		// too old; A01 done in FY2024 is late for FY2023.
		{"Y2", "A01", "毎年", "false", "期限超過"},
		{"Y2", "H02", "2年目以降", "false", "期限超過"},
		{"Y2", "T01", "3年毎", "false", "期限超過"},
	})
}

// Three departments × three grades, one 毎年 course, as-of after FY2023's
// end so every open requirement is overdue. Staff per cell and
// completions:
//
//	        主事    主任    係長    全体
//	01      6 (6)   6 (3)   2 (1)   14 (10)
//	02      6 (5)   6 (6)   6 (4)   18 (15)
//	03      6 (2)   6 (4)   6 (6)   18 (12)
//	全体   18 (13) 18 (13) 14 (11)  50 (37)
//
// plus one 主事 of 03 on leave, without the course, who is left out.
// (01, 係長) has 2 < 5 staff: suppressed. Its department line then has one
// suppressed cell, so the smallest other, (01, 主事) (6 staff; 主事 sorts
// before 主任), goes too; the 係長 column likewise loses (02, 係長). Next
// pass: the 主事 column has one suppressed cell → (02, 主事); department 02
// has one → also (02, 主事). Then every line has 0 or 2 suppressed cells.
func TestCompletionRatePerDepartmentAndGradeWithSmallCellSuppression(t *testing.T) {
	type cell struct {
		dept, grade string
		staff, done int
	}
	cells := []cell{
		{"01", "主事", 6, 6}, {"01", "主任", 6, 3}, {"01", "係長", 2, 1},
		{"02", "主事", 6, 5}, {"02", "主任", 6, 6}, {"02", "係長", 6, 4},
		{"03", "主事", 6, 2}, {"03", "主任", 6, 4}, {"03", "係長", 6, 6},
	}
	var staff []gapStaff
	var records []gapRecord
	for _, c := range cells {
		for i := 1; i <= c.staff; i++ {
			id := fmt.Sprintf("%s-%s-%d", c.dept, c.grade, i)
			staff = append(staff, gapStaff{snapshot: "2023-04-01", id: id, hire: "2000-04-01", dept: c.dept, grade: c.grade})
			if i <= c.done {
				records = append(records, gapRecord{id: id, course: "A01", start: "2023-09-01"})
			}
		}
	}
	staff = append(staff, gapStaff{snapshot: "2023-04-01", id: "03-leave", hire: "2000-04-01", dept: "03", grade: "主事", leave: "育児休業"})
	records = append(records, gapRecord{id: "01-主事-1", course: "X01", start: "2024-04-20"}) // as-of 2024-04-20
	st := fixture(t, jinzai.DefaultConfig(),
		gapRoster(staff...),
		gapCatalogue(
			gapCourse{code: "A01", name: "公務員倫理・人権研修", category: "階層別必修", when: "毎年", hours: 2},
			gapCourse{code: "X01", name: "文書事務研修", category: "選択", hours: 3},
		),
		gapRecords(records...),
	)
	got := queryRows(t, st.DB(), `SELECT dept_code, grade, staff, required, completed, overdue, completion_rate, suppressed
		FROM mart_training_completion WHERE fiscal_year = 2023 ORDER BY dept_code, grade_rank DESC NULLS LAST`)
	gapAssertRows(t, "mart_training_completion", got, [][]string{
		{"01", "主事", "NULL", "NULL", "NULL", "NULL", "NULL", "true"}, // secondary
		{"01", "主任", "6", "6", "3", "3", "50", "false"},
		{"01", "係長", "NULL", "NULL", "NULL", "NULL", "NULL", "true"}, // primary: 2 staff
		{"01", "全体", "14", "14", "10", "4", "71.4", "false"},         // 10/14
		{"02", "主事", "NULL", "NULL", "NULL", "NULL", "NULL", "true"}, // secondary
		{"02", "主任", "6", "6", "6", "0", "100", "false"},
		{"02", "係長", "NULL", "NULL", "NULL", "NULL", "NULL", "true"}, // secondary
		{"02", "全体", "18", "18", "15", "3", "83.3", "false"},         // 15/18
		{"03", "主事", "6", "6", "2", "4", "33.3", "false"},            // the one on leave is left out
		{"03", "主任", "6", "6", "4", "2", "66.7", "false"},
		{"03", "係長", "6", "6", "6", "0", "100", "false"},
		{"03", "全体", "18", "18", "12", "6", "66.7", "false"},
		{"全体", "主事", "18", "18", "13", "5", "72.2", "false"}, // 13/18
		{"全体", "主任", "18", "18", "13", "5", "72.2", "false"},
		{"全体", "係長", "14", "14", "11", "3", "78.6", "false"}, // 11/14
		{"全体", "全体", "50", "50", "37", "13", "74", "false"},  // 37/50
	})
	// The HR list keeps the employee on leave.
	got = queryRows(t, st.DB(), `SELECT employee_id, status, on_leave FROM hr_training_requirement WHERE on_leave`)
	gapAssertRows(t, "on leave", got, [][]string{{"03-leave", "期限超過", "true"}})
	// The organisation's rate is the KPI: 74.0 < 95 → 未達.
	got = queryRows(t, st.DB(), `SELECT value, target, status, base FROM mart_kpi WHERE fiscal_year = 2023 AND kpi_code = 'mandatory_training_completion'`)
	gapAssertRows(t, "mandatory_training_completion", got, [][]string{{"74", "95", "未達", "50"}})
}

// Two tiny cells side by side are not enough: together they must hold k
// staff. Staff (completions) per cell:
//
//	        主事    主任    係長    全体
//	01      6 (6)   1 (0)   1 (1)    8 (7)
//	02      6 (3)   6 (6)   6 (2)   18 (11)
//	全体   12 (9)   7 (6)   7 (3)   26 (18)
//
// (01, 主任) and (01, 係長) are primary (1 < 5). Department 01 then holds
// two suppressed cells of 1 + 1 = 2 < 5 staff: shown, (01, 主事) would give
// them away (8 − 6 = 2 people, 7 − 6 = 1 completion), so it goes too. The
// 主任 and 係長 columns each hold one: (02, 主任) and (02, 係長) (6 < 7)
// follow. Next pass the 主事 column holds one, (01, 主事): (02, 主事) follows.
// Every inner cell ends suppressed; the totals stay.
func TestSuppressedCellsOfALineHoldAtLeastKStaffTogether(t *testing.T) {
	type cell struct {
		dept, grade string
		staff, done int
	}
	cells := []cell{
		{"01", "主事", 6, 6}, {"01", "主任", 1, 0}, {"01", "係長", 1, 1},
		{"02", "主事", 6, 3}, {"02", "主任", 6, 6}, {"02", "係長", 6, 2},
	}
	var staff []gapStaff
	var records []gapRecord
	for _, c := range cells {
		for i := 1; i <= c.staff; i++ {
			id := fmt.Sprintf("%s-%s-%d", c.dept, c.grade, i)
			staff = append(staff, gapStaff{snapshot: "2023-04-01", id: id, hire: "2000-04-01", dept: c.dept, grade: c.grade})
			if i <= c.done {
				records = append(records, gapRecord{id: id, course: "A01", start: "2023-09-01"})
			}
		}
	}
	st := fixture(t, jinzai.DefaultConfig(),
		gapRoster(staff...),
		gapCatalogue(gapCourse{code: "A01", name: "公務員倫理・人権研修", category: "階層別必修", when: "毎年", hours: 2}),
		gapRecords(records...),
	)
	got := queryRows(t, st.DB(), `SELECT dept_code, grade, staff, completed, suppressed
		FROM mart_training_completion ORDER BY dept_code, grade_rank DESC NULLS LAST`)
	gapAssertRows(t, "mart_training_completion", got, [][]string{
		{"01", "主事", "NULL", "NULL", "true"},
		{"01", "主任", "NULL", "NULL", "true"},
		{"01", "係長", "NULL", "NULL", "true"},
		{"01", "全体", "8", "7", "false"},
		{"02", "主事", "NULL", "NULL", "true"},
		{"02", "主任", "NULL", "NULL", "true"},
		{"02", "係長", "NULL", "NULL", "true"},
		{"02", "全体", "18", "11", "false"},
		{"全体", "主事", "12", "9", "false"},
		{"全体", "主任", "7", "6", "false"},
		{"全体", "係長", "7", "3", "false"},
		{"全体", "全体", "26", "18", "false"},
	})
}

// Latest snapshot 2023-04-01, default policy (3 workplaces in 10 years;
// postings of 3 years, 5 after the rotation period).
func TestRotationGapsLongPostingsAndFrontLine(t *testing.T) {
	snap := "2023-04-01"
	st := fixture(t, jinzai.DefaultConfig(),
		gapRoster(
			gapStaff{snapshot: snap, id: "R7", hire: "2016-04-01", grade: "主任"},
			gapStaff{snapshot: snap, id: "F4", hire: "2019-04-01", grade: "主事"},
			gapStaff{snapshot: snap, id: "L", hire: "2000-04-01", grade: "係長", dept: "02"},
			gapStaff{snapshot: snap, id: "N0", hire: "2023-04-01", grade: "主事"},
			gapStaff{snapshot: snap, id: "X5", hire: "2018-04-01", grade: "主事", dept: "02"},
		),
		gapPostings(
			// R7, year 7: two workplaces, the second since 2019-04-01.
			gapPosting{id: "R7", start: "2016-04-01", end: "2019-03-31", section: "S1", frontLine: true},
			gapPosting{id: "R7", start: "2019-04-01", section: "S2"},
			// F4, year 4: two workplaces, never front line.
			gapPosting{id: "F4", start: "2019-04-01", end: "2022-03-31", section: "S3"},
			gapPosting{id: "F4", start: "2022-04-01", section: "S4"},
			// L, year 23: promoted in place in 2020; the stay in S5 runs from 2016.
			gapPosting{id: "L", start: "2016-04-01", end: "2020-03-31", section: "S5"},
			gapPosting{id: "L", start: "2020-04-01", section: "S5"},
			// N0: new hire.
			gapPosting{id: "N0", start: "2023-04-01", section: "S1", frontLine: true},
			// X5 has no posting in the data.
		),
	)
	got := queryRows(t, st.DB(), `SELECT employee_id, years_of_service, in_rotation_period, workplaces_in_period, expected_workplaces,
			current_posting_years, workplace_gap, long_posting, no_front_line
		FROM hr_rotation_status ORDER BY employee_id`)
	gapAssertRows(t, "hr_rotation_status", got, [][]string{
		// F4: expected ceil(4 × 3 / 10) = ceil(1.2) = 2 = 2 seen: no gap;
		// 1.0 year in S4; year 4 ≥ 3 and never front line → no_front_line.
		{"F4", "4", "true", "2", "2", "1", "false", "false", "true"},
		// L: after the rotation period; S5 since 2016-04-01 = 7.0 years > 5.
		// No posting started before 2010-04-01 (hire + 10 years) in the data.
		{"L", "23", "false", "0", "NULL", "7", "false", "true", "false"},
		// N0: year 0 is not yet checked.
		{"N0", "0", "false", "1", "NULL", "0", "false", "false", "false"},
		// R7: expected ceil(7 × 3 / 10) = ceil(2.1) = 3 > 2 seen → gap;
		// S2 since 2019-04-01 = 4.0 years > 3 → long posting.
		{"R7", "7", "true", "2", "3", "4", "true", "true", "false"},
		// X5: in the period but no posting data: flags unknown.
		{"X5", "5", "true", "NULL", "2", "NULL", "NULL", "NULL", "NULL"},
	})
	got = queryRows(t, st.DB(), `SELECT dept_code, staff, without_postings, in_rotation_period, workplace_gap, long_posting,
			no_front_line, rotation_coverage
		FROM mart_rotation_gap ORDER BY dept_code`)
	gapAssertRows(t, "mart_rotation_gap", got, [][]string{
		// 01: R7, F4, N0; in period R7, F4; covered F4 → 1/2 = 50%.
		{"01", "3", "0", "2", "1", "1", "1", "50"},
		// 02: L, X5; X5 in period without postings → no coverage figure.
		{"02", "2", "1", "1", "0", "1", "0", "NULL"},
		{"全体", "5", "1", "3", "1", "2", "1", "50"},
	})
	// rotation_coverage KPI: 50.0 < 90 → 未達.
	got = queryRows(t, st.DB(), `SELECT value, target, status, base FROM mart_kpi WHERE kpi_code = 'rotation_coverage'`)
	gapAssertRows(t, "rotation_coverage", got, [][]string{{"50", "90", "未達", "2"}})
}

// Six 主任 and two 部長 at the latest snapshot. C1 develops 指導育成能力 and
// 職務遂行能力, C2 課題発見能力. 主任 1–3 completed C1 (1 twice), 主任 4
// completed C2, 主任 5 is still in C1 (受講中), 主任 6 has nothing.
func TestCompetencyCoverageOfOneGrade(t *testing.T) {
	var staff []gapStaff
	for i := 1; i <= 6; i++ {
		staff = append(staff, gapStaff{snapshot: "2023-04-01", id: fmt.Sprintf("S%d", i), hire: "2010-04-01", grade: "主任"})
	}
	staff = append(staff,
		gapStaff{snapshot: "2023-04-01", id: "B1", hire: "1990-04-01", grade: "部長"},
		gapStaff{snapshot: "2023-04-01", id: "B2", hire: "1990-04-01", grade: "部長"})
	st := fixture(t, jinzai.DefaultConfig(),
		gapRoster(staff...),
		gapCatalogue(
			gapCourse{code: "C1", name: "OJT推進研修", category: "選択", hours: 6, competencies: "指導育成能力,職務遂行能力"},
			gapCourse{code: "C2", name: "業務改善研修", category: "選択", hours: 6, competencies: "課題発見能力"},
		),
		gapRecords(
			gapRecord{id: "S1", course: "C1", start: "2019-05-01"},
			gapRecord{id: "S1", course: "C1", start: "2022-05-01"},
			gapRecord{id: "S2", course: "C1", start: "2021-05-01"},
			gapRecord{id: "S3", course: "C1", start: "2022-05-01"},
			gapRecord{id: "S4", course: "C2", start: "2022-05-01"},
			gapRecord{id: "S5", course: "C1", start: "2023-03-01", status: "受講中"},
			gapRecord{id: "B1", course: "C1", start: "2022-05-01"},
		),
	)
	got := queryRows(t, st.DB(), `SELECT competency, required_weight, staff, staff_developed, coverage, gap
		FROM mart_competency_coverage WHERE grade = '主任' ORDER BY required_weight DESC, competency`)
	gapAssertRows(t, "主任", got, [][]string{
		{"専門能力", "2", "6", "0", "0", "true"},      // 0/6 < 50%
		{"指導育成能力", "2", "6", "3", "50", "false"},  // 3/6 = 50%, not below 50%
		{"職務遂行能力", "2", "6", "3", "50", "false"},  // the same course
		{"課題発見能力", "2", "6", "1", "16.7", "true"}, // 1/6 < 50%
		{"折衝交渉能力", "1", "6", "0", "0", "true"},    // 〇: 0 < 30%
		{"政策立案能力", "1", "6", "0", "0", "true"},
		{"危機管理能力", "0", "6", "0", "0", "false"}, // not asked of 主任
		{"政策決定能力", "0", "6", "0", "0", "false"},
		{"組織運営能力", "0", "6", "0", "0", "false"},
		{"行政経営能力", "0", "6", "0", "0", "false"},
	})
	// 部長: 2 < 5 staff, only the staff count shows.
	got = queryRows(t, st.DB(), `SELECT DISTINCT staff, staff_developed, coverage, gap, suppressed FROM mart_competency_coverage WHERE grade = '部長'`)
	gapAssertRows(t, "部長", got, [][]string{{"2", "NULL", "NULL", "NULL", "true"}})
}

// FY2023: ten staff in the headcount (one 再任用フルタイム among them) and a
// 会計年度任用職員 outside it; four managers, one a woman.
func TestKPIsAgainstTargets(t *testing.T) {
	snap := "2023-04-01"
	staff := []gapStaff{
		{snapshot: snap, id: "M1", hire: "1990-04-01", grade: "部長"},
		{snapshot: snap, id: "M2", hire: "1992-04-01", grade: "課長", gender: "女性"},
		{snapshot: snap, id: "M3", hire: "1993-04-01", grade: "課長"},
		{snapshot: snap, id: "M4", hire: "1994-04-01", grade: "課長"},
		{snapshot: snap, id: "E1", hire: "2005-04-01", grade: "係長", gender: "女性", tier: "DX推進リーダー"},
		{snapshot: snap, id: "E2", hire: "2010-04-01", grade: "主任", gender: "女性", tier: "一般職員"},
		{snapshot: snap, id: "E3", hire: "2015-04-01", grade: "主事"},
		{snapshot: snap, id: "E4", hire: "2018-04-01", grade: "主事", gender: "女性"},
		{snapshot: snap, id: "E5", hire: "2020-04-01", grade: "主事"},
		{snapshot: snap, id: "E6", hire: "2023-04-01", grade: "主任", employment: "再任用フルタイム"},
		{snapshot: snap, id: "T1", hire: "2023-04-01", grade: "主事", employment: "会計年度任用職員", gender: "女性"},
	}
	inserts := []string{
		gapRoster(staff...),
		gapCatalogue(
			gapCourse{code: "L1", name: "政策形成研修", category: "選択", hours: 7},
			gapCourse{code: "D1", name: "通信教育講座", category: "通信教育", hours: 20},
		),
		gapRecords(
			gapRecord{id: "E2", course: "L1", start: "2023-06-01", hours: 6},  // 6 h as recorded
			gapRecord{id: "E3", course: "L1", start: "2023-06-01"},            // 7 h from the catalogue
			gapRecord{id: "E4", course: "D1", start: "2023-09-01", hours: 12}, // 12 h, 通信教育 = self-development
			gapRecord{id: "E5", course: "L1", start: "2024-01-10", hours: 5, status: "受講中"},
			gapRecord{id: "T1", course: "L1", start: "2023-06-01", hours: 10}, // outside the headcount
			gapRecord{id: "E5", course: "L1", start: "2023-03-01", hours: 7},  // FY2022
		),
		itemBankForKPI,
	}
	// Survey of 2023-07-01, five respondents; engagement items E1, E2 on a
	// 5-point scale, score_100 = (v − 1) × 25. Respondent means: (5,5) 100,
	// (4,4) 75, (3,3) 50, (4,2) 50, E1 = 2 only 25 → index (100 + 75 + 50 +
	// 50 + 25) / 5 = 60.0. Response rate 5 / 10 = 50.0%.
	inserts = append(inserts, surveyForKPI...)
	cases := []struct {
		name    string
		targets map[string]float64
		want    [][]string
	}{
		{"default targets", nil, [][]string{
			{"mandatory_training_completion", "NULL", "95", "データなし"}, // no required course
			// (6 + 7 + 12) / 10 and 1 / 10, below target in FY2023, which has
			// not ended at the data's as-of date 2024-01-10: 集計中, not 未達.
			{"training_hours_per_head", "2.5", "12", "集計中"},
			{"self_development_uptake", "10", "20", "集計中"},
			{"women_in_management", "25", "30", "未達"},    // 1 / 4
			{"rotation_coverage", "NULL", "90", "データなし"}, // no postings
			{"dx_leaders", "10", "3", "達成"},              // 1 / 10
			{"advanced_digital", "0", "NULL", "目標なし"},
			{"engagement_index", "60", "65", "未達"},
			{"response_rate", "50", "50", "達成"}, // 50.0 ≥ 50
		}},
		{"women target 25%, no hours target", map[string]float64{"women_in_management": 25}, [][]string{
			{"mandatory_training_completion", "NULL", "NULL", "目標なし"},
			{"training_hours_per_head", "2.5", "NULL", "目標なし"},
			{"self_development_uptake", "10", "NULL", "目標なし"},
			{"women_in_management", "25", "25", "達成"}, // 25.0 ≥ 25
			{"rotation_coverage", "NULL", "NULL", "目標なし"},
			{"dx_leaders", "10", "NULL", "目標なし"},
			{"advanced_digital", "0", "NULL", "目標なし"},
			{"engagement_index", "60", "NULL", "目標なし"},
			{"response_rate", "50", "NULL", "目標なし"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := jinzai.DefaultConfig()
			if c.targets != nil {
				cfg.Metrics.Targets = c.targets
			}
			st := fixture(t, cfg, inserts...)
			got := queryRows(t, st.DB(), `SELECT kpi_code, value, target, status FROM mart_kpi WHERE fiscal_year = 2023 ORDER BY kpi_order`)
			gapAssertRows(t, "mart_kpi FY2023", got, c.want)
		})
	}
}

const itemBankForKPI = `INSERT INTO survey_item (batch_id, item_code, item_text, category, scale, reverse, engagement, source_row) VALUES
	(6, 'E1', '仕事にやりがいを感じる', '挑戦意識', 5, false, true, 2),
	(6, 'E2', 'この職場で働き続けたい', '区組織への愛着心', 5, false, true, 3),
	(6, 'Q3', '業務量は適切だ', '仕事の負荷', 5, false, false, 4)`

var surveyForKPI = []string{
	`INSERT INTO survey (batch_id, survey_code, survey_date, anonymous) VALUES (7, 'S2023', '2023-07-01', true)`,
	`INSERT INTO survey_respondent (batch_id, survey_code, respondent_id, source_row) VALUES
		(7, 'S2023', 'r1', 2), (7, 'S2023', 'r2', 3), (7, 'S2023', 'r3', 4), (7, 'S2023', 'r4', 5), (7, 'S2023', 'r5', 6)`,
	`INSERT INTO survey_response (batch_id, survey_code, respondent_id, item_code, value) VALUES
		(7, 'S2023', 'r1', 'E1', 5), (7, 'S2023', 'r1', 'E2', 5), (7, 'S2023', 'r1', 'Q3', 1),
		(7, 'S2023', 'r2', 'E1', 4), (7, 'S2023', 'r2', 'E2', 4),
		(7, 'S2023', 'r3', 'E1', 3), (7, 'S2023', 'r3', 'E2', 3),
		(7, 'S2023', 'r4', 'E1', 4), (7, 'S2023', 'r4', 'E2', 2),
		(7, 'S2023', 'r5', 'E1', 2)`,
}

// Only batches in use are listed, by file base name, with their dates.
func TestDataSourcesListBatchesInUseByFileName(t *testing.T) {
	st := fixture(t, jinzai.DefaultConfig(),
		// Batch 1 (roster rows of gapRoster) replaced batch 9 for the same
		// 基準日; batch 4 holds the training records of gapRecords.
		`INSERT INTO ingest_batch (batch_id, kind, scope, path, content_hash, rows_read, rows_loaded, rows_rejected, status,
			superseded_by, started_at, finished_at) VALUES
			(9, 'roster', '2023-04-01', '/home/jinji/名簿/roster_20230401.csv', 'h9', 3, 3, 0, 'superseded', 1, '2023-05-01 09:00', '2023-05-01 09:00'),
			(1, 'roster', '2023-04-01', '/home/jinji/名簿/roster_20230401_修正.csv', 'h1', 3, 2, 1, 'loaded', NULL, '2023-05-02 09:00', '2023-05-02 09:00'),
			(4, 'training_record', 'records', 'C:\Users\jinji\研修\受講履歴.xlsx', 'h4', 2, 2, 0, 'loaded', NULL, '2023-05-03 09:00', '2023-05-03 09:00')`,
		gapRoster(
			gapStaff{snapshot: "2023-04-01", id: "A", hire: "2000-04-01", grade: "主任"},
			gapStaff{snapshot: "2023-04-01", id: "B", hire: "2000-04-01", grade: "主事"},
		),
		gapRecords(
			gapRecord{id: "A", course: "L1", start: "2023-04-10"},
			gapRecord{id: "B", course: "L1", start: "2023-06-20"},
		),
	)
	got := queryRows(t, st.DB(), `SELECT kind, batch_id, file_name, rows_loaded, rows_rejected, rows_in_use,
			CAST(data_date AS VARCHAR), CAST(kind_as_of AS VARCHAR)
		FROM mart_data_sources ORDER BY kind_order, batch_id`)
	gapAssertRows(t, "mart_data_sources", got, [][]string{
		{"roster", "1", "roster_20230401_修正.csv", "2", "1", "2", "2023-04-01", "2023-04-01"},
		{"training_record", "4", "受講履歴.xlsx", "2", "0", "2", "2023-06-20", "2023-06-20"},
	})
}

// A training KPI of a fiscal year that had not ended by the latest training
// record is 集計中 while below target, not 未達; a finished year is 未達.
func TestTrainingKPIsOfAnUnfinishedYearAreProvisional(t *testing.T) {
	// Two staff on the FY2023 and FY2024 snapshots; completed records dated
	// 2023-07-01 (FY2023, over by the 2024-04-01 snapshot) and 2024-06-01
	// (FY2024, not over at the as-of date 2024-06-01). Hours per head
	// (target 12): FY2023 6 / 2 = 3 → 未達; FY2024 6 / 2 = 3 → 集計中.
	roster := `INSERT INTO roster (batch_id, snapshot_date, employee_id, birth_date, gender, hire_date, dept_code, dept_name,
		grade, grade_reported, job_family, employment_type, source_row) VALUES
		(1, '2023-04-01', 'A', '1980-05-01', '女性', '2005-04-01', '01', '総務部', '主事', '主事', '一般事務', '常勤', 2),
		(1, '2023-04-01', 'B', '1981-05-01', '男性', '2006-04-01', '01', '総務部', '主事', '主事', '一般事務', '常勤', 3),
		(2, '2024-04-01', 'A', '1980-05-01', '女性', '2005-04-01', '01', '総務部', '主事', '主事', '一般事務', '常勤', 2),
		(2, '2024-04-01', 'B', '1981-05-01', '男性', '2006-04-01', '01', '総務部', '主事', '主事', '一般事務', '常勤', 3)`
	courses := `INSERT INTO training_course (batch_id, course_code, course_name, category, target_grades, required_when, hours, competencies, source_row)
		VALUES (3, 'E1', '選択研修', '選択', [], NULL, 6, [], 2)`
	records := `INSERT INTO training_record (batch_id, employee_id, course_code, start_date, end_date, hours, status, source_row)
		VALUES (4, 'B', 'E1', '2023-07-01', '2023-07-01', 6, '修了', 2),
		       (4, 'A', 'E1', '2024-06-01', '2024-06-01', 6, '修了', 3)`
	st := fixture(t, jinzai.DefaultConfig(), roster, courses, records)
	got := queryRows(t, st.DB(), `SELECT fiscal_year, value, status FROM mart_kpi WHERE kpi_code = 'training_hours_per_head' ORDER BY fiscal_year`)
	want := [][]string{{"2023", "3", "未達"}, {"2024", "3", "集計中"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("training_hours_per_head = %v, want %v", got, want)
	}
}
