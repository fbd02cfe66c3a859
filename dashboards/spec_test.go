package dashboards

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
)

func TestCheckQuery(t *testing.T) {
	tests := []struct {
		name  string
		query string
		ok    bool
	}{
		{"a mart", `SELECT fiscal_year, headcount FROM mart_age_summary WHERE dimension = '全体'`, true},
		{"a mart joined to cfg", `SELECT r.grade FROM mart_retirement_projection AS r LEFT JOIN cfg_grade AS g USING (grade)`, true},
		{"a CTE over a mart", "WITH latest AS (SELECT max(snapshot_date) AS d FROM mart_age_summary)\nSELECT * FROM latest", true},
		{"a subquery", `SELECT * FROM (SELECT * FROM mart_kpi) AS k`, true},
		{"EXTRACT FROM a column", `SELECT EXTRACT(year FROM snapshot_date) FROM mart_age_summary`, true},
		{"names in strings and comments", "-- not the roster\nSELECT * FROM mart_data_sources WHERE kind = 'roster' /* hr_x */", true},
		{"PIVOT of a mart", `PIVOT (SELECT kpi_name, fiscal_year, value FROM mart_kpi) ON fiscal_year USING first(value)`, true},
		{"an hr_ mart", `SELECT * FROM hr_succession_post`, false},
		{"hr_ joined to a mart", `SELECT * FROM mart_kpi JOIN hr_training_requirement USING (fiscal_year)`, false},
		{"the roster", `SELECT count(*) FROM roster`, false},
		{"the roster quoted", `SELECT count(*) FROM "roster" JOIN mart_kpi ON true`, false},
		{"survey respondents in a subquery", `SELECT * FROM mart_kpi WHERE EXISTS (SELECT 1 FROM survey_respondent)`, false},
		{"a staging model", `SELECT * FROM stg_roster`, false},
		{"an intermediate model", `SELECT * FROM int_successor_post JOIN mart_kpi ON true`, false},
		{"a file", `SELECT * FROM mart_kpi, read_csv('roster.csv')`, false},
		{"a file by name", `SELECT * FROM 'roster.csv' JOIN mart_kpi ON true`, false},
		{"no mart at all", `SELECT 1`, false},
		{"an unknown table", `SELECT * FROM mart_kpi JOIN employees USING (id)`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckQuery(tt.query)
			if tt.ok && err != nil {
				t.Errorf("CheckQuery: %v, want ok", err)
			}
			if !tt.ok && !errors.Is(err, ErrForbiddenQuery) {
				t.Errorf("CheckQuery: %v, want ErrForbiddenQuery", err)
			}
		})
	}
}

func TestDefaultPagesAreValid(t *testing.T) {
	if err := validatePages(DefaultPages()); err != nil {
		t.Fatal(err)
	}
	for _, p := range DefaultPages() {
		for _, c := range p.Charts {
			if c.Title == "" || c.Unit == "" {
				t.Errorf("%s/%s: every chart needs a Japanese title and a unit", p.Slug, c.ID)
			}
		}
	}
}

