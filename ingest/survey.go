package ingest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/ingest/parse"
	"github.com/jinzai-hr/jinzai/store"
)

type surveyItem struct {
	code       string
	scale      int
	min        int    // lowest answer: 1, or 0 for 0–6 and 0–10 scales
	instrument string // "" or bjsq, uwes9, enps
}

type respondent struct {
	id, employee, dept, grade, ageBand, gender, tenure any
	submitted                                          any
	row                                                int
}

type itemColumn struct {
	col  int
	item surveyItem
}

type answer struct {
	respondent, item string
	value            int
}

// surveyLoader loads the answers to one survey, wide (a column per item)
// or long (a row per answer). Items must be in the item bank first. The
// rows are buffered: the survey's code and date may come from the answers'
// timestamps, known only at the end.
type surveyLoader struct {
	likert      map[int]map[string]int
	instLikert  map[string]map[string]int // instrument → folded text → answer
	items       map[string]surveyItem     // by item code
	itemColumns []itemColumn              // wide form, in column order
	long        bool
	respondents []respondent
	byID        map[string]int
	answers     []answer
	latest      time.Time
}

func newSurveyLoader(cfg jinzai.Config) *surveyLoader {
	l := &surveyLoader{likert: map[int]map[string]int{}, instLikert: map[string]map[string]int{}, byID: map[string]int{}}
	for inst, m := range cfg.Survey.InstrumentLikert {
		l.instLikert[inst] = map[string]int{}
		for text, v := range m {
			l.instLikert[inst][parse.HeaderKey(text)] = v
		}
	}
	for scale, m := range cfg.Survey.Likert {
		n, err := strconv.Atoi(scale)
		if err != nil {
			continue
		}
		l.likert[n] = map[string]int{}
		for text, v := range m {
			l.likert[n][parse.HeaderKey(text)] = v
		}
	}
	return l
}

func (l *surveyLoader) tables() []string {
	return []string{"survey", "survey_respondent", "survey_response"}
}
func (l *surveyLoader) upsert() bool { return false }

// questionNumber strips the numbering form tools put before a question: "Q1. ", "1) ", "【1】".
var questionNumber = regexp.MustCompile(`^(?:[QqＱ]?\d+[.)．：:]\s*|【\d+】\s*)`)

func (l *surveyLoader) open(ctx context.Context, tx *store.Tx, b *batch) error {
	rows, err := tx.Query(ctx, `SELECT item_code, item_text, scale, coalesce(scale_min, 1), coalesce(instrument, '') FROM survey_item`)
	if err != nil {
		return err
	}
	defer rows.Close()
	l.items = map[string]surveyItem{}
	byKey := map[string]surveyItem{}
	for rows.Next() {
		var code, text, inst string
		var scale, min int
		if err := rows.Scan(&code, &text, &scale, &min, &inst); err != nil {
			return err
		}
		it := surveyItem{code: code, scale: scale, min: min, instrument: inst}
		l.items[code] = it
		byKey[parse.HeaderKey(code)] = it
		byKey[parse.HeaderKey(text)] = it
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(l.items) == 0 {
		return b.fileErr(0, "", errors.New("設問マスタ (survey_item) が空です。先に設問マスタを取り込んでください (load the survey item bank first)"))
	}
	l.long = b.cols.has("item_code") && b.cols.has("value")
	if l.long {
		return nil
	}
	var still []int
	for _, i := range b.cols.ignored {
		h := b.cols.header[i]
		it, ok := byKey[parse.HeaderKey(h)]
		if !ok {
			it, ok = byKey[parse.HeaderKey(questionNumber.ReplaceAllString(parse.Fold(h), ""))]
		}
		if ok {
			l.itemColumns = append(l.itemColumns, itemColumn{col: i, item: it})
		} else {
			still = append(still, i)
		}
	}
	b.cols.ignored = still
	if len(l.itemColumns) == 0 {
		return b.fileErr(1, "", errors.New("設問マスタと一致する設問列がありません (no column matches an item of the item bank by code or text)"))
	}
	return nil
}

// answerValue reads one answer on the item's scale: a number
// min..min+scale-1 or an answer text, from the instrument's own texts for
// an item of a standard instrument that has them
// (survey.instrument_likert), else from the scale's Likert texts (1-based
// scales only). ok is false for a blank (skipped) answer.
func (l *surveyLoader) answerValue(raw string, it surveyItem) (int, bool, error) {
	v := parse.Fold(raw)
	if v == "" {
		return 0, false, nil
	}
	hi := it.min + it.scale - 1
	if n, err := parse.Int(v); err == nil {
		if n < it.min || n > hi {
			return 0, false, fmt.Errorf("回答 %d が尺度 %d〜%d の外です (answer outside the scale)", n, it.min, hi)
		}
		return n, true, nil
	}
	if texts, ok := l.instLikert[it.instrument]; ok {
		if n, ok := texts[parse.HeaderKey(v)]; ok {
			return n, true, nil
		}
		return 0, false, fmt.Errorf("回答 %q は %s の選択肢にありません (not an answer of the instrument)", v, it.instrument)
	}
	// The Likert texts count from 1: they do not name the answers of a
	// 0-based scale (UWES 0–6, eNPS 0–10), which take numbers.
	if n, ok := l.likert[it.scale][parse.HeaderKey(v)]; ok && it.min == 1 {
		return n, true, nil
	}
	return 0, false, fmt.Errorf("回答 %q は%d件法の選択肢にありません (not an answer of the %d-point scale)", v, it.scale, it.scale)
}

var timestampLayouts = []string{
	"2006/1/2 15:04:05", "2006/1/2 15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05",
	time.RFC3339, "2006/01/02 15:04:05 MST", "2006/1/2 15:04:05 -0700",
}

// parseTimestamp reads an answer's time: text in the usual layouts, or an
// Excel serial (days and a fraction of a day) from an XLSX export.
func parseTimestamp(s string, xlsx bool) (time.Time, error) {
	v := parse.Fold(s)
	if xlsx {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			d, err := parse.ExcelSerial(f)
			if err != nil {
				return time.Time{}, err
			}
			secs := math.Round((f - math.Floor(f)) * 86400)
			return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, jinzai.Tokyo).Add(time.Duration(secs) * time.Second), nil
		}
	}
	for _, layout := range timestampLayouts {
		if t, err := time.ParseInLocation(layout, v, jinzai.Tokyo); err == nil {
			return t, nil
		}
	}
	d, err := parse.Date(v)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, jinzai.Tokyo), nil
}

