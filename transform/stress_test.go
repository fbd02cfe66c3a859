package transform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jinzai-hr/jinzai"
)

// Stress-check fixtures: the BJSQ item bank (codes B01–B80) and
// respondents described by the scale sums they give, turned into answers.
// Every expected figure is worked out by hand in a comment beside it.

// bjsqBank inserts all 80 BJSQ items as a stress-check item bank.
func bjsqBank() string {
	var vals []string
	for _, it := range jinzai.BJSQItems {
		vals = append(vals, fmt.Sprintf("(3, 'B%02d', %s, 'BJSQ', 4, false, false, %d, 1, 'bjsq', %d)",
			it.No, sqlText(it.Text), it.No+1, it.No))
	}
	return `INSERT INTO survey_item (batch_id, item_code, item_text, category, scale, reverse, engagement, source_row,
		scale_min, instrument, item_no) VALUES ` + strings.Join(vals, ", ")
}

// chartPerson is a stress-check respondent who answered the 12 items of
// the judgement chart; each scale is given as its sum (3–12).
type chartPerson struct {
	dept, gender                          string
	demand, control, supervisor, coworker int
}

// chartItems are the items of each chart scale (all flipped: score = 5 − answer).
var chartItems = [4][3]int{{1, 2, 3}, {8, 9, 10}, {47, 50, 53}, {48, 51, 54}}

// answers spreads each scale sum over its three items (8 → scores 3, 3, 2)
// and writes the answer numbers (answer = 5 − score).
func (p chartPerson) answers() map[string]int {
	a := map[string]int{}
	for s, sum := range []int{p.demand, p.control, p.supervisor, p.coworker} {
		for i, no := range chartItems[s] {
			score := sum / 3
			if i < sum%3 {
				score++
			}
			a[fmt.Sprintf("B%02d", no)] = 5 - score
		}
	}
	return a
}

// people repeats a person n times.
func people(n int, p chartPerson) []chartPerson {
	out := make([]chartPerson, n)
	for i := range out {
		out[i] = p
	}
	return out
}

// stressSurvey inserts a stress check answered by ps (ids P001 …).
func stressSurvey(code, date string, ps ...[]chartPerson) []string {
	var rs []surveyRespondent
	for _, group := range ps {
		for _, p := range group {
			rs = append(rs, surveyRespondent{id: fmt.Sprintf("P%03d", len(rs)+1), dept: p.dept, gender: p.gender, answers: p.answers()})
		}
	}
	return surveyAnswers(code, date, rs...)
}

func TestJudgementChartIs100AtTheNationalMeans(t *testing.T) {
	// Ten men at the male national means of the technical note: demand
	// 7×9 + 3×8 = 87 → 8.7, control 9×8 + 7 = 79 → 7.9, supervisor 5×8 + 5×7
	// = 75 → 7.5, co-worker 9 + 9×8 = 81 → 8.1. Ten women at the female
	// means: demand 9×8 + 7 = 79 → 7.9, control 2×8 + 8×7 = 72 → 7.2,
	// supervisor 6×7 + 4×6 = 66 → 6.6, co-worker 2×9 + 8×8 = 82 → 8.2.
	// Every exponent is 0: risk A = risk B = total = 100 for each sex, and
	// for 全体 (100·10 + 100·10)/20 = 100.
	var men []chartPerson
	for i := 0; i < 10; i++ {
		p := chartPerson{dept: "男の部", gender: "男性", demand: 9, control: 8, supervisor: 8, coworker: 8}
		if i >= 7 {
			p.demand = 8
		}
		if i == 9 {
			p.control = 7
		}
		if i >= 5 {
			p.supervisor = 7
		}
		if i == 0 {
			p.coworker = 9
		}
		men = append(men, p)
	}
	var women []chartPerson
	for i := 0; i < 10; i++ {
		p := chartPerson{dept: "女の部", gender: "女性", demand: 8, control: 7, supervisor: 7, coworker: 8}
		if i == 9 {
			p.demand = 7
		}
		if i < 2 {
			p.control = 8
			p.coworker = 9
		}
		if i >= 6 {
			p.supervisor = 6
		}
		women = append(women, p)
	}
	st := fixture(t, jinzai.DefaultConfig(), concat([]string{bjsqBank()}, stressSurvey("SC2024", "2024-10-01", men, women))...)
	got := queryRows(t, st.DB(), `SELECT dimension, group_value, respondents, round(demand, 4), round(control, 4),
		round(supervisor_support, 4), round(coworker_support, 4), round(risk_a, 6), round(risk_b, 6), round(total_risk, 6), suppressed
		FROM mart_stress_group WHERE dimension IN ('全体', '部') ORDER BY dimension, group_value`)
	assertRows(t, "national means", got, [][]string{
		{"全体", "全体", "20", "8.3", "7.55", "7.05", "8.15", "100", "100", "100", "false"},
		{"部", "女の部", "10", "7.9", "7.2", "6.6", "8.2", "100", "100", "100", "false"},
		{"部", "男の部", "10", "8.7", "7.9", "7.5", "8.1", "100", "100", "100", "false"},
	})
	// The stress check is not a staff survey: nothing of it in the engagement marts.
	assertRows(t, "engagement marts", queryRows(t, st.DB(), `SELECT count(*) FROM mart_engagement_score`), [][]string{{"0"}})
	assertRows(t, "response rate", queryRows(t, st.DB(), `SELECT count(*) FROM mart_response_rate`), [][]string{{"0"}})
}

