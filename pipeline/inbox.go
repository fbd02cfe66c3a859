package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/ingest"
	"github.com/jinzai-hr/jinzai/ingest/table"
	"github.com/jinzai-hr/jinzai/internal/atomicfile"
	"github.com/jinzai-hr/jinzai/store"
)

// runner is the state of one run.
type runner struct {
	cfg   jinzai.Config
	opt   Options
	st    *store.Store
	paths Paths
	loc   *time.Location
	log   *slog.Logger
	rep   *RunReport
}

// inboxFile is a file found in the inbox.
type inboxFile struct {
	name string
	path string
	info fs.FileInfo
	kind ingest.Kind // "" when it could not be told before ingest
}

// ignoredName reports files that are never input: hidden and system files,
// Office lock files, partial downloads and copies, error notes put back.
func ignoredName(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "~$"),
		lower == "thumbs.db", lower == "desktop.ini",
		strings.HasSuffix(lower, ".tmp"), strings.HasSuffix(lower, ".part"),
		strings.HasSuffix(lower, ".partial"), strings.HasSuffix(lower, ".crdownload"),
		strings.HasSuffix(lower, ".error.txt"):
		return true
	}
	return false
}

// ingest is the ingest step: every settled file of the inbox, reference
// data first, then by name. A file the ingester rejects goes to quarantine
// and the others go on; an error that is not the file's fault (the
// database, the disk) leaves the file in the inbox and fails the step once
// the other files are done; cancellation stops at once and leaves the file
// being loaded (rolled back) in the inbox.
func (r *runner) ingest(ctx context.Context, st *store.Store) error {
	for _, d := range []string{r.paths.Inbox, r.paths.Archive, r.paths.Quarantine} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	files, err := r.scan()
	if err != nil {
		return err
	}
	in := ingest.New(st, r.cfg)
	var systemErrs []error
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		res := FileResult{Name: f.name, Kind: f.kind}
		if reason := r.unsettled(f); reason != "" {
			r.addWaiting(res, reason)
			continue
		}
		if r.opt.BeforeFile != nil {
			r.opt.BeforeFile(f.path)
		}
		t := time.Now()
		out, err := in.File(ctx, ingest.Request{Path: f.path})
		res.Duration = time.Since(t)
		if out.Kind != "" {
			res.Kind = out.Kind
		}
		res.Rows, res.Loaded, res.Rejected = out.Rows, out.Loaded, out.Rejected
		switch {
		case err != nil && ctx.Err() != nil:
			// Rolled back; the file stays for the next run.
			r.log.Warn("取込を中断、ファイルは受け取りフォルダに残します (ingest interrupted; the file stays in the inbox)", "file", f.name)
			return fmt.Errorf("%s: %w", f.name, ctx.Err())
		case err != nil && unreadable(err):
			r.addWaiting(res, fmt.Sprintf("読めません、次回に再試行します (cannot read it now; retried next run): %v", err))
			continue
		case err != nil && fileFault(err):
			r.quarantine(f, &res, err)
			r.rep.Quarantined++
		case err != nil:
			r.log.Error("取込できません、ファイルは受け取りフォルダに残します (ingest failed; the file stays in the inbox)", "file", f.name, "err", err)
			systemErrs = append(systemErrs, fmt.Errorf("%s: %w", f.name, err))
			r.addWaiting(res, err.Error())
			continue
		case out.Duplicate:
			res.Outcome, res.BatchID = Duplicate, out.DuplicateOf
			r.archive(f, &res)
			r.rep.Duplicates++
			r.log.Info("取込済みと同じ内容 (same content already loaded)", "file", f.name, "kind", res.Kind, "batch", res.BatchID, "moved_to", res.MovedTo)
		default:
			res.Outcome, res.BatchID = Landed, out.BatchID
			r.archive(f, &res)
			r.rep.Landed++
			r.log.Info("取込 (loaded)", "file", f.name, "kind", res.Kind, "batch", res.BatchID,
				"rows", out.Rows, "loaded", out.Loaded, "rejected", out.Rejected, "superseded", out.Superseded, "moved_to", res.MovedTo)
		}
		r.rep.Taken++
		r.rep.Files = append(r.rep.Files, res)
	}
	return errors.Join(systemErrs...)
}

