package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// demo --orgs 3 puts three municipalities in one database, each in its own
// schema with its own site and report, and the peer benchmarks computed.
func TestDemoSeveralOrganisations(t *testing.T) {
	if testing.Short() {
		t.Skip("generates three demo cities; skipped with -short")
	}
	dir := t.TempDir()
	out, err := run(t, "demo", "--orgs", "3", "--staff", "300", "--years", "3", "--dir", dir)
	if err != nil {
		t.Fatalf("demo --orgs: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "jinzai.duckdb")
	for _, code := range []string{"city1", "city2", "city3"} {
		for _, p := range []string{"site/index.html", "report.xlsx", "export"} {
			if _, err := os.Stat(filepath.Join(dir, code, p)); err != nil {
				t.Errorf("%s: %v", code, err)
			}
		}
		html, _ := os.ReadFile(filepath.Join(dir, code, "site", "index.html"))
		if !strings.Contains(string(html), "他団体との比較") {
			t.Errorf("%s overview has no peer comparison", code)
		}
	}
	out, err = run(t, "--db", db, "orgs")
	if err != nil || !strings.Contains(out, "city1") || !strings.Contains(out, "city3") {
		t.Fatalf("orgs: %v\n%s", err, out)
	}
	// Three organisations: the group statistics are shown for the latest year.
	out, err = run(t, "--db", db, "--org", "city2", "sql",
		"select count(*) filter (where peer_median is not null), count(*), min(peer_n) from mart_peer_benchmark where fiscal_year = (select max(fiscal_year) from mart_peer_benchmark)")
	if err != nil || !strings.Contains(out, "6,6,3") {
		t.Fatalf("city2 peer benchmark: %v\n%s", err, out)
	}
	// The cities differ in age structure: あおば町 (city2, Ageing 0.6) is
	// older than みどり市 (city1, 0), which is older than さくら市 (city3, −0.4).
	share := map[string]float64{}
	for _, org := range []string{"city1", "city2", "city3"} {
		out, err := run(t, "--db", db, "--org", org, "sql", `SELECT share_51_plus FROM mart_age_summary
			WHERE dimension = '全体' ORDER BY snapshot_date DESC LIMIT 1`)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if err != nil || len(lines) != 2 {
			t.Fatalf("%s share 51+: %v\n%s", org, err, out)
		}
		if share[org], err = strconv.ParseFloat(lines[1], 64); err != nil {
			t.Fatal(err)
		}
	}
	if !(share["city2"] > share["city1"] && share["city1"] > share["city3"]) {
		t.Errorf("share aged 51+ by city = %v, want city2 > city1 > city3", share)
	}
	// Only city1 names a peer (city2).
	out, err = run(t, "--db", db, "--org", "city3", "sql", "select count(*) from mart_peer_named")
	if err != nil || !strings.Contains(out, "\n0") {
		t.Fatalf("city3 named peers: %v\n%s", err, out)
	}
	// The default organisation's schema holds no peer mart.
	out, err = run(t, "--db", db, "sql", "select count(*) from information_schema.tables where table_schema = 'main' and table_name like 'mart_peer%'")
	if err != nil || !strings.Contains(out, "\n0") {
		t.Fatalf("main peer marts: %v\n%s", err, out)
	}
	if _, err := run(t, "--db", db, "--org", "Bad!", "orgs"); err == nil {
		t.Error("a bad organisation code was accepted")
	}
}
