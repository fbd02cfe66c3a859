package transform

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// Engagement fixtures: an item bank, surveys and respondents written as Go
// values, turned into INSERTs on the canonical tables. Every expected
// figure below is worked out by hand in a comment beside it.

type surveyItemSpec struct {
	code, category         string
	scale                  int
	reverse, engagementIdx bool
}

func itemBank(items ...surveyItemSpec) string {
	var vals []string
	for i, it := range items {
		vals = append(vals, fmt.Sprintf("(1, %s, %s, %s, %d, %t, %t, %d)",
			sqlText(it.code), sqlText(it.code+"の設問文"), sqlText(it.category), it.scale, it.reverse, it.engagementIdx, i+2))
	}
	return `INSERT INTO survey_item (batch_id, item_code, item_text, category, scale, reverse, engagement, source_row) VALUES ` +
		strings.Join(vals, ", ")
}

// surveyRespondent is one respondent; a blank attribute is a skipped
// question, an item missing from answers a skipped item.
type surveyRespondent struct {
	id, employee                    string
	dept, grade, age, gender, years string
	answers                         map[string]int
}

// surveyAnswers inserts a survey (anonymous unless a respondent carries an
// employee id), its respondents and their answers.
func surveyAnswers(code, date string, rs ...surveyRespondent) []string {
	anonymous := true
	var people, answers []string
	for i, r := range rs {
		if r.employee != "" {
			anonymous = false
		}
		people = append(people, fmt.Sprintf("(2, %s, %s, NULL, %s, %s, %s, %s, %s, %s, %d)", sqlText(code), sqlText(r.id),
			sqlText(r.employee), sqlText(r.dept), sqlText(r.grade), sqlText(r.age), sqlText(r.gender), sqlText(r.years), i+2))
		codes := make([]string, 0, len(r.answers))
		for c := range r.answers {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			answers = append(answers, fmt.Sprintf("(2, %s, %s, %s, %d)", sqlText(code), sqlText(r.id), sqlText(c), r.answers[c]))
		}
	}
	out := []string{
		fmt.Sprintf(`INSERT INTO survey (batch_id, survey_code, survey_date, anonymous) VALUES (2, %s, '%s', %t)`, sqlText(code), date, anonymous),
		`INSERT INTO survey_respondent (batch_id, survey_code, respondent_id, submitted_at, employee_id, dept_name, grade,
			age_band, gender, tenure_band, source_row) VALUES ` + strings.Join(people, ", "),
	}
	if len(answers) > 0 {
		out = append(out, `INSERT INTO survey_response (batch_id, survey_code, respondent_id, item_code, value) VALUES `+strings.Join(answers, ", "))
	}
	return out
}

// deptRespondents gives one respondent of dept per value, answering E1
// with that value, with ids prefix1, prefix2 ….
func deptRespondents(prefix, dept string, values ...int) []surveyRespondent {
	var rs []surveyRespondent
	for i, v := range values {
		rs = append(rs, surveyRespondent{id: fmt.Sprintf("%s%d", prefix, i+1), dept: dept, answers: map[string]int{"E1": v}})
	}
	return rs
}

