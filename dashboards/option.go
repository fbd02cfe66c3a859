package dashboards

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// assetsHost replaces go-echarts' default asset host (a CDN): the runtime is
// shipped beside the pages, so go-echarts resolves it to echartsAsset.
const (
	assetsHost   = "assets/"
	echartsAsset = assetsHost + opts.EchartsJS
)

// okabeIto is the Okabe–Ito palette, distinguishable with the common
// colour-vision deficiencies, in the order series take it.
var okabeIto = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

// heatRamp is a single-hue sequential ramp (light to dark blue), readable
// without colour vision and in grey-scale print.
var heatRamp = []string{"#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"}

// fontStack is the Japanese font stack of pages and charts.
const fontStack = `"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Hiragino Sans", Meiryo, sans-serif`

// chartMeta tells assets/jinzai.js how to format values (functions cannot
// travel in JSON).
type chartMeta struct {
	Unit   string `json:"unit"`
	Abs    bool   `json:"abs,omitempty"`    // pyramid: the left side is negative
	XName  string `json:"xName,omitempty"`  // scatter tooltip
	YName  string `json:"yName,omitempty"`  // scatter tooltip
	Points bool   `json:"points,omitempty"` // scatter: value[2] names the point
}

// chartData is what the page embeds for one chart: the ECharts options, one
// per Select value, and which one to show first.
type chartData struct {
	El       string            `json:"el"`
	Options  []json.RawMessage `json:"options"`
	Selected int               `json:"selected"`
	Meta     chartMeta         `json:"meta"`
}

// echartsChart is what the go-echarts chart types have in common.
type echartsChart interface {
	Validate()
	JSON() map[string]interface{}
	GetAssets() opts.Assets
}

// group is the rows of one Select value.
type group struct {
	label string
	rows  [][]value
}

func splitGroups(c Chart, res *result) ([]group, error) {
	if c.Select == "" {
		return []group{{rows: res.rows}}, nil
	}
	si, err := res.col(c.Select)
	if err != nil {
		return nil, err
	}
	var gs []group
	at := map[string]int{}
	for _, r := range res.rows {
		k := r[si].category()
		i, ok := at[k]
		if !ok {
			i = len(gs)
			at[k] = i
			gs = append(gs, group{label: k})
		}
		gs[i].rows = append(gs[i].rows, r)
	}
	if len(gs) == 0 {
		gs = []group{{}}
	}
	return gs, nil
}

// buildChartData turns a query result (and the reference lines of a
// scatter, or nil) into the options of one chart. It returns the data and
// the height the chart needs.
func buildChartData(c Chart, res, ref *result, el string) (chartData, int, error) {
	d := chartData{El: el, Meta: chartMeta{Unit: c.Unit}}
	gs, err := splitGroups(c, res)
	if err != nil {
		return d, 0, err
	}
	d.Selected = len(gs) - 1
	b := &optionBuilder{c: c, res: res}
	if err := b.prepare(gs); err != nil {
		return d, 0, err
	}
	if ref != nil {
		if b.lines, err = referenceLines(ref); err != nil {
			return d, 0, err
		}
	}
	for _, g := range gs {
		sub := "単位：" + c.Unit
		if c.Select != "" {
			sub += "　" + ColumnLabel(c.Select) + "：" + g.label
		}
		opt, err := b.option(g.rows, sub)
		if err != nil {
			return d, 0, err
		}
		raw, err := marshalScriptSafe(opt)
		if err != nil {
			return d, 0, err
		}
		d.Options = append(d.Options, raw)
	}
	d.Meta.Abs = c.Kind == Pyramid
	if c.Kind == Scatter {
		d.Meta.XName, d.Meta.YName, d.Meta.Points = ColumnLabel(c.X), ColumnLabel(c.Y), c.Label != ""
	}
	return d, b.height(), nil
}

// marshalScriptSafe encodes v as JSON that cannot end a <script> element or
// open an HTML comment: <, > and & become \u003c, \u003e and \u0026 (and
// U+2028/2029 are escaped too). go-echarts' own renderer writes options with
// HTML escaping off; this builder never uses it.
func marshalScriptSafe(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v) // escapes <, >, &, U+2028, U+2029
	if err != nil {
		return nil, err
	}
	return b, nil
}

