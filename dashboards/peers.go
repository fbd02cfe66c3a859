package dashboards

import (
	"fmt"
	"regexp"
)

// PeerWithheldText is shown for a metric whose peer group has fewer than
// three organisations.
const PeerWithheldText = "比較対象が3団体未満のため表示しません"

var reOrgCode = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// WithPeers adds to the overview page of pages the 他団体との比較 section of
// the organisation org (docs/metrics/peers.md): its own figures beside the
// peer group's median and quartiles (mart_peer_benchmark), and, when named
// is set, the figures of its configured named peers (mart_peer_named). No
// other organisation's single figure is read. The pages are copied.
func WithPeers(pages []Page, org string, named bool) ([]Page, error) {
	if !reOrgCode.MatchString(org) {
		return nil, fmt.Errorf("dashboards: organisation code %q: use 1-32 of a-z, 0-9 and _", org)
	}
	// org is validated: safe to write as a literal.
	latest := `(SELECT max(fiscal_year) FROM mart_peer_benchmark WHERE org_code = '` + org + `')`
	tables := []Table{{
		ID:    "peers",
		Title: "他団体との比較（最新年度）",
		Note: "自団体の数値と、比較対象団体（このデータベースのすべての団体、自団体を含む）の中央値・第1四分位（25%）・第3四分位（75%）です。" +
			"個別の団体の数値は表示しません。" + PeerWithheldText + "（指標ごと）。",
		Query: `SELECT fiscal_year, metric_name, unit, own_value, peer_median, peer_p25, peer_p75, peer_n,
       CASE WHEN withheld THEN '` + PeerWithheldText + `' ELSE '' END AS remark
FROM mart_peer_benchmark
WHERE org_code = '` + org + `' AND fiscal_year = ` + latest + `
ORDER BY metric_order`,
		Columns: []Column{
			{Name: "fiscal_year", Label: "年度"}, {Name: "metric_name", Label: "指標"}, {Name: "unit", Label: "単位"},
			{Name: "own_value", Label: "自団体", Digits: 1}, {Name: "peer_median", Label: "中央値", Digits: 1},
			{Name: "peer_p25", Label: "第1四分位", Digits: 1}, {Name: "peer_p75", Label: "第3四分位", Digits: 1},
			{Name: "peer_n", Label: "比較団体数"}, {Name: "remark", Label: "備考"},
		},
	}}
	if named {
		tables = append(tables, Table{
			ID:    "named-peers",
			Title: "指定した比較団体の数値（最新年度）",
			Note:  "設定で比較団体として指定した団体の数値です (organisations.named_peers)。",
			Query: `SELECT fiscal_year, peer_name, metric_name, unit, value
FROM mart_peer_named
WHERE org_code = '` + org + `' AND fiscal_year = ` + latest + `
ORDER BY peer_code, metric_order`,
			Columns: []Column{
				{Name: "fiscal_year", Label: "年度"}, {Name: "peer_name", Label: "団体"}, {Name: "metric_name", Label: "指標"},
				{Name: "unit", Label: "単位"}, {Name: "value", Label: "数値", Digits: 1},
			},
		})
	}
	out := make([]Page, len(pages))
	copy(out, pages)
	for i, p := range out {
		if p.Slug == "index" {
			p.Tables = append(append([]Table{}, tables...), p.Tables...)
			out[i] = p
		}
	}
	return out, nil
}
