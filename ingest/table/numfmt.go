package table

import "strings"

// fmtKind is what a cell number format shows a number as.
type fmtKind int

const (
	fmtNumber   fmtKind = iota // a number (General, 0.00, #,##0"円", 0%, @ …)
	fmtDate                    // a calendar date (yyyy/m/d, ggge"年"m"月"d"日" …)
	fmtDateTime                // a date with a time of day (m/d/yy h:mm …)
	fmtTime                    // a time of day (h:mm, h"時"mm"分" …)
	fmtElapsed                 // a duration ([h]:mm:ss)
)

// builtinKind classifies the built-in number formats that show dates or
// times: 14–22 and 45–47 of every locale, and the East Asian 27–36 and
// 50–58 (in a Japanese workbook, 和暦 and 年月日 forms).
func builtinKind(id int) fmtKind {
	switch {
	case 14 <= id && id <= 17:
		return fmtDate
	case 18 <= id && id <= 21, id == 45, id == 47, id == 32, id == 33:
		return fmtTime
	case id == 22:
		return fmtDateTime
	case id == 46:
		return fmtElapsed
	case 27 <= id && id <= 36, 50 <= id && id <= 58:
		return fmtDate
	}
	return fmtNumber
}

// codeKind classifies a number format code as Excel or LibreOffice write
// it. Only the first section (positive numbers) counts. Quoted text,
// backslash escapes, fill and padding characters and bracketed locale,
// colour and DBNum prefixes are ignored; [h], [mm] and [ss] mark elapsed
// time. y, d, e (era year), g (era name), aaa (weekday) and unquoted 年月日
// make a date; h, s, AM/PM and unquoted 時分秒 make a time; m is a month
// unless the code also has a time token, in which case it may be minutes
// (a code with y or d is a date either way).
func codeKind(code string) fmtKind {
	lower := strings.ToLower(code)
	var date, clock, elapsed, month bool
	for i := 0; i < len(lower); {
		c := lower[i]
		switch {
		case strings.HasPrefix(lower[i:], "general"):
			i += len("general")
			continue
		case strings.HasPrefix(lower[i:], "am/pm"):
			clock = true
			i += len("am/pm")
			continue
		case strings.HasPrefix(lower[i:], "a/p"):
			clock = true
			i += len("a/p")
			continue
		case strings.HasPrefix(lower[i:], "年"), strings.HasPrefix(lower[i:], "月"), strings.HasPrefix(lower[i:], "日"):
			date = true
			i += len("年")
			continue
		case strings.HasPrefix(lower[i:], "時"), strings.HasPrefix(lower[i:], "分"), strings.HasPrefix(lower[i:], "秒"):
			clock = true
			i += len("時")
			continue
		}
		switch c {
		case ';':
			i = len(lower) // first section only
			continue
		case '"':
			if end := strings.IndexByte(lower[i+1:], '"'); end >= 0 {
				i += end + 2
			} else {
				i = len(lower)
			}
			continue
		case '\\', '_', '*':
			i += 2 // the escaped, padding or fill character follows
			continue
		case '[':
			end := strings.IndexByte(lower[i:], ']')
			if end < 0 {
				i = len(lower)
				continue
			}
			if inner := lower[i+1 : i+end]; inner != "" && strings.Trim(inner, string(inner[0])) == "" &&
				(inner[0] == 'h' || inner[0] == 'm' || inner[0] == 's') {
				elapsed = true
			}
			i += end + 1
			continue
		case 'e':
			if i+1 < len(lower) && (lower[i+1] == '+' || lower[i+1] == '-') {
				i += 2 // scientific notation, 0.00E+00
				continue
			}
			date = true
		case 'y', 'd', 'g':
			date = true
		case 'a':
			if strings.HasPrefix(lower[i:], "aaa") {
				date = true // weekday
			}
		case 'h', 's':
			clock = true
		case 'm':
			month = true
		}
		i++
	}
	if month && !clock && !elapsed {
		date = true
	}
	switch {
	case date && (clock || elapsed):
		return fmtDateTime
	case date:
		return fmtDate
	case elapsed:
		return fmtElapsed
	case clock:
		return fmtTime
	}
	return fmtNumber
}
