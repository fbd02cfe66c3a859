package demo

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/csv"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	jinzai "github.com/jinzai-hr/jinzai"
	"github.com/xuri/excelize/v2"
)

// Course categories (区分) and required-when values (受講時期) of the
// catalogue, as docs/input-files.md lists them.
const (
	catMandatory = "階層別必修"
	catElective  = "選択"
	catSpecial   = "特別"
	catSelf      = "自主"
	catELearning = "eラーニング"
	catCorresp   = "通信教育"
	catSecond    = "派遣"

	whenHire      = "採用時"
	whenEarly     = "2年目以降"
	whenCandidate = "昇任候補"
	whenPromoted  = "昇任後"
	whenYearly    = "毎年"
	whenTriennial = "3年毎"
)

// course is one catalogue entry plus how the city schedules it.
type course struct {
	code, name, cat string
	targets         []int // grade indices; nil = every grade
	when            string
	hours           float64 // 0 = not stated
	comps           string  // competencies separated by 、
	tier            int
	// scheduling
	months   []int // months in which sessions start
	sessions int   // sessions per fiscal year (group courses)
	days     int   // working days per session; 0 = self-paced
	paceDays int   // self-paced: up to this many days to finish
}

// catalogue follows Setagaya's mandatory training by grade (002) with the
// Tachikawa competency names (004), plus electives, self-development,
// secondments and the DX courses that qualify for the digital tiers.
func catalogue() []course {
	return []course{
		{"K01", "新規採用職員研修", catMandatory, []int{gShuji, gGinouin}, whenHire, 28, "職務遂行能力、課題発見能力", tierNone, []int{4}, 1, 5, 0},
		{"K02", "2年目職員研修（市民生活を知る・市民応対力）", catMandatory, []int{gShuji, gGinouin}, whenEarly, 12, "職務遂行能力、課題発見能力、折衝交渉能力", tierNone, []int{6, 9}, 4, 2, 0},
		{"K03", "若手職員キャリアデザイン研修", catMandatory, []int{gShuji}, whenEarly, 6, "課題発見能力、専門能力", tierNone, []int{7, 11}, 4, 1, 0},
		{"K04", "主任昇任前研修（コミュニケーション活性化）", catMandatory, []int{gShunin}, whenCandidate, 6, "折衝交渉能力、指導育成能力", tierNone, []int{10, 11}, 3, 1, 0},
		{"K05", "新任主任研修（業務改善・キャリア形成）", catMandatory, []int{gShunin}, whenPromoted, 12, "課題発見能力、政策立案能力、指導育成能力", tierNone, []int{5, 6, 7}, 4, 2, 0},
		{"K06", "係長昇任前研修（役割認識・コンプライアンス）", catMandatory, []int{gKakari}, whenCandidate, 6, "組織運営能力、危機管理能力", tierNone, []int{10, 11}, 2, 1, 0},
		{"K07", "新任係長研修（部下育成・マネジメント）", catMandatory, []int{gKakari}, whenPromoted, 14, "組織運営能力、指導育成能力、折衝交渉能力、職務遂行能力", tierNone, []int{5, 6}, 3, 2, 0},
		{"K08", "管理職候補者研修（役割認識）", catMandatory, []int{gKacho}, whenCandidate, 12, "組織運営能力、政策立案能力、危機管理能力", tierNone, []int{9, 10}, 2, 2, 0},
		{"K09", "新任課長研修（組織経営・マネジメント）", catMandatory, []int{gKacho}, whenPromoted, 12, "行政経営能力、組織運営能力、危機管理能力、指導育成能力", tierNone, []int{5, 6}, 2, 2, 0},
		{"K10", "新任部長研修", catMandatory, []int{gBucho}, whenPromoted, 6, "政策決定能力、行政経営能力、危機管理能力", tierNone, []int{5}, 1, 1, 0},
		{"K11", "メンタルヘルス研修", catMandatory, nil, whenTriennial, 2, "組織運営能力、指導育成能力", tierNone, []int{6, 7, 9, 10, 11, 1}, 12, 1, 0},
		{"K12", "公務員倫理・人権研修", catMandatory, nil, whenYearly, 1.5, "職務遂行能力", tierNone, []int{6, 7, 8, 9, 10, 11, 12, 1, 2}, 1, 0, 40},
		{"K13", "新任技能系職層研修", catMandatory, []int{gToukatsu, gGinoucho, gGShunin}, whenPromoted, 6, "職務遂行能力、指導育成能力、組織運営能力", tierNone, []int{6}, 1, 1, 0},
		{"E01", "情報セキュリティ研修", catELearning, nil, whenYearly, 1, "職務遂行能力、危機管理能力", tierNone, []int{5, 6, 7, 8, 9, 10, 11, 12, 1}, 1, 0, 30},
		{"E02", "デジタルリテラシー基礎（eラーニング）", catELearning, nil, "", 3, "職務遂行能力、課題発見能力", tierGeneral, []int{5, 6, 7, 8, 9, 10, 11, 12, 1, 2}, 1, 0, 45},
		{"E03", "Excel・データ活用講座（eラーニング）", catELearning, []int{gShuji, gShunin, gKakari}, "", 4, "職務遂行能力、専門能力", tierNone, []int{5, 6, 7, 8, 9, 10, 11, 12, 1, 2}, 1, 0, 60},
		{"S01", "文書事務研修", catElective, []int{gShuji, gShunin}, "", 6, "職務遂行能力、専門能力", tierNone, []int{5, 6, 10}, 3, 1, 0},
		{"S02", "財務会計事務研修", catElective, []int{gShuji, gShunin, gKakari}, "", 6, "職務遂行能力、専門能力", tierNone, []int{5, 6, 10}, 3, 1, 0},
		{"S03", "法務能力向上研修", catElective, []int{gShunin, gKakari, gHosa}, "", 9, "専門能力、課題発見能力", tierNone, []int{7, 10, 11}, 2, 2, 0},
		{"S04", "政策形成研修", catElective, []int{gShunin, gKakari}, "", 12, "政策立案能力、課題発見能力", tierNone, []int{7, 9, 11}, 2, 2, 0},
		{"S05", "プレゼンテーション・ファシリテーション研修", catElective, []int{gShuji, gShunin, gKakari}, "", 6, "折衝交渉能力、政策立案能力", tierNone, []int{6, 9, 12}, 3, 1, 0},
		{"S06", "市民応対力向上研修（クレーム対応）", catElective, []int{gShuji, gShunin, gKakari, gGinouin, gGShunin}, "", 3, "折衝交渉能力、危機管理能力", tierNone, []int{5, 7, 10, 1}, 4, 1, 0},
		{"D01", "DX推進リーダー育成研修", catSpecial, []int{gShuji, gShunin, gKakari, gHosa}, "", 18, "政策立案能力、課題発見能力、専門能力", tierLeader, []int{6, 7, 8, 9}, 2, 3, 0},
		{"D02", "データ分析・EBPM研修", catElective, []int{gShunin, gKakari, gHosa}, "", 6, "政策立案能力、課題発見能力", tierNone, []int{8, 11}, 2, 1, 0},
		{"T01", "女性職員キャリアアップ研修", catSpecial, []int{gShunin, gKakari}, "", 6, "組織運営能力、指導育成能力", tierNone, []int{7, 11}, 2, 1, 0},
		{"T02", "ハラスメント防止研修（管理監督職）", catSpecial, []int{gBucho, gKacho, gHosa}, "", 2, "組織運営能力、危機管理能力", tierNone, []int{5, 10}, 2, 1, 0},
		{"T03", "評価者研修", catSpecial, []int{gKacho, gHosa, gKakari}, "", 3, "組織運営能力、指導育成能力", tierNone, []int{5, 9}, 3, 1, 0},
		{"C01", "通信教育（行政法・地方自治）", catCorresp, nil, "", 30, "専門能力、政策立案能力", tierNone, []int{6, 10}, 1, 0, 150},
		{"C02", "通信教育（簿記・会計）", catCorresp, nil, "", 30, "専門能力", tierNone, []int{6, 10}, 1, 0, 150},
		{"J01", "自主研究グループ活動", catSelf, nil, "", 20, "政策立案能力、課題発見能力", tierNone, []int{6}, 1, 0, 240},
		{"J02", "資格取得支援（情報処理安全確保支援士等）", catSelf, nil, "", 40, "専門能力", tierExpert, []int{4, 10}, 1, 0, 1},
		{"H01", "国・都道府県派遣研修", catSecond, []int{gShunin, gKakari}, "", 0, "政策立案能力、折衝交渉能力、行政経営能力", tierNone, []int{4}, 1, 0, 364},
		{"H02", "民間企業派遣研修", catSecond, []int{gShunin, gKakari}, "", 0, "行政経営能力、課題発見能力", tierNone, []int{4}, 1, 0, 364},
		{"H03", "デジタル庁派遣研修（DX高度人材）", catSecond, []int{gShunin, gKakari}, "", 0, "専門能力、政策立案能力", tierExpert, []int{4}, 1, 0, 364},
		{"H04", "自治大学校研修", catSecond, []int{gKakari}, "", 0, "政策立案能力、行政経営能力、組織運営能力", tierNone, []int{5, 9}, 2, 0, 60},
	}
}