func TestRiskAOfAMaleGroupAboveDemandAndBelowControl(t *testing.T) {
	// Ten men: demand 7×10 + 3×9 = 97 → 9.7 (A0 + 1.0), control 9×7 + 6 = 69
	// → 6.9 (B0 − 1.0), support at the male means (7.5, 8.1: risk B = 100).
	// risk A = 100·exp(0.076·1.0 + (−0.089)·(−1.0)) = 100·exp(0.165)
	//        = 117.9393 → 118 rounded; total = 117.9393·100/100.
	var men []chartPerson
	for i := 0; i < 10; i++ {
		p := chartPerson{dept: "土木部", gender: "男性", demand: 10, control: 7, supervisor: 8, coworker: 8}
		if i >= 7 {
			p.demand = 9
		}
		if i == 9 {
			p.control = 6
		}
		if i >= 5 {
			p.supervisor = 7
		}
		if i == 0 {
			p.coworker = 9
		}
		men = append(men, p)
	}
	st := fixture(t, jinzai.DefaultConfig(), concat([]string{bjsqBank()}, stressSurvey("SC2024", "2024-10-01", men))...)
	got := queryRows(t, st.DB(), `SELECT round(demand, 4), round(control, 4), round(risk_a), round(risk_a, 4), round(risk_b, 4), round(total_risk, 4)
		FROM mart_stress_group WHERE dimension = '部' AND group_value = '土木部'`)
	assertRows(t, "risk A", got, [][]string{{"9.7", "6.9", "118", "117.9393", "100", "117.9393"}})
}

