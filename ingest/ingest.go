// Package ingest reads HR exports (rosters, postings, training catalogues
// and records, survey item banks and survey answers) into the store, one
// file per batch: a batch lands whole or not at all, rejected rows are kept
// with their reason, and the same content ingested twice changes nothing.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/ingest/table"
	"github.com/jinzai-hr/jinzai/store"
)

// Kind is a kind of input file.
type Kind string

// The input kinds, in the order a full load ingests them.
const (
	TrainingCourse Kind = "training_course"
	SurveyItem     Kind = "survey_item"
	Roster         Kind = "roster"
	Assignment     Kind = "assignment"
	TrainingRecord Kind = "training_record"
	Survey         Kind = "survey"
)

// Kinds lists every kind in ingest order: reference data first.
var Kinds = []Kind{TrainingCourse, SurveyItem, Roster, Assignment, TrainingRecord, Survey}

// ParseKind checks a kind name given by a user.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("種類 %q は不明です (unknown kind; use one of %v)", s, Kinds)
}

// Request is one file to ingest and how to read it.
type Request struct {
	Path string
	// Kind: "" = from the configured sources, else from the header.
	Kind         Kind
	Encoding     string // "", auto, utf-8, shift_jis
	Sheet        string // XLSX sheet; "" = first
	SnapshotDate string // roster: the 基準日 when the file has no column for it
	SurveyCode   string // survey: the survey this file answers
	SurveyDate   string // survey: its date (default: the latest answer)
}

// Result says what one ingest did.
type Result struct {
	Path        string
	Kind        Kind
	BatchID     int64
	Scope       string // what a later batch of the kind replaces
	Duplicate   bool   // same content already loaded: nothing done
	DuplicateOf int64
	Format      string
	Encoding    string
	Sheet       string
	Rows        int // data rows read
	Loaded      int
	Rejected    int
	Superseded  []int64 // earlier batches this one replaced
	Ignored     []string
	Rejects     []Reject
}

// Ingester loads files into a store under a configuration.
type Ingester struct {
	store *store.Store
	cfg   jinzai.Config
	now   func() time.Time
	// onRow, when set, is called after each data row inside the batch's
	// transaction (tests use it to kill a process mid-batch).
	onRow func(rows int)
}

// New returns an Ingester.
func New(st *store.Store, cfg jinzai.Config) *Ingester {
	return &Ingester{store: st, cfg: cfg, now: time.Now}
}

// batch is the state of one file's load.
type batch struct {
	id      int64
	path    string
	req     Request
	cols    *columns
	cfg     *jinzai.Config
	scope   string
	rejects []Reject
	loaded  int
}

func (b *batch) fileErr(row int, column string, err error) error {
	return &FileError{Path: b.path, Row: row, Column: column, Err: err}
}

// loader is the kind-specific part of a batch.
type loader interface {
	// tables are the tables holding this kind's rows.
	tables() []string
	// open prepares appenders and reads reference data.
	open(ctx context.Context, tx *store.Tx, b *batch) error
	// row parses and appends one data row; data problems go through
	// c.fail, and only an error that must stop the batch is returned.
	row(c *cells) error
	// close flushes the rows and sets b.scope.
	close(ctx context.Context, tx *store.Tx, b *batch) error
	// upsert is true for kinds whose batches add to earlier ones by key
	// instead of replacing the batch of the same scope.
	upsert() bool
}

func (in *Ingester) newLoader(k Kind) loader {
	switch k {
	case Roster:
		return newRosterLoader(in.cfg)
	case Assignment:
		return &assignmentLoader{}
	case TrainingCourse:
		return newCourseLoader(in.cfg)
	case TrainingRecord:
		return &recordLoader{}
	case SurveyItem:
		return &itemLoader{}
	case Survey:
		return newSurveyLoader(in.cfg)
	}
	panic("ingest: no loader for " + string(k))
}

