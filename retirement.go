package jinzai

import (
	"fmt"
	"sort"
	"time"
)

// RetirementStep is one step of a staged retirement-age schedule: from
// fiscal year From on, the retirement age is Age.
type RetirementStep struct {
	From int `toml:"from"`
	Age  int `toml:"age"`
}

// RetirementRule holds the retirement age schedule and the age at which
// managers leave their management post (役職定年).
type RetirementRule struct {
	// BaseAge applies before the first step (60 before FY2023).
	BaseAge int `toml:"base_age"`
	// Schedule is the staged increase; the national schedule by default.
	Schedule []RetirementStep `toml:"schedule"`
	// PostAgeLimit: managers leave their post at the end of the fiscal year
	// in which they reach this age (管理監督職勤務上限年齢, 60).
	PostAgeLimit int `toml:"post_age_limit"`
}

// NationalRetirementRule is the staged increase of the retirement age of
// local public servants from FY2023 (地方公務員の定年引上げ).
func NationalRetirementRule() RetirementRule {
	return RetirementRule{
		BaseAge: 60,
		Schedule: []RetirementStep{
			{From: 2023, Age: 61}, {From: 2025, Age: 62}, {From: 2027, Age: 63},
			{From: 2029, Age: 64}, {From: 2031, Age: 65},
		},
		PostAgeLimit: 60,
	}
}

// Validate checks that the schedule is ordered and the ages plausible.
func (r RetirementRule) Validate() error {
	if r.BaseAge < 50 || r.BaseAge > 75 {
		return fmt.Errorf("retirement.base_age %d is outside 50..75", r.BaseAge)
	}
	if r.PostAgeLimit < 40 || r.PostAgeLimit > 75 {
		return fmt.Errorf("retirement.post_age_limit %d is outside 40..75", r.PostAgeLimit)
	}
	if !sort.SliceIsSorted(r.Schedule, func(i, j int) bool { return r.Schedule[i].From < r.Schedule[j].From }) {
		return fmt.Errorf("retirement.schedule must be sorted by from")
	}
	for _, s := range r.Schedule {
		if s.Age < 50 || s.Age > 75 {
			return fmt.Errorf("retirement.schedule: age %d from FY%d is outside 50..75", s.Age, s.From)
		}
	}
	return nil
}

// AgeIn returns the retirement age that applies in fiscal year fy.
func (r RetirementRule) AgeIn(fy int) int {
	age := r.BaseAge
	for _, s := range r.Schedule {
		if fy >= s.From {
			age = s.Age
		}
	}
	return age
}

// RetirementFiscalYear is the fiscal year at whose end (March 31) a regular
// employee born on birth retires: the first fiscal year, not before from,
// by whose end they have reached the retirement age that applies in it.
func (r RetirementRule) RetirementFiscalYear(birth time.Time, from int) int {
	for fy := from; ; fy++ {
		if AgeAtFiscalYearEnd(birth, fy) >= r.AgeIn(fy) {
			return fy
		}
	}
}

// PostLimitFiscalYear is the fiscal year at whose end a manager born on
// birth leaves the management post (役職定年), not before from.
func (r RetirementRule) PostLimitFiscalYear(birth time.Time, from int) int {
	fy := birth.Year() + r.PostAgeLimit - 1
	for AgeAtFiscalYearEnd(birth, fy) < r.PostAgeLimit {
		fy++
	}
	if fy < from {
		return from
	}
	return fy
}