func TestMixedSexGroupCombinesPerSexRisksByRespondents(t *testing.T) {
	// 福祉部: 20 men, 10 women and 1 respondent who left sex blank (未回答).
	//   men:   demand 14×10 + 6×9 = 194 → 9.7, control 18×7 + 2×6 = 138 → 6.9,
	//          supervisor 10×8 + 10×7 = 150 → 7.5, co-worker 2×9 + 18×8 = 162 → 8.1
	//          A_m = 100·exp(0.076·1.0 + 0.089·1.0) = 117.9393, B_m = 100,
	//          total_m = 117.9393
	//   women: demand 9×9 + 8 = 89 → 8.9 (female A0 7.9 + 1.0), control 2×7 +
	//          8×6 = 62 → 6.2 (B0 7.2 − 1.0), supervisor 6×6 + 4×5 = 56 → 5.6
	//          (C0 6.6 − 1.0), co-worker 2×9 + 8×8 = 82 → 8.2 (D0)
	//          A_f = 100·exp(0.048·1.0 + 0.056·1.0) = 110.9600
	//          B_f = 100·exp(−0.097·(−1.0)) = 110.1860
	//          total_f = 110.9600·110.1860/100 = 122.2625
	//   unknown sex: demand 12, control 3, supervisor 3, co-worker 3: in the
	//          means and the respondent count, not in the risks (the default
	//          survey.stress.unknown_sex = "exclude").
	// Risks, weighted by respondents of each sex (20 : 10):
	//   A     = (20·117.9393 + 10·110.9600)/30 = 115.6129
	//   B     = (20·100 + 10·110.1860)/30      = 103.3953
	//   total = (20·117.9393 + 10·122.2625)/30 = 119.3804
	//   (not A·B/100 = 119.5383: the total is combined per sex, like A and B)
	// Means over all 31: demand (194 + 89 + 12)/31 = 9.5161, control (138 + 62 +
	// 3)/31 = 6.5484, supervisor (150 + 56 + 3)/31 = 6.7419, co-worker (162 + 82
	// + 3)/31 = 7.9677.
	// Judging the pooled means with the male norms instead would give
	// 100·exp(0.076·(9.4333 − 8.7) − 0.089·(6.6667 − 7.9)) = 118.0 for A.
	var ps []chartPerson
	for i := 0; i < 20; i++ {
		p := chartPerson{dept: "福祉部", gender: "男性", demand: 10, control: 7, supervisor: 8, coworker: 8}
		if i >= 14 {
			p.demand = 9
		}
		if i >= 18 {
			p.control = 6
		}
		if i >= 10 {
			p.supervisor = 7
		}
		if i < 2 {
			p.coworker = 9
		}
		ps = append(ps, p)
	}
	for i := 0; i < 10; i++ {
		p := chartPerson{dept: "福祉部", gender: "女性", demand: 9, control: 6, supervisor: 6, coworker: 8}
		if i == 9 {
			p.demand = 8
		}
		if i < 2 {
			p.control = 7
			p.coworker = 9
		}
		if i >= 6 {
			p.supervisor = 5
		}
		ps = append(ps, p)
	}
	ps = append(ps, chartPerson{dept: "福祉部", demand: 12, control: 3, supervisor: 3, coworker: 3})
	st := fixture(t, jinzai.DefaultConfig(), concat([]string{bjsqBank()}, stressSurvey("SC2024", "2024-10-01", ps))...)
	got := queryRows(t, st.DB(), `SELECT respondents, round(demand, 4), round(control, 4), round(supervisor_support, 4), round(coworker_support, 4),
		round(risk_a, 4), round(risk_b, 4), round(total_risk, 4)
		FROM mart_stress_group WHERE dimension = '部' AND group_value = '福祉部'`)
	assertRows(t, "mixed group", got, [][]string{{"31", "9.5161", "6.5484", "6.7419", "7.9677", "115.6129", "103.3953", "119.3804"}})

	// With unknown_sex = "male" the blank respondent is judged by the male
	// norms: men become 21 with demand 206/21, control 141/21 …, so A moves.
	cfg := jinzai.DefaultConfig()
	cfg.Survey.Stress.UnknownSex = "male"
	st = fixture(t, cfg, concat([]string{bjsqBank()}, stressSurvey("SC2024", "2024-10-01", ps))...)
	// men+1: demand 206/21 = 9.8095, control 141/21 = 6.7143 → A_m = 100·exp(0.076·1.1095 + 0.089·1.1857)
	// = 100·exp(0.1899) = 120.9071; A = (21·120.9071 + 10·110.9600)/31 = 117.6984
	got = queryRows(t, st.DB(), `SELECT round(risk_a, 4) FROM mart_stress_group WHERE dimension = '部' AND group_value = '福祉部'`)
	assertRows(t, "unknown sex as male", got, [][]string{{"117.6984"}})
}

