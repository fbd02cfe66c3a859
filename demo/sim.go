package demo

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	jinzai "github.com/jinzai-hr/jinzai"
)

// Grades, in the names of jinzai.DefaultConfig.
const (
	gBucho    = iota // 部長
	gKacho           // 課長
	gHosa            // 課長補佐
	gKakari          // 係長
	gShunin          // 主任
	gShuji           // 主事
	gToukatsu        // 統括技能長
	gGinoucho        // 技能長
	gGShunin         // 技能主任
	gGinouin         // 技能員
	numGrades
)

var gradeNames = [numGrades]string{"部長", "課長", "課長補佐", "係長", "主任", "主事", "統括技能長", "技能長", "技能主任", "技能員"}

// Employment types, in the names of jinzai.DefaultConfig.
const (
	empRegular = iota // 常勤
	empReFull         // 再任用フルタイム
	empReShort        // 再任用短時間
	empFixed          // 任期付
	empAnnual         // 会計年度任用職員
	numEmp
)

var empNames = [numEmp]string{"常勤", "再任用フルタイム", "再任用短時間", "任期付", "会計年度任用職員"}

// Digital-talent tiers (デジタル人材区分).
const (
	tierNone = iota
	tierGeneral
	tierLeader
	tierExpert
)

var tierNames = [...]string{"", "一般職員", "DX推進リーダー", "高度専門人材"}

// Leave statuses (休職等).
const (
	leaveChildcare = "育児休業"
	leaveSick      = "病気休職"
	leaveSelfDev   = "自己啓発等休業"
)

type posting struct {
	start, end      time.Time // end is zero for the current posting
	dept, sec, unit int       // sec and unit are -1 for posts held at department / section level
}

type person struct {
	id          string
	idNum       int
	name        string
	birth       time.Time
	female      bool
	hire        time.Time
	hireFY      int
	fam         int
	grade       int
	emp         int
	dept        int
	sec, unit   int
	postFY      int // fiscal year the current posting started
	ability     float64
	sticky      bool // rotates less often than the policy asks
	active      bool
	gradeFY     int  // fiscal year the current grade started
	promoted    bool // the current grade came from a promotion inside the simulation window
	postLimited bool // a former manager past 役職定年
	endFY       int  // last fiscal year of a re-employment, fixed-term or annual appointment
	leave       string
	tier        int
	done        []int16 // per course: the latest fiscal year completed, 0 = never
	posts       []posting
	age0        int // legal age on April 1 of the first fiscal year
	retireFY    int // fiscal year at whose end a regular retires
	postLimitFY int // fiscal year at whose end a manager leaves the post (役職定年)
}

func (p *person) regular() bool    { return p.emp == empRegular }
func (p *person) headcount() bool  { return p.emp == empRegular || p.emp == empReFull }
func (p *person) skillTrack() bool { return p.fam == famLabour }

type rosterRow struct {
	id, name    string
	idNum       int
	birth, hire time.Time
	female      bool
	dept, sec   int
	unit        int
	grade, fam  int
	emp, tier   int
	leave       string
}

type snapshot struct {
	fy   int
	date time.Time
	rows []rosterRow
}

type sim struct {
	opt  Options
	rule jinzai.RetirementRule
	org  *org
	rng  *rand.Rand // workforce events
	trng *rand.Rand // training

	fy0, last int
	people    []*person
	nextReg   int
	nextFixed int
	nextAnnl  int

	courses []course
	snaps   []snapshot
	records [][]record // per fiscal year, fy0 first

	unitShare, secShare, deptShare []float64
	secFam, deptFam                [][numFamilies]float64 // share of each job family in a section / department
	frontCum                       []float64              // resident-facing units for 一般事務 hires
	frontUnits                     []int
	dxUnits                        []int
	n0                             int // regular headcount at the first snapshot

	flaters sync.Pool // *flate.Writer, shared by the workbook writers
}

// Distinct random streams per purpose keep one part of the simulation from
// shifting another when it changes.
const (
	streamWorkforce = 0x6a696e7a61690001 + iota
	streamTraining
	streamSurvey
	streamFormat
	streamStress
)

func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

func newSim(opt Options, rule jinzai.RetirementRule) *sim {
	last := opt.LatestFiscalYear
	fy0 := last - opt.Years + 1
	renameFY := max(fy0+1, last-3)
	s := &sim{
		opt: opt, rule: rule, org: buildOrg(renameFY),
		rng: newRand(opt.Seed, streamWorkforce), trng: newRand(opt.Seed, streamTraining),
		fy0: fy0, last: last,
		nextReg: 10001, nextFixed: 700001, nextAnnl: 800001,
	}
	s.courses = catalogue()
	s.computeShares()
	return s
}

