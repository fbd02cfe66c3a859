package parse

import "errors"

// Sentinel errors. Every error returned by this package is, or wraps, one
// of them.
var (
	// ErrEmpty reports a blank cell (after folding and trimming).
	ErrEmpty = errors.New("空欄です empty value")
	// ErrInvalidDate reports a value that is not a date or names a day
	// that does not exist (2023-02-30, 平成32年1月1日).
	ErrInvalidDate = errors.New("日付を解釈できません invalid date")
	// ErrPartialDate reports a date without its month or day
	// (2023年4月, 昭和63年).
	ErrPartialDate = errors.New("年月日が揃っていません partial date")
	// ErrInvalidNumber reports a value that is not a number.
	ErrInvalidNumber = errors.New("数値を解釈できません invalid number")
	// ErrInvalidGender reports a gender value that is not one of the
	// known forms.
	ErrInvalidGender = errors.New("性別を解釈できません invalid gender")
	// ErrInvalidBool reports a flag value that is neither a yes nor a no
	// form.
	ErrInvalidBool = errors.New("有無を解釈できません invalid yes/no value")
)