func TestNineRespondentsAreSuppressedWithTheNextSmallestGroup(t *testing.T) {
	// 部 of the stress check (k = 10, survey.stress.min_group_size):
	// 企画部 9 < 10 is suppressed (primary); alone it would follow from 全体 −
	// 総務部 − 福祉部, so the next smallest, 総務部 (12), is suppressed too
	// (secondary: 2 groups holding 9 + 12 = 21 ≥ 10). 福祉部 (15) is shown;
	// 全体 (36) is shown.
	p := chartPerson{gender: "男性", demand: 9, control: 8, supervisor: 8, coworker: 8}
	withDept := func(n int, dept string) []chartPerson {
		q := p
		q.dept = dept
		return people(n, q)
	}
	st := fixture(t, jinzai.DefaultConfig(), concat([]string{bjsqBank()},
		stressSurvey("SC2024", "2024-10-01", withDept(9, "企画部"), withDept(12, "総務部"), withDept(15, "福祉部")))...)
	got := queryRows(t, st.DB(), `SELECT group_value, respondents, round(total_risk, 1), suppressed
		FROM mart_stress_group WHERE dimension IN ('全体', '部') ORDER BY dimension, group_value`)
	// demand 9, control 8, supervisor 8, co-worker 8 (male):
	// A = 100·exp(0.076·0.3 − 0.089·0.1) = 101.40, B = 100·exp(−0.097·0.5 − 0.097·(−0.1)) = 96.19,
	// total = 101.40·96.19/100 = 97.5
	assertRows(t, "suppressed", got, [][]string{
		{"全体", "36", "97.5", "false"},
		{"企画部", "NULL", "NULL", "true"},
		{"福祉部", "15", "97.5", "false"},
		{"総務部", "NULL", "NULL", "true"},
	})
	got = queryRows(t, st.DB(), `SELECT group_value, suppression, min_group_size FROM int_survey_group
		WHERE measure_kind = 'stress_chart' AND suppressed ORDER BY group_value`)
	assertRows(t, "why", got, [][]string{{"企画部", "primary", "10"}, {"総務部", "secondary", "10"}})
	// The scales are suppressed the same way.
	got = queryRows(t, st.DB(), `SELECT group_value, count(*) FILTER (WHERE suppressed), count(mean)
		FROM mart_stress_scale WHERE dimension = '部' GROUP BY group_value ORDER BY group_value`)
	assertRows(t, "scales", got, [][]string{{"企画部", "4", "0"}, {"福祉部", "0", "4"}, {"総務部", "4", "0"}})
}

func TestBJSQScalesFollowEachItemsScoringDirection(t *testing.T) {
	// One respondent, hand-scored against the MHLW manual's formulas (answer
	// numbers: 1 = そうだ / ほとんどなかった / 非常に / 満足 … 4):
	//   心理的な仕事の負担(量)  answers 1, 2, 4   15 − (1+2+4) = 8
	//   仕事のコントロール度    answers 3, 3, 2   15 − (3+3+2) = 7
	//   技能の活用度            answer 3           No.11 as answered = 3
	//   職場の対人関係          answers 1, 2, 4   10 − (1+2) + 4 = 11
	//   活気                    answers 1, 2, 3   1 + 2 + 3 = 6
	//   抑うつ感                answers 1,1,2,2,3,4  = 13
	//   上司からのサポート      answers 1, 2, 4   15 − (1+2+4) = 8
	//   同僚からのサポート      answers 4, 4, 4   15 − 12 = 3
	//   仕事や生活の満足度      answers 2, 1      10 − (2+1) = 7
	//   ワーク・エンゲイジメント (80-item) answers 1, 2 → scores 4, 3 → mean 3.5
	//   情緒的負担 (80-item)    answer 1 (そうだ) → score 1 (higher = better)
	// 身体愁訴 (36–46) is missing item 46: no score.
	ans := map[string]int{}
	set := func(no, v int) { ans[fmt.Sprintf("B%02d", no)] = v }
	for no, v := range map[int]int{1: 1, 2: 2, 3: 4, 8: 3, 9: 3, 10: 2, 11: 3, 12: 1, 13: 2, 14: 4, 18: 1, 19: 2, 20: 3,
		30: 1, 31: 1, 32: 2, 33: 2, 34: 3, 35: 4, 47: 1, 50: 2, 53: 4, 48: 4, 51: 4, 54: 4, 56: 2, 57: 1, 79: 1, 80: 2, 58: 1} {
		set(no, v)
	}
	for no := 36; no <= 45; no++ {
		set(no, 2)
	}
	cfg := jinzai.DefaultConfig()
	st := fixture(t, cfg, concat([]string{bjsqBank()}, surveyAnswers("SC2024", "2024-10-01",
		surveyRespondent{id: "P1", dept: "総務部", gender: "女性", answers: ans}))...)
	got := queryRows(t, st.DB(), `SELECT scale_code, round(score, 2) FROM int_stress_scale_score ORDER BY scale_code`)
	assertRows(t, "scale scores", got, [][]string{
		{"coworker_support", "3"}, {"depression", "13"}, {"emotional_demand", "1"}, {"interpersonal_stress", "11"},
		{"job_control", "7"}, {"quantitative_demand", "8"}, {"satisfaction", "7"}, {"skill_use", "3"},
		{"supervisor_support", "8"}, {"vigour", "6"}, {"work_engagement", "3.5"},
	})
	got = queryRows(t, st.DB(), `SELECT version, in_chart, norm_sex FROM int_stress_respondent`)
	assertRows(t, "respondent", got, [][]string{{"80", "true", "女性"}})
}

