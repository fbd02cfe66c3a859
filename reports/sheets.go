package reports

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet names, in workbook order.
const (
	sheetCover      = "表紙"
	sheetTOC        = "目次"
	sheetKPI        = "KPI一覧"
	sheetAge        = "年齢構成"
	sheetRetirement = "退職見込み"
	sheetSuccession = "後継者リスク"
	sheetEngagement = "エンゲージメント"
	sheetStress     = "ストレスチェック"
	sheetTraining   = "研修・ギャップ"
	sheetHRPosts    = "後継者一覧（個人）"
	sheetHROverdue  = "研修期限超過者（個人）"
	sheetPeers      = "他団体比較"
	sheetDefs       = "定義"
)

// Series colours (Office palette).
const (
	colorBlue   = "4472C4"
	colorOrange = "ED7D31"
	colorRed    = "C00000"
	colorAmber  = "FFC000"
	colorGreen  = "70AD47"
	colorGrey   = "A5A5A5"
)

type sheetBuilder struct {
	name, description string
	build             func(*sheet) error
}

// build writes every sheet of the audience's workbook.
func (b *book) build() error {
	list := []sheetBuilder{
		{sheetCover, "対象年度・作成日時・データ基準日・取込データ", b.cover},
		{sheetTOC, "各シートへのリンク", nil},
		{sheetKPI, "人材育成基本方針 実施計画の指標（過去5年度）と目標・達成状況", b.kpi},
		{sheetAge, "年齢構成（性別・年齢区分）、部・職種別の平均年齢等", b.age},
		{sheetRetirement, "今後10年度の定年退職・役職定年の見込みと推計職員数", b.retirement},
		{sheetSuccession, "管理職・監督職ポストの後継者リスク、職種別の技能継承リスク", b.succession},
		{sheetEngagement, "エンゲージメント指数の推移、部 × カテゴリのヒートマップ、キードライバー", b.engagement},
		{sheetStress, "ストレスチェックの集団分析（仕事のストレス判定図の健康リスク、部・職層・年代別）", b.stress},
		{sheetTraining, "必修研修の修了率、能力の充足率、ジョブローテーションのギャップ", b.training},
	}
	if b.opt.OrgCode != "" {
		list = append(list, sheetBuilder{sheetPeers, "他団体との比較（自団体の数値と比較団体の中央値・四分位）", b.peers})
	}
	if b.opt.Audience == AudienceHR {
		list = append(list,
			sheetBuilder{sheetHRPosts, "【取扱注意】空く予定のポストと在職者（氏名入り）", b.hrPosts},
			sheetBuilder{sheetHROverdue, "【取扱注意】必修研修の期限超過者（氏名入り）", b.hrOverdue},
		)
	}
	list = append(list, sheetBuilder{sheetDefs, "本書の各数値の定義", b.definitionsSheet})

	sheets := make([]*sheet, len(list))
	for i, sb := range list {
		s, err := b.addSheet(sb.name, sb.description)
		if err != nil {
			return err
		}
		sheets[i] = s
	}
	for i, sb := range list {
		if err := b.ctx.Err(); err != nil {
			return err
		}
		build := sb.build
		if sb.name == sheetTOC {
			build = b.toc
		}
		// the definitions sheet lists what the other sheets showed: last
		if sb.name == sheetDefs {
			continue
		}
		if err := build(sheets[i]); err != nil {
			return fmt.Errorf("reports: sheet %s: %w", sb.name, err)
		}
	}
	if err := b.definitionsSheet(sheets[len(sheets)-1]); err != nil {
		return fmt.Errorf("reports: sheet %s: %w", sheetDefs, err)
	}
	for _, s := range sheets {
		if err := s.finish(); err != nil {
			return fmt.Errorf("reports: sheet %s: %w", s.name, err)
		}
	}
	b.f.SetActiveSheet(0)
	return b.f.SetDocProps(&excelize.DocProperties{
		Title:       reportTitle + " " + fiscalYearLabel(b.opt.FiscalYear),
		Subject:     audienceLabel(b.opt.Audience),
		Creator:     "jinzai",
		Created:     b.opt.Now.UTC().Format(time.RFC3339),
		Modified:    b.opt.Now.UTC().Format(time.RFC3339),
		Language:    "ja-JP",
		Description: b.opt.Organisation,
	})
}

func (b *book) show(keys ...string) {
	for _, k := range keys {
		b.shownDefs[k] = true
	}
}

// standardNotes are the second lines of every data sheet.
func (b *book) fyNote() string {
	return "対象年度: " + fiscalYearLabel(b.opt.FiscalYear) + "　／　" + audienceLabel(b.opt.Audience)
}

func dateNote(label string, d time.Time) string {
	if d.IsZero() {
		return label + ": データなし"
	}
	return label + ": " + warekiDate(d) + "（" + d.Format("2006-01-02") + "）"
}

// ---------------------------------------------------------------- 表紙

func (b *book) cover(s *sheet) error {
	st := b.st
	f := b.f
	const lastCol = 8
	merge := func(row int) error {
		return f.MergeCell(s.name, cellName(2, row), cellName(lastCol, row))
	}
	if err := s.text(1, 2, b.opt.Organisation, st.coverOrg); err != nil {
		return err
	}
	if err := f.SetRowHeight(s.name, 2, 30); err != nil {
		return err
	}
	if err := s.text(1, 4, reportTitle, st.coverTitle); err != nil {
		return err
	}
	if err := f.SetRowHeight(s.name, 4, 36); err != nil {
		return err
	}
	row := 6
	if b.opt.Audience == AudienceHR {
		if err := s.text(1, row, "取扱注意　個人情報を含みます（人事担当者限り。複製・転送・印刷物の放置をしないでください）", st.banner); err != nil {
			return err
		}
		for c := 2; c <= lastCol; c++ {
			if err := f.SetCellStyle(s.name, cellName(c, row), cellName(c, row), st.banner); err != nil {
				return err
			}
		}
		if err := f.MergeCell(s.name, cellName(1, row), cellName(lastCol, row)); err != nil {
			return err
		}
		if err := f.SetRowHeight(s.name, row, 30); err != nil {
			return err
		}
		row += 2
	}
	kinds, err := query(b.ctx, b.db, `
		SELECT min(kind_order) AS kind_order, kind_name, max(kind_as_of) AS as_of, count(*) AS batches
		FROM mart_data_sources
		GROUP BY kind_name
		ORDER BY 1, 2`)
	if err != nil {
		return err
	}
	var asOf []string
	for i := range kinds.len() {
		name := kinds.str(i, "kind_name")
		if d, ok := kinds.get(i, "as_of").(time.Time); ok {
			asOf = append(asOf, fmt.Sprintf("%s %s", name, d.Format("2006-01-02")))
		} else {
			asOf = append(asOf, fmt.Sprintf("%s（日付なし）", name))
		}
	}
	if len(asOf) == 0 {
		asOf = []string{"取り込まれたデータがありません"}
	}
	now := b.now()
	items := [][2]string{
		{"対象年度", fiscalYearLabel(b.opt.FiscalYear)},
		{"配布区分", audienceLabel(b.opt.Audience)},
		{"作成日時", warekiDate(now) + " " + now.Format("15:04") + "（" + now.Format("2006-01-02 15:04") + "）"},
		{"データ基準日", strings.Join(asOf, "　／　")},
		{"出典", "jinzai の集計表（mart_*）。各数値の定義は「定義」シート、秘匿の扱いは「定義」シートの「秘匿」を参照。"},
	}
	for _, it := range items {
		if err := s.text(1, row, it[0], st.coverLabel); err != nil {
			return err
		}
		if err := s.text(2, row, it[1], st.coverValue); err != nil {
			return err
		}
		if err := merge(row); err != nil {
			return err
		}
		if lines := int(math.Ceil(textWidth(it[1]) / 100)); lines > 1 {
			if err := f.SetRowHeight(s.name, row, float64(16*lines)); err != nil {
				return err
			}
		}
		row++
	}
	s.fit(1, "データ基準日", 2)
	s.row = row + 1
	if err := s.heading("取込データ（出典となったファイル）"); err != nil {
		return err
	}
	batches, err := query(b.ctx, b.db, `
		SELECT kind_name, file_name, scope, data_date, rows_loaded, rows_rejected, rows_in_use, finished_at
		FROM mart_data_sources
		ORDER BY kind_order, data_date NULLS FIRST, batch_id`)
	if err != nil {
		return err
	}
	var rows [][]any
	for i := range batches.len() {
		rows = append(rows, []any{
			batches.get(i, "kind_name"), batches.get(i, "file_name"), batches.get(i, "scope"),
			batches.get(i, "data_date"), batches.get(i, "rows_loaded"), batches.get(i, "rows_rejected"),
			batches.get(i, "rows_in_use"), batches.get(i, "finished_at"),
		})
	}
	if len(rows) == 0 {
		return s.note("取り込まれたデータがありません。")
	}
	_, err = s.table([]column{
		{header: "種別"}, {header: "ファイル名"}, {header: "範囲"}, {header: "データ日付", format: fmtCenter},
		{header: "取込件数", format: fmtInt}, {header: "除外件数", format: fmtInt}, {header: "使用中件数", format: fmtInt},
		{header: "取込日時", format: fmtCenter},
	}, rows)
	b.show("common.fiscal_year", "common.suppression", "common.missing")
	return err
}