func (r *runner) addWaiting(res FileResult, reason string) {
	res.Outcome, res.Reason = Waiting, reason
	r.rep.Waiting++
	r.rep.Files = append(r.rep.Files, res)
	r.log.Info("保留、受け取りフォルダに残します (left in the inbox for the next run)", "file", res.Name, "reason", reason)
}

// scan lists the inbox files in load order: by kind in ingest.Kinds order
// (reference data first), then by name; files of unknown kind last.
func (r *runner) scan() ([]inboxFile, error) {
	entries, err := os.ReadDir(r.paths.Inbox)
	if err != nil {
		return nil, fmt.Errorf("受け取りフォルダを読めません (cannot read the inbox) %s: %w", r.paths.Inbox, err)
	}
	var files []inboxFile
	for _, e := range entries {
		if !e.Type().IsRegular() || ignoredName(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since the listing
		}
		p := filepath.Join(r.paths.Inbox, e.Name())
		files = append(files, inboxFile{name: e.Name(), path: p, info: info, kind: r.kindOf(p)})
	}
	rank := func(k ingest.Kind) int {
		if i := slices.Index(ingest.Kinds, k); i >= 0 {
			return i
		}
		return len(ingest.Kinds)
	}
	slices.SortStableFunc(files, func(a, b inboxFile) int {
		if d := rank(a.kind) - rank(b.kind); d != 0 {
			return d
		}
		return strings.Compare(a.name, b.name)
	})
	return files, nil
}

// kindOf tells a file's kind the way the ingester will: a configured
// source pattern, else the header. "" when the kind cannot be told now
// (the real ingest then reports why).
func (r *runner) kindOf(path string) ingest.Kind {
	k, _ := ingest.DetectKind(path, r.cfg)
	return k
}

// unsettled says why a file should wait for the next run: changed in the
// last settle_time (it may still be being copied), changed since the
// listing, or not openable (on Windows, a file still being written is).
func (r *runner) unsettled(f inboxFile) string {
	info, err := os.Stat(f.path)
	if err != nil {
		return fmt.Sprintf("ファイルが見つかりません (file vanished): %v", err)
	}
	if info.Size() != f.info.Size() || !info.ModTime().Equal(f.info.ModTime()) {
		return "書き込み中のようです (still changing; it may be being copied)"
	}
	// The file system's clock, not the run's (which tests may fake).
	age := time.Since(info.ModTime())
	if settle := r.cfg.Inbox.SettleTime; age < settle && age > -time.Hour {
		return fmt.Sprintf("%s 以内に変更されています、書き込み中の可能性があります (changed less than %s ago; it may still be being copied)", settle, settle)
	}
	fh, err := os.Open(f.path)
	if err != nil {
		return fmt.Sprintf("開けません (cannot open it; another program may be writing it): %v", err)
	}
	fh.Close()
	return ""
}

// fileFault reports errors that are the file's own: its content, format or
// header. Such a file is quarantined.
func fileFault(err error) bool {
	var fe *ingest.FileError
	var te *ingest.TooManyRejectsError
	return errors.As(err, &fe) || errors.As(err, &te)
}

// unreadable reports a file the ingester could not read at all (gone,
// locked): not its content's fault.
func unreadable(err error) bool {
	var fe *ingest.FileError
	var pe *fs.PathError
	return errors.As(err, &fe) && fe.Row == 0 && errors.As(fe.Err, &pe)
}