func (l *surveyLoader) row(c *cells) error {
	var submitted any
	if raw := c.raw("submitted_at"); strings.TrimSpace(raw) != "" {
		t, err := parseTimestamp(raw, c.xlsx)
		if err != nil {
			c.fail("submitted_at", raw, "回答日時を解釈できません (invalid timestamp)")
		} else {
			submitted = t
			if t.After(l.latest) {
				l.latest = t
			}
		}
	}
	id := c.text("respondent_id", l.long)
	if id == "" {
		id = "R" + strconv.Itoa(c.rowNum)
	}
	gender, err := parse.Gender(c.raw("gender"))
	var g any
	if err == nil {
		g = gender
	}
	r := respondent{id: id, employee: c.nullText("employee_id"), dept: c.nullText("dept_name"), grade: c.nullText("grade"),
		ageBand: c.nullText("age_band"), gender: g, tenure: c.nullText("tenure_band"), submitted: submitted, row: c.rowNum}

	if l.long {
		code := c.text("item_code", true)
		it, ok := l.items[code]
		if !ok && code != "" {
			c.fail("item_code", code, "設問コードが設問マスタにありません (unknown item code)")
		}
		v, has, err := l.answerValue(c.raw("value"), it)
		if err != nil {
			c.fail("value", c.raw("value"), err.Error())
		}
		if !c.ok() {
			return nil
		}
		if _, seen := l.byID[id]; !seen {
			l.byID[id] = len(l.respondents)
			l.respondents = append(l.respondents, r)
		}
		if has {
			l.answers = append(l.answers, answer{respondent: id, item: it.code, value: v})
		}
		return nil
	}

	if first, dup := l.byID[id]; dup {
		c.fail("respondent_id", id, fmt.Sprintf("回答者IDが行%dと重複しています (duplicate respondent)", l.respondents[first].row))
	}
	start := len(l.answers)
	for _, ic := range l.itemColumns {
		if ic.col >= len(c.row) {
			continue
		}
		v, has, err := l.answerValue(c.row[ic.col], ic.item)
		if err != nil {
			c.failAt(ic.col, c.row[ic.col], err.Error())
			continue
		}
		if has {
			l.answers = append(l.answers, answer{respondent: id, item: ic.item.code, value: v})
		}
	}
	if !c.ok() {
		l.answers = l.answers[:start]
		return nil
	}
	l.byID[id] = len(l.respondents)
	l.respondents = append(l.respondents, r)
	return nil
}

func (l *surveyLoader) close(ctx context.Context, tx *store.Tx, b *batch) error {
	var date time.Time
	switch {
	case b.req.SurveyDate != "":
		d, err := parse.Date(b.req.SurveyDate)
		if err != nil {
			return fmt.Errorf("調査日 %q を解釈できません (--survey-date): %w", b.req.SurveyDate, err)
		}
		date = d
	case !l.latest.IsZero():
		date = time.Date(l.latest.Year(), l.latest.Month(), l.latest.Day(), 0, 0, 0, 0, time.UTC)
	default:
		return b.fileErr(0, "", errors.New("調査日が分かりません: 回答日時の列がありません。--survey-date で指定してください (no timestamps; use --survey-date)"))
	}
	code := b.req.SurveyCode
	if code == "" {
		code = fmt.Sprintf("%s-FY%d", l.defaultPrefix(), jinzai.FiscalYear(date))
	}
	b.scope = code
	if _, err := tx.Exec(ctx, `INSERT INTO survey (batch_id, survey_code, survey_date, anonymous) VALUES (?, ?, ?, ?)`,
		b.id, code, date, !b.cols.has("employee_id")); err != nil {
		return err
	}
	ra, err := tx.Append("survey_respondent", nil)
	if err != nil {
		return err
	}
	for _, r := range l.respondents {
		if err := ra.Row(b.id, code, r.id, r.submitted, r.employee, r.dept, r.grade, r.ageBand, r.gender, r.tenure, int32(r.row)); err != nil {
			ra.Close()
			return err
		}
	}
	if err := ra.Close(); err != nil {
		return err
	}
	aa, err := tx.Append("survey_response", nil)
	if err != nil {
		return err
	}
	for _, a := range l.answers {
		if err := aa.Row(b.id, code, a.respondent, a.item, int32(a.value)); err != nil {
			aa.Close()
			return err
		}
	}
	return aa.Close()
}

// defaultPrefix names a survey without a code: "stresscheck" when every
// answered item is a BJSQ item (a stress check, which must not replace the
// staff survey of the same fiscal year), else "survey".
func (l *surveyLoader) defaultPrefix() string {
	if len(l.answers) == 0 {
		return "survey"
	}
	for _, a := range l.answers {
		if l.items[a.item].instrument != jinzai.InstrumentBJSQ {
			return "survey"
		}
	}
	return "stresscheck"
}
