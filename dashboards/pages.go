package dashboards

// The site's pages, as data. Every chart is a query over the marts and a
// declaration of how to draw it; to add one, add a Chart to a page (see
// docs/dashboards.md). The queries follow the marts of sql/models/ as they
// are being written (see their grain lines); the test fixture in
// fixture_test.go mirrors the columns used here.
//
// What the queries rely on:
//   - dimension is '全体' (group_code and group_value '全体'), '部',
//     '職種', …; survey groups are keyed by name (group_value);
//   - mart_engagement_score.measure_kind is 'index' or 'category';
//   - percentages are 0–100; suppressed cells keep their row with
//     suppressed = true (and NULL values);
//   - grade order comes from grade_rank (1 = top), carried by the marts.
//
// The row order of a query is the drawing order: ORDER BY the categories.

func DefaultPages() []Page {
	return []Page{overviewPage(), agePage(), retirementPage(), engagementPage(), stressPage(), trainingPage(), departmentPage()}
}

const latestRoster = `(SELECT max(snapshot_date) FROM mart_age_summary)`

const latestSurvey = `(SELECT survey_code FROM mart_engagement_score ORDER BY survey_date DESC, survey_code DESC LIMIT 1)`

const latestStress = `(SELECT survey_code FROM mart_stress_group ORDER BY survey_date DESC, survey_code DESC LIMIT 1)`

// referenceSex is the sex whose national norms draw the iso-risk lines of
// the judgement charts (mart_stress_reference_line has both).
const referenceSex = `'男性'`

const latestTrainingYear = `(SELECT max(fiscal_year) FROM mart_training_completion)`

// genderOrder puts 男性 first: the first series of a pyramid is drawn on the left.
const genderOrder = `CASE gender WHEN '男性' THEN 1 WHEN '女性' THEN 2 ELSE 3 END`

func overviewPage() Page {
	return Page{
		Slug:  "index",
		Title: "概要",
		Intro: "人材育成基本方針の主要指標と、職員構成の要点です。各グラフの下の「データ表」で数値を確認できます。部署ごとのページはこのページの最後にあります。",
		Charts: []Chart{
			{
				ID: "kpi", Title: "主要指標（最新年度）", Unit: "指標ごと", Kind: KPI,
				Note: "前年差は前年度の実績との差です。目標は実施計画の目標値です。「集計中」は年度途中で確定していない研修の指標で、前年差を出しません。",
				Query: `WITH kpi AS (
    SELECT fiscal_year, kpi_code, kpi_order, kpi_name, unit, value, target, status,
           CASE WHEN status <> '集計中'
                THEN value - lag(value) OVER (PARTITION BY kpi_code ORDER BY fiscal_year) END AS change
    FROM mart_kpi
)
SELECT kpi_name, value, unit, change, target, status
FROM kpi
WHERE fiscal_year = (SELECT max(fiscal_year) FROM mart_kpi)
ORDER BY kpi_order`,
				X: "kpi_name", Value: "value", UnitColumn: "unit", Change: "change", Target: "target", Status: "status",
			},
			{
				ID: "headcount-trend", Title: "職員数の推移", Unit: "人", Kind: Bar,
				Query: `SELECT fiscal_year, headcount, headcount_change
FROM mart_age_summary
WHERE dimension = '全体'
ORDER BY fiscal_year`,
				X: "fiscal_year", Value: "headcount",
			},
			{
				ID: "dept-headcount", Title: "部署別の職員数（最新基準日）", Unit: "人", Kind: HBar,
				Query: `SELECT group_name, headcount, average_age
FROM mart_age_summary
WHERE dimension = '部' AND snapshot_date = ` + latestRoster + `
ORDER BY group_code`,
				X: "group_name", Value: "headcount",
				Columns: []Column{{Name: "group_name", Label: "部署"}, {Name: "headcount"}, {Name: "average_age", Digits: 1}},
			},
		},
		Tables: []Table{
			{
				ID: "as-of", Title: "データの基準日",
				Query: `SELECT DISTINCT kind_order, kind_name, kind_as_of
FROM mart_data_sources
ORDER BY kind_order`,
				Columns: []Column{{Name: "kind_name", Label: "データ"}, {Name: "kind_as_of", Label: "基準日・最新日付"}},
			},
			{
				ID: "sources", Title: "取り込んだデータ（取込バッチ）",
				Note: "このサイトの数値は次のファイルから作成しました。",
				Query: `SELECT kind_order, kind_name, scope, batch_id, file_name, rows_loaded, rows_in_use, data_date, finished_at
FROM mart_data_sources
ORDER BY kind_order, finished_at`,
				Columns: []Column{
					{Name: "kind_name"}, {Name: "scope"}, {Name: "batch_id"}, {Name: "file_name"},
					{Name: "rows_loaded"}, {Name: "rows_in_use"}, {Name: "data_date"}, {Name: "finished_at"},
				},
			},
		},
	}
}

