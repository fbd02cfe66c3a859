package demo

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	jinzai "github.com/jinzai-hr/jinzai"
)

// The stress check (ストレスチェック) of the latest fiscal year: the 80-item
// Brief Job Stress Questionnaire (新職業性ストレス簡易調査票), offered to all
// regular staff at work, answered by about 85%, delivered by the
// stress-check provider as its own item bank (stress_items.csv) and an
// anonymous wide export with answer texts and the respondent's sex, 所属,
// 職層 and 年代 (the group-analysis data the 実施者 passes to HR).

// stressWindow: the stress check of fy runs for two weeks from the first
// Monday on or after October 1; its date is the last day.
func stressWindow(fy int) (start, end time.Time) {
	start = time.Date(fy, time.October, 1, 0, 0, 0, 0, time.UTC)
	for start.Weekday() != time.Monday {
		start = start.AddDate(0, 0, 1)
	}
	return start, start.AddDate(0, 0, 11)
}

func bjsqCode(no int) string { return fmt.Sprintf("BJSQ%02d", no) }

// writeStressItems writes stress_items.csv: the 80 BJSQ items as the
// provider's item bank (UTF-8, LF).
func (s *sim) writeStressItems(path string) (int, error) {
	scaleOf := jinzai.BJSQItemScale()
	names := map[string]string{}
	for _, sc := range jinzai.BJSQScales {
		names[sc.Code] = sc.Name
	}
	return writeCSV(path, false, false, func(w *csv.Writer) error {
		if err := w.Write([]string{"設問コード", "設問", "カテゴリ", "尺度", "標準尺度", "項目番号"}); err != nil {
			return err
		}
		for _, it := range jinzai.BJSQItems {
			if err := w.Write([]string{bjsqCode(it.No), it.Text, names[scaleOf[it.No]], "4", "BJSQ", strconv.Itoa(it.No)}); err != nil {
				return err
			}
		}
		return nil
	}, len(jinzai.BJSQItems))
}

// Latent dimensions of a stress-check respondent.
const (
	latDemand = iota
	latControl
	latBoss
	latCoworker
	latStrain
	latEngage
	latNone
	numLatent
)

// bjsqModel says how the demo answers an item: the mean item score (in
// the direction of the item score: more of the scale's construct for the
// 57-item scales, better for the 80-item additions) and the latent it
// moves with (sign −1: against it).
type bjsqModel struct {
	mu   float64
	lat  int
	sign float64
}

func bjsqItemModel(no int) bjsqModel {
	switch {
	case no <= 3:
		return bjsqModel{2.85, latDemand, 1}
	case no <= 6:
		return bjsqModel{2.95, latDemand, 0.8}
	case no == 7:
		return bjsqModel{2.0, latNone, 1}
	case no <= 10:
		return bjsqModel{2.62, latControl, 1}
	case no == 11:
		return bjsqModel{2.9, latControl, 0.6}
	case no <= 14:
		return bjsqModel{2.2, latStrain, 0.7}
	case no == 15:
		return bjsqModel{2.2, latNone, 1}
	case no <= 17:
		return bjsqModel{2.8, latEngage, 1}
	case no <= 20:
		return bjsqModel{2.1, latEngage, 1}
	case no <= 26:
		return bjsqModel{2.1, latStrain, 1}
	case no <= 46:
		return bjsqModel{1.75, latStrain, 0.9}
	case no == 47 || no == 50 || no == 53:
		return bjsqModel{2.48, latBoss, 1}
	case no == 48 || no == 51 || no == 54:
		return bjsqModel{2.68, latCoworker, 1}
	case no <= 55:
		return bjsqModel{3.1, latNone, 1}
	case no <= 57:
		return bjsqModel{2.75, latEngage, 0.8}
	case no == 58 || no == 59 || no == 75 || no == 77:
		return bjsqModel{2.8, latStrain, -0.8}
	case no == 60:
		return bjsqModel{3.3, latControl, 0.6}
	case no == 63 || (no >= 65 && no <= 68):
		return bjsqModel{2.45, latBoss, 0.9}
	case no == 78:
		return bjsqModel{2.65, latCoworker, 0.9}
	case no >= 79:
		return bjsqModel{2.5, latEngage, 1}
	}
	return bjsqModel{2.35, latEngage, 0.6}
}

// stressClimate is a department's effect on each latent: busy departments
// carry more demand; supervisors and colleagues differ by department.
func (s *sim) stressClimate() [][numLatent]float64 {
	r := newRand(s.opt.Seed, streamStress)
	out := make([][numLatent]float64, len(s.org.depts))
	for d := range out {
		c := &out[d]
		c[latDemand] = 4*(1-s.org.depts[d].busy) + 0.12*r.NormFloat64()
		c[latControl] = 0.22 * r.NormFloat64()
		c[latBoss] = 0.3 * r.NormFloat64()
		c[latCoworker] = 0.22 * r.NormFloat64()
	}
	return out
}

