package dashboards

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"html/template"
	"strings"
)

// static holds assets/jinzai.css and assets/jinzai.js, copied into every
// site beside the ECharts runtime.
//
//go:embed assets/jinzai.css assets/jinzai.js
var static embed.FS

// navItem is a link of the navigation bar or of the department list.
type navItem struct {
	Href, Title string
	Current     bool
}

// pageView is what page.html.tmpl shows.
type pageView struct {
	Title, Organisation, Intro, Built string
	Nav                               []navItem
	Departments                       []navItem
	Sections                          []sectionView
	ChartsJSON                        template.JS
	HasCharts                         bool
}

// sectionView is one chart, KPI card set or table.
type sectionView struct {
	ID, DOMID, Title, Unit, Note string
	Chart                        bool // drawn by ECharts
	Height                       int
	Selects                      []selectOption
	SelectLabel                  string
	Cards                        []kpiCard
	Table                        tableView
	CSV                          string // relative href of the CSV
	Empty                        bool
}

type selectOption struct {
	Label    string
	Selected bool
}

type kpiCard struct {
	Name, Value, Unit, Target, Change, Status string
	Trend                                     string // up, down, flat or "": direction only, not good or bad
	Secret                                    bool
}

type tableView struct {
	Head []string
	Rows [][]cellView
}

type cellView struct {
	Text   string
	Num    bool
	Secret bool
}

