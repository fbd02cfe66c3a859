// Package parse turns single spreadsheet cell values (codes, headers, dates,
// numbers, flags and lists as Japanese HR exports write them) into Go values.
//
// Every function folds its input first (see [Fold]), so full-width digits,
// letters and spaces are accepted wherever their half-width forms are.
// Failures wrap one of the sentinel errors ([ErrEmpty], [ErrInvalidDate],
// [ErrPartialDate], [ErrInvalidNumber], [ErrInvalidGender], [ErrInvalidBool])
// so that callers can classify rejects with errors.Is; the messages are
// bilingual (Japanese, then English) because HR staff read them.
package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Fold normalises a code or header text: full-width ASCII letters, digits
// and symbols become half-width, half-width katakana become full-width (with
// their voiced-sound marks composed: ｶﾞ → ガ), surrounding white space
// (including the ideographic space U+3000) is trimmed and inner runs of
// white space collapse to one ASCII space.
//
// Input that has nothing to fold, trim or collapse (plain ASCII, or text
// such as kanji and full-width kana) is returned as is, without allocating.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	f := width.Fold.String(s)
	if strings.ContainsAny(f, "\u3099\u309a") {
		// width.Fold turns ﾞ and ﾟ into combining marks; compose them
		// with the preceding kana so that ｶﾞ equals ガ.
		f = norm.NFC.String(f)
	}
	return collapseSpace(f)
}

// isFolded reports whether Fold(s) == s is certain without doing any work:
// s has no leading, trailing or repeated white space, no white space other
// than ' ', and no rune that width.Fold would change (U+3000 and the
// full-width and half-width forms block U+FF01..U+FFEE) or that NFC would
// compose (the combining kana voiced-sound marks).
func isFolded(s string) bool {
	prevSpace := true // a leading space is not allowed
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || r == '\u3000' || r == '\u3099' || r == '\u309a' ||
				('\uff01' <= r && r <= '\uffee') || unicode.IsSpace(r) {
				return false
			}
			prevSpace = false
			i += n
			continue
		}
		switch c {
		case ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case '\t', '\n', '\v', '\f', '\r':
			return false
		default:
			prevSpace = false
		}
		i++
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}

// collapseSpace trims s and replaces each inner run of Unicode white space
// with one ASCII space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a space is owed before the next non-space rune
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// HeaderKey reduces a column header to the key it is matched by: Fold, then
// ASCII lower case, then without spaces, underscores, hyphens, middle dots
// and the brackets ()（）「」. "職員 番号", "EmployeeNumber" and
// "employee_number" thus compare equal to "職員番号", "employeenumber".
func HeaderKey(s string) string {
	s = Fold(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '_', '-', '・', '･', '·', '(', ')', '（', '）', '「', '」':
			continue
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
