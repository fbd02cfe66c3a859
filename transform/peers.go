package transform

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// PeerMinOrgs is the least number of organisations with a metric in a
// fiscal year for the peer group's median and quartiles to be shown.
const PeerMinOrgs = 3

// PeerMetric is one metric compared between organisations.
type PeerMetric struct {
	Code, Name, Unit string
	Order            int
}

// PeerMetrics are the metrics of mart_peer_benchmark (docs/metrics/peers.md).
var PeerMetrics = []PeerMetric{
	{"share_51_plus", "51歳以上の職員の割合", "%", 1},
	{"average_age", "平均年齢", "歳", 2},
	{"engagement_index", "エンゲージメント指数", "点", 3},
	{"response_rate", "職員意識調査回答率", "%", 4},
	{"mandatory_training_completion", "必修研修修了率", "%", 5},
	{"total_health_risk", "総合健康リスク（全国平均=100）", "", 6},
}

// peerSources are the marts every participating organisation must have.
var peerSources = []string{"mart_age_summary", "mart_kpi", "mart_stress_group"}

// Peers recomputes, in one transaction, the peer benchmarks of every
// organisation in the database (see peers).
func Peers(ctx context.Context, st *store.Store, cfg jinzai.Config) error {
	return st.InTx(ctx, func(tx *store.Tx) error { return peers(ctx, tx, cfg) })
}

// peers computes the peer benchmarks across the named organisations (the
// org_* schemas whose marts have been built; the default organisation in
// main takes no part) and writes into each organisation's own schema:
//
//   - mart_peer_benchmark: per fiscal year (of the organisation's own
//     figures) and metric, its own value and the peer group's count,
//     median and quartiles (quantile_cont). The peer group is every
//     organisation with the metric that year, the organisation itself
//     included; the statistics are NULL (withheld) when fewer than
//     PeerMinOrgs organisations have it;
//   - mart_peer_named: the values of the organisations configured as its
//     named peers (organisations[].named_peers), and of no other.
//
// No table holds another organisation's single figure outside
// mart_peer_named: the values of all organisations exist only inside
// these statements.
func peers(ctx context.Context, tx *store.Tx, cfg jinzai.Config) error {
	rows, err := tx.Query(ctx, `SELECT table_schema FROM information_schema.tables
		WHERE table_schema LIKE 'org\_%' ESCAPE '\' AND table_name IN ('`+strings.Join(peerSources, "','")+`')
		GROUP BY table_schema HAVING count(DISTINCT table_name) = `+fmt.Sprint(len(peerSources))+`
		ORDER BY table_schema`)
	if err != nil {
		return fmt.Errorf("peers: %w", err)
	}
	var orgs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		org := strings.TrimPrefix(s, store.OrgSchemaPrefix)
		if store.ValidateOrgCode(org) == nil {
			orgs = append(orgs, org)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(orgs) == 0 {
		return nil
	}
	values := peerValuesSQL(orgs)
	for _, org := range orgs {
		schema := store.SchemaFor(org)
		q := fmt.Sprintf(`CREATE OR REPLACE TABLE %[1]s.mart_peer_benchmark AS
WITH peer_value AS (
%[2]s
),
metric AS (
    SELECT * FROM (VALUES %[3]s) AS m(metric, metric_order, metric_name, unit)
),
own_year AS (
    SELECT DISTINCT fiscal_year FROM peer_value WHERE org_code = '%[4]s'
),
peer_stat AS (
    SELECT fiscal_year, metric,
           count(*)                    AS peer_n,
           quantile_cont(value, 0.25)  AS p25,
           quantile_cont(value, 0.5)   AS median,
           quantile_cont(value, 0.75)  AS p75
    FROM peer_value
    GROUP BY fiscal_year, metric
)
SELECT
    '%[4]s'                                                  AS org_code,
    y.fiscal_year,
    m.metric,
    m.metric_order,
    m.metric_name,
    m.unit,
    o.value                                                  AS own_value,
    CAST(coalesce(s.peer_n, 0) AS BIGINT)                    AS peer_n,
    CASE WHEN s.peer_n >= %[5]d THEN s.median END            AS peer_median,
    CASE WHEN s.peer_n >= %[5]d THEN s.p25 END               AS peer_p25,
    CASE WHEN s.peer_n >= %[5]d THEN s.p75 END               AS peer_p75,
    coalesce(s.peer_n, 0) < %[5]d                            AS withheld
FROM own_year AS y
CROSS JOIN metric AS m
LEFT JOIN peer_value AS o ON o.org_code = '%[4]s' AND o.fiscal_year = y.fiscal_year AND o.metric = m.metric
LEFT JOIN peer_stat AS s ON s.fiscal_year = y.fiscal_year AND s.metric = m.metric
ORDER BY y.fiscal_year, m.metric_order`, schema, values, metricValuesSQL(), org, PeerMinOrgs)
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("peers mart_peer_benchmark %s: %w", org, err)
		}
		named := "SELECT NULL::VARCHAR AS peer_code, NULL::VARCHAR AS peer_name WHERE false"
		var pairs []string
		for _, p := range cfg.NamedPeers(org) {
			if store.ValidateOrgCode(p) != nil || p == org {
				continue
			}
			pairs = append(pairs, fmt.Sprintf("('%s', '%s')", p, sqlString(cfg.OrganisationName(p))))
		}
		if len(pairs) > 0 {
			named = "SELECT * FROM (VALUES " + strings.Join(pairs, ", ") + ") AS p(peer_code, peer_name)"
		}
		q = fmt.Sprintf(`CREATE OR REPLACE TABLE %[1]s.mart_peer_named AS
WITH peer_value AS (
%[2]s
),
metric AS (
    SELECT * FROM (VALUES %[3]s) AS m(metric, metric_order, metric_name, unit)
),
named_peer AS (
    %[5]s
)
SELECT
    '%[4]s'         AS org_code,
    p.peer_code,
    p.peer_name,
    v.fiscal_year,
    m.metric,
    m.metric_order,
    m.metric_name,
    m.unit,
    v.value
FROM named_peer AS p
JOIN peer_value AS v ON v.org_code = p.peer_code
JOIN metric AS m ON m.metric = v.metric
WHERE v.fiscal_year IN (SELECT fiscal_year FROM peer_value WHERE org_code = '%[4]s')
ORDER BY v.fiscal_year, p.peer_code, m.metric_order`, schema, values, metricValuesSQL(), org, named)
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("peers mart_peer_named %s: %w", org, err)
		}
	}
	return nil
}

