package parse

import (
	"errors"
	"math"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDateAcceptsEveryDocumentedForm(t *testing.T) {
	apr1 := day(2023, time.April, 1)
	tests := []struct {
		name string
		in   string
		want time.Time
	}{
		{"ISO date", "2023-04-01", apr1},
		{"slashed date without zero padding", "2023/4/1", apr1},
		{"dotted date", "2023.4.1", apr1},
		{"compact eight digits", "20230401", apr1},
		{"kanji year month day", "2023年4月1日", apr1},
		{"kanji date with spaces", "2023年 4月 1日", apr1},
		{"kanji date without the final 日", "2023年4月1", apr1},
		{"full-width digits", "２０２３年４月１日", apr1},
		{"full-width ISO date", "２０２３－０４－０１", apr1},
		{"surrounding ideographic spaces", "\u30002023/04/01\u3000", apr1},
		{"ISO with seconds", "2023-04-01 09:30:00", apr1},
		{"slashed with hour and minute", "2023/4/1 9:30", apr1},
		{"RFC3339 in JST", "2023-04-01T09:30:00+09:00", apr1},
		{"RFC3339 in UTC with fraction", "2023-04-01T09:30:00.123Z", apr1},
		{"RFC3339 late evening keeps its own date part", "2023-04-01T23:30:00-05:00", apr1},
		{"weekday in brackets that matches", "2023年4月1日（土）", apr1},
		{"weekday with 曜日", "2023/4/1(土曜日)", apr1},
		{"令和 in full", "令和5年4月1日", apr1},
		{"令和 with a space after the era", "令和 5年4月1日", apr1},
		{"平成 last full month", "平成31年3月31日", day(2019, time.March, 31)},
		{"平成 last day", "平成31年4月30日", day(2019, time.April, 30)},
		{"昭和 last day", "昭和64年1月7日", day(1989, time.January, 7)},
		{"昭和63", "昭和63年1月7日", day(1988, time.January, 7)},
		{"大正 last day", "大正15年12月25日", day(1926, time.December, 25)},
		{"大正15年12月24日", "大正15年12月24日", day(1926, time.December, 24)},
		{"昭和 first day, shared with 大正", "昭和元年12月25日", day(1926, time.December, 25)},
		{"大正 first day", "大正元年7月30日", day(1912, time.July, 30)},
		{"明治 last day", "明治45年7月29日", day(1912, time.July, 29)},
		{"令和元年", "令和元年5月1日", day(2019, time.May, 1)},
		{"平成元年", "平成元年5月1日", day(1989, time.May, 1)},
		{"平成 first day", "平成元年1月8日", day(1989, time.January, 8)},
		{"令和 leap day", "令和2年2月29日", day(2020, time.February, 29)},
		{"abbreviated R with dots", "R5.4.1", apr1},
		{"abbreviated R zero padded with slashes", "R05/04/01", apr1},
		{"abbreviated H", "H31/3/31", day(2019, time.March, 31)},
		{"abbreviated S", "S63.1.7", day(1988, time.January, 7)},
		{"abbreviated T", "T15.12.24", day(1926, time.December, 24)},
		{"abbreviated lower-case r", "r5.4.1", apr1},
		{"abbreviated lower-case h with dashes", "h31-3-31", day(2019, time.March, 31)},
		{"full-width abbreviated", "Ｒ５．４．１", apr1},
		{"abbreviated 元 year", "R元.5.1", day(2019, time.May, 1)},
		{"kanji initial 令", "令5.4.1", apr1},
		{"kanji initial 平", "平31.3.31", day(2019, time.March, 31)},
		{"kanji initial 昭 with 年月日", "昭63年1月7日", day(1988, time.January, 7)},
		{"Gregorian leap day", "2000-02-29", day(2000, time.February, 29)},
		{"lowest accepted date", "1868-01-01", day(1868, time.January, 1)},
		{"highest accepted date", "9999-12-31", day(9999, time.December, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Date(tt.in)
			if err != nil {
				t.Fatalf("Date(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("Date(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty string is ErrEmpty", "", ErrEmpty},
		{"spaces only is ErrEmpty", " \u3000 ", ErrEmpty},
		{"February 30 does not exist", "2023-02-30", ErrInvalidDate},
		{"April 31 does not exist", "2023/4/31", ErrInvalidDate},
		{"month 13 does not exist", "2023-13-01", ErrInvalidDate},
		{"month 0 does not exist", "2023-00-10", ErrInvalidDate},
		{"day 0 does not exist", "2023-04-00", ErrInvalidDate},
		{"1900 was not a leap year", "1900-02-29", ErrInvalidDate},
		{"2023 is not a leap year", "2023年2月29日", ErrInvalidDate},
		{"令和3 is not a leap year", "令和3年2月29日", ErrInvalidDate},
		{"impossible compact date", "20230230", ErrInvalidDate},
		{"平成32 is after 平成 ended", "平成32年1月1日", ErrInvalidDate},
		{"平成31年5月1日 is already 令和", "平成31年5月1日", ErrInvalidDate},
		{"令和元年4月30日 is still 平成", "令和元年4月30日", ErrInvalidDate},
		{"昭和64年2月1日 is after 昭和 ended", "昭和64年2月1日", ErrInvalidDate},
		{"昭和64年1月8日 is already 平成", "S64.1.8", ErrInvalidDate},
		{"平成元年1月7日 is still 昭和", "平成元年1月7日", ErrInvalidDate},
		{"昭和元年12月24日 is still 大正", "昭和元年12月24日", ErrInvalidDate},
		{"大正15年12月26日 is already 昭和", "大正15年12月26日", ErrInvalidDate},
		{"大正元年7月29日 is still 明治", "T1.7.29", ErrInvalidDate},
		{"明治5 used the lunar calendar", "明治5年1月1日", ErrInvalidDate},
		{"era year zero", "令和0年1月1日", ErrInvalidDate},
		{"era name alone", "令和", ErrInvalidDate},
		{"unknown era letter", "X5.4.1", ErrInvalidDate},
		{"date before 1868", "1867-12-31", ErrInvalidDate},
		{"words", "abc", ErrInvalidDate},
		{"American order", "4/1/2023", ErrInvalidDate},
		{"two-digit year", "23/4/1", ErrInvalidDate},
		{"mixed separators", "2023/4-1", ErrInvalidDate},
		{"trailing garbage", "2023-04-01x", ErrInvalidDate},
		{"bad hour", "2023-04-01 25:00", ErrInvalidDate},
		{"one-digit minutes", "2023-04-01 9:3", ErrInvalidDate},
		{"weekday that does not match", "2023年4月1日(日)", ErrInvalidDate},
		{"bare serial-like number", "45017", ErrInvalidDate},
		{"bare year", "2023", ErrInvalidDate},
		{"six digits", "202304", ErrInvalidDate},
		{"three-digit month", "2023-004-01", ErrInvalidDate},
		{"kanji digits", "令和五年四月一日", ErrInvalidDate},
		{"昭和63年 has no month", "昭和63年", ErrPartialDate},
		{"2023年4月 has no day", "2023年4月", ErrPartialDate},
		{"2023年 has no month", "2023年", ErrPartialDate},
		{"令和5年4月 has no day", "令和5年4月", ErrPartialDate},
		{"R5.4 has no day", "R5.4", ErrPartialDate},
		{"2023/4 has no day", "2023/4", ErrPartialDate},
		{"ISO year-month has no day", "2023-04", ErrPartialDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Date(tt.in)
			if err == nil {
				t.Fatalf("Date(%q) = %v, want error %v", tt.in, got, tt.want)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Date(%q) error = %v, want one wrapping %v", tt.in, err, tt.want)
			}
			if tt.want != ErrInvalidDate && errors.Is(err, ErrInvalidDate) {
				t.Errorf("Date(%q) error = %v also wraps ErrInvalidDate", tt.in, err)
			}
			if !got.IsZero() {
				t.Errorf("Date(%q) returned %v together with an error", tt.in, got)
			}
		})
	}
}

func TestDateErrorNamesTheInput(t *testing.T) {
	_, err := Date("2023-02-30")
	const want = `日付を解釈できません invalid date "2023-02-30": 2月30日はありません day out of range`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestExcelSerial(t *testing.T) {
	tests := []struct {
		name string
		in   float64
		want time.Time
	}{
		{"serial 1 is 1900-01-01", 1, day(1900, time.January, 1)},
		{"serial 59 is 1900-02-28", 59, day(1900, time.February, 28)},
		{"serial 61 is 1900-03-01", 61, day(1900, time.March, 1)},
		{"serial 32874 is 1990-01-01", 32874, day(1990, time.January, 1)},
		{"serial 45017 is 2023-04-01", 45017, day(2023, time.April, 1)},
		{"the time of day is dropped", 45017.75, day(2023, time.April, 1)},
		{"a fraction just below midnight stays on its day", 45017.999999, day(2023, time.April, 1)},
		{"serial 2958465 is 9999-12-31", 2958465, day(9999, time.December, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExcelSerial(tt.in)
			if err != nil {
				t.Fatalf("ExcelSerial(%v) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ExcelSerial(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	for _, bad := range []float64{60, 60.5, 0, 0.5, -1, 2958466, math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got, err := ExcelSerial(bad); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ExcelSerial(%v) = %v, %v; want ErrInvalidDate", bad, got, err)
		}
	}
}

func TestDateOrSerial(t *testing.T) {
	apr1 := day(2023, time.April, 1)
	tests := []struct {
		name string
		in   string
		want time.Time
		err  error
	}{
		{"five-digit serial", "45017", apr1, nil},
		{"serial with a time fraction", "45017.395833333336", apr1, nil},
		{"full-width serial", "４５０１７", apr1, nil},
		{"small serial", "1", day(1900, time.January, 1), nil},
		{"eight digits are a compact date, not a serial", "20230401", apr1, nil},
		{"ISO date still works", "2023-04-01", apr1, nil},
		{"和暦 still works", "R5.4.1", apr1, nil},
		{"serial 60 is the fictitious leap day", "60", time.Time{}, ErrInvalidDate},
		{"serial 0 is out of range", "0", time.Time{}, ErrInvalidDate},
		{"six digits are neither serial nor date", "123456", time.Time{}, ErrInvalidDate},
		{"a dot without a fraction is not a serial", "45017.", time.Time{}, ErrInvalidDate},
		{"blank is ErrEmpty", "", time.Time{}, ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DateOrSerial(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("DateOrSerial(%q) = %v, %v; want error %v", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("DateOrSerial(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{
		"2023-04-01", "2023/4/1", "20230401", "2023年4月1日", "令和5年4月1日",
		"R05/04/01", "平31.3.31", "2023-04-01T09:30:00+09:00", "昭和63年", "2023-02-30",
		"２０２３年４月１日", "2023年4月1日(土)",
	} {
		f.Add(s)
	}
	lo, hi := day(1868, time.January, 1), day(9999, time.December, 31)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Date(s)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrInvalidDate) && !errors.Is(err, ErrPartialDate) {
				t.Fatalf("Date(%q) error %v wraps no sentinel", s, err)
			}
			return
		}
		if d.Before(lo) || d.After(hi) {
			t.Fatalf("Date(%q) = %v, outside 1868-01-01..9999-12-31", s, d)
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("Date(%q) = %v, not UTC midnight", s, d)
		}
		iso := d.Format(time.DateOnly)
		again, err := Date(iso)
		if err != nil || !again.Equal(d) {
			t.Fatalf("Date(%q) = %s, but Date(%q) = %v, %v", s, iso, iso, again, err)
		}
	})
}

func BenchmarkDate(b *testing.B) {
	for _, in := range []string{"2023-04-01", "2023/4/1 9:30", "令和5年4月1日", "R05/04/01", "２０２３年４月１日"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Date(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
