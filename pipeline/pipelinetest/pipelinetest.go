// Package pipelinetest writes the small input files and configurations the
// tests of pipeline and schedule use.
package pipelinetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jinzai-hr/jinzai"
)

// RosterHeader is the header of the test rosters.
const RosterHeader = "職員番号,生年月日,性別,採用年月日,部名,職層,職種,任用形態"

// Roster is the content of a valid roster of n staff: ids from first,
// born 1970–1995, hired at 22 or later, 主事 or 係長, 一般事務, 常勤.
// The 基準日 comes from the file name (roster_20240401.csv).
func Roster(first, n int) []byte {
	var b strings.Builder
	b.WriteString(RosterHeader + "\n")
	for i := first; i < first+n; i++ {
		birth := 1970 + i%26
		fmt.Fprintf(&b, "%06d,%d-%02d-%02d,%s,%d-04-01,部%02d,%s,一般事務,常勤\n",
			i, birth, 1+i%12, 1+i%28, []string{"男", "女"}[i%2], birth+22+i%3, i%10, []string{"主事", "係長"}[i%2])
	}
	return []byte(b.String())
}

// BadRoster is a roster of n rows whose every fourth row has an impossible
// birth date: far more than the 5% of rejected rows a batch may have.
func BadRoster(n int) []byte {
	lines := strings.Split(strings.TrimSuffix(string(Roster(0, n)), "\n"), "\n")
	for i := 1; i < len(lines); i += 4 {
		cells := strings.Split(lines[i], ",")
		cells[1] = "1980-02-30"
		lines[i] = strings.Join(cells, ",")
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

// Write writes a file, making its folder.
func Write(path string, content []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, content, 0o644)
}

// Config is the default configuration on dir/jinzai.duckdb, with the inbox
// folders beside it and no settle time.
func Config(dir string) jinzai.Config {
	cfg := jinzai.DefaultConfig()
	cfg.DB = filepath.Join(dir, "jinzai.duckdb")
	cfg.Inbox.SettleTime = 0
	return cfg
}
