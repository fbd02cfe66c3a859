package ingest

import (
	"context"
	"io"
)

// rowSource is what the batch loop reads rows from.
type rowSource interface {
	Next() (row []string, rowNum int, err error)
}

// prefetch reads rows from src in a goroutine, a block at a time, so that
// decoding the file (XML for XLSX, encoding and CSV parsing) overlaps with
// validating and appending the rows. The rows are the reader's own slices
// (table.Next returns a fresh slice per row). Call stop before closing src.
type prefetch struct {
	blocks chan rowBlock
	cancel context.CancelFunc
	cur    rowBlock
	i      int
	done   bool
}

type rowBlock struct {
	rows [][]string
	nums []int
	err  error // io.EOF at the end
}

const prefetchBlock = 512

func newPrefetch(ctx context.Context, src rowSource) *prefetch {
	ctx, cancel := context.WithCancel(ctx)
	p := &prefetch{blocks: make(chan rowBlock, 4), cancel: cancel}
	go func() {
		defer close(p.blocks)
		for {
			b := rowBlock{rows: make([][]string, 0, prefetchBlock), nums: make([]int, 0, prefetchBlock)}
			for len(b.rows) < prefetchBlock {
				row, n, err := src.Next()
				if err != nil {
					b.err = err
					break
				}
				b.rows = append(b.rows, row)
				b.nums = append(b.nums, n)
			}
			select {
			case p.blocks <- b:
			case <-ctx.Done():
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	return p
}

// stop ends the reading goroutine and waits for it, so that the source
// can be closed safely.
func (p *prefetch) stop() {
	p.cancel()
	for range p.blocks {
	}
}

// Next returns the next row, like table.Table.Next.
func (p *prefetch) Next() ([]string, int, error) {
	for p.i >= len(p.cur.rows) {
		if p.done || p.cur.err != nil {
			p.done = true
			if p.cur.err != nil {
				return nil, 0, p.cur.err
			}
			return nil, 0, io.EOF
		}
		b, ok := <-p.blocks
		if !ok {
			p.done = true
			return nil, 0, io.EOF
		}
		p.cur, p.i = b, 0
	}
	row, n := p.cur.rows[p.i], p.cur.nums[p.i]
	p.i++
	return row, n, nil
}