// peerValuesSQL is every organisation's value per fiscal year and metric
// (org_code, fiscal_year, metric, value): the total health risk is that of
// the fiscal year's latest stress check; suppressed and NULL values are
// left out, so they never enter the peer statistics.
func peerValuesSQL(orgs []string) string {
	var parts []string
	for _, org := range orgs {
		s := store.SchemaFor(org)
		parts = append(parts, fmt.Sprintf(`    SELECT '%[1]s' AS org_code, CAST(fiscal_year AS INTEGER) AS fiscal_year, 'share_51_plus' AS metric, CAST(share_51_plus AS DOUBLE) AS value
    FROM %[2]s.mart_age_summary WHERE dimension = '全体' AND share_51_plus IS NOT NULL
    UNION ALL
    SELECT '%[1]s', CAST(fiscal_year AS INTEGER), 'average_age', CAST(average_age AS DOUBLE)
    FROM %[2]s.mart_age_summary WHERE dimension = '全体' AND average_age IS NOT NULL
    UNION ALL
    SELECT '%[1]s', CAST(fiscal_year AS INTEGER), kpi_code, CAST(value AS DOUBLE)
    FROM %[2]s.mart_kpi
    WHERE kpi_code IN ('engagement_index', 'response_rate', 'mandatory_training_completion') AND value IS NOT NULL
    UNION ALL
    SELECT '%[1]s', CAST(fiscal_year AS INTEGER), 'total_health_risk', CAST(total_risk AS DOUBLE)
    FROM (
        SELECT fiscal_year, total_risk, suppressed,
               row_number() OVER (PARTITION BY fiscal_year ORDER BY survey_date DESC) AS latest
        FROM %[2]s.mart_stress_group
        WHERE dimension = '全体'
    ) AS stress_of_year
    WHERE latest = 1 AND NOT coalesce(suppressed, false) AND total_risk IS NOT NULL`, org, s))
	}
	return strings.Join(parts, "\n    UNION ALL\n")
}

func metricValuesSQL() string {
	var vs []string
	for _, m := range PeerMetrics {
		vs = append(vs, fmt.Sprintf("('%s', %d, '%s', '%s')", m.Code, m.Order, sqlString(m.Name), m.Unit))
	}
	return strings.Join(vs, ", ")
}

func sqlString(s string) string { return strings.ReplaceAll(s, "'", "''") }

// peerStep runs peers for a named organisation's transform.
func peerStep(ctx context.Context, tx *store.Tx, cfg jinzai.Config, rep *Report) error {
	if tx.Schema() == store.DefaultSchema {
		return nil
	}
	t := time.Now()
	if err := peers(ctx, tx, cfg); err != nil {
		return err
	}
	rep.Models = append(rep.Models, Step{Name: "mart_peer_benchmark", Duration: time.Since(t)})
	return nil
}