// File ingests one file as one batch.
func (in *Ingester) File(ctx context.Context, req Request) (Result, error) {
	res := Result{Path: req.Path}
	content, err := os.ReadFile(req.Path)
	if err != nil {
		return res, &FileError{Path: req.Path, Err: fmt.Errorf("ファイルを読めません (cannot read file): %w", err)}
	}
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:])

	src := in.source(req.Path)
	if req.Encoding == "" {
		req.Encoding = firstNonEmpty(src.Encoding, in.cfg.Ingest.Encoding)
	}
	if req.Sheet == "" {
		req.Sheet = src.Sheet
	}
	if req.SnapshotDate == "" {
		req.SnapshotDate = src.SnapshotDate
	}
	if req.SurveyCode == "" {
		req.SurveyCode = src.SurveyCode
	}
	// XLSX numbers come raw (dates as serials, read by cells.date): much
	// faster than rendering every cell through its number format.
	tbl, err := table.FromBytes(req.Path, content, table.Options{Encoding: req.Encoding, Sheet: req.Sheet, RawNumbers: true})
	if err != nil {
		return res, &FileError{Path: req.Path, Err: err}
	}
	defer tbl.Close()
	res.Format, res.Encoding, res.Sheet = tbl.Format, string(tbl.Encoding), tbl.Sheet

	kind, err := resolveKind(req.Kind, src, tbl.Header, in.cfg.Headers)
	if err != nil {
		return res, &FileError{Path: req.Path, Row: 1, Err: err}
	}
	res.Kind = kind

	var dupOf int64
	err = in.store.DB().QueryRowContext(ctx, `SELECT coalesce(max(batch_id), 0) FROM ingest_batch
		WHERE content_hash = ? AND kind = ? AND status = 'loaded'`, hash, string(kind)).Scan(&dupOf)
	if err != nil {
		return res, err
	}
	if dupOf != 0 {
		res.Duplicate, res.DuplicateOf, res.BatchID = true, dupOf, dupOf
		return res, nil
	}

	cols, err := specs[kind].bind(tbl.Header, in.cfg.Headers[string(kind)])
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Path = req.Path
		}
		return res, err
	}
	ld := in.newLoader(kind)
	b := &batch{path: req.Path, req: req, cols: cols, cfg: &in.cfg}
	started := in.now()

	err = in.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT nextval('ingest_batch_id')`).Scan(&b.id); err != nil {
			return err
		}
		if err := ld.open(ctx, tx, b); err != nil {
			return err
		}
		c := &cells{cols: cols, xlsx: tbl.Format == "xlsx"}
		rows := newPrefetch(ctx, tbl)
		defer rows.stop()
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			row, rowNum, err := rows.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return readError(req.Path, tbl.Header, err)
			}
			res.Rows++
			c.reset(row, rowNum)
			if err := ld.row(c); err != nil {
				return err
			}
			if c.reject != nil {
				b.rejects = append(b.rejects, *c.reject)
			} else {
				b.loaded++
			}
			if in.onRow != nil {
				in.onRow(res.Rows)
			}
		}
		if res.Rows == 0 {
			return &FileError{Path: req.Path, Row: 2, Err: errors.New("データ行がありません (the file has no data rows)")}
		}
		if share := float64(len(b.rejects)) / float64(res.Rows); share > in.cfg.Ingest.MaxRejectShare {
			return &TooManyRejectsError{Path: req.Path, Rows: res.Rows, Rejects: b.rejects, Rejected: len(b.rejects), Limit: in.cfg.Ingest.MaxRejectShare}
		}
		if err := ld.close(ctx, tx, b); err != nil {
			return err
		}
		superseded, err := in.supersede(ctx, tx, kind, ld, b)
		if err != nil {
			return err
		}
		res.Superseded = superseded
		res.Ignored = cols.ignoredNames()
		if err := writeRejects(tx, b); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO ingest_batch (batch_id, kind, scope, path, content_hash, format, encoding, sheet,
			rows_read, rows_loaded, rows_rejected, ignored_columns, status, started_at, finished_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?)`,
			b.id, string(kind), b.scope, absPath(req.Path), hash, tbl.Format, nullIfEmpty(string(tbl.Encoding)), nullIfEmpty(tbl.Sheet),
			res.Rows, b.loaded, len(b.rejects), res.Ignored, started.UTC(), in.now().UTC())
		return err
	})
	res.Rejects, res.Rejected, res.Loaded = b.rejects, len(b.rejects), b.loaded
	if err != nil {
		return res, err
	}
	res.BatchID, res.Scope = b.id, b.scope
	return res, nil
}