func agePage() Page {
	return Page{
		Slug:  "age",
		Title: "年齢構成",
		Intro: "男女別の年齢構成と、部署別・職種別の年齢の偏りです。年度を選ぶと過去の基準日の構成を表示します。",
		Charts: []Chart{
			{
				ID: "pyramid", Title: "年齢構成（男女別）", Unit: "人", Kind: Pyramid,
				Note: "左が男性、右が女性（その他・不明は右側に積み上げ）。",
				Query: `SELECT fiscal_year, age_band, gender, headcount
FROM mart_age_pyramid
WHERE dimension = '全体'
ORDER BY fiscal_year, age_band_order, ` + genderOrder,
				Y: "age_band", Series: "gender", Value: "headcount", Select: "fiscal_year",
			},
			{
				ID: "dept-age", Title: "部署別の年齢構成（最新基準日）", Unit: "人", Kind: Heatmap,
				Query: `SELECT group_name, age_band, sum(headcount) AS headcount
FROM mart_age_pyramid
WHERE dimension = '部' AND snapshot_date = (SELECT max(snapshot_date) FROM mart_age_pyramid)
GROUP BY group_code, group_name, age_band, age_band_order
ORDER BY group_code, age_band_order`,
				X: "age_band", Y: "group_name", Value: "headcount",
				Columns: []Column{{Name: "group_name", Label: "部署"}, {Name: "age_band"}, {Name: "headcount"}},
			},
			{
				ID: "family-age", Title: "職種別の平均年齢と51歳以上の割合", Unit: "歳・%", Kind: Scatter,
				Note: "右上ほど高齢化が進んだ職種です。",
				Query: `SELECT group_name, headcount, average_age, share_51_plus
FROM mart_age_summary
WHERE dimension = '職種' AND snapshot_date = ` + latestRoster + `
ORDER BY group_code`,
				X: "average_age", Y: "share_51_plus", Label: "group_name",
				Columns: []Column{{Name: "group_name", Label: "職種"}, {Name: "headcount"}, {Name: "average_age", Digits: 1}, {Name: "share_51_plus", Digits: 1}},
			},
			{
				ID: "avg-age-trend", Title: "平均年齢の推移", Unit: "歳", Kind: Line,
				Query: `SELECT fiscal_year, average_age, median_age
FROM mart_age_summary
WHERE dimension = '全体'
ORDER BY fiscal_year`,
				X: "fiscal_year", Value: "average_age",
				Columns: []Column{{Name: "fiscal_year"}, {Name: "average_age", Digits: 1}, {Name: "median_age", Digits: 1}},
			},
		},
		Tables: []Table{
			{
				ID: "dept-summary", Title: "部署別の年齢指標（前年差つき）",
				Query: `SELECT group_name, headcount, headcount_change, average_age, average_age_change,
       share_51_plus, share_51_plus_change, share_35_or_under
FROM mart_age_summary
WHERE dimension = '部' AND snapshot_date = ` + latestRoster + `
ORDER BY group_code`,
				Columns: []Column{
					{Name: "group_name", Label: "部署"}, {Name: "headcount"}, {Name: "headcount_change"},
					{Name: "average_age", Digits: 1}, {Name: "average_age_change", Digits: 1},
					{Name: "share_51_plus", Label: "51歳以上の割合(%)", Digits: 1},
					{Name: "share_51_plus_change", Label: "同 前年差(ポイント)", Digits: 1},
					{Name: "share_35_or_under", Label: "35歳以下の割合(%)", Digits: 1},
				},
			},
		},
	}
}