// secret is what a suppressed cell says, in tables, cards and CSV.
const secret = "秘匿"

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}{{if .Organisation}} | {{.Organisation}}{{end}}</title>
<link rel="stylesheet" href="assets/jinzai.css">
</head>
<body>
<nav class="site-nav" aria-label="ページ一覧">
<span class="org">{{if .Organisation}}{{.Organisation}}{{else}}人材育成ダッシュボード{{end}}</span>
<ul>{{range .Nav}}<li><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a></li>{{end}}</ul>
</nav>
<header class="page-header">
<h1>{{.Title}}</h1>
<p class="meta">{{if .Organisation}}{{.Organisation}}　{{end}}作成日時 {{.Built}}</p>
{{if .Intro}}<p class="intro">{{.Intro}}</p>{{end}}
</header>
<main>
{{range .Sections}}<section class="block" id="{{.ID}}" aria-labelledby="{{.DOMID}}-h">
{{if .Chart}}<h2 class="sr-only" id="{{.DOMID}}-h">{{.Title}}（単位：{{.Unit}}）</h2>
{{else}}<h2 id="{{.DOMID}}-h">{{.Title}}{{if .Unit}} <span class="unit">（単位：{{.Unit}}）</span>{{end}}</h2>
{{end}}{{if .Selects}}<p class="select"><label>{{.SelectLabel}} <select data-chart="{{.DOMID}}">{{range $i, $o := .Selects}}<option value="{{$i}}"{{if $o.Selected}} selected{{end}}>{{$o.Label}}</option>{{end}}</select></label></p>
{{end}}{{if .Empty}}<p class="empty">データがありません（No data）</p>
{{else if .Chart}}<div class="echart" id="{{.DOMID}}" role="img" aria-label="{{.Title}}（単位：{{.Unit}}）。数値は下のデータ表にあります。" style="height:{{.Height}}px"></div>
{{else if .Cards}}<ul class="kpi-cards">{{range .Cards}}<li class="kpi{{if .Trend}} {{.Trend}}{{end}}"><span class="kpi-name">{{.Name}}</span>
<span class="kpi-value">{{if .Secret}}秘匿{{else}}{{.Value}}<small>{{.Unit}}</small>{{end}}</span>
{{if .Change}}<span class="kpi-change">前年差 {{.Change}}</span>{{end}}{{if .Target}}<span class="kpi-target">目標 {{.Target}}</span>{{end}}{{if .Status}}<span class="kpi-status">{{.Status}}</span>{{end}}</li>{{end}}</ul>
{{end}}{{if .Note}}<p class="note">{{.Note}}</p>
{{end}}{{if not .Empty}}{{if or .Chart .Cards}}<details class="data">
<summary>データ表（{{.Title}}）</summary>
{{template "table" .}}</details>
{{else}}{{template "table" .}}{{end}}{{end}}</section>
{{end}}{{if .Departments}}<section class="block" id="departments" aria-labelledby="departments-h">
<h2 id="departments-h">部署別ページ</h2>
<ul class="dept-list">{{range .Departments}}<li><a href="{{.Href}}">{{.Title}}</a></li>{{end}}</ul>
</section>
{{end}}</main>
<footer class="page-footer"><p>このページはネットワークなしで表示できます。各グラフの数値は「データ表」を開くか CSV で確認できます。{{if .HasCharts}}グラフが表示されない場合は assets フォルダがこのファイルと同じ場所にあるか確認してください。{{end}}</p></footer>
{{if .HasCharts}}<script src="assets/echarts.min.js"></script>
<script type="application/json" id="jinzai-charts">{{.ChartsJSON}}</script>
<script src="assets/jinzai.js"></script>
{{end}}</body>
</html>
{{define "table"}}<div class="table-wrap"><table>
<caption>{{.Title}}{{if .Unit}}（単位：{{.Unit}}）{{end}}</caption>
<thead><tr>{{range .Table.Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Table.Rows}}<tr>{{range .}}<td{{if .Secret}} class="secret"{{else if .Num}} class="num"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>
{{if .CSV}}<p class="csv"><a href="{{.CSV}}" download>CSV をダウンロード（{{.Title}}）</a></p>{{end}}
{{end}}`))

// renderPage writes one page. The chart data is embedded as JSON (no
// fetch: pages open from file://), escaped so that no data can end the
// <script> element.
func renderPage(v pageView, data []chartData) ([]byte, error) {
	if len(data) > 0 {
		raw, err := json.Marshal(data) // escapes <, >, &
		if err != nil {
			return nil, err
		}
		v.ChartsJSON = template.JS(raw)
		v.HasCharts = true
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// tableSpec says how to turn a result into a table: which columns, which
// of them name categories (never masked), and which flag suppresses a row.
type tableSpec struct {
	columns    []Column
	keys       map[string]bool
	suppressed string
}

func (ts tableSpec) resolve(res *result) ([]Column, error) {
	if len(ts.columns) > 0 {
		for _, c := range ts.columns {
			if _, err := res.col(c.Name); err != nil {
				return nil, err
			}
		}
		return ts.columns, nil
	}
	var cols []Column
	for _, name := range res.cols {
		if name != ts.suppressed {
			cols = append(cols, Column{Name: name})
		}
	}
	return cols, nil
}

// masked tells whether a cell of a suppressed row is hidden: every number
// or NULL outside the category columns.
func (ts tableSpec) masked(col string, v value) bool {
	return !ts.keys[col] && !isKeyColumn(col) && (v.isNum || v.null)
}

// buildTable makes the HTML table and the CSV of a result.
func buildTable(ts tableSpec, res *result) (tableView, []byte, error) {
	cols, err := ts.resolve(res)
	if err != nil {
		return tableView{}, nil, err
	}
	supi := -1
	if ts.suppressed != "" {
		if supi, err = res.col(ts.suppressed); err != nil {
			return tableView{}, nil, err
		}
	}
	idx := make([]int, len(cols))
	var tv tableView
	head := make([]string, len(cols))
	for i, c := range cols {
		idx[i] = res.index[c.Name]
		head[i] = c.Label
		if head[i] == "" {
			head[i] = ColumnLabel(c.Name)
		}
	}
	tv.Head = head

	var buf bytes.Buffer
	buf.WriteString("\ufeff") // UTF-8 BOM: Excel on Windows reads the file as UTF-8
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	rec := make([]string, len(cols))
	for i, h := range head {
		rec[i] = csvText(h)
	}
	if err := w.Write(rec); err != nil {
		return tv, nil, err
	}
	for _, r := range res.rows {
		sup := supi >= 0 && r[supi].truthy()
		cells := make([]cellView, len(cols))
		for i, c := range cols {
			v := r[idx[i]]
			switch {
			case sup && ts.masked(c.Name, v):
				cells[i] = cellView{Text: secret, Secret: true}
				rec[i] = secret
			case v.null:
				cells[i] = cellView{Text: "—"}
				rec[i] = ""
			case v.isNum:
				cells[i] = cellView{Text: v.display(c.Name, c.Digits), Num: true}
				rec[i] = v.text // digits only: safe as a CSV cell and a number to Excel
			default:
				cells[i] = cellView{Text: v.display(c.Name, c.Digits)}
				rec[i] = csvText(v.text)
			}
		}
		tv.Rows = append(tv.Rows, cells)
		if err := w.Write(rec); err != nil {
			return tv, nil, err
		}
	}
	w.Flush()
	return tv, buf.Bytes(), w.Error()
}

// csvText defuses formula injection: a text cell that a spreadsheet would
// read as a formula (= + - @, tab, CR) is prefixed with an apostrophe.
// Numbers are written by strconv and never pass through here.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
