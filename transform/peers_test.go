package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// peerOrg is one organisation of the fixture: hand-made mart rows for
// FY2026. A nil value is a NULL (suppressed) figure.
type peerOrg struct {
	code                 string
	share51, averageAge  float64
	engagement, response *float64
	training             *float64
	risk                 *float64 // NULL risk = the 全体 group suppressed
}

func f(v float64) *float64 { return &v }

// peerFixture opens a database file with one schema per organisation and
// writes the few mart columns the peer step reads.
func peerFixture(t *testing.T, orgs []peerOrg) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "peers.duckdb")
	for _, o := range orgs {
		st, err := store.OpenOrg(ctx, path, o.code)
		if err != nil {
			t.Fatal(err)
		}
		db := st.DB()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec(`CREATE TABLE mart_age_summary (fiscal_year INTEGER, dimension VARCHAR, share_51_plus DOUBLE, average_age DOUBLE)`)
		exec(`CREATE TABLE mart_kpi (fiscal_year INTEGER, kpi_code VARCHAR, value DOUBLE)`)
		exec(`CREATE TABLE mart_stress_group (fiscal_year INTEGER, survey_date DATE, dimension VARCHAR, total_risk DOUBLE, suppressed BOOLEAN)`)
		exec(`INSERT INTO mart_age_summary VALUES (2026, '全体', ?, ?), (2026, '部', 99, 99)`, o.share51, o.averageAge)
		exec(`INSERT INTO mart_kpi VALUES (2026, 'engagement_index', ?), (2026, 'response_rate', ?),
			(2026, 'mandatory_training_completion', ?), (2026, 'women_in_management', 99)`, o.engagement, o.response, o.training)
		// An earlier stress check of the same fiscal year: the latest one counts.
		exec(`INSERT INTO mart_stress_group VALUES (2026, DATE '2026-05-01', '全体', 200, false)`)
		exec(`INSERT INTO mart_stress_group VALUES (2026, DATE '2026-10-01', '全体', ?, ?)`, o.risk, o.risk == nil)
		st.Close()
	}
	// The default organisation (main) has figures too: it takes no part.
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE mart_age_summary (fiscal_year INTEGER, dimension VARCHAR, share_51_plus DOUBLE, average_age DOUBLE)`,
		`INSERT INTO mart_age_summary VALUES (2026, '全体', 1000, 1000)`,
	} {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	return path
}

type benchRow struct {
	own              sql.NullFloat64
	n                int64
	median, p25, p75 sql.NullFloat64
	withheld         bool
}

func readBenchmark(t *testing.T, path, org string, cfg jinzai.Config) map[string]benchRow {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenOrg(ctx, path, org)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := Peers(ctx, st, cfg); err != nil {
		t.Fatal(err)
	}
	rows, err := st.DB().QueryContext(ctx, `SELECT org_code, fiscal_year, metric, own_value, peer_n, peer_median, peer_p25, peer_p75, withheld
		FROM mart_peer_benchmark ORDER BY metric_order`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]benchRow{}
	for rows.Next() {
		var code, metric string
		var fy int
		var r benchRow
		if err := rows.Scan(&code, &fy, &metric, &r.own, &r.n, &r.median, &r.p25, &r.p75, &r.withheld); err != nil {
			t.Fatal(err)
		}
		if code != org || fy != 2026 {
			t.Fatalf("row of %s FY%d in %s's benchmark", code, fy, org)
		}
		out[metric] = r
	}
	if len(out) != len(PeerMetrics) {
		t.Fatalf("%d metrics, want %d", len(out), len(PeerMetrics))
	}
	return out
}

func near(a sql.NullFloat64, want float64) bool {
	return a.Valid && math.Abs(a.Float64-want) < 1e-9
}

// Four organisations; the medians and quartiles are worked out by hand.
// quantile_cont on n sorted values v1..vn takes position h = (n−1)·q
// (0-based) and interpolates: v[⌊h⌋] + (h−⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]).
func TestPeerBenchmarkFourOrganisations(t *testing.T) {
	path := peerFixture(t, []peerOrg{
		{code: "a", share51: 20, averageAge: 42.0, engagement: f(60), response: f(80), training: f(95), risk: f(110)},
		{code: "b", share51: 30, averageAge: 44.5, engagement: f(70), response: f(90), training: f(85), risk: f(90)},
		{code: "c", share51: 25, averageAge: 40.0, engagement: nil, response: f(70), training: nil, risk: nil},
		{code: "d", share51: 40, averageAge: 43.0, engagement: f(50), response: f(100), training: nil, risk: f(120)},
	})
	cfg := jinzai.DefaultConfig()
	got := readBenchmark(t, path, "a", cfg)
	type want struct {
		own              float64
		n                int64
		p25, median, p75 float64
	}
	for metric, w := range map[string]want{
		// 20, 25, 30, 40 (n = 4): p25 h = 0.75 → 20 + 0.75·(25−20) = 23.75;
		// median h = 1.5 → 25 + 0.5·(30−25) = 27.5; p75 h = 2.25 → 30 + 0.25·(40−30) = 32.5.
		"share_51_plus": {20, 4, 23.75, 27.5, 32.5},
		// 40, 42, 43, 44.5: p25 = 40 + 0.75·2 = 41.5; median = 42 + 0.5·1 = 42.5;
		// p75 = 43 + 0.25·1.5 = 43.375.
		"average_age": {42, 4, 41.5, 42.5, 43.375},
		// c is suppressed (NULL): 50, 60, 70 (n = 3): p25 h = 0.5 → 50 + 0.5·10 = 55;
		// median h = 1 → 60; p75 h = 1.5 → 60 + 0.5·10 = 65.
		"engagement_index": {60, 3, 55, 60, 65},
		// 70, 80, 90, 100: p25 = 70 + 0.75·10 = 77.5; median = 80 + 0.5·10 = 85;
		// p75 = 90 + 0.25·10 = 92.5.
		"response_rate": {80, 4, 77.5, 85, 92.5},
		// the latest stress check of the year (the earlier 200 does not count),
		// c suppressed: 90, 110, 120: p25 = 90 + 0.5·20 = 100; median = 110;
		// p75 = 110 + 0.5·10 = 115.
		"total_health_risk": {110, 3, 100, 110, 115},
	} {
		r := got[metric]
		if !near(r.own, w.own) || r.n != w.n || !near(r.p25, w.p25) || !near(r.median, w.median) || !near(r.p75, w.p75) || r.withheld {
			t.Errorf("%s: got own %v n %d p25 %v median %v p75 %v withheld %v; want %+v", metric, r.own, r.n, r.p25, r.median, r.p75, r.withheld, w)
		}
	}
	// Training completion: only a (95) and b (85) have it: withheld.
	if r := got["mandatory_training_completion"]; !near(r.own, 95) || r.n != 2 || r.median.Valid || r.p25.Valid || r.p75.Valid || !r.withheld {
		t.Errorf("training completion with 2 organisations not withheld: %+v", r)
	}
	// c's own suppressed engagement index stays NULL; the group's figures are the same.
	c := readBenchmark(t, path, "c", cfg)
	if r := c["engagement_index"]; r.own.Valid || !near(r.median, 60) || r.n != 3 {
		t.Errorf("c engagement: %+v", r)
	}
}

// Two organisations: every peer statistic is withheld.
func TestPeerBenchmarkTwoOrganisationsWithheld(t *testing.T) {
	path := peerFixture(t, []peerOrg{
		{code: "x", share51: 20, averageAge: 42, engagement: f(60), response: f(80), training: f(95), risk: f(110)},
		{code: "y", share51: 30, averageAge: 44, engagement: f(70), response: f(90), training: f(85), risk: f(90)},
	})
	got := readBenchmark(t, path, "x", jinzai.DefaultConfig())
	for metric, r := range got {
		if r.n != 2 || !r.withheld || r.median.Valid || r.p25.Valid || r.p75.Valid {
			t.Errorf("%s: peer statistics of 2 organisations shown: %+v", metric, r)
		}
		if !r.own.Valid {
			t.Errorf("%s: own value missing", metric)
		}
	}
}

// Named peers: a sees b's figures by name (configured), nobody else's; b,
// which names no peer, sees no other organisation's figure.
func TestPeerNamed(t *testing.T) {
	path := peerFixture(t, []peerOrg{
		{code: "a", share51: 20, averageAge: 42, engagement: f(60), response: f(80), training: f(95), risk: f(110)},
		{code: "b", share51: 30, averageAge: 44.5, engagement: f(70), response: f(90), training: f(85), risk: f(90)},
		{code: "c", share51: 25, averageAge: 40, response: f(70)},
	})
	cfg := jinzai.DefaultConfig()
	cfg.Organisations = []jinzai.OrganisationConfig{
		{Code: "a", Name: "みどり市", NamedPeers: []string{"b"}},
		{Code: "b", Name: "あおば町"},
	}
	ctx := context.Background()
	for org, want := range map[string]string{"a": "b:あおば町:6", "b": ":0", "c": ":0"} {
		st, err := store.OpenOrg(ctx, path, org)
		if err != nil {
			t.Fatal(err)
		}
		if err := Peers(ctx, st, cfg); err != nil {
			t.Fatal(err)
		}
		var got string
		err = st.DB().QueryRowContext(ctx, `SELECT coalesce(string_agg(DISTINCT peer_code || ':' || peer_name, ','), '') || ':' || count(*)
			FROM mart_peer_named`).Scan(&got)
		if org == "a" {
			var share float64
			if err := st.DB().QueryRowContext(ctx, `SELECT value FROM mart_peer_named WHERE metric = 'share_51_plus'`).Scan(&share); err != nil || share != 30 {
				t.Errorf("a sees b's share 51+ %v, %v; want 30", share, err)
			}
		}
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s mart_peer_named: %s, want %s", org, got, want)
		}
	}
	_ = fmt.Sprint
}