// computeShares derives each unit's expected share of all staff from the
// placement weights; manager posts are spread in proportion to it.
func (s *sim) computeShares() {
	o := s.org
	s.unitShare = make([]float64, len(o.units))
	s.secShare = make([]float64, len(o.secs))
	s.deptShare = make([]float64, len(o.depts))
	for f := 0; f < numFamilies; f++ {
		cum := o.famCum[f]
		if len(cum) == 0 {
			continue
		}
		total := cum[len(cum)-1]
		for _, ui := range o.famUnits[f] {
			s.unitShare[ui] += families[f].share * o.units[ui].weight[f] / total
		}
	}
	s.secFam = make([][numFamilies]float64, len(o.secs))
	s.deptFam = make([][numFamilies]float64, len(o.depts))
	for f := 0; f < numFamilies; f++ {
		cum := o.famCum[f]
		if len(cum) == 0 {
			continue
		}
		for _, ui := range o.famUnits[f] {
			x := families[f].share * o.units[ui].weight[f] / cum[len(cum)-1]
			s.secFam[o.units[ui].sec][f] += x
			s.deptFam[o.units[ui].dept][f] += x
		}
	}
	total := 0.0
	for ui, un := range o.units {
		s.secShare[un.sec] += s.unitShare[ui]
		s.deptShare[un.dept] += s.unitShare[ui]
		if un.front && un.weight[famGeneral] > 0 {
			total += un.weight[famGeneral]
			s.frontUnits = append(s.frontUnits, ui)
			s.frontCum = append(s.frontCum, total)
		}
		if un.name == "DX推進係" || un.name == "情報システム係" {
			s.dxUnits = append(s.dxUnits, ui)
		}
	}
	for si := range s.secFam {
		for f := range s.secFam[si] {
			s.secFam[si][f] /= s.secShare[si]
		}
	}
	for d := range s.deptFam {
		for f := range s.deptFam[d] {
			s.deptFam[d][f] /= s.deptShare[d]
		}
	}
}

// run simulates every fiscal year; after the roster and the training
// records of fy are final it calls ready(fy), which may read s.snaps and
// s.records of that year concurrently with the rest of the run.
func (s *sim) run(ctx context.Context, ready func(fy int)) error {
	s.snaps = make([]snapshot, 0, s.opt.Years)
	s.records = make([][]record, 0, s.opt.Years)
	s.initPopulation()
	for fy := s.fy0; ; fy++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.assignLeave(fy)
		s.takeSnapshot(fy)
		s.records = append(s.records, s.simulateTraining(fy))
		if ready != nil {
			ready(fy)
		}
		if fy == s.last {
			return nil
		}
		s.yearEnd(fy)
		s.newYear(fy + 1)
	}
}

// ---------------------------------------------------------------------------
// helpers

// ageAt is the legal age on April 1 of fy.
func (s *sim) ageAt(p *person, fy int) int {
	return p.age0 + fy - s.fy0
}

func pick(r *rand.Rand, cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	i, _ := slices.BinarySearch(cum, x)
	return min(i, len(cum)-1)
}

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// sortByKey returns xs ordered by a 64-bit key; it moves each element once
// instead of swapping large structs while sorting.
func sortByKey[T any](xs []T, key func(*T) uint64) []T {
	type kv struct {
		k uint64
		i int
	}
	keys := make([]kv, len(xs))
	for i := range xs {
		keys[i] = kv{key(&xs[i]), i}
	}
	slices.SortFunc(keys, func(a, b kv) int { return cmp.Or(cmp.Compare(a.k, b.k), cmp.Compare(a.i, b.i)) })
	out := make([]T, len(xs))
	for j, k := range keys {
		out[j] = xs[k.i]
	}
	return out
}

// assignID gives p the next six-digit employee number of its series:
// regulars from 010001, fixed-term from 700001, annual appointees from
// 800001. Numbers are never reused.
func (s *sim) assignID(p *person, emp int) {
	next := &s.nextReg
	switch emp {
	case empFixed:
		next = &s.nextFixed
	case empAnnual:
		next = &s.nextAnnl
	}
	p.idNum = *next
	*next++
	p.id = fmt.Sprintf("%06d", p.idNum)
}

func (s *sim) newName(female bool) string {
	sur := surnames[s.rng.IntN(len(surnames))]
	if female {
		return sur + "　" + femaleNames[s.rng.IntN(len(femaleNames))]
	}
	return sur + "　" + maleNames[s.rng.IntN(len(maleNames))]
}