// optionBuilder draws one chart spec; prepare computes what every Select
// value shares (categories, series, scales) so that switching keeps axes.
type optionBuilder struct {
	c   Chart
	res *result

	xi, yi, si, vi, li, supi int // column indexes; -1 when unused
	xs, ys, series           []string
	maxAbs, minV, maxV       float64
	lines                    []any // reference line series (Scatter)
}

// referenceColor draws reference lines in grey, behind the data.
const referenceColor = "#8c8c8c"

// referenceLines turns a reference query's rows (line, x, y) into ECharts
// line series: dashed, grey, named at their end, silent (no tooltip, no
// emphasis), left out of the legend by addReferenceLines.
func referenceLines(ref *result) ([]any, error) {
	li, err := ref.col("line")
	if err != nil {
		return nil, err
	}
	xi, err := ref.col("x")
	if err != nil {
		return nil, err
	}
	yi, err := ref.col("y")
	if err != nil {
		return nil, err
	}
	var names []string
	points := map[string][][]float64{}
	for _, r := range ref.rows {
		if !r[xi].isNum || !r[yi].isNum {
			continue
		}
		n := r[li].category()
		if _, ok := points[n]; !ok {
			names = append(names, n)
		}
		points[n] = append(points[n], []float64{r[xi].num, r[yi].num})
	}
	var out []any
	for _, n := range names {
		out = append(out, map[string]any{
			"name": n, "type": "line", "data": points[n], "showSymbol": false, "silent": true, "z": 1,
			"lineStyle": map[string]any{"color": referenceColor, "type": "dashed", "width": 1},
			"itemStyle": map[string]any{"color": referenceColor},
			"endLabel":  map[string]any{"show": true, "formatter": "{a}", "color": "#555", "fontSize": 11},
			"tooltip":   map[string]any{"show": false},
			"emphasis":  map[string]any{"disabled": true},
		})
	}
	return out, nil
}

func (b *optionBuilder) colIndex(name string) (int, error) {
	if name == "" {
		return -1, nil
	}
	return b.res.col(name)
}

func (b *optionBuilder) prepare(gs []group) error {
	var err error
	for _, p := range []struct {
		dst  *int
		name string
	}{{&b.xi, b.c.X}, {&b.yi, b.c.Y}, {&b.si, b.c.Series}, {&b.vi, b.c.Value}, {&b.li, b.c.Label}, {&b.supi, b.c.Suppressed}} {
		if *p.dst, err = b.colIndex(p.name); err != nil {
			return err
		}
	}
	// Category order: the order the query returns them in, merged across
	// groups (a department without staff under 25 must not push that band
	// to the end of the axis).
	sel := -1
	if b.c.Select != "" {
		sel = b.res.index[b.c.Select]
	}
	others := func(idx ...int) []int {
		var out []int
		for _, i := range append(idx, sel) {
			if i >= 0 {
				out = append(out, i)
			}
		}
		return out
	}
	rows := b.res.rows
	switch b.c.Kind {
	case Pyramid:
		b.ys = orderCategories(rows, b.yi, others(b.si))
		b.series = orderCategories(rows, b.si, others(b.yi))
	case Heatmap:
		b.xs = orderCategories(rows, b.xi, others(b.yi))
		b.ys = orderCategories(rows, b.yi, others(b.xi))
	case Scatter:
		if b.si >= 0 {
			b.series = orderCategories(rows, b.si, nil)
		}
	default:
		b.xs = orderCategories(rows, b.xi, others(b.si))
		if b.si >= 0 {
			b.series = orderCategories(rows, b.si, others(b.xi))
		}
	}
	b.minV, b.maxV = math.Inf(1), math.Inf(-1)
	for _, r := range b.res.rows {
		if b.vi < 0 || b.suppressed(r) || !r[b.vi].isNum {
			continue
		}
		v := r[b.vi].num
		b.minV, b.maxV = math.Min(b.minV, v), math.Max(b.maxV, v)
	}
	if b.c.Kind == Pyramid {
		// The widest side of any age band in any year: both sides share it.
		for _, g := range gs {
			sums := map[string][2]float64{}
			for _, r := range g.rows {
				if b.suppressed(r) || !r[b.vi].isNum {
					continue
				}
				k := r[b.yi].category()
				s := sums[k]
				if r[b.si].category() == b.series[0] {
					s[0] += r[b.vi].num
				} else {
					s[1] += r[b.vi].num
				}
				sums[k] = s
			}
			for _, s := range sums {
				b.maxAbs = math.Max(b.maxAbs, math.Max(s[0], s[1]))
			}
		}
	}
	return nil
}

