package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "j.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM schema_migration`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	ms, _ := migrations()
	if n != len(ms) {
		t.Fatalf("schema_migration has %d rows, want %d", n, len(ms))
	}
}

func TestAppendsInAFailedTransactionLeaveNoRow(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	boom := errors.New("boom")
	err = s.InTx(ctx, func(tx *Tx) error {
		a, err := tx.Append("ingest_reject", nil)
		if err != nil {
			return err
		}
		for i := 0; i < 1000; i++ {
			if err := a.Row(int64(1), int32(i), "c", "v", "r"); err != nil {
				return err
			}
		}
		if err := a.Close(); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM ingest_reject`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d rows survived a rolled-back transaction", n)
	}
	err = s.InTx(ctx, func(tx *Tx) error {
		a, err := tx.Append("ingest_reject", []string{"batch_id", "row_number", "reason"})
		if err != nil {
			return err
		}
		if err := a.Row(int64(2), int32(5), "r"); err != nil {
			return err
		}
		return a.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	s.DB().QueryRow(`SELECT count(*) FROM ingest_reject`).Scan(&n)
	if n != 1 {
		t.Fatalf("committed %d rows, want 1", n)
	}
}
