package jinzai

// The Brief Job Stress Questionnaire (職業性ストレス簡易調査票, BJSQ): its
// 57 items, the 23 items the 80-item version (新職業性ストレス簡易調査票
// 推奨尺度セット短縮版) adds, and the scoring key of every scale. The key is
// the questionnaire's, not a choice of ours: the transform writes it as the
// tables cfg_bjsq_item and cfg_bjsq_scale, and the demo writes the item
// bank from it. Sources and the scoring rules: docs/metrics/stress-check.md.
//
// Answers are stored as the number of the answer chosen, 1 to 4, in the
// order the questionnaire prints them (1 = そうだ / ほとんどなかった /
// 非常に / 満足). An item is flipped (item score = 5 − answer) where the
// questionnaire's scoring counts it that way, so that:
//   - a scale of the 57-item version is the sum of its item scores and a
//     higher score means more of what the scale names (more demand, more
//     control, more support, more fatigue), as in the MHLW manual's 素点
//     formulas (e.g. 心理的な仕事の負担(量) = 15 − (No.1 + No.2 + No.3));
//   - a scale added by the 80-item version is the mean of its item scores
//     (1–4) and a higher score is always the better state, as in the new
//     questionnaire's scoring.

// BJSQ answer sets, in questionnaire order (answer 1 first).
var (
	BJSQAgree        = [4]string{"そうだ", "まあそうだ", "ややちがう", "ちがう"}
	BJSQFrequency    = [4]string{"ほとんどなかった", "ときどきあった", "しばしばあった", "ほとんどいつもあった"}
	BJSQSupport      = [4]string{"非常に", "かなり", "多少", "全くない"}
	BJSQSatisfaction = [4]string{"満足", "まあ満足", "やや不満足", "不満足"}
)

// BJSQItem is one question of the questionnaire.
type BJSQItem struct {
	No      int    // 1–80
	Section string // A–D (57-item version), E–H (added by the 80-item version)
	Text    string
	// Flip: the item score is 5 − answer (else the answer itself).
	Flip bool
}

// Answers are the item's four answer texts, answer 1 first.
func (it BJSQItem) Answers() [4]string {
	switch it.Section {
	case "B":
		return BJSQFrequency
	case "C":
		return BJSQSupport
	case "D":
		return BJSQSatisfaction
	}
	return BJSQAgree
}

// BJSQScale is one scale of the questionnaire.
type BJSQScale struct {
	Code   string // stable identifier (quantitative_demand …)
	Name   string // as the questionnaire names it
	Domain string // 仕事のストレス要因, 心身のストレス反応, 周囲のサポート, 満足度, or the 80-item version's groups
	Items  []int
	// Mean: the scale is the mean of its item scores (80-item additions);
	// otherwise their sum.
	Mean bool
	// HigherIsBetter: a higher score is the better state (control,
	// support, vigour …); false for demands and stress reactions.
	HigherIsBetter bool
	// Version: 57 for the scales of the 57-item version, 80 for those the
	// 80-item version adds.
	Version int
}

// The four scales of the job stress judgement chart (仕事のストレス判定図).
const (
	ScaleDemand     = "quantitative_demand"
	ScaleControl    = "job_control"
	ScaleSupervisor = "supervisor_support"
	ScaleCoworker   = "coworker_support"
	// ScaleWorkEngagement is the 80-item version's work engagement (items 79, 80).
	ScaleWorkEngagement = "work_engagement"
)

const (
	bjsqC1 = "次の人たちはどのくらい気軽に話ができますか？"
	bjsqC2 = "あなたが困った時、次の人たちはどのくらい頼りになりますか？"
	bjsqC3 = "あなたの個人的な問題を相談したら、次の人たちはどのくらいきいてくれますか？"
)