func retirementPage() Page {
	return Page{
		Slug:  "retirement",
		Title: "退職・後継者",
		Intro: "今後10年間の定年退職と役職定年の見通し、推計した将来の年齢構成、管理職ポストの後継者リスク、少数職種の技術継承リスクです。",
		Charts: []Chart{
			{
				ID: "retirements", Title: "定年退職者数の見通し（職層別）", Unit: "人", Kind: StackedBar,
				Note: "定年の段階的引上げにより、定年退職者が生じない年度があります（2023・2025・2027・2029・2031年度）。",
				Query: `SELECT fiscal_year, grade, sum(retirements) AS retirements
FROM mart_retirement_projection
GROUP BY fiscal_year, grade, grade_rank
ORDER BY fiscal_year, grade_rank, grade`,
				X: "fiscal_year", Series: "grade", Value: "retirements",
			},
			{
				ID: "post-exits", Title: "役職定年（管理監督職勤務上限年齢）の見通し", Unit: "人", Kind: StackedBar,
				Query: `SELECT fiscal_year, grade, sum(post_exits) AS post_exits
FROM mart_retirement_projection
GROUP BY fiscal_year, grade, grade_rank
HAVING bool_or(post_exits > 0)
ORDER BY fiscal_year, grade_rank, grade`,
				X: "fiscal_year", Series: "grade", Value: "post_exits",
			},
			{
				ID: "projected-pyramid", Title: "将来の年齢構成（推計）", Unit: "人", Kind: Pyramid,
				Note: "採用シナリオ（設定ファイル）に基づく推計です。年度を選んで比較できます。",
				Query: `SELECT fiscal_year, age_band, gender, round(headcount) AS headcount
FROM mart_projected_pyramid
ORDER BY fiscal_year, age_band_order, ` + genderOrder,
				Y: "age_band", Series: "gender", Value: "headcount", Select: "fiscal_year",
			},
			{
				ID: "succession", Title: "後継者リスクが高い管理職ポスト（部署×職層）", Unit: "ポスト", Kind: Heatmap,
				Note: "数年以内に空き、準備のできた後継候補がいないポストの数です。",
				Query: `SELECT dept_name, grade, posts, posts_high, posts_medium, posts_low
FROM mart_succession_risk
ORDER BY dept_code, grade_rank`,
				X: "grade", Y: "dept_name", Value: "posts_high",
			},
			{
				ID: "knowledge", Title: "職種別の55歳以上の割合（技術継承リスク）", Unit: "%", Kind: HBar,
				Note: "少数職種で55歳以上の割合が高い職種は、技術継承の計画が必要です。",
				Query: `SELECT job_family, headcount, share_55_plus, under_40, is_small, risk_level
FROM mart_knowledge_transfer
ORDER BY share_55_plus DESC, job_family`,
				X: "job_family", Value: "share_55_plus",
				Columns: []Column{{Name: "job_family"}, {Name: "headcount"}, {Name: "share_55_plus", Digits: 1}, {Name: "under_40"}, {Name: "is_small"}, {Name: "risk_level"}},
			},
		},
	}
}