func (b *optionBuilder) suppressed(r []value) bool {
	return b.supi >= 0 && r[b.supi].truthy()
}

// height sizes the chart: category axes get about 26 px per row.
func (b *optionBuilder) height() int {
	if b.c.Height > 0 {
		return b.c.Height
	}
	rows := 0
	switch b.c.Kind {
	case HBar:
		rows = len(b.xs)
		if !b.c.Stack && len(b.series) > 1 {
			rows *= len(b.series)
		}
	case Heatmap, Pyramid:
		rows = len(b.ys)
	}
	return min(max(360, 130+26*rows), 2400)
}

// cellValue is the value drawn for a row: "-" (ECharts' empty value) when
// suppressed or NULL, never 0.
func (b *optionBuilder) cellValue(r []value) any {
	if b.suppressed(r) || !r[b.vi].isNum {
		return "-"
	}
	return r[b.vi].num
}

// lookup maps (series, category) to the row's drawn value.
func (b *optionBuilder) lookup(rows [][]value, catIdx int) map[[2]string]any {
	m := map[[2]string]any{}
	for _, r := range rows {
		s := ""
		if b.si >= 0 {
			s = r[b.si].category()
		}
		m[[2]string{s, r[catIdx].category()}] = b.cellValue(r)
	}
	return m
}

func (b *optionBuilder) seriesNames() []string {
	if b.si < 0 {
		return []string{""}
	}
	return b.series
}

func (b *optionBuilder) seriesLabel(s string) string {
	if s == "" {
		return ColumnLabel(b.c.Value)
	}
	return s
}

// defaultGrid leaves room for the title and legend above the plot.
var defaultGrid = opts.Grid{Top: "72", Left: "16", Right: "40", Bottom: "24", ContainLabel: opts.Bool(true)}

func (b *optionBuilder) common(sub string, trigger string, grid opts.Grid) []charts.GlobalOpts {
	grid = b.gridFor(grid)
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			AssetsHost: assetsHost, PageTitle: b.c.Title, Width: "100%", Renderer: "svg",
		}),
		charts.WithTitleOpts(opts.Title{Title: b.c.Title, Subtitle: sub}),
		charts.WithColorsOpts(okabeIto),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
		// The legend sits under the plot: above it, a long one would run
		// into the title on the narrower A4 page.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(b.si >= 0), Type: "scroll", Bottom: "0", Left: "center"}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "8", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Title: "画像として保存", Name: b.c.ID},
		}}),
		charts.WithGridOpts(grid),
	}
}

// gridFor leaves room for the legend under the plot when there is one.
func (b *optionBuilder) gridFor(g opts.Grid) opts.Grid {
	if b.si >= 0 {
		g.Bottom = "40"
	}
	return g
}

