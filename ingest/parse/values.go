package parse

import (
	"fmt"
	"strings"
)

// Gender values returned by [Gender].
const (
	Male   = "男性"
	Female = "女性"
	Other  = "その他"
)

var genders = map[string]string{
	"男": Male, "男性": Male, "m": Male, "male": Male, "1": Male,
	"女": Female, "女性": Female, "f": Female, "female": Female, "2": Female,
	"その他": Other, "回答しない": Other, "無回答": Other, "x": Other, "9": Other,
}

// Gender maps the known ways of writing a gender to [Male] (男, 男性, M,
// Male, 1), [Female] (女, 女性, F, Female, 2) or [Other] (その他, 回答しない,
// 無回答, X, 9). Letters are case-insensitive. Blank is [ErrEmpty]; any
// other value wraps [ErrInvalidGender].
func Gender(s string) (string, error) {
	f := Fold(s)
	if f == "" {
		return "", ErrEmpty
	}
	if g, ok := genders[strings.ToLower(f)]; ok {
		return g, nil
	}
	return "", fmt.Errorf("%w %q", ErrInvalidGender, s)
}

var bools = map[string]bool{
	"1": true, "○": true, "〇": true, "◯": true, "はい": true, "有": true,
	"あり": true, "y": true, "yes": true, "true": true, "✓": true, "✔": true,
	"0": false, "×": false, "いいえ": false, "無": false, "なし": false,
	"n": false, "no": false, "false": false, "-": false,
}

// Bool reads a yes/no flag. True: 1, ○, 〇, ◯, はい, 有, あり, Y, yes,
// true, ✓. False: blank, 0, ×, いいえ, 無, なし, N, no, false, -. Letters
// are case-insensitive. Any other value wraps [ErrInvalidBool].
func Bool(s string) (bool, error) {
	f := Fold(s)
	if f == "" {
		return false, nil
	}
	if v, ok := bools[strings.ToLower(f)]; ok {
		return v, nil
	}
	return false, fmt.Errorf("%w %q", ErrInvalidBool, s)
}

// isListSep reports whether r separates the items of a list cell.
func isListSep(r rune) bool {
	switch r {
	case '、', '､', ',', '，', '・', '･', '/', '／', ';', '；', '\n', '\r':
		return true
	}
	return false
}

// SplitList splits a list cell such as "係長、課長補佐・課長" on 、 , ，
// ・ / ／ ; and line breaks, folds each item and drops empty items. It
// returns nil for a blank cell.
func SplitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, isListSep) {
		if p := Fold(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
