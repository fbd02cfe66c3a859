package parse

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// units are the suffixes Int and Float accept after a number, longest
// first.
var units = []string{"時間", "年", "歳", "h", "H"}

// Int parses an integer such as "12", "1,234", "12年", "45歳" or "-3". A
// fractional part is accepted only when it is zero ("12.0", as spreadsheets
// export whole numbers). Blank is [ErrEmpty]; anything else that is not an
// integer wraps [ErrInvalidNumber].
func Int(s string) (int, error) {
	num, err := cleanNumber(s)
	if err != nil {
		return 0, err
	}
	if dot := strings.IndexByte(num, '.'); dot >= 0 {
		if strings.Trim(num[dot+1:], "0") != "" {
			return 0, fmt.Errorf("%w %q: 整数ではありません not an integer", ErrInvalidNumber, s)
		}
		num = num[:dot]
	}
	if strings.ContainsAny(num, "eE") {
		return 0, fmt.Errorf("%w %q", ErrInvalidNumber, s)
	}
	v, err := strconv.Atoi(num)
	if err != nil {
		return 0, fmt.Errorf("%w %q: 桁が多すぎます out of range", ErrInvalidNumber, s)
	}
	return v, nil
}

// Float parses a decimal number such as "3.5", "1,234.5", "3.5時間",
// "7.5h" or "1.5E-05". Blank is [ErrEmpty]; anything else that is not a
// finite number wraps [ErrInvalidNumber].
func Float(s string) (float64, error) {
	num, err := cleanNumber(s)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%w %q: 範囲外です out of range", ErrInvalidNumber, s)
	}
	return v, nil
}

// cleanNumber folds s, drops a unit suffix and thousands separators and
// checks the syntax: [sign] digits [. digits] [e [sign] digits], where the
// integer digits may be grouped by commas in threes.
func cleanNumber(s string) (string, error) {
	f := Fold(s)
	if f == "" {
		return "", ErrEmpty
	}
	f = strings.ReplaceAll(f, "−", "-") // U+2212 MINUS SIGN
	for _, u := range units {
		if rest, ok := strings.CutSuffix(f, u); ok {
			f = strings.TrimRight(rest, " ")
			break
		}
	}
	bad := func() (string, error) { return "", fmt.Errorf("%w %q", ErrInvalidNumber, s) }

	var b strings.Builder
	i := 0
	if i < len(f) && (f[i] == '-' || f[i] == '+') {
		b.WriteByte(f[i])
		i++
	}
	// Integer part, with optional thousands separators.
	start, group, commas := i, 0, false
	for ; i < len(f); i++ {
		c := f[i]
		if '0' <= c && c <= '9' {
			b.WriteByte(c)
			group++
			continue
		}
		if c != ',' {
			break
		}
		if (!commas && (group == 0 || group > 3)) || (commas && group != 3) {
			return bad()
		}
		commas, group = true, 0
	}
	if i == start || (commas && group != 3) {
		return bad()
	}
	if i < len(f) && f[i] == '.' {
		b.WriteByte('.')
		i++
		n := 0
		for ; i < len(f) && '0' <= f[i] && f[i] <= '9'; i++ {
			b.WriteByte(f[i])
			n++
		}
		if n == 0 {
			return bad()
		}
	}
	if i < len(f) && (f[i] == 'e' || f[i] == 'E') {
		b.WriteByte('e')
		i++
		if i < len(f) && (f[i] == '-' || f[i] == '+') {
			b.WriteByte(f[i])
			i++
		}
		n := 0
		for ; i < len(f) && '0' <= f[i] && f[i] <= '9'; i++ {
			b.WriteByte(f[i])
			n++
		}
		if n == 0 {
			return bad()
		}
	}
	if i != len(f) {
		return bad()
	}
	return b.String(), nil
}
