package dashboards

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// peerMarts adds hand-made peer marts to a fixture database: city1's own
// rows (one metric withheld), a named peer city2, and rows of city3 that
// city1's pages must never show.
var peerMarts = []string{
	`CREATE TABLE mart_peer_benchmark AS SELECT * FROM (VALUES
		('city1', 2024, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 29.6, 4, 30.2, 29.9, 30.7, false),
		('city1', 2024, 'total_health_risk', 6, '総合健康リスク（全国平均=100）', '', 100.8, 2, NULL, NULL, NULL, true),
		('city1', 2023, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 11.1, 4, 22.2, 21.1, 23.3, false),
		('city3', 2024, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 77.7, 4, 30.2, 29.9, 30.7, false)
	) t(org_code, fiscal_year, metric, metric_order, metric_name, unit, own_value, peer_n, peer_median, peer_p25, peer_p75, withheld)`,
	`CREATE TABLE mart_peer_named AS SELECT * FROM (VALUES
		('city1', 'city2', 'あおば町', 2024, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 31.4),
		('city3', 'city4', 'ひかり村', 2024, 'share_51_plus', 1, '51歳以上の職員の割合', '%', 88.8)
	) t(org_code, peer_code, peer_name, fiscal_year, metric, metric_order, metric_name, unit, value)`,
}

func peerDB(t testing.TB) *sql.DB {
	t.Helper()
	db := demoDB(t)
	for _, q := range peerMarts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestWithPeersAddsTheComparisonToTheOverviewOnly(t *testing.T) {
	pages, err := WithPeers(DefaultPages(), "city1", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := validatePages(pages); err != nil {
		t.Fatal(err)
	}
	if pages[0].Tables[0].ID != "peers" || pages[0].Tables[1].ID != "named-peers" {
		t.Fatalf("overview tables: %v", pages[0].Tables)
	}
	if len(DefaultPages()[0].Tables) != len(pages[0].Tables)-2 {
		t.Fatal("WithPeers changed the default pages")
	}
	if _, err := WithPeers(DefaultPages(), "city1'; drop", false); err == nil {
		t.Fatal("a bad organisation code was accepted")
	}
}

// The overview of an organisation shows its own figures and the peer
// group's, says when the group is too small, shows a named peer, and never
// another organisation's own figure.
func TestPeerSectionOnTheOverview(t *testing.T) {
	db := peerDB(t)
	site, err := Build(context.Background(), db, Options{OutDir: filepath.Join(t.TempDir(), "site"), Organisation: "みどり市",
		EChartsJS: fakeRuntime(t), OrgCode: "city1", NamedPeers: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(site.Dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"他団体との比較", "29.6", "30.2", "29.9", "30.7", PeerWithheldText, "あおば町", "31.4"} {
		if !strings.Contains(html, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	for _, never := range []string{"77.7", "88.8", "ひかり村", "11.1"} {
		if strings.Contains(html, never) {
			t.Errorf("overview shows %q (another organisation or an old year)", never)
		}
	}
	// Without an organisation code the site is as before.
	site, err = Build(context.Background(), db, Options{OutDir: filepath.Join(t.TempDir(), "plain"), EChartsJS: fakeRuntime(t)})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(site.Dir, "index.html"))
	if strings.Contains(string(b), "他団体との比較") {
		t.Error("the comparison appears without an organisation")
	}
}

// The browser test of a multi-organisation overview: every chart draws as
// on any page, and the comparison section is there, as seen by a reader.
func TestPeerOverviewInBrowser(t *testing.T) {
	bin := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	runtime := echartsForTest(t, ctx)
	db := peerDB(t)
	site, err := Build(ctx, db, Options{OutDir: filepath.Join(t.TempDir(), "site"), Organisation: "みどり市", EChartsJS: runtime,
		OrgCode: "city1", NamedPeers: true})
	if err != nil {
		t.Fatal(err)
	}
	s := openBrowser(t, ctx, bin, screenshotsDir(t))
	st := s.checkOne(t, filepath.Join(site.Dir, "index.html"), "index-peers")
	if !allDrawn(st) {
		t.Errorf("overview charts not drawn: %+v", st.Charts)
	}
	var got struct {
		Peers, Named string
		Rows         int
	}
	if err := s.b.evaluate(ctx, s.session, `(() => {
		const p = document.getElementById('peers'), n = document.getElementById('named-peers');
		return {Peers: p ? p.innerText : '', Named: n ? n.innerText : '', Rows: p ? p.querySelectorAll('tbody tr').length : 0};
	})()`, &got); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"他団体との比較", "中央値", "第1四分位", "第3四分位", "29.6", "30.2", PeerWithheldText} {
		if !strings.Contains(got.Peers, want) {
			t.Errorf("the comparison section lacks %q:\n%s", want, got.Peers)
		}
	}
	if got.Rows != 2 {
		t.Errorf("comparison rows %d, want 2 (this organisation's latest year)", got.Rows)
	}
	if !strings.Contains(got.Named, "あおば町") || strings.Contains(got.Named, "ひかり村") {
		t.Errorf("named peers section: %q", got.Named)
	}
	if strings.Contains(got.Peers, "77.7") {
		t.Error("another organisation's own value is shown")
	}
}
