package dashboards

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// pageInstance is a page to write: a Page, or a per-department Page bound
// to one department.
type pageInstance struct {
	page        Page
	slug, title string
	dept        map[string]string // parameter values on department pages
}

// writeSite writes every file of the site into dir.
func writeSite(ctx context.Context, db *sql.DB, dir, runtime string, pages []Page, org string, built time.Time) (Site, error) {
	var site Site
	for _, sub := range []string{"assets", "data"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return site, err
		}
	}
	js, err := os.ReadFile(runtime)
	if err != nil {
		return site, fmt.Errorf("ECharts の実行ファイルを読めません (cannot read the ECharts runtime) %s: %w", runtime, err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(echartsAsset)), js, 0o644); err != nil {
		return site, err
	}
	for _, name := range []string{"assets/jinzai.css", "assets/jinzai.js"} {
		b, err := fs.ReadFile(static, name)
		if err != nil {
			return site, err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), b, 0o644); err != nil {
			return site, err
		}
	}

	var nav []navItem
	var instances []pageInstance
	var depts []navItem
	templates := 0
	for _, p := range pages {
		if p.PerDepartment {
			templates++
		}
	}
	for _, p := range pages {
		if !p.PerDepartment {
			nav = append(nav, navItem{Href: p.Slug + ".html", Title: p.Title})
			instances = append(instances, pageInstance{page: p, slug: p.Slug, title: p.Title})
			continue
		}
		res, err := runQuery(ctx, db, p.Departments, nil)
		if err != nil {
			return site, fmt.Errorf("page %s departments: %w", p.Slug, err)
		}
		if len(res.cols) < 2 {
			return site, fmt.Errorf("page %s departments: the query must return (code, name), got %s", p.Slug, plain(res.cols))
		}
		seen := map[string]bool{}
		for _, r := range res.rows {
			code, name := r[0].category(), r[1].category()
			slug := p.Slug + "-" + fileSlug(code)
			for i := 2; seen[slug]; i++ {
				slug = fmt.Sprintf("%s-%s-%d", p.Slug, fileSlug(code), i)
			}
			seen[slug] = true
			instances = append(instances, pageInstance{page: p, slug: slug, title: p.Title + "：" + name,
				dept: map[string]string{ParamDeptCode: code, ParamDeptName: name}})
			label := name
			if templates > 1 {
				label += "（" + p.Title + "）"
			}
			depts = append(depts, navItem{Href: slug + ".html", Title: label})
		}
	}
	if len(depts) > 0 {
		nav = append(nav, navItem{Href: "index.html#departments", Title: "部署別"})
	}

	for _, in := range instances {
		if err := ctx.Err(); err != nil {
			return site, err
		}
		v := pageView{Title: in.title, Organisation: org, Intro: in.page.Intro, Built: built.Format("2006-01-02 15:04")}
		for _, n := range nav {
			n.Current = n.Href == in.slug+".html"
			v.Nav = append(v.Nav, n)
		}
		if in.slug == "index" {
			v.Departments = depts
		}
		sections, data, err := buildSections(ctx, db, dir, in)
		if err != nil {
			return site, err
		}
		v.Sections = sections
		html, err := renderPage(v, data)
		if err != nil {
			return site, fmt.Errorf("page %s: %w", in.slug, err)
		}
		file := in.slug + ".html"
		if err := os.WriteFile(filepath.Join(dir, file), html, 0o644); err != nil {
			return site, err
		}
		site.Pages = append(site.Pages, PageFile{Slug: in.slug, Title: in.title, File: file, Bytes: int64(len(html))})
	}
	return site, nil
}

// argsFor passes a query the named parameters it uses.
func argsFor(q string, dept map[string]string) []any {
	names, _ := queryParams(q) // validated before the build
	var args []any
	for _, n := range names {
		args = append(args, sql.Named(n, dept[n]))
	}
	return args
}