func TestUWES9AndENPSFromTheirRawAnswers(t *testing.T) {
	// UWES-9 items U1–U9 (0–6), eNPS item N1 (0–10), and an ordinary 5-point item.
	bank := `INSERT INTO survey_item (batch_id, item_code, item_text, category, scale, reverse, engagement, source_row,
		scale_min, instrument, item_no) VALUES ` + func() string {
		var v []string
		for i := 1; i <= 9; i++ {
			v = append(v, fmt.Sprintf("(1, 'U%d', 'UWES設問%d', 'ワーク・エンゲイジメント', 7, false, false, %d, 0, 'uwes9', %d)", i, i, i+1, i))
		}
		v = append(v, "(1, 'N1', 'この職場で働くことを親しい友人や知人にどの程度勧めたいですか', 'eNPS', 11, false, false, 11, 0, 'enps', 1)",
			"(1, 'Q1', '仕事にやりがいを感じる', '働きがい', 5, false, true, 12, 1, NULL, NULL)")
		return strings.Join(v, ", ")
	}()
	uwes := func(vals ...int) map[string]int {
		m := map[string]int{}
		for i, v := range vals {
			if v >= 0 {
				m[fmt.Sprintf("U%d", i+1)] = v
			}
		}
		return m
	}
	r1 := uwes(6, 5, 4, 4, 5, 3, 4, 2, 3)
	r1["N1"] = 10
	r2 := uwes(3, 3, 3, 3, 3, 3, 3, 3, -1) // item 9 skipped
	r2["N1"] = 9
	st := fixture(t, noSuppression(), concat([]string{bank}, surveyAnswers("S2024", "2024-07-01",
		surveyRespondent{id: "R1", dept: "総務部", answers: r1},
		surveyRespondent{id: "R2", dept: "総務部", answers: r2},
		surveyRespondent{id: "R3", dept: "総務部", answers: map[string]int{"N1": 9, "Q1": 4}},
		surveyRespondent{id: "R4", dept: "総務部", answers: map[string]int{"N1": 7, "Q1": 3}},
		surveyRespondent{id: "R5", dept: "総務部", answers: map[string]int{"N1": 3, "Q1": 2}},
	))...)
	// UWES-9 (mean of items, 0–6):
	//   R1: total 36/9 = 4; 活力 (1,2,5) (6+5+5)/3 = 5.3333; 熱意 (3,4,7) (4+4+4)/3 = 4;
	//       没頭 (6,8,9) (3+2+3)/3 = 2.6667
	//   R2: item 9 skipped → no total, no 没頭; 活力 3, 熱意 3
	//   group: UWES-9 4 (R1 only), 活力 (5.3333+3)/2 = 4.1667, 熱意 (4+3)/2 = 3.5, 没頭 2.6667
	// eNPS: answers 10, 9, 9, 7, 3 → promoters (9–10) 3/5 = 60 %, detractors (0–6)
	//   1/5 = 20 %, eNPS = 60 − 20 = 40.
	got := queryRows(t, st.DB(), `SELECT measure, respondents, round(score, 4), promoters_share, detractors_share
		FROM mart_engagement_standard WHERE dimension = '全体' ORDER BY measure_order`)
	assertRows(t, "standard scores", got, [][]string{
		{"UWES-9", "1", "4", "NULL", "NULL"},
		{"UWES-9 活力", "2", "4.1667", "NULL", "NULL"},
		{"UWES-9 熱意", "2", "3.5", "NULL", "NULL"},
		{"UWES-9 没頭", "1", "2.6667", "NULL", "NULL"},
		{"eNPS", "5", "40", "60", "20"},
	})
	// The survey's own engagement index keeps working beside them: Q1
	// answers 4, 3, 2 → 75, 50, 25 → 50.
	got = queryRows(t, st.DB(), `SELECT respondents, score FROM mart_engagement_score WHERE dimension = '全体' AND measure_kind = 'index'`)
	assertRows(t, "engagement index", got, [][]string{{"3", "50"}})
	// A 0–6 item's mean stays on its own scale: U1 answers 6 and 3 → 4.5; on 0–100 (6+3)/2/6·100 = 75.
	got = queryRows(t, st.DB(), `SELECT round(mean, 2), round(score, 2) FROM mart_engagement_item WHERE dimension = '全体' AND item_code = 'U1'`)
	assertRows(t, "UWES item", got, [][]string{{"4.5", "75"}})

	// With the default minimum group size (5) only eNPS (5 respondents) is shown.
	st = fixture(t, jinzai.DefaultConfig(), concat([]string{bank}, surveyAnswers("S2024", "2024-07-01",
		surveyRespondent{id: "R1", dept: "総務部", answers: r1},
		surveyRespondent{id: "R2", dept: "総務部", answers: r2},
		surveyRespondent{id: "R3", dept: "総務部", answers: map[string]int{"N1": 9}},
		surveyRespondent{id: "R4", dept: "総務部", answers: map[string]int{"N1": 7}},
		surveyRespondent{id: "R5", dept: "総務部", answers: map[string]int{"N1": 3}},
	))...)
	got = queryRows(t, st.DB(), `SELECT measure, suppressed, score FROM mart_engagement_standard WHERE dimension = '全体' ORDER BY measure_order`)
	assertRows(t, "suppressed standard scores", got, [][]string{
		{"UWES-9", "true", "NULL"}, {"UWES-9 活力", "true", "NULL"}, {"UWES-9 熱意", "true", "NULL"}, {"UWES-9 没頭", "true", "NULL"},
		{"eNPS", "false", "40"},
	})
}