// birthForAge returns a birth date giving age a (legal age) on April 1 of fy.
func (s *sim) birthForAge(a, fy int) time.Time {
	// Born April 2 of (fy-a-1) .. April 1 of (fy-a): legal age a on April 1 fy.
	start := time.Date(fy-a-1, time.April, 2, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(fy-a, time.April, 2, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	return start.AddDate(0, 0, s.rng.IntN(days))
}

// femaleProb: the probability that someone of family f born A years before
// the latest fiscal year is a woman, from femaleOld (A ≥ 58) to femaleYoung
// (A ≤ 32).
func femaleProb(f, ageAtLast int) float64 {
	fam := families[f]
	t := math.Min(1, math.Max(0, float64(ageAtLast-32)/26))
	return fam.femaleYoung + (fam.femaleOld-fam.femaleYoung)*t
}

func (s *sim) pickFamily(labourShare float64) int {
	var cum [numFamilies]float64
	total := 0.0
	for f := 0; f < numFamilies; f++ {
		w := families[f].share
		if f == famLabour {
			w = labourShare
		}
		total += w
		cum[f] = total
	}
	return pick(s.rng, cum[:])
}

// ---------------------------------------------------------------------------
// placement

// placeUnit draws a unit for family f, avoiding the current unit and
// section and, with otherDept, preferring another department.
func (s *sim) placeUnit(f, curUnit int, otherDept bool) int {
	cum := s.org.famCum[f]
	units := s.org.famUnits[f]
	curDept, curSec := -1, -1
	if curUnit >= 0 {
		curDept, curSec = s.org.units[curUnit].dept, s.org.units[curUnit].sec
	}
	for try := 0; try < 24; try++ {
		u := units[pick(s.rng, cum)]
		un := s.org.units[u]
		if un.sec == curSec && try < 16 {
			continue
		}
		if otherDept && un.dept == curDept && try < 10 {
			continue
		}
		if u == curUnit && try < 23 {
			continue
		}
		return u
	}
	return units[pick(s.rng, cum)]
}

// placeHire places a new hire; most administrative hires start in a
// resident-facing unit (窓口, 税務, ケースワーカー, 用地).
func (s *sim) placeHire(f int) int {
	if f == famGeneral && len(s.frontUnits) > 0 && chance(s.rng, 0.55) {
		return s.frontUnits[pick(s.rng, s.frontCum)]
	}
	return s.placeUnit(f, -1, false)
}

func (s *sim) setPost(p *person, fy, d, sc, un int) {
	start := jinzai.FiscalYearStart(fy)
	if n := len(p.posts); n > 0 && p.posts[n-1].end.IsZero() {
		last := &p.posts[n-1]
		if last.dept == d && last.sec == sc && last.unit == un {
			return
		}
		if !last.start.Before(start) {
			// A second change in the same fiscal year replaces the first.
			last.dept, last.sec, last.unit = d, sc, un
			p.dept, p.sec, p.unit = d, sc, un
			return
		}
		last.end = start.AddDate(0, 0, -1)
	}
	p.posts = append(p.posts, posting{start: start, dept: d, sec: sc, unit: un})
	p.dept, p.sec, p.unit, p.postFY = d, sc, un, fy
}

func (s *sim) setUnit(p *person, fy, u int) {
	un := s.org.units[u]
	s.setPost(p, fy, un.dept, un.sec, u)
}

// sectionLevel posts a 課長 or 課長補佐 at section level in section sc.
func (s *sim) setSection(p *person, fy, sc int) {
	s.setPost(p, fy, s.org.secs[sc].dept, sc, -1)
}

// pickSection draws a section that has a unit for family f, weighted by
// size; inDept ≥ 0 restricts to one department when possible.
func (s *sim) pickSection(f, inDept, notSec int) int {
	var cands []int
	var cum []float64
	total := 0.0
	for pass := 0; pass < 2 && len(cands) == 0; pass++ {
		for si, sc := range s.org.secs {
			if !sc.fams[f] || si == notSec || (pass == 0 && inDept >= 0 && sc.dept != inDept) {
				continue
			}
			total += s.secShare[si]
			cands = append(cands, si)
			cum = append(cum, total)
		}
	}
	if len(cands) == 0 {
		return max(notSec, 0)
	}
	return cands[pick(s.rng, cum)]
}

// managerPost places a 部長 (department level) or 課長 (section level)
// where the holders are fewest relative to its size, preferring the
// person's department and places where their job family works.
func (s *sim) managerPost(p *person, fy, grade int) {
	o := s.org
	if grade == gBucho {
		count := make([]float64, len(o.depts))
		for _, q := range s.people {
			if q.active && q.regular() && q.grade == gBucho && !q.postLimited && q != p {
				count[q.dept]++
			}
		}
		best, bestR := -1, math.Inf(1)
		off := s.rng.IntN(len(o.depts))
		for k := range o.depts {
			d := (k + off) % len(o.depts)
			ok := false
			for _, si := range o.depts[d].secs {
				ok = ok || o.secs[si].fams[p.fam]
			}
			if !ok || (d == p.dept && p.grade == gBucho) {
				continue
			}
			r := count[d]/(0.6+25*s.deptShare[d]) - 0.5*s.deptFam[d][p.fam]
			if d == p.dept {
				r -= 0.3
			}
			if count[d] == 0 {
				r -= 1
			}
			if r < bestR {
				best, bestR = d, r
			}
		}
		if best < 0 {
			best = p.dept
		}
		s.setPost(p, fy, best, -1, -1)
		return
	}
	count := make([]float64, len(o.secs))
	for _, q := range s.people {
		if q.active && q.regular() && q.grade == gKacho && !q.postLimited && q != p && q.sec >= 0 {
			count[q.sec]++
		}
	}
	best, bestR := -1, math.Inf(1)
	off := s.rng.IntN(len(o.secs))
	for k := range o.secs {
		si := (k + off) % len(o.secs)
		if !o.secs[si].fams[p.fam] || (si == p.sec && p.grade == gKacho) {
			continue
		}
		r := count[si]/(0.7+40*s.secShare[si]) - 0.8*s.secFam[si][p.fam]
		if o.secs[si].dept == p.dept {
			r -= 0.3
		}
		if count[si] == 0 {
			r -= 1
		}
		if r < bestR {
			best, bestR = si, r
		}
	}
	if best < 0 {
		best = max(p.sec, 0)
	}
	s.setSection(p, fy, best)
}

// ---------------------------------------------------------------------------
// the first snapshot

// ageWeight is the relative size of the cohort aged a on April 1 of the
// first fiscal year, defined by its age A on the latest 基準日: large
// cohorts hired around 1990, a thin "ice age" in the middle, a recent
// recovery.
func (s *sim) ageWeight(a int) float64 {
	A := a + (s.last - s.fy0)
	var w float64
	switch {
	case A >= 62:
		w = 1.30
	case A >= 51:
		w = 1.12
	case A >= 46:
		w = 0.78
	case A >= 40:
		w = 0.62
	case A >= 31:
		w = 1.05
	default:
		w = 1.0
	}
	if a < 22 {
		w *= 0.12
	}
	// Options.Ageing tilts the structure: older cohorts up, younger down.
	switch {
	case A >= 51:
		w *= 1 + s.opt.Ageing
	case A < 40:
		w *= 1 - s.opt.Ageing/2
	}
	return w
}

func (s *sim) hireAge(f int, recent bool) int {
	r := s.rng.Float64()
	switch f {
	case famLabour:
		if r < 0.4 {
			return 18 + s.rng.IntN(3)
		}
		return 22 + s.rng.IntN(14)
	case famNursery:
		switch {
		case r < 0.35:
			return 20
		case r < 0.8:
			return 22
		}
		return 23 + s.rng.IntN(8)
	}
	mid := 0.16
	if recent {
		mid = 0.22
	}
	switch {
	case r < 0.05:
		return 18
	case r < 0.05+0.45:
		return 22
	case r < 0.63:
		return 23
	case r < 0.71:
		return 24
	case r < 0.76:
		return 25
	case r < 0.76+mid:
		return 26 + s.rng.IntN(10)
	}
	return 36 + s.rng.IntN(10)
}

func (s *sim) newPerson(emp, f int, birth time.Time, hireFY int) *person {
	ageLast := s.last - birth.Year()
	female := chance(s.rng, femaleProb(f, ageLast))
	p := &person{
		name: s.newName(female), birth: birth, female: female,
		hire: jinzai.FiscalYearStart(hireFY), hireFY: hireFY,
		fam: f, emp: emp, active: true, sec: -1, unit: -1,
		ability: s.rng.NormFloat64(), sticky: chance(s.rng, 0.15),
		done: make([]int16, len(s.courses)),
		age0: jinzai.LegalAge(birth, jinzai.FiscalYearStart(s.fy0)),
		// Nobody retires before 60; start the search there.
		retireFY:    s.rule.RetirementFiscalYear(birth, max(s.fy0, birth.Year()+58)),
		postLimitFY: s.rule.PostLimitFiscalYear(birth, 0),
	}
	if p.skillTrack() {
		p.grade = gGinouin
	} else {
		p.grade = gShuji
	}
	return p
}

// targetHeadcount is the planned regular headcount at the snapshot of fy.
func (s *sim) targetHeadcount(fy int) int {
	if fy == s.last {
		return s.opt.Staff
	}
	k := fy - s.fy0
	n := s.opt.Years - 1
	return int(math.Round(float64(s.n0) + float64(s.opt.Staff-s.n0)*float64(k)/float64(n)))
}

func (s *sim) initPopulation() {
	fy0 := s.fy0
	s.n0 = s.opt.Staff
	if s.opt.Years > 1 {
		s.n0 = int(math.Round(float64(s.opt.Staff) * 0.965))
	}
	nReFull := int(math.Round(float64(s.n0) * 0.018))
	nReShort := int(math.Round(float64(s.n0) * 0.012))
	nReg := s.n0 - nReFull

	var cum []float64
	total := 0.0
	for a := 18; a <= 59; a++ {
		total += s.ageWeight(a)
		cum = append(cum, total)
	}
	retiredBefore := func(b time.Time, fy int) bool {
		return jinzai.AgeAtFiscalYearEnd(b, fy-1) >= s.rule.AgeIn(fy-1)
	}
	var regs []*person
	for len(regs) < nReg {
		a := 18 + pick(s.rng, cum)
		b := s.birthForAge(a, fy0)
		if retiredBefore(b, fy0) {
			continue
		}
		labour := 0.02
		if a+(s.last-fy0) >= 45 {
			labour = 0.075
		}
		f := s.pickFamily(labour)
		ha := min(s.hireAge(f, false), a)
		p := s.newPerson(empRegular, f, b, fy0-(a-ha))
		regs = append(regs, p)
	}
	// Re-employed staff: retired within the last five years, younger than 65.
	var reemp []*person
	for len(reemp) < nReFull+nReShort {
		a := 60 + s.rng.IntN(5)
		b := s.birthForAge(a, fy0)
		retFY := s.rule.RetirementFiscalYear(b, fy0-12)
		if retFY >= fy0 || fy0-retFY > 5 || jinzai.AgeAtFiscalYearEnd(b, fy0-1) >= 65 {
			continue
		}
		f := s.pickFamily(0.08)
		p := s.newPerson(empReFull, f, b, fy0-(a-s.hireAge(f, false)))
		if len(reemp) >= nReFull {
			p.emp = empReShort
		}
		p.endFY = min(retFY+5, s.fyReaching(b, 65))
		reemp = append(reemp, p)
	}
	all := append(regs, reemp...)
	slices.SortStableFunc(all, func(x, y *person) int {
		return cmp.Or(x.hire.Compare(y.hire), x.birth.Compare(y.birth))
	})
	for _, p := range all {
		s.assignID(p, empRegular)
		s.people = append(s.people, p)
	}
	// Base grades and posting history.
	for _, p := range s.people {
		a := s.ageAt(p, fy0)
		eligible := max(28, a-(fy0-p.hireFY)+4)
		delay := 0
		for delay < 12 && !chance(s.rng, 0.35) {
			delay++
		}
		if p.skillTrack() {
			if a >= max(32, eligible)+delay {
				p.grade = gGShunin
			}
		} else if a >= eligible+delay {
			p.grade = gShunin
		}
		p.gradeFY = fy0 - s.rng.IntN(4)
		if p.gradeFY < p.hireFY {
			p.gradeFY = p.hireFY
		}
		s.pastPostings(p)
		if p.emp != empRegular {
			s.reemployGrade(p)
		}
	}
	s.fillInitialGrades()
	for i := 0; i < max(1, int(math.Round(float64(s.n0)*0.0015))); i++ {
		s.hireFixedTerm(fy0, true, false)
	}
	for i := 0; i < s.annualTarget(fy0); i++ {
		s.hireAnnual(fy0, true)
	}
}

// fyReaching is the fiscal year by whose end someone born on b reaches age.
func (s *sim) fyReaching(b time.Time, age int) int {
	fy := b.Year() + age - 1
	for jinzai.AgeAtFiscalYearEnd(b, fy) < age {
		fy++
	}
	return fy
}

// pastPostings invents the posting history from hiring to the first
// snapshot: 3–5 years per posting while young, longer later.
func (s *sim) pastPostings(p *person) {
	u := s.placeHire(p.fam)
	fy := p.hireFY
	for {
		s.setUnit(p, fy, u)
		d := s.postingLength(fy - p.hireFY)
		if p.sticky {
			d += 2
		}
		if fy+d > s.fy0 {
			return
		}
		fy += d
		young := fy-p.hireFY < 10
		u = s.placeUnit(p.fam, p.unit, young && chance(s.rng, 0.7))
	}
}

func (s *sim) postingLength(service int) int {
	switch {
	case service < 10:
		return 3 + s.rng.IntN(3)
	case service < 20:
		return 3 + s.rng.IntN(4)
	}
	return 4 + s.rng.IntN(5)
}

// ladder steps: promotion into grade from the grade below.
type step struct {
	grade, from      int
	minAge, minYears int
	share            float64 // of the regular headcount (administrative) or of 技能労務 staff
	mgmt             bool
}

var adminSteps = []step{
	{gBucho, gKacho, 52, 3, 0.0038, true},
	{gKacho, gHosa, 46, 3, 0.019, true},
	{gHosa, gKakari, 42, 4, 0.05, false},
	{gKakari, gShunin, 35, 4, 0.16, false},
}

var skillSteps = []step{
	{gToukatsu, gGinoucho, 50, 3, 0.03, false},
	{gGinoucho, gGShunin, 42, 4, 0.12, false},
}

// score ranks promotion candidates: ability, seniority, the candidate
// training, and a gender gap that narrows slowly over the years.
func (s *sim) score(p *person, st step, fy int) float64 {
	a := s.ageAt(p, fy)
	// Seniority helps for a few years past the minimum age; after that the
	// candidate has usually been passed over.
	over := float64(a - st.minAge)
	sc := p.ability + 0.1*math.Min(over, 4) - 0.12*math.Max(0, over-6) + 0.35*s.rng.NormFloat64()
	if c := candidateCourse(st.grade); c >= 0 && p.done[c] > 0 {
		sc += 0.35
	}
	t := float64(s.last - fy)
	if p.female {
		if st.mgmt {
			sc -= 0.22 + 0.06*t
		} else {
			sc -= 0.15 + 0.02*t
		}
	}
	switch p.fam {
	case famGeneral, famLabour:
	case famCivil, famArch, famElec, famMech, famPHN, famWelfare:
		if st.mgmt {
			sc -= 0.3
		}
	default:
		if st.mgmt {
			sc -= 0.9
		} else {
			sc -= 0.3
		}
	}
	return sc
}

func (s *sim) stepTarget(st step, fy int) int {
	if st.grade >= gToukatsu {
		n := 0
		for _, p := range s.people {
			if p.active && p.regular() && p.skillTrack() {
				n++
			}
		}
		return int(math.Round(float64(n) * st.share))
	}
	return int(math.Round(float64(s.targetHeadcount(fy)) * st.share))
}

type cand struct {
	p     *person
	score float64
}

func (s *sim) fillInitialGrades() {
	fy := s.fy0
	for _, steps := range [][]step{adminSteps, skillSteps} {
		for _, st := range steps {
			var cs []cand
			base := gShunin
			if st.grade >= gToukatsu {
				base = gGShunin
			}
			for _, p := range s.people {
				if !p.regular() || p.grade != base || s.ageAt(p, fy) < st.minAge+1 {
					continue
				}
				if st.mgmt && p.postLimitFY <= fy {
					continue
				}
				cs = append(cs, cand{p, s.score(p, st, fy)})
			}
			slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(y.score, x.score) })
			n := min(len(cs), s.stepTarget(st, fy))
			for _, c := range cs[:n] {
				p := c.p
				p.grade = st.grade
				span := s.ageAt(p, fy) - st.minAge
				p.gradeFY = max(p.hireFY, fy-s.rng.IntN(min(span, 6)+1))
				switch st.grade {
				case gBucho, gKacho:
					s.managerPost(p, p.postFY, st.grade)
				case gHosa:
					s.setSection(p, p.postFY, p.sec)
				}
			}
		}
	}
}