func engagementPage() Page {
	return Page{
		Slug:  "engagement",
		Title: "エンゲージメント",
		Intro: "職員意識調査の結果です。回答者が少ない集団の結果は、個人が特定されないよう「秘匿」とし表示しません（引き算で求められないよう、少ない順に複数の集団を秘匿しています）。",
		Charts: []Chart{
			{
				ID: "index-trend", Title: "エンゲージメント指数の推移", Unit: "点", Kind: Line,
				Query: `SELECT fiscal_year, survey_code, score, respondents, suppressed
FROM mart_engagement_score
WHERE dimension = '全体' AND measure_kind = 'index'
ORDER BY survey_date, survey_code`,
				X: "fiscal_year", Value: "score", Suppressed: "suppressed",
				Columns: []Column{{Name: "fiscal_year"}, {Name: "survey_code"}, {Name: "score", Digits: 1}, {Name: "respondents"}},
			},
			{
				ID: "dept-category", Title: "部署×カテゴリーのスコア（最新の調査）", Unit: "点", Kind: Heatmap,
				Note: "「秘匿」は回答者が少ないため表示しない集団です（0点ではありません）。",
				Query: `SELECT group_value, measure, respondents, score, favourable_share, suppressed
FROM mart_engagement_score
WHERE survey_code = ` + latestSurvey + `
  AND dimension = '部' AND measure_kind = 'category'
ORDER BY is_unanswered, group_value, measure`,
				X: "measure", Y: "group_value", Value: "score", Suppressed: "suppressed",
				Columns: []Column{{Name: "group_value", Label: "部署"}, {Name: "measure", Label: "カテゴリー"}, {Name: "respondents"}, {Name: "score", Digits: 1}, {Name: "favourable_share", Digits: 1}},
			},
			{
				ID: "favourable", Title: "カテゴリー別の肯定的回答の割合（最新の調査）", Unit: "%", Kind: HBar,
				Query: `SELECT measure, favourable_share, score, suppressed
FROM mart_engagement_score
WHERE survey_code = ` + latestSurvey + `
  AND dimension = '全体' AND measure_kind = 'category'
ORDER BY favourable_share DESC NULLS LAST, measure`,
				X: "measure", Value: "favourable_share", Suppressed: "suppressed",
				Columns: []Column{{Name: "measure", Label: "カテゴリー"}, {Name: "favourable_share", Digits: 1}, {Name: "score", Digits: 1}},
			},
			{
				ID: "change", Title: "前回調査からの変化（カテゴリー別）", Unit: "点", Kind: HBar,
				Query: `SELECT measure, change_since_previous, score, suppressed
FROM mart_engagement_score
WHERE survey_code = ` + latestSurvey + `
  AND dimension = '全体' AND change_since_previous IS NOT NULL
ORDER BY change_since_previous, measure`,
				X: "measure", Value: "change_since_previous", Suppressed: "suppressed",
				Columns: []Column{{Name: "measure", Label: "項目"}, {Name: "change_since_previous", Digits: 1}, {Name: "score", Digits: 1}},
			},
			{
				ID: "response-rate", Title: "部署別の回答率（最新の調査）", Unit: "%", Kind: HBar,
				Query: `SELECT group_value, headcount, respondents, response_rate, suppressed
FROM mart_response_rate
WHERE survey_code = ` + latestSurvey + ` AND dimension = '部'
ORDER BY is_unanswered, group_value`,
				X: "group_value", Value: "response_rate", Suppressed: "suppressed",
				Columns: []Column{{Name: "group_value", Label: "部署"}, {Name: "headcount"}, {Name: "respondents"}, {Name: "response_rate", Digits: 1}},
			},
			{
				ID: "drivers", Title: "キードライバー（スコアと指数との相関）", Unit: "点・相関係数", Kind: Scatter,
				Note: "右下（相関が強くスコアが低い）のカテゴリーが優先して取り組む候補（重点改善）です。",
				Query: `SELECT category, correlation, score, gap_to_average, rank, quadrant, suppressed
FROM mart_key_drivers
WHERE survey_code = ` + latestSurvey + `
ORDER BY rank NULLS LAST, category`,
				X: "score", Y: "correlation", Label: "category", Suppressed: "suppressed",
				Columns: []Column{{Name: "category"}, {Name: "correlation", Digits: 2}, {Name: "score", Digits: 1}, {Name: "gap_to_average", Digits: 1}, {Name: "rank"}, {Name: "quadrant", Label: "区分"}},
			},
		},
	}
}