// option builds the ECharts option of one group of rows.
func (b *optionBuilder) option(rows [][]value, sub string) (map[string]any, error) {
	var ch echartsChart
	switch b.c.Kind {
	case Bar, StackedBar, HBar:
		ch = b.bar(rows, sub)
	case Line:
		ch = b.line(rows, sub)
	case Pyramid:
		ch = b.pyramid(rows, sub)
	case Heatmap:
		ch = b.heatmap(rows, sub)
	case Scatter:
		ch = b.scatter(rows, sub)
	default:
		return nil, fmt.Errorf("kind %s has no chart", b.c.Kind)
	}
	ch.Validate()
	if a := ch.GetAssets().JSAssets.Values; len(a) != 1 || a[0] != echartsAsset {
		return nil, fmt.Errorf("go-echarts resolved the runtime to %v, want %s", a, echartsAsset)
	}
	// Round-trip through JSON to get a plain map that can take the options
	// go-echarts has no field for.
	raw, err := json.Marshal(ch.JSON())
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	m["color"] = okabeIto
	m["textStyle"] = map[string]any{"fontFamily": fontStack}
	m["animation"] = false
	delete(m, "visualmap") // go-echarts' lower-case key, re-added below where needed
	switch b.c.Kind {
	case Bar, StackedBar, HBar, Pyramid:
		// Patterns on bars tell series apart in grey-scale print too.
		m["aria"] = map[string]any{"enabled": true, "label": map[string]any{"enabled": false}, "decal": map[string]any{"show": b.si >= 0}}
		if b.c.Kind != Pyramid {
			b.markBars(m, rows)
		}
	case Heatmap:
		b.finishHeatmap(m, rows)
	case Scatter:
		b.addReferenceLines(m)
	}
	return m, nil
}

// addReferenceLines puts the reference lines behind the points and keeps
// them out of the legend.
func (b *optionBuilder) addReferenceLines(m map[string]any) {
	if len(b.lines) == 0 {
		return
	}
	series, _ := m["series"].([]any)
	var names []string
	for _, s := range series {
		if sm, ok := s.(map[string]any); ok {
			if n, ok := sm["name"].(string); ok {
				names = append(names, n)
			}
			sm["z"] = 3
			// Groups near each other (departments near the national means)
			// would write their names over each other.
			sm["labelLayout"] = map[string]any{"moveOverlap": "shiftY"}
		}
	}
	m["series"] = append(append([]any{}, b.lines...), series...)
	if legend, ok := m["legend"].(map[string]any); ok {
		legend["data"] = names
	}
	// Room on the right for the lines' names at their ends.
	if grid, ok := m["grid"].(map[string]any); ok {
		grid["right"] = "72"
	} else if grids, ok := m["grid"].([]any); ok {
		for _, g := range grids {
			if gm, ok := g.(map[string]any); ok {
				gm["right"] = "72"
			}
		}
	}
}

func (b *optionBuilder) bar(rows [][]value, sub string) echartsChart {
	c := charts.NewBar()
	g := b.common(sub, "axis", defaultGrid)
	stack := b.c.Kind == StackedBar || (b.c.Kind == HBar && b.c.Stack)
	if b.c.Kind == HBar {
		g = append(g,
			charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}))
		c.XYReversal()
	} else {
		g = append(g,
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: rotation(b.xs), HideOverlap: opts.Bool(true)}}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value"}))
	}
	c.SetGlobalOptions(g...)
	c.SetXAxis(b.xs)
	vals := b.lookup(rows, b.xi)
	for _, s := range b.seriesNames() {
		data := make([]opts.BarData, len(b.xs))
		for i, x := range b.xs {
			data[i] = opts.BarData{Value: orDash(vals, s, x)}
		}
		var so []charts.SeriesOpts
		if stack {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		c.AddSeries(b.seriesLabel(s), data, so...)
	}
	return c
}

func (b *optionBuilder) line(rows [][]value, sub string) echartsChart {
	c := charts.NewLine()
	c.SetGlobalOptions(append(b.common(sub, "axis", defaultGrid),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Rotate: rotation(b.xs)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true)}))...)
	c.SetXAxis(b.xs)
	vals := b.lookup(rows, b.xi)
	for _, s := range b.seriesNames() {
		data := make([]opts.LineData, len(b.xs))
		for i, x := range b.xs {
			data[i] = opts.LineData{Value: orDash(vals, s, x)}
		}
		c.AddSeries(b.seriesLabel(s), data, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}))
	}
	return c
}