// reemployGrade sets the grade of a re-employed former regular.
func (s *sim) reemployGrade(p *person) {
	switch {
	case p.skillTrack() && p.grade <= gGinoucho:
		p.grade = gGinoucho
	case p.skillTrack():
		p.grade = gGShunin
	case p.grade <= gKakari:
		p.grade = gKakari
	default:
		p.grade = gShunin
	}
	p.postLimited = false
}

func (s *sim) annualTarget(fy int) int {
	k := float64(fy - s.fy0)
	return int(math.Round(float64(s.opt.Staff) * (0.050 + 0.0012*k) * (0.97 + 0.06*s.rng.Float64())))
}

// hireAnnual appoints a 会計年度任用職員 for fy; initial ones may have
// been appointed years earlier.
func (s *sim) hireAnnual(fy int, initial bool) {
	r := s.rng.Float64()
	f := famGeneral
	switch {
	case r < 0.22:
		f = famNursery
	case r < 0.30:
		f = famLabour
	case r < 0.33:
		f = famDiet
	case r < 0.38:
		f = famPHN
	}
	a := 22 + s.rng.IntN(48)
	if chance(s.rng, 0.5) {
		a = 45 + s.rng.IntN(23)
	}
	hireFY := fy
	if initial {
		hireFY -= s.rng.IntN(5)
	}
	p := s.newPerson(empAnnual, f, s.birthForAge(a, fy), hireFY)
	if f == famNursery || f == famDiet || f == famPHN || chance(s.rng, 0.55) {
		if !p.female {
			p.female = true
			p.name = s.newName(true)
		}
	}
	s.assignID(p, empAnnual)
	s.setUnit(p, fy, s.placeUnit(f, -1, false))
	s.people = append(s.people, p)
}

