package demo

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	jinzai "github.com/jinzai-hr/jinzai"
)

// Survey categories: Setagaya's 20 staff-survey categories (002), with
// 区 read as 市.
var surveyCategories = [...]string{
	"挑戦意識", "仕事の適応度", "組織への愛着心", "仕事の負荷", "市民要望への対応",
	"仕事上のコミュニケーション", "改善意欲", "仕事への評価", "上司の遂行能力", "職員育成",
	"昇任", "評価", "能力開発・研修等制度理解", "人事異動", "ワークライフバランス",
	"能力認識", "キャリア関係", "組織体制", "職場研修(OJT)", "自己啓発",
}

const (
	catLoad     = 3
	catEval     = 7
	catBoss     = 8
	catGrowth   = 9
	catPromo    = 10
	catTraining = 12
	catWLB      = 14
	catCareer   = 16
)

type surveyItem struct {
	text    string
	reverse bool
	eng     bool
	mu      float64 // mean of the positively scored answer (1–5)
}

// surveyItems holds two items per category, in category order; item i is
// Q(i+1) and belongs to category i/2.
var surveyItems = [...]surveyItem{
	{"担当外の業務であっても、必要があれば積極的に取り組みたいと思う", false, true, 3.5},
	{"新しい仕事や難しい課題に挑戦することにやりがいを感じる", false, true, 3.4},
	{"今の仕事は、自分の能力や適性を生かせていると感じる", false, false, 3.2},
	{"今の仕事にやりがいや誇りを感じている", false, true, 3.6},
	{"{org}の職員であることに誇りを持っている", false, true, 3.6},
	{"今後もこの市役所で働き続けたいと思う", false, true, 3.7},
	{"仕事の量が多すぎて、時間内に処理しきれない", true, false, 3.0},
	{"これまでの知識や経験では対応しきれない仕事が多い", true, false, 2.8},
	{"市民のニーズや困りごとを把握して仕事に取り組んでいる", false, false, 3.7},
	{"市民の満足度を高めることを意識して業務を行っている", false, false, 3.6},
	{"職層や年齢が壁となり、職場で意見を言いづらいと感じる", true, false, 3.3},
	{"職場には、アイデアを提案し実践しやすい雰囲気がある", false, false, 3.1},
	{"仕事の進め方を常に工夫し、より良くしようと取り組んでいる", false, true, 3.7},
	{"業務の無駄や非効率に気付いたら、改善を提案している", false, false, 3.3},
	{"上司は、自分に期待している役割や能力を伝えてくれる", false, false, 3.2},
	{"自分の仕事の成果は、職場で正当に認められていると感じる", false, false, 3.3},
	{"上司は、実効性のある計画と的確な指示を示している", false, false, 3.2},
	{"上司は、業務の進捗を把握し、適切なタイミングで軌道修正の指示をしている", false, false, 3.1},
	{"上司は、部下一人ひとりの能力や強みを把握している", false, false, 3.1},
	{"成長につながるような仕事の割り振りがされている", false, false, 3.0},
	{"昇任選考では、適切な人材が登用されていると思う", false, false, 2.9},
	{"自分も昇任して、より責任のある仕事をしたいと思う", false, false, 2.8},
	{"人事評価の仕組みや評価結果の決定プロセスに納得している", false, false, 2.9},
	{"人事評価の面談は、自分の成長に役立っている", false, false, 3.0},
	{"必要な能力・スキルを身につけるための研修制度が整っている", false, false, 3.3},
	{"研修や自己啓発支援の制度の内容を理解している", false, false, 3.1},
	{"人事異動は、職員の成長や能力開発を考慮して行われている", false, false, 2.8},
	{"自己申告などで、異動に関する希望を伝える機会がある", false, false, 3.6},
	{"仕事と私生活のバランスがとれている", false, false, 3.3},
	{"仕事のために私生活を犠牲にしていると感じることが多い", true, false, 3.3},
	{"自分の強みや得意分野を把握している", false, false, 3.4},
	{"職場ごとに必要なスキルと、誰がそれを身につけているかを明確にすべきだと思う", false, false, 3.9},
	{"市役所で自分が目指すキャリアを明確に描けている", false, false, 2.7},
	{"キャリアの目標となる先輩や上司が身近にいる", false, false, 3.0},
	{"想定外の事業や課題にも、柔軟に対応できる組織体制になっている", false, false, 2.9},
	{"部署間の連携・協力がうまくとれている", false, false, 3.0},
	{"職場でOJTが計画的に行われている", false, false, 2.9},
	{"先輩や上司から、仕事に必要な知識やノウハウを教わる機会がある", false, false, 3.4},
	{"業務時間外にも、自己啓発に取り組んでいる", false, false, 2.8},
	{"自己啓発のための支援メニューが充実していると感じる", false, false, 3.0},
}

// likert are the five answer texts; index = positively scored point.
var likert = [6]string{"", "全くそう思わない", "そう思わない", "どちらともいえない", "そう思う", "とてもそう思う"}

