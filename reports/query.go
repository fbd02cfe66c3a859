package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"
)

// rowset is a query result held in memory. The workbook reads aggregated
// marts (and, for HR, short lists), so results are small.
type rowset struct {
	cols []string
	idx  map[string]int
	rows [][]any
}

// maxReportRows guards against a query that returns far more rows than a
// printed report can carry.
const maxReportRows = 100000

func query(ctx context.Context, db *sql.DB, q string, args ...any) (*rowset, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("reports: %w\n%s", err, q)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	rs := &rowset{cols: cols, idx: map[string]int{}}
	for i, c := range cols {
		rs.idx[c] = i
	}
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for rows.Next() {
		if len(rs.rows) >= maxReportRows {
			return nil, fmt.Errorf("reports: more than %d rows\n%s", maxReportRows, q)
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := make([]any, len(cols))
		for i, v := range raw {
			r[i] = normalize(v)
		}
		rs.rows = append(rs.rows, r)
	}
	return rs, rows.Err()
}

// normalize reduces a driver value to nil, int64, float64, bool, string or
// time.Time (anything else becomes its text).
func normalize(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int64:
		return x
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case int:
		return int64(x)
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x)
		}
		return float64(x)
	case uint32:
		return int64(x)
	case uint16:
		return int64(x)
	case uint8:
		return int64(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case float32:
		return normalize(float64(x))
	case *big.Int:
		if x.IsInt64() {
			return x.Int64()
		}
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	case interface{ Float64() float64 }: // DECIMAL
		return normalize(x.Float64())
	case bool, string, time.Time:
		return x
	case []byte:
		return string(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(normalize(e))
		}
		return strings.Join(parts, ", ")
	default:
		return fmt.Sprint(x)
	}
}

func (r *rowset) len() int { return len(r.rows) }

// get returns the value of column col in row i; a column the query did not
// return is a programming error and panics with its name.
func (r *rowset) get(i int, col string) any {
	j, ok := r.idx[col]
	if !ok {
		panic(fmt.Sprintf("reports: column %q not in result (%s)", col, strings.Join(r.cols, ", ")))
	}
	return r.rows[i][j]
}

func (r *rowset) str(i int, col string) string {
	switch v := r.get(i, col).(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format("2006-01-02")
	default:
		return fmt.Sprint(v)
	}
}

func (r *rowset) int(i int, col string) int {
	switch v := r.get(i, col).(type) {
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}

func (r *rowset) truthy(i int, col string) bool {
	v, _ := r.get(i, col).(bool)
	return v
}

// queryInt runs a query returning one integer (0 when NULL).
func queryInt(ctx context.Context, db *sql.DB, q string, args ...any) (int, error) {
	var n sql.NullInt64
	if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("reports: %w\n%s", err, q)
	}
	return int(n.Int64), nil
}

// queryDate runs a query returning one date (zero when NULL).
func queryDate(ctx context.Context, db *sql.DB, q string, args ...any) (time.Time, error) {
	var d sql.NullTime
	if err := db.QueryRowContext(ctx, q, args...).Scan(&d); err != nil {
		return time.Time{}, fmt.Errorf("reports: %w\n%s", err, q)
	}
	return d.Time, nil
}