// hireFixedTerm appoints a 任期付 specialist for three to five years; in
// the last five years some are digital specialists (高度専門人材).
func (s *sim) hireFixedTerm(fy int, initial, dx bool) {
	a := 30 + s.rng.IntN(25)
	f := famGeneral
	if !dx && chance(s.rng, 0.3) {
		f = famWelfare
	}
	hireFY := fy
	if initial {
		hireFY -= s.rng.IntN(2)
	}
	p := s.newPerson(empFixed, f, s.birthForAge(a, fy), hireFY)
	s.assignID(p, empFixed)
	p.endFY = p.hireFY + 2 + s.rng.IntN(3)
	p.grade = gShunin
	if a >= 40 {
		p.grade = gKakari
	}
	if dx && len(s.dxUnits) > 0 {
		p.tier = tierExpert
		s.setUnit(p, fy, s.dxUnits[s.rng.IntN(len(s.dxUnits))])
	} else {
		s.setUnit(p, fy, s.placeUnit(f, -1, false))
	}
	s.people = append(s.people, p)
}

// ---------------------------------------------------------------------------
// the yearly cycle

func (s *sim) assignLeave(fy int) {
	for _, p := range s.people {
		if !p.active || p.emp == empAnnual || p.emp == empReShort {
			p.leave = ""
			continue
		}
		prev := p.leave
		p.leave = ""
		if p.hireFY == fy || p.emp != empRegular {
			continue
		}
		a := s.ageAt(p, fy)
		switch {
		case prev == leaveChildcare && chance(s.rng, 0.35):
			p.leave = leaveChildcare
		case prev == leaveSick && chance(s.rng, 0.35):
			p.leave = leaveSick
		case a >= 25 && a <= 41 && p.female && chance(s.rng, 0.022):
			p.leave = leaveChildcare
		case a >= 25 && a <= 41 && !p.female && chance(s.rng, 0.003+0.001*float64(fy-s.fy0)):
			p.leave = leaveChildcare
		case chance(s.rng, 0.004):
			p.leave = leaveSick
		case chance(s.rng, 0.0008):
			p.leave = leaveSelfDev
		}
	}
}

