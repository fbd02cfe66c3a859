package ingest

import (
	"fmt"
	"strings"

	"github.com/jinzai-hr/jinzai/ingest/parse"
)

// field is one column of an input kind, found in a file by any alias.
type field struct {
	name     string // canonical field name (employee_id)
	aliases  []string
	required bool
}

// spec is the column contract of one input kind (docs/input-files.md).
type spec struct {
	fields []field
	// oneOf lists groups of fields of which at least one must be present.
	oneOf [][]string
}

var (
	fEmployeeID  = field{"employee_id", []string{"職員番号", "職員ID", "社員番号", "職員コード", "個人番号", "EmployeeNumber", "EmployeeID", "employee_id"}, true}
	fDeptCode    = field{"dept_code", []string{"部コード", "部局コード", "DepartmentCode", "dept_code"}, false}
	fDeptName    = field{"dept_name", []string{"部名", "部局名", "部", "DepartmentName", "dept_name"}, true}
	fSectionCode = field{"section_code", []string{"課コード", "SectionCode", "section_code"}, false}
	fSectionName = field{"section_name", []string{"課名", "課", "所属課", "SectionName", "section_name"}, false}
	fUnitCode    = field{"unit_code", []string{"係コード", "UnitCode", "unit_code"}, false}
	fUnitName    = field{"unit_name", []string{"係名", "係", "UnitName", "unit_name"}, false}
	fGrade       = field{"grade", []string{"職層", "職位", "職級", "Grade", "grade"}, true}
	fDigitalTier = field{"digital_tier", []string{"デジタル人材区分", "DigitalTier", "digital_tier"}, false}
	fCourseCode  = field{"course_code", []string{"研修コード", "講座コード", "CourseCode", "course_code"}, true}
	fGender      = field{"gender", []string{"性別", "Gender", "gender"}, false}
)

func opt(f field) field { f.required = false; return f }

var specs = map[Kind]spec{
	Roster: {fields: []field{
		fEmployeeID,
		{"snapshot_date", []string{"基準日", "基準年月日", "SnapshotDate", "snapshot_date"}, false},
		{"name", []string{"氏名", "職員氏名", "名前", "Name", "name"}, false},
		{"birth_date", []string{"生年月日", "BirthDate", "birth_date"}, false},
		{"age", []string{"年齢", "Age", "age"}, false},
		fGender,
		{"hire_date", []string{"採用年月日", "採用日", "入庁日", "入所年月日", "HireDate", "hire_date"}, false},
		{"years_of_service", []string{"勤続年数", "在職年数", "YearsOfService", "years_of_service"}, false},
		fDeptCode, fDeptName, fSectionCode, fSectionName, fUnitCode, fUnitName, fGrade,
		{"job_family", []string{"職種", "JobFamily", "job_family"}, true},
		{"employment_type", []string{"任用形態", "雇用形態", "任用区分", "EmploymentType", "employment_type"}, true},
		fDigitalTier,
		{"leave_status", []string{"休職等", "休業区分", "LeaveStatus", "leave_status"}, false},
	}, oneOf: [][]string{{"birth_date", "age"}, {"hire_date", "years_of_service"}}},
	Assignment: {fields: []field{
		fEmployeeID,
		{"start_date", []string{"発令日", "開始日", "配置開始日", "StartDate", "start_date"}, true},
		{"end_date", []string{"終了日", "配置終了日", "EndDate", "end_date"}, false},
		fDeptCode, fDeptName, fSectionCode, fSectionName, fUnitCode, fUnitName,
		{"front_line", []string{"窓口区分", "住民対応", "FrontLine", "front_line"}, false},
	}},
	TrainingCourse: {fields: []field{
		fCourseCode,
		{"course_name", []string{"研修名", "講座名", "CourseName", "course_name"}, true},
		{"category", []string{"区分", "研修区分", "Category", "category"}, true},
		{"target_grades", []string{"対象職層", "対象", "TargetGrades", "target_grades"}, false},
		{"required_when", []string{"受講時期", "必修時期", "RequiredWhen", "required_when"}, false},
		{"hours", []string{"時間", "研修時間", "Hours", "hours"}, false},
		{"competencies", []string{"育成能力", "能力", "Competencies", "competencies"}, false},
		fDigitalTier,
	}},
	TrainingRecord: {fields: []field{
		fEmployeeID, fCourseCode,
		{"course_name", []string{"研修名", "講座名", "CourseName", "course_name"}, false},
		{"start_date", []string{"受講日", "受講開始日", "開始日", "StartDate", "start_date"}, true},
		{"end_date", []string{"修了日", "受講終了日", "EndDate", "end_date"}, false},
		{"hours", []string{"受講時間", "時間", "Hours", "hours"}, false},
		{"status", []string{"状況", "受講状況", "修了区分", "Status", "status"}, false},
	}},
	SurveyItem: {fields: []field{
		{"item_code", []string{"設問コード", "設問番号", "ItemCode", "item_code"}, true},
		{"item_text", []string{"設問", "設問文", "ItemText", "item_text"}, true},
		{"category", []string{"カテゴリ", "カテゴリー", "分類", "Category", "category"}, true},
		{"scale", []string{"尺度", "選択肢数", "Scale", "scale"}, true},
		{"reverse", []string{"逆転", "逆転項目", "Reverse", "reverse"}, false},
		{"engagement", []string{"エンゲージメント", "指標", "Engagement", "engagement"}, false},
		{"scale_min", []string{"最小値", "尺度の最小値", "ScaleMin", "scale_min"}, false},
		{"instrument", []string{"標準尺度", "調査票", "Instrument", "instrument"}, false},
		{"item_no", []string{"項目番号", "標準尺度の番号", "ItemNo", "item_no"}, false},
	}},
	Survey: {fields: []field{
		{"submitted_at", []string{"タイムスタンプ", "回答日時", "送信日時", "Timestamp", "submitted_at"}, false},
		{"respondent_id", []string{"回答者ID", "回答番号", "RespondentID", "respondent_id"}, false},
		opt(fEmployeeID),
		{"dept_name", []string{"所属", "所属部", "部", "部名", "Department", "dept_name"}, false},
		{"grade", []string{"職層", "職位", "Grade", "grade"}, false},
		{"age_band", []string{"年代", "年齢層", "AgeBand", "age_band"}, false},
		fGender,
		{"tenure_band", []string{"勤続年数", "勤続年数帯", "TenureBand", "tenure_band"}, false},
		// long form
		{"item_code", []string{"設問コード", "設問番号", "ItemCode", "item_code"}, false},
		{"value", []string{"回答", "回答値", "Value", "value"}, false},
	}},
}

