// Command genroster writes a large synthetic roster CSV for the ingest
// benchmark (scripts/bench.sh): N staff, valid rows, Shift_JIS or UTF-8.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

func main() {
	n := flag.Int("n", 1000000, "rows")
	out := flag.String("o", "roster_20240401.csv", "output file")
	sjis := flag.Bool("sjis", true, "encode as Shift_JIS (CP932)")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	var w io.Writer = f
	if *sjis {
		w = transform.NewWriter(f, japanese.ShiftJIS.NewEncoder())
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprint(bw, "職員番号,氏名,生年月日,性別,採用年月日,部コード,部名,課コード,課名,職層,職種,任用形態\r\n")
	grades := []string{"主事", "主任", "係長", "課長補佐", "課長", "部長"}
	depts := []string{"総務部", "企画政策部", "財務部", "市民生活部", "保健福祉部", "子ども・若者部", "都市整備部", "環境部"}
	for i := 0; i < *n; i++ {
		birth := 1962 + i%38
		d := i % len(depts)
		fmt.Fprintf(bw, "%07d,職員 %d,%d/%02d/%02d,%s,%d/04/01,%03d,%s,%03d-%02d,第%d課,%s,一般事務,常勤\r\n",
			i, i, birth, 1+i%12, 1+i%28, []string{"男", "女"}[i%2], birth+22+i%3, d*10, depts[d], d*10, i%7, i%7+1, grades[i%len(grades)])
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if c, ok := w.(io.Closer); ok {
		c.Close()
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