// ---------------------------------------------------------------- 目次

func (b *book) toc(s *sheet) error {
	if err := s.title("目次", b.fyNote(), "シート名をクリックすると各シートへ移動します。"); err != nil {
		return err
	}
	var rows [][]any
	for i, sh := range b.sheets {
		rows = append(rows, []any{int64(i + 1), sh.name, sh.description})
	}
	t, err := s.table([]column{{header: "No", format: fmtInt}, {header: "シート"}, {header: "内容"}}, rows)
	if err != nil {
		return err
	}
	for i, sh := range b.sheets {
		cell := cellName(2, t.first+i)
		tip := sh.name + " へ移動"
		if err := b.f.SetCellHyperLink(s.name, cell, fmt.Sprintf("'%s'!A1", sh.name), "Location", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return err
		}
		if err := b.f.SetCellStyle(s.name, cell, cell, b.st.link); err != nil {
			return err
		}
	}
	s.repeatFirst, s.repeatLast = t.header, t.header
	s.freezeRow = t.header
	return nil
}

// ---------------------------------------------------------------- KPI一覧

func (b *book) kpi(s *sheet) error {
	fy := b.opt.FiscalYear
	years := []int{fy - 4, fy - 3, fy - 2, fy - 1, fy}
	if err := s.title("KPI一覧　人材育成基本方針 実施計画の指標",
		b.fyNote(),
		fmt.Sprintf("%s から %s までの実績と目標。状況: 達成 / 未達 / 目標なし / データなし（定義シート参照）。", eraFiscalYear(years[0]), eraFiscalYear(fy))); err != nil {
		return err
	}
	rs, err := query(b.ctx, b.db, `
		SELECT fiscal_year, kpi_code, kpi_order, kpi_name, unit, value, target, status
		FROM mart_kpi
		WHERE fiscal_year BETWEEN ? AND ?
		ORDER BY kpi_order, kpi_code, fiscal_year`, years[0], fy)
	if err != nil {
		return err
	}
	type kpiRow struct {
		code, name, unit string
		target           any
		targetYear       int
		value, status    map[int]any
	}
	var order []string
	byCode := map[string]*kpiRow{}
	for i := range rs.len() {
		code := rs.str(i, "kpi_code")
		k := byCode[code]
		if k == nil {
			k = &kpiRow{code: code, value: map[int]any{}, status: map[int]any{}}
			byCode[code] = k
			order = append(order, code)
		}
		year := rs.int(i, "fiscal_year")
		k.name, k.unit = rs.str(i, "kpi_name"), rs.str(i, "unit")
		if year >= k.targetYear {
			k.target, k.targetYear = rs.get(i, "target"), year
		}
		k.value[year] = rs.get(i, "value")
		k.status[year] = rs.get(i, "status")
	}
	cols := []column{{header: "指標"}, {header: "単位", format: fmtCenter}, {header: "目標", format: fmtDec1}}
	groups := []headerGroup{{span: 3}}
	for _, y := range years {
		cols = append(cols, column{header: "実績", format: fmtDec1}, column{header: "状況", format: fmtCenter})
		groups = append(groups, headerGroup{title: fiscalYearLabel(y), span: 2})
	}
	var rows [][]any
	for _, code := range order {
		k := byCode[code]
		format := fmtDec1
		if k.unit == "人" {
			format = fmtInt
		}
		r := []any{k.name, k.unit, cellAs{k.target, format}}
		for _, y := range years {
			status, ok := k.status[y]
			if !ok {
				status = "データなし"
			}
			r = append(r, cellAs{k.value[y], format}, status)
		}
		rows = append(rows, r)
		b.show("kpi." + code)
	}
	b.show("kpi.status")
	if len(rows) == 0 {
		return s.note("この期間の指標がありません（mart_kpi が空です）。")
	}
	t, err := s.table(cols, rows, groups...)
	if err != nil {
		return err
	}
	for i := range years {
		c := colName(4 + 2*i + 1)
		if err := b.statusFormat(s, fmt.Sprintf("%s%d:%s%d", c, t.first, c, t.last)); err != nil {
			return err
		}
	}
	// the group row and the header row repeat on every page
	s.repeatFirst, s.repeatLast = t.header-1, t.header
	s.freezeRow, s.freezeCol = t.header, 1
	return s.note("目標は設定ファイル（metrics.targets）の現在の値です。単位が % の指標は 0〜100 の値です。")
}

// statusFormat colours 達成 / 未達 / 目標なし / データなし cells.
func (b *book) statusFormat(s *sheet, ref string) error {
	return b.textColours(s, ref, map[string][2]string{
		"達成":    {"C6EFCE", "006100"},
		"未達":    {"FFC7CE", "9C0006"},
		"目標なし":  {"EDEDED", "595959"},
		"データなし": {"EDEDED", "595959"},
	})
}

// riskFormat colours 高 / 中 / 低 cells.
func (b *book) riskFormat(s *sheet, ref string) error {
	return b.textColours(s, ref, map[string][2]string{
		"高": {"FFC7CE", "9C0006"},
		"中": {"FFEB9C", "9C5700"},
		"低": {"C6EFCE", "006100"},
	})
}

// textColours adds one conditional format per text: cell == text → fill and font.
func (b *book) textColours(s *sheet, ref string, colours map[string][2]string) error {
	keys := make([]string, 0, len(colours))
	for k := range colours {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var opts []excelize.ConditionalFormatOptions
	for _, k := range keys {
		c := colours[k]
		id, err := b.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: c[1], Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}},
		})
		if err != nil {
			return err
		}
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Value: strconv.Quote(k), Format: &id})
	}
	return b.f.SetConditionalFormat(s.name, ref, opts)
}

// colorScale colours a block of scores from red (low) through yellow to
// green (high). Text cells (秘匿, —) are left uncoloured.
func (b *book) colorScale(s *sheet, ref string) error {
	return b.f.SetConditionalFormat(s.name, ref, []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "min", MidType: "percentile", MaxType: "max", MidValue: "50",
		MinColor: "#F8696B", MidColor: "#FFEB84", MaxColor: "#63BE7B",
	}})
}

