package dashboards

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Kind is the type of a chart.
type Kind string

// The chart kinds. Every kind reads a long (tidy) query result: one row per
// drawn value, with the categories in the columns named by the chart.
const (
	// Bar: X categories along the horizontal axis, Value bar heights, one
	// bar per Series value side by side (optional).
	Bar Kind = "bar"
	// StackedBar: as Bar, with the Series stacked.
	StackedBar Kind = "stacked_bar"
	// HBar: X categories down the vertical axis (first row at the top), bars
	// to the right; Series side by side, or stacked when Stack is set.
	HBar Kind = "hbar"
	// Pyramid: Y age bands up the vertical axis (first row at the bottom),
	// the first Series value drawn to the left, the others to the right.
	Pyramid Kind = "pyramid"
	// Line: X along the horizontal axis, one line per Series value.
	Line Kind = "line"
	// Heatmap: X columns × Y rows coloured by Value; Suppressed cells are
	// left undrawn and labelled 秘匿.
	Heatmap Kind = "heatmap"
	// Scatter: X and Y numeric, Label names each point, Series colours them.
	Scatter Kind = "scatter"
	// KPI: one card per row: X is the name, Value the figure, with optional
	// Target, Change, Status and UnitColumn columns. Not drawn by ECharts.
	KPI Kind = "kpi"
)

var kinds = map[Kind]bool{Bar: true, StackedBar: true, HBar: true, Pyramid: true, Line: true, Heatmap: true, Scatter: true, KPI: true}

// Chart declares one chart: a query against the marts and which of its
// columns to draw how. A new chart is a value of this type, not Go code.
type Chart struct {
	// ID names the chart within its page (letters, digits, - and _); it is
	// part of the element id and of the CSV file name.
	ID string
	// Title (Japanese) and Unit (人, %, 歳, 時間, 点 …) are drawn on the chart.
	Title string
	Unit  string
	// Note is a sentence under the chart: what it shows, how to read it.
	Note string
	Kind Kind
	// Query is SQL over marts (mart_*) and configuration (cfg_*) only. On a
	// per-department page $dept_code and $dept_name are the department's.
	// The row order is the drawing order of categories and series.
	Query string
	// Columns of the result: X and Y categories (or numbers for Scatter),
	// Series splits a chart into coloured groups, Value is the number drawn.
	X, Y, Series, Value string
	// Suppressed names a boolean column: true rows are privacy-suppressed
	// (too few respondents). Their numbers are shown as 秘匿 in the table and
	// are never drawn, not even as zero.
	Suppressed string
	// Select names a column with one pre-rendered chart per value (for
	// example fiscal_year), switched by a drop-down; the last value, in row
	// order, is shown first.
	Select string
	// Label names the column that labels each point (Scatter).
	Label string
	// Reference is a second query, for a Scatter: reference lines drawn
	// behind the points (iso-risk lines, targets). It returns the columns
	// line (the line's name, written at its end), x and y, one row per
	// point, in drawing order. The lines are not data: they take no part
	// in the table, the CSV, the legend or the tooltips.
	Reference string
	// Stack stacks the Series of an HBar.
	Stack bool
	// KPI cards: the target, the change since the previous year, a status
	// text and a per-row unit.
	Target, Change, Status, UnitColumn string
	// Columns of the data table and CSV below the chart, with Japanese
	// headers. Empty: every result column, headed by ColumnLabel.
	Columns []Column
	// Height in CSS pixels; 0 sizes the chart from its number of rows.
	Height int
}

// Column is one column of a data table or CSV.
type Column struct {
	Name  string // result column
	Label string // Japanese header; empty = ColumnLabel(Name)
	// Digits is the number of decimals shown; 0 shows up to two.
	Digits int
}

// Table is a data table without a chart (KPI against targets, sources).
type Table struct {
	ID, Title, Note string
	Query           string
	Columns         []Column
	Suppressed      string
}

// Page is one HTML page: an introduction, charts and tables.
type Page struct {
	// Slug is the file name without .html; "index" is the overview, the
	// page opened by double-click, and lists the department pages.
	Slug, Title, Intro string
	Charts             []Chart
	Tables             []Table
	// PerDepartment makes the page a template: Departments returns one row
	// per department (code, name) and the page is written once per row as
	// <slug>-<code>.html, its queries taking the parameters $dept_code and
	// $dept_name.
	PerDepartment bool
	Departments   string
}

// ErrForbiddenQuery is wrapped by the validation error of a query that reads
// anything other than marts and configuration tables.
var ErrForbiddenQuery = errors.New("dashboard queries may read mart_* and cfg_* tables only")

