package reports

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A named organisation's workbook has a 他団体比較 sheet: its own figures,
// the peer group's median and quartiles, the withheld message, and its
// named peer; another organisation's own figure never appears.
func TestPeerSheet(t *testing.T) {
	st := openFixture(t)
	for _, q := range []string{
		`CREATE TABLE mart_peer_benchmark AS SELECT * FROM (VALUES
			('city1', 2026, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 29.6, 4, 30.2, 29.9, 30.7, false),
			('city1', 2026, 'total_health_risk', 6, '総合健康リスク（全国平均=100）', '', 100.8, 2, NULL, NULL, NULL, true),
			('city3', 2026, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 77.7, 4, 30.2, 29.9, 30.7, false)
		) t(org_code, fiscal_year, metric, metric_order, metric_name, unit, own_value, peer_n, peer_median, peer_p25, peer_p75, withheld)`,
		`CREATE TABLE mart_peer_named AS SELECT * FROM (VALUES
			('city1', 'city2', 'あおば町', 2026, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 31.4)
		) t(org_code, peer_code, peer_name, fiscal_year, metric, metric_order, metric_name, unit, value)`,
	} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "r.xlsx")
	if err := Write(context.Background(), st.DB(), Options{Path: p, FiscalYear: 2026, Organisation: "みどり市", OrgCode: "city1", Now: fixtureNow}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !slices.Contains(f.GetSheetList(), sheetPeers) {
		t.Fatalf("sheets %v lack %s", f.GetSheetList(), sheetPeers)
	}
	rows, err := f.GetRows(sheetPeers)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"51歳以上の職員の割合|%|29.6|30.2|29.9|30.7|4", PeerWithheldText, "あおば町|51歳以上の職員の割合|%|31.4"} {
		if !strings.Contains(text, want) {
			t.Errorf("sheet lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "77.7") {
		t.Error("another organisation's own value is in the sheet")
	}
	// Without an organisation code, no such sheet.
	fx, _ := writeFixture(t, AudienceManagement)
	if slices.Contains(fx.GetSheetList(), sheetPeers) {
		t.Error("the default workbook has a peer sheet")
	}
}