func sqlText(s string) string {
	if s == "" {
		return "NULL"
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// noSuppression is the default configuration with a minimum group size of
// 1, so that the arithmetic of a formula test is visible in every cell.
func noSuppression() jinzai.Config {
	cfg := jinzai.DefaultConfig()
	cfg.Survey.MinGroupSize = 1
	return cfg
}

func assertRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got  %v\n want %v", what, got, want)
	}
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestCategoryScoreAndFavourableShareFlipReverseItems(t *testing.T) {
	// Q2 is reverse-scored on 5 points: raw 1 → score 5 (favourable), raw 5 → score 1.
	// R5 skipped Q2, so R5's category score rests on Q1 alone.
	st := fixture(t, noSuppression(), concat(
		[]string{itemBank(
			surveyItemSpec{code: "Q1", category: "職場", scale: 5},
			surveyItemSpec{code: "Q2", category: "職場", scale: 5, reverse: true},
		)},
		surveyAnswers("S2023", "2023-10-01",
			surveyRespondent{id: "R1", answers: map[string]int{"Q1": 5, "Q2": 1}},
			surveyRespondent{id: "R2", answers: map[string]int{"Q1": 4, "Q2": 1}},
			surveyRespondent{id: "R3", answers: map[string]int{"Q1": 3, "Q2": 5}},
			surveyRespondent{id: "R4", answers: map[string]int{"Q1": 2, "Q2": 4}},
			surveyRespondent{id: "R5", answers: map[string]int{"Q1": 1}},
		))...)

	// score_100 = (score − 1)·100/4.
	// Q1 raw = score 5,4,3,2,1 → 100, 75, 50, 25, 0; favourable (score ≥ 4): R1, R2 = 2 of 5.
	// Q2 raw 1,1,5,4 → flipped 5,5,1,2 → 100, 100, 0, 25; favourable: R1, R2 = 2 of 4.
	// Respondent category scores: R1 (100+100)/2 = 100, R2 (75+100)/2 = 87.5,
	// R3 (50+0)/2 = 25, R4 (25+25)/2 = 25, R5 0/1 = 0.
	// Group score = (100 + 87.5 + 25 + 25 + 0)/5 = 237.5/5 = 47.5
	// (the pooled answer mean would be 475/9 = 52.78: not what we report).
	// Favourable share = (2 + 2)/(5 + 4) = 4/9 = 44.4444 %.
	got := queryRows(t, st.DB(), `SELECT measure, respondents, round(score, 4), round(favourable_share, 4), suppressed
		FROM mart_engagement_score WHERE dimension = '全体'`)
	assertRows(t, "category 職場", got, [][]string{{"職場", "5", "47.5", "44.4444", "false"}})

	// Item means on the item's own scale after flipping:
	// Q1 (5+4+3+2+1)/5 = 3; Q2 (5+5+1+2)/4 = 3.25 (raw mean would be 2.75), on 0–100 (100+100+0+25)/4 = 56.25.
	got = queryRows(t, st.DB(), `SELECT item_code, reverse, respondents, round(mean, 4), round(score, 4), round(favourable_share, 4)
		FROM mart_engagement_item WHERE dimension = '全体' ORDER BY item_code`)
	assertRows(t, "items", got, [][]string{
		{"Q1", "false", "5", "3", "50", "40"},
		{"Q2", "true", "4", "3.25", "56.25", "50"},
	})
}

func TestEngagementIndexPutsFourFiveAndSevenPointItemsOnZeroToHundred(t *testing.T) {
	st := fixture(t, noSuppression(), concat(
		[]string{itemBank(
			surveyItemSpec{code: "E4", category: "エンゲージメント", scale: 4, engagementIdx: true},
			surveyItemSpec{code: "E5", category: "エンゲージメント", scale: 5, engagementIdx: true},
			surveyItemSpec{code: "E7", category: "エンゲージメント", scale: 7, engagementIdx: true},
			surveyItemSpec{code: "W1", category: "職場", scale: 5},
		)},
		surveyAnswers("S2023", "2023-10-01",
			surveyRespondent{id: "R1", answers: map[string]int{"E4": 3, "E5": 4}},
			surveyRespondent{id: "R2", answers: map[string]int{"E4": 4}},
			surveyRespondent{id: "R3", answers: map[string]int{"E4": 1, "E5": 5, "E7": 6}},
			surveyRespondent{id: "R4", answers: map[string]int{"W1": 3}}, // skipped every engagement item
		))...)

	// score_100: 4-point (v−1)·100/3, 5-point (v−1)·100/4, 7-point (v−1)·100/6.
	// R1: E4 3 → 66.667, E5 4 → 75          → index (66.667 + 75)/2 = 70.8333
	// R2: E4 4 → 100 (E5 skipped)           → index 100
	// R3: E4 1 → 0, E5 5 → 100, E7 6 → 83.333 → index 183.333/3 = 61.1111
	// R4 has no index: 3 respondents, not 4.
	// Org index = (70.8333 + 100 + 61.1111)/3 = 231.9444/3 = 77.3148.
	// Favourable = top two boxes of each item's scale: E4 ≥ 3 (R1, R2 yes; R3 no),
	// E5 ≥ 4 (R1, R3 yes), E7 ≥ 6 (R3 yes) → 5 of 6 answers = 83.3333 %.
	got := queryRows(t, st.DB(), `SELECT respondent_id, round(score, 4) FROM int_engagement_respondent
		WHERE measure_kind = 'index' ORDER BY respondent_id`)
	assertRows(t, "respondent index", got, [][]string{{"R1", "70.8333"}, {"R2", "100"}, {"R3", "61.1111"}})

	got = queryRows(t, st.DB(), `SELECT measure, respondents, round(score, 4), round(favourable_share, 4)
		FROM mart_engagement_score WHERE dimension = '全体' AND measure_kind = 'index'`)
	assertRows(t, "org index", got, [][]string{{"エンゲージメント指数", "3", "77.3148", "83.3333"}})
}

func TestSmallGroupsAreSuppressedWithTheirNextSmallestSibling(t *testing.T) {
	// 17 respondents, k = 5 (the default). Respondent i (0..16) answers E1 = i%5 + 1.
	//   部:   企画部 i 0–2 (3), 福祉部 i 3–8 (6), 総務部 i 9–16 (8)
	//   職層: 係長 i 0–1 (2), 主事 i 2–4 (3), 課長 i 5–16 (12)
	//   性別: blank i 0 (1), その他 i 1–2 (2), 女性 i 3–8 (6), 男性 i 9–16 (8)
	//   年代, 勤続年数: blank for all (one 未回答 group of 17)
	// A second survey of 4 respondents is below k as a whole.
	var rs []surveyRespondent
	for i := 0; i < 17; i++ {
		r := surveyRespondent{id: fmt.Sprintf("R%02d", i), answers: map[string]int{"E1": i%5 + 1}}
		switch {
		case i < 3:
			r.dept = "企画部"
		case i < 9:
			r.dept = "福祉部"
		default:
			r.dept = "総務部"
		}
		switch {
		case i < 2:
			r.grade = "係長"
		case i < 5:
			r.grade = "主事"
		default:
			r.grade = "課長"
		}
		switch {
		case i == 0:
		case i < 3:
			r.gender = "その他"
		case i < 9:
			r.gender = "女性"
		default:
			r.gender = "男性"
		}
		rs = append(rs, r)
	}
	st := fixture(t, jinzai.DefaultConfig(), concat(
		[]string{itemBank(surveyItemSpec{code: "E1", category: "エンゲージメント", scale: 5, engagementIdx: true})},
		surveyAnswers("S2022", "2022-10-01", deptRespondents("T", "総務部", 5, 5, 5, 5)...),
		surveyAnswers("S2023", "2023-10-01", rs...),
	)...)

	// 部: 企画部 3 < 5 is suppressed (primary). Alone, its figures would follow from
	// 全体 − 福祉部 − 総務部, so the next smallest, 福祉部 (6), is suppressed too
	// (secondary): 2 groups, 3 + 6 = 9 ≥ 5. 総務部 is shown: i 9–16 answer
	// 5,1,2,3,4,5,1,2 → 100+0+25+50+75+100+0+25 = 375 → 375/8 = 46.875.
	// 職層: 係長 2 and 主事 3 are both primary and together 5 ≥ 5: no secondary; 課長
	// i 5–16 → two cycles of 0,25,50,75,100 (500) + 0 + 25 = 525/12 = 43.75.
	// 性別: 未回答 1 and その他 2 are primary but hold 3 < 5, so 女性 (6) is suppressed
	// too (3 + 6 = 9); 男性 is the same people as 総務部 → 46.875.
	// 全体: three cycles (750) + 0 + 25 = 775/17 = 45.5882, still shown.
	got := queryRows(t, st.DB(), `SELECT dimension, group_value, is_unanswered, respondents, round(score, 4), suppressed
		FROM mart_engagement_score WHERE survey_code = 'S2023' AND measure_kind = 'index'
		ORDER BY dimension, group_value`)
	assertRows(t, "S2023 cells", got, [][]string{
		{"全体", "全体", "false", "17", "45.5882", "false"},
		{"勤続年数", "未回答", "true", "17", "45.5882", "false"},
		{"年代", "未回答", "true", "17", "45.5882", "false"},
		{"性別", "その他", "false", "NULL", "NULL", "true"},
		{"性別", "女性", "false", "NULL", "NULL", "true"},
		{"性別", "未回答", "true", "NULL", "NULL", "true"},
		{"性別", "男性", "false", "8", "46.875", "false"},
		{"職層", "主事", "false", "NULL", "NULL", "true"},
		{"職層", "係長", "false", "NULL", "NULL", "true"},
		{"職層", "課長", "false", "12", "43.75", "false"},
		{"部", "企画部", "false", "NULL", "NULL", "true"},
		{"部", "福祉部", "false", "NULL", "NULL", "true"},
		{"部", "総務部", "false", "8", "46.875", "false"},
	})

	got = queryRows(t, st.DB(), `SELECT dimension, group_value, suppression FROM int_survey_group
		WHERE survey_code = 'S2023' AND measure_kind = 'response' AND suppressed ORDER BY dimension, group_value`)
	assertRows(t, "why suppressed", got, [][]string{
		{"性別", "その他", "primary"}, {"性別", "女性", "secondary"}, {"性別", "未回答", "primary"},
		{"職層", "主事", "primary"}, {"職層", "係長", "primary"},
		{"部", "企画部", "primary"}, {"部", "福祉部", "secondary"},
	})

	// No suppressed cell anywhere shows a value or a count.
	got = queryRows(t, st.DB(), `
		SELECT 'score', group_value FROM mart_engagement_score WHERE suppressed AND (respondents IS NOT NULL OR score IS NOT NULL OR favourable_share IS NOT NULL)
		UNION ALL SELECT 'item', group_value FROM mart_engagement_item WHERE suppressed AND (respondents IS NOT NULL OR mean IS NOT NULL OR favourable_share IS NOT NULL)
		UNION ALL SELECT 'rate', group_value FROM mart_response_rate WHERE suppressed AND (respondents IS NOT NULL OR response_rate IS NOT NULL)`)
	assertRows(t, "values in suppressed cells", got, nil)

	// The response-rate mart hides the same respondent counts.
	got = queryRows(t, st.DB(), `SELECT group_value, respondents, suppressed FROM mart_response_rate
		WHERE survey_code = 'S2023' ORDER BY dimension, group_value`)
	assertRows(t, "response counts", got, [][]string{
		{"全体", "17", "false"}, {"企画部", "NULL", "true"}, {"福祉部", "NULL", "true"}, {"総務部", "8", "false"},
	})

	// S2022 has 4 respondents: the total itself is suppressed, and so is every group.
	got = queryRows(t, st.DB(), `SELECT dimension, count(*), count(*) FILTER (WHERE suppressed), count(score)
		FROM mart_engagement_score WHERE survey_code = 'S2022' AND measure_kind = 'index' AND dimension IN ('全体', '部') GROUP BY dimension ORDER BY dimension`)
	assertRows(t, "S2022 below k", got, [][]string{{"全体", "1", "1", "0"}, {"部", "1", "1", "0"}})
}

func TestResponseRateUsesTheRosterAtTheSurveyDate(t *testing.T) {
	// Roster 2023-04-01 (before the survey of 2023-10-01): 総務部 8 常勤 + 2
	// 再任用フルタイム + 1 会計年度任用職員 (not in the headcount), 企画部 8, 福祉部 3.
	// Roster 2024-04-01 (after the survey): 20 in every department, ignored.
	var roster []string
	add := func(snapshot, dept, employment string, n int) {
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("%s-%s-%s-%d", snapshot[:4], dept, employment, i)
			roster = append(roster, fmt.Sprintf("(1, '%s', '%s', '1980-05-05', '女性', '2005-04-01', NULL, '%s', '主事', '主事', '一般事務', '%s', %d)",
				snapshot, id, dept, employment, len(roster)+2))
		}
	}
	add("2023-04-01", "総務部", "常勤", 8)
	add("2023-04-01", "総務部", "再任用フルタイム", 2)
	add("2023-04-01", "総務部", "会計年度任用職員", 1)
	add("2023-04-01", "企画部", "常勤", 8)
	add("2023-04-01", "福祉部", "常勤", 3)
	for _, d := range []string{"総務部", "企画部", "福祉部"} {
		add("2024-04-01", d, "常勤", 20)
	}
	st := fixture(t, jinzai.DefaultConfig(), concat(
		[]string{rosterRow + strings.Join(roster, ", ")},
		[]string{itemBank(surveyItemSpec{code: "E1", category: "エンゲージメント", scale: 5, engagementIdx: true})},
		surveyAnswers("S2023", "2023-10-01", append(
			deptRespondents("S", "総務部", 4, 4, 4, 4, 4, 4),
			deptRespondents("K", "企画部", 3, 3, 3, 3, 3)...)...),
	)...)

	// Headcount at 2023-04-01: 総務部 8 + 2 = 10, 企画部 8, 福祉部 3, total 21.
	// 全体 11/21 = 52.381 %; 総務部 6/10 = 60 %; 企画部 5/8 = 62.5 %;
	// 福祉部 nobody answered: 0/3 = 0 % (no group to protect).
	got := queryRows(t, st.DB(), `SELECT snapshot_date, dimension, group_value, headcount, respondents,
		round(response_rate, 3), suppressed FROM mart_response_rate ORDER BY dimension, group_value`)
	assertRows(t, "response rate", got, [][]string{
		{"2023-04-01T00:00:00Z", "全体", "全体", "21", "11", "52.381", "false"},
		{"2023-04-01T00:00:00Z", "部", "企画部", "8", "5", "62.5", "false"},
		{"2023-04-01T00:00:00Z", "部", "福祉部", "3", "0", "0", "false"},
		{"2023-04-01T00:00:00Z", "部", "総務部", "10", "6", "60", "false"},
	})
}