// stressPage is the stress-check group analysis: the job stress judgement
// chart (仕事のストレス判定図) of the latest stress check, per department,
// with the iso-risk lines computed from the configured coefficients.
func stressPage() Page {
	deptRows := `FROM mart_stress_group
WHERE survey_code = ` + latestStress + ` AND dimension = '部'`
	return Page{
		Slug:  "stress",
		Title: "ストレスチェック",
		Intro: "ストレスチェック（職業性ストレス簡易調査票）の集団分析です。仕事のストレス判定図の健康リスクは全国平均を100とし、" +
			"120なら仕事のストレスによる健康問題（心理的ストレス反応、疾病休業など）が全国平均の1.2倍起きやすい職場です。" +
			"健康リスクは男女別の全国平均と係数で計算し、回答者数で合成しています。回答者が少ない集団（既定10人未満）は「秘匿」とし、" +
			"判定図に描かず数値も示しません（引き算で求められないよう、少ない順に複数の集団を秘匿しています）。",
		Charts: []Chart{
			{
				ID: "summary", Title: "全体の結果（最新のストレスチェック）", Unit: "指標ごと", Kind: KPI,
				Note: "前年差は前回のストレスチェックとの差です。",
				Query: `WITH g AS (
    SELECT respondents, risk_a, risk_b, total_risk, change_since_previous, suppressed
    FROM mart_stress_group
    WHERE survey_code = ` + latestStress + ` AND dimension = '全体'
)
SELECT 1 AS ord, '総合健康リスク' AS name, round(total_risk) AS value, '' AS unit, round(change_since_previous) AS change, suppressed FROM g
UNION ALL SELECT 2, '健康リスクA（量-コントロール）', round(risk_a), '', NULL, suppressed FROM g
UNION ALL SELECT 3, '健康リスクB（職場の支援）', round(risk_b), '', NULL, suppressed FROM g
UNION ALL SELECT 4, '判定図の回答者数', respondents, '人', NULL, suppressed FROM g
ORDER BY ord`,
				X: "name", Value: "value", UnitColumn: "unit", Change: "change", Suppressed: "suppressed",
				Columns: []Column{{Name: "name", Label: "指標"}, {Name: "value", Label: "値"}, {Name: "unit", Label: "単位"}, {Name: "change", Label: "前回差"}},
			},
			{
				ID: "demand-control", Title: "量-コントロール判定図（部署別）", Unit: "点", Kind: Scatter,
				Note: "横軸は仕事の量的負担、縦軸は仕事のコントロール（各3問の合計点の部署平均、3〜12点）。点線は健康リスクが80・100・120・140となる線" +
					"（男性の全国平均と係数による。女性の多い部署の位置は目安）で、右下ほどリスクが高くなります。各部署の健康リスクはデータ表の値です。",
				Query: `SELECT group_value, respondents, demand, control, risk_a, suppressed
` + deptRows + `
ORDER BY is_unanswered, group_value`,
				X: "demand", Y: "control", Label: "group_value", Suppressed: "suppressed",
				Reference: `SELECT line, x, y
FROM mart_stress_reference_line
WHERE chart = 'A' AND sex = ` + referenceSex + `
ORDER BY risk_level, point_order`,
				Columns: []Column{{Name: "group_value", Label: "部署"}, {Name: "respondents"}, {Name: "demand", Digits: 1}, {Name: "control", Digits: 1}, {Name: "risk_a", Digits: 0}},
				Height:  520,
			},
			{
				ID: "support", Title: "職場の支援判定図（部署別）", Unit: "点", Kind: Scatter,
				Note: "横軸は上司の支援、縦軸は同僚の支援（各3問の合計点の部署平均、3〜12点）。点線は健康リスクが80・100・120・140となる線で、左下ほどリスクが高くなります。",
				Query: `SELECT group_value, respondents, supervisor_support, coworker_support, risk_b, suppressed
` + deptRows + `
ORDER BY is_unanswered, group_value`,
				X: "supervisor_support", Y: "coworker_support", Label: "group_value", Suppressed: "suppressed",
				Reference: `SELECT line, x, y
FROM mart_stress_reference_line
WHERE chart = 'B' AND sex = ` + referenceSex + `
ORDER BY risk_level, point_order`,
				Columns: []Column{{Name: "group_value", Label: "部署"}, {Name: "respondents"}, {Name: "supervisor_support", Digits: 1}, {Name: "coworker_support", Digits: 1}, {Name: "risk_b", Digits: 0}},
				Height:  520,
			},
			{
				ID: "total-risk", Title: "部署別の総合健康リスク（高い順）", Unit: "全国平均=100", Kind: HBar,
				Note: "総合健康リスク = 健康リスクA × 健康リスクB ÷ 100（男女別に計算し回答者数で合成）。「秘匿」は回答者が少ないため表示しない部署です（0ではありません）。",
				Query: `SELECT group_value, respondents, risk_a, risk_b, total_risk, suppressed
` + deptRows + `
ORDER BY suppressed, total_risk DESC, group_value`,
				X: "group_value", Value: "total_risk", Suppressed: "suppressed",
				Columns: []Column{{Name: "group_value", Label: "部署"}, {Name: "respondents"}, {Name: "risk_a", Digits: 0}, {Name: "risk_b", Digits: 0}, {Name: "total_risk", Digits: 0}},
			},
			{
				ID: "risk-change", Title: "前回からの総合健康リスクの変化（部署別）", Unit: "ポイント", Kind: HBar,
				Note: "前回のストレスチェックと同じ名前の部署について、総合健康リスクの差です（正の値は悪化）。",
				Query: `SELECT group_value, previous_survey_code, total_risk, change_since_previous, suppressed
` + deptRows + ` AND change_since_previous IS NOT NULL
ORDER BY change_since_previous DESC, group_value`,
				X: "group_value", Value: "change_since_previous", Suppressed: "suppressed",
				Columns: []Column{{Name: "group_value", Label: "部署"}, {Name: "previous_survey_code", Label: "前回の調査"}, {Name: "total_risk", Digits: 0}, {Name: "change_since_previous", Digits: 1}},
			},
		},
		Tables: []Table{
			{
				ID: "groups", Title: "職層別・年代別の結果（最新のストレスチェック）",
				Query: `SELECT dimension, group_value, respondents, demand, control, supervisor_support, coworker_support,
       risk_a, risk_b, total_risk, suppressed
FROM mart_stress_group
WHERE survey_code = ` + latestStress + ` AND dimension IN ('全体', '職層', '年代')
ORDER BY dimension = '全体' DESC, dimension, is_unanswered, group_value`,
				Suppressed: "suppressed",
				Columns: []Column{{Name: "dimension"}, {Name: "group_value"}, {Name: "respondents"},
					{Name: "demand", Digits: 1}, {Name: "control", Digits: 1}, {Name: "supervisor_support", Digits: 1}, {Name: "coworker_support", Digits: 1},
					{Name: "risk_a", Digits: 0}, {Name: "risk_b", Digits: 0}, {Name: "total_risk", Digits: 0}},
			},
			{
				ID: "scales", Title: "尺度別の平均点（全体）",
				Note: "57項目の尺度は合計点で、値が大きいほどその尺度の内容が多い（負担やストレス反応では高いほど悪い）。80項目版で加わる尺度は平均点（1〜4点）で、高いほど良い状態です。",
				Query: `SELECT scale_order, domain, scale_name, aggregation, higher_is_better, min_score, max_score, respondents, mean, suppressed
FROM mart_stress_scale
WHERE survey_code = ` + latestStress + ` AND dimension = '全体'
ORDER BY scale_order`,
				Suppressed: "suppressed",
				Columns: []Column{{Name: "domain"}, {Name: "scale_name"}, {Name: "higher_is_better"}, {Name: "min_score"}, {Name: "max_score"},
					{Name: "respondents"}, {Name: "mean", Digits: 2}},
			},
			{
				ID: "engagement", Title: "ワーク・エンゲイジメント（部署別、80項目版の設問79・80）",
				Note: "「仕事をしていると、活力がみなぎるように感じる」「自分の仕事に誇りを感じる」の平均点（1〜4点、高いほど良い）。",
				Query: `SELECT group_value, respondents, score, change_since_previous, suppressed
FROM mart_engagement_standard
WHERE instrument = 'BJSQ' AND survey_code = ` + latestStress + ` AND dimension IN ('全体', '部')
ORDER BY dimension = '全体' DESC, is_unanswered, group_value`,
				Suppressed: "suppressed",
				Columns:    []Column{{Name: "group_value", Label: "部署"}, {Name: "respondents"}, {Name: "score", Digits: 2}, {Name: "change_since_previous", Digits: 2}},
			},
			{
				ID: "norms", Title: "判定図の全国平均と係数（設定）",
				Query: `SELECT sex, demand, control, supervisor, coworker, alpha, beta, gamma, delta, norm_set, source
FROM cfg_stress_norm
WHERE norm_set IN (SELECT norm_set FROM mart_stress_group)
ORDER BY sex DESC`,
				Columns: []Column{{Name: "sex", Label: "性別"}, {Name: "demand", Label: "量的負担 A0"}, {Name: "control", Label: "コントロール B0"},
					{Name: "supervisor", Label: "上司の支援 C0"}, {Name: "coworker", Label: "同僚の支援 D0"},
					{Name: "alpha", Label: "α", Digits: 3}, {Name: "beta", Label: "β", Digits: 3}, {Name: "gamma", Label: "γ", Digits: 3}, {Name: "delta", Label: "δ", Digits: 3},
					{Name: "source", Label: "出典"}},
			},
		},
	}
}