type stressResponse struct {
	at                        time.Time
	dept, grade, ageBand, sex string
	answers                   [80]int8 // answer number 1–4, 0 = blank
}

// stressResponses simulates the stress check of fy on the roster of
// April 1 of fy: about 85% of the regular staff at work answer.
func (s *sim) stressResponses(fy int) []stressResponse {
	r := newRand(s.opt.Seed, streamStress+uint64(fy)*0x9e3779b9)
	clim := s.stressClimate()
	snap := &s.snaps[fy-s.fy0]
	start, end := stressWindow(fy)
	type cand struct {
		row *rosterRow
		key float64
	}
	var cands []cand
	headcount := 0
	for i := range snap.rows {
		row := &snap.rows[i]
		if row.emp != empRegular && row.emp != empReFull {
			continue
		}
		headcount++
		if row.leave != "" {
			continue
		}
		w := 1.0
		if row.grade <= gKacho {
			w = 1.3
		}
		cands = append(cands, cand{row, r.ExpFloat64() / w})
	}
	n := min(len(cands), int(math.Round(float64(headcount)*(0.85+0.01*(r.Float64()-0.5)))))
	slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(x.key, y.key) })
	cands = cands[:n]

	days := int(end.Sub(start).Hours()/24) + 1
	var dayCum []float64
	total := 0.0
	for d := 0; d < days; d++ {
		w := 2.5*math.Exp(-float64(d)/3) + 0.6
		if isWeekend(start.AddDate(0, 0, d)) {
			w *= 0.1
		}
		total += w
		dayCum = append(dayCum, total)
	}
	out := make([]stressResponse, 0, n)
	var lat [numLatent]float64
	for _, c := range cands {
		row := c.row
		a := jinzai.LegalAge(row.birth, end)
		resp := stressResponse{
			at:   start.AddDate(0, 0, pick(r, dayCum)).Add(time.Duration(8*3600+r.IntN(10*3600)) * time.Second),
			dept: s.org.deptName(row.dept, fy), grade: gradeNames[row.grade], ageBand: ageBand(a),
		}
		switch {
		case chance(r, 0.01):
		case row.female:
			resp.sex = "女性"
		default:
			resp.sex = "男性"
		}
		cl := clim[row.dept]
		for k := range lat {
			lat[k] = cl[k] + 0.85*r.NormFloat64()
		}
		if row.grade <= gKacho {
			lat[latDemand] += 0.35
			lat[latControl] += 0.45
		}
		if row.female {
			// The female national means are lower on demand, control and supervisor support.
			lat[latDemand] -= 0.3
			lat[latControl] -= 0.35
			lat[latBoss] -= 0.45
		}
		lat[latStrain] += 0.35*lat[latDemand] - 0.25*lat[latControl] - 0.2*lat[latBoss]
		lat[latEngage] += 0.3*lat[latControl] + 0.25*lat[latBoss] - 0.2*lat[latStrain]
		lat[latNone] = 0.85 * r.NormFloat64()
		for i, it := range jinzai.BJSQItems {
			if chance(r, 0.003) {
				continue
			}
			m := bjsqItemModel(it.No)
			score := int(math.Round(m.mu + 0.62*m.sign*lat[m.lat] + 0.5*r.NormFloat64()))
			score = min(4, max(1, score))
			if it.Flip {
				score = 5 - score
			}
			resp.answers[i] = int8(score)
		}
		out = append(out, resp)
	}
	slices.SortStableFunc(out, func(x, y stressResponse) int { return x.at.Compare(y.at) })
	return out
}

// writeStressCheck writes the stress check of fy as the provider's wide
// export (UTF-8 with BOM, CRLF): the answer texts of the questionnaire,
// one column per question headed "No. text".
func (s *sim) writeStressCheck(path string, fy int) (int, error) {
	resps := s.stressResponses(fy)
	return writeCSV(path, true, true, func(w *csv.Writer) error {
		head := []string{"回答日時", "所属", "職層", "年代", "性別"}
		for _, it := range jinzai.BJSQItems {
			head = append(head, fmt.Sprintf("%d. %s", it.No, it.Text))
		}
		if err := w.Write(head); err != nil {
			return err
		}
		rec := make([]string, len(head))
		for _, rp := range resps {
			rec[0] = rp.at.Format("2006/01/02 15:04:05")
			rec[1], rec[2], rec[3], rec[4] = rp.dept, rp.grade, rp.ageBand, rp.sex
			for i, it := range jinzai.BJSQItems {
				rec[5+i] = ""
				if v := rp.answers[i]; v > 0 {
					rec[5+i] = it.Answers()[v-1]
				}
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		return nil
	}, len(resps))
}