// candidateCourse is the 昇任候補 course for promotion into grade, or -1.
func candidateCourse(grade int) int {
	switch grade {
	case gShunin:
		return courseK04
	case gKakari:
		return courseK06
	case gKacho:
		return courseK08
	}
	return -1
}

// Course indices used by the simulation, in catalogue order.
const (
	courseK01 = iota
	courseK02
	courseK03
	courseK04
	courseK05
	courseK06
	courseK07
	courseK08
	courseK09
	courseK10
	courseK11
	courseK12
	courseK13
	courseE01
	courseE02
	courseE03
	courseS01
	courseS02
	courseS03
	courseS04
	courseS05
	courseS06
	courseD01
	courseD02
	courseT01
	courseT02
	courseT03
	courseC01
	courseC02
	courseJ01
	courseJ02
	courseH01
	courseH02
	courseH03
	courseH04
	numCourses
)

// promotedCourse is the 昇任後 course of a grade.
var promotedCourse = [numGrades]int{
	gBucho: courseK10, gKacho: courseK09, gHosa: -1, gKakari: courseK07, gShunin: courseK05,
	gShuji: -1, gToukatsu: courseK13, gGinoucho: courseK13, gGShunin: courseK13, gGinouin: -1,
}

var electives = []int{courseS01, courseS02, courseS03, courseS04, courseS05, courseS06, courseD02}

