package ingest

import (
	"context"
	"errors"
	"io"
	"testing"
)

type fakeRows struct {
	n, fail int
	i       int
}

func (f *fakeRows) Next() ([]string, int, error) {
	f.i++
	if f.i == f.fail {
		return nil, 0, errors.New("bad row")
	}
	if f.i > f.n {
		return nil, 0, io.EOF
	}
	return []string{"x"}, f.i + 1, nil
}

func TestPrefetchGivesEveryRowInOrderThenTheReadersEnd(t *testing.T) {
	for _, tc := range []struct {
		name      string
		n, fail   int
		wantRows  int
		wantError bool
	}{
		{"empty", 0, 0, 0, false},
		{"less than a block", 7, 0, 7, false},
		{"several blocks", 3*prefetchBlock + 5, 0, 3*prefetchBlock + 5, false},
		{"an error in the second block", 2 * prefetchBlock, prefetchBlock + 3, prefetchBlock + 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPrefetch(context.Background(), &fakeRows{n: tc.n, fail: tc.fail})
			defer p.stop()
			got := 0
			for {
				_, num, err := p.Next()
				if err == io.EOF {
					if tc.wantError {
						t.Fatal("EOF instead of the reader's error")
					}
					break
				}
				if err != nil {
					if !tc.wantError {
						t.Fatal(err)
					}
					break
				}
				got++
				if num != got+1 {
					t.Fatalf("row %d has number %d", got, num)
				}
			}
			if got != tc.wantRows {
				t.Fatalf("%d rows, want %d", got, tc.wantRows)
			}
		})
	}
}

func TestStoppingPrefetchEarlyEndsItsGoroutine(t *testing.T) {
	p := newPrefetch(context.Background(), &fakeRows{n: 100 * prefetchBlock})
	p.Next()
	p.stop() // returns only once the goroutine has ended
}