func (s *sim) takeSnapshot(fy int) {
	snap := snapshot{fy: fy, date: jinzai.FiscalYearStart(fy), rows: make([]rosterRow, 0, len(s.people))}
	for _, p := range s.people {
		if !p.active {
			continue
		}
		snap.rows = append(snap.rows, rosterRow{
			id: p.id, idNum: p.idNum, name: p.name, birth: p.birth, hire: p.hire, female: p.female,
			dept: p.dept, sec: p.sec, unit: p.unit, grade: p.grade, fam: p.fam,
			emp: p.emp, tier: p.tier, leave: p.leave,
		})
	}
	// HR systems export by organisation, then employment type and grade,
	// then number. Section and unit are -1 for posts held above them.
	snap.rows = sortByKey(snap.rows, func(r *rosterRow) uint64 {
		return uint64(r.dept)<<52 | uint64(r.sec+1)<<42 | uint64(r.unit+1)<<32 |
			uint64(r.emp)<<28 | uint64(r.grade)<<24 | uint64(r.idNum)
	})
	s.snaps = append(s.snaps, snap)
}

func (s *sim) leave(p *person, fy int) {
	p.active = false
	if n := len(p.posts); n > 0 && p.posts[n-1].end.IsZero() {
		p.posts[n-1].end = jinzai.FiscalYearEnd(fy)
	}
}

