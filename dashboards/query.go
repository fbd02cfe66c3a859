package dashboards

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// value is one cell of a query result, reduced to what a page shows.
type value struct {
	null  bool
	isNum bool
	isInt bool
	num   float64
	text  string // the cell as text (numbers without grouping)
}

// result is a query result held in memory: marts are aggregates, so a
// chart's result is small (hundreds of rows, not one per employee).
type result struct {
	cols  []string
	index map[string]int
	rows  [][]value
}

// maxRows guards against a query that returns individual rows by mistake.
const maxRows = 50000

func runQuery(ctx context.Context, db *sql.DB, q string, args []any) (*result, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	res := &result{cols: cols, index: map[string]int{}}
	for i, c := range cols {
		res.index[c] = i
	}
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for rows.Next() {
		if len(res.rows) >= maxRows {
			return nil, fmt.Errorf("more than %d rows: a dashboard reads aggregated marts, not one row per person", maxRows)
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]value, len(cols))
		for i, v := range raw {
			row[i] = toValue(v)
		}
		res.rows = append(res.rows, row)
	}
	return res, rows.Err()
}

// col returns the index of a column the chart needs, or an error naming
// what the query returned.
func (r *result) col(name string) (int, error) {
	i, ok := r.index[name]
	if !ok {
		return 0, fmt.Errorf("column %q not in the query result (columns: %s)", name, strings.Join(r.cols, ", "))
	}
	return i, nil
}

func toValue(v any) value {
	switch x := v.(type) {
	case nil:
		return value{null: true}
	case int64:
		return intValue(x)
	case int32:
		return intValue(int64(x))
	case int16:
		return intValue(int64(x))
	case int8:
		return intValue(int64(x))
	case int:
		return intValue(int64(x))
	case uint64:
		return floatValue(float64(x))
	case uint32:
		return intValue(int64(x))
	case uint16:
		return intValue(int64(x))
	case uint8:
		return intValue(int64(x))
	case float64:
		return floatValue(x)
	case float32:
		return floatValue(float64(x))
	case *big.Int:
		if x.IsInt64() {
			return intValue(x.Int64())
		}
		f, _ := new(big.Float).SetInt(x).Float64()
		return floatValue(f)
	case interface{ Float64() float64 }: // DECIMAL
		return floatValue(x.Float64())
	case bool:
		return value{text: strconv.FormatBool(x)}
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return value{text: x.Format("2006-01-02")}
		}
		return value{text: x.Format("2006-01-02 15:04")}
	case []byte:
		return value{text: string(x)}
	case string:
		return value{text: x}
	default:
		return value{text: fmt.Sprint(x)}
	}
}

func intValue(n int64) value {
	return value{isNum: true, isInt: true, num: float64(n), text: strconv.FormatInt(n, 10)}
}

func floatValue(f float64) value {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return value{null: true}
	}
	return value{isNum: true, isInt: f == math.Trunc(f) && math.Abs(f) < 1e15, num: f, text: strconv.FormatFloat(f, 'f', -1, 64)}
}

// truthy reads a suppression flag: true, 1, t, yes, y.
func (v value) truthy() bool {
	if v.null {
		return false
	}
	if v.isNum {
		return v.num != 0
	}
	switch strings.ToLower(strings.TrimSpace(v.text)) {
	case "true", "t", "1", "yes", "y":
		return true
	}
	return false
}

// category is the text of a category cell: numbers without grouping
// (2024, not 2,024), NULL as —.
func (v value) category() string {
	if v.null {
		return "—"
	}
	return v.text
}

// display formats a cell for an HTML table or a card: grouped integers for
// measures, up to digits decimals (two when digits is 0), — for NULL.
func (v value) display(col string, digits int) string {
	if v.null {
		return "—"
	}
	if !v.isNum {
		switch v.text {
		case "true":
			return "はい"
		case "false":
			return "いいえ"
		}
		return v.text
	}
	if isKeyColumn(col) {
		return v.text
	}
	if digits == 0 && v.isInt {
		return groupDigits(strconv.FormatInt(int64(v.num), 10))
	}
	d := digits
	if d == 0 {
		d = 2
	}
	s := strconv.FormatFloat(v.num, 'f', d, 64)
	if digits == 0 && strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:] // -0.0 after rounding is 0.0
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	out := groupDigits(intPart)
	if hasFrac {
		out += "." + frac
	}
	return out
}

// isKeyColumn tells columns whose numbers are names (years, codes, ranks),
// printed without digit grouping.
func isKeyColumn(col string) bool {
	c := strings.ToLower(col)
	return strings.Contains(c, "year") || strings.HasSuffix(c, "_code") || strings.HasSuffix(c, "_id") ||
		c == "rank" || c == "code" || strings.HasSuffix(c, "_order") || strings.Contains(c, "年度")
}