// BJSQItems lists the 80 items in questionnaire order. Items 1–57 are the
// 57-item version; 58–80 are added by the 80-item version. The texts of
// section C repeat their lead question so that every item text is unique
// (a wide export's header names the item).
var BJSQItems = []BJSQItem{
	{1, "A", "非常にたくさんの仕事をしなければならない", true},
	{2, "A", "時間内に仕事が処理しきれない", true},
	{3, "A", "一生懸命働かなければならない", true},
	{4, "A", "かなり注意を集中する必要がある", true},
	{5, "A", "高度の知識や技術が必要なむずかしい仕事だ", true},
	{6, "A", "勤務時間中はいつも仕事のことを考えていなければならない", true},
	{7, "A", "からだを大変よく使う仕事だ", true},
	{8, "A", "自分のペースで仕事ができる", true},
	{9, "A", "自分で仕事の順番・やり方を決めることができる", true},
	{10, "A", "職場の仕事の方針に自分の意見を反映できる", true},
	{11, "A", "自分の技能や知識を仕事で使うことが少ない", false},
	{12, "A", "私の部署内で意見のくい違いがある", true},
	{13, "A", "私の部署と他の部署とはうまが合わない", true},
	{14, "A", "私の職場の雰囲気は友好的である", false},
	{15, "A", "私の職場の作業環境（騒音、照明、温度、換気など）はよくない", true},
	{16, "A", "仕事の内容は自分にあっている", true},
	{17, "A", "働きがいのある仕事だ", true},
	{18, "B", "活気がわいてくる", false},
	{19, "B", "元気がいっぱいだ", false},
	{20, "B", "生き生きする", false},
	{21, "B", "怒りを感じる", false},
	{22, "B", "内心腹立たしい", false},
	{23, "B", "イライラしている", false},
	{24, "B", "ひどく疲れた", false},
	{25, "B", "へとへとだ", false},
	{26, "B", "だるい", false},
	{27, "B", "気がはりつめている", false},
	{28, "B", "不安だ", false},
	{29, "B", "落着かない", false},
	{30, "B", "ゆううつだ", false},
	{31, "B", "何をするのも面倒だ", false},
	{32, "B", "物事に集中できない", false},
	{33, "B", "気分が晴れない", false},
	{34, "B", "仕事が手につかない", false},
	{35, "B", "悲しいと感じる", false},
	{36, "B", "めまいがする", false},
	{37, "B", "体のふしぶしが痛む", false},
	{38, "B", "頭が重かったり頭痛がする", false},
	{39, "B", "首筋や肩がこる", false},
	{40, "B", "腰が痛い", false},
	{41, "B", "目が疲れる", false},
	{42, "B", "動悸や息切れがする", false},
	{43, "B", "胃腸の具合が悪い", false},
	{44, "B", "食欲がない", false},
	{45, "B", "便秘や下痢をする", false},
	{46, "B", "よく眠れない", false},
	{47, "C", bjsqC1 + "（上司）", true},
	{48, "C", bjsqC1 + "（職場の同僚）", true},
	{49, "C", bjsqC1 + "（配偶者、家族、友人等）", true},
	{50, "C", bjsqC2 + "（上司）", true},
	{51, "C", bjsqC2 + "（職場の同僚）", true},
	{52, "C", bjsqC2 + "（配偶者、家族、友人等）", true},
	{53, "C", bjsqC3 + "（上司）", true},
	{54, "C", bjsqC3 + "（職場の同僚）", true},
	{55, "C", bjsqC3 + "（配偶者、家族、友人等）", true},
	{56, "D", "仕事に満足だ", true},
	{57, "D", "家庭生活に満足だ", true},
	{58, "E", "感情面で負担になる仕事だ", false},
	{59, "E", "複数の人からお互いに矛盾したことを要求される", false},
	{60, "E", "自分の職務や責任が何であるか分かっている", true},
	{61, "E", "仕事で自分の長所をのばす機会がある", true},
	{62, "F", "自分の仕事に見合う給料やボーナスをもらっている", true},
	{63, "F", "私は上司からふさわしい評価を受けている", true},
	{64, "F", "職を失う恐れがある", false},
	{65, "F", "上司は、部下が能力を伸ばす機会を持てるように、取り計らってくれる", true},
	{66, "F", "上司は誠実な態度で対応してくれる", true},
	{67, "F", "努力して仕事をすれば、ほめてもらえる", true},
	{68, "F", "失敗しても挽回（ばんかい）するチャンスがある職場だ", true},
	{69, "G", "経営層からの情報は信頼できる", true},
	{70, "G", "職場や仕事で変化があるときには、従業員の意見が聞かれている", true},
	{71, "G", "一人ひとりの価値観を大事にしてくれる職場だ", true},
	{72, "G", "人事評価の結果について十分な説明がなされている", true},
	{73, "G", "職場では、（正規、非正規、アルバイトなど）いろいろな立場の人が職場の一員として尊重されている", true},
	{74, "G", "意欲を引き出したり、キャリアに役立つ教育が行われている", true},
	{75, "G", "仕事のことを考えているため自分の生活を充実させられない", false},
	{76, "G", "仕事でエネルギーをもらうことで、自分の生活がさらに充実している", true},
	{77, "H", "職場で自分がいじめにあっている（セクハラ、パワハラを含む）", false},
	{78, "H", "私たちの職場では、お互いに理解し認め合っている", true},
	{79, "H", "仕事をしていると、活力がみなぎるように感じる", true},
	{80, "H", "自分の仕事に誇りを感じる", true},
}

