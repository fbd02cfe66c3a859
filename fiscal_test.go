package jinzai

import (
	"testing"
	"time"
)

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestLegalAgeIsReachedTheDayBeforeTheBirthday(t *testing.T) {
	tests := []struct {
		name  string
		birth time.Time
		on    time.Time
		want  int
	}{
		{"day before the 60th birthday", date(1963, 4, 2), date(2023, 4, 1), 60},
		{"two days before the birthday", date(1963, 4, 2), date(2023, 3, 31), 59},
		{"born April 1 reaches 60 on March 31", date(1963, 4, 1), date(2023, 3, 31), 60},
		{"born on Feb 29, non-leap year", date(1964, 2, 29), date(2024, 2, 27), 59},
		{"born on Feb 29 reaches age on Feb 28", date(1964, 2, 29), date(2023, 2, 28), 59},
		{"born March 1 reaches the age on Feb 28", date(1963, 3, 1), date(2023, 2, 28), 60},
	}
	for _, tt := range tests {
		if got := LegalAge(tt.birth, tt.on); got != tt.want {
			t.Errorf("%s: LegalAge(%s, %s) = %d, want %d", tt.name, tt.birth.Format("2006-01-02"), tt.on.Format("2006-01-02"), got, tt.want)
		}
	}
}

func TestFiscalYearStartsOnAprilFirst(t *testing.T) {
	if FiscalYear(date(2024, 3, 31)) != 2023 || FiscalYear(date(2024, 4, 1)) != 2024 {
		t.Fatal("fiscal year boundary wrong")
	}
}

func TestAgeBands(t *testing.T) {
	for age, want := range map[int]string{18: "〜24", 24: "〜24", 25: "25〜29", 39: "35〜39", 64: "60〜64", 65: "65〜", 70: "65〜"} {
		if got := AgeBand(age); got != want {
			t.Errorf("AgeBand(%d) = %q, want %q", age, got, want)
		}
	}
}

// The staged schedule leaves FY2023, 2025, 2027, 2029 and 2031 with no
// regular retirements: the cohort that would retire then already did, or
// is not yet old enough.
func TestRetirementFiscalYearFollowsTheStagedSchedule(t *testing.T) {
	r := NationalRetirementRule()
	tests := []struct {
		birth time.Time
		want  int
	}{
		// born FY1962 cohort (1962-04-02..1963-04-01): 60 by end of FY2022
		{date(1962, 4, 2), 2022},
		{date(1963, 4, 1), 2022},
		// FY1963 cohort: 60 in FY2023 (age 61 applies), 61 in FY2024
		{date(1963, 4, 2), 2024},
		{date(1964, 4, 1), 2024},
		// FY1964 cohort: 61 in FY2025 (62 applies), 62 in FY2026
		{date(1964, 4, 2), 2026},
		// FY1965 cohort: 62 in FY2027 (63 applies), 63 in FY2028
		{date(1965, 10, 1), 2028},
		// FY1966 cohort: 64 in FY2030
		{date(1966, 5, 5), 2030},
		// FY1967 cohort: 64 in FY2031 (65 applies), 65 in FY2032
		{date(1967, 12, 31), 2032},
		// FY1968 cohort: 65 in FY2033
		{date(1968, 4, 2), 2033},
	}
	for _, tt := range tests {
		if got := r.RetirementFiscalYear(tt.birth, 2022); got != tt.want {
			t.Errorf("born %s: retires FY%d, want FY%d", tt.birth.Format("2006-01-02"), got, tt.want)
		}
	}
	retiring := map[int]int{}
	for d := date(1955, 1, 1); d.Before(date(1975, 1, 1)); d = d.AddDate(0, 0, 1) {
		retiring[r.RetirementFiscalYear(d, 2023)]++
	}
	for _, fy := range []int{2023, 2025, 2027, 2029, 2031} {
		if fy == 2023 {
			continue // those already past the age are projected into the first year
		}
		if retiring[fy] != 0 {
			t.Errorf("FY%d has %d retirements, want none", fy, retiring[fy])
		}
	}
}

func TestPostLimitIsTheFiscalYearOfTurningSixty(t *testing.T) {
	r := NationalRetirementRule()
	if got := r.PostLimitFiscalYear(date(1965, 4, 2), 2020); got != 2025 {
		t.Errorf("born 1965-04-02: post limit FY%d, want FY2025", got)
	}
	if got := r.PostLimitFiscalYear(date(1965, 4, 1), 2020); got != 2024 {
		t.Errorf("born 1965-04-01: post limit FY%d, want FY2024", got)
	}
	if got := r.PostLimitFiscalYear(date(1950, 1, 1), 2026); got != 2026 {
		t.Errorf("already past: got FY%d, want the first projected year", got)
	}
}