func (b *optionBuilder) pyramid(rows [][]value, sub string) echartsChart {
	c := charts.NewBar()
	limit := niceCeil(b.maxAbs)
	c.SetGlobalOptions(append(b.common(sub, "axis", defaultGrid),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: -limit, Max: limit}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category"}))...)
	c.XYReversal()
	c.SetXAxis(b.ys)
	vals := b.lookup(rows, b.yi)
	for i, s := range b.series {
		data := make([]opts.BarData, len(b.ys))
		for j, y := range b.ys {
			v := orDash(vals, s, y)
			if f, ok := v.(float64); ok && i == 0 {
				v = -f
			}
			data[j] = opts.BarData{Value: v}
		}
		c.AddSeries(s, data, charts.WithBarChartOpts(opts.BarChart{Stack: "pyramid", BarCategoryGap: "15%"}))
	}
	return c
}

func (b *optionBuilder) heatmap(rows [][]value, sub string) echartsChart {
	c := charts.NewHeatMap()
	grid := opts.Grid{Top: "110", Left: "16", Right: "40", Bottom: "64", ContainLabel: opts.Bool(true)}
	c.SetGlobalOptions(append(b.common(sub, "item", grid),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: b.xs, Position: "top", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: rotation(b.xs)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: b.ys, Inverse: opts.Bool(true)}))...)
	c.SetXAxis(b.xs)
	xi, yi := index(b.xs), index(b.ys)
	var data []opts.HeatMapData
	for _, r := range rows {
		data = append(data, opts.HeatMapData{Value: []any{xi[r[b.xi].category()], yi[r[b.yi].category()], b.cellValue(r)}})
	}
	c.AddSeries(b.seriesLabel(""), data)
	return c
}

// finishHeatmap adds the colour scale, cell labels and the 秘匿 marks: a
// suppressed cell is not drawn (its value is "-"); a text-only series writes
// 秘匿 in it instead.
func (b *optionBuilder) finishHeatmap(m map[string]any, rows [][]value) {
	lo, hi := b.minV, b.maxV
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	if lo == hi {
		hi = lo + 1
	}
	m["visualMap"] = map[string]any{
		"type": "continuous", "min": lo, "max": hi, "calculable": true, "seriesIndex": 0,
		"orient": "horizontal", "left": "center", "bottom": 0, "inRange": map[string]any{"color": heatRamp},
		"text": []string{"高", "低"},
	}
	series, _ := m["series"].([]any)
	if len(series) > 0 {
		if s0, ok := series[0].(map[string]any); ok {
			s0["label"] = map[string]any{"show": true, "color": "#000", "textBorderColor": "#fff", "textBorderWidth": 2}
			s0["emphasis"] = map[string]any{"itemStyle": map[string]any{"borderColor": "#000", "borderWidth": 1}}
		}
	}
	xi, yi := index(b.xs), index(b.ys)
	var marks [][]int
	for _, r := range rows {
		if b.suppressed(r) {
			marks = append(marks, []int{xi[r[b.xi].category()], yi[r[b.yi].category()]})
		}
	}
	if len(marks) > 0 {
		m["series"] = append(series, secretSeries(marks, "inside"))
	}
}

// markBars writes 秘匿 where a suppressed bar would be (at the axis), so a
// missing bar does not read as zero.
func (b *optionBuilder) markBars(m map[string]any, rows [][]value) {
	xi := index(b.xs)
	seen := map[int]bool{}
	var marks [][]int
	for _, r := range rows {
		if !b.suppressed(r) {
			continue
		}
		i := xi[r[b.xi].category()]
		if seen[i] {
			continue
		}
		seen[i] = true
		if b.c.Kind == HBar {
			marks = append(marks, []int{0, i})
		} else {
			marks = append(marks, []int{i, 0})
		}
	}
	if len(marks) == 0 {
		return
	}
	series, _ := m["series"].([]any)
	var names []string
	for _, s := range series {
		if sm, ok := s.(map[string]any); ok {
			if n, ok := sm["name"].(string); ok {
				names = append(names, n)
			}
		}
	}
	position := "top"
	if b.c.Kind == HBar {
		position = "right"
	}
	m["series"] = append(series, secretSeries(marks, position))
	if legend, ok := m["legend"].(map[string]any); ok {
		legend["data"] = names // keep 秘匿 out of the legend
	}
}

