package demo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	jinzai "github.com/jinzai-hr/jinzai"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

// ---------------------------------------------------------------------------
// reading the files back, independently of the generator

func readCSV(t *testing.T, path string, sjis bool) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sjis {
		if b, err = japanese.ShiftJIS.NewDecoder().Bytes(b); err != nil {
			t.Fatalf("%s: not Shift_JIS: %v", path, err)
		}
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

var (
	reISO     = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$`)
	reWareki  = regexp.MustCompile(`^(明治|大正|昭和|平成|令和)(元|\d+)年(\d+)月(\d+)日$`)
	reWarekiL = regexp.MustCompile(`^([MTSHR])(\d+)\.(\d+)\.(\d+)$`)
	eraStart  = map[string]int{"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019,
		"M": 1868, "T": 1912, "S": 1926, "H": 1989, "R": 2019}
)

// parseDate reads the date forms the rosters use (ISO, slashed, 和暦).
func parseDate(s string) (time.Time, error) {
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	var y, m, d int
	if g := reISO.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := reWareki.FindStringSubmatch(s); g != nil {
		n := 1
		if g[2] != "元" {
			n = atoi(g[2])
		}
		y, m, d = eraStart[g[1]]+n-1, atoi(g[3]), atoi(g[4])
	} else if g := reWarekiL.FindStringSubmatch(s); g != nil {
		y, m, d = eraStart[g[1]]+atoi(g[2])-1, atoi(g[3]), atoi(g[4])
	} else {
		return time.Time{}, fmt.Errorf("unknown date form %q", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("impossible date %q", s)
	}
	return t, nil
}

type staff struct {
	id, dept, grade, family, emp, gender string
	birth, hire                          time.Time
}

type roster struct {
	date time.Time
	rows []staff
}

func (r roster) regular() []staff {
	var out []staff
	for _, s := range r.rows {
		if s.emp == "常勤" || s.emp == "再任用フルタイム" {
			out = append(out, s)
		}
	}
	return out
}

func readRoster(t *testing.T, path string) roster {
	t.Helper()
	recs := readCSV(t, path, true)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"職員番号", "氏名", "生年月日", "性別", "採用年月日", "部コード", "部名", "課コード", "課名",
		"係コード", "係名", "職層", "職種", "任用形態", "デジタル人材区分", "休職等", "基準日"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("%s: no column %s", path, h)
		}
	}
	var r roster
	for i, rec := range recs[1:] {
		birth, err := parseDate(rec[col["生年月日"]])
		if err != nil {
			t.Fatalf("%s row %d: %v", path, i+2, err)
		}
		hire, err := parseDate(rec[col["採用年月日"]])
		if err != nil {
			t.Fatalf("%s row %d: %v", path, i+2, err)
		}
		snap, err := parseDate(rec[col["基準日"]])
		if err != nil {
			t.Fatalf("%s row %d: %v", path, i+2, err)
		}
		if r.date.IsZero() {
			r.date = snap
		} else if !snap.Equal(r.date) {
			t.Fatalf("%s: two 基準日 %v and %v", path, r.date, snap)
		}
		r.rows = append(r.rows, staff{
			id: rec[col["職員番号"]], dept: rec[col["部名"]], grade: rec[col["職層"]], family: rec[col["職種"]],
			emp: rec[col["任用形態"]], gender: rec[col["性別"]], birth: birth, hire: hire,
		})
	}
	return r
}

func female(g string) bool { return g == "女" || g == "女性" || g == "2" }

func generate(t testing.TB, opt Options) Manifest {
	t.Helper()
	m, err := Generate(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func filesOf(m Manifest, kind string) []File {
	var out []File
	for _, f := range m.Files {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// The default municipality is generated once and shared by the tests that
// check it.
var defaultRun struct {
	dir string
	m   Manifest
	err error
}

func defaultManifest(t *testing.T) Manifest {
	t.Helper()
	if defaultRun.dir == "" {
		dir, err := os.MkdirTemp("", "jinzai-demo-")
		if err != nil {
			t.Fatal(err)
		}
		defaultRun.dir = dir
		defaultRun.m, defaultRun.err = Generate(context.Background(), Options{Dir: dir})
	}
	if defaultRun.err != nil {
		t.Fatal(defaultRun.err)
	}
	return defaultRun.m
}

func TestMain(m *testing.M) {
	code := m.Run()
	if defaultRun.dir != "" {
		os.RemoveAll(defaultRun.dir)
	}
	os.Exit(code)
}

// ---------------------------------------------------------------------------

func TestGenerateIsDeterministic(t *testing.T) {
	hashes := func(dir string) map[string][32]byte {
		m := generate(t, Options{Dir: dir, Staff: 300, Years: 4, Seed: 7})
		out := map[string][32]byte{}
		for _, f := range m.Files {
			b, err := os.ReadFile(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(f.Path)] = sha256.Sum256(b)
		}
		return out
	}
	a, b := hashes(t.TempDir()), hashes(t.TempDir())
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("file sets differ: %d vs %d files", len(a), len(b))
	}
	for name, h := range a {
		if b[name] != h {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	c := generate(t, Options{Dir: t.TempDir(), Staff: 300, Years: 4, Seed: 8})
	for _, f := range c.Files {
		if f.Kind == KindRoster {
			bb, _ := os.ReadFile(f.Path)
			if a[filepath.Base(f.Path)] == sha256.Sum256(bb) {
				t.Errorf("%s is the same for seeds 7 and 8", filepath.Base(f.Path))
			}
		}
	}
}

func TestSmallRunHitsHeadcountAndOrder(t *testing.T) {
	for _, opt := range []Options{{Staff: 300, Years: 4}, {Staff: 120, Years: 1}, {Staff: 800, Years: 2, LatestFiscalYear: 2030}} {
		opt.Dir = t.TempDir()
		m := generate(t, opt)
		rosters := filesOf(m, KindRoster)
		if len(rosters) != opt.Years {
			t.Fatalf("%+v: %d rosters", opt, len(rosters))
		}
		last := readRoster(t, rosters[len(rosters)-1].Path)
		if n := len(last.regular()); n != opt.Staff {
			t.Errorf("%+v: latest regular headcount %d, want %d", opt, n, opt.Staff)
		}
		var kinds []string
		for _, f := range m.Files {
			if len(kinds) == 0 || kinds[len(kinds)-1] != f.Kind {
				kinds = append(kinds, f.Kind)
			}
		}
		want := []string{KindTrainingCourse, KindSurveyItem, KindRoster, KindAssignment, KindTrainingRecord, KindSurvey}
		if !slices.Equal(kinds, want) {
			t.Errorf("manifest order %v, want %v", kinds, want)
		}
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	for _, opt := range []Options{{}, {Dir: t.TempDir(), Staff: -5}, {Dir: t.TempDir(), Years: 99}} {
		if _, err := Generate(context.Background(), opt); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: got %v, want ErrOptions", opt, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, Options{Dir: t.TempDir(), Staff: 100, Years: 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
}

func TestNamesMatchDefaultConfig(t *testing.T) {
	cfg := jinzai.DefaultConfig()
	grades := map[string]bool{}
	for _, g := range cfg.Grades {
		grades[g.Name] = true
	}
	for _, g := range gradeNames {
		if !grades[g] {
			t.Errorf("grade %s is not in DefaultConfig", g)
		}
	}
	emps := map[string]bool{}
	for _, e := range cfg.Employment {
		emps[e.Name] = true
	}
	for _, e := range empNames {
		if !emps[e] {
			t.Errorf("employment type %s is not in DefaultConfig", e)
		}
	}
	for i, c := range catalogue() {
		if i < numCourses && c.code == "" {
			t.Errorf("course %d has no code", i)
		}
	}
	if n := len(catalogue()); n != numCourses || n < 25 || n > 35 {
		t.Errorf("catalogue has %d courses (constants: %d)", n, numCourses)
	}
	for ci, code := range map[int]string{courseK01: "K01", courseK08: "K08", courseK13: "K13", courseE01: "E01", courseD01: "D01", courseH04: "H04"} {
		if catalogue()[ci].code != code {
			t.Errorf("course constant for %s points at %s", code, catalogue()[ci].code)
		}
	}
}

func TestNamesEncodeInShiftJIS(t *testing.T) {
	enc := japanese.ShiftJIS.NewEncoder()
	all := append(append(surnames[:], maleNames[:]...), femaleNames[:]...)
	cp932Only := 0
	for _, n := range all {
		b, err := enc.String(n)
		if err != nil {
			t.Errorf("%s cannot be written in Shift_JIS: %v", n, err)
			continue
		}
		for i := 0; i < len(b); i++ {
			if c := b[i]; c >= 0xED && c <= 0xFC {
				cp932Only++ // NEC-selected or IBM extension: CP932 only
				break
			} else if c >= 0x81 && c <= 0x9F || c >= 0xE0 && c <= 0xEF {
				i++
			}
		}
	}
	if cp932Only < 3 {
		t.Errorf("only %d names use CP932-only characters", cp932Only)
	}
	if len(surnames) < 190 || len(maleNames) < 90 || len(femaleNames) < 90 {
		t.Errorf("name lists too short: %d, %d, %d", len(surnames), len(maleNames), len(femaleNames))
	}
}

func TestDateForms(t *testing.T) {
	d := time.Date(2019, time.April, 30, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d    time.Time
		st   dateStyle
		want string
	}{
		{d, dsISO, "2019-04-30"},
		{d, dsSlashShort, "2019/4/30"},
		{d, dsWareki, "平成31年4月30日"},
		{d.AddDate(0, 0, 1), dsWareki, "令和元年5月1日"},
		{d.AddDate(0, 0, 1), dsWarekiLetter, "R1.5.1"},
		{time.Date(1983, time.June, 12, 0, 0, 0, 0, time.UTC), dsWarekiLetter, "S58.6.12"},
		{time.Date(1989, time.January, 8, 0, 0, 0, 0, time.UTC), dsWareki, "平成元年1月8日"},
	} {
		got := formatDate(tc.d, tc.st)
		if got != tc.want {
			t.Errorf("formatDate(%v, %d) = %q, want %q", tc.d, tc.st, got, tc.want)
		}
		if back, err := parseDate(got); err != nil || !back.Equal(tc.d) {
			t.Errorf("%q reads back as %v, %v", got, back, err)
		}
	}
}

// TestDefaultCalibration reads the latest roster back and checks the
// figures the product's metrics will be held to.
func TestDefaultCalibration(t *testing.T) {
	m := defaultManifest(t)
	rosters := filesOf(m, KindRoster)
	last := readRoster(t, rosters[len(rosters)-1].Path)
	if want := time.Date(DefaultLatestFiscalYear, time.April, 1, 0, 0, 0, 0, time.UTC); !last.date.Equal(want) {
		t.Fatalf("latest 基準日 %v, want %v", last.date, want)
	}
	reg := last.regular()
	if len(reg) != DefaultStaff {
		t.Fatalf("regular headcount %d, want %d", len(reg), DefaultStaff)
	}
	var a51, a39, a40s, mgmt, mgmtF, fem int
	fams := map[string]int{}
	for _, s := range reg {
		a := jinzai.LegalAge(s.birth, last.date)
		switch {
		case a >= 51:
			a51++
		case a <= 39:
			a39++
		case a < 50:
			a40s++
		}
		if s.grade == "部長" || s.grade == "課長" {
			mgmt++
			if female(s.gender) {
				mgmtF++
			}
		}
		if female(s.gender) {
			fem++
		}
		fams[s.family]++
	}
	n := float64(len(reg))
	share := func(k int) float64 { return float64(k) / n }
	t.Logf("51+ %.3f, ≤39 %.3f, 40s %.3f, women %.3f, women in 課長+ %.3f (%d/%d)",
		share(a51), share(a39), share(a40s), share(fem), float64(mgmtF)/float64(mgmt), mgmtF, mgmt)
	check := func(name string, v, lo, hi float64) {
		if v < lo || v > hi {
			t.Errorf("%s = %.3f, want %.2f..%.2f", name, v, lo, hi)
		}
	}
	check("share aged 51+", share(a51), 0.26, 0.34)
	check("share aged ≤39", share(a39), 0.45, 0.55)
	check("share in their 40s", share(a40s), 0, 0.20)
	check("women overall", share(fem), 0.40, 0.50)
	check("women in 課長+", float64(mgmtF)/float64(mgmt), 0.12, 0.30)
	small := 0
	for _, k := range fams {
		if k < 20 {
			small++
		}
	}
	if small < 3 {
		t.Errorf("only %d job families have fewer than 20 staff: %v", small, fams)
	}
	if fams["一般事務"] < int(0.6*n) || fams["一般事務"] > int(0.8*n) {
		t.Errorf("一般事務 is %d of %d", fams["一般事務"], len(reg))
	}
	if n := len(last.rows) - len(reg); n < 200 || n > 700 {
		t.Errorf("%d roster rows outside the headcount (会計年度, 任期付, 再任用短時間)", n)
	}
}

// TestStagedRetirementGaps: under the staged retirement age nobody reaches
// the retirement age in FY2023 and FY2025, so no regular aged 60+ present
// on April 1 of those years is gone (or re-employed) a year later, while
// FY2022 and FY2024 do have such retirements.
func TestStagedRetirementGaps(t *testing.T) {
	m := defaultManifest(t)
	byFY := map[int]roster{}
	for _, f := range filesOf(m, KindRoster) {
		r := readRoster(t, f.Path)
		byFY[jinzai.FiscalYear(r.date)] = r
	}
	retired := func(fy int) int {
		now, next := byFY[fy], byFY[fy+1]
		regularNext := map[string]bool{}
		for _, s := range next.rows {
			if s.emp == "常勤" {
				regularNext[s.id] = true
			}
		}
		n := 0
		for _, s := range now.rows {
			if s.emp == "常勤" && !regularNext[s.id] && jinzai.AgeAtFiscalYearEnd(s.birth, fy) >= 60 {
				n++
			}
		}
		return n
	}
	for _, fy := range []int{2023, 2025} {
		if n := retired(fy); n != 0 {
			t.Errorf("FY%d: %d regulars aged 60+ left between the April-1 rosters of %d and %d, want 0", fy, n, fy, fy+1)
		}
	}
	for _, fy := range []int{2021, 2022, 2024} {
		if n := retired(fy); n < 40 {
			t.Errorf("FY%d: only %d age retirements", fy, n)
		}
	}
}

func TestSurveys(t *testing.T) {
	m := defaultManifest(t)
	headcount := map[int]int{}
	for _, f := range filesOf(m, KindRoster) {
		r := readRoster(t, f.Path)
		headcount[jinzai.FiscalYear(r.date)] = len(r.regular())
	}
	items := readCSV(t, filesOf(m, KindSurveyItem)[0].Path, false)
	if len(items) != 41 {
		t.Fatalf("%d survey items, want 40", len(items)-1)
	}
	texts := map[string]bool{}
	for _, it := range items[1:] {
		texts[it[1]] = true
	}
	allowed := map[string]bool{"": true, "とてもそう思う": true, "そう思う": true, "どちらともいえない": true, "そう思わない": true, "全くそう思わない": true}
	var surveys []File
	for _, f := range filesOf(m, KindSurvey) {
		if strings.HasPrefix(f.SurveyCode, "engagement-") {
			surveys = append(surveys, f)
		}
	}
	if len(surveys) != 3 {
		t.Fatalf("%d surveys, want 3", len(surveys))
	}
	for _, f := range surveys {
		recs := readCSV(t, f.Path, false)
		head := recs[0]
		q := 0
		for _, h := range head {
			if texts[h] {
				q++
			}
		}
		if q != 40 {
			t.Errorf("%s: %d question columns, want 40", f.SurveyCode, q)
		}
		fy, _ := strconv.Atoi(strings.TrimPrefix(f.SurveyCode, "engagement-FY"))
		rate := float64(len(recs)-1) / float64(headcount[fy])
		t.Logf("%s: %d respondents of %d (%.1f%%)", f.SurveyCode, len(recs)-1, headcount[fy], 100*rate)
		if rate < 0.25 || rate > 0.35 {
			t.Errorf("%s: response rate %.3f, want 0.25..0.35", f.SurveyCode, rate)
		}
		blanks, cells := 0, 0
		small := map[string]int{}
		for _, rec := range recs[1:] {
			for i := 6; i < len(rec); i++ {
				if !allowed[rec[i]] {
					t.Fatalf("%s: answer %q is not one of the five Likert texts", f.SurveyCode, rec[i])
				}
				cells++
				if rec[i] == "" {
					blanks++
				}
			}
			small[rec[1]+"/"+rec[2]]++
		}
		if share := float64(blanks) / float64(cells); share < 0.01 || share > 0.04 {
			t.Errorf("%s: %.3f of answers blank, want about 2%%", f.SurveyCode, share)
		}
		under5 := 0
		for _, k := range small {
			if k < 5 {
				under5++
			}
		}
		if under5 == 0 {
			t.Errorf("%s: no department × 職層 group has fewer than 5 respondents", f.SurveyCode)
		}
	}
}

// TestStressCheck reads the stress check back: the provider's item bank of
// the 80 BJSQ items, one export for the latest fiscal year answered by
// about 85% of the regular headcount, every answer one of its item's four
// BJSQ texts, sex recorded for nearly everyone.
func TestStressCheck(t *testing.T) {
	m := defaultManifest(t)
	banks := filesOf(m, KindSurveyItem)
	if len(banks) != 2 || filepath.Base(banks[1].Path) != "stress_items.csv" {
		t.Fatalf("item banks %v, want survey_items.csv and stress_items.csv", banks)
	}
	items := readCSV(t, banks[1].Path, false)
	if len(items) != 81 || items[0][4] != "標準尺度" || items[0][5] != "項目番号" {
		t.Fatalf("stress item bank: %d rows, header %v", len(items), items[0])
	}
	answers := map[string]map[string]bool{}
	for i, it := range jinzai.BJSQItems {
		if items[i+1][1] != it.Text || items[i+1][5] != strconv.Itoa(it.No) {
			t.Fatalf("item bank row %d = %v, want BJSQ item %d", i+2, items[i+1], it.No)
		}
		answers[fmt.Sprintf("%d. %s", it.No, it.Text)] = map[string]bool{"": true}
		for _, a := range it.Answers() {
			answers[fmt.Sprintf("%d. %s", it.No, it.Text)][a] = true
		}
	}
	var stress []File
	for _, f := range filesOf(m, KindSurvey) {
		if strings.HasPrefix(f.SurveyCode, "stresscheck-") {
			stress = append(stress, f)
		}
	}
	if len(stress) != 1 || stress[0].SurveyCode != fmt.Sprintf("stresscheck-FY%d", DefaultLatestFiscalYear) {
		t.Fatalf("stress checks %v, want one for FY%d", stress, DefaultLatestFiscalYear)
	}
	rosters := filesOf(m, KindRoster)
	headcount := len(readRoster(t, rosters[len(rosters)-1].Path).regular())
	recs := readCSV(t, stress[0].Path, false)
	head := recs[0]
	if len(head) != 5+80 || head[4] != "性別" {
		t.Fatalf("stress check header %v", head[:5])
	}
	rate := float64(len(recs)-1) / float64(headcount)
	t.Logf("stress check: %d respondents of %d (%.1f%%)", len(recs)-1, headcount, 100*rate)
	if rate < 0.82 || rate > 0.88 {
		t.Errorf("stress check response %.3f, want about 0.85", rate)
	}
	noSex := 0
	for _, rec := range recs[1:] {
		if rec[4] == "" {
			noSex++
		}
		for i := 5; i < len(rec); i++ {
			if !answers[head[i]][rec[i]] {
				t.Fatalf("column %q: answer %q is not one of the item's BJSQ texts", head[i], rec[i])
			}
		}
	}
	if share := float64(noSex) / float64(len(recs)-1); share > 0.02 {
		t.Errorf("sex missing for %.3f of respondents, want under 2%%", share)
	}
}

func TestTrainingRecords(t *testing.T) {
	m := defaultManifest(t)
	files := filesOf(m, KindTrainingRecord)
	if len(files) != DefaultYears {
		t.Fatalf("%d training workbooks", len(files))
	}
	last := files[len(files)-1]
	x, err := excelize.OpenFile(last.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if x.GetSheetName(0) != "受講履歴" {
		t.Errorf("first sheet is %q", x.GetSheetName(0))
	}
	it, err := x.Rows("受講履歴")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	statuses := map[string]int{}
	for it.Next() {
		row, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			if want := []string{"職員番号", "研修コード", "研修名", "受講日", "修了日", "受講時間", "状況"}; !slices.Equal(row, want) {
				t.Fatalf("header %v", row)
			}
		} else {
			if len(row[0]) != 6 {
				t.Fatalf("row %d: 職員番号 %q lost its leading zeros", n+1, row[0])
			}
			if serial, err := strconv.ParseFloat(row[3], 64); err != nil || serial < 40000 || serial > 50000 {
				t.Fatalf("row %d: 受講日 %q is not an Excel date serial", n+1, row[3])
			}
			statuses[row[len(row)-1]]++
		}
		n++
	}
	if n-1 != last.Rows {
		t.Errorf("%d rows, manifest says %d", n-1, last.Rows)
	}
	if statuses["修了"] == 0 || statuses["受講中"] == 0 {
		t.Errorf("statuses in the running year: %v", statuses)
	}
	styled, err := x.GetCellValue("受講履歴", "D2")
	if err != nil || !strings.Contains(styled, "/") {
		t.Errorf("受講日 D2 shows as %q, want a formatted date", styled)
	}
	total := 0
	for _, f := range files {
		total += f.Rows
	}
	t.Logf("%d training records in %d workbooks", total, len(files))
}

func BenchmarkGenerateDefault(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, err := Generate(context.Background(), Options{Dir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