// Training statuses (状況).
const (
	stDone       = "修了"
	stInProgress = "受講中"
	stIncomplete = "未修了"
	stAbsent     = "欠席"
)

type record struct {
	key    uint64 // sort key: start date, employee number, course
	id     string
	course int
	start  time.Time
	end    time.Time // zero = blank
	hours  float64   // < 0 = blank
	status string
}

type session struct{ start, end time.Time }

func isWeekend(d time.Time) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

func addWorkdays(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if !isWeekend(d) {
			n--
		}
	}
	return d
}

// monthDate is a date in month m of fiscal year fy.
func monthDate(fy, m, day int) time.Time {
	y := fy
	if m < 4 {
		y++
	}
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// sessionsFor schedules a course's group sessions in fiscal year fy.
func (s *sim) sessionsFor(c *course, fy int) []session {
	out := make([]session, 0, c.sessions)
	for i := 0; i < c.sessions; i++ {
		m := c.months[i%len(c.months)]
		d := monthDate(fy, m, 2+s.trng.IntN(20))
		if c.code == "K01" {
			d = monthDate(fy, 4, 2)
		}
		for isWeekend(d) {
			d = d.AddDate(0, 0, 1)
		}
		out = append(out, session{d, addWorkdays(d, max(c.days, 1)-1)})
	}
	slices.SortFunc(out, func(a, b session) int { return a.start.Compare(b.start) })
	return out
}

// asOf is the extraction date of the training records: the latest fiscal
// year is still running, so its records stop at the end of September.
func (s *sim) asOf() time.Time {
	return time.Date(s.last, time.September, 30, 0, 0, 0, 0, time.UTC)
}

// simulateTraining produces fiscal year fy's training records for everyone
// in the snapshot of fy, and updates completions and digital tiers.
func (s *sim) simulateTraining(fy int) []record {
	r := s.trng
	sess := make([][]session, len(s.courses))
	for i := range s.courses {
		if s.courses[i].days > 0 {
			sess[i] = s.sessionsFor(&s.courses[i], fy)
		}
	}
	k := float64(fy - s.fy0)
	span := float64(max(1, s.opt.Years-1))
	selfDev := 0.08 + 0.08*k/span
	dxEra := fy >= s.last-5
	literacyEra := fy >= s.last-4
	fyEnd := jinzai.FiscalYearEnd(fy)
	out := make([]record, 0, 3*len(s.people))

	add := func(p *person, ci int, pTake float64, group bool) bool {
		if !chance(r, pTake) {
			return false
		}
		c := &s.courses[ci]
		var start, end time.Time
		if c.days > 0 {
			ss := sess[ci]
			sn := ss[r.IntN(len(ss))]
			if ci == courseK01 && p.hireFY == fy {
				sn = ss[0]
			}
			start, end = sn.start, sn.end
		} else {
			m := c.months[r.IntN(len(c.months))]
			start = monthDate(fy, m, 1+r.IntN(28))
			for isWeekend(start) {
				start = start.AddDate(0, 0, 1)
			}
			end = start.AddDate(0, 0, r.IntN(c.paceDays+1))
			if c.cat == catSecond && c.paceDays > 300 {
				start, end = jinzai.FiscalYearStart(fy), fyEnd
			}
			if end.After(fyEnd) {
				end = fyEnd
			}
		}
		days := uint64(start.Unix() / 86400)
		rec := record{key: days<<32 | uint64(p.idNum)<<8 | uint64(ci), id: p.id, course: ci, start: start, end: end, hours: c.hours, status: stDone}
		if c.hours == 0 {
			rec.hours = -1
		}
		x := r.Float64()
		switch {
		case group && x < 0.035:
			rec.status, rec.end, rec.hours = stAbsent, time.Time{}, 0
		case group && x < 0.045, !group && x < 0.05:
			rec.status, rec.end = stIncomplete, time.Time{}
			if c.hours > 0 {
				rec.hours = math.Round(c.hours*r.Float64()*2) / 2
			}
		case ci == courseJ02 && x < 0.6:
			rec.status, rec.end = stIncomplete, time.Time{}
		}
		out = append(out, rec)
		if rec.status == stDone {
			p.done[ci] = int16(fy)
			if c.tier > p.tier {
				p.tier = c.tier
			}
		}
		return rec.status == stDone
	}

	for _, p := range s.people {
		if !p.active || p.emp == empAnnual || p.leave != "" {
			continue
		}
		busy := s.org.depts[p.dept].busy
		mand := func(base float64) float64 { return math.Min(0.99, base*busy) }
		service := fy - p.hireFY + 1
		age := s.ageAt(p, fy)
		reg := p.regular()

		// 階層別必修 by year of service and grade.
		if reg && service == 1 {
			// Held centrally in the first week: no departmental lag.
			add(p, courseK01, 0.93, true)
		}
		if reg && service >= 2 && service <= 5 && p.done[courseK02] == 0 {
			pr := 0.87
			if service > 2 {
				pr = 0.5
			}
			add(p, courseK02, mand(pr), true)
		}
		if reg && service >= 3 && service <= 5 && p.done[courseK03] == 0 && !p.skillTrack() {
			add(p, courseK03, mand(0.42), true)
		}
		if reg && p.promoted && p.gradeFY == fy {
			if ci := promotedCourse[p.grade]; ci >= 0 {
				add(p, ci, mand(0.87), true)
			}
		}
		if reg {
			switch {
			case p.grade == gShuji && age >= 26 && service >= 3 && p.done[courseK04] == 0:
				add(p, courseK04, mand(0.3), true)
			case p.grade == gShunin && age >= 33 && p.done[courseK06] == 0:
				add(p, courseK06, mand(0.22), true)
			case p.grade == gHosa && !p.postLimited && age >= 45 && p.done[courseK08] == 0:
				add(p, courseK08, mand(0.35), true)
			}
		}
		// Every-year and every-three-years courses for all grades.
		add(p, courseK12, mand(0.93), false)
		add(p, courseE01, mand(0.94), false)
		if last := int(p.done[courseK11]); last == 0 || fy-last >= 3 {
			add(p, courseK11, mand(0.44), true)
		}

		// Electives, special courses and e-learning: a minority.
		if chance(r, 0.3) {
			e := pickCourseFor(r, s.courses, electives, p.grade)
			if e >= 0 && add(p, e, 1, true) && chance(r, 0.3) {
				if e2 := pickCourseFor(r, s.courses, electives, p.grade); e2 >= 0 && e2 != e {
					add(p, e2, 1, true)
				}
			}
		}
		if inTargets(s.courses[courseE03].targets, p.grade) {
			add(p, courseE03, 0.1, false)
		}
		if literacyEra && p.done[courseE02] == 0 {
			add(p, courseE02, 0.2, false)
		}
		if dxEra && reg && age >= 25 && age <= 50 && p.tier < tierLeader && inTargets(s.courses[courseD01].targets, p.grade) {
			add(p, courseD01, 0.013, true)
		}
		if p.grade <= gHosa && !p.postLimited && reg {
			add(p, courseT02, 0.45, true)
		}
		if p.female && reg && (p.grade == gShunin || p.grade == gKakari) && fy >= s.fy0+2 {
			add(p, courseT01, 0.06, true)
		}
		if reg && (p.grade == gKacho || p.grade == gHosa || p.grade == gKakari) {
			pr := 0.07
			if p.promoted && p.gradeFY == fy {
				pr = 0.6
			}
			add(p, courseT03, pr, true)
		}

		// Self-development (自主研究, 通信教育): uptake rising over the years.
		if reg && chance(r, selfDev) {
			x := r.Float64()
			switch {
			case literacyEra && x < 0.03:
				add(p, courseJ02, 1, false)
			case x < 0.4:
				add(p, courseC01, 1, false)
			case x < 0.65:
				add(p, courseC02, 1, false)
			default:
				add(p, courseJ01, 1, false)
			}
		}

		// Secondments (派遣).
		if reg && age >= 28 && age <= 45 && (p.grade == gShunin || p.grade == gKakari) && !p.skillTrack() {
			switch x := r.Float64(); {
			case x < 0.0012:
				add(p, courseH01, 1, false)
			case x < 0.002:
				add(p, courseH02, 1, false)
			case literacyEra && x < 0.0028:
				add(p, courseH03, 1, false)
			}
		}
		if reg && p.grade == gKakari {
			add(p, courseH04, 0.004, false)
		}
	}

	// The latest year is cut at the extraction date.
	if fy == s.last {
		cut := s.asOf()
		kept := out[:0]
		for _, rec := range out {
			if rec.start.After(cut) {
				continue
			}
			if rec.end.After(cut) {
				rec.end = time.Time{}
				rec.status = stInProgress
				rec.hours = -1
			}
			kept = append(kept, rec)
		}
		out = kept
	}
	return sortByKey(out, func(r *record) uint64 { return r.key })
}

func inTargets(targets []int, g int) bool {
	return targets == nil || slices.Contains(targets, g)
}

func pickCourseFor(r interface{ IntN(int) int }, cs []course, from []int, g int) int {
	var ok []int
	for _, ci := range from {
		if inTargets(cs[ci].targets, g) {
			ok = append(ok, ci)
		}
	}
	if len(ok) == 0 {
		return -1
	}
	return ok[r.IntN(len(ok))]
}

// ---------------------------------------------------------------------------
// writers

func formatHours(h float64) string {
	if h <= 0 {
		return ""
	}
	return strconv.FormatFloat(h, 'f', -1, 64)
}

// writeCourses writes training_courses.csv (UTF-8, LF).
func (s *sim) writeCourses(path string) (int, error) {
	return writeCSV(path, false, false, func(w *csv.Writer) error {
		if err := w.Write([]string{"研修コード", "研修名", "区分", "対象職層", "受講時期", "時間", "育成能力", "デジタル人材区分"}); err != nil {
			return err
		}
		for _, c := range s.courses {
			names := make([]string, len(c.targets))
			for i, g := range c.targets {
				names[i] = gradeNames[g]
			}
			if err := w.Write([]string{c.code, c.name, c.cat, strings.Join(names, "、"), c.when, formatHours(c.hours), c.comps, tierNames[c.tier]}); err != nil {
				return err
			}
		}
		return nil
	}, len(s.courses))
}

// deflate compresses workbook parts at the fastest level, reusing
// compressors across parts and workbooks: each one holds about a megabyte.
func (s *sim) deflate(out io.Writer) (io.WriteCloser, error) {
	if fw, ok := s.flaters.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return &pooledFlater{fw, &s.flaters}, nil
	}
	fw, err := flate.NewWriter(out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return &pooledFlater{fw, &s.flaters}, nil
}

type pooledFlater struct {
	*flate.Writer
	pool *sync.Pool
}

func (p *pooledFlater) Close() error {
	err := p.Writer.Close()
	p.pool.Put(p.Writer)
	return err
}

// excelSerial is the Excel serial day number of a date (1900 date system).
func excelSerial(d time.Time) float64 {
	return float64(d.Sub(time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// writeTrainingRecords writes one fiscal year's records as an XLSX workbook
// with a sheet 受講履歴 and real date cells.
func (s *sim) writeTrainingRecords(path string, recs []record) (int, error) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, s.deflate)
		return zw
	})
	const sheet = "受講履歴"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return 0, err
	}
	dateFmt := "yyyy/mm/dd"
	dateStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return 0, err
	}
	headStyle, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return 0, err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return 0, err
	}
	for col, wd := range []float64{10, 9, 40, 12, 12, 9, 8} {
		if err := sw.SetColWidth(col+1, col+1, wd); err != nil {
			return 0, err
		}
	}
	head := []any{"職員番号", "研修コード", "研修名", "受講日", "修了日", "受講時間", "状況"}
	for i, h := range head {
		head[i] = excelize.Cell{StyleID: headStyle, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return 0, err
	}
	row := make([]any, 7)
	for i, rec := range recs {
		c := &s.courses[rec.course]
		row[0], row[1], row[2] = rec.id, c.code, c.name
		row[3] = excelize.Cell{StyleID: dateStyle, Value: excelSerial(rec.start)}
		row[4], row[5] = nil, nil
		if !rec.end.IsZero() {
			row[4] = excelize.Cell{StyleID: dateStyle, Value: excelSerial(rec.end)}
		}
		if rec.hours >= 0 {
			row[5] = rec.hours
		}
		row[6] = rec.status
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return 0, err
		}
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	if _, err := x.WriteTo(bw); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return len(recs), f.Close()
}
