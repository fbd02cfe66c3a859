package demo

import "fmt"

// Job families (職種). The order is the index used everywhere in the
// simulation; share is the share of regular hires, femaleYoung/femaleOld the
// probability that a hire born recently / long ago is a woman.
type family struct {
	name        string
	share       float64
	femaleYoung float64
	femaleOld   float64
}

const (
	famGeneral = iota // 一般事務
	famCivil          // 土木
	famArch           // 建築
	famElec           // 電気
	famMech           // 機械
	famPHN            // 保健師
	famWelfare        // 福祉
	famNursery        // 保育士
	famDiet           // 栄養士
	famLabour         // 技能労務
	famChem           // 化学
	famVet            // 獣医師
	famPharm          // 薬剤師
	famPsych          // 心理
	numFamilies
)

var families = [numFamilies]family{
	{"一般事務", 0.700, 0.52, 0.30},
	{"土木", 0.058, 0.24, 0.05},
	{"建築", 0.030, 0.32, 0.08},
	{"電気", 0.014, 0.12, 0.02},
	{"機械", 0.011, 0.10, 0.02},
	{"保健師", 0.034, 0.96, 0.98},
	{"福祉", 0.040, 0.62, 0.45},
	{"保育士", 0.055, 0.90, 0.96},
	{"栄養士", 0.008, 0.92, 0.96},
	{"技能労務", 0.040, 0.22, 0.12},
	{"化学", 0.0022, 0.45, 0.15},
	{"獣医師", 0.0016, 0.55, 0.20},
	{"薬剤師", 0.0020, 0.65, 0.40},
	{"心理", 0.0018, 0.70, 0.50},
}

// Placement profiles: how strongly a unit attracts each job family.
type profile map[int]float64

var (
	pAdmin      = profile{famGeneral: 1}
	pCaseWork   = profile{famGeneral: 1, famWelfare: 1.4}
	pWelfare    = profile{famGeneral: 1, famWelfare: 0.7}
	pHealth     = profile{famPHN: 2.4, famGeneral: 0.4, famDiet: 0.2}
	pNursery    = profile{famNursery: 3.2, famDiet: 0.25, famLabour: 0.25}
	pCivil      = profile{famCivil: 1.6, famGeneral: 0.3}
	pCivilWork  = profile{famLabour: 1.6, famCivil: 0.6}
	pArch       = profile{famArch: 1.6, famGeneral: 0.3}
	pPlant      = profile{famElec: 1, famMech: 1, famCivil: 0.3, famChem: 0.2}
	pWaterLab   = profile{famChem: 1, famGeneral: 0.3}
	pSanitation = profile{famVet: 0.4, famPharm: 0.4, famGeneral: 0.5, famChem: 0.15}
	pAnimal     = profile{famVet: 1, famGeneral: 0.3}
	pPharmacy   = profile{famPharm: 1, famGeneral: 0.3}
	pChild      = profile{famWelfare: 1.2, famPsych: 0.6, famPHN: 0.3, famGeneral: 0.4}
	pCleaning   = profile{famLabour: 3, famMech: 0.15, famGeneral: 0.15}
	pSchoolMeal = profile{famDiet: 0.7, famLabour: 1.2, famGeneral: 0.3}
	pFacility   = profile{famArch: 0.8, famElec: 0.6, famMech: 0.6, famGeneral: 0.2}
	pEnv        = profile{famChem: 0.6, famGeneral: 0.6}
	pCounsel    = profile{famPsych: 0.4, famGeneral: 0.8, famWelfare: 0.3}
	pInspect    = profile{famCivil: 0.6, famArch: 0.6, famElec: 0.2}
	pAssess     = profile{famGeneral: 1.3, famArch: 0.3}
	pPlanCivil  = profile{famGeneral: 0.8, famCivil: 0.5}
	pHousing    = profile{famGeneral: 0.8, famArch: 0.4}
	pPark       = profile{famCivil: 0.6, famGeneral: 0.5, famLabour: 0.3}
	pWaterSvc   = profile{famGeneral: 0.6, famElec: 0.2, famMech: 0.3}
	pDigital    = profile{famGeneral: 1, famElec: 0.1}
)

