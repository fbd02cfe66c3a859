package transform

import (
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai"
)

// Age-structure, retirement and projection fixtures: staff written as Go
// values and turned into roster INSERTs. Every expected figure below is
// worked out by hand in the comment beside it.

// ageStaff is one roster row. birth "" means the export had only an age
// (ageReported). hire defaults to April 1 of the year the person turned 23.
type ageStaff struct {
	snapshot, id, birth string
	ageReported         int
	gender              string
	dept, deptName      string
	grade, family       string
	employment          string
	hire                string
}

func ageRoster(staff ...ageStaff) string {
	var vals []string
	for i, s := range staff {
		birth, age := "NULL", "NULL"
		hire := s.hire
		if s.birth != "" {
			birth = "'" + s.birth + "'"
			if hire == "" {
				y, _ := strconv.Atoi(s.birth[:4])
				hire = fmt.Sprintf("%d-04-01", y+23)
			}
		} else {
			age = strconv.Itoa(s.ageReported)
		}
		if hire == "" {
			hire = "2000-04-01"
		}
		emp := s.employment
		if emp == "" {
			emp = "常勤"
		}
		vals = append(vals, fmt.Sprintf("(1, '%s', '%s', %s, %s, '%s', '%s', '%s', '%s', '%s', '%s', '%s', '%s', %d)",
			s.snapshot, s.id, birth, age, s.gender, hire, s.dept, s.deptName, s.grade, s.grade, s.family, emp, i+2))
	}
	return `INSERT INTO roster (batch_id, snapshot_date, employee_id, birth_date, age_reported, gender, hire_date,
		dept_code, dept_name, grade, grade_reported, job_family, employment_type, source_row) VALUES ` + strings.Join(vals, ",\n")
}

func ageAssertRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %v\n want %v", what, got, want)
	}
}