// archive moves a file that landed (or was already loaded) to
// archive/<date>/. A file that cannot be moved stays in the inbox; the next
// run finds it a duplicate and tries again.
func (r *runner) archive(f inboxFile, res *FileResult) {
	dir := filepath.Join(r.paths.Archive, r.opt.Now().In(r.loc).Format("2006-01-02"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.moveFailed(res, err)
		return
	}
	dst := uniquePath(dir, f.name)
	if err := moveFile(f.path, dst); err != nil {
		r.moveFailed(res, err)
		return
	}
	res.MovedTo = dst
}

func (r *runner) moveFailed(res *FileResult, err error) {
	res.Reason = fmt.Sprintf("移動できません、次回に再試行します (could not move the file; retried next run): %v", err)
	r.log.Warn("ファイルを移動できません (could not move the file)", "file", res.Name, "err", err)
}

// quarantine writes <name>.error.txt into the quarantine folder, then
// moves the file beside it.
func (r *runner) quarantine(f inboxFile, res *FileResult, ferr error) {
	res.Outcome = Quarantined
	res.Reason = ferr.Error()
	dst := uniquePath(r.paths.Quarantine, f.name)
	note := dst + ".error.txt"
	text := errorNote(f, *res, ferr, r)
	err := writeFileAtomic(note, []byte(text))
	if err == nil {
		if err = moveFile(f.path, dst); err != nil {
			os.Remove(note)
		}
	}
	if err != nil {
		r.moveFailed(res, err)
		res.Reason = ferr.Error() + "\n" + res.Reason
	} else {
		res.MovedTo = dst
	}
	r.log.Warn("隔離 (quarantined)", "file", f.name, "kind", res.Kind, "moved_to", res.MovedTo, "reason", ferr.Error())
}

// errorNote is the text of <name>.error.txt: what went wrong and what a
// person does about it, in Japanese and English. It is written with a BOM
// and CRLF line ends so that Notepad on any Windows server shows it right.
func errorNote(f inboxFile, res FileResult, ferr error, r *runner) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("jinzai: 取り込めなかったファイル (a file that could not be loaded)")
	line("")
	line("ファイル (file):          %s", f.name)
	if res.Kind != "" {
		line("種類 (kind):              %s", res.Kind)
	}
	line("隔離日時 (quarantined):   %s", r.opt.Now().In(r.loc).Format("2006-01-02 15:04:05 MST"))
	line("ジョブ (job):             %s (実行 run %d, 試行 attempt %d)", r.rep.Job, r.rep.RunID, r.rep.Attempt)
	line("元の場所 (from):          %s", f.path)
	line("")
	line("■ 理由 (reason)")
	var fe *ingest.FileError
	var te *ingest.TooManyRejectsError
	switch {
	case errors.As(ferr, &te):
		line("%d行中%d行に誤りがあり、許容 (%.1f%%) を超えたため、ファイル全体を取り込みませんでした。",
			te.Rows, te.Rejected, te.Limit*100)
		line("%d of %d rows have errors, more than the %.1f%% allowed, so none of the file was loaded.",
			te.Rejected, te.Rows, te.Limit*100)
		line("誤りのある行 (rows with errors):")
		for i, rej := range te.Rejects {
			if i == 100 {
				line("  … 他%d件 (and %d more)", len(te.Rejects)-100, len(te.Rejects)-100)
				break
			}
			col := ""
			if rej.Column != "" {
				col = fmt.Sprintf(" 列「%s」(column %s) 値 (value) %q", rej.Column, rej.Column, rej.Value)
			}
			line("  行%d (row %d)%s: %s", rej.Row, rej.Row, col, rej.Reason)
		}
	default:
		line("%s", ferr.Error())
		if errors.As(ferr, &fe) {
			if fe.Row > 0 {
				line("場所 (where): 行 %d (row %d)", fe.Row, fe.Row)
			}
			if fe.Column != "" {
				line("列 (column): %s", fe.Column)
			}
		}
	}
	line("")
	line("■ 対処 (what to do)")
	for _, h := range hints(ferr) {
		line("%s", h)
	}
	line("1. 上の理由を読み、元のシステムから出力し直すか、ファイルを直してください。")
	line("   Read the reason above; export the file again from the source system, or correct it.")
	line("2. 直したファイルを受け取りフォルダに置いてください。次の実行で取り込まれます")
	line("   (すぐに取り込むには jinzai run を実行します)。")
	line("   Put the corrected file in the inbox folder: the next run loads it")
	line("   (or run `jinzai run` to load it now).")
	line("   受け取りフォルダ (inbox): %s", r.paths.Inbox)
	line("3. その後、隔離フォルダのこのファイルと、この .error.txt は削除してかまいません。")
	line("   Then you may delete this file and this .error.txt from the quarantine folder.")
	line("")
	line("このファイルの内容はデータベースに一切書き込んでいません。")
	line("Nothing of this file was written to the database.")
	return "\ufeff" + strings.ReplaceAll(b.String(), "\n", "\r\n")
}