// ---------------------------------------------------------------- 年齢構成

func (b *book) age(s *sheet) error {
	snap, err := queryDate(b.ctx, b.db, `SELECT max(snapshot_date) FROM mart_age_summary WHERE fiscal_year <= ?`, b.opt.FiscalYear)
	if err != nil {
		return err
	}
	if err := s.title("年齢構成", b.fyNote(), dateNote("基準日", snap)+"　／　職員数は常勤＋再任用フルタイム、年齢は基準日の法定年齢"); err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, 2
	s.freezeRow = 2
	b.show("age.pyramid", "age.summary", "common.headcount")
	if snap.IsZero() {
		return s.note("対象年度までの職員名簿がありません。")
	}
	pyr, err := query(b.ctx, b.db, `
		SELECT age_band, age_band_order, gender, headcount
		FROM mart_age_pyramid
		WHERE snapshot_date = ? AND dimension = '全体'
		ORDER BY age_band_order, gender`, snap)
	if err != nil {
		return err
	}
	genders := orderedValues(pyr, "gender", []string{"男性", "女性"})
	var bands []string
	cells := map[[2]string]int64{}
	for i := range pyr.len() {
		band := pyr.str(i, "age_band")
		if len(bands) == 0 || bands[len(bands)-1] != band {
			bands = append(bands, band)
		}
		n, _ := pyr.get(i, "headcount").(int64)
		cells[[2]string{band, pyr.str(i, "gender")}] += n
	}
	slot, err := s.reserveChart(0)
	if err != nil {
		return err
	}
	if err := s.heading("年齢区分・性別の職員数（全体）"); err != nil {
		return err
	}
	cols := []column{{header: "年齢区分", format: fmtCenter}}
	for _, g := range genders {
		cols = append(cols, column{header: g, format: fmtInt})
	}
	cols = append(cols, column{header: "計", format: fmtInt})
	var rows [][]any
	for _, band := range bands {
		r := []any{band}
		var sum int64
		for _, g := range genders {
			n := cells[[2]string{band, g}]
			sum += n
			r = append(r, n)
		}
		rows = append(rows, append(r, sum))
	}
	t, err := s.table(cols, rows)
	if err != nil {
		return err
	}
	var series []chartSeries
	palette := []string{colorBlue, colorOrange, colorGrey, colorGreen}
	for i := range genders {
		series = append(series, chartSeries{name: cellName(2+i, t.header), values: colName(2 + i), color: palette[i%len(palette)]})
	}
	if err := s.chartAt(slot, chartSpec{typ: excelize.Bar, title: "年齢区分・性別の職員数", table: t, catCol: "A", series: series, yTitle: "人"}); err != nil {
		return err
	}

	sum, err := query(b.ctx, b.db, `
		SELECT dimension, group_code, group_name, headcount, average_age, median_age,
		       share_51_plus, share_35_or_under, headcount_change, average_age_change
		FROM mart_age_summary
		WHERE snapshot_date = ? AND dimension IN ('全体', '部', '職種')
		ORDER BY group_code`, snap)
	if err != nil {
		return err
	}
	// the organisation's row heads both tables
	var total []any
	for i := range sum.len() {
		if sum.str(i, "dimension") == "全体" {
			total = ageRow(sum, i, "全体")
		}
	}
	for _, dim := range []string{"部", "職種"} {
		if err := s.heading(dim + "別の年齢構成"); err != nil {
			return err
		}
		var rows [][]any
		if total != nil {
			rows = append(rows, total)
		}
		for i := range sum.len() {
			if sum.str(i, "dimension") == dim {
				rows = append(rows, ageRow(sum, i, sum.str(i, "group_name")))
			}
		}
		if _, err := s.table([]column{
			{header: dim}, {header: "職員数", format: fmtInt},
			{header: "平均年齢", format: fmtDec1}, {header: "年齢の中央値", format: fmtDec1},
			{header: "51歳以上の割合（%）", format: fmtDec1}, {header: "35歳以下の割合（%）", format: fmtDec1},
			{header: "職員数の前年差", format: fmtInt}, {header: "平均年齢の前年差", format: fmtDec1},
		}, rows); err != nil {
			return err
		}
	}
	return nil
}

func ageRow(rs *rowset, i int, name string) []any {
	return []any{name, rs.get(i, "headcount"), rs.get(i, "average_age"), rs.get(i, "median_age"),
		rs.get(i, "share_51_plus"), rs.get(i, "share_35_or_under"), rs.get(i, "headcount_change"), rs.get(i, "average_age_change")}
}

