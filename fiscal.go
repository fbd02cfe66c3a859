// Package jinzai holds the domain rules of HR analytics for Japanese local
// governments: fiscal years (年度), legal age, the staged retirement age, the
// grade ladder and the configuration that changes them. It does no I/O
// beyond reading its own configuration file.
package jinzai

import (
	"strconv"
	"time"
)

// Tokyo is the time zone every date in the product is read in.
var Tokyo = mustLoadTokyo()

func mustLoadTokyo() *time.Location {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		return time.FixedZone("JST", 9*60*60)
	}
	return loc
}

// FiscalYear returns the fiscal year (年度) a date falls in: April 1 to
// March 31, named by the calendar year in which it starts.
func FiscalYear(d time.Time) int {
	if d.Month() < time.April {
		return d.Year() - 1
	}
	return d.Year()
}

// FiscalYearStart is April 1 of fiscal year fy.
func FiscalYearStart(fy int) time.Time {
	return time.Date(fy, time.April, 1, 0, 0, 0, 0, time.UTC)
}

// FiscalYearEnd is March 31 at the end of fiscal year fy.
func FiscalYearEnd(fy int) time.Time {
	return time.Date(fy+1, time.March, 31, 0, 0, 0, 0, time.UTC)
}

// LegalAge is a person's age on date d under 年齢計算ニ関スル法律: an age is
// reached on the day before the birthday, so someone born on April 1 is one
// year older on March 31. It equals the calendar age on the following day.
func LegalAge(birth, d time.Time) int {
	next := d.AddDate(0, 0, 1)
	age := next.Year() - birth.Year()
	if next.Month() < birth.Month() || (next.Month() == birth.Month() && next.Day() < birth.Day()) {
		age--
	}
	return age
}

// AgeAtFiscalYearEnd is the legal age reached by March 31 of fiscal year fy.
func AgeAtFiscalYearEnd(birth time.Time, fy int) int {
	return LegalAge(birth, FiscalYearEnd(fy))
}

// AgeBand returns the 5-year band label used in every age chart:
// "〜24", "25〜29", …, "60〜64", "65〜".
func AgeBand(age int) string {
	switch {
	case age <= 24:
		return "〜24"
	case age >= 65:
		return "65〜"
	default:
		lo := age / 5 * 5
		return strconv.Itoa(lo) + "〜" + strconv.Itoa(lo+4)
	}
}
