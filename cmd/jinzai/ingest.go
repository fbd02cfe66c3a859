package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jinzai-hr/jinzai/ingest"
)

func (a *app) ingestCmd() *cobra.Command {
	var (
		req  ingest.Request
		kind string
	)
	cmd := &cobra.Command{
		Use:   "ingest FILE...",
		Short: "ファイルを取り込む (ingest files, one batch per file)",
		Long: `ファイルを1ファイル1バッチで取り込みます。バッチは全行が入るか、何も変わらないかのどちらかです。
Ingest files, one batch each: a batch lands whole or not at all.
Kinds: training_course, survey_item, roster, assignment, training_record, survey.
Without --kind the kind comes from the config's sources, else from the header.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if kind != "" {
				k, err := ingest.ParseKind(kind)
				if err != nil {
					return err
				}
				req.Kind = k
			}
			st, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			in := ingest.New(st, a.cfg)
			var failed []error
			for _, path := range args {
				r := req
				r.Path = path
				res, err := in.File(cmd.Context(), r)
				if err != nil {
					failed = append(failed, err)
					fmt.Fprintf(cmd.ErrOrStderr(), "失敗 (failed) %s\n", err)
					continue
				}
				printResult(cmd.OutOrStdout(), res)
			}
			if len(failed) > 0 {
				return fmt.Errorf("%d件のファイルを取り込めませんでした (%d of %d files failed)", len(failed), len(failed), len(args))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "", "種類 kind of file (default: from config sources or the header)")
	f.StringVar(&req.Encoding, "encoding", "", "文字コード encoding: auto, utf-8, shift_jis")
	f.StringVar(&req.Sheet, "sheet", "", "XLSXのシート名 sheet (default: first)")
	f.StringVar(&req.SnapshotDate, "snapshot", "", "名簿の基準日 roster snapshot date (when the file has none)")
	f.StringVar(&req.SurveyCode, "survey", "", "調査コード survey code")
	f.StringVar(&req.SurveyDate, "survey-date", "", "調査日 survey date (default: latest answer)")
	return cmd
}

func printResult(w io.Writer, r ingest.Result) {
	if r.Duplicate {
		fmt.Fprintf(w, "変更なし (unchanged) %s: 同じ内容をバッチ%dで取り込み済みです (same content already loaded as batch %d)\n", r.Path, r.DuplicateOf, r.DuplicateOf)
		return
	}
	fmt.Fprintf(w, "取込 (loaded) %s: %s バッチ%d [%s] %d行中 %d行取込, %d行除外", r.Path, r.Kind, r.BatchID, r.Scope, r.Rows, r.Loaded, r.Rejected)
	if r.Encoding != "" {
		fmt.Fprintf(w, " (%s)", r.Encoding)
	}
	fmt.Fprintln(w)
	if len(r.Superseded) > 0 {
		fmt.Fprintf(w, "  置換 (replaced) バッチ %v\n", r.Superseded)
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(w, "  無視した列 (ignored columns): %s\n", strings.Join(r.Ignored, ", "))
	}
	for i, rej := range r.Rejects {
		if i == 5 {
			fmt.Fprintf(w, "  … 他%d件: jinzai sql \"select * from ingest_reject where batch_id = %d\"\n", len(r.Rejects)-5, r.BatchID)
			break
		}
		fmt.Fprintf(w, "  除外 (rejected) %s\n", rej)
	}
}