// orderedValues lists the distinct values of col, first the preferred
// ones that occur, then the others sorted.
func orderedValues(rs *rowset, col string, preferred []string) []string {
	seen := map[string]bool{}
	for i := range rs.len() {
		seen[rs.str(i, col)] = true
	}
	var out []string
	for _, p := range preferred {
		if seen[p] {
			out = append(out, p)
			delete(seen, p)
		}
	}
	var rest []string
	for v := range seen {
		rest = append(rest, v)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// ---------------------------------------------------------------- 退職見込み

func (b *book) retirement(s *sheet) error {
	start, err := queryInt(b.ctx, b.db, `SELECT min(fiscal_year) FROM mart_retirement_projection`)
	if err != nil {
		return err
	}
	note := "今後10年度の見込み"
	if start > 0 {
		note = fmt.Sprintf("%s の基準日の職員名簿（常勤職員）から、%s 以降10年度を推計。昇任・異動・中途退職は見込みません。", eraFiscalYear(start), eraFiscalYear(start))
	}
	if err := s.title("退職見込み（定年退職・役職定年）", b.fyNote(), note); err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, 3
	s.freezeRow = 3
	b.show("retirement.retirements", "retirement.post_exits", "retirement.projected_headcount")
	if start == 0 {
		return s.note("退職見込みのデータがありません。")
	}
	rs, err := query(b.ctx, b.db, `
		WITH r AS (
		    SELECT fiscal_year, sum(retirements) AS retirements, sum(post_exits) AS post_exits
		    FROM mart_retirement_projection GROUP BY fiscal_year
		),
		p AS (
		    SELECT fiscal_year, sum(headcount) AS projected FROM mart_projected_pyramid GROUP BY fiscal_year
		)
		SELECT r.fiscal_year, r.retirements, r.post_exits, p.projected
		FROM r LEFT JOIN p USING (fiscal_year)
		ORDER BY r.fiscal_year`)
	if err != nil {
		return err
	}
	slot, err := s.reserveChart(0)
	if err != nil {
		return err
	}
	if err := s.heading("年度別の見込み（全体）"); err != nil {
		return err
	}
	var rows [][]any
	for i := range rs.len() {
		rows = append(rows, []any{eraFiscalYear(rs.int(i, "fiscal_year")), rs.get(i, "retirements"), rs.get(i, "post_exits"), rs.get(i, "projected")})
	}
	t, err := s.table([]column{
		{header: "年度", format: fmtCenter}, {header: "定年退職者数", format: fmtInt},
		{header: "役職定年者数", format: fmtInt}, {header: "推計職員数", format: fmtInt},
	}, rows)
	if err != nil {
		return err
	}
	if err := s.chartAt(slot, chartSpec{typ: excelize.Col, title: "定年退職・役職定年の見込み", table: t, catCol: "A", showVal: true, yTitle: "人",
		series: []chartSeries{{name: cellName(2, t.header), values: "B", color: colorBlue}, {name: cellName(3, t.header), values: "C", color: colorOrange}}}); err != nil {
		return err
	}

	for _, by := range []struct{ heading, label, key, name string }{
		{"部別の定年退職者数", "部", "dept_code", "min(dept_name)"},
		{"職種別の定年退職者数", "職種", "job_family", "job_family"},
	} {
		if err := s.heading(by.heading); err != nil {
			return err
		}
		m, err := query(b.ctx, b.db, fmt.Sprintf(`
			SELECT %[1]s AS key, %[2]s AS name, fiscal_year, sum(retirements) AS retirements
			FROM mart_retirement_projection
			GROUP BY %[1]s, fiscal_year
			ORDER BY %[1]s, fiscal_year`, by.key, by.name))
		if err != nil {
			return err
		}
		if err := b.yearMatrix(s, m, by.label); err != nil {
			return err
		}
	}
	return nil
}

// yearMatrix writes rows key/name × fiscal_year of retirements with a total column.
func (b *book) yearMatrix(s *sheet, m *rowset, label string) error {
	var years []int
	seenYear := map[int]bool{}
	type line struct {
		name string
		by   map[int]any
	}
	var keys []string
	lines := map[string]*line{}
	for i := range m.len() {
		y := m.int(i, "fiscal_year")
		if !seenYear[y] {
			seenYear[y] = true
			years = append(years, y)
		}
		k := m.str(i, "key")
		l := lines[k]
		if l == nil {
			l = &line{name: m.str(i, "name"), by: map[int]any{}}
			lines[k] = l
			keys = append(keys, k)
		}
		l.by[y] = m.get(i, "retirements")
	}
	sort.Ints(years)
	cols := []column{{header: label}}
	for _, y := range years {
		cols = append(cols, column{header: eraFiscalYear(y) + "\n" + strconv.Itoa(y), format: fmtInt, width: 10})
	}
	cols = append(cols, column{header: "計", format: fmtInt})
	var rows [][]any
	for _, k := range keys {
		l := lines[k]
		r := []any{l.name}
		var sum int64
		for _, y := range years {
			v := l.by[y]
			if n, ok := v.(int64); ok {
				sum += n
			}
			r = append(r, v)
		}
		rows = append(rows, append(r, sum))
	}
	_, err := s.table(cols, rows)
	return err
}

// ---------------------------------------------------------------- 後継者リスク

func (b *book) succession(s *sheet) error {
	snap, err := queryDate(b.ctx, b.db, `SELECT max(snapshot_date) FROM mart_succession_risk`)
	if err != nil {
		return err
	}
	if err := s.title("後継者リスク", b.fyNote(), dateNote("基準日", snap)+"　／　管理職・監督職の在職者（常勤）を1ポストとして集計"); err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, 3
	s.freezeRow = 3
	b.show("succession.posts", "succession.risk_level", "knowledge.risk_level")
	rs, err := query(b.ctx, b.db, `
		SELECT dept_code, min(dept_name) AS dept_name, sum(posts) AS posts,
		       sum(posts_high) AS high, sum(posts_medium) AS medium, sum(posts_low) AS low,
		       sum(posts_leaving_3y) AS leaving, sum(posts_without_successor) AS without
		FROM mart_succession_risk
		GROUP BY dept_code
		ORDER BY dept_code`)
	if err != nil {
		return err
	}
	var rows [][]any
	for i := range rs.len() {
		rows = append(rows, []any{rs.get(i, "dept_name"), rs.get(i, "posts"), rs.get(i, "high"), rs.get(i, "medium"),
			rs.get(i, "low"), rs.get(i, "leaving"), rs.get(i, "without")})
	}
	cols := []column{
		{header: "部"}, {header: "ポスト数", format: fmtInt}, {header: "リスク高", format: fmtInt},
		{header: "リスク中", format: fmtInt}, {header: "リスク低", format: fmtInt},
		{header: "3年度以内に空く", format: fmtInt}, {header: "後継者不在", format: fmtInt},
	}
	if _, err := s.writeBarSection(barSection{
		heading: "部別の後継者リスク", columns: cols, shown: rows,
		empty: "管理職・監督職のポストがありません。",
		chart: func(t tableRef) chartSpec {
			return chartSpec{typ: excelize.BarStacked, title: "部別ポスト数（後継者リスク別）", catCol: "A", reverse: true,
				series: []chartSeries{
					{name: cellName(3, t.header), values: "C", color: colorRed},
					{name: cellName(4, t.header), values: "D", color: colorAmber},
					{name: cellName(5, t.header), values: "E", color: colorGreen},
				}}
		},
	}); err != nil {
		return err
	}

	if err := s.heading("部・職層別の後継者リスク"); err != nil {
		return err
	}
	det, err := query(b.ctx, b.db, `
		SELECT dept_name, grade, posts, posts_high, posts_medium, posts_low, posts_leaving_3y, posts_without_successor
		FROM mart_succession_risk
		ORDER BY dept_code, grade_rank, grade`)
	if err != nil {
		return err
	}
	rows = nil
	for i := range det.len() {
		rows = append(rows, []any{det.get(i, "dept_name"), det.get(i, "grade"), det.get(i, "posts"), det.get(i, "posts_high"),
			det.get(i, "posts_medium"), det.get(i, "posts_low"), det.get(i, "posts_leaving_3y"), det.get(i, "posts_without_successor")})
	}
	detCols := append([]column{cols[0], {header: "職層", format: fmtCenter}}, cols[1:]...)
	if _, err := s.table(detCols, rows); err != nil {
		return err
	}

	if err := s.heading("職種別の技能継承リスク"); err != nil {
		return err
	}
	kt, err := query(b.ctx, b.db, `
		SELECT job_family, headcount, average_age, aged_55_plus, share_55_plus, under_40, is_small, risk_level
		FROM mart_knowledge_transfer
		WHERE snapshot_date = (SELECT max(snapshot_date) FROM mart_knowledge_transfer)
		ORDER BY CASE risk_level WHEN '高' THEN 0 WHEN '中' THEN 1 ELSE 2 END, headcount, job_family`)
	if err != nil {
		return err
	}
	rows = nil
	for i := range kt.len() {
		small := "—"
		if kt.truthy(i, "is_small") {
			small = "少数職種"
		}
		rows = append(rows, []any{kt.get(i, "job_family"), kt.get(i, "headcount"), kt.get(i, "average_age"), kt.get(i, "aged_55_plus"),
			kt.get(i, "share_55_plus"), kt.get(i, "under_40"), small, kt.get(i, "risk_level")})
	}
	t, err := s.table([]column{
		{header: "職種"}, {header: "職員数", format: fmtInt}, {header: "平均年齢", format: fmtDec1},
		{header: "55歳以上", format: fmtInt}, {header: "55歳以上の割合（%）", format: fmtDec1},
		{header: "40歳未満", format: fmtInt}, {header: "区分", format: fmtCenter}, {header: "リスク", format: fmtCenter},
	}, rows)
	if err != nil {
		return err
	}
	if !t.empty() {
		return b.riskFormat(s, fmt.Sprintf("H%d:H%d", t.first, t.last))
	}
	return nil
}

// ---------------------------------------------------------------- エンゲージメント

func (b *book) engagement(s *sheet) error {
	fy := b.opt.FiscalYear
	if err := s.title("エンゲージメント（職員意識調査）", b.fyNote(),
		"スコアは0〜100点。回答者が最小集団人数未満の集団は「秘匿」（0ではありません）。"); err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, 3
	s.freezeRow = 3
	b.show("engagement.trend", "engagement.heatmap", "engagement.key_drivers", "common.suppression")
	tr, err := query(b.ctx, b.db, `
		SELECT s.fiscal_year, s.survey_code, s.survey_date, s.respondents, r.response_rate, r.suppressed AS rate_suppressed,
		       s.score, s.favourable_share, s.change_since_previous, s.suppressed
		FROM mart_engagement_score AS s
		LEFT JOIN mart_response_rate AS r
		    ON r.survey_code = s.survey_code AND r.dimension = '全体'
		WHERE s.dimension = '全体' AND s.measure_kind = 'index' AND s.fiscal_year BETWEEN ? AND ?
		ORDER BY s.survey_date, s.survey_code`, fy-4, fy)
	if err != nil {
		return err
	}
	var shown, hidden [][]any
	for i := range tr.len() {
		sup := tr.truthy(i, "suppressed")
		r := []any{eraFiscalYear(tr.int(i, "fiscal_year")), tr.get(i, "survey_date"),
			orSecret(sup, tr.get(i, "respondents")), orSecret(tr.truthy(i, "rate_suppressed"), tr.get(i, "response_rate")),
			orSecret(sup, tr.get(i, "score")), orSecret(sup, tr.get(i, "favourable_share")), orSecret(sup, tr.get(i, "change_since_previous"))}
		// a chart plots text as 0: suppressed surveys go below the charted rows
		if sup || tr.get(i, "score") == nil {
			hidden = append(hidden, r)
		} else {
			shown = append(shown, r)
		}
	}
	slot, err := s.reserveChart(0)
	if err != nil {
		return err
	}
	if err := s.heading(fmt.Sprintf("エンゲージメント指数の推移（%s〜%s）", eraFiscalYear(fy-4), eraFiscalYear(fy))); err != nil {
		return err
	}
	if len(shown) == 0 {
		if err := s.noChart(slot); err != nil {
			return err
		}
	}
	if len(shown)+len(hidden) == 0 {
		if err := s.note("この期間の調査結果がありません。"); err != nil {
			return err
		}
	} else {
		t, err := s.table([]column{
			{header: "年度", format: fmtCenter}, {header: "調査日", format: fmtCenter, width: heatWidth},
			{header: "回答者数", format: fmtInt, width: heatWidth}, {header: "回答率（%）", format: fmtDec1, width: heatWidth},
			{header: "エンゲージメント指数", format: fmtDec1, width: heatWidth}, {header: "肯定的回答率（%）", format: fmtDec1, width: heatWidth},
			{header: "前回差（点）", format: fmtDec1, width: heatWidth},
		}, append(shown, hidden...))
		if err != nil {
			return err
		}
		if len(hidden) > 0 {
			if err := s.note("秘匿の調査はグラフに含めず、表の末尾に示しています。"); err != nil {
				return err
			}
		}
		if len(shown) > 0 {
			if err := s.chartAt(slot, chartSpec{typ: excelize.Line, title: "エンゲージメント指数の推移", table: t, rows: len(shown), catCol: "A", showVal: true, yTitle: "点", yMin: 0, yMax: 100,
				series: []chartSeries{{name: cellName(5, t.header), values: "E", color: colorBlue}}}); err != nil {
				return err
			}
		}
	}

	survey, err := query(b.ctx, b.db, `
		SELECT survey_code, survey_date, fiscal_year
		FROM mart_engagement_score
		WHERE fiscal_year <= ? AND dimension = '部'
		ORDER BY survey_date DESC, survey_code DESC
		LIMIT 1`, fy)
	if err != nil {
		return err
	}
	if survey.len() == 0 {
		return s.note("部別の調査結果がありません。")
	}
	code := survey.str(0, "survey_code")
	date, _ := survey.get(0, "survey_date").(time.Time)
	if err := s.heading(fmt.Sprintf("部 × カテゴリのスコア（%s、%s）", code, dateNote("調査日", date))); err != nil {
		return err
	}
	cells, err := query(b.ctx, b.db, `
		SELECT dimension, group_value, is_unanswered, measure_kind, measure, score, suppressed
		FROM mart_engagement_score
		WHERE survey_code = ? AND dimension IN ('全体', '部') AND measure_kind IN ('index', 'category')`, code)
	if err != nil {
		return err
	}
	order, err := query(b.ctx, b.db, `
		SELECT category, min(item_code) AS first_item
		FROM mart_engagement_item
		WHERE survey_code = ?
		GROUP BY category`, code)
	if err != nil {
		return err
	}
	firstItem := map[string]string{}
	for i := range order.len() {
		firstItem[order.str(i, "category")] = order.str(i, "first_item")
	}
	type key struct{ measure, group string }
	vals := map[key]any{}
	var measures, depts []string
	seenM, seenD := map[string]bool{}, map[string]bool{}
	indexName := ""
	unanswered := map[string]bool{}
	for i := range cells.len() {
		m := cells.str(i, "measure")
		g := cells.str(i, "group_value")
		if cells.str(i, "dimension") == "全体" {
			g = "全体"
		} else if !seenD[g] {
			seenD[g] = true
			depts = append(depts, g)
			if cells.truthy(i, "is_unanswered") {
				unanswered[g] = true
			}
		}
		if cells.str(i, "measure_kind") == "index" {
			indexName = m
		} else if !seenM[m] {
			seenM[m] = true
			measures = append(measures, m)
		}
		vals[key{m, g}] = orSecret(cells.truthy(i, "suppressed"), cells.get(i, "score"))
	}
	sort.Slice(measures, func(i, j int) bool {
		a, b := firstItem[measures[i]], firstItem[measures[j]]
		if a != b {
			return a < b
		}
		return measures[i] < measures[j]
	})
	if indexName != "" {
		measures = append([]string{indexName}, measures...)
	}
	sort.Slice(depts, func(i, j int) bool {
		if unanswered[depts[i]] != unanswered[depts[j]] {
			return !unanswered[depts[i]]
		}
		return depts[i] < depts[j]
	})
	groups := append([]string{"全体"}, depts...)
	cols := []column{{header: "カテゴリ"}}
	for _, g := range groups {
		cols = append(cols, column{header: g, format: fmtDec1, width: heatWidth})
	}
	var rows [][]any
	for _, m := range measures {
		r := []any{m}
		for _, g := range groups {
			r = append(r, vals[key{m, g}])
		}
		rows = append(rows, r)
	}
	t, err := s.table(cols, rows)
	if err != nil {
		return err
	}
	if !t.empty() {
		ref := fmt.Sprintf("B%d:%s%d", t.first, colName(len(cols)), t.last)
		if err := b.colorScale(s, ref); err != nil {
			return err
		}
	}
	if err := s.note("色は表内の相対的な高低（赤: 低い、黄: 中位、緑: 高い）。部は回答者が申告した所属です。"); err != nil {
		return err
	}
	s.blank()

	if err := s.heading("キードライバー（エンゲージメント指数と相関の高いカテゴリ）"); err != nil {
		return err
	}
	kd, err := query(b.ctx, b.db, `
		SELECT rank, category, correlation, score, gap_to_average, quadrant, suppressed
		FROM mart_key_drivers
		WHERE survey_code = ?
		ORDER BY rank NULLS LAST, category`, code)
	if err != nil {
		return err
	}
	rows = nil
	for i := range kd.len() {
		sup := kd.truthy(i, "suppressed")
		rows = append(rows, []any{kd.get(i, "category"), kd.get(i, "rank"), orSecret(sup, kd.get(i, "correlation")),
			orSecret(sup, kd.get(i, "score")), orSecret(sup, kd.get(i, "gap_to_average")), orSecret(sup, kd.get(i, "quadrant"))})
	}
	t, err = s.table([]column{
		{header: "カテゴリ"}, {header: "順位", format: fmtInt, width: heatWidth}, {header: "相関係数", format: fmtDec2, width: heatWidth},
		{header: "スコア", format: fmtDec1, width: heatWidth}, {header: "平均との差（点）", format: fmtDec1, width: heatWidth},
		{header: "区分", format: fmtCenter, width: heatWidth},
	}, rows)
	if err != nil {
		return err
	}
	if !t.empty() {
		return b.textColours(s, fmt.Sprintf("F%d:F%d", t.first, t.last), map[string][2]string{
			"重点改善": {"FFC7CE", "9C0006"},
			"重点維持": {"C6EFCE", "006100"},
		})
	}
	return nil
}

// ---------------------------------------------------------------- ストレスチェック

// stressRow is one group of mart_stress_group as a table row: suppressed
// groups show 秘匿 in every figure.
func stressRow(q *rowset, i int, label string) []any {
	sup := q.truthy(i, "suppressed")
	r := []any{label}
	for _, c := range []string{"respondents", "demand", "control", "supervisor_support", "coworker_support", "risk_a", "risk_b", "total_risk", "change_since_previous"} {
		r = append(r, orSecret(sup, q.get(i, c)))
	}
	return r
}

func stressColumns(first string) []column {
	return []column{
		{header: first}, {header: "回答者数", format: fmtInt, width: heatWidth},
		{header: "仕事の量的負担", format: fmtDec1, width: heatWidth}, {header: "仕事のコントロール", format: fmtDec1, width: heatWidth},
		{header: "上司の支援", format: fmtDec1, width: heatWidth}, {header: "同僚の支援", format: fmtDec1, width: heatWidth},
		{header: "健康リスクA", format: fmtInt, width: heatWidth}, {header: "健康リスクB", format: fmtInt, width: heatWidth},
		{header: "総合健康リスク", format: fmtInt, width: heatWidth}, {header: "前回差", format: fmtInt, width: heatWidth},
	}
}

// stress is the stress-check group analysis of the latest stress check of
// the fiscal year or before: the judgement chart's scale means and health
// risks per 部 (table and a bar chart of the total risk), then per 職層 and
// 年代.
func (b *book) stress(s *sheet) error {
	sv, err := query(b.ctx, b.db, `
		SELECT survey_code, survey_date, fiscal_year
		FROM mart_stress_group
		WHERE fiscal_year <= ?
		ORDER BY survey_date DESC, survey_code DESC
		LIMIT 1`, b.opt.FiscalYear)
	if err != nil {
		return err
	}
	note := "ストレスチェック: データなし"
	code := ""
	if sv.len() > 0 {
		code = sv.str(0, "survey_code")
		date, _ := sv.get(0, "survey_date").(time.Time)
		note = "ストレスチェック: " + code + "（" + dateNote("実施日", date) + "）"
	}
	if err := s.title("ストレスチェック（集団分析）", b.fyNote(), note+"　／　健康リスクは全国平均 = 100。回答者が最小集団人数（ストレスチェック）未満の集団は「秘匿」"); err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, 3
	s.freezeRow = 3
	b.show("stress.scales", "stress.risk", "stress.suppression")
	if code == "" {
		return s.note("対象年度までのストレスチェックの結果がありません。")
	}
	dept, err := query(b.ctx, b.db, `
		SELECT dimension, group_value, respondents, demand, control, supervisor_support, coworker_support,
		       risk_a, risk_b, total_risk, change_since_previous, suppressed
		FROM mart_stress_group
		WHERE survey_code = ? AND dimension IN ('全体', '部')
		ORDER BY dimension = '全体' DESC, suppressed, total_risk DESC NULLS LAST, is_unanswered, group_value`, code)
	if err != nil {
		return err
	}
	var shown, hidden [][]any
	for i := range dept.len() {
		r := stressRow(dept, i, dept.str(i, "group_value"))
		// a chart plots text as 0: suppressed groups go below the charted rows
		if dept.truthy(i, "suppressed") || dept.get(i, "total_risk") == nil {
			hidden = append(hidden, r)
		} else {
			shown = append(shown, r)
		}
	}
	if _, err := s.writeBarSection(barSection{
		heading: "部別の仕事のストレス判定図（総合健康リスクの高い順、先頭は全体）", columns: stressColumns("部"),
		shown: shown, hidden: hidden,
		notes: []string{"尺度は各3問の合計点の平均（3〜12点）。健康リスクA = 量-コントロール判定図、B = 職場の支援判定図、総合 = A × B ÷ 100（男女別に計算し回答者数で合成）。前回差は前回のストレスチェックとの差。"},
		chart: func(t tableRef) chartSpec {
			return chartSpec{typ: excelize.Bar, title: "部別の総合健康リスク（全国平均 = 100）", catCol: "A", reverse: true, showVal: true,
				series: []chartSeries{{name: cellName(9, t.header), values: "I", color: colorOrange}}}
		},
	}); err != nil {
		return err
	}
	s.blank()

	if err := s.heading("職層別・年代別"); err != nil {
		return err
	}
	groups, err := query(b.ctx, b.db, `
		SELECT dimension, group_value, respondents, demand, control, supervisor_support, coworker_support,
		       risk_a, risk_b, total_risk, change_since_previous, suppressed
		FROM mart_stress_group
		WHERE survey_code = ? AND dimension IN ('職層', '年代')
		ORDER BY dimension DESC, is_unanswered, group_value`, code)
	if err != nil {
		return err
	}
	var rows [][]any
	for i := range groups.len() {
		rows = append(rows, stressRow(groups, i, groups.str(i, "dimension")+"："+groups.str(i, "group_value")))
	}
	_, err = s.table(stressColumns("職層・年代"), rows)
	return err
}

// barChartHeight fits a horizontal bar chart to its number of categories,
// within what prints under the sheet's title on the first page.
func barChartHeight(categories int) uint {
	return uint(min(520, max(chartHeightPx, 70+22*categories)))
}

// heatWidth is the width of a matrix column (its header wraps), and of the
// columns of the tables that share the matrix's columns.
const heatWidth = 10

// orSecret is 秘匿 for a suppressed cell, the value otherwise.
func orSecret(suppressed bool, v any) any {
	if suppressed {
		return secret
	}
	return v
}

// ---------------------------------------------------------------- 研修・ギャップ

func (b *book) training(s *sheet) error {
	year, err := queryInt(b.ctx, b.db, `SELECT max(fiscal_year) FROM mart_training_completion WHERE fiscal_year <= ?`, b.opt.FiscalYear)
	if err != nil {
		return err
	}
	yearNote := "必修研修: データなし"
	if year > 0 {
		yearNote = "必修研修: " + fiscalYearLabel(year)
	}
	if err := s.title("研修・ギャップ", b.fyNote(), yearNote+"　／　対象者が最小集団人数未満のセルは「秘匿」"); err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, 3
	s.freezeRow = 3
	b.show("training.completion", "training.competency_coverage", "training.rotation_gap", "common.suppression")

	tc, err := query(b.ctx, b.db, `
		SELECT dept_code, dept_name, grade, grade_rank, staff, required, completed, overdue, completion_rate, suppressed
		FROM mart_training_completion
		WHERE fiscal_year = ?
		ORDER BY dept_code = '全体' DESC, dept_code, grade_rank NULLS LAST, grade`, year)
	if err != nil {
		return err
	}
	var shown, hidden [][]any
	for i := range tc.len() {
		if tc.str(i, "grade") != "全体" {
			continue
		}
		sup := tc.truthy(i, "suppressed")
		r := []any{tc.get(i, "dept_name"), orSecret(sup, tc.get(i, "staff")), orSecret(sup, tc.get(i, "required")),
			orSecret(sup, tc.get(i, "completed")), orSecret(sup, tc.get(i, "overdue")), orSecret(sup, tc.get(i, "completion_rate"))}
		if sup || tc.get(i, "completion_rate") == nil {
			hidden = append(hidden, r)
		} else {
			shown = append(shown, r)
		}
	}
	if _, err := s.writeBarSection(barSection{
		heading: "部別の必修研修修了率",
		columns: []column{
			{header: "部"}, {header: "対象者数", format: fmtInt}, {header: "必修件数", format: fmtInt},
			{header: "修了件数", format: fmtInt}, {header: "期限超過", format: fmtInt}, {header: "修了率（%）", format: fmtDec1},
		},
		shown: shown, hidden: hidden,
		empty: "対象年度の必修研修のデータがありません。",
		chart: func(t tableRef) chartSpec {
			return chartSpec{typ: excelize.Bar, title: "部別の必修研修修了率（%）", catCol: "A", reverse: true, showVal: true, yMin: 0, yMax: 100,
				series: []chartSeries{{name: cellName(6, t.header), values: "F", color: colorBlue}}}
		},
	}); err != nil {
		return err
	}
	if len(shown)+len(hidden) > 0 {

		if err := s.heading("部 × 職層の必修研修修了率（%）"); err != nil {
			return err
		}
		var grades, depts []string
		deptName := map[string]string{}
		seenG, seenD := map[string]bool{}, map[string]bool{}
		cell := map[[2]string]any{}
		for i := range tc.len() {
			g, d := tc.str(i, "grade"), tc.str(i, "dept_code")
			if !seenG[g] && g != "全体" {
				seenG[g] = true
				grades = append(grades, g)
			}
			if !seenD[d] {
				seenD[d] = true
				depts = append(depts, d)
				deptName[d] = tc.str(i, "dept_name")
			}
			cell[[2]string{d, g}] = orSecret(tc.truthy(i, "suppressed"), tc.get(i, "completion_rate"))
		}
		grades = append(grades, "全体")
		// 全体 (the organisation) is the last row of the matrix
		if len(depts) > 0 && depts[0] == "全体" {
			depts = append(depts[1:], "全体")
		}
		cols := []column{{header: "部"}}
		for _, g := range grades {
			cols = append(cols, column{header: g, format: fmtDec1, width: heatWidth})
		}
		var rows [][]any
		for _, d := range depts {
			r := []any{deptName[d]}
			for _, g := range grades {
				r = append(r, cell[[2]string{d, g}])
			}
			rows = append(rows, r)
		}
		mt, err := s.table(cols, rows)
		if err != nil {
			return err
		}
		if !mt.empty() {
			if err := b.colorScale(s, fmt.Sprintf("B%d:%s%d", mt.first, colName(len(cols)), mt.last)); err != nil {
				return err
			}
		}
	}

	if err := s.heading("職層 × 能力の充足率（能力マトリクスで必要とされる能力）"); err != nil {
		return err
	}
	cc, err := query(b.ctx, b.db, `
		SELECT snapshot_date, grade, competency, required_mark, coverage_threshold, staff, staff_developed, coverage, gap, suppressed
		FROM mart_competency_coverage
		WHERE required_weight > 0
		ORDER BY grade_rank NULLS LAST, grade, required_weight DESC, competency`)
	if err != nil {
		return err
	}
	var rows [][]any
	for i := range cc.len() {
		sup := cc.truthy(i, "suppressed")
		var gap any
		if g, ok := cc.get(i, "gap").(bool); ok {
			gap = "—"
			if g {
				gap = "ギャップあり"
			}
		}
		rows = append(rows, []any{cc.get(i, "grade"), cc.get(i, "competency"), cc.get(i, "required_mark"), cc.get(i, "coverage_threshold"),
			cc.get(i, "staff"), orSecret(sup, cc.get(i, "staff_developed")), orSecret(sup, cc.get(i, "coverage")), orSecret(sup, gap)})
	}
	t, err := s.table([]column{
		{header: "職層", format: fmtCenter}, {header: "能力"}, {header: "必要度", format: fmtCenter},
		{header: "基準（%）", format: fmtDec1}, {header: "職員数", format: fmtInt}, {header: "修了者数", format: fmtInt},
		{header: "充足率（%）", format: fmtDec1}, {header: "判定", format: fmtCenter},
	}, rows)
	if err != nil {
		return err
	}
	if !t.empty() {
		if err := b.textColours(s, fmt.Sprintf("H%d:H%d", t.first, t.last), map[string][2]string{"ギャップあり": {"FFC7CE", "9C0006"}}); err != nil {
			return err
		}
	}

	if err := s.heading("部別のジョブローテーションのギャップ"); err != nil {
		return err
	}
	rg, err := query(b.ctx, b.db, `
		SELECT dept_code, dept_name, staff, in_rotation_period, workplace_gap, long_posting, no_front_line, rotation_coverage
		FROM mart_rotation_gap
		ORDER BY dept_code = '全体' DESC, dept_code`)
	if err != nil {
		return err
	}
	rows = nil
	for i := range rg.len() {
		rows = append(rows, []any{rg.get(i, "dept_name"), rg.get(i, "staff"), rg.get(i, "in_rotation_period"), rg.get(i, "workplace_gap"),
			rg.get(i, "long_posting"), rg.get(i, "no_front_line"), rg.get(i, "rotation_coverage")})
	}
	_, err = s.table([]column{
		{header: "部"}, {header: "職員数", format: fmtInt}, {header: "ローテーション期間中", format: fmtInt},
		{header: "職場数不足", format: fmtInt}, {header: "長期在職", format: fmtInt}, {header: "現場経験なし", format: fmtInt},
		{header: "達成率（%）", format: fmtDec1},
	}, rows)
	return err
}

// ---------------------------------------------------------------- HR only

// rosterNames are the names of the latest roster snapshot (HR only).
const rosterNames = `names AS (
    SELECT employee_id, min(name) AS name
    FROM roster
    WHERE snapshot_date = (SELECT max(snapshot_date) FROM roster)
    GROUP BY employee_id
)`

func (b *book) hrBanner(s *sheet, title string, notes ...string) error {
	if err := s.title("【取扱注意】"+title, append([]string{"個人情報を含みます。人事担当者限り（複製・転送・印刷物の放置をしないでください）。　" + b.fyNote()}, notes...)...); err != nil {
		return err
	}
	return b.f.SetCellStyle(s.name, "A1", "A1", b.st.hrTitle)
}

func (b *book) hrPosts(s *sheet) error {
	n := b.opt.VacateWithinYears
	snap, err := queryDate(b.ctx, b.db, `SELECT max(snapshot_date) FROM hr_succession_post`)
	if err != nil {
		return err
	}
	if err := b.hrBanner(s, "後継者一覧（空く予定のポストと在職者）",
		dateNote("基準日", snap)+fmt.Sprintf("　／　%d年度以内（残年数 %d 未満）に空くポスト。残年数0 = 今年度末に空く。", n, n)); err != nil {
		return err
	}
	b.show("hr.succession_list", "succession.risk_level")
	rs, err := query(b.ctx, b.db, `WITH `+rosterNames+`
		SELECT p.employee_id, n.name, p.dept_name, p.section_name, p.grade, p.job_family, p.age,
		       p.exit_fiscal_year, p.years_to_exit, p.exit_reason, p.candidates, p.ready_successors, p.risk_level, p.on_leave
		FROM hr_succession_post AS p
		LEFT JOIN names AS n USING (employee_id)
		WHERE p.years_to_exit < ?
		ORDER BY p.years_to_exit, CASE p.risk_level WHEN '高' THEN 0 WHEN '中' THEN 1 ELSE 2 END, p.dept_code, p.grade_class, p.employee_id`, n)
	if err != nil {
		return err
	}
	var rows [][]any
	for i := range rs.len() {
		exit := any(nil)
		if y := rs.int(i, "exit_fiscal_year"); y > 0 {
			exit = eraFiscalYear(y) + "末"
		}
		rows = append(rows, []any{rs.get(i, "employee_id"), rs.get(i, "name"), rs.get(i, "dept_name"), rs.get(i, "section_name"),
			rs.get(i, "grade"), rs.get(i, "job_family"), rs.get(i, "age"), exit, rs.get(i, "years_to_exit"), rs.get(i, "exit_reason"),
			rs.get(i, "candidates"), rs.get(i, "ready_successors"), rs.get(i, "risk_level"), rs.get(i, "on_leave")})
	}
	t, err := s.table([]column{
		{header: "職員番号", format: fmtCenter}, {header: "氏名"}, {header: "部"}, {header: "課"}, {header: "職層", format: fmtCenter},
		{header: "職種"}, {header: "年齢", format: fmtInt}, {header: "空く時期", format: fmtCenter}, {header: "残年数", format: fmtInt},
		{header: "理由", format: fmtCenter}, {header: "後継候補", format: fmtInt}, {header: "準備完了", format: fmtInt},
		{header: "リスク", format: fmtCenter}, {header: "休職中", format: fmtCenter},
	}, rows)
	if err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, t.header
	s.freezeRow, s.freezeCol = t.header, 2
	if t.empty() {
		return s.note("該当するポストはありません。")
	}
	return b.riskFormat(s, fmt.Sprintf("M%d:M%d", t.first, t.last))
}

func (b *book) hrOverdue(s *sheet) error {
	year, err := queryInt(b.ctx, b.db, `SELECT max(fiscal_year) FROM hr_training_requirement WHERE fiscal_year <= ?`, b.opt.FiscalYear)
	if err != nil {
		return err
	}
	yearNote := "データなし"
	if year > 0 {
		yearNote = fiscalYearLabel(year)
	}
	if err := b.hrBanner(s, "必修研修の期限超過者", "必修研修の年度: "+yearNote+"　／　期限（年度末）を過ぎて修了記録のない研修"); err != nil {
		return err
	}
	b.show("hr.overdue_list")
	rs, err := query(b.ctx, b.db, `WITH `+rosterNames+`
		SELECT t.employee_id, n.name, t.dept_name, t.grade, t.course_code, t.course_name, t.rule, t.due_date, t.status, t.on_leave
		FROM hr_training_requirement AS t
		LEFT JOIN names AS n USING (employee_id)
		WHERE t.fiscal_year = ? AND t.status = '期限超過'
		ORDER BY t.dept_code, t.grade, t.employee_id, t.course_code`, year)
	if err != nil {
		return err
	}
	var rows [][]any
	for i := range rs.len() {
		rows = append(rows, []any{rs.get(i, "employee_id"), rs.get(i, "name"), rs.get(i, "dept_name"), rs.get(i, "grade"),
			rs.get(i, "course_code"), rs.get(i, "course_name"), rs.get(i, "rule"), rs.get(i, "due_date"), rs.get(i, "status"), rs.get(i, "on_leave")})
	}
	t, err := s.table([]column{
		{header: "職員番号", format: fmtCenter}, {header: "氏名"}, {header: "部"}, {header: "職層", format: fmtCenter},
		{header: "研修コード", format: fmtCenter}, {header: "研修名"}, {header: "要件", format: fmtCenter},
		{header: "期限", format: fmtCenter}, {header: "状況", format: fmtCenter}, {header: "休職中", format: fmtCenter},
	}, rows)
	if err != nil {
		return err
	}
	s.repeatFirst, s.repeatLast = 1, t.header
	s.freezeRow, s.freezeCol = t.header, 2
	if t.empty() {
		return s.note("期限超過の必修研修はありません。")
	}
	return nil
}

// ---------------------------------------------------------------- 他団体比較

// PeerWithheldText is written for a metric whose peer group has fewer than
// three organisations.
const PeerWithheldText = "比較対象が3団体未満のため表示しません"

func (b *book) peers(s *sheet) error {
	org := b.opt.OrgCode
	year, err := queryInt(b.ctx, b.db, `SELECT coalesce(max(fiscal_year), 0) FROM mart_peer_benchmark WHERE org_code = ? AND fiscal_year <= ?`, org, b.opt.FiscalYear)
	if err != nil {
		return err
	}
	yearNote := "データなし"
	if year > 0 {
		yearNote = fiscalYearLabel(year)
	}
	if err := s.title("他団体との比較", "年度: "+yearNote,
		"比較団体の中央値・四分位のみを示し、個別の団体の数値は示しません（指定した比較団体を除く）。"); err != nil {
		return err
	}
	b.show("peers.benchmark")
	rs, err := query(b.ctx, b.db, `SELECT metric_name, unit, own_value, peer_median, peer_p25, peer_p75, peer_n, withheld
		FROM mart_peer_benchmark WHERE org_code = ? AND fiscal_year = ? ORDER BY metric_order`, org, year)
	if err != nil {
		return err
	}
	var rows [][]any
	for i := range rs.len() {
		remark := ""
		if w, _ := rs.get(i, "withheld").(bool); w {
			remark = PeerWithheldText
		}
		rows = append(rows, []any{rs.get(i, "metric_name"), rs.get(i, "unit"), rs.get(i, "own_value"), rs.get(i, "peer_median"),
			rs.get(i, "peer_p25"), rs.get(i, "peer_p75"), rs.get(i, "peer_n"), remark})
	}
	t, err := s.table([]column{
		{header: "指標"}, {header: "単位", format: fmtCenter}, {header: "自団体", format: fmtDec1}, {header: "中央値", format: fmtDec1},
		{header: "第1四分位", format: fmtDec1}, {header: "第3四分位", format: fmtDec1}, {header: "比較団体数", format: fmtInt}, {header: "備考"},
	}, rows)
	if err != nil {
		return err
	}
	if t.empty() {
		return s.note("他団体との比較のデータがありません。")
	}
	named, err := query(b.ctx, b.db, `SELECT peer_name, metric_name, unit, value
		FROM mart_peer_named WHERE org_code = ? AND fiscal_year = ? ORDER BY peer_code, metric_order`, org, year)
	if err != nil {
		return err
	}
	if named.len() == 0 {
		return nil
	}
	s.blank()
	if err := s.heading("指定した比較団体の数値"); err != nil {
		return err
	}
	rows = nil
	for i := range named.len() {
		rows = append(rows, []any{named.get(i, "peer_name"), named.get(i, "metric_name"), named.get(i, "unit"), named.get(i, "value")})
	}
	_, err = s.table([]column{{header: "団体"}, {header: "指標"}, {header: "単位", format: fmtCenter}, {header: "数値", format: fmtDec1}}, rows)
	return err
}

// ---------------------------------------------------------------- 定義

func (b *book) definitionsSheet(s *sheet) error {
	if err := s.title("定義", b.fyNote(), "本書の各数値の定義（jinzai の docs/metrics と同じ内容の要約）。"); err != nil {
		return err
	}
	var rows [][]any
	for _, d := range b.defs {
		if !b.shownDefs[d.Key] && d.Sheet != "共通" {
			continue
		}
		if d.Audience == AudienceHR && b.opt.Audience != AudienceHR {
			continue
		}
		rows = append(rows, []any{d.Sheet, d.Name, d.Definition, d.Source})
	}
	const defWidth, nameWidth = 90.0, 30.0
	t, err := s.table([]column{
		{header: "シート", format: fmtCenter}, {header: "項目", format: fmtWrap, width: nameWidth},
		{header: "定義", format: fmtWrap, width: defWidth}, {header: "出典（集計表）"},
	}, rows)
	if err != nil {
		return err
	}
	for i, r := range rows {
		lines := math.Max(math.Ceil(textWidth(r[2].(string))/(defWidth-4)), math.Ceil(textWidth(r[1].(string))/(nameWidth-3)))
		if err := b.f.SetRowHeight(s.name, t.first+i, 15*math.Max(lines, 1)+3); err != nil {
			return err
		}
	}
	s.repeatFirst, s.repeatLast = t.header, t.header
	s.freezeRow = t.header
	return nil
}
