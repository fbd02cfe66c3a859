package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jinzai-hr/jinzai"
)

// A stress check: the vendor's BJSQ item bank loads beside the staff
// survey's bank (its own scope), its answers are read from the BJSQ's own
// texts (そうだ = 1 … ちがう = 4) or numbers 1–4, and a stress check
// without a survey code is named stresscheck-FY…, so that it does not
// replace the staff survey of the same year.
func TestStressCheckItemBankAndAnswers(t *testing.T) {
	in, st := newIngester(t, jinzai.DefaultConfig())
	dir := t.TempDir()
	mustIngest(t, in, Request{Path: fixturePath("survey_items.csv")})
	bank := filepath.Join(dir, "stress_items.csv")
	var b strings.Builder
	b.WriteString("設問コード,設問,カテゴリ,尺度,標準尺度,項目番号\n")
	for _, it := range jinzai.BJSQItems[:3] {
		fmt.Fprintf(&b, "B%02d,%s,仕事の量的負担,4,BJSQ,%d\n", it.No, it.Text, it.No)
	}
	fmt.Fprintf(&b, "B47,%s,上司からのサポート,4,職業性ストレス簡易調査票,47\n", jinzai.BJSQItems[46].Text)
	writeFile(t, bank, b.String())
	res := mustIngest(t, in, Request{Path: bank})
	if res.Kind != SurveyItem || res.Scope != "instrument:bjsq" || res.Loaded != 4 || len(res.Superseded) != 0 {
		t.Fatalf("stress item bank: %+v", res)
	}
	if n := count(t, st, `SELECT count(*) FROM survey_item`); n < 5 {
		t.Fatalf("the staff survey's bank was replaced: %d items left", n)
	}
	if n := count(t, st, `SELECT count(*) FROM survey_item WHERE instrument = 'bjsq' AND item_no = 47 AND scale = 4 AND scale_min = 1`); n != 1 {
		t.Fatal("item 47 was not stored as BJSQ item 47")
	}

	answers := filepath.Join(dir, "stress_2024.csv")
	writeFile(t, answers, "回答日時,所属,性別,1. "+jinzai.BJSQItems[0].Text+","+jinzai.BJSQItems[1].Text+",B03,B47\n"+
		"2024/10/01 09:00:00,総務部,男,そうだ,ややちがう,4,非常に\n"+
		"2024/10/02 09:00:00,総務部,女,まあ そうだ,ちがう,,全くない\n")
	res = mustIngest(t, in, Request{Path: answers})
	if res.Kind != Survey || res.Scope != "stresscheck-FY2024" || res.Loaded != 2 {
		t.Fatalf("stress check: %+v", res)
	}
	// そうだ 1 + ややちがう 3 + 4 + 非常に 1; まあそうだ 2 + ちがう 4 + 全くない 4
	if got := count(t, st, `SELECT sum(value) FROM survey_response`); got != 19 {
		t.Fatalf("sum of answers %d, want 19", got)
	}
	// A 4-point agreement text is not a BJSQ answer (it would be counted the other way round).
	writeFile(t, answers, "回答日時,所属,B01\n2024/10/01 09:00:00,総務部,そう思う\n2024/10/01 09:00:00,総務部,そうだ\n")
	if _, err := in.File(context.Background(), Request{Path: answers, SurveyCode: "x"}); err == nil || !strings.Contains(err.Error(), "bjsq") {
		t.Fatalf("そう思う for a BJSQ item: err = %v", err)
	}

	// Loading the stress bank again (corrected) replaces only itself.
	writeFile(t, bank, b.String()+"B48,"+jinzai.BJSQItems[47].Text+",同僚からのサポート,4,BJSQ,48\n")
	res = mustIngest(t, in, Request{Path: bank})
	if res.Scope != "instrument:bjsq" || len(res.Superseded) != 1 {
		t.Fatalf("corrected stress bank: %+v", res)
	}
	// A code already used by the other bank fails the file.
	clash := filepath.Join(dir, "clash.csv")
	writeFile(t, clash, "設問コード,設問,カテゴリ,尺度,標準尺度,項目番号\nQ01,重複する設問,x,4,BJSQ,5\n")
	if _, err := in.File(context.Background(), Request{Path: clash}); err == nil || !strings.Contains(err.Error(), "Q01") {
		t.Fatalf("clashing item code: err = %v", err)
	}
}