// Two snapshots a fiscal year apart. Everyone is born on October 1, so the
// legal age on April 1 is (snapshot year − birth year − 1).
//
// 2023-04-01 (FY2023), regular headcount (常勤 + 再任用フルタイム):
//
//	E1 01 総務部   男性 born 1998 → 24  〜24
//	E2 01 総務部   女性 born 1990 → 32  30〜34
//	E3 01 総務部   男性 born 1987 → 35  35〜39
//	E4 01 総務部   女性 born 1971 → 51  50〜54
//	E5 02 都市整備部 男性 born 1980 → 42  40〜44
//	E6 02 都市整備部 男性 born 1966 → 56  55〜59
//	E7 02 都市整備部 女性 born 1962 → 60  60〜64 (再任用フルタイム)
//	E8 02 都市整備部 女性 born 1993 → 29  25〜29
//	E9 会計年度任用職員: not in the headcount
//
// 2022-04-01 (FY2022): E1..E7 one year younger (E7 still 常勤), E10 (01,
// 男性, born 1957 → 64, 再任用フルタイム); E8 not yet there. Department 02
// was called 土木部.
func ageStructureFixture(t *testing.T) *sql.DB {
	s23, s22 := "2023-04-01", "2022-04-01"
	staff := []ageStaff{
		{snapshot: s23, id: "E1", birth: "1998-10-01", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},
		{snapshot: s23, id: "E2", birth: "1990-10-01", gender: "女性", dept: "01", deptName: "総務部", grade: "主任", family: "一般事務"},
		{snapshot: s23, id: "E3", birth: "1987-10-01", gender: "男性", dept: "01", deptName: "総務部", grade: "係長", family: "一般事務"},
		{snapshot: s23, id: "E4", birth: "1971-10-01", gender: "女性", dept: "01", deptName: "総務部", grade: "課長", family: "一般事務"},
		{snapshot: s23, id: "E5", birth: "1980-10-01", gender: "男性", dept: "02", deptName: "都市整備部", grade: "係長", family: "土木"},
		{snapshot: s23, id: "E6", birth: "1966-10-01", gender: "男性", dept: "02", deptName: "都市整備部", grade: "課長", family: "土木"},
		{snapshot: s23, id: "E7", birth: "1962-10-01", gender: "女性", dept: "02", deptName: "都市整備部", grade: "主事", family: "土木", employment: "再任用フルタイム"},
		{snapshot: s23, id: "E8", birth: "1993-10-01", gender: "女性", dept: "02", deptName: "都市整備部", grade: "主事", family: "土木"},
		{snapshot: s23, id: "E9", birth: "1960-10-01", gender: "男性", dept: "02", deptName: "都市整備部", grade: "主事", family: "土木", employment: "会計年度任用職員"},
		{snapshot: s22, id: "E1", birth: "1998-10-01", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},
		{snapshot: s22, id: "E2", birth: "1990-10-01", gender: "女性", dept: "01", deptName: "総務部", grade: "主任", family: "一般事務"},
		{snapshot: s22, id: "E3", birth: "1987-10-01", gender: "男性", dept: "01", deptName: "総務部", grade: "係長", family: "一般事務"},
		{snapshot: s22, id: "E4", birth: "1971-10-01", gender: "女性", dept: "01", deptName: "総務部", grade: "課長", family: "一般事務"},
		{snapshot: s22, id: "E5", birth: "1980-10-01", gender: "男性", dept: "02", deptName: "土木部", grade: "係長", family: "土木"},
		{snapshot: s22, id: "E6", birth: "1966-10-01", gender: "男性", dept: "02", deptName: "土木部", grade: "課長", family: "土木"},
		{snapshot: s22, id: "E7", birth: "1962-10-01", gender: "女性", dept: "02", deptName: "土木部", grade: "主事", family: "土木"},
		{snapshot: s22, id: "E10", birth: "1957-10-01", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務", employment: "再任用フルタイム"},
	}
	st := fixture(t, jinzai.DefaultConfig(), ageRoster(staff...))
	return st.DB()
}

func TestAgeSummaryAveragesMediansSharesAndChange(t *testing.T) {
	db := ageStructureFixture(t)
	got := queryRows(t, db, `
		SELECT strftime(snapshot_date, '%Y'), dimension, group_code, group_name, headcount,
		       round(average_age, 4), round(median_age, 4), round(share_51_plus, 4), round(share_35_or_under, 4),
		       headcount_change, round(average_age_change, 4), round(median_age_change, 4),
		       round(share_51_plus_change, 4), round(share_35_or_under_change, 4)
		FROM mart_age_summary
		WHERE (dimension, group_code) IN (('全体', '全体'), ('部', '01'), ('部', '02'), ('任用形態', '再任用フルタイム'), ('性別', '男性'))
		ORDER BY snapshot_date, dimension, group_code`)
	want := [][]string{
		// FY2022: nothing to compare with, every change NULL.
		// 任用形態 再任用フルタイム: E10 alone, 64.
		{"2022", "任用形態", "再任用フルタイム", "再任用フルタイム", "1", "64", "64", "100", "0", "NULL", "NULL", "NULL", "NULL", "NULL"},
		// 全体 2022: 23 31 34 41 50 55 59 64 → sum 357, avg 357/8 = 44.625;
		// median (41+50)/2 = 45.5; 51+: 55 59 64 = 3/8 = 37.5%; ≤35: 23 31 34 = 3/8 = 37.5%.
		{"2022", "全体", "全体", "全体", "8", "44.625", "45.5", "37.5", "37.5", "NULL", "NULL", "NULL", "NULL", "NULL"},
		// 性別 男性 2022: E1 23, E3 34, E5 41, E6 55, E10 64 → 217/5 = 43.4; median 41;
		// 51+: 2/5 = 40%; ≤35: 2/5 = 40%.
		{"2022", "性別", "男性", "男性", "5", "43.4", "41", "40", "40", "NULL", "NULL", "NULL", "NULL", "NULL"},
		// 部 01 2022: 23 31 34 50 64 → 202/5 = 40.4; median 34; 51+: 1/5 = 20%; ≤35: 3/5 = 60%.
		{"2022", "部", "01", "総務部", "5", "40.4", "34", "20", "60", "NULL", "NULL", "NULL", "NULL", "NULL"},
		// 部 02 2022 (土木部): 41 55 59 → 155/3 = 51.6667; median 55; 51+: 2/3 = 66.6667%; ≤35: 0.
		{"2022", "部", "02", "土木部", "3", "51.6667", "55", "66.6667", "0", "NULL", "NULL", "NULL", "NULL", "NULL"},
		// 再任用フルタイム 2023: E7 alone, 60; change vs E10 (64): 0 people, −4 years; shares 100 → 100, 0 → 0.
		{"2023", "任用形態", "再任用フルタイム", "再任用フルタイム", "1", "60", "60", "100", "0", "0", "-4", "-4", "0", "0"},
		// 全体 2023: 24 29 32 35 42 51 56 60 → sum 329, avg 41.125; median (35+42)/2 = 38.5;
		// 51+: 51 56 60 = 3/8 = 37.5%; ≤35: 24 29 32 35 = 4/8 = 50%.
		// change: 8−8 = 0; 41.125−44.625 = −3.5; 38.5−45.5 = −7; 37.5−37.5 = 0; 50−37.5 = +12.5 points.
		{"2023", "全体", "全体", "全体", "8", "41.125", "38.5", "37.5", "50", "0", "-3.5", "-7", "0", "12.5"},
		// 性別 男性 2023: 24 35 42 56 → 157/4 = 39.25; median (35+42)/2 = 38.5; 51+: 1/4 = 25%; ≤35: 2/4 = 50%.
		// change: 4−5 = −1; 39.25−43.4 = −4.15; 38.5−41 = −2.5; 25−40 = −15; 50−40 = +10.
		{"2023", "性別", "男性", "男性", "4", "39.25", "38.5", "25", "50", "-1", "-4.15", "-2.5", "-15", "10"},
		// 部 01 2023: 24 32 35 51 → 142/4 = 35.5; median (32+35)/2 = 33.5; 51+: 1/4 = 25%; ≤35: 3/4 = 75%.
		// change: 4−5 = −1; 35.5−40.4 = −4.9; 33.5−34 = −0.5; 25−20 = +5; 75−60 = +15.
		{"2023", "部", "01", "総務部", "4", "35.5", "33.5", "25", "75", "-1", "-4.9", "-0.5", "5", "15"},
		// 部 02 2023, renamed 都市整備部 but the same code: 29 42 56 60 → 187/4 = 46.75;
		// median (42+56)/2 = 49; 51+: 2/4 = 50%; ≤35: 1/4 = 25%.
		// change: 4−3 = +1; 46.75−51.6667 = −4.9167; 49−55 = −6; 50−66.6667 = −16.6667; 25−0 = +25.
		{"2023", "部", "02", "都市整備部", "4", "46.75", "49", "50", "25", "1", "-4.9167", "-6", "-16.6667", "25"},
	}
	ageAssertRows(t, "mart_age_summary", got, want)

	// Six dimensions per snapshot: 全体 1, 部 2, 職種 2, 職層 4 (主事 主任 係長 課長), 性別 2, 任用形態 2 = 13 groups.
	n := queryRows(t, db, `SELECT count(*) FROM mart_age_summary WHERE snapshot_date = '2023-04-01'`)
	if n[0][0] != "13" {
		t.Errorf("2023 groups = %s, want 13", n[0][0])
	}
}

func TestAgePyramidByGenderWithChangeIncludingEmptiedBands(t *testing.T) {
	db := ageStructureFixture(t)
	got := queryRows(t, db, `
		SELECT age_band, age_band_order, gender, headcount, headcount_change
		FROM mart_age_pyramid
		WHERE snapshot_date = '2023-04-01' AND dimension = '全体'
		ORDER BY age_band_order, gender`)
	// 2023 cells vs 2022 cells (全体):
	//   〜24 男 E1 (23 → 24)             1, was 1 → 0
	//   25〜29 女 E8 (new)                1, was 0 → +1
	//   30〜34 女 E2 (31 → 32)           1, was 1 → 0
	//   30〜34 男 E3 was 34, now 35       0, was 1 → −1 (kept as a 0 row)
	//   35〜39 男 E3                      1, was 0 → +1
	//   40〜44 男 E5 (41 → 42)           1, was 1 → 0
	//   50〜54 女 E4 (50 → 51)           1, was 1 → 0
	//   55〜59 男 E6 (55 → 56)           1, was 1 → 0
	//   55〜59 女 E7 was 59, now 60       0, was 1 → −1
	//   60〜64 女 E7                      1, was 0 → +1
	//   60〜64 男 E10 (64) gone           0, was 1 → −1
	// ("女性" sorts before "男性".) The cells sum to 8 and the changes to 0.
	want := [][]string{
		{"〜24", "20", "男性", "1", "0"},
		{"25〜29", "25", "女性", "1", "1"},
		{"30〜34", "30", "女性", "1", "0"},
		{"30〜34", "30", "男性", "0", "-1"},
		{"35〜39", "35", "男性", "1", "1"},
		{"40〜44", "40", "男性", "1", "0"},
		{"50〜54", "50", "女性", "1", "0"},
		{"55〜59", "55", "女性", "0", "-1"},
		{"55〜59", "55", "男性", "1", "0"},
		{"60〜64", "60", "女性", "1", "1"},
		{"60〜64", "60", "男性", "0", "-1"},
	}
	ageAssertRows(t, "pyramid 全体 2023", got, want)

	// Department 01 on its own page: E1 〜24 男, E2 30〜34 女, E3 35〜39 男,
	// E4 50〜54 女; in 2022 also E3 in 30〜34 男 and E10 in 60〜64 男.
	got = queryRows(t, db, `
		SELECT group_name, age_band, gender, headcount, headcount_change
		FROM mart_age_pyramid
		WHERE snapshot_date = '2023-04-01' AND dimension = '部' AND group_code = '01'
		ORDER BY age_band_order, gender`)
	want = [][]string{
		{"総務部", "〜24", "男性", "1", "0"},
		{"総務部", "30〜34", "女性", "1", "0"},
		{"総務部", "30〜34", "男性", "0", "-1"},
		{"総務部", "35〜39", "男性", "1", "1"},
		{"総務部", "50〜54", "女性", "1", "0"},
		{"総務部", "60〜64", "男性", "0", "-1"},
	}
	ageAssertRows(t, "pyramid 部 01 2023", got, want)

	// The first snapshot has nothing to compare with.
	got = queryRows(t, db, `SELECT DISTINCT headcount_change FROM mart_age_pyramid WHERE snapshot_date = '2022-04-01'`)
	ageAssertRows(t, "pyramid 2022 change", got, [][]string{{"NULL"}})
}

// From a 2023-04-01 snapshot, the national staged schedule (61 in
// FY2023–24, 62 in 2025–26, 63 in 2027–28, 64 in 2029–30, 65 from 2031).
// A person born April 2 of year B to April 1 of B+1 has legal age fy − B on
// March 31 at the end of FY fy, and retires in the first fy with
// fy − B ≥ retirement age of fy:
//
//	B=1963: 2023 60<61, 2024 61≥61 → FY2024
//	B=1964: 2024 60<61, 2025 61<62, 2026 62≥62 → FY2026
//	B=1965: 2027 62<63, 2028 63≥63 → FY2028
//	B=1966: 2029 63<64, 2030 64≥64 → FY2030
//	B=1967: 2031 64<65, 2032 65≥65 → FY2032
//	B=1968: 2033 65 → FY2033, outside FY2023–2032
//
// so FY2023, 2025, 2027, 2029 and 2031 have no regular retirements.
func TestRetirementScheduleFY2023To2032(t *testing.T) {
	s := "2023-04-01"
	staff := []ageStaff{
		{snapshot: s, id: "R1", birth: "1963-04-02", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},                          // B=1963 → FY2024
		{snapshot: s, id: "R2", birth: "1964-04-01", gender: "女性", dept: "01", deptName: "総務部", grade: "主任", family: "一般事務"},                          // born April 1: B=1963 → FY2024
		{snapshot: s, id: "R3", birth: "1964-04-02", gender: "男性", dept: "02", deptName: "土木部", grade: "係長", family: "土木"},                            // B=1964 → FY2026 (監督職: no 役職定年)
		{snapshot: s, id: "R4", birth: "1965-04-02", gender: "女性", dept: "01", deptName: "総務部", grade: "課長", family: "一般事務"},                          // B=1965: 60 at end of FY2025 → 役職定年 FY2025; retires FY2028
		{snapshot: s, id: "R5", birth: "1965-10-01", gender: "男性", dept: "02", deptName: "土木部", grade: "主事", family: "土木"},                            // B=1965 → FY2028
		{snapshot: s, id: "R6", birth: "1966-05-05", gender: "女性", dept: "01", deptName: "総務部", grade: "主任", family: "一般事務"},                          // B=1966 → FY2030
		{snapshot: s, id: "R7", birth: "1967-12-31", gender: "男性", dept: "02", deptName: "土木部", grade: "係長", family: "土木"},                            // B=1967 → FY2032
		{snapshot: s, id: "R8", birth: "1968-04-02", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},                          // B=1968 → FY2033, outside
		{snapshot: s, id: "R9", ageReported: 59, gender: "女性", dept: "02", deptName: "土木部", grade: "主事", family: "土木"},                                // age only: 59 on April 1 is 60 by March 31: 59+1+n at end of FY2023+n: 60<61, 61≥61 → FY2024
		{snapshot: s, id: "R10", birth: "1962-05-01", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務", employment: "再任用フルタイム"}, // already retired: not counted
		{snapshot: s, id: "R11", birth: "1990-06-01", gender: "女性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},                         // young
	}
	st := fixture(t, jinzai.DefaultConfig(), ageRoster(staff...))
	db := st.DB()

	got := queryRows(t, db, `
		SELECT fiscal_year, CAST(sum(retirements) AS INTEGER), CAST(sum(post_exits) AS INTEGER)
		FROM mart_retirement_projection GROUP BY fiscal_year ORDER BY fiscal_year`)
	want := [][]string{
		{"2023", "0", "0"},
		{"2024", "3", "0"}, // R1, R2, R9 (exported age)
		{"2025", "0", "1"}, // R4 leaves the 課長 post (役職定年), stays until FY2028
		{"2026", "1", "0"}, // R3
		{"2027", "0", "0"},
		{"2028", "2", "0"}, // R4, R5
		{"2029", "0", "0"},
		{"2030", "1", "0"}, // R6
		{"2031", "0", "0"},
		{"2032", "1", "0"}, // R7
	}
	ageAssertRows(t, "retirements per FY", got, want)

	// 5 groups of 常勤 staff (01 主事 一般事務: R1 R8 R11; 01 主任: R2 R6; 01 課長: R4;
	// 02 係長 土木: R3 R7; 02 主事 土木: R5 R9) × 10 fiscal years = 50 rows.
	got = queryRows(t, db, `
		SELECT count(*), count(DISTINCT (dept_code, grade, job_family)) FROM mart_retirement_projection`)
	ageAssertRows(t, "projection rows", got, [][]string{{"50", "5"}})
	got = queryRows(t, db, `
		SELECT fiscal_year, dept_name, grade, job_family, regular_headcount, retirements, post_exits
		FROM mart_retirement_projection
		WHERE grade = '課長' AND fiscal_year IN (2025, 2028) ORDER BY fiscal_year`)
	ageAssertRows(t, "R4's group", got, [][]string{
		{"2025", "総務部", "課長", "一般事務", "1", "0", "1"},
		{"2028", "総務部", "課長", "一般事務", "1", "1", "0"},
	})

	// The SQL agrees with the Go reference (retirement.go) for every birth date.
	rule := jinzai.NationalRetirementRule()
	rows := queryRows(t, db, `
		SELECT employee_id, strftime(birth_date, '%Y-%m-%d'), retirement_fiscal_year, coalesce(post_limit_fiscal_year, 0)
		FROM int_retirement_outlook WHERE is_regular AND birth_date IS NOT NULL ORDER BY employee_id`)
	if len(rows) != 9 {
		t.Fatalf("birth-dated 常勤 = %d, want 9", len(rows))
	}
	for _, r := range rows {
		birth, _ := time.Parse("2006-01-02", r[1])
		if want := strconv.Itoa(rule.RetirementFiscalYear(birth, 2023)); r[2] != want {
			t.Errorf("%s born %s: SQL retires FY%s, Go FY%s", r[0], r[1], r[2], want)
		}
	}
	// One case by hand against Go: R4 born 1965-04-02 retires FY2028 and leaves the post FY2025.
	r4 := time.Date(1965, 4, 2, 0, 0, 0, 0, time.UTC)
	if rule.RetirementFiscalYear(r4, 2023) != 2028 || rule.PostLimitFiscalYear(r4, 2023) != 2025 {
		t.Fatalf("Go reference disagrees with the hand-worked R4")
	}
	got = queryRows(t, db, `SELECT retirement_fiscal_year, post_limit_fiscal_year, post_exit_fiscal_year, exit_fiscal_year
		FROM int_retirement_outlook WHERE employee_id = 'R4'`)
	ageAssertRows(t, "R4", got, [][]string{{"2028", "2025", "2025", "2028"}})
	// The re-employed R10 (born 1962-05-01) has no retirement year; they
	// leave the headcount at the end of the FY in which they reach 65:
	// legal age at 2027-03-31 is 64, at 2028-03-31 65 → FY2027.
	got = queryRows(t, db, `SELECT retirement_fiscal_year, exit_fiscal_year FROM int_retirement_outlook WHERE employee_id = 'R10'`)
	ageAssertRows(t, "R10", got, [][]string{{"NULL", "2027"}})
}

// A five-person headcount on 2023-04-01 (legal ages then):
//
//	Q1 男性 常勤 born 1963-06-01, 59: B=1963 → retires end of FY2024
//	Q2 女性 常勤 born 1964-06-01, 58: B=1964 → retires end of FY2026
//	Q3 男性 再任用フルタイム born 1959-06-01, 63: 65 at end of FY2024 → leaves then
//	Q4 女性 常勤 born 1990-06-01, 32: stays
//	Q5 男性 常勤, exported age 59: taken as 60 at end FY2023, 61 at end FY2024 → retires FY2024
//	Q6 再任用短時間: not in the headcount
//
// Leavers: 3 at the end of FY2024 (Q1 Q3 Q5), 1 at the end of FY2026 (Q2).
func projectionStaff() string {
	s := "2023-04-01"
	return ageRoster(
		ageStaff{snapshot: s, id: "Q1", birth: "1963-06-01", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},
		ageStaff{snapshot: s, id: "Q2", birth: "1964-06-01", gender: "女性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},
		ageStaff{snapshot: s, id: "Q3", birth: "1959-06-01", gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務", employment: "再任用フルタイム"},
		ageStaff{snapshot: s, id: "Q4", birth: "1990-06-01", gender: "女性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},
		ageStaff{snapshot: s, id: "Q5", ageReported: 59, gender: "男性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務"},
		ageStaff{snapshot: s, id: "Q6", birth: "1960-06-01", gender: "女性", dept: "01", deptName: "総務部", grade: "主事", family: "一般事務", employment: "再任用短時間"},
	)
}

func projectedTotals(t *testing.T, db *sql.DB) [][]string {
	return queryRows(t, db, `SELECT fiscal_year, min(scenario), round(sum(headcount), 6)
		FROM mart_projected_pyramid GROUP BY fiscal_year ORDER BY fiscal_year`)
}

func projectedYear(t *testing.T, db *sql.DB, fy int) [][]string {
	return queryRows(t, db, `SELECT age_band, gender, round(headcount, 6)
		FROM mart_projected_pyramid WHERE fiscal_year = ? ORDER BY age_band_order, gender`, fy)
}

func TestProjectedPyramidKeepHeadcount(t *testing.T) {
	st := fixture(t, jinzai.DefaultConfig(), projectionStaff())
	db := st.DB()
	// keep_headcount: every leaver is replaced the next FY, so the total is 5 in each of FY2023..2032.
	var want [][]string
	for fy := 2023; fy <= 2032; fy++ {
		want = append(want, []string{strconv.Itoa(fy), "keep_headcount", "5"})
	}
	ageAssertRows(t, "keep_headcount totals", projectedTotals(t, db), want)

	// FY2024: nobody left at the end of FY2023; all one year older:
	// Q1 60, Q3 64, Q5 60 → 60〜64 男 3; Q2 59 → 55〜59 女; Q4 33 → 30〜34 女.
	ageAssertRows(t, "FY2024", projectedYear(t, db, 2024), [][]string{
		{"30〜34", "女性", "1"}, {"55〜59", "女性", "1"}, {"60〜64", "男性", "3"},
	})
	// FY2025: 3 hires (for Q1 Q3 Q5) at the default ages 22 (0.6), 25 (0.25),
	// 30 (0.15), half women: 22 → 1.8 = 0.9 + 0.9; 25 → 0.75 = 0.375 + 0.375;
	// 30 → 0.45 = 0.225 + 0.225. Q4 is 34 (30〜34 女 1 + 0.225 = 1.225), Q2 is 60.
	ageAssertRows(t, "FY2025", projectedYear(t, db, 2025), [][]string{
		{"〜24", "女性", "0.9"}, {"〜24", "男性", "0.9"},
		{"25〜29", "女性", "0.375"}, {"25〜29", "男性", "0.375"},
		{"30〜34", "女性", "1.225"}, {"30〜34", "男性", "0.225"},
		{"60〜64", "女性", "1"},
	})
	// FY2032: FY2025 hires 7 years older (29: 1.8, 32: 0.75, 37: 0.45), the
	// one FY2027 hire (for Q2) 5 years older (27: 0.6, 30: 0.25, 35: 0.15),
	// Q4 41. 25〜29: 2.4, 30〜34: 1.0, 35〜39: 0.6, halved by gender; 40〜44 女 1.
	ageAssertRows(t, "FY2032", projectedYear(t, db, 2032), [][]string{
		{"25〜29", "女性", "1.2"}, {"25〜29", "男性", "1.2"},
		{"30〜34", "女性", "0.5"}, {"30〜34", "男性", "0.5"},
		{"35〜39", "女性", "0.3"}, {"35〜39", "男性", "0.3"},
		{"40〜44", "女性", "1"},
	})
}

func TestProjectedPyramidReplacesHiresWhoRetireToo(t *testing.T) {
	cfg := jinzai.DefaultConfig()
	cfg.Metrics.HireAges = []jinzai.HireAge{{Age: 60, Share: 1}}
	st := fixture(t, cfg, projectionStaff())
	db := st.DB()
	// Everyone is hired at 60 and retires like the others (age at end of FY g
	// = 60 + g − hire FY): the 3 hires of FY2025 reach 60 61 62 63 at the ends
	// of FY2025..2028, 63 ≥ 63 in FY2028 → leave, replaced by 3 hires in FY2029.
	// The FY2027 hire (for Q2) reaches 65 only at the end of FY2032.
	var want [][]string
	for fy := 2023; fy <= 2032; fy++ {
		want = append(want, []string{strconv.Itoa(fy), "keep_headcount", "5"})
	}
	ageAssertRows(t, "totals", projectedTotals(t, db), want)
	// FY2028: FY2025 hires aged 63 (1.5 + 1.5), FY2027 hire aged 61 (0.5 + 0.5), Q4 37.
	ageAssertRows(t, "FY2028", projectedYear(t, db, 2028), [][]string{
		{"35〜39", "女性", "1"}, {"60〜64", "女性", "2"}, {"60〜64", "男性", "2"},
	})
	// FY2029: the FY2025 hires are gone, 3 new ones aged 60; the FY2027 hire is 62; Q4 38.
	ageAssertRows(t, "FY2029", projectedYear(t, db, 2029), [][]string{
		{"35〜39", "女性", "1"}, {"60〜64", "女性", "2"}, {"60〜64", "男性", "2"},
	})
	got := queryRows(t, db, `SELECT count(*) FROM mart_projected_pyramid WHERE fiscal_year = 2032 AND age_band = '65〜'`)
	// FY2032: the FY2027 hire is 65 during FY2032 (60 + 5) and leaves at its end.
	ageAssertRows(t, "FY2032 65〜 cells", got, [][]string{{"2"}})
}

func TestProjectedPyramidFixedHires(t *testing.T) {
	cfg := jinzai.DefaultConfig()
	cfg.Metrics.HiringScenario = "fixed"
	cfg.Metrics.HiresPerYear = 2
	st := fixture(t, cfg, projectionStaff())
	db := st.DB()
	// fixed: +2 hires every projected FY, less the leavers at the end of the FY before.
	//   FY2023 5 (the snapshot)
	//   FY2024 5 + 2 − 0 = 7
	//   FY2025 7 + 2 − 3 (Q1 Q3 Q5) = 6
	//   FY2026 6 + 2 − 0 = 8
	//   FY2027 8 + 2 − 1 (Q2) = 9
	//   FY2028..2032 +2 a year: 11 13 15 17 19 (hires aged 22–30 do not retire within 10 years)
	want := [][]string{}
	for i, total := range []string{"5", "7", "6", "8", "9", "11", "13", "15", "17", "19"} {
		want = append(want, []string{strconv.Itoa(2023 + i), "fixed", total})
	}
	ageAssertRows(t, "fixed totals", projectedTotals(t, db), want)
	// FY2024: the 2 hires: 22 → 1.2, 25 → 0.5, 30 → 0.3, halved by gender.
	// With Q4 33 → 30〜34 女 1 + 0.15 = 1.15.
	ageAssertRows(t, "FY2024", projectedYear(t, db, 2024), [][]string{
		{"〜24", "女性", "0.6"}, {"〜24", "男性", "0.6"},
		{"25〜29", "女性", "0.25"}, {"25〜29", "男性", "0.25"},
		{"30〜34", "女性", "1.15"}, {"30〜34", "男性", "0.15"},
		{"55〜59", "女性", "1"}, {"60〜64", "男性", "3"},
	})
}

// Knowledge transfer with small_family_max = 4 (everyone born October 1,
// so the legal age on 2023-04-01 is 2022 − birth year):
//
//	保健師 58 56 45 30 (+ a 会計年度 aged 62, not in the headcount): 4 ≤ 4 → small;
//	        55+: 2 (50%), under 40: 1; 2 > 1 → 高
//	栄養士 50 35: small; nobody 55+ → 低
//	土木   57 58 59 33 44: 5 > 4, not small; 55+: 3 (60%) > under 40: 1 → 中
//	一般事務 25 30 45 56 60 (再任用フルタイム): not small; 55+: 2 (40%), under 40: 2; not more → 低
func TestKnowledgeTransferSmallFamily(t *testing.T) {
	cfg := jinzai.DefaultConfig()
	cfg.Metrics.SmallFamilyMax = 4
	s := "2023-04-01"
	var staff []ageStaff
	add := func(family, employment string, ages ...int) {
		for _, a := range ages {
			staff = append(staff, ageStaff{snapshot: s, id: fmt.Sprintf("%s%d", family, a), birth: fmt.Sprintf("%d-10-01", 2022-a),
				gender: "女性", dept: "01", deptName: "総務部", grade: "主事", family: family, employment: employment})
		}
	}
	add("保健師", "", 58, 56, 45, 30)
	add("保健師", "会計年度任用職員", 62)
	add("栄養士", "", 50, 35)
	add("土木", "", 57, 58, 59, 33, 44)
	add("一般事務", "", 25, 30, 45, 56)
	add("一般事務", "再任用フルタイム", 60)
	st := fixture(t, cfg, ageRoster(staff...))
	got := queryRows(t, st.DB(), `
		SELECT job_family, headcount, aged_55_plus, round(share_55_plus, 4), under_40, is_small, risk_level
		FROM mart_knowledge_transfer ORDER BY job_family`)
	ageAssertRows(t, "mart_knowledge_transfer", got, [][]string{
		{"一般事務", "5", "2", "40", "2", "false", "低"},
		{"保健師", "4", "2", "50", "1", "true", "高"},
		{"土木", "5", "3", "60", "1", "false", "中"},
		{"栄養士", "2", "0", "0", "1", "true", "低"},
	})
}