// yearEnd applies what happens on March 31 of fy: retirement under the
// staged retirement age, re-employment, voluntary leaving, 役職定年 and the
// end of fixed-term and annual appointments.
func (s *sim) yearEnd(fy int) {
	next := fy + 1
	for _, p := range s.people {
		if !p.active {
			continue
		}
		ageEnd := s.ageAt(p, next)
		switch p.emp {
		case empRegular:
			if p.retireFY == fy {
				if chance(s.rng, 0.4) {
					s.reemploy(p, fy)
				} else {
					s.leave(p, fy)
				}
				continue
			}
			if chance(s.rng, voluntaryLeaveRate(ageEnd, fy-p.hireFY)) {
				s.leave(p, fy)
				continue
			}
			if (p.grade == gBucho || p.grade == gKacho) && p.postLimitFY <= fy {
				// 役職定年: leaves the management post, keeps working as a
				// 課長補佐-level specialist in the department.
				p.grade = gHosa
				p.gradeFY = next
				p.postLimited = true
				p.promoted = false
				sc := p.sec
				if sc < 0 || s.rng.Float64() < 0.5 {
					sc = s.pickSection(p.fam, p.dept, -1)
				}
				s.setSection(p, next, sc)
			}
		case empReFull, empReShort:
			if fy >= p.endFY || chance(s.rng, 0.12) {
				s.leave(p, fy)
			}
		case empFixed:
			if fy >= p.endFY {
				s.leave(p, fy)
			}
		case empAnnual:
			if ageEnd >= 70 || !chance(s.rng, 0.8) {
				s.leave(p, fy)
			}
		}
	}
}

func voluntaryLeaveRate(age, service int) float64 {
	r := 0.0
	switch {
	case age >= 58:
		return 0
	case age < 30:
		r = 0.028
	case age < 40:
		r = 0.018
	case age < 50:
		r = 0.008
	default:
		r = 0.006
	}
	if service == 0 {
		r += 0.01
	}
	return r
}

func (s *sim) reemploy(p *person, fy int) {
	next := fy + 1
	if chance(s.rng, 0.6) {
		p.emp = empReFull
	} else {
		p.emp = empReShort
	}
	p.endFY = min(fy+5, s.fyReaching(p.birth, 65))
	s.reemployGrade(p)
	p.gradeFY = next
	p.promoted = false
	p.leave = ""
	u := p.unit
	if u < 0 || chance(s.rng, 0.5) {
		cur := p.sec
		if cur < 0 {
			cur = s.pickSection(p.fam, p.dept, -1)
		}
		u = -1
		for _, ui := range s.org.secs[cur].units {
			if s.org.units[ui].weight[p.fam] > 0 {
				u = ui
				break
			}
		}
		if u < 0 {
			u = s.placeUnit(p.fam, -1, false)
		}
	}
	// A re-employment is a new appointment: a new posting row even when the
	// workplace stays the same.
	if n := len(p.posts); n > 0 && p.posts[n-1].end.IsZero() {
		p.posts[n-1].end = jinzai.FiscalYearEnd(fy)
	}
	s.setUnit(p, next, u)
}

// newYear applies the April 1 changes of fy: promotions, transfers, hiring.
func (s *sim) newYear(fy int) {
	n, target := s.planHires(fy)
	moved := map[*person]bool{}
	s.promote(fy, moved)
	s.transfer(fy, moved)
	s.hire(fy, n, target)
}