func TestChangeSincePreviousSurveyComparesTheSameGroup(t *testing.T) {
	// The codes sort the other way round from the dates: B-2022 comes first by date.
	st := fixture(t, jinzai.DefaultConfig(), concat(
		[]string{itemBank(surveyItemSpec{code: "E1", category: "エンゲージメント", scale: 5, engagementIdx: true})},
		surveyAnswers("B-2022", "2022-10-01", concat3(
			deptRespondents("S", "総務部", 3, 3, 3, 4, 4),
			deptRespondents("K", "企画部", 3, 3, 3, 3, 3),
			deptRespondents("F", "福祉部", 1, 1, 1))...),
		surveyAnswers("A-2023", "2023-10-01", concat3(
			deptRespondents("S", "総務部", 4, 4, 4, 5, 5),
			deptRespondents("K", "企画部", 4, 4, 4, 4, 4),
			deptRespondents("F", "福祉部", 5, 5, 5, 5, 5),
			deptRespondents("C", "こども部", 2, 2, 2, 2, 2))...),
	)...)

	// B-2022: 福祉部 3 < 5 (primary); the next smallest is a tie of 企画部 5 and
	// 総務部 5, broken by name (企 U+4F01 < 総 U+7DCF): 企画部 is suppressed too.
	// 総務部 B-2022: 50,50,50,75,75 → 60 (favourable 2/5 = 40 %);
	//        A-2023: 75,75,75,100,100 → 85 (favourable 5/5 = 100 %) → change +25, +60.
	// 企画部 and 福祉部: suppressed in B-2022 → no change. こども部: not in B-2022 → no change.
	// 全体 B-2022: (300 + 250 + 0)/13 = 42.3077; A-2023: (425 + 375 + 500 + 125)/20 = 71.25
	//        → change 71.25 − 42.3077 = 28.9423; favourable 2/13 = 15.3846 % → 15/20 = 75 % → +59.6154.
	got := queryRows(t, st.DB(), `SELECT survey_code, group_value, previous_survey_code, round(score, 4),
		round(change_since_previous, 4), round(favourable_share_change, 4)
		FROM mart_engagement_score WHERE measure_kind = 'index' AND dimension IN ('全体', '部')
		ORDER BY survey_date, dimension, group_value`)
	assertRows(t, "change", got, [][]string{
		{"B-2022", "全体", "NULL", "42.3077", "NULL", "NULL"},
		{"B-2022", "企画部", "NULL", "NULL", "NULL", "NULL"},
		{"B-2022", "福祉部", "NULL", "NULL", "NULL", "NULL"},
		{"B-2022", "総務部", "NULL", "60", "NULL", "NULL"},
		{"A-2023", "全体", "B-2022", "71.25", "28.9423", "59.6154"},
		{"A-2023", "こども部", "B-2022", "25", "NULL", "NULL"},
		{"A-2023", "企画部", "B-2022", "75", "NULL", "NULL"},
		{"A-2023", "福祉部", "B-2022", "100", "NULL", "NULL"},
		{"A-2023", "総務部", "B-2022", "85", "25", "60"},
	})
}