func TestPageValidateRejectsMistakes(t *testing.T) {
	good := Chart{ID: "c", Title: "職員数", Unit: "人", Kind: Bar, Query: `SELECT a, b FROM mart_x`, X: "a", Value: "b"}
	tests := []struct {
		name string
		page Page
		want string
	}{
		{"no unit", Page{Slug: "p", Title: "P", Charts: []Chart{func() Chart { c := good; c.Unit = ""; return c }()}}, "no unit"},
		{"unknown kind", Page{Slug: "p", Title: "P", Charts: []Chart{func() Chart { c := good; c.Kind = "pie"; return c }()}}, "unknown kind"},
		{"missing column", Page{Slug: "p", Title: "P", Charts: []Chart{func() Chart { c := good; c.X = ""; return c }()}}, "needs the X column"},
		{"duplicate id", Page{Slug: "p", Title: "P", Charts: []Chart{good, good}}, "used twice"},
		{"bad slug", Page{Slug: "../p", Title: "P"}, "slug"},
		{"forbidden query", Page{Slug: "p", Title: "P", Charts: []Chart{func() Chart { c := good; c.Query = `SELECT * FROM roster`; return c }()}}, "mart_* and cfg_*"},
		{"parameter outside a department page", Page{Slug: "p", Title: "P", Charts: []Chart{func() Chart {
			c := good
			c.Query = `SELECT a, b FROM mart_x WHERE dept_code = $dept_code`
			return c
		}()}}, "only a per-department page"},
		{"positional parameter", Page{Slug: "p", Title: "P", PerDepartment: true, Departments: `SELECT a, b FROM mart_x`, Charts: []Chart{func() Chart {
			c := good
			c.Query = `SELECT a, b FROM mart_x WHERE dept_code = ?`
			return c
		}()}}, "not ?"},
		{"unknown parameter", Page{Slug: "p", Title: "P", PerDepartment: true, Departments: `SELECT a, b FROM mart_x`, Charts: []Chart{func() Chart {
			c := good
			c.Query = `SELECT a, b FROM mart_x WHERE dept_code = $1`
			return c
		}()}}, "unknown parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.page.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestOrderCategoriesMergesTheOrderOfEveryGroup(t *testing.T) {
	// Rows ordered by department then band; 総務部 has no staff under 25,
	// so band –24 first appears after 25–29 — it must still come first.
	rows := [][]value{}
	add := func(dept, band string) {
		rows = append(rows, []value{{text: dept}, {text: band}})
	}
	add("総務部", "25–29")
	add("総務部", "30–34")
	add("財務部", "–24")
	add("財務部", "25–29")
	add("財務部", "30–34")
	add("土木部", "30–34")
	if got, want := orderCategories(rows, 1, []int{0}), []string{"–24", "25–29", "30–34"}; !reflect.DeepEqual(got, want) {
		t.Errorf("bands %q, want %q", got, want)
	}
	if got, want := orderCategories(rows, 0, []int{1}), []string{"総務部", "財務部", "土木部"}; !reflect.DeepEqual(got, want) {
		t.Errorf("departments %q, want %q", got, want)
	}
}

func TestValueDisplay(t *testing.T) {
	tests := []struct {
		v      value
		col    string
		digits int
		want   string
	}{
		{intValue(5514), "headcount", 0, "5,514"},
		{intValue(-1234567), "headcount_change", 0, "-1,234,567"},
		{intValue(2024), "fiscal_year", 0, "2024"},
		{intValue(10), "dept_code", 0, "10"},
		{floatValue(41.666666), "average_age", 0, "41.67"},
		{floatValue(41.666666), "average_age", 1, "41.7"},
		{floatValue(30), "share_51_plus", 1, "30.0"},
		{floatValue(1234.5), "score", 0, "1,234.5"},
		{floatValue(-0.04), "change", 1, "0.0"},
		{value{null: true}, "score", 0, "—"},
		{value{text: "true"}, "is_small", 0, "はい"},
	}
	for _, tt := range tests {
		if got := tt.v.display(tt.col, tt.digits); got != tt.want {
			t.Errorf("display(%v, %s, %d) = %q, want %q", tt.v, tt.col, tt.digits, got, tt.want)
		}
	}
}

func TestCSVTextDefusesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-1+2": "'-1+2", "@cmd": "'@cmd", "\tx": "'\tx", "\rx": "'\rx",
		"総務部": "総務部", "": "", "a=b": "a=b",
	} {
		if got := csvText(in); got != want {
			t.Errorf("csvText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFileSlugKeepsSafeCodesOnly(t *testing.T) {
	for code, want := range map[string]string{"D01": "D01", "010": "010", "a_b-c": "a_b-c"} {
		if got := fileSlug(code); got != want {
			t.Errorf("fileSlug(%q) = %q, want %q", code, got, want)
		}
	}
	for _, code := range []string{"../etc", "総務部", "a/b", "", "CON.html"} {
		got := fileSlug(code)
		if !reID.MatchString(got) || got == code {
			t.Errorf("fileSlug(%q) = %q, want a hashed safe name", code, got)
		}
	}
}

func TestGoEchartsResolvesTheRuntimeNextToThePages(t *testing.T) {
	b := &optionBuilder{c: Chart{ID: "x", Title: "t", Unit: "人"}, si: -1}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.common("", "axis", defaultGrid)...)
	bar.Validate()
	if got := bar.GetAssets().JSAssets.Values; !reflect.DeepEqual(got, []string{"assets/echarts.min.js"}) {
		t.Errorf("go-echarts assets %q, want the relative assets/echarts.min.js", got)
	}
}
