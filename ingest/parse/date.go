package parse

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// era is one Japanese era (元号) as written in dates.
type era struct {
	name    string    // 令和
	initial string    // 令
	letter  byte      // 'R' (upper case)
	base    int       // Gregorian year of era year 0 (元年 = base+1)
	first   time.Time // first day of the era
	last    time.Time // last day of the era
}

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var (
	// minDate and maxDate bound every date this package accepts. 明治5年
	// and earlier were lunar-calendar dates, so Gregorian dates before
	// 1868 and 和暦 dates before 明治6年 (1873-01-01) are rejected.
	minDate = ymd(1868, time.January, 1)
	maxDate = ymd(9999, time.December, 31)

	eras = []era{
		{"明治", "明", 'M', 1867, ymd(1873, time.January, 1), ymd(1912, time.July, 29)},
		{"大正", "大", 'T', 1911, ymd(1912, time.July, 30), ymd(1926, time.December, 25)},
		{"昭和", "昭", 'S', 1925, ymd(1926, time.December, 25), ymd(1989, time.January, 7)},
		{"平成", "平", 'H', 1988, ymd(1989, time.January, 8), ymd(2019, time.April, 30)},
		{"令和", "令", 'R', 2018, ymd(2019, time.May, 1), maxDate},
	}
)

// Date parses a date as Japanese HR files write it and returns it at UTC
// midnight. The input is folded first, so full-width digits are accepted.
// Accepted forms:
//
//	2023-04-01  2023/4/1  2023.4.1  20230401  2023年4月1日
//	2023-04-01 09:30:00  2023/4/1 9:30  2023-04-01T09:30:00+09:00 (time dropped)
//	令和5年4月1日  平成31年3月31日  令和元年5月1日  令5.4.1  平31.3.31
//	R5.4.1  R05/04/01  H31/3/31  S63.1.7  T15.12.24  r5.4.1
//
// A weekday in brackets may follow the day (2023年4月1日(土)) and must be
// right. Impossible days (2023-02-30, 4/31, month 13), days outside their
// era (平成32年1月1日, 昭和64年2月1日) and dates before 1868 are errors
// wrapping [ErrInvalidDate]; a date without its day or month (2023年4月,
// 昭和63年) wraps [ErrPartialDate]; a blank value is [ErrEmpty]. A bare
// number is never read as an Excel serial here (see [DateOrSerial]).
func Date(s string) (time.Time, error) {
	f := Fold(s)
	if f == "" {
		return time.Time{}, ErrEmpty
	}
	d, err := parseDate(f)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w %q: %w", err.sentinel(), s, err)
	}
	return d, nil
}

// dateError is the reason a date was rejected, before it is wrapped with
// the input and the sentinel.
type dateError struct {
	partial bool
	msg     string
}

func (e *dateError) Error() string { return e.msg }

func (e *dateError) sentinel() error {
	if e.partial {
		return ErrPartialDate
	}
	return ErrInvalidDate
}

func invalid(msg string) *dateError { return &dateError{msg: msg} }

var errBadClock = invalid("時刻を解釈できません invalid time of day")

var errPartial = &dateError{partial: true, msg: "年月日のいずれかがありません day or month missing"}

// dateScanner walks a folded date string.
type dateScanner struct {
	s string
	i int
}

func (p *dateScanner) eof() bool { return p.i >= len(p.s) }

func (p *dateScanner) peek() byte {
	if p.eof() {
		return 0
	}
	return p.s[p.i]
}

// accept consumes lit if the input continues with it.
func (p *dateScanner) accept(lit string) bool {
	if strings.HasPrefix(p.s[p.i:], lit) {
		p.i += len(lit)
		return true
	}
	return false
}

func (p *dateScanner) skipSpace() {
	for p.peek() == ' ' {
		p.i++
	}
}

// digits consumes a run of ASCII digits and returns its value and length.
// Runs longer than 9 digits are reported with n > 9 and value -1.
func (p *dateScanner) digits() (v, n int) {
	start := p.i
	for !p.eof() && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		if p.i-start < 9 {
			v = v*10 + int(p.s[p.i]-'0')
		}
		p.i++
	}
	n = p.i - start
	if n > 9 {
		v = -1
	}
	return v, n
}