// hints are advice for the common kinds of failure.
func hints(err error) []string {
	msg := err.Error()
	var fe *ingest.FileError
	isFE := errors.As(err, &fe)
	var te *ingest.TooManyRejectsError
	switch {
	case errors.As(err, &te):
		return []string{"・上の行を直してください。行番号は表計算ソフトの行番号です (1行目が見出し)。",
			"  Fix the rows listed; row numbers are spreadsheet rows (row 1 is the header)."}
	case errors.Is(err, table.ErrFormat):
		return []string{"・Excel で開き「名前を付けて保存」で Excel ブック (.xlsx) か CSV で保存し直してください。",
			"  Open it in Excel and save it as an Excel workbook (.xlsx) or CSV."}
	case strings.Contains(msg, "判別できません"):
		return []string{"・見出し行 (1行目) を標準の列名にするか、設定ファイルの [[sources]] でこのファイル名の種類を指定してください (docs/input-files.md)。",
			"  Give the file the standard column headers, or map its file name to a kind with [[sources]] in the config (docs/input-files.md)."}
	case isFE && fe.Row == 1:
		return []string{"・見出し行 (1行目) を確認してください。列名は docs/input-files.md にあります。",
			"  Check the header row (row 1); the column names are in docs/input-files.md."}
	case strings.Contains(msg, "基準日"):
		return []string{"・名簿の基準日が分かりません。基準日の列を加えるか、ファイル名に日付を入れてください (例 roster_20240401.csv)。",
			"  The roster's snapshot date is unknown: add a 基準日 column, or put the date in the file name (roster_20240401.csv)."}
	}
	return nil
}

// uniquePath is dir/name, or dir/"stem (2).ext" … when that (or its error
// note) is taken, so nothing already archived or quarantined is replaced.
func uniquePath(dir, name string) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s (%d)%s", stem, i, ext)
		}
		p := filepath.Join(dir, n)
		if !exists(p) && !exists(p+".error.txt") {
			return p
		}
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// moveFile renames src to dst, copying across volumes.
func moveFile(src, dst string) error {
	err := os.Rename(src, dst)
	if err == nil || !crossDevice(err) {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".part"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err = io.Copy(out, in); err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	in.Close()
	return os.Remove(src)
}

func crossDevice(err error) bool {
	var le *os.LinkError
	if !errors.As(err, &le) {
		return false
	}
	var errno syscall.Errno
	if !errors.As(le.Err, &errno) {
		return false
	}
	if runtime.GOOS == "windows" {
		return errno == 17 // ERROR_NOT_SAME_DEVICE
	}
	return errno == syscall.EXDEV
}

// writeFileAtomic writes a file whole or not at all.
func writeFileAtomic(path string, data []byte) error {
	return atomicfile.WriteFile(path, data, 0o644)
}

// WriteFileAtomic is writeFileAtomic for the scheduler's status file.
func WriteFileAtomic(path string, data []byte) error { return writeFileAtomic(path, data) }