func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) > 3 {
		var b strings.Builder
		pre := len(s) % 3
		if pre > 0 {
			b.WriteString(s[:pre])
		}
		for i := pre; i < len(s); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(s[i : i+3])
		}
		s = b.String()
	}
	if neg {
		return "-" + s
	}
	return s
}

// ColumnLabel is the Japanese header of a mart column; unknown names are
// returned unchanged (so a query can also alias a column in Japanese).
func ColumnLabel(name string) string {
	if l, ok := columnLabels[name]; ok {
		return l
	}
	return name
}

// columnLabels is read-only: the Japanese header of each provisional mart column.
var columnLabels = map[string]string{
	"snapshot_date": "基準日", "fiscal_year": "年度", "dimension": "区分", "group_code": "コード",
	"group_name": "名称", "age_band": "年齢階層", "age_band_order": "階層順", "gender": "性別",
	"headcount": "職員数", "average_age": "平均年齢", "median_age": "年齢中央値",
	"share_51_plus": "51歳以上の割合", "share_35_or_under": "35歳以下の割合",
	"headcount_change": "職員数の前年差", "average_age_change": "平均年齢の前年差",
	"share_51_plus_change": "51歳以上割合の前年差", "dept_code": "部署コード", "dept_name": "部署",
	"grade": "職層", "job_family": "職種", "retirements": "定年退職者数", "post_exits": "役職定年者数",
	"scenario": "シナリオ", "posts": "管理職ポスト数", "posts_high": "高リスク", "posts_medium": "中リスク",
	"posts_low": "低リスク", "share_55_plus": "55歳以上の割合", "under_40": "40歳未満の人数",
	"is_small": "少数職種", "risk_level": "リスク", "survey_code": "調査", "survey_date": "調査日",
	"group_value": "対象", "measure": "項目", "respondents": "回答者数", "score": "スコア",
	"favourable_share": "肯定的回答の割合", "suppressed": "秘匿", "change_since_previous": "前回調査からの変化",
	"response_rate": "回答率", "category": "カテゴリー", "correlation": "エンゲージメントとの相関",
	"gap_to_average": "平均との差", "rank": "順位", "priority": "優先度", "required": "必須研修(件)",
	"completed": "修了(件)", "overdue": "期限超過(件)", "completion_rate": "修了率", "competency": "能力",
	"required_weight": "必要度", "coverage": "充足率", "staff": "職員数", "workplace_gap": "職場経験数の不足",
	"long_posting": "長期在籍", "no_front_line": "窓口等の経験なし", "rotation_coverage": "ローテーション充足率",
	"kpi_code": "指標コード", "kpi_name": "指標", "unit": "単位", "value": "実績", "target": "目標",
	"status": "達成状況", "change": "前年差", "kind": "データの種類", "scope": "対象範囲",
	"batch_id": "取込番号", "file_name": "ファイル名", "rows_loaded": "取込件数", "finished_at": "取込日時",
	"kind_name": "データの種類", "rows_in_use": "使用中の件数", "rows_rejected": "除外件数", "data_date": "データの日付",
	"kind_as_of": "基準日・最新日付", "required_mark": "必要度", "staff_developed": "育成済みの人数",
	"grade_rank": "職層順位", "measure_kind": "項目の種類", "quadrant": "区分",
	"is_unanswered": "所属未回答", "favourable_share_change": "肯定的回答割合の前回差", "aged_55_plus": "55歳以上の人数",
	"posts_leaving_3y": "3年以内に空くポスト", "posts_without_successor": "後継候補のいないポスト",
	"in_rotation_period": "ローテーション期間中", "without_postings": "異動履歴なし", "regular_headcount": "常勤職員数",
	"median_age_change": "年齢中央値の前年差", "share_35_or_under_change": "35歳以下割合の前年差", "issue": "課題",
	"demand": "仕事の量的負担", "control": "仕事のコントロール", "supervisor_support": "上司の支援",
	"coworker_support": "同僚の支援", "risk_a": "健康リスクA", "risk_b": "健康リスクB", "total_risk": "総合健康リスク",
	"previous_survey_code": "前回の調査", "scale_name": "尺度", "domain": "領域", "mean": "平均点",
	"min_score": "最小", "max_score": "最大", "higher_is_better": "高いほど良い", "instrument": "指標の種類",
	"promoters_share": "推奨者の割合", "detractors_share": "批判者の割合", "norm_set": "全国平均・係数",
}