// era consumes an era name, its initial kanji or its Latin letter.
func (p *dateScanner) era() *era {
	if c := p.peek(); '0' <= c && c <= '9' {
		return nil
	}
	for k := range eras {
		e := &eras[k]
		if p.accept(e.name) {
			return e
		}
	}
	for k := range eras {
		e := &eras[k]
		if strings.HasPrefix(p.s[p.i:], e.initial) && p.eraYearFollows(p.i+len(e.initial)) {
			p.i += len(e.initial)
			return e
		}
		if c := p.peek(); (c == e.letter || c == e.letter+('a'-'A')) && p.eraYearFollows(p.i+1) {
			p.i++
			return e
		}
	}
	return nil
}

// eraYearFollows reports whether an era year (digits or 元) starts at i.
func (p *dateScanner) eraYearFollows(i int) bool {
	rest := p.s[i:]
	return (rest != "" && '0' <= rest[0] && rest[0] <= '9') || strings.HasPrefix(rest, "元")
}

func parseDate(s string) (time.Time, *dateError) {
	p := &dateScanner{s: s}
	e := p.era()
	var year int
	if e != nil {
		p.skipSpace()
		if p.accept("元") {
			year = 1
		} else {
			v, n := p.digits()
			switch {
			case n == 0:
				return time.Time{}, invalid("元号の後に年がありません era without year")
			case n > 3:
				return time.Time{}, invalid("元号の年が長すぎます era year too long")
			case v == 0:
				return time.Time{}, invalid("元号の0年はありません era year 0")
			}
			year = v
		}
	} else {
		v, n := p.digits()
		switch {
		case n == 8:
			// 20230401
			return finishDate(p, nil, v/10000, v/100%100, v%100)
		case n == 4:
			year = v
		case n == 0:
			return time.Time{}, invalid("数字で始まっていません not a date")
		default:
			return time.Time{}, invalid("年は西暦4桁で書いてください year must have 4 digits")
		}
	}

	if p.eof() {
		if e != nil {
			return time.Time{}, errPartial
		}
		return time.Time{}, invalid("年だけの数字は日付ではありません a bare number is not a date")
	}

	var month, day int
	p.skipSpace()
	if p.accept("年") {
		p.skipSpace()
		if p.eof() {
			return time.Time{}, errPartial
		}
		v, n := p.digits()
		if n == 0 || n > 2 {
			return time.Time{}, invalid("月がありません month expected")
		}
		month = v
		p.skipSpace()
		if !p.accept("月") {
			if p.eof() {
				return time.Time{}, errPartial
			}
			return time.Time{}, invalid("「月」がありません 月 expected")
		}
		p.skipSpace()
		if p.eof() {
			return time.Time{}, errPartial
		}
		v, n = p.digits()
		if n == 0 || n > 2 {
			return time.Time{}, invalid("日がありません day expected")
		}
		day = v
		p.skipSpace()
		p.accept("日")
	} else {
		sep := p.peek()
		if sep != '-' && sep != '/' && sep != '.' {
			return time.Time{}, invalid("区切りが違います unexpected separator")
		}
		p.i++
		v, n := p.digits()
		if n == 0 || n > 2 {
			return time.Time{}, invalid("月がありません month expected")
		}
		month = v
		if p.eof() {
			return time.Time{}, errPartial
		}
		if p.peek() != sep {
			return time.Time{}, invalid("区切りが揃っていません mixed separators")
		}
		p.i++
		v, n = p.digits()
		if n == 0 || n > 2 {
			return time.Time{}, invalid("日がありません day expected")
		}
		day = v
	}
	return finishDate(p, e, year, month, day)
}

// finishDate checks the remaining input (weekday, time of day) and the
// calendar validity of year-month-day, in era e when e is not nil.
func finishDate(p *dateScanner, e *era, year, month, day int) (time.Time, *dateError) {
	if month < 1 || month > 12 {
		return time.Time{}, invalid(fmt.Sprintf("%d月はありません month out of range", month))
	}
	if e != nil {
		year += e.base
	}
	if day < 1 || day > daysIn(year, time.Month(month)) {
		return time.Time{}, invalid(fmt.Sprintf("%d月%d日はありません day out of range", month, day))
	}
	d := ymd(year, time.Month(month), day)
	if err := p.trailer(d); err != nil {
		return time.Time{}, err
	}
	if e != nil {
		if d.Before(e.first) || d.After(e.last) {
			return time.Time{}, invalid(fmt.Sprintf("%sの期間外です outside the %s era (%s..%s)",
				e.name, e.name, e.first.Format(time.DateOnly), e.last.Format(time.DateOnly)))
		}
		return d, nil
	}
	if d.Before(minDate) {
		return time.Time{}, invalid("1868年より前の日付です date before 1868")
	}
	return d, nil
}

var weekdays = [...]string{"日", "月", "火", "水", "木", "金", "土"}