// buildSections runs the queries of one page and writes its CSV files.
func buildSections(ctx context.Context, db *sql.DB, dir string, in pageInstance) ([]sectionView, []chartData, error) {
	var sections []sectionView
	var data []chartData
	for _, c := range in.page.Charts {
		res, err := runQuery(ctx, db, c.Query, argsFor(c.Query, in.dept))
		if err != nil {
			return nil, nil, fmt.Errorf("page %s chart %s (%s): %w", in.slug, c.ID, c.Title, err)
		}
		sv := sectionView{ID: c.ID, DOMID: "chart-" + c.ID, Title: c.Title, Unit: c.Unit, Note: c.Note, Empty: len(res.rows) == 0}
		keys := map[string]bool{}
		for _, k := range []string{c.X, c.Y, c.Series, c.Select, c.Label} {
			if k != "" {
				keys[k] = true
			}
		}
		if c.Kind == Scatter {
			delete(keys, c.X)
			delete(keys, c.Y)
		}
		tv, csvBytes, err := buildTable(tableSpec{columns: c.Columns, keys: keys, suppressed: c.Suppressed}, res)
		if err != nil {
			return nil, nil, fmt.Errorf("page %s chart %s: %w", in.slug, c.ID, err)
		}
		sv.Table = tv
		if !sv.Empty {
			if sv.CSV, err = writeCSV(dir, in.slug, c.ID, csvBytes); err != nil {
				return nil, nil, err
			}
			if c.Kind == KPI {
				if sv.Cards, err = kpiCards(c, res); err != nil {
					return nil, nil, fmt.Errorf("page %s chart %s: %w", in.slug, c.ID, err)
				}
			} else {
				var ref *result
				if c.Reference != "" {
					if ref, err = runQuery(ctx, db, c.Reference, argsFor(c.Reference, in.dept)); err != nil {
						return nil, nil, fmt.Errorf("page %s chart %s (%s) reference: %w", in.slug, c.ID, c.Title, err)
					}
				}
				d, height, err := buildChartData(c, res, ref, sv.DOMID)
				if err != nil {
					return nil, nil, fmt.Errorf("page %s chart %s: %w", in.slug, c.ID, err)
				}
				sv.Chart, sv.Height = true, height
				data = append(data, d)
				if c.Select != "" {
					gs, _ := splitGroups(c, res)
					for i, g := range gs {
						sv.Selects = append(sv.Selects, selectOption{Label: g.label, Selected: i == len(gs)-1})
					}
					sv.SelectLabel = ColumnLabel(c.Select)
				}
			}
		}
		sections = append(sections, sv)
	}
	for _, t := range in.page.Tables {
		res, err := runQuery(ctx, db, t.Query, argsFor(t.Query, in.dept))
		if err != nil {
			return nil, nil, fmt.Errorf("page %s table %s (%s): %w", in.slug, t.ID, t.Title, err)
		}
		sv := sectionView{ID: t.ID, DOMID: "table-" + t.ID, Title: t.Title, Note: t.Note, Empty: len(res.rows) == 0}
		tv, csvBytes, err := buildTable(tableSpec{columns: t.Columns, suppressed: t.Suppressed}, res)
		if err != nil {
			return nil, nil, fmt.Errorf("page %s table %s: %w", in.slug, t.ID, err)
		}
		sv.Table = tv
		if !sv.Empty {
			if sv.CSV, err = writeCSV(dir, in.slug, t.ID, csvBytes); err != nil {
				return nil, nil, err
			}
		}
		sections = append(sections, sv)
	}
	return sections, data, nil
}

// writeCSV writes data/<page>--<id>.csv and returns its relative href.
func writeCSV(dir, slug, id string, b []byte) (string, error) {
	rel := "data/" + slug + "--" + id + ".csv"
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), b, 0o644); err != nil {
		return "", err
	}
	return rel, nil
}

// kpiCards reads one card per row of a KPI chart.
func kpiCards(c Chart, res *result) ([]kpiCard, error) {
	idx := map[string]int{}
	for _, name := range []string{c.X, c.Value, c.Target, c.Change, c.Status, c.UnitColumn, c.Suppressed} {
		if name == "" {
			continue
		}
		i, err := res.col(name)
		if err != nil {
			return nil, err
		}
		idx[name] = i
	}
	get := func(r []value, name string) (value, bool) {
		if name == "" {
			return value{}, false
		}
		return r[idx[name]], true
	}
	var cards []kpiCard
	for _, r := range res.rows {
		name, _ := get(r, c.X)
		val, _ := get(r, c.Value)
		card := kpiCard{Name: name.category(), Value: val.display(c.Value, 0), Unit: c.Unit}
		if u, ok := get(r, c.UnitColumn); ok && !u.null {
			card.Unit = u.text
		}
		if s, ok := get(r, c.Suppressed); ok && s.truthy() {
			card.Secret = true
			cards = append(cards, card)
			continue
		}
		if t, ok := get(r, c.Target); ok && !t.null {
			card.Target = t.display(c.Target, 0) + card.Unit
		}
		if ch, ok := get(r, c.Change); ok && ch.isNum {
			s := ch.display(c.Change, 0)
			switch {
			case ch.num > 0:
				card.Change, card.Trend = "▲ ＋"+s+card.Unit, "up"
			case ch.num < 0:
				card.Change, card.Trend = "▼ −"+strings.TrimPrefix(s, "-")+card.Unit, "down"
			default:
				card.Change, card.Trend = "±0"+card.Unit, "flat"
			}
		}
		if st, ok := get(r, c.Status); ok && !st.null {
			card.Status = st.text
		}
		cards = append(cards, card)
	}
	return cards, nil
}
