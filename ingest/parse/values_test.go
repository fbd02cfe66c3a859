package parse

import (
	"errors"
	"reflect"
	"testing"
)

func TestInt(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"plain integer", "12", 12},
		{"negative integer", "-3", -3},
		{"explicit plus", "+7", 7},
		{"thousands separators", "1,234", 1234},
		{"millions", "12,345,678", 12345678},
		{"full-width digits and comma", "１，２３４", 1234},
		{"years of service", "12年", 12},
		{"age", "45歳", 45},
		{"unit after a space", "12 年", 12},
		{"hours", "8時間", 8},
		{"lower-case h", "8h", 8},
		{"whole number with zero fraction", "12.0", 12},
		{"surrounding spaces", "\u3000 30 ", 30},
		{"full-width minus", "－５", -5},
		{"unicode minus sign", "−5", -5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Int(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Int(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFloat(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want float64
	}{
		{"plain decimal", "3.5", 3.5},
		{"integer", "12", 12},
		{"thousands separators with a fraction", "1,234.5", 1234.5},
		{"training hours", "3.5時間", 3.5},
		{"hours with h", "7.5h", 7.5},
		{"full-width decimal", "３．５", 3.5},
		{"years", "12.5年", 12.5},
		{"age", "45歳", 45},
		{"exponent as spreadsheets write it", "1.5E-05", 1.5e-05},
		{"negative", "-0.25", -0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Float(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Float(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestNumbersReject(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
		int  bool // only Int rejects it
	}{
		{"blank is ErrEmpty", "", ErrEmpty, false},
		{"spaces are ErrEmpty", "\u3000", ErrEmpty, false},
		{"words", "abc", ErrInvalidNumber, false},
		{"a unit alone", "年", ErrInvalidNumber, false},
		{"misplaced comma", "1,23", ErrInvalidNumber, false},
		{"leading comma group too long", "1234,567", ErrInvalidNumber, false},
		{"trailing comma", "1,", ErrInvalidNumber, false},
		{"two dots", "1.2.3", ErrInvalidNumber, false},
		{"dot without digits", "1.", ErrInvalidNumber, false},
		{"NaN", "NaN", ErrInvalidNumber, false},
		{"infinity", "Inf", ErrInvalidNumber, false},
		{"hex", "0x10", ErrInvalidNumber, false},
		{"unknown unit", "12ヶ月", ErrInvalidNumber, false},
		{"overflowing float", "1e999", ErrInvalidNumber, false},
		{"fraction is not an integer", "12.5", ErrInvalidNumber, true},
		{"exponent is not an integer", "1e3", ErrInvalidNumber, true},
		{"integer overflow", "99999999999999999999", ErrInvalidNumber, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Int(tt.in); !errors.Is(err, tt.want) {
				t.Errorf("Int(%q) error = %v, want %v", tt.in, err, tt.want)
			}
			if tt.int {
				return
			}
			if _, err := Float(tt.in); !errors.Is(err, tt.want) {
				t.Errorf("Float(%q) error = %v, want %v", tt.in, err, tt.want)
			}
		})
	}
}

func TestGender(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"男", "男性", "M", "m", "Male", "MALE", "1", "１", " 男 ", "Ｍ"}, "男性"},
		{[]string{"女", "女性", "F", "f", "Female", "female", "2"}, "女性"},
		{[]string{"その他", "回答しない", "無回答", "X", "x", "9"}, "その他"},
	}
	for _, tt := range tests {
		t.Run("known forms of "+tt.want, func(t *testing.T) {
			for _, in := range tt.in {
				if got, err := Gender(in); err != nil || got != tt.want {
					t.Errorf("Gender(%q) = %q, %v; want %q", in, got, err, tt.want)
				}
			}
		})
	}
	t.Run("blank is ErrEmpty", func(t *testing.T) {
		if _, err := Gender(" "); !errors.Is(err, ErrEmpty) {
			t.Errorf("Gender(blank) error = %v", err)
		}
	})
	t.Run("unknown forms are errors", func(t *testing.T) {
		for _, in := range []string{"3", "男女", "unknown", "不明"} {
			if got, err := Gender(in); !errors.Is(err, ErrInvalidGender) {
				t.Errorf("Gender(%q) = %q, %v; want ErrInvalidGender", in, got, err)
			}
		}
	})
}

func TestBool(t *testing.T) {
	t.Run("yes forms are true", func(t *testing.T) {
		for _, in := range []string{"1", "○", "〇", "◯", "はい", "有", "あり", "Y", "y", "yes", "Yes", "true", "TRUE", "✓", "１"} {
			if got, err := Bool(in); err != nil || !got {
				t.Errorf("Bool(%q) = %v, %v; want true", in, got, err)
			}
		}
	})
	t.Run("no forms and blank are false", func(t *testing.T) {
		for _, in := range []string{"", " ", "0", "×", "いいえ", "無", "なし", "N", "n", "no", "NO", "false", "FALSE", "-", "－"} {
			if got, err := Bool(in); err != nil || got {
				t.Errorf("Bool(%q) = %v, %v; want false", in, got, err)
			}
		}
	})
	t.Run("anything else is an error", func(t *testing.T) {
		for _, in := range []string{"2", "maybe", "△", "済"} {
			if _, err := Bool(in); !errors.Is(err, ErrInvalidBool) {
				t.Errorf("Bool(%q) error = %v, want ErrInvalidBool", in, err)
			}
		}
	})
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"ideographic comma", "係長、課長補佐、課長", []string{"係長", "課長補佐", "課長"}},
		{"ASCII and full-width commas", "係長,課長補佐，課長", []string{"係長", "課長補佐", "課長"}},
		{"middle dot and slashes", "主事・主任/係長／課長", []string{"主事", "主任", "係長", "課長"}},
		{"semicolons and newlines", "A;B\nC\r\nD", []string{"A", "B", "C", "D"}},
		{"parts are folded", " ＤＸ推進 、 ｼｽﾃﾑ ", []string{"DX推進", "システム"}},
		{"empty parts are dropped", "、係長,,、", []string{"係長"}},
		{"blank gives nil", " ", nil},
		{"single item", "課長", []string{"課長"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitList(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