type unitDef struct {
	name  string
	scale float64
	prof  profile
	front bool // resident-facing (窓口, ケースワーカー, 税務, 用地)
}

type secDef struct {
	name  string
	units []unitDef
}

type deptDef struct {
	name    string
	oldName string // name before the rename, if any
	busy    float64
	secs    []secDef
}

func u(name string, scale float64, p profile) unitDef { return unitDef{name, scale, p, false} }
func fu(name string, scale float64, p profile) unitDef {
	return unitDef{name, scale, p, true}
}

// The organisation of みどり市: 15 部, 54 課, 122 係. Codes are assigned in
// this order ("010", "010-01", "010-01-01").
var orgDefs = []deptDef{
	{name: "総務部", busy: 1.02, secs: []secDef{
		{"総務課", []unitDef{u("文書係", 1, pAdmin), u("法制係", 0.6, pAdmin), u("庶務係", 0.8, pAdmin)}},
		{"人事課", []unitDef{u("人事係", 0.9, pAdmin), u("給与係", 0.8, pAdmin), u("人材育成係", 0.6, pAdmin)}},
		{"契約課", []unitDef{u("契約係", 0.9, pAdmin), u("工事検査係", 0.8, pInspect)}},
		{"情報政策課", []unitDef{u("DX推進係", 0.8, pDigital), u("情報システム係", 0.9, pDigital)}},
		{"危機管理課", []unitDef{u("危機管理係", 0.7, pAdmin), u("防災係", 0.8, pAdmin)}},
	}},
	{name: "企画政策部", busy: 1.03, secs: []secDef{
		{"政策企画課", []unitDef{u("政策企画係", 0.9, pAdmin), u("統計係", 0.6, pAdmin)}},
		{"広報広聴課", []unitDef{u("広報係", 0.7, pAdmin), u("広聴係", 0.6, pAdmin), fu("市民相談係", 0.7, pAdmin)}},
		{"行政経営課", []unitDef{u("行政改革係", 0.7, pAdmin), u("公共施設マネジメント係", 0.6, pFacility)}},
	}},
	{name: "財務部", busy: 0.90, secs: []secDef{
		{"財政課", []unitDef{u("財政係", 0.8, pAdmin), u("予算係", 0.7, pAdmin)}},
		{"課税課", []unitDef{fu("市民税係", 1.6, pAdmin), fu("資産税係", 1.3, pAssess), fu("軽自動車税係", 0.5, pAdmin)}},
		{"納税課", []unitDef{fu("収納係", 1.1, pAdmin), fu("徴収第一係", 1.2, pAdmin), fu("徴収第二係", 1.2, pAdmin)}},
		{"管財課", []unitDef{u("管財係", 0.7, pAdmin), u("庁舎管理係", 0.6, pFacility)}},
	}},
	{name: "市民生活部", busy: 0.97, secs: []secDef{
		{"市民課", []unitDef{fu("住民記録係", 1.7, pAdmin), fu("戸籍係", 1.2, pAdmin), fu("証明係", 1.4, pAdmin)}},
		{"保険年金課", []unitDef{fu("国保資格係", 1.3, pAdmin), fu("国保給付係", 1.2, pAdmin), fu("年金係", 0.9, pAdmin)}},
		{"地域振興課", []unitDef{u("地域活動係", 0.9, pAdmin), u("協働推進係", 0.7, pAdmin)}},
		{"文化・スポーツ課", []unitDef{u("文化係", 0.7, pAdmin), u("スポーツ係", 0.7, pAdmin)}},
		{"人権・男女共同参画課", []unitDef{u("人権推進係", 0.5, pAdmin), u("男女共同参画係", 0.5, pAdmin)}},
	}},
	{name: "保健福祉部", busy: 0.82, secs: []secDef{
		{"福祉総務課", []unitDef{u("庶務係", 0.8, pAdmin), u("福祉計画係", 0.7, pAdmin)}},
		{"生活福祉課", []unitDef{fu("保護第一係", 1.5, pCaseWork), fu("保護第二係", 1.5, pCaseWork), fu("保護第三係", 1.4, pCaseWork), u("自立支援係", 0.8, pWelfare)}},
		{"障害福祉課", []unitDef{u("障害支援係", 1.2, pWelfare), u("障害給付係", 1.0, pAdmin)}},
		{"高齢福祉課", []unitDef{u("高齢支援係", 1.1, pWelfare), u("介護保険係", 1.3, pAdmin)}},
		{"健康推進課", []unitDef{u("成人保健係", 1, pHealth), u("母子保健係", 1, pHealth), u("感染症対策係", 0.8, pHealth)}},
		{"生活衛生課", []unitDef{u("食品衛生係", 0.8, pSanitation), u("動物愛護係", 0.5, pAnimal), u("薬事係", 0.5, pPharmacy)}},
	}},
	{name: "子ども・若者部", oldName: "子ども部", busy: 0.90, secs: []secDef{
		{"子育て支援課", []unitDef{u("子育て給付係", 1.1, pAdmin), u("子ども手当係", 0.9, pAdmin)}},
		{"保育課", []unitDef{u("入園係", 1.1, pAdmin), u("保育企画係", 0.7, pAdmin)}},
		{"保育運営課", []unitDef{u("みどり保育園", 1, pNursery), u("ひかり保育園", 1, pNursery), u("さくら保育園", 0.9, pNursery), u("わかば保育園", 0.9, pNursery)}},
		{"児童相談課", []unitDef{u("児童相談係", 1, pChild), u("家庭支援係", 0.9, pChild)}},
		{"若者支援課", []unitDef{u("若者支援係", 0.6, pAdmin), u("青少年係", 0.6, pAdmin)}},
	}},
	{name: "都市整備部", busy: 1.0, secs: []secDef{
		{"都市計画課", []unitDef{u("都市計画係", 0.8, pPlanCivil), u("景観係", 0.5, pArch)}},
		{"建築指導課", []unitDef{u("建築審査係", 0.8, pArch), u("建築監察係", 0.6, pArch)}},
		{"住宅課", []unitDef{u("住宅政策係", 0.6, pAdmin), u("市営住宅係", 0.8, pHousing)}},
		{"交通政策課", []unitDef{u("交通企画係", 0.6, pPlanCivil), u("自転車対策係", 0.6, pAdmin)}},
	}},
	{name: "土木部", busy: 0.97, secs: []secDef{
		{"道路管理課", []unitDef{u("道路管理係", 0.8, pPlanCivil), u("道路占用係", 0.7, pAdmin)}},
		{"道路整備課", []unitDef{u("工事第一係", 1, pCivil), u("工事第二係", 1, pCivil), u("橋りょう係", 0.6, pCivil)}},
		{"用地課", []unitDef{fu("用地第一係", 0.8, pAdmin), fu("用地第二係", 0.8, pAdmin)}},
		{"公園緑地課", []unitDef{u("公園係", 0.8, pPark), u("緑化推進係", 0.6, pPark)}},
		{"土木事務所", []unitDef{u("維持補修係", 0.8, pCivilWork), u("作業係", 1, pCivilWork)}},
	}},
	{name: "環境部", busy: 1.0, secs: []secDef{
		{"環境政策課", []unitDef{u("環境計画係", 0.6, pAdmin), u("脱炭素推進係", 0.6, pAdmin)}},
		{"ごみ減量推進課", []unitDef{u("減量推進係", 0.7, pAdmin), u("資源循環係", 0.7, pAdmin)}},
		{"清掃事務所", []unitDef{u("収集第一係", 1, pCleaning), u("収集第二係", 1, pCleaning), u("車両管理係", 0.5, pCleaning)}},
		{"環境保全課", []unitDef{u("公害対策係", 0.6, pEnv), u("環境調査係", 0.6, pEnv)}},
	}},
	{name: "教育委員会事務局", busy: 1.0, secs: []secDef{
		{"教育総務課", []unitDef{u("総務係", 0.8, pAdmin), u("学校施設係", 0.9, pFacility)}},
		{"学務課", []unitDef{u("学務係", 1, pAdmin), u("学校給食係", 1, pSchoolMeal)}},
		{"指導課", []unitDef{u("指導係", 0.6, pAdmin), u("教育相談係", 0.7, pCounsel)}},
		{"生涯学習課", []unitDef{u("社会教育係", 0.7, pAdmin), u("図書館係", 1.2, pAdmin)}},
	}},
	{name: "上下水道局", busy: 1.02, secs: []secDef{
		{"経営総務課", []unitDef{u("総務係", 0.7, pAdmin), u("経理係", 0.7, pAdmin)}},
		{"料金課", []unitDef{u("料金係", 1, pAdmin), u("給水装置係", 0.7, pWaterSvc)}},
		{"浄水課", []unitDef{u("浄水係", 1, pPlant), u("水質係", 0.6, pWaterLab)}},
		{"下水道課", []unitDef{u("下水道計画係", 0.8, pCivil), u("下水道施設係", 0.8, pPlant)}},
	}},
	{name: "会計管理室", busy: 1.0, secs: []secDef{
		{"会計課", []unitDef{u("審査係", 0.45, pAdmin), u("出納係", 0.4, pAdmin)}},
	}},
	{name: "議会事務局", busy: 1.0, secs: []secDef{
		{"総務課", []unitDef{u("庶務係", 0.35, pAdmin)}},
		{"議事調査課", []unitDef{u("議事係", 0.35, pAdmin), u("調査係", 0.3, pAdmin)}},
	}},
	{name: "選挙管理委員会事務局", busy: 1.0, secs: []secDef{
		{"選挙課", []unitDef{u("選挙係", 0.3, pAdmin), u("管理係", 0.25, pAdmin)}},
	}},
	{name: "監査委員事務局", busy: 1.0, secs: []secDef{
		{"監査課", []unitDef{u("監査係", 0.35, pAdmin), u("審査係", 0.25, pAdmin)}},
	}},
}

