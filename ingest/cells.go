package ingest

import (
	"errors"
	"fmt"
	"time"

	"github.com/jinzai-hr/jinzai/ingest/parse"
)

// cells reads typed values from one data row. The first problem becomes
// the row's reject; later reads still return zero values so that a loader
// can be written straight through.
type cells struct {
	cols   *columns
	row    []string
	rowNum int
	xlsx   bool
	reject *Reject
}

func (c *cells) reset(row []string, rowNum int) {
	c.row, c.rowNum, c.reject = row, rowNum, nil
}

func (c *cells) ok() bool { return c.reject == nil }

// raw is the cell's text, trimmed; "" when the column is absent.
func (c *cells) raw(name string) string {
	i, ok := c.cols.index[name]
	if !ok || i >= len(c.row) {
		return ""
	}
	return c.row[i]
}

// fail records the row's reject against a field; only the first counts.
func (c *cells) fail(name, value, reason string) {
	if i, ok := c.cols.index[name]; ok {
		c.failAt(i, value, reason)
		return
	}
	if c.reject == nil {
		c.reject = &Reject{Row: c.rowNum, Column: name, Value: value, Reason: reason}
	}
}

// failAt records the row's reject against a column of the file.
func (c *cells) failAt(col int, value, reason string) {
	if c.reject == nil {
		c.reject = &Reject{Row: c.rowNum, Column: c.cols.header[col], Value: value, Reason: reason}
	}
}

// text is the folded cell (width-normalised, trimmed); required fails on blank.
func (c *cells) text(name string, required bool) string {
	v := parse.Fold(c.raw(name))
	if v == "" && required {
		c.fail(name, "", "必須項目が空です (required value is blank)")
	}
	return v
}

// nullText is text or nil when blank, for nullable columns.
func (c *cells) nullText(name string) any {
	if v := c.text(name, false); v != "" {
		return v
	}
	return nil
}

// date parses a date cell; nil when blank and not required.
func (c *cells) date(name string, required bool) (time.Time, bool) {
	v := c.raw(name)
	var (
		d   time.Time
		err error
	)
	if c.xlsx {
		d, err = parse.DateOrSerial(v)
	} else {
		d, err = parse.Date(v)
	}
	switch {
	case err == nil:
		return d, true
	case errors.Is(err, parse.ErrEmpty):
		if required {
			c.fail(name, v, "必須の日付が空です (required date is blank)")
		}
	default:
		c.fail(name, v, fmt.Sprintf("日付として解釈できません (%v)", err))
	}
	return time.Time{}, false
}

func (c *cells) integer(name string) (int, bool) {
	v := c.raw(name)
	n, err := parse.Int(v)
	switch {
	case err == nil:
		return n, true
	case errors.Is(err, parse.ErrEmpty):
	default:
		c.fail(name, v, "整数として解釈できません (not an integer)")
	}
	return 0, false
}

func (c *cells) number(name string) (float64, bool) {
	v := c.raw(name)
	n, err := parse.Float(v)
	switch {
	case err == nil:
		return n, true
	case errors.Is(err, parse.ErrEmpty):
	default:
		c.fail(name, v, "数値として解釈できません (not a number)")
	}
	return 0, false
}

func (c *cells) flag(name string) bool {
	v := c.raw(name)
	b, err := parse.Bool(v)
	if err != nil {
		c.fail(name, v, "はい/いいえ (1/0) として解釈できません (not a yes/no value)")
	}
	return b
}

func (c *cells) gender(name string) any {
	v := c.raw(name)
	g, err := parse.Gender(v)
	switch {
	case err == nil:
		return g
	case errors.Is(err, parse.ErrEmpty):
		return nil
	default:
		c.fail(name, v, "性別として解釈できません (unknown gender)")
		return nil
	}
}

// dateValue turns an optional parsed date into a driver value.
func dateValue(d time.Time, ok bool) any {
	if !ok {
		return nil
	}
	return d
}

func floatValue(f float64, ok bool) any {
	if !ok {
		return nil
	}
	return f
}