// columns binds a file's header to a spec's fields.
type columns struct {
	header  []string
	index   map[string]int // field name → column
	ignored []int          // columns no field claimed
}

// bind matches header cells to fields through their aliases plus the
// configured extra aliases. It fails when a required column is missing.
func (s spec) bind(header []string, extra map[string][]string) (*columns, error) {
	keyToField := map[string]string{}
	for _, f := range s.fields {
		for _, a := range append(append([]string(nil), f.aliases...), extra[f.name]...) {
			k := parse.HeaderKey(a)
			if _, taken := keyToField[k]; !taken {
				keyToField[k] = f.name
			}
		}
	}
	c := &columns{header: header, index: map[string]int{}}
	for i, h := range header {
		name, ok := keyToField[parse.HeaderKey(h)]
		if !ok || h == "" {
			c.ignored = append(c.ignored, i)
			continue
		}
		if _, dup := c.index[name]; dup {
			return nil, &FileError{Row: 1, Column: h, Err: fmt.Errorf("列 %q が重複しています (column %s appears twice)", h, name)}
		}
		c.index[name] = i
	}
	for _, f := range s.fields {
		if _, ok := c.index[f.name]; f.required && !ok {
			return nil, &FileError{Row: 1, Column: f.aliases[0], Err: fmt.Errorf("必須列 %s がありません (missing required column %s; accepted headers: %s)", f.aliases[0], f.name, strings.Join(f.aliases, ", "))}
		}
	}
	for _, group := range s.oneOf {
		found := false
		for _, name := range group {
			if _, ok := c.index[name]; ok {
				found = true
			}
		}
		if !found {
			var labels []string
			for _, name := range group {
				labels = append(labels, s.field(name).aliases[0])
			}
			return nil, &FileError{Row: 1, Column: labels[0], Err: fmt.Errorf("必須列がありません: %s のいずれかが必要です (missing one of %s)", strings.Join(labels, " / "), strings.Join(group, ", "))}
		}
	}
	return c, nil
}

func (s spec) field(name string) field {
	for _, f := range s.fields {
		if f.name == name {
			return f
		}
	}
	panic("ingest: unknown field " + name)
}

func (c *columns) has(name string) bool { _, ok := c.index[name]; return ok }

// ignoredNames lists the header cells of the columns no field claimed.
func (c *columns) ignoredNames() []string {
	var names []string
	for _, i := range c.ignored {
		if c.header[i] != "" {
			names = append(names, c.header[i])
		}
	}
	return names
}
