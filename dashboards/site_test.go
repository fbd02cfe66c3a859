package dashboards

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// buildDemo builds the fixture site into a fresh folder.
func buildDemo(t *testing.T) Site {
	t.Helper()
	site, err := Build(context.Background(), demoDB(t), Options{
		OutDir: filepath.Join(t.TempDir(), "site"), Organisation: "テスト市", EChartsJS: fakeRuntime(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var reLink = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestBuildWritesASiteThatOpensOffline(t *testing.T) {
	site := buildDemo(t)
	wantPages := []string{"index", "age", "retirement", "engagement", "stress", "training", "dept-D01", "dept-D02", "dept-D03", "dept-D04"}
	var got []string
	for _, p := range site.Pages {
		got = append(got, p.Slug)
	}
	if strings.Join(got, " ") != strings.Join(wantPages, " ") {
		t.Errorf("pages %q, want %q", got, wantPages)
	}
	for _, f := range []string{"assets/echarts.min.js", "assets/jinzai.js", "assets/jinzai.css"} {
		if _, err := os.Stat(filepath.Join(site.Dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	js := readFile(t, filepath.Join(site.Dir, "assets/jinzai.js"))
	for _, bad := range []string{"fetch(", "XMLHttpRequest", "import ", "export "} {
		if strings.Contains(js, bad) {
			t.Errorf("jinzai.js uses %q: pages open from file://, data is embedded", bad)
		}
	}
	for _, p := range site.Pages {
		html := readFile(t, filepath.Join(site.Dir, p.File))
		for _, bad := range []string{"http:", "https:", "//", `type="module"`, "fetch("} {
			if strings.Contains(html, bad) {
				i := strings.Index(html, bad)
				t.Errorf("%s contains %q (absolute URL or network use): …%s…", p.File, bad, html[max(0, i-60):min(len(html), i+60)])
			}
		}
		if !strings.Contains(html, `<script src="assets/echarts.min.js"></script>`) {
			t.Errorf("%s does not load assets/echarts.min.js by a relative path", p.File)
		}
		if !strings.Contains(html, `<html lang="ja">`) || !strings.Contains(html, `<nav class="site-nav"`) {
			t.Errorf("%s lacks lang=ja or the navigation bar", p.File)
		}
		// Every link points at a file of the site.
		for _, m := range reLink.FindAllStringSubmatch(html, -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if _, err := os.Stat(filepath.Join(site.Dir, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s links to %q, which is not in the site", p.File, m[1])
			}
		}
		if p.Bytes > 1_500_000 {
			t.Errorf("%s is %d bytes, over 1.5 MB", p.File, p.Bytes)
		}
	}
	index := readFile(t, filepath.Join(site.Dir, "index.html"))
	for _, d := range []string{"dept-D01.html", "dept-D04.html"} {
		if !strings.Contains(index, `href="`+d+`"`) {
			t.Errorf("the overview does not link %s", d)
		}
	}
	css := readFile(t, filepath.Join(site.Dir, "assets/jinzai.css"))
	for _, want := range []string{"@page { size: A4 landscape", "break-inside: avoid", ".site-nav, ", "Noto Sans CJK JP", "Meiryo"} {
		if !strings.Contains(css, want) {
			t.Errorf("jinzai.css lacks %q", want)
		}
	}
}

// chartOptions decodes the chart data embedded in a page.
func chartOptions(t *testing.T, html string) map[string][]map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="jinzai-charts">(.*?)</script>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no embedded chart data")
	}
	var data []struct {
		El      string           `json:"el"`
		Options []map[string]any `json:"options"`
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatal(err)
	}
	out := map[string][]map[string]any{}
	for _, d := range data {
		out[d.El] = d.Options
	}
	return out
}

func TestBuildEscapesDataInsideScripts(t *testing.T) {
	site := buildDemo(t)
	for _, p := range site.Pages {
		html := readFile(t, filepath.Join(site.Dir, p.File))
		for _, bad := range []string{"</script><script>alert", "<script>alert"} {
			if strings.Contains(html, bad) {
				t.Errorf("%s contains %q unescaped", p.File, bad)
			}
		}
		if n := strings.Count(html, "<script"); n != 3 {
			t.Errorf("%s has %d <script elements, want 3", p.File, n)
		}
	}
	// The name still reaches the chart intact, as data.
	html := readFile(t, filepath.Join(site.Dir, "engagement.html"))
	if !strings.Contains(html, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Errorf("the department name is not in the chart data as escaped JSON")
	}
	opts := chartOptions(t, html)["chart-dept-category"]
	ys := opts[0]["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if ys[0] != xssName {
		t.Errorf("heatmap rows start %q, want the raw name %q after JSON decoding", ys[0], xssName)
	}
	if !strings.Contains(html, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the data table does not show the name as escaped text")
	}
}

func TestBuildHidesSuppressedCells(t *testing.T) {
	site := buildDemo(t)
	err := filepath.WalkDir(site.Dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path, filepath.Join(site.Dir, "assets")) {
			return err
		}
		if strings.Contains(readFile(t, path), canary) {
			t.Errorf("%s shows the suppressed value %s", path, canary)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	html := readFile(t, filepath.Join(site.Dir, "engagement.html"))
	row := regexp.MustCompile(`<tr><td>`+smallDept+`</td><td>[^<]*</td>(.*?)</tr>`).FindAllStringSubmatch(html, -1)
	if len(row) != 4 {
		t.Fatalf("engagement table: %d rows for %s, want 4", len(row), smallDept)
	}
	for _, r := range row {
		if strings.Count(r[1], `<td class="secret">秘匿</td>`) != 3 {
			t.Errorf("suppressed row shows %s, want 秘匿 in each of its 3 figures", r[1])
		}
	}
	// In the heatmap the cells are ECharts' empty value "-" (not 0) and a
	// text series writes 秘匿 over them.
	opt := chartOptions(t, html)["chart-dept-category"][0]
	series := opt["series"].([]any)
	ys := opt["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	row3 := -1
	for i, y := range ys {
		if y == smallDept {
			row3 = i
		}
	}
	for _, d := range series[0].(map[string]any)["data"].([]any) {
		v := d.(map[string]any)["value"].([]any)
		if int(v[1].(float64)) == row3 && v[2] != "-" {
			t.Errorf("heatmap cell %v of the suppressed department, want \"-\"", v)
		}
	}
	marks := series[1].(map[string]any)
	if marks["name"] != "秘匿" || len(marks["data"].([]any)) != 4 {
		t.Errorf("heatmap marks %v, want 4 cells labelled 秘匿", marks)
	}
	// A suppressed bar is not drawn and is marked 秘匿 at the axis.
	rr := chartOptions(t, html)["chart-response-rate"][0]["series"].([]any)
	if len(rr) != 2 || rr[1].(map[string]any)["name"] != "秘匿" {
		t.Errorf("response-rate chart: want a 秘匿 mark series, got %d series", len(rr))
	}
	if csv := readFile(t, filepath.Join(site.Dir, "data/engagement--dept-category.csv")); !strings.Contains(csv, smallDept+",ワークライフバランス,秘匿,秘匿,秘匿") {
		t.Errorf("CSV does not mark the suppressed row 秘匿:\n%s", csv)
	}
}

func TestBuildWritesSafeCSV(t *testing.T) {
	site := buildDemo(t)
	csv := readFile(t, filepath.Join(site.Dir, "data/age--dept-summary.csv"))
	if !strings.HasPrefix(csv, "\ufeff部署,職員数,") {
		t.Errorf("CSV must start with a UTF-8 BOM and Japanese headers: %q", csv[:min(40, len(csv))])
	}
	if !strings.Contains(csv, "\r\n") {
		t.Error("CSV lines must end with CRLF")
	}
	if !strings.Contains(csv, "\r\n'=1+1 土木部,200,-7,") {
		t.Errorf("a name starting with = must be prefixed with ' and a negative number left a number:\n%s", csv)
	}
	if !strings.Contains(csv, "\r\n\"</script><script>alert(1)</script>\",120,1,") && !strings.Contains(csv, "\r\n</script><script>alert(1)</script>,120,1,") {
		t.Errorf("names are written as they are:\n%s", csv)
	}
}

func TestBuildFailureLeavesThePreviousSiteIntact(t *testing.T) {
	db := demoDB(t)
	root := t.TempDir()
	opt := Options{OutDir: filepath.Join(root, "site"), EChartsJS: fakeRuntime(t)}
	if _, err := Build(context.Background(), db, opt); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, filepath.Join(root, "site", "index.html"))

	opt.Pages = DefaultPages()
	opt.Pages[2].Charts[1].Query = `SELECT fiscal_year, grade, post_exits FROM mart_no_such_table`
	_, err := Build(context.Background(), db, opt)
	if err == nil || !strings.Contains(err.Error(), "post-exits") {
		t.Fatalf("Build with a failing query: %v, want an error naming the chart", err)
	}
	if after := readFile(t, filepath.Join(root, "site", "index.html")); after != before {
		t.Error("a failed build changed the previous site")
	}
	entries, _ := os.ReadDir(root)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "site" {
		t.Errorf("after a failed build the folder holds %q, want only the previous site (no temporary folder, no snapshot)", names)
	}
}

func TestBuildRejectsForbiddenQueriesBeforeWriting(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	pages := DefaultPages()
	pages[0].Tables = append(pages[0].Tables, Table{ID: "names", Title: "職員一覧", Query: `SELECT name FROM roster`})
	_, err := Build(context.Background(), demoDB(t), Options{OutDir: out, EChartsJS: fakeRuntime(t), Pages: pages})
	if !errors.Is(err, ErrForbiddenQuery) {
		t.Fatalf("err = %v, want ErrForbiddenQuery", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a rejected build wrote %s", out)
	}
}

func TestBuildKeepsTheNewestSnapshots(t *testing.T) {
	db := demoDB(t)
	out := filepath.Join(t.TempDir(), "site")
	clock := time.Date(2025, 4, 1, 9, 0, 0, 0, time.Local)
	opt := Options{OutDir: out, EChartsJS: fakeRuntime(t), Keep: 2, Now: func() time.Time { return clock }}
	var snaps []string
	for i := 0; i < 4; i++ {
		site, err := Build(context.Background(), db, opt)
		if err != nil {
			t.Fatal(err)
		}
		if (i == 0) != (site.Snapshot == "") {
			t.Errorf("build %d: snapshot %q", i, site.Snapshot)
		}
		if site.Snapshot != "" {
			snaps = append(snaps, filepath.Base(site.Snapshot))
		}
		clock = clock.Add(time.Hour)
	}
	entries, err := os.ReadDir(SnapshotDir(out))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, e := range entries {
		kept = append(kept, e.Name())
	}
	sort.Strings(kept)
	if want := snaps[len(snaps)-2:]; strings.Join(kept, ",") != strings.Join(want, ",") {
		t.Errorf("snapshots %q, want the newest two %q", kept, want)
	}
	if SnapshotDir(out) != filepath.Join(filepath.Dir(out), "site-snapshots") {
		t.Errorf("SnapshotDir = %s", SnapshotDir(out))
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "index.html")), "2025-04-01 12:00") {
		t.Error("the site in place is not the newest build")
	}
}

// largeBase is the fixture at the scale of a 100,000-staff organisation:
// 120 departments, 10 fiscal years, 20 survey categories, 3 surveys. Page
// size depends on these counts, not on staff numbers, since the marts are
// aggregates.
var largeBase = []string{
	`CREATE TABLE dept AS SELECT printf('D%03d', i) AS dept_code, printf('第%d部', i) AS dept_name, i AS k FROM range(120) t(i)`,
	fixtureBase[1], fixtureBase[2], fixtureBase[3],
	`CREATE TABLE cats AS SELECT printf('カテゴリー%02d', i) AS measure, i AS m FROM range(1, 21) t(i)`,
	`CREATE TABLE fy AS SELECT i AS fy FROM range(2017, 2027) t(i)`,
	`CREATE TABLE surveys AS SELECT printf('S%d', y) AS survey_code, make_date(y, 10, 1) AS survey_date, y AS fiscal_year FROM range(2024, 2027) t(y)`,
}

func TestPageSizeForALargeOrganisation(t *testing.T) {
	db := martDB(t, largeBase)
	site, err := Build(context.Background(), db, Options{OutDir: filepath.Join(t.TempDir(), "site"), EChartsJS: fakeRuntime(t)})
	if err != nil {
		t.Fatal(err)
	}
	var biggest PageFile
	depts := 0
	for _, p := range site.Pages {
		if p.Bytes > biggest.Bytes {
			biggest = p
		}
		if strings.HasPrefix(p.Slug, "dept-") {
			depts++
		} else {
			t.Logf("%-16s %8d bytes", p.File, p.Bytes)
		}
		if p.Bytes > 1_500_000 {
			t.Errorf("%s is %d bytes, over 1.5 MB", p.File, p.Bytes)
		}
	}
	if depts != 120 {
		t.Errorf("%d department pages, want 120", depts)
	}
	runtime := readFile(t, filepath.Join(site.Dir, "assets/echarts.min.js"))
	for _, p := range site.Pages[5:6] {
		html := readFile(t, filepath.Join(site.Dir, p.File))
		if bytes.Contains([]byte(html), []byte(runtime)) {
			t.Errorf("%s inlines the runtime; it must share assets/echarts.min.js", p.File)
		}
		t.Logf("a department page: %s %d bytes", p.File, p.Bytes)
	}
	t.Logf("largest page: %s %d bytes", biggest.File, biggest.Bytes)
}

// BenchmarkBuildLargeOrganisation writes the whole site (125 pages) for the
// 100,000-staff fixture, queries included.
func BenchmarkBuildLargeOrganisation(b *testing.B) {
	db := martDB(b, largeBase)
	runtime := fakeRuntime(b)
	out := filepath.Join(b.TempDir(), "site")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), db, Options{OutDir: out, EChartsJS: runtime, Keep: -1}); err != nil {
			b.Fatal(err)
		}
	}
}

// The stress page draws the judgement charts with their iso-risk lines
// (the Reference query) behind the departments, never plots a suppressed
// department, and lists it as 秘匿 in the table.
func TestStressPageDrawsReferenceLinesAndHidesSuppressedGroups(t *testing.T) {
	site := buildDemo(t)
	html := readFile(t, filepath.Join(site.Dir, "stress.html"))
	opts := chartOptions(t, html)
	for _, id := range []string{"chart-demand-control", "chart-support"} {
		opt := opts[id][0]
		var lines, points []string
		for _, s := range opt["series"].([]any) {
			sm := s.(map[string]any)
			switch sm["type"] {
			case "line":
				lines = append(lines, sm["name"].(string))
				if sm["silent"] != true || sm["tooltip"].(map[string]any)["show"] != false {
					t.Errorf("%s: reference line %s takes part in tooltips", id, sm["name"])
				}
			case "scatter":
				for _, d := range sm["data"].([]any) {
					v := d.(map[string]any)["value"].([]any)
					points = append(points, v[2].(string))
				}
			}
		}
		if strings.Join(lines, " ") != "リスク80 リスク100 リスク120 リスク140" {
			t.Errorf("%s: reference lines %q, want the four iso-risk lines", id, lines)
		}
		if len(points) != 3 || strings.Contains(strings.Join(points, " "), smallDept) {
			t.Errorf("%s: points %q, want the 3 shown departments and not %s", id, points, smallDept)
		}
		legend := opt["legend"].(map[string]any)
		if data, ok := legend["data"].([]any); ok && len(data) > 0 && strings.HasPrefix(data[0].(string), "リスク") {
			t.Errorf("%s: the legend lists the reference lines: %v", id, data)
		}
	}
	row := regexp.MustCompile(`<tr><td>`+smallDept+`</td>(.*?)</tr>`).FindAllStringSubmatch(html, -1)
	if len(row) < 3 {
		t.Fatalf("stress tables: %d rows for %s, want it listed in each department table", len(row), smallDept)
	}
	for _, r := range row {
		if !strings.Contains(r[1], `<td class="secret">秘匿</td>`) || strings.Contains(r[1], canary) {
			t.Errorf("suppressed department row shows %s, want 秘匿", r[1])
		}
	}
	// The total-risk ranking marks the suppressed department 秘匿 at the axis.
	tr := opts["chart-total-risk"][0]["series"].([]any)
	if len(tr) != 2 || tr[1].(map[string]any)["name"] != "秘匿" {
		t.Errorf("total-risk chart: want a 秘匿 mark series, got %d series", len(tr))
	}
}

func TestReferenceLinesAreForScattersOnly(t *testing.T) {
	p := Page{Slug: "x", Title: "x", Charts: []Chart{{ID: "c", Title: "c", Unit: "点", Kind: Bar, X: "a", Value: "b",
		Query: "SELECT a, b FROM mart_x", Reference: "SELECT line, x, y FROM mart_stress_reference_line"}}}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "scatter") {
		t.Errorf("a bar with reference lines: err = %v", err)
	}
	p.Charts[0].Kind, p.Charts[0].Y, p.Charts[0].Reference = Scatter, "b", "SELECT line, x, y FROM roster"
	if err := p.Validate(); !errors.Is(err, ErrForbiddenQuery) {
		t.Errorf("a reference query on the roster: err = %v", err)
	}
}