// personalTables are canonical, staging and intermediate tables that hold
// one row per person (or per answer). Dashboards never read them.
var personalTables = map[string]bool{
	"roster": true, "assignment": true, "training_record": true, "training_course": true,
	"survey": true, "survey_item": true, "survey_respondent": true, "survey_response": true,
	"ingest_batch": true, "ingest_reject": true, "schema_migration": true,
}

// fileFunctions read files directly and would bypass the marts.
var fileFunctions = map[string]bool{
	"read_csv": true, "read_csv_auto": true, "read_parquet": true, "parquet_scan": true,
	"read_json": true, "read_json_auto": true, "read_ndjson": true, "read_text": true,
	"read_blob": true, "read_xlsx": true, "sniff_csv": true, "glob": true, "sqlite_scan": true,
	"attach": true, "copy": true, "install": true, "load": true,
}

var (
	reIdent   = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_$]*|\$[0-9]+|\?|[(),]`)
	reID      = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	reParam   = regexp.MustCompile(`\$([A-Za-z0-9_]+)`)
	reFromCTE = regexp.MustCompile(`(?i)(?:\bwith\s+(?:recursive\s+)?|,\s*)([A-Za-z_][A-Za-z0-9_]*)\s+as\s*(?:not\s+)?(?:materialized\s*)?\(`)
)

// CheckQuery returns an error wrapping ErrForbiddenQuery when q reads a
// table that is not a mart (mart_*) or configuration (cfg_*): hr_ marts,
// staging (stg_) and intermediate (int_) models, the canonical tables with
// personal data (roster, survey_respondent, …), or files. Names inside
// string literals and comments are ignored.
func CheckQuery(q string) error {
	code := stripSQL(q)
	tokens := reIdent.FindAllString(code, -1)
	ctes := map[string]bool{}
	for _, m := range reFromCTE.FindAllStringSubmatch(code, -1) {
		ctes[strings.ToLower(m[1])] = true
	}
	sawMart := false
	// funcParen records, per open parenthesis, whether it opened a function
	// call: EXTRACT(year FROM d) and substring(s FROM 2) are not relations.
	var funcParen []bool
	for i, tok := range tokens {
		t := strings.ToLower(tok)
		switch {
		case t == "(":
			isFunc := i > 0 && isWord(tokens[i-1]) && !sqlKeywords[strings.ToLower(tokens[i-1])]
			funcParen = append(funcParen, isFunc)
			continue
		case t == ")":
			if n := len(funcParen); n > 0 {
				funcParen = funcParen[:n-1]
			}
			continue
		case strings.HasPrefix(t, "hr_"), strings.HasPrefix(t, "stg_"), strings.HasPrefix(t, "int_"), personalTables[t]:
			return fmt.Errorf("%q: %w (personal data)", tok, ErrForbiddenQuery)
		case fileFunctions[t]:
			return fmt.Errorf("%q: %w (file access)", tok, ErrForbiddenQuery)
		case strings.HasPrefix(t, "mart_"):
			sawMart = true
		}
		if t != "from" && t != "join" {
			continue
		}
		if n := len(funcParen); n > 0 && funcParen[n-1] {
			continue
		}
		// The relation after FROM or JOIN must be a mart, a cfg table, a CTE
		// or a subquery.
		for j := i + 1; j < len(tokens); j++ {
			next := strings.ToLower(tokens[j])
			if next == "lateral" {
				continue
			}
			if next != "(" && !strings.HasPrefix(next, "mart_") && !strings.HasPrefix(next, "cfg_") && !ctes[next] {
				return fmt.Errorf("%s %q: %w", strings.ToUpper(t), tokens[j], ErrForbiddenQuery)
			}
			break
		}
	}
	if !sawMart {
		return fmt.Errorf("the query reads no mart_ table: %w", ErrForbiddenQuery)
	}
	return nil
}

// sqlKeywords may precede a parenthesis that is not a function call.
var sqlKeywords = map[string]bool{
	"in": true, "exists": true, "as": true, "from": true, "join": true, "any": true, "all": true,
	"some": true, "lateral": true, "not": true, "on": true, "where": true, "and": true, "or": true,
	"select": true, "union": true, "intersect": true, "except": true, "with": true, "using": true,
	"values": true, "then": true, "else": true, "when": true, "materialized": true, "recursive": true,
}

func isWord(tok string) bool {
	c := tok[0]
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}

// stripSQL replaces string literals by a placeholder token and blanks
// comments, keeping double-quoted identifiers' contents (they name tables
// too).
func stripSQL(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			for i++; i < len(q); i++ {
				if q[i] == '\'' {
					if i+1 < len(q) && q[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
			b.WriteString(" __str__ ") // a token: FROM 'file.csv' is not a mart
		case c == '"':
			b.WriteByte(' ')
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			for i < len(q) && q[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				i = len(q)
			} else {
				i += end + 3
			}
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Parameters of per-department queries.
const (
	ParamDeptCode = "dept_code"
	ParamDeptName = "dept_name"
)

// queryParams lists the named parameters ($dept_code, $dept_name) a query
// uses; other parameters are an error.
func queryParams(q string) ([]string, error) {
	code := stripSQL(q)
	if strings.Contains(code, "?") {
		return nil, errors.New("use $dept_code and $dept_name, not ?")
	}
	var names []string
	seen := map[string]bool{}
	for _, m := range reParam.FindAllStringSubmatch(code, -1) {
		name := m[1]
		if name != ParamDeptCode && name != ParamDeptName {
			return nil, fmt.Errorf("unknown parameter $%s: use $%s or $%s", name, ParamDeptCode, ParamDeptName)
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names, nil
}

// Validate checks a page definition without touching the database: ids,
// kinds, the columns each kind needs, and every query (CheckQuery).
func (p Page) Validate() error {
	if !reID.MatchString(p.Slug) {
		return fmt.Errorf("page %q: slug must be letters, digits, - or _", p.Slug)
	}
	if p.Title == "" {
		return fmt.Errorf("page %s: no title", p.Slug)
	}
	if p.PerDepartment {
		if p.Slug == "index" {
			return fmt.Errorf("page index cannot be per department")
		}
		if err := CheckQuery(p.Departments); err != nil {
			return fmt.Errorf("page %s departments query: %w", p.Slug, err)
		}
	}
	checkParams := func(what, q string) error {
		if err := CheckQuery(q); err != nil {
			return fmt.Errorf("page %s %s: %w", p.Slug, what, err)
		}
		names, err := queryParams(q)
		if err != nil {
			return fmt.Errorf("page %s %s: %w", p.Slug, what, err)
		}
		if len(names) > 0 && !p.PerDepartment {
			return fmt.Errorf("page %s %s: uses $%s but only a per-department page has parameters", p.Slug, what, names[0])
		}
		return nil
	}
	ids := map[string]bool{}
	for _, c := range p.Charts {
		if err := c.validate(); err != nil {
			return fmt.Errorf("page %s: %w", p.Slug, err)
		}
		if ids[c.ID] {
			return fmt.Errorf("page %s: id %s used twice", p.Slug, c.ID)
		}
		ids[c.ID] = true
		if err := checkParams("chart "+c.ID, c.Query); err != nil {
			return err
		}
		if c.Reference != "" {
			if err := checkParams("chart "+c.ID+" reference", c.Reference); err != nil {
				return err
			}
		}
	}
	for _, t := range p.Tables {
		if !reID.MatchString(t.ID) || t.Title == "" {
			return fmt.Errorf("page %s: table %q needs an id (letters, digits, - or _) and a title", p.Slug, t.ID)
		}
		if ids[t.ID] {
			return fmt.Errorf("page %s: id %s used twice", p.Slug, t.ID)
		}
		ids[t.ID] = true
		if err := checkParams("table "+t.ID, t.Query); err != nil {
			return err
		}
	}
	return nil
}

func (c Chart) validate() error {
	if !reID.MatchString(c.ID) {
		return fmt.Errorf("chart %q: id must be letters, digits, - or _", c.ID)
	}
	if c.Title == "" {
		return fmt.Errorf("chart %s: no title", c.ID)
	}
	if c.Unit == "" {
		return fmt.Errorf("chart %s: no unit (人, %%, 歳 …)", c.ID)
	}
	if !kinds[c.Kind] {
		return fmt.Errorf("chart %s: unknown kind %q", c.ID, c.Kind)
	}
	need := map[string]string{"Value": c.Value}
	switch c.Kind {
	case Bar, StackedBar, HBar, Line, KPI:
		need["X"] = c.X
	case Pyramid:
		need["Y"], need["Series"] = c.Y, c.Series
	case Heatmap, Scatter:
		need["X"], need["Y"] = c.X, c.Y
		if c.Kind == Scatter {
			delete(need, "Value")
		}
	}
	for field, col := range need {
		if col == "" {
			return fmt.Errorf("chart %s: kind %s needs the %s column", c.ID, c.Kind, field)
		}
	}
	if c.Height < 0 {
		return fmt.Errorf("chart %s: negative height", c.ID)
	}
	if c.Reference != "" && c.Kind != Scatter {
		return fmt.Errorf("chart %s: reference lines are drawn on a scatter only", c.ID)
	}
	return nil
}