// BJSQScales lists every scale, in the order reports print them.
var BJSQScales = []BJSQScale{
	{ScaleDemand, "心理的な仕事の負担（量）", "仕事のストレス要因", []int{1, 2, 3}, false, false, 57},
	{"qualitative_demand", "心理的な仕事の負担（質）", "仕事のストレス要因", []int{4, 5, 6}, false, false, 57},
	{"physical_demand", "自覚的な身体的負担度", "仕事のストレス要因", []int{7}, false, false, 57},
	{"interpersonal_stress", "職場の対人関係でのストレス", "仕事のストレス要因", []int{12, 13, 14}, false, false, 57},
	{"environment_stress", "職場環境によるストレス", "仕事のストレス要因", []int{15}, false, false, 57},
	{ScaleControl, "仕事のコントロール度", "仕事のストレス要因", []int{8, 9, 10}, false, true, 57},
	{"skill_use", "技能の活用度", "仕事のストレス要因", []int{11}, false, true, 57},
	{"job_fit", "仕事の適性度", "仕事のストレス要因", []int{16}, false, true, 57},
	{"meaningfulness", "働きがい", "仕事のストレス要因", []int{17}, false, true, 57},
	{"vigour", "活気", "心身のストレス反応", []int{18, 19, 20}, false, true, 57},
	{"irritability", "イライラ感", "心身のストレス反応", []int{21, 22, 23}, false, false, 57},
	{"fatigue", "疲労感", "心身のストレス反応", []int{24, 25, 26}, false, false, 57},
	{"anxiety", "不安感", "心身のストレス反応", []int{27, 28, 29}, false, false, 57},
	{"depression", "抑うつ感", "心身のストレス反応", []int{30, 31, 32, 33, 34, 35}, false, false, 57},
	{"somatic", "身体愁訴", "心身のストレス反応", []int{36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46}, false, false, 57},
	{ScaleSupervisor, "上司からのサポート", "周囲のサポート", []int{47, 50, 53}, false, true, 57},
	{ScaleCoworker, "同僚からのサポート", "周囲のサポート", []int{48, 51, 54}, false, true, 57},
	{"family_support", "家族・友人からのサポート", "周囲のサポート", []int{49, 52, 55}, false, true, 57},
	{"satisfaction", "仕事や生活の満足度", "満足度", []int{56, 57}, false, true, 57},
	{"emotional_demand", "情緒的負担", "仕事の負担（追加）", []int{58}, true, true, 80},
	{"role_conflict", "役割葛藤", "仕事の負担（追加）", []int{59}, true, true, 80},
	{"wsb_negative", "ワーク・セルフ・バランス（ネガティブ）", "仕事の負担（追加）", []int{75}, true, true, 80},
	{"role_clarity", "役割明確さ", "作業レベル資源", []int{60}, true, true, 80},
	{"growth", "成長の機会", "作業レベル資源", []int{61}, true, true, 80},
	{"pay_reward", "経済・地位報酬", "部署レベル資源", []int{62}, true, true, 80},
	{"esteem_reward", "尊重報酬", "部署レベル資源", []int{63}, true, true, 80},
	{"job_security", "安定報酬", "部署レベル資源", []int{64}, true, true, 80},
	{"leadership", "上司のリーダーシップ", "部署レベル資源", []int{65}, true, true, 80},
	{"supervisor_fairness", "上司の公正な態度", "部署レベル資源", []int{66}, true, true, 80},
	{"praise", "ほめてもらえる職場", "部署レベル資源", []int{67}, true, true, 80},
	{"failure_tolerance", "失敗を認める職場", "部署レベル資源", []int{68}, true, true, 80},
	{"management_trust", "経営層との信頼関係", "事業場レベル資源", []int{69}, true, true, 80},
	{"change_management", "変化への対応", "事業場レベル資源", []int{70}, true, true, 80},
	{"respect", "個人の尊重", "事業場レベル資源", []int{71}, true, true, 80},
	{"fair_appraisal", "公正な人事評価", "事業場レベル資源", []int{72}, true, true, 80},
	{"diversity", "多様な労働者への対応", "事業場レベル資源", []int{73}, true, true, 80},
	{"career", "キャリア形成", "事業場レベル資源", []int{74}, true, true, 80},
	{"wsb_positive", "ワーク・セルフ・バランス（ポジティブ）", "事業場レベル資源", []int{76}, true, true, 80},
	{"harassment", "職場のハラスメント", "アウトカム", []int{77}, true, true, 80},
	{"cohesion", "職場の一体感", "アウトカム", []int{78}, true, true, 80},
	{ScaleWorkEngagement, "ワーク・エンゲイジメント", "アウトカム", []int{79, 80}, true, true, 80},
}

// BJSQItemScale is the scale each item belongs to (every item belongs to
// exactly one).
func BJSQItemScale() map[int]string {
	m := map[int]string{}
	for _, s := range BJSQScales {
		for _, n := range s.Items {
			m[n] = s.Code
		}
	}
	return m
}

// UWES-9 subscales (Utrecht Work Engagement Scale, 9-item version): item
// numbers 1, 2, 5 vigour; 3, 4, 7 dedication; 6, 8, 9 absorption.
var UWES9Subscales = []struct {
	Code, Name string
	Items      []int
}{
	{"vigour", "活力", []int{1, 2, 5}},
	{"dedication", "熱意", []int{3, 4, 7}},
	{"absorption", "没頭", []int{6, 8, 9}},
}

// Standard instruments an item bank row may belong to (survey_item.instrument).
const (
	InstrumentBJSQ  = "bjsq"  // 職業性ストレス簡易調査票 (57 or 80 items), answers 1–4
	InstrumentUWES9 = "uwes9" // UWES-9, answers 0–6
	InstrumentENPS  = "enps"  // eNPS, one item, answers 0–10
)