func itemCode(i int) string { return fmt.Sprintf("Q%02d", i+1) }

// itemText is the text of item i as the city's survey words it: "{org}"
// stands for the organisation's name.
func (s *sim) itemText(i int) string {
	return strings.ReplaceAll(surveyItems[i].text, "{org}", s.opt.Organisation)
}

// writeSurveyItems writes survey_items.csv (UTF-8, LF).
func (s *sim) writeSurveyItems(path string) (int, error) {
	return writeCSV(path, false, false, func(w *csv.Writer) error {
		if err := w.Write([]string{"設問コード", "設問", "カテゴリ", "尺度", "逆転", "エンゲージメント"}); err != nil {
			return err
		}
		for i, it := range surveyItems {
			rev, eng := "", ""
			if it.reverse {
				rev = "1"
			}
			if it.eng {
				eng = "1"
			}
			if err := w.Write([]string{itemCode(i), s.itemText(i), surveyCategories[i/2], "5", rev, eng}); err != nil {
				return err
			}
		}
		return nil
	}, len(surveyItems))
}

func (s *sim) surveyYears() []int {
	var out []int
	for fy := max(s.fy0, s.last-2); fy <= s.last; fy++ {
		out = append(out, fy)
	}
	return out
}

type surveySpec struct {
	fy         int
	start, end time.Time
	snap       *snapshot
}

// surveyWindow: the survey of fy runs for three weeks from the first
// Monday on or after July 6; its date is the last day.
func surveyWindow(fy int) (start, end time.Time) {
	start = time.Date(fy, time.July, 6, 0, 0, 0, 0, time.UTC)
	for start.Weekday() != time.Monday {
		start = start.AddDate(0, 0, 1)
	}
	return start, start.AddDate(0, 0, 18)
}

// surveySpec is the survey of fy, answered by the staff on the roster of
// April 1 of fy; it needs the simulation to have reached fy.
func (s *sim) surveySpec(fy int) surveySpec {
	start, end := surveyWindow(fy)
	return surveySpec{fy: fy, start: start, end: end, snap: &s.snaps[fy-s.fy0]}
}

// deptClimate is the latent department effect: a fixed level, a drift per
// survey year and per-category deviations. Busy departments score worse on
// workload and work-life balance; one department declines, two improve.
type deptClimate struct {
	base, trend float64
	prop        float64 // response propensity
	cat         [len(surveyCategories)]float64
}

func (s *sim) climate() []deptClimate {
	r := newRand(s.opt.Seed, streamSurvey)
	out := make([]deptClimate, len(s.org.depts))
	for d := range out {
		c := &out[d]
		c.base = 0.15 * r.NormFloat64()
		c.trend = 0.03 * r.NormFloat64()
		c.prop = 0.75 + 0.5*r.Float64()
		for k := range c.cat {
			c.cat[k] = 0.15 * r.NormFloat64()
		}
		switch s.org.depts[d].name {
		case "保健福祉部":
			c.trend = -0.2
		case "市民生活部":
			c.trend = 0.12
		case "子ども・若者部":
			c.trend = 0.1
		}
		if b := s.org.depts[d].busy; b < 0.95 {
			c.cat[catLoad] -= 0.4
			c.cat[catWLB] -= 0.3
		}
	}
	return out
}

type response struct {
	at      time.Time
	dept    string
	grade   string
	ageBand string
	gender  string
	tenure  string
	answers [len(surveyItems)]int8 // displayed answer 1–5, 0 = blank
}

func ageBand(a int) string {
	switch {
	case a < 30:
		return "20代"
	case a < 40:
		return "30代"
	case a < 50:
		return "40代"
	case a < 60:
		return "50代"
	}
	return "60代"
}

func tenureBand(years int) string {
	switch {
	case years < 5:
		return "5年未満"
	case years < 10:
		return "5〜10年未満"
	case years < 20:
		return "10〜20年未満"
	}
	return "20年以上"
}

