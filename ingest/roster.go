package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/ingest/parse"
	"github.com/jinzai-hr/jinzai/store"
)

// rosterLoader loads one 職員名簿 snapshot. Every row must carry the same
// 基準日; a later file for the same 基準日 replaces this one.
type rosterLoader struct {
	grades     map[string]jinzai.Grade
	employment map[string]jinzai.Employment
	app        *store.Appender
	batchID    int64
	snapshot   time.Time
	haveSnap   bool
	seen       map[string]int // employee id → first row
}

func newRosterLoader(cfg jinzai.Config) *rosterLoader {
	l := &rosterLoader{grades: map[string]jinzai.Grade{}, employment: map[string]jinzai.Employment{}, seen: map[string]int{}}
	for _, g := range cfg.Grades {
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			l.grades[parse.Fold(n)] = g
		}
	}
	for _, e := range cfg.Employment {
		for _, n := range append([]string{e.Name, e.Code}, e.Aliases...) {
			l.employment[parse.Fold(n)] = e
		}
	}
	return l
}

func (l *rosterLoader) tables() []string { return []string{"roster"} }
func (l *rosterLoader) upsert() bool     { return false }

var fileNameDate = regexp.MustCompile(`(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`)

func (l *rosterLoader) open(ctx context.Context, tx *store.Tx, b *batch) error {
	l.batchID = b.id
	switch {
	case b.req.SnapshotDate != "":
		d, err := parse.Date(b.req.SnapshotDate)
		if err != nil {
			return fmt.Errorf("基準日 %q を解釈できません (--snapshot): %w", b.req.SnapshotDate, err)
		}
		l.snapshot, l.haveSnap = d, true
	case !b.cols.has("snapshot_date"):
		// A roster without a 基準日 column is dated by its file name (…_20230401.csv).
		m := fileNameDate.FindString(filepath.Base(b.path))
		d, err := parse.Date(m)
		if err != nil {
			return b.fileErr(0, "基準日", fmt.Errorf("基準日の列がなく、ファイル名からも日付が分かりません。--snapshot で指定してください (no snapshot date column, none in the file name; use --snapshot)"))
		}
		l.snapshot, l.haveSnap = d, true
	}
	var err error
	l.app, err = tx.Append("roster", nil)
	return err
}

func (l *rosterLoader) row(c *cells) error {
	id := c.text("employee_id", true)
	if c.cols.has("snapshot_date") && c.raw("snapshot_date") != "" {
		d, ok := c.date("snapshot_date", false)
		switch {
		case !ok:
		case !l.haveSnap:
			l.snapshot, l.haveSnap = d, true
		case !d.Equal(l.snapshot):
			c.fail("snapshot_date", c.raw("snapshot_date"), fmt.Sprintf("基準日が他の行 (%s) と異なります: 1ファイル1基準日 (one snapshot date per file)", l.snapshot.Format("2006-01-02")))
		}
	}
	if !l.haveSnap {
		c.fail("snapshot_date", "", "基準日が空です (snapshot date is blank)")
		return nil
	}
	if first, dup := l.seen[id]; dup && id != "" {
		c.fail("employee_id", id, fmt.Sprintf("職員番号が行%dと重複しています (duplicate employee id in one snapshot)", first))
	}
	name := c.nullText("name")
	birth, hasBirth := c.date("birth_date", false)
	var age any
	if hasBirth {
		a := jinzai.LegalAge(birth, l.snapshot)
		switch {
		case birth.After(l.snapshot):
			c.fail("birth_date", c.raw("birth_date"), "生年月日が基準日より後です (birth date after the snapshot date)")
		case a < 15 || a > 80:
			c.fail("birth_date", c.raw("birth_date"), fmt.Sprintf("基準日の年齢が%d歳になり、範囲 (15〜80) 外です (age out of range)", a))
		}
	} else if n, ok := c.integer("age"); ok {
		if n < 15 || n > 80 {
			c.fail("age", c.raw("age"), "年齢が範囲 (15〜80) 外です (age out of range)")
		}
		age = int32(n)
	} else if c.ok() {
		c.fail("birth_date", "", "生年月日も年齢もありません (neither birth date nor age)")
	}
	gender := c.gender("gender")
	hire, hasHire := c.date("hire_date", false)
	var service any
	if hasHire {
		switch {
		case hire.After(l.snapshot):
			c.fail("hire_date", c.raw("hire_date"), "採用年月日が基準日より後です (hire date after the snapshot date)")
		case hasBirth && jinzai.LegalAge(birth, hire) < 15:
			c.fail("hire_date", c.raw("hire_date"), "採用時の年齢が15歳未満になります (hired before age 15)")
		}
	} else if n, ok := c.integer("years_of_service"); ok {
		if n < 0 || n > 65 {
			c.fail("years_of_service", c.raw("years_of_service"), "勤続年数が範囲 (0〜65) 外です (years of service out of range)")
		}
		service = int32(n)
	} else if c.ok() {
		c.fail("hire_date", "", "採用年月日も勤続年数もありません (neither hire date nor years of service)")
	}
	deptName := c.text("dept_name", true)
	gradeRaw := c.text("grade", true)
	grade, okGrade := l.grades[gradeRaw]
	if !okGrade && gradeRaw != "" {
		c.fail("grade", gradeRaw, "職層が設定 (grades) にありません。別名を設定に追加してください (unknown grade; add it or an alias to grades)")
	}
	job := c.text("job_family", true)
	empRaw := c.text("employment_type", true)
	emp, okEmp := l.employment[empRaw]
	if !okEmp && empRaw != "" {
		c.fail("employment_type", empRaw, "任用形態が設定 (employment) にありません (unknown employment type)")
	}
	if !c.ok() {
		return nil
	}
	l.seen[id] = c.rowNum
	return l.app.Row(l.batchID, l.snapshot, id, name, dateValue(birth, hasBirth), age, gender,
		dateValue(hire, hasHire), service,
		c.nullText("dept_code"), deptName, c.nullText("section_code"), c.nullText("section_name"),
		c.nullText("unit_code"), c.nullText("unit_name"),
		grade.Name, gradeRaw, job, emp.Name, c.nullText("digital_tier"), c.nullText("leave_status"), int32(c.rowNum))
}

func (l *rosterLoader) close(ctx context.Context, tx *store.Tx, b *batch) error {
	if err := l.app.Close(); err != nil {
		return err
	}
	b.scope = l.snapshot.Format("2006-01-02")
	return nil
}
