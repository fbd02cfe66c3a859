package transform

import (
	"context"
	"strconv"
	"testing"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// benchMunicipality fills the canonical tables with a synthetic
// municipality of Setagaya's size (seed 002: 5,514 regular staff): 7,500
// people, of whom everyone aged 22–64 on a 基準日 is on that year's roster,
// for 10 April-1 snapshots (FY2017–2026), about 5,500 a year. Attributes
// come from hashes of the person's number, so the data is the same every
// run. Grades follow age; from 61 staff are 再任用フルタイム. A small
// training catalogue with 昇任候補 courses and records for a third of the
// staff gives the succession and training models work to do.
// benchMunicipality returns the statements for a municipality of the
// given number of people (7,500 gives Setagaya's size).
func benchMunicipality(people int) []string {
	n := strconv.Itoa(people)
	return []string{
		`INSERT INTO roster (batch_id, snapshot_date, employee_id, birth_date, gender, hire_date, dept_code, dept_name,
		grade, grade_reported, job_family, employment_type, leave_status, source_row)
	WITH people AS (
		SELECT
			i,
			DATE '1953-04-02' + CAST(hash(i, 'birth') % 17000 AS INTEGER)           AS birth,
			CASE WHEN hash(i, 'gender') % 100 < 45 THEN '女性' ELSE '男性' END         AS gender,
			lpad(CAST(hash(i, 'dept') % 28 + 1 AS VARCHAR), 2, '0')                  AS dept,
			['一般事務', '一般事務', '一般事務', '一般事務', '一般事務', '一般事務', '一般事務', '一般事務',
			 '一般事務', '一般事務', '一般事務', '一般事務', '土木', '建築', '保健師', '福祉', '保育士',
			 '栄養士', '技能労務', '電気'][CAST(hash(i, 'family') % 20 + 1 AS INTEGER)] AS family,
			hash(i, 'career') % 100                                                  AS career
		FROM range(` + n + `) AS t(i)
	),
	snapshots AS (
		SELECT make_date(2017 + n, 4, 1) AS snapshot_date FROM range(10) AS s(n)
	),
	on_roster AS (
		SELECT p.*, s.snapshot_date, date_diff('year', p.birth, s.snapshot_date) AS age
		FROM people AS p CROSS JOIN snapshots AS s
		WHERE date_diff('year', p.birth, s.snapshot_date) BETWEEN 23 AND 64
	)
	SELECT
		1,
		snapshot_date,
		printf('E%05d', i),
		birth,
		gender,
		make_date(year(birth) + 22, 4, 1),
		dept,
		'第' || dept || '部',
		CASE WHEN family = '技能労務' THEN CASE WHEN age < 35 THEN '技能員' WHEN age < 45 THEN '技能主任'
		                                     WHEN age < 55 OR career < 70 THEN '技能長' ELSE '統括技能長' END
		     WHEN age < 28 THEN '主事' WHEN age < 33 THEN '主任' WHEN age < 40 THEN '係長'
		     WHEN age >= 52 AND career < 8 THEN '部長' WHEN age >= 45 AND career < 35 THEN '課長'
		     ELSE '課長補佐' END AS grade,
		CASE WHEN family = '技能労務' THEN CASE WHEN age < 35 THEN '技能員' WHEN age < 45 THEN '技能主任'
		                                     WHEN age < 55 OR career < 70 THEN '技能長' ELSE '統括技能長' END
		     WHEN age < 28 THEN '主事' WHEN age < 33 THEN '主任' WHEN age < 40 THEN '係長'
		     WHEN age >= 52 AND career < 8 THEN '部長' WHEN age >= 45 AND career < 35 THEN '課長'
		     ELSE '課長補佐' END AS grade_reported,
		family,
		CASE WHEN age >= 61 THEN '再任用フルタイム' ELSE '常勤' END,
		CASE WHEN hash(i, snapshot_date) % 100 < 2 THEN '育児休業' END,
		CAST(row_number() OVER () AS INTEGER) + 1
	FROM on_roster`,
		`INSERT INTO training_course (batch_id, course_code, course_name, category, target_grades, required_when, hours, competencies, source_row) VALUES
		(2, 'C01', '新規採用職員研修', '階層別必修', ['主事'], '採用時', 30, ['職務遂行能力'], 2),
		(2, 'C02', '主任候補研修', '階層別必修', ['主任'], '昇任候補', 6, ['指導育成能力'], 3),
		(2, 'C03', '係長候補研修', '階層別必修', ['係長'], '昇任候補', 12, ['組織運営能力'], 4),
		(2, 'C04', '管理職候補研修', '階層別必修', ['課長'], '昇任候補', 12, ['政策立案能力'], 5),
		(2, 'C05', '新任課長研修', '階層別必修', ['課長'], '昇任後', 12, ['行政経営能力'], 6),
		(2, 'C06', '部長候補研修', '階層別必修', ['部長'], '昇任候補', 6, ['政策決定能力'], 7),
		(2, 'C07', '公務員倫理研修', '階層別必修', [], '毎年', 2, [], 8)`,
		`INSERT INTO training_record (batch_id, employee_id, course_code, start_date, end_date, hours, status, source_row)
	SELECT 3, printf('E%05d', i), c.code, DATE '2022-06-01', DATE '2022-06-02', NULL,
	       CASE WHEN hash(i, c.code) % 10 = 0 THEN '受講中' ELSE '修了' END,
	       CAST(row_number() OVER () AS INTEGER) + 1
	FROM range(` + n + `) AS t(i)
	CROSS JOIN (VALUES ('C02'), ('C03'), ('C04'), ('C06'), ('C07')) AS c(code)
	WHERE hash(i, 'trained', c.code) % 3 = 0`,
	}
}

// BenchmarkTransform runs the whole transform (every model and data test)
// on the synthetic municipality of Setagaya's size (about 5,500 staff a
// year, 10 snapshots).
func BenchmarkTransform(b *testing.B) { benchTransform(b, 7500) }

// BenchmarkTransform100k is an organisation of about 100,000 staff a year
// with 10 snapshots (about a million roster rows).
func BenchmarkTransform100k(b *testing.B) { benchTransform(b, 136000) }

func benchTransform(b *testing.B, people int) {
	ctx := context.Background()
	st, err := store.Open(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	for _, q := range benchMunicipality(people) {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	cfg := jinzai.DefaultConfig()
	for b.Loop() {
		if _, err := Run(ctx, st, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
