package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/jinzai-hr/jinzai"

	"github.com/jinzai-hr/jinzai/ingest/parse"
	"github.com/jinzai-hr/jinzai/store"
)

// assignmentLoader loads the posting history. The file is a full export:
// it replaces the history loaded before.
type assignmentLoader struct {
	app     *store.Appender
	batchID int64
}

func (l *assignmentLoader) tables() []string { return []string{"assignment"} }
func (l *assignmentLoader) upsert() bool     { return false }

func (l *assignmentLoader) open(ctx context.Context, tx *store.Tx, b *batch) (err error) {
	l.batchID = b.id
	l.app, err = tx.Append("assignment", nil)
	return err
}

func (l *assignmentLoader) row(c *cells) error {
	id := c.text("employee_id", true)
	start, _ := c.date("start_date", true)
	end, hasEnd := c.date("end_date", false)
	if hasEnd && end.Before(start) {
		c.fail("end_date", c.raw("end_date"), "終了日が発令日より前です (end date before start date)")
	}
	dept := c.text("dept_name", true)
	front := c.flag("front_line")
	if !c.ok() {
		return nil
	}
	return l.app.Row(l.batchID, id, start, dateValue(end, hasEnd), c.nullText("dept_code"), dept,
		c.nullText("section_code"), c.nullText("section_name"), c.nullText("unit_code"), c.nullText("unit_name"),
		front, int32(c.rowNum))
}

func (l *assignmentLoader) close(ctx context.Context, tx *store.Tx, b *batch) error {
	b.scope = "all"
	return l.app.Close()
}

// requiredWhen lists the accepted values of 受講時期 (docs/input-files.md).
var requiredWhen = map[string]bool{"採用時": true, "2年目以降": true, "昇任候補": true, "昇任後": true, "毎年": true, "3年毎": true}

// courseCategories are the accepted 研修区分.
var courseCategories = map[string]bool{"階層別必修": true, "選択": true, "特別": true, "自主": true, "eラーニング": true, "通信教育": true, "派遣": true}

// courseLoader loads the training catalogue, replacing the previous one.
// Target grades are mapped onto the configured ladder (aliases to names);
// 管理職 and 監督職 stand for a whole grade class and are kept as they are.
type courseLoader struct {
	grades  map[string]string // folded name or alias → canonical grade
	app     *store.Appender
	batchID int64
	seen    map[string]int
}

// gradeClasses are the class words a catalogue may target instead of grades.
var gradeClasses = map[string]bool{"管理職": true, "監督職": true}

func newCourseLoader(cfg jinzai.Config) *courseLoader {
	l := &courseLoader{grades: map[string]string{}}
	for _, g := range cfg.Grades {
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			l.grades[parse.Fold(n)] = g.Name
		}
	}
	return l
}

func (l *courseLoader) tables() []string { return []string{"training_course"} }
func (l *courseLoader) upsert() bool     { return false }

func (l *courseLoader) open(ctx context.Context, tx *store.Tx, b *batch) (err error) {
	l.batchID, l.seen = b.id, map[string]int{}
	l.app, err = tx.Append("training_course", nil)
	return err
}

func (l *courseLoader) row(c *cells) error {
	code := c.text("course_code", true)
	if first, dup := l.seen[code]; dup {
		c.fail("course_code", code, fmt.Sprintf("研修コードが行%dと重複しています (duplicate course code)", first))
	}
	name := c.text("course_name", true)
	cat := c.text("category", true)
	if cat != "" && !courseCategories[cat] {
		c.fail("category", cat, "研修区分は 階層別必修/選択/特別/自主/eラーニング/通信教育/派遣 のいずれかです (unknown category)")
	}
	when := c.text("required_when", false)
	if when != "" && !requiredWhen[when] {
		c.fail("required_when", when, "受講時期は 採用時/2年目以降/昇任候補/昇任後/毎年/3年毎 のいずれかです (unknown required_when)")
	}
	hours, hasHours := c.number("hours")
	var targets []string
	for _, g := range parse.SplitList(c.raw("target_grades")) {
		switch name, ok := l.grades[g]; {
		case ok:
			targets = append(targets, name)
		case gradeClasses[g]:
			targets = append(targets, g)
		default:
			c.fail("target_grades", g, "対象職層が設定 (grades) にありません (unknown grade; use a grade, an alias, 管理職 or 監督職)")
		}
	}
	if !c.ok() {
		return nil
	}
	l.seen[code] = c.rowNum
	return l.app.Row(l.batchID, code, name, cat, listValue(targets), nullIfEmpty(when),
		floatValue(hours, hasHours), listValue(parse.SplitList(c.raw("competencies"))), c.nullText("digital_tier"), int32(c.rowNum))
}