func concat3(parts ...[]surveyRespondent) []surveyRespondent {
	var out []surveyRespondent
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestKeyDriversRankCategoriesByCorrelationWithTheIndex(t *testing.T) {
	// Five respondents. E1 is the engagement item; 上司 (C1) moves exactly with
	// it, 職場環境 (D1) does not.
	e1 := []int{1, 2, 3, 4, 5}
	c1 := []int{1, 2, 3, 4, 5}
	d1 := []int{4, 5, 2, 5, 3}
	var rs []surveyRespondent
	for i := range e1 {
		rs = append(rs, surveyRespondent{id: fmt.Sprintf("R%d", i+1), answers: map[string]int{"E1": e1[i], "C1": c1[i], "D1": d1[i]}})
	}
	st := fixture(t, jinzai.DefaultConfig(), concat(
		[]string{itemBank(
			surveyItemSpec{code: "E1", category: "エンゲージメント", scale: 5, engagementIdx: true},
			surveyItemSpec{code: "C1", category: "上司", scale: 5},
			surveyItemSpec{code: "D1", category: "職場環境", scale: 5},
		)},
		surveyAnswers("S2023", "2023-10-01", rs...),
	)...)

	// Index = E1 on 0–100: 0, 25, 50, 75, 100.
	// 上司 = 0, 25, 50, 75, 100: corr = 1; score 50.
	// 職場環境 = 75, 100, 25, 100, 50 (score 70). On raw values x = 1..5, y = 4,5,2,5,3:
	//   dx = −2,−1,0,1,2; dy = 0.2,1.2,−1.8,1.2,−0.8; Σdx·dy = −0.4−1.2+0+1.2−1.6 = −2;
	//   Σdx² = 10; Σdy² = 0.04+1.44+3.24+1.44+0.64 = 6.8; corr = −2/√68 = −0.2425.
	// Average of the listed categories = (50 + 70)/2 = 60: gaps −10 and +10.
	// Median correlation = (1 − 0.2425)/2 = 0.3787: 上司 is above it and below the
	// average → 重点改善; 職場環境 is below it and above the average → 維持.
	// The engagement category is not a driver of itself.
	got := queryRows(t, st.DB(), `SELECT category, respondents, round(correlation, 4), round(score, 4),
		round(gap_to_average, 4), rank, priority, quadrant FROM mart_key_drivers ORDER BY rank`)
	assertRows(t, "key drivers", got, [][]string{
		{"上司", "5", "1", "50", "-10", "1", "true", "重点改善"},
		{"職場環境", "5", "-0.2425", "70", "10", "2", "false", "維持"},
	})
}

func TestNamedSurveyFillsBlankAttributesFromTheRosterAtTheSurveyDate(t *testing.T) {
	st := fixture(t, jinzai.DefaultConfig(), concat(
		[]string{rosterRow + `(1, '2023-04-01', 'E1', '1985-06-15', '女性', '2010-04-01', NULL, '総務部', '係長', '係長', '一般事務', '常勤', 2),
			(1, '2023-04-01', 'E2', '1995-06-15', '男性', '2018-04-01', NULL, '総務部', '主事', '主事', '一般事務', '常勤', 3),
			(1, '2024-04-01', 'E1', '1985-06-15', '女性', '2010-04-01', NULL, '企画部', '課長', '課長', '一般事務', '常勤', 2)`},
		[]string{itemBank(surveyItemSpec{code: "E1", category: "エンゲージメント", scale: 5, engagementIdx: true})},
		surveyAnswers("N2023", "2023-10-01",
			surveyRespondent{id: "R1", employee: "E1", answers: map[string]int{"E1": 4}},
			surveyRespondent{id: "R2", employee: "E2", dept: "企画部", answers: map[string]int{"E1": 4}},
		),
	)...)
	// E1 at the 2023-04-01 snapshot (the 2024 one is after the survey): 総務部, 係長, 女性;
	// legal age on 2023-10-01 of someone born 1985-06-15 is 38 → 30代; service FY2023 − FY2010 = 13 → 10〜19年.
	// E2 reported 企画部 himself: what the respondent said wins; the rest comes from the roster (28 → 20代, 5 years → 5〜9年).
	got := queryRows(t, st.DB(), `SELECT respondent_id, dept_name, grade, gender, age_band, tenure_band, anonymous
		FROM stg_survey_respondent ORDER BY respondent_id`)
	assertRows(t, "filled attributes", got, [][]string{
		{"R1", "総務部", "係長", "女性", "30代", "10〜19年", "false"},
		{"R2", "企画部", "主事", "男性", "20代", "5〜9年", "false"},
	})
}

// benchSurveys is three yearly surveys of Setagaya's size (seed 002: 1,684
// respondents in 2023): 1,700 respondents each, 80 items in 20 categories
// (every 7th item 4-point, every 9th reverse-scored, 4 engagement items),
// about 1 answer in 13 skipped, attributes from hashes so that some groups
// are small. No roster: the response rate has no headcount.
var benchSurveys = []string{
	`INSERT INTO survey_item SELECT 1, 'Q' || i, '設問' || i, 'カテゴリ' || (i % 20),
		CASE WHEN i % 7 = 0 THEN 4 ELSE 5 END, i % 9 = 0, i % 20 = 0, i FROM range(80) AS t(i)`,
	`INSERT INTO survey SELECT 2, 'S' || y, make_date(y, 10, 1), true FROM range(2021, 2024) AS t(y)`,
	`INSERT INTO survey_respondent SELECT 2, 'S' || y, 'R' || r, NULL, NULL,
		'第' || (hash(r, 'dept') % 30) || '部',
		CASE WHEN r % 11 = 0 THEN NULL ELSE ['主事', '主任', '係長', '課長補佐', '課長', '部長'][CAST(hash(r, 'grade') % 6 + 1 AS INTEGER)] END,
		(20 + 10 * (hash(r, 'age') % 5)) || '代',
		CASE WHEN r % 50 = 0 THEN NULL WHEN hash(r, 'sex') % 2 = 0 THEN '男性' ELSE '女性' END,
		['〜4年', '5〜9年', '10〜19年', '20〜29年', '30年〜'][CAST(hash(r, 'tenure') % 5 + 1 AS INTEGER)], r
	FROM range(2021, 2024) AS s(y), range(1700) AS t(r)`,
	`INSERT INTO survey_response SELECT 2, 'S' || y, 'R' || r, 'Q' || i,
		1 + CAST(hash(y, r, i) % CASE WHEN i % 7 = 0 THEN 4 ELSE 5 END AS INTEGER)
	FROM range(2021, 2024) AS s(y), range(1700) AS t(r), range(80) AS u(i)
	WHERE hash(r, i) % 13 <> 0`,
}

func BenchmarkTransformEngagementSurveys(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, q := range benchSurveys {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	cfg := jinzai.DefaultConfig()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(ctx, st, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