// responses simulates the anonymous answers of about 30% of the regular
// headcount. Engagement items follow a latent engagement driven mostly by
// 上司の遂行能力, 仕事への評価 and キャリア関係.
func (s *sim) responses(sv surveySpec) []response {
	r := newRand(s.opt.Seed, streamSurvey+uint64(sv.fy)*0x9e3779b9)
	clim := s.climate()
	t := float64(sv.fy - s.surveyYears()[0])

	type cand struct {
		row *rosterRow
		key float64
	}
	var cands []cand
	headcount := 0
	for i := range sv.snap.rows {
		row := &sv.snap.rows[i]
		if row.emp != empRegular && row.emp != empReFull {
			continue
		}
		headcount++
		if row.leave != "" {
			continue
		}
		w := clim[row.dept].prop
		a := jinzai.LegalAge(row.birth, sv.end)
		switch {
		case a >= 50:
			w *= 1.15
		case a < 30:
			w *= 0.9
		}
		if row.grade <= gKacho {
			w *= 1.4
		}
		cands = append(cands, cand{row, r.ExpFloat64() / w})
	}
	rate := 0.295 + 0.006*t + 0.01*(r.Float64()-0.5)
	n := min(len(cands), int(math.Round(float64(headcount)*rate)))
	slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(x.key, y.key) })
	cands = cands[:n]

	days := int(sv.end.Sub(sv.start).Hours()/24) + 1
	var dayCum []float64
	total := 0.0
	for d := 0; d < days; d++ {
		w := 3.0 * math.Exp(-float64(d)/4)
		if d >= days-5 {
			w += 1.2 // reminder before the deadline
		}
		if isWeekend(sv.start.AddDate(0, 0, d)) {
			w *= 0.15
		}
		total += w
		dayCum = append(dayCum, total)
	}
	hourW := []float64{0, 0, 0, 0, 0, 0, 0, 0.2, 1.2, 1.5, 1.3, 1.4, 2.2, 1.6, 1.3, 1.3, 1.5, 2.0, 1.4, 0.8, 0.6, 0.5, 0.3, 0.1}
	var hourCum []float64
	total = 0
	for _, w := range hourW {
		total += w
		hourCum = append(hourCum, total)
	}

	out := make([]response, 0, n)
	var f [len(surveyCategories)]float64
	for _, c := range cands {
		row := c.row
		cl := clim[row.dept]
		a := jinzai.LegalAge(row.birth, sv.end)
		resp := response{
			at: sv.start.AddDate(0, 0, pick(r, dayCum)).Add(time.Duration(pick(r, hourCum))*time.Hour +
				time.Duration(r.IntN(3600))*time.Second),
			dept: s.org.deptName(row.dept, sv.fy), grade: gradeNames[row.grade], ageBand: ageBand(a),
			tenure: tenureBand(jinzai.LegalAge(row.hire, sv.end)),
		}
		switch x := r.Float64(); {
		case x < 0.01:
		case x < 0.04:
			resp.gender = "回答しない"
		case row.female:
			resp.gender = "女性"
		default:
			resp.gender = "男性"
		}
		level := cl.base + cl.trend*t + 0.04*t
		g := r.NormFloat64()
		for k := range f {
			f[k] = level + cl.cat[k] + 0.45*g + 0.89*r.NormFloat64()
		}
		switch {
		case row.grade <= gKacho:
			for k := range f {
				f[k] += 0.3
			}
		case row.grade == gHosa || row.grade == gKakari:
			for k := range f {
				f[k] += 0.1
			}
		}
		switch {
		case a < 30:
			f[catTraining] += 0.15
		case a < 40:
			f[catCareer] -= 0.2
			f[catWLB] -= 0.15
		}
		if row.female {
			f[catPromo] -= 0.15
		}
		eng := 0.42*f[catBoss] + 0.42*f[catEval] + 0.38*f[catCareer] + 0.12*f[catGrowth] + 0.2*level + 0.55*r.NormFloat64()
		for i, it := range surveyItems {
			if chance(r, 0.02) {
				continue
			}
			lat := f[i/2]
			if it.eng {
				lat = 0.75*eng + 0.3*f[i/2]
			}
			v := int(math.Round(it.mu + 0.8*lat + 0.6*r.NormFloat64()))
			v = min(5, max(1, v))
			if it.reverse {
				v = 6 - v
			}
			resp.answers[i] = int8(v)
		}
		out = append(out, resp)
	}
	slices.SortStableFunc(out, func(x, y response) int { return x.at.Compare(y.at) })
	return out
}

// writeSurvey writes one survey as a wide form-tool export (UTF-8 with BOM,
// CRLF): one row per respondent, one column per question text.
func (s *sim) writeSurvey(path string, sv surveySpec) (int, error) {
	resps := s.responses(sv)
	return writeCSV(path, true, true, func(w *csv.Writer) error {
		head := []string{"タイムスタンプ", "所属", "職層", "年代", "性別", "勤続年数"}
		for i := range surveyItems {
			head = append(head, s.itemText(i))
		}
		if err := w.Write(head); err != nil {
			return err
		}
		rec := make([]string, len(head))
		for _, rp := range resps {
			rec[0] = rp.at.Format("2006/01/02 15:04:05")
			rec[1], rec[2], rec[3], rec[4], rec[5] = rp.dept, rp.grade, rp.ageBand, rp.gender, rp.tenure
			for i, v := range rp.answers {
				rec[6+i] = likert[v]
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		return nil
	}, len(resps))
}

// writeCSV writes a UTF-8 CSV through a buffered writer.
func writeCSV(path string, bom, crlf bool, body func(*csv.Writer) error, rows int) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	if bom {
		_, _ = bw.WriteString("\uFEFF")
	}
	w := csv.NewWriter(bw)
	w.UseCRLF = crlf
	if err := body(w); err != nil {
		return 0, err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return rows, f.Close()
}