func trainingPage() Page {
	return Page{
		Slug:  "training",
		Title: "研修・ギャップ",
		Intro: "必須研修の修了状況、職層ごとの能力の充足、ジョブローテーションの課題と、実施計画の指標の推移です。",
		Charts: []Chart{
			{
				ID: "completion-grade", Title: "職層別の必須研修修了率（最新年度）", Unit: "%", Kind: Bar,
				Query: `SELECT grade, required, completed, overdue, completion_rate, suppressed
FROM mart_training_completion
WHERE fiscal_year = ` + latestTrainingYear + ` AND dept_code = '全体'
ORDER BY grade = '全体', grade_rank, grade`,
				X: "grade", Value: "completion_rate", Suppressed: "suppressed",
			},
			{
				ID: "completion-dept", Title: "部署×職層の必須研修修了率（最新年度）", Unit: "%", Kind: Heatmap,
				Note: "「秘匿」は対象者が少ないため表示しないセルです。",
				Query: `SELECT dept_name, grade, required, completed, overdue, completion_rate, suppressed
FROM mart_training_completion
WHERE fiscal_year = ` + latestTrainingYear + ` AND dept_code <> '全体' AND grade <> '全体'
ORDER BY dept_code, grade_rank, grade`,
				X: "grade", Y: "dept_name", Value: "completion_rate", Suppressed: "suppressed",
			},
			{
				ID: "competency", Title: "職層×能力の充足率", Unit: "%", Kind: Heatmap,
				Note: "修了した研修が育成する能力を、職層に求められる能力（◎・〇）と比べた割合です。",
				Query: `SELECT grade, competency, required_mark, staff, coverage, suppressed
FROM mart_competency_coverage
ORDER BY grade_rank, grade, competency`,
				X: "competency", Y: "grade", Value: "coverage", Suppressed: "suppressed",
				Columns: []Column{{Name: "grade"}, {Name: "competency"}, {Name: "required_mark", Label: "必要度（◎〇）"}, {Name: "staff"}, {Name: "coverage", Digits: 1}},
			},
			{
				ID: "rotation", Title: "部署別のジョブローテーションの課題", Unit: "人", Kind: HBar, Stack: true,
				Query: `WITH issues AS (
    SELECT dept_code, dept_name, 1 AS issue_order, '職場経験数の不足' AS issue, workplace_gap AS staff FROM mart_rotation_gap
    UNION ALL
    SELECT dept_code, dept_name, 2, '長期在籍', long_posting FROM mart_rotation_gap
    UNION ALL
    SELECT dept_code, dept_name, 3, '窓口等の経験なし', no_front_line FROM mart_rotation_gap
)
SELECT dept_name, issue, staff
FROM issues
WHERE dept_code <> '全体'
ORDER BY dept_code, issue_order`,
				X: "dept_name", Series: "issue", Value: "staff",
				Columns: []Column{{Name: "dept_name"}, {Name: "issue", Label: "課題"}, {Name: "staff", Label: "人数"}},
			},
		},
		Tables: []Table{
			{
				ID: "kpi-table", Title: "実施計画の指標（直近5年度・目標との比較）",
				Note: "各年度の実績と（状況）。集計中 = 年度途中で確定していない研修の指標。",
				// One row per KPI, one column per fiscal year (PIVOT names the
				// columns 2022年度 …), as the report's KPI一覧 shows it.
				Query: `SELECT * EXCLUDE (kpi_order) FROM (
    PIVOT (
        SELECT kpi_order, kpi_name AS 指標, unit AS 単位, target AS 目標, fiscal_year || '年度' AS 年度,
               CASE WHEN value IS NULL THEN '—'
                    ELSE CAST(round(value, 1) AS VARCHAR) || '（' || status || '）' END AS 実績
        FROM mart_kpi
        WHERE fiscal_year > (SELECT max(fiscal_year) FROM mart_kpi) - 5
    ) ON 年度 USING first(実績) GROUP BY kpi_order, 指標, 単位, 目標
)
ORDER BY kpi_order`,
			},
		},
	}
}

