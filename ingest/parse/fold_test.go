package parse

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ASCII is returned unchanged", "EMP001", "EMP001"},
		{"ASCII with single inner spaces is unchanged", "Employee Number", "Employee Number"},
		{"empty stays empty", "", ""},
		{"full-width letters and digits become half-width", "ＥＭＰ００１", "EMP001"},
		{"full-width symbols become half-width", "（Ａ－１）", "(A-1)"},
		{"half-width katakana become full-width", "ｼｮｸｲﾝﾊﾞﾝｺﾞｳ", "ショクインバンゴウ"},
		{"half-width semi-voiced kana compose", "ﾊﾟｰﾄ", "パート"},
		{"ideographic spaces are trimmed", "\u3000職員番号\u3000", "職員番号"},
		{"ASCII spaces and tabs are trimmed", " \tA1 \n", "A1"},
		{"inner runs of mixed spaces collapse to one", "職員\u3000 \u3000番号", "職員 番号"},
		{"double ASCII space collapses", "a  b", "a b"},
		{"inner tab becomes a space", "a\tb", "a b"},
		{"only spaces become empty", " \u3000 ", ""},
		{"kanji are untouched", "総務部", "総務部"},
		{"circled digits are untouched", "①", "①"},
		{"no-break spaces are trimmed", "\u00a0A1\u00a0", "A1"},
		{"decomposed kana compose", "カ\u3099", "ガ"},
		{"full-width yen sign folds", "￥", "¥"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldDoesNotAllocateWhenThereIsNothingToFold(t *testing.T) {
	for _, s := range []string{"EMP001", "2023-04-01", "Employee Number", "", "総務部 人事課", "令和5年4月1日", "ガ"} {
		if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
			t.Errorf("Fold(%q) allocates %v times, want 0", s, n)
		}
	}
}

func TestFoldIsIdempotent(t *testing.T) {
	for _, s := range []string{"ＥＭＰ　００１", "ｶﾞｯｺｳ", " a  b ", "令和５年４月１日", "ａ\u3000\u3000ｂ"} {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(Fold(%q)) = %q, Fold once = %q", s, twice, once)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"Japanese header with a space matches its alias", []string{"職員 番号", "職員番号", "職員\u3000番号", " 職員番号 "}, "職員番号"},
		{"English forms compare equal", []string{"EmployeeNumber", "employee_number", "Employee Number", "EMPLOYEE-NUMBER", "ＥｍｐｌｏｙｅｅＮｕｍｂｅｒ"}, "employeenumber"},
		{"middle dots are dropped", []string{"部・課名", "部･課名", "部課名"}, "部課名"},
		{"brackets of both widths are dropped", []string{"時間(h)", "時間（h）", "「時間」h", "時間ｈ"}, "時間h"},
		{"half-width katakana header folds", []string{"ｼｮｸｲﾝ番号", "ショクイン番号"}, "ショクイン番号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range tt.in {
				if got := HeaderKey(in); got != tt.want {
					t.Errorf("HeaderKey(%q) = %q, want %q", in, got, tt.want)
				}
			}
		})
	}
}

func BenchmarkFold(b *testing.B) {
	cases := []struct{ name, in string }{
		{"ascii", "EMP000123"},
		{"fullwidth", "ＥＭＰ０００１２３"},
		{"japanese", "総務部 人事課"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Fold(c.in)
			}
		})
	}
	b.Run("mixed", func(b *testing.B) {
		cells := []string{"A001", "ＥＭＰ１", "総務部", "2023-04-01", "ｶﾞｲﾑ", "12", "職員\u3000番号", " x "}
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range cells {
				_ = Fold(c)
			}
		}
	})
}