func TestIsoRiskLinesPassThroughTheNationalMeans(t *testing.T) {
	st := fixture(t, jinzai.DefaultConfig())
	// At x = A0 the risk-100 line is at y = B0 (male 8.7, 7.9); the risk-120
	// line at x = A0 is at y = 7.9 + ln(1.2)/(−0.089) = 7.9 − 2.0486 = 5.851.
	// The risk-80 line would be at 7.9 + 2.5072 = 10.407, just outside the
	// window (7.9 ± 2.5), so it has no point there. On chart B (x = C0 7.5)
	// risk 80 is at 8.1 + ln(0.8)/(−0.097) = 10.4, 100 at D0 8.1 and 120 at
	// 8.1 − 1.8796 = 6.22.
	got := queryRows(t, st.DB(), `SELECT chart, line, x, y FROM mart_stress_reference_line
		WHERE sex = '男性' AND point_order = 10 ORDER BY chart, risk_level`)
	assertRows(t, "lines", got, [][]string{
		{"A", "リスク100", "8.7", "7.9"}, {"A", "リスク120", "8.7", "5.851"},
		{"B", "リスク80", "7.5", "10.4"}, {"B", "リスク100", "7.5", "8.1"}, {"B", "リスク120", "7.5", "6.22"},
	})
}