func (l *courseLoader) close(ctx context.Context, tx *store.Tx, b *batch) error {
	b.scope = "all"
	return l.app.Close()
}

// trainingStatus maps the accepted 状況 values; blank means 修了.
var trainingStatus = map[string]string{"": "修了", "修了": "修了", "完了": "修了", "受講済": "修了", "受講中": "受講中", "未修了": "未修了", "未完了": "未修了", "欠席": "欠席"}

// recordLoader adds training records; a record already stored with the
// same employee, course and start date is replaced by the newer one.
type recordLoader struct {
	app     *store.Appender
	batchID int64
	seen    map[string]int
}

func (l *recordLoader) tables() []string { return []string{"training_record"} }
func (l *recordLoader) upsert() bool     { return true }

func (l *recordLoader) open(ctx context.Context, tx *store.Tx, b *batch) (err error) {
	l.batchID, l.seen = b.id, map[string]int{}
	l.app, err = tx.Append("training_record", nil)
	return err
}

func (l *recordLoader) row(c *cells) error {
	id := c.text("employee_id", true)
	course := c.text("course_code", true)
	start, _ := c.date("start_date", true)
	end, hasEnd := c.date("end_date", false)
	if hasEnd && end.Before(start) {
		c.fail("end_date", c.raw("end_date"), "修了日が受講日より前です (end date before start date)")
	}
	hours, hasHours := c.number("hours")
	if hasHours && (hours < 0 || hours > 2000) {
		c.fail("hours", c.raw("hours"), "受講時間が範囲 (0〜2000) 外です (hours out of range)")
	}
	status, okStatus := trainingStatus[c.text("status", false)]
	if !okStatus {
		c.fail("status", c.raw("status"), "状況は 修了/受講中/未修了/欠席 のいずれかです (unknown status)")
	}
	key := id + "\x00" + course + "\x00" + start.Format("20060102")
	if first, dup := l.seen[key]; dup && c.ok() {
		c.fail("employee_id", id, fmt.Sprintf("同じ職員・研修・受講日の行が行%dにあります (duplicate record)", first))
	}
	if !c.ok() {
		return nil
	}
	l.seen[key] = c.rowNum
	return l.app.Row(l.batchID, id, course, start, dateValue(end, hasEnd), floatValue(hours, hasHours), status, int32(c.rowNum))
}

// close flushes and removes the older copies of the records this batch carries.
func (l *recordLoader) close(ctx context.Context, tx *store.Tx, b *batch) error {
	b.scope = "records"
	if err := l.app.Close(); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `DELETE FROM training_record AS old USING training_record AS new
		WHERE new.batch_id = ? AND old.batch_id <> new.batch_id
		  AND old.employee_id = new.employee_id AND old.course_code = new.course_code AND old.start_date = new.start_date`, l.batchID)
	return err
}

// itemLoader loads the survey item bank, replacing the previous one.
type itemLoader struct {
	app     *store.Appender
	batchID int64
	seen    map[string]int
}

func (l *itemLoader) tables() []string { return []string{"survey_item"} }
func (l *itemLoader) upsert() bool     { return false }

func (l *itemLoader) open(ctx context.Context, tx *store.Tx, b *batch) (err error) {
	l.batchID, l.seen = b.id, map[string]int{}
	l.app, err = tx.Append("survey_item", nil)
	return err
}

func (l *itemLoader) row(c *cells) error {
	code := c.text("item_code", true)
	if first, dup := l.seen[code]; dup {
		c.fail("item_code", code, fmt.Sprintf("設問コードが行%dと重複しています (duplicate item code)", first))
	}
	text := strings.TrimSpace(c.raw("item_text"))
	if text == "" {
		c.fail("item_text", "", "設問文が空です (item text is blank)")
	}
	cat := c.text("category", true)
	scale, ok := c.integer("scale")
	if ok && scale != 4 && scale != 5 && scale != 7 {
		c.fail("scale", c.raw("scale"), "尺度は 4, 5, 7 のいずれかです (scale must be 4, 5 or 7)")
	} else if !ok && c.ok() {
		c.fail("scale", "", "尺度が空です (scale is blank)")
	}
	rev := c.flag("reverse")
	eng := c.flag("engagement")
	if !c.ok() {
		return nil
	}
	l.seen[code] = c.rowNum
	return l.app.Row(l.batchID, code, text, cat, int32(scale), rev, eng, int32(c.rowNum))
}

func (l *itemLoader) close(ctx context.Context, tx *store.Tx, b *batch) error {
	b.scope = "all"
	return l.app.Close()
}

// listValue is a driver value for a VARCHAR[] column (never NULL).
func listValue(items []string) any {
	if items == nil {
		items = []string{}
	}
	return items
}
