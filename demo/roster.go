package demo

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	jinzai "github.com/jinzai-hr/jinzai"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// dateStyle is how a file writes its dates; rosters mix them across years
// the way exports from different system generations do.
type dateStyle int

const (
	dsISO          dateStyle = iota // 2023-04-01
	dsSlash                         // 2023/04/01
	dsSlashShort                    // 2023/4/1
	dsWareki                        // 令和5年4月1日
	dsWarekiLetter                  // R5.4.1
)

type era struct {
	start        time.Time
	name, letter string
}

var eras = [...]era{
	{time.Date(2019, time.May, 1, 0, 0, 0, 0, time.UTC), "令和", "R"},
	{time.Date(1989, time.January, 8, 0, 0, 0, 0, time.UTC), "平成", "H"},
	{time.Date(1926, time.December, 25, 0, 0, 0, 0, time.UTC), "昭和", "S"},
	{time.Date(1912, time.July, 30, 0, 0, 0, 0, time.UTC), "大正", "T"},
}

func formatDate(d time.Time, st dateStyle) string {
	switch st {
	case dsSlash:
		return d.Format("2006/01/02")
	case dsSlashShort:
		return d.Format("2006/1/2")
	case dsWareki, dsWarekiLetter:
		for _, e := range eras {
			if d.Before(e.start) {
				continue
			}
			y := d.Year() - e.start.Year() + 1
			if st == dsWarekiLetter {
				return fmt.Sprintf("%s%d.%d.%d", e.letter, y, d.Month(), d.Day())
			}
			ys := strconv.Itoa(y)
			if y == 1 {
				ys = "元"
			}
			return fmt.Sprintf("%s%s年%d月%d日", e.name, ys, d.Month(), d.Day())
		}
	}
	return d.Format("2006-01-02")
}

type rosterFormat struct {
	snapshot, birth, hire dateStyle
	male, female          string
}

// rosterFormats picks, deterministically per seed, how each roster file
// writes dates and gender: mostly ISO or slashed; one file entirely in
// 和暦, another with birth and hire dates as S58.6.12; one file with
// 男性/女性 and one with 1/2 for gender.
func (s *sim) rosterFormats() []rosterFormat {
	r := newRand(s.opt.Seed, streamFormat)
	n := s.opt.Years
	out := make([]rosterFormat, n)
	for i := range out {
		st := dsISO
		switch x := r.Float64(); {
		case x < 0.2:
			st = dsSlashShort
		case x < 0.5:
			st = dsSlash
		}
		out[i] = rosterFormat{snapshot: st, birth: st, hire: st, male: "男", female: "女"}
	}
	if n >= 2 {
		w1 := r.IntN(n)
		out[w1].snapshot, out[w1].birth, out[w1].hire = dsWareki, dsWareki, dsWareki
		if n >= 3 {
			w2 := (w1 + 1 + r.IntN(n-1)) % n
			out[w2].snapshot, out[w2].birth, out[w2].hire = dsWareki, dsWarekiLetter, dsWarekiLetter
		}
	}
	if n >= 3 {
		g := r.IntN(n)
		out[g].male, out[g].female = "男性", "女性"
		if n >= 5 {
			g2 := (g + 1 + r.IntN(n-1)) % n
			out[g2].male, out[g2].female = "1", "2"
		}
	}
	return out
}

// writeRoster writes one April-1 roster in Shift_JIS (CP932) with CRLF.
func (s *sim) writeRoster(path string, snap *snapshot, idx int) (int, error) {
	ft := s.rosterFormats()[idx]
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	tw := transform.NewWriter(bw, japanese.ShiftJIS.NewEncoder())
	w := csv.NewWriter(tw)
	w.UseCRLF = true
	_ = w.Write([]string{"職員番号", "氏名", "生年月日", "性別", "採用年月日", "部コード", "部名", "課コード", "課名",
		"係コード", "係名", "職層", "職種", "任用形態", "デジタル人材区分", "休職等", "基準日"})
	o := s.org
	snapDate := formatDate(snap.date, ft.snapshot)
	rec := make([]string, 17)
	for _, row := range snap.rows {
		gender := ft.male
		if row.female {
			gender = ft.female
		}
		rec[0], rec[1], rec[2], rec[3], rec[4] = row.id, row.name, formatDate(row.birth, ft.birth), gender, formatDate(row.hire, ft.hire)
		rec[5], rec[6] = o.depts[row.dept].code, o.deptName(row.dept, snap.fy)
		rec[7], rec[8], rec[9], rec[10] = "", "", "", ""
		if row.sec >= 0 {
			rec[7], rec[8] = o.secs[row.sec].code, o.secs[row.sec].name
		}
		if row.unit >= 0 {
			rec[9], rec[10] = o.units[row.unit].code, o.units[row.unit].name
		}
		rec[11], rec[12], rec[13] = gradeNames[row.grade], families[row.fam].name, empNames[row.emp]
		rec[14], rec[15], rec[16] = tierNames[row.tier], row.leave, snapDate
		if err := w.Write(rec); err != nil {
			return 0, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	if err := tw.Close(); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return len(snap.rows), f.Close()
}

// writeAssignments writes assignment.csv: every posting of every person
// since hiring (UTF-8 with BOM, CRLF). Department names are those in use
// when the posting started.
func (s *sim) writeAssignments(path string) (int, error) {
	type row struct {
		id string
		posting
	}
	var rows []row
	for _, p := range s.people {
		for _, ps := range p.posts {
			rows = append(rows, row{p.id, ps})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(a.id, b.id), a.start.Compare(b.start)) })
	o := s.org
	return writeCSV(path, true, true, func(w *csv.Writer) error {
		if err := w.Write([]string{"職員番号", "発令日", "終了日", "部コード", "部名", "課コード", "課名", "係コード", "係名", "窓口区分"}); err != nil {
			return err
		}
		rec := make([]string, 10)
		for _, r := range rows {
			rec[0], rec[1], rec[2] = r.id, formatDate(r.start, dsSlash), ""
			if !r.end.IsZero() {
				rec[2] = formatDate(r.end, dsSlash)
			}
			rec[3], rec[4] = o.depts[r.dept].code, o.deptName(r.dept, jinzai.FiscalYear(r.start))
			rec[5], rec[6], rec[7], rec[8], rec[9] = "", "", "", "", ""
			if r.sec >= 0 {
				rec[5], rec[6] = o.secs[r.sec].code, o.secs[r.sec].name
			}
			if r.unit >= 0 {
				rec[7], rec[8] = o.units[r.unit].code, o.units[r.unit].name
				if o.units[r.unit].front {
					rec[9] = "1"
				}
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		return nil
	}, len(rows))
}