func (s *sim) promote(fy int, moved map[*person]bool) {
	for _, steps := range [][]step{adminSteps, skillSteps} {
		for _, st := range steps {
			held := 0
			var cs []cand
			for _, p := range s.people {
				if !p.active || !p.regular() {
					continue
				}
				if p.grade == st.grade && !p.postLimited {
					held++
				}
				if p.grade != st.from || p.postLimited || p.leave != "" || fy-p.gradeFY < st.minYears || s.ageAt(p, fy) < st.minAge {
					continue
				}
				if st.mgmt && p.postLimitFY <= fy {
					continue
				}
				cs = append(cs, cand{p, s.score(p, st, fy)})
			}
			need := s.stepTarget(st, fy) - held
			if need <= 0 || len(cs) == 0 {
				continue
			}
			slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(y.score, x.score) })
			for _, c := range cs[:min(need, len(cs))] {
				p := c.p
				p.grade, p.gradeFY, p.promoted = st.grade, fy, true
				moved[p] = true
				switch st.grade {
				case gBucho, gKacho:
					s.managerPost(p, fy, st.grade)
				case gHosa:
					sc := p.sec
					if sc < 0 || chance(s.rng, 0.6) {
						sc = s.pickSection(p.fam, -1, sc)
					}
					s.setSection(p, fy, sc)
				case gKakari:
					if chance(s.rng, 0.65) {
						s.setUnit(p, fy, s.placeUnit(p.fam, p.unit, false))
					}
				default:
					delete(moved, p)
				}
			}
		}
	}
	// 主任 and 技能主任: a selection most pass within a few years.
	for _, p := range s.people {
		if !p.active || !p.regular() || p.leave != "" || moved[p] {
			continue
		}
		a := s.ageAt(p, fy)
		service := fy - p.hireFY
		switch {
		case p.grade == gShuji && a >= 28 && service >= 4 && fy-p.gradeFY >= 3:
			pr := 0.33
			if c := candidateCourse(gShunin); c >= 0 && p.done[c] > 0 {
				pr += 0.15
			}
			if chance(s.rng, pr) {
				p.grade, p.gradeFY, p.promoted = gShunin, fy, true
			}
		case p.grade == gGinouin && a >= 32 && service >= 6 && chance(s.rng, 0.25):
			p.grade, p.gradeFY, p.promoted = gGShunin, fy, true
		}
	}
}

// transferProb is the chance of a move after y years in the posting:
// about every 3–5 years while young, less often later.
func transferProb(p *person, y, service int) float64 {
	var pr float64
	switch {
	case p.grade == gBucho || p.grade == gKacho:
		pr = [...]float64{0, 0.02, 0.35, 0.6, 0.8}[min(y, 4)]
	case p.grade == gHosa:
		pr = [...]float64{0, 0.02, 0.15, 0.4, 0.55}[min(y, 4)]
	case service < 10:
		pr = [...]float64{0, 0.02, 0.1, 0.55, 0.75, 0.9}[min(y, 5)]
	case service < 20:
		pr = [...]float64{0, 0.02, 0.06, 0.25, 0.35, 0.45}[min(y, 5)]
	default:
		pr = [...]float64{0, 0.01, 0.02, 0.15, 0.2, 0.25}[min(y, 5)]
	}
	if p.sticky {
		pr *= 0.4
	}
	return pr
}

func (s *sim) transfer(fy int, moved map[*person]bool) {
	for _, p := range s.people {
		if !p.active || !p.regular() || moved[p] || p.leave != "" {
			continue
		}
		service := fy - p.hireFY
		if !chance(s.rng, transferProb(p, fy-p.postFY, service)) {
			continue
		}
		switch p.grade {
		case gBucho, gKacho:
			s.managerPost(p, fy, p.grade)
		case gHosa:
			s.setSection(p, fy, s.pickSection(p.fam, -1, p.sec))
		default:
			young := service < 10
			s.setUnit(p, fy, s.placeUnit(p.fam, p.unit, young && chance(s.rng, 0.7)))
		}
	}
}

// planHires returns how many regulars to hire on April 1 of fy to reach the
// planned headcount; when separations fall short of it, a few more young
// staff leave at the end of fy-1 instead.
func (s *sim) planHires(fy int) (n, target int) {
	reg := 0
	var young []*person
	for _, p := range s.people {
		if p.active && p.headcount() {
			reg++
			if p.regular() && s.ageAt(p, fy) < 50 && p.hireFY < fy {
				young = append(young, p)
			}
		}
	}
	target = s.targetHeadcount(fy)
	if fy != s.last {
		target += int(math.Round(float64(target) * 0.003 * s.rng.NormFloat64()))
	}
	n = target - reg
	// More separations than planned hires can absorb: a few more leave.
	for n < 0 && len(young) > 0 {
		i := s.rng.IntN(len(young))
		s.leave(young[i], fy-1)
		young = slices.Delete(young, i, i+1)
		n++
	}
	return max(n, 0), target
}

func (s *sim) hire(fy, n, target int) {
	for i := 0; i < n; i++ {
		f := s.pickFamily(0.012)
		ha := s.hireAge(f, true)
		p := s.newPerson(empRegular, f, s.birthForAge(ha, fy), fy)
		if ha >= 33 && !p.skillTrack() {
			p.grade = gShunin
		}
		p.gradeFY = fy
		s.assignID(p, empRegular)
		s.setUnit(p, fy, s.placeHire(f))
		s.people = append(s.people, p)
	}
	// Fixed-term specialists, digital ones in the last five years.
	fixed := 0
	for _, p := range s.people {
		if p.active && p.emp == empFixed {
			fixed++
		}
	}
	dxEra := fy >= s.last-4
	for want := int(math.Round(float64(target) * 0.002)); fixed < want; fixed++ {
		s.hireFixedTerm(fy, false, dxEra && chance(s.rng, 0.5))
	}
	annual := 0
	for _, p := range s.people {
		if p.active && p.emp == empAnnual {
			annual++
		}
	}
	for want := s.annualTarget(fy); annual < want; annual++ {
		s.hireAnnual(fy, false)
	}
}