// org is the flattened organisation tree with codes.
type org struct {
	depts    []dept
	secs     []sec
	units    []unit
	renameFY int // first fiscal year the renamed department carries its new name
	// famUnits[f] lists unit indices with their cumulative placement weight
	famUnits [numFamilies][]int
	famCum   [numFamilies][]float64
}

type dept struct {
	code, name, oldName string
	busy                float64
	secs                []int
}

type sec struct {
	code, name string
	dept       int
	units      []int
	fams       [numFamilies]bool // families any of its units attract
}

type unit struct {
	code, name string
	dept, sec  int
	front      bool
	weight     [numFamilies]float64
}

func buildOrg(renameFY int) *org {
	o := &org{renameFY: renameFY}
	for di, dd := range orgDefs {
		d := dept{code: fmt.Sprintf("%03d", (di+1)*10), name: dd.name, oldName: dd.oldName, busy: dd.busy}
		for si, sd := range dd.secs {
			s := sec{code: fmt.Sprintf("%s-%02d", d.code, si+1), name: sd.name, dept: di}
			for ui, ud := range sd.units {
				un := unit{code: fmt.Sprintf("%s-%02d", s.code, ui+1), name: ud.name, dept: di, sec: len(o.secs), front: ud.front}
				for f := 0; f < numFamilies; f++ {
					un.weight[f] = ud.prof[f] * ud.scale
					if un.weight[f] > 0 {
						s.fams[f] = true
					}
				}
				s.units = append(s.units, len(o.units))
				o.units = append(o.units, un)
			}
			d.secs = append(d.secs, len(o.secs))
			o.secs = append(o.secs, s)
		}
		o.depts = append(o.depts, d)
	}
	for f := 0; f < numFamilies; f++ {
		total := 0.0
		for i, un := range o.units {
			if un.weight[f] > 0 {
				total += un.weight[f]
				o.famUnits[f] = append(o.famUnits[f], i)
				o.famCum[f] = append(o.famCum[f], total)
			}
		}
	}
	return o
}

// deptName is the department's name as of fiscal year fy.
func (o *org) deptName(d, fy int) string {
	if o.depts[d].oldName != "" && fy < o.renameFY {
		return o.depts[d].oldName
	}
	return o.depts[d].name
}