// trailer accepts what may follow a day: a weekday in brackets (which must
// match d), then a time of day after a space or a 'T'.
func (p *dateScanner) trailer(d time.Time) *dateError {
	p.skipSpace()
	if p.accept("(") {
		p.skipSpace()
		wd := -1
		for k, w := range weekdays {
			if p.accept(w) {
				wd = k
				break
			}
		}
		if wd < 0 {
			return invalid("括弧内が曜日ではありません weekday expected")
		}
		p.accept("曜日")
		p.accept("曜")
		p.skipSpace()
		if !p.accept(")") {
			return invalid("括弧が閉じていません unclosed bracket")
		}
		if time.Weekday(wd) != d.Weekday() {
			return invalid(fmt.Sprintf("曜日が合いません weekday mismatch (%s is a %s)", d.Format(time.DateOnly), d.Weekday()))
		}
		p.skipSpace()
	}
	if p.eof() {
		return nil
	}
	if p.peek() == 'T' || p.peek() == 't' {
		p.i++
	}
	if err := p.clock(); err != nil {
		return err
	}
	if !p.eof() {
		return invalid(fmt.Sprintf("余分な文字があります unexpected text %q", p.s[p.i:]))
	}
	return nil
}

// clock consumes a time of day H:MM[:SS[.fff]] with an optional zone (Z,
// +09:00, +0900), checking its ranges. The time itself is discarded.
func (p *dateScanner) clock() *dateError {
	bad := errBadClock
	h, n := p.digits()
	if n == 0 || n > 2 || h > 24 || !p.accept(":") {
		return bad
	}
	m, n := p.digits()
	if n != 2 || m > 59 {
		return bad
	}
	if p.accept(":") {
		sec, n := p.digits()
		if n != 2 || sec > 60 {
			return bad
		}
		if p.accept(".") || p.accept(",") {
			if _, n := p.digits(); n == 0 {
				return bad
			}
		}
	}
	if h == 24 && (m != 0) {
		return bad
	}
	switch c := p.peek(); c {
	case 'Z', 'z':
		p.i++
	case '+', '-':
		p.i++
		zh, n := p.digits()
		switch {
		case n == 4:
			if zh/100 > 14 || zh%100 > 59 {
				return bad
			}
		case n == 2 && zh <= 14:
			if p.accept(":") {
				if zm, n := p.digits(); n != 2 || zm > 59 {
					return bad
				}
			}
		default:
			return bad
		}
	}
	return nil
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Excel 1900 date system bounds.
const (
	maxSerial  = 2958465 // 9999-12-31
	fakeLeap   = 60      // 1900-02-29, which did not exist
	serialBase = 25569   // serial of 1970-01-01
)

// ExcelSerial converts a serial number of Excel's 1900 date system to a
// date at UTC midnight: 1 is 1900-01-01 and 2958465 is 9999-12-31. The
// fractional part (the time of day) is dropped. Serial 60, the fictitious
// 1900-02-29 that Excel inherited from Lotus 1-2-3, is rejected, as are
// serials outside 1..2958465.
func ExcelSerial(f float64) (time.Time, error) {
	if math.IsNaN(f) || f < 1 || f >= maxSerial+1 {
		return time.Time{}, fmt.Errorf("%w: Excelの日付シリアル値の範囲外です Excel serial %v out of range 1..%d", ErrInvalidDate, f, maxSerial)
	}
	n := int64(f)
	if n == fakeLeap {
		return time.Time{}, fmt.Errorf("%w: Excelのシリアル値60は存在しない1900年2月29日です Excel serial 60 is the fictitious 1900-02-29", ErrInvalidDate)
	}
	if n < fakeLeap {
		n++ // serials before the fake leap day are one day behind
	}
	return time.Unix((n-serialBase)*86400, 0).UTC(), nil
}

// DateOrSerial is [Date] for spreadsheet cells: a value that is purely a
// number of at most 5 integer digits (optionally with a fractional part)
// is read as an Excel serial with [ExcelSerial]; anything else goes to
// [Date]. "20230401" is therefore a date, "45017" a serial.
func DateOrSerial(s string) (time.Time, error) {
	f := Fold(s)
	if isSerialText(f) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("%w %q: %w", ErrInvalidDate, s, err)
		}
		d, err := ExcelSerial(v)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q: %w", s, err)
		}
		return d, nil
	}
	return Date(s)
}

// isSerialText reports whether s is 1–5 digits, optionally followed by a
// dot and at least one digit.
func isSerialText(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 5 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' || i+1 == len(s) {
		return false
	}
	for _, c := range []byte(s[i+1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