func departmentPage() Page {
	return Page{
		Slug:          "dept",
		Title:         "部署別",
		Intro:         "この部署の年齢構成、退職の見通し、職員意識調査と研修の状況です。回答者・対象者が少ない項目は「秘匿」です。",
		PerDepartment: true,
		Departments: `SELECT DISTINCT group_code, group_name
FROM mart_age_summary
WHERE dimension = '部' AND snapshot_date = ` + latestRoster + `
ORDER BY group_code`,
		Charts: []Chart{
			{
				ID: "summary", Title: "職員数と年齢（最新基準日）", Unit: "指標ごと", Kind: KPI,
				Query: `WITH s AS (
    SELECT headcount, headcount_change, average_age, average_age_change, share_51_plus, share_51_plus_change
    FROM mart_age_summary
    WHERE dimension = '部' AND group_code = $dept_code AND snapshot_date = ` + latestRoster + `
)
SELECT 1 AS ord, '職員数' AS name, headcount AS value, '人' AS unit, headcount_change AS change FROM s
UNION ALL SELECT 2, '平均年齢', round(average_age, 1), '歳', round(average_age_change, 1) FROM s
UNION ALL SELECT 3, '51歳以上の割合', round(share_51_plus, 1), '%', round(share_51_plus_change, 1) FROM s
ORDER BY ord`,
				X: "name", Value: "value", UnitColumn: "unit", Change: "change",
				Columns: []Column{{Name: "name", Label: "指標"}, {Name: "value", Label: "値"}, {Name: "unit", Label: "単位"}, {Name: "change", Label: "前年差"}},
			},
			{
				ID: "pyramid", Title: "年齢構成（男女別）", Unit: "人", Kind: Pyramid,
				Query: `SELECT fiscal_year, age_band, gender, headcount
FROM mart_age_pyramid
WHERE dimension = '部' AND group_code = $dept_code
ORDER BY fiscal_year, age_band_order, ` + genderOrder,
				Y: "age_band", Series: "gender", Value: "headcount", Select: "fiscal_year",
			},
			{
				ID: "retirements", Title: "定年退職と役職定年の見通し", Unit: "人", Kind: Bar,
				Query: `WITH p AS (
    SELECT fiscal_year, sum(retirements) AS retirements, sum(post_exits) AS post_exits
    FROM mart_retirement_projection
    WHERE dept_code = $dept_code
    GROUP BY fiscal_year
)
SELECT fiscal_year, 1 AS kind_order, '定年退職' AS kind, retirements AS staff FROM p
UNION ALL
SELECT fiscal_year, 2, '役職定年', post_exits FROM p
ORDER BY fiscal_year, kind_order`,
				X: "fiscal_year", Series: "kind", Value: "staff",
				Columns: []Column{{Name: "fiscal_year"}, {Name: "kind", Label: "区分"}, {Name: "staff", Label: "人数"}},
			},
			{
				ID: "engagement", Title: "職員意識調査のカテゴリー別スコア（最新の調査）", Unit: "点", Kind: HBar,
				Note: "「秘匿」は回答者が少ないため表示しない項目です（0点ではありません）。",
				Query: `SELECT measure_kind, measure, respondents, score, favourable_share, suppressed
FROM mart_engagement_score
WHERE survey_code = ` + latestSurvey + `
  AND dimension = '部' AND group_value = $dept_name
ORDER BY measure_kind = 'category', measure`,
				X: "measure", Value: "score", Suppressed: "suppressed",
				Columns: []Column{{Name: "measure", Label: "項目"}, {Name: "respondents"}, {Name: "score", Digits: 1}, {Name: "favourable_share", Digits: 1}},
			},
			{
				ID: "training", Title: "職層別の必須研修修了率（最新年度）", Unit: "%", Kind: Bar,
				Query: `SELECT grade, required, completed, overdue, completion_rate, suppressed
FROM mart_training_completion
WHERE dept_code = $dept_code AND fiscal_year = ` + latestTrainingYear + `
ORDER BY grade = '全体', grade_rank, grade`,
				X: "grade", Value: "completion_rate", Suppressed: "suppressed",
			},
		},
		Tables: []Table{
			{
				ID: "succession", Title: "管理職ポストの後継者リスク",
				Query: `SELECT grade_rank, grade, posts, posts_high, posts_medium, posts_low
FROM mart_succession_risk
WHERE dept_code = $dept_code
ORDER BY grade_rank`,
				Columns: []Column{{Name: "grade"}, {Name: "posts"}, {Name: "posts_high"}, {Name: "posts_medium"}, {Name: "posts_low"}},
			},
		},
	}
}
