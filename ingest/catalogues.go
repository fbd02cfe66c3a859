package ingest

import (
	"context"
	"database/sql"
	"errors"
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

// itemLoader loads a survey item bank. A bank whose rows all belong to one
// standard instrument (a stress-check vendor's BJSQ items) has the scope
// "instrument:<name>" and replaces only the earlier bank of that
// instrument; any other bank has the scope "all" and replaces the earlier
// bank of that scope. Item codes are unique across the banks in use.
type itemLoader struct {
	app         *store.Appender
	batchID     int64
	seen        map[string]int
	instruments map[string]bool // instruments of the rows; "" = a survey's own items
	numbers     map[string]int  // instrument + item_no → row
}

func (l *itemLoader) tables() []string { return []string{"survey_item"} }
func (l *itemLoader) upsert() bool     { return false }

func (l *itemLoader) open(ctx context.Context, tx *store.Tx, b *batch) (err error) {
	l.batchID, l.seen = b.id, map[string]int{}
	l.instruments, l.numbers = map[string]bool{}, map[string]int{}
	l.app, err = tx.Append("survey_item", nil)
	return err
}

// instrumentNames maps the accepted spellings of survey_item.instrument
// (folded, lower case, without spaces, hyphens or underscores).
var instrumentNames = map[string]string{
	"bjsq": jinzai.InstrumentBJSQ, "職業性ストレス簡易調査票": jinzai.InstrumentBJSQ, "新職業性ストレス簡易調査票": jinzai.InstrumentBJSQ,
	"ストレスチェック": jinzai.InstrumentBJSQ,
	"uwes9":    jinzai.InstrumentUWES9, "uwes": jinzai.InstrumentUWES9,
	"enps": jinzai.InstrumentENPS,
}

// instrumentScale is the scale each instrument's items must have: answers
// scale_min .. scale_min+scale-1, and the highest item number.
var instrumentScale = map[string]struct{ scale, min, maxNo int }{
	jinzai.InstrumentBJSQ:  {4, 1, 80},
	jinzai.InstrumentUWES9: {7, 0, 9},
	jinzai.InstrumentENPS:  {11, 0, 1},
}

// validScale lists the accepted (scale, scale_min) pairs: 4, 5 and 7
// points from 1 (the survey's own items), 7 points from 0 (0–6, UWES) and
// 11 points from 0 (0–10, eNPS).
func validScale(scale, min int) bool {
	switch {
	case min == 1:
		return scale == 4 || scale == 5 || scale == 7
	case min == 0:
		return scale == 7 || scale == 11
	}
	return false
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
	if !ok && c.ok() {
		c.fail("scale", "", "尺度が空です (scale is blank)")
	}
	scaleMin, hasMin := c.integer("scale_min")
	if !hasMin {
		scaleMin = 1
	}
	if ok && c.ok() && !validScale(scale, scaleMin) {
		if hasMin {
			c.fail("scale_min", c.raw("scale_min"), "尺度と最小値の組合せは 4/5/7件法(1〜)、7件法(0〜6)、11件法(0〜10) のいずれかです (scale must be 4, 5 or 7 from 1, or 7 or 11 from 0)")
		} else {
			c.fail("scale", c.raw("scale"), "尺度は 4, 5, 7 のいずれかです (scale must be 4, 5 or 7; 0-based scales need scale_min 0)")
		}
	}
	inst := ""
	if raw := c.text("instrument", false); raw != "" {
		key := strings.NewReplacer("-", "", "_", "", " ", "", "・", "").Replace(strings.ToLower(raw))
		if inst = instrumentNames[key]; inst == "" {
			c.fail("instrument", raw, "標準尺度は BJSQ / UWES-9 / eNPS のいずれかです (unknown instrument)")
		}
	}
	itemNo, hasNo := c.integer("item_no")
	if inst != "" && c.ok() {
		want := instrumentScale[inst]
		switch {
		case inst == jinzai.InstrumentENPS && !hasNo:
			itemNo, hasNo = 1, true
		case !hasNo:
			c.fail("item_no", "", "標準尺度の設問には項目番号が必要です (item_no is required for an instrument's item)")
		}
		if c.ok() && (itemNo < 1 || itemNo > want.maxNo) {
			c.fail("item_no", c.raw("item_no"), fmt.Sprintf("項目番号は 1〜%d です (item_no outside 1..%d)", want.maxNo, want.maxNo))
		}
		if c.ok() && (scale != want.scale || scaleMin != want.min) {
			c.fail("scale", c.raw("scale"), fmt.Sprintf("%s の設問は %d件法・最小値 %d です (wrong scale for the instrument)", inst, want.scale, want.min))
		}
		key := inst + "\x00" + fmt.Sprint(itemNo)
		if first, dup := l.numbers[key]; dup && c.ok() {
			c.fail("item_no", c.raw("item_no"), fmt.Sprintf("同じ標準尺度の項目番号が行%dにあります (duplicate item_no)", first))
		}
	} else if hasNo && inst == "" && c.ok() {
		c.fail("item_no", c.raw("item_no"), "項目番号は標準尺度の設問にだけ指定します (item_no without an instrument)")
	}
	rev := c.flag("reverse")
	eng := c.flag("engagement")
	if inst == jinzai.InstrumentBJSQ && rev && c.ok() {
		c.fail("reverse", c.raw("reverse"), "BJSQ の採点方向は調査票の採点表で決まります。逆転は指定しません (reverse is not used for BJSQ items)")
	}
	if !c.ok() {
		return nil
	}
	l.seen[code] = c.rowNum
	l.instruments[inst] = true
	var instValue, noValue any
	if inst != "" {
		instValue, noValue = inst, int32(itemNo)
		l.numbers[inst+"\x00"+fmt.Sprint(itemNo)] = c.rowNum
	}
	return l.app.Row(l.batchID, code, text, cat, int32(scale), rev, eng, int32(c.rowNum), int32(scaleMin), instValue, noValue)
}

func (l *itemLoader) close(ctx context.Context, tx *store.Tx, b *batch) error {
	b.scope = "all"
	if len(l.instruments) == 1 {
		for inst := range l.instruments {
			if inst != "" {
				b.scope = "instrument:" + inst
			}
		}
	}
	if err := l.app.Close(); err != nil {
		return err
	}
	// An item code already in use by a bank of another scope would make the
	// answers ambiguous.
	var code, scope string
	err := tx.QueryRow(ctx, `SELECT n.item_code, ib.scope
		FROM survey_item AS n
		JOIN survey_item AS o ON o.item_code = n.item_code AND o.batch_id <> n.batch_id
		JOIN ingest_batch AS ib ON ib.batch_id = o.batch_id
		WHERE n.batch_id = ? AND ib.status = 'loaded' AND ib.scope <> ?
		ORDER BY n.source_row
		LIMIT 1`, l.batchID, b.scope).Scan(&code, &scope)
	if err == nil {
		return b.fileErr(0, "item_code", fmt.Errorf("設問コード %s は別の設問マスタ (%s) で使われています (item code already used by the item bank of scope %s)", code, scope, scope))
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

// listValue is a driver value for a VARCHAR[] column (never NULL).
func listValue(items []string) any {
	if items == nil {
		items = []string{}
	}
	return items
}