func TestItemBankScalesAndInstrumentsAreValidated(t *testing.T) {
	_, st := newIngester(t, jinzai.DefaultConfig())
	dir := t.TempDir()
	bank := filepath.Join(dir, "items.csv")
	// 10 good rows (UWES-9 0–6, eNPS 0–10 without an item number, a 5-point item)
	// and 6 bad ones: more than 5% rejects fail the file, so check the rejects.
	var b strings.Builder
	b.WriteString("設問コード,設問,カテゴリ,尺度,最小値,標準尺度,項目番号\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "U%d,UWES設問%d,ワーク・エンゲイジメント,7,0,UWES-9,%d\n", i, i, i)
	}
	b.WriteString("N1,推奨度,eNPS,11,0,eNPS,\n")
	b.WriteString("Q1,普通の設問,働きがい,5,,,\n")
	for _, bad := range []string{
		"X1,11件法を1から,x,11,1,,",       // 11 points must start at 0
		"X2,6件法,x,6,,,",              // not a scale
		"X3,UWESを1から,x,7,1,UWES-9,3", // UWES answers are 0–6
		"X4,番号の重複,x,7,0,UWES-9,1",    // UWES item 1 twice
		"X5,未知の尺度,x,4,,GHQ,1",        // unknown instrument
		"X6,番号だけ,x,5,,,3",            // item_no without an instrument
	} {
		b.WriteString(bad + "\n")
	}
	writeFile(t, bank, b.String())
	cfg := jinzai.DefaultConfig()
	cfg.Ingest.MaxRejectShare = 0.5
	in := New(st, cfg)
	res := mustIngest(t, in, Request{Path: bank})
	if res.Loaded != 11 || res.Rejected != 6 || res.Scope != "all" {
		t.Fatalf("result %+v", res)
	}
	for i, want := range []string{"最小値", "尺度", "尺度", "項目番号", "標準尺度", "項目番号"} {
		if res.Rejects[i].Column != want {
			t.Errorf("reject %d: column %q (%s), want %s", i, res.Rejects[i].Column, res.Rejects[i].Reason, want)
		}
	}
	if n := count(t, st, `SELECT count(*) FROM survey_item WHERE instrument = 'enps' AND item_no = 1 AND scale_min = 0`); n != 1 {
		t.Fatal("eNPS item not stored with item_no 1 and scale_min 0")
	}
	// Answers 0 are valid on a 0-based scale, 11 is not an eNPS answer.
	answers := filepath.Join(dir, "s.csv")
	writeFile(t, answers, "回答日時,U1,N1,Q1\n2024/7/1 9:00,0,10,5\n2024/7/1 9:00,6,0,1\n")
	res = mustIngest(t, in, Request{Path: answers})
	if res.Loaded != 2 || res.Scope != "survey-FY2024" {
		t.Fatalf("answers %+v", res)
	}
	// A Likert text counts from 1: it is not an answer of a 0–6 item.
	writeFile(t, answers, "回答日時,U1,Q1\n2024/7/1 9:00,そう思う,そう思う\n2024/7/1 9:00,3,3\n")
	if res, err := in.File(context.Background(), Request{Path: answers, SurveyCode: "S3"}); err != nil || res.Rejected != 1 || res.Rejects[0].Value != "そう思う" {
		t.Fatalf("a Likert text for a UWES item: %+v %v", res, err)
	}
	writeFile(t, answers, "回答日時,N1\n2024/7/1 9:00,11\n2024/7/1 9:00,3\n")
	res, err := in.File(context.Background(), Request{Path: answers, SurveyCode: "S2"})
	if err != nil || res.Rejected != 1 || !strings.Contains(res.Rejects[0].Reason, "0〜10") {
		t.Fatalf("eNPS 11: %+v %v", res, err)
	}
}