// supersede retires the earlier batches this one replaces: for replacing
// kinds, every loaded batch of the same kind and scope (their rows are
// deleted); for upserting kinds, batches left with no row.
func (in *Ingester) supersede(ctx context.Context, tx *store.Tx, kind Kind, ld loader, b *batch) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT batch_id FROM ingest_batch WHERE kind = ? AND status = 'loaded' AND scope = ? ORDER BY batch_id`, string(kind), b.scope)
	if err != nil {
		return nil, err
	}
	var old []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		old = append(old, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var superseded []int64
	for _, id := range old {
		if ld.upsert() {
			var left int
			if err := tx.QueryRow(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE batch_id = ?`, ld.tables()[0]), id).Scan(&left); err != nil {
				return nil, err
			}
			if left > 0 {
				continue
			}
		}
		for _, t := range ld.tables() {
			if _, err := tx.Exec(ctx, fmt.Sprintf(`DELETE FROM %s WHERE batch_id = ?`, t), id); err != nil {
				return nil, err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE ingest_batch SET status = 'superseded', superseded_by = ? WHERE batch_id = ?`, b.id, id); err != nil {
			return nil, err
		}
		superseded = append(superseded, id)
	}
	return superseded, nil
}

func writeRejects(tx *store.Tx, b *batch) error {
	if len(b.rejects) == 0 {
		return nil
	}
	a, err := tx.Append("ingest_reject", nil)
	if err != nil {
		return err
	}
	for _, r := range b.rejects {
		if err := a.Row(b.id, int32(r.Row), nullIfEmpty(r.Column), nullIfEmpty(r.Value), r.Reason); err != nil {
			a.Close()
			return err
		}
	}
	return a.Close()
}

// source finds the configured source whose pattern matches the file name.
func (in *Ingester) source(path string) jinzai.Source {
	base := filepath.Base(path)
	for _, s := range in.cfg.Sources {
		if ok, _ := filepath.Match(s.Pattern, base); ok {
			return s
		}
	}
	return jinzai.Source{}
}

// DetectKind tells the kind of a file the way File does without --kind:
// the configured source whose pattern matches the file name, else the
// header. It reads the file but writes nothing.
func DetectKind(path string, cfg jinzai.Config) (Kind, error) {
	in := &Ingester{cfg: cfg}
	src := in.source(path)
	if src.Kind != "" {
		return resolveKind("", src, nil, nil)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		return "", &FileError{Path: path, Err: fmt.Errorf("ファイルを読めません (cannot read file): %w", err)}
	}
	tbl, err := table.FromBytes(path, content, table.Options{Encoding: firstNonEmpty(src.Encoding, cfg.Ingest.Encoding), Sheet: src.Sheet})
	if err != nil {
		return "", &FileError{Path: path, Err: err}
	}
	defer tbl.Close()
	k, err := resolveKind("", src, tbl.Header, cfg.Headers)
	if err != nil {
		return "", &FileError{Path: path, Row: 1, Err: err}
	}
	return k, nil
}

// resolveKind is the kind of a file: the one asked for, else the matching
// source's, else the one its header shows.
func resolveKind(asked Kind, src jinzai.Source, header []string, headers map[string]map[string][]string) (Kind, error) {
	switch {
	case asked != "":
		return asked, nil
	case src.Kind != "":
		return Kind(src.Kind), nil
	}
	return detectKind(header, headers)
}

// detectKind picks the kind whose required columns the header carries,
// preferring the one that claims most columns. A survey export claims few
// named columns, so it is chosen only when no other kind fits and the
// header has a timestamp, respondent or item-code column.
func detectKind(header []string, extra map[string]map[string][]string) (Kind, error) {
	best, bestN := Kind(""), 0
	for _, k := range Kinds {
		if k == Survey {
			continue
		}
		c, err := specs[k].bind(header, extra[string(k)])
		if err != nil {
			continue
		}
		if n := len(c.index); n > bestN {
			best, bestN = k, n
		}
	}
	if best != "" {
		return best, nil
	}
	if c, err := specs[Survey].bind(header, extra[string(Survey)]); err == nil &&
		(c.has("submitted_at") || c.has("respondent_id") || c.has("item_code")) {
		return Survey, nil
	}
	return "", errors.New("ファイルの種類を判別できません。--kind で指定してください (cannot tell the kind of file from its header; use --kind)")
}

// readError names the row and column of a file that cannot be read on.
func readError(path string, header []string, err error) error {
	fe := &FileError{Path: path, Err: err}
	var re *table.RowError
	if errors.As(err, &re) {
		fe.Row = re.Row
		if re.Cell > 0 && re.Cell <= len(header) {
			fe.Column = header[re.Cell-1]
		}
	}
	return fe
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