// secretSeries is a text-only series that writes 秘匿 at each point.
func secretSeries(points [][]int, position string) map[string]any {
	return map[string]any{
		"name": secret, "type": "scatter", "data": points, "symbolSize": 1, "silent": true,
		"itemStyle": map[string]any{"color": "transparent"},
		"tooltip":   map[string]any{"show": false},
		"label":     map[string]any{"show": true, "position": position, "formatter": secret, "color": "#555", "fontSize": 11},
	}
}

func (b *optionBuilder) scatter(rows [][]value, sub string) echartsChart {
	c := charts.NewScatter()
	c.SetGlobalOptions(append(b.common(sub, "item", defaultGrid),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: ColumnLabel(b.c.X), NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: ColumnLabel(b.c.Y), NameLocation: "middle", NameGap: 44, Scale: opts.Bool(true)}))...)
	for _, s := range b.seriesNames() {
		var data []opts.ScatterData
		for _, r := range rows {
			if b.suppressed(r) || !r[b.xi].isNum || !r[b.yi].isNum || (b.si >= 0 && r[b.si].category() != s) {
				continue
			}
			v := []any{r[b.xi].num, r[b.yi].num}
			if b.li >= 0 {
				v = append(v, r[b.li].category())
			}
			data = append(data, opts.ScatterData{Value: v, SymbolSize: 12})
		}
		var so []charts.SeriesOpts
		if b.li >= 0 {
			so = append(so, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{@[2]}"}))
		}
		c.AddSeries(b.seriesLabel(s), data, so...)
	}
	return c
}

// orderCategories lists the distinct values of column ci in the order the
// rows give them. Rows are grouped by the other key columns; within each
// group the values follow each other in the right order, and these
// sequences are merged (a topological sort, ties broken by first
// appearance). Inconsistent orders fall back to first appearance.
func orderCategories(rows [][]value, ci int, others []int) []string {
	first := map[string]int{}
	var cats []string
	succ := map[string][]string{}
	edge := map[[2]string]bool{}
	indeg := map[string]int{}
	last := map[string]string{}
	for _, r := range rows {
		k := r[ci].category()
		if _, ok := first[k]; !ok {
			first[k] = len(cats)
			cats = append(cats, k)
		}
		var g strings.Builder
		for _, o := range others {
			g.WriteString(r[o].category())
			g.WriteByte(0)
		}
		gk := g.String()
		if p, ok := last[gk]; ok && p != k && !edge[[2]string{p, k}] {
			edge[[2]string{p, k}] = true
			succ[p] = append(succ[p], k)
			indeg[k]++
		}
		last[gk] = k
	}
	out := make([]string, 0, len(cats))
	done := map[string]bool{}
	for len(out) < len(cats) {
		next := ""
		for _, c := range cats { // cats is in first-appearance order
			if !done[c] && indeg[c] == 0 {
				next = c
				break
			}
		}
		if next == "" { // a cycle: keep first appearance for the rest
			for _, c := range cats {
				if !done[c] {
					out = append(out, c)
				}
			}
			break
		}
		done[next] = true
		out = append(out, next)
		for _, s := range succ[next] {
			indeg[s]--
		}
	}
	return out
}

func orDash(vals map[[2]string]any, s, cat string) any {
	if v, ok := vals[[2]string{s, cat}]; ok {
		return v
	}
	return "-"
}

func index(cats []string) map[string]int {
	m := make(map[string]int, len(cats))
	for i, c := range cats {
		m[c] = i
	}
	return m
}

// rotation tilts category labels when there are many of them.
func rotation(cats []string) float64 {
	n := 0
	for _, c := range cats {
		n += len([]rune(c))
	}
	if len(cats) > 8 || n > 60 {
		return 30
	}
	return 0
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*p >= v {
			return f * p
		}
	}
	return 10 * p
}

// plain joins texts for error messages.
func plain(xs []string) string { return strings.Join(xs, ", ") }
