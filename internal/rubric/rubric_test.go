package rubric

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Realistic statements, strong and weak, in both languages.
const (
	strongRestaurantEn = `Tonight's footage from our Xinhua Road kitchen is unacceptable, and we are sorry. ` +
		`We have closed the Xinhua Road and Riverside Plaza stores and are working with the inspectors. ` +
		`A task force led by our COO is auditing all 47 stores overnight. If you ate at either store since 1 October and feel unwell, ` +
		`please see a doctor and call our 24-hour line 400-862-0186; we will cover medical costs. ` +
		`We will hold a press conference tomorrow at 2 p.m. to report what the inspection found.`
	denialEn    = `There is nothing wrong with our juice. Our products are safe to drink and meet all national standards. The posts circulating online are fake news.`
	noCommentEn = `No comment until we have the facts.`
	tempWorkEn  = `The video shows a temporary worker who broke our hygiene rules. He has been dismissed, and the store is operating normally.`
	fillerEn    = `Clearbrook attaches great importance to this matter and takes it very seriously. Customer satisfaction is our top priority, ` +
		`and we are committed to the highest standards. Relevant departments will handle it properly and we will share more information in due course.`

	strongRestaurantZh = `今晚网传视频中新华路店后厨的行为不可接受，我们诚恳道歉。新华路店、滨江广场店已停业，我们正全力配合市场监管部门调查；` +
		`由首席运营官牵头的专项组正连夜排查全部47家门店。10月1日以来在这两家店用过餐、身体不适的顾客，请及时就医，并拨打24小时热线400-862-0186，` +
		`医疗费用由我们承担。明天下午2点我们将召开新闻发布会，通报调查进展。`
	denialZh    = `网传我司饮料致人不适纯属谣言。我司产品均符合国家标准，消费者可放心饮用。`
	noCommentZh = `事实查清之前，不予置评。`
	tempWorkZh  = `经查，视频中的操作系一名临时工的个人行为，已予以辞退，门店经营一切正常。`
	fillerZh    = `我公司对此事高度重视，已责成相关部门妥善处理，有进一步消息将及时告知，敬请关注。`
)

var (
	batch   = Fact{ID: "batch", Label: map[string]string{"en": "Batch number", "zh": "批次号"}, Match: []string{"CB-2611-07", "CB2611-07", "CB261107", "CB 2611 07"}}
	hotline = Fact{ID: "hotline", Label: map[string]string{"en": "Hotline number", "zh": "热线电话"}, Match: []string{"400-000-2611", "4000002611", "400 000 2611"}}
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func find(t *testing.T, r Result, id string) Check {
	t.Helper()
	for _, c := range r.Checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no check %q in %v", id, ids(r))
	return Check{}
}

func ids(r Result) []string {
	var out []string
	for _, c := range r.Checks {
		out = append(out, c.ID)
	}
	return out
}

// expect is what a test wants of one check: passed or not, and quotes that
// must be among its evidence.
type expect struct {
	passed   bool
	evidence []string
}

func pass(ev ...string) expect { return expect{true, ev} }
func fail(ev ...string) expect { return expect{false, ev} }

func TestChecks(t *testing.T) {
	cases := []struct {
		name, lang, text string
		facts            []Fact
		want             map[string]expect
	}{
		{"strong holding statement en", "en", readTestdata(t, "strong.en.txt"), []Fact{batch, hotline}, map[string]expect{
			"acknowledge": pass("We are aware"),
			"apology":     pass("sorry"),
			"concern":     pass("Our thoughts are with", "everyone affected"),
			"facts":       pass("CB-2611-07", "48,000 bottles", "26 November", "line 7"),
			"cause":       pass("do not yet know", "investigation"),
			"actions":     pass("have stopped", "for testing", "refund"),
			"guidance":    pass("do not drink", "Return it", "see a doctor"),
			"contact":     pass("hotline", "400-000-2611", "care@clearbrook.example.cn"),
			"next-update": pass("publish the next update by 8 p.m. tonight"),
			"fact:batch":  pass("CB-2611-07"), "fact:hotline": pass("400-000-2611"),
			"denial": pass(), "blame": pass(), "no-comment": pass(), "minimising": pass(), "legal-threat": pass(), "speculation": pass(), "filler": pass(),
		}},
		{"strong restaurant statement en", "en", strongRestaurantEn, nil, map[string]expect{
			"acknowledge": pass("unacceptable"), "apology": pass("sorry"), "concern": pass("feel unwell"),
			"facts":       pass("Xinhua Road", "Riverside Plaza", "kitchen", "47 stores", "1 October"),
			"actions":     pass("closed", "task force", "auditing", "medical costs"),
			"guidance":    pass("If you ate", "see a doctor"),
			"contact":     pass("400-862-0186"),
			"next-update": pass("press conference tomorrow"),
			"filler":      pass(),
		}},
		{"denial en", "en", denialEn, nil, map[string]expect{
			"denial":            fail("nothing wrong with", "meet all national standards", "fake news"),
			"false-reassurance": fail("Our products are safe"),
			"apology":           fail(), "acknowledge": fail(), "guidance": fail(),
		}},
		{"no comment en", "en", noCommentEn, nil, map[string]expect{
			"no-comment": fail("No comment"), "acknowledge": fail(), "contact": fail(), "next-update": fail(),
		}},
		{"temporary worker en", "en", tempWorkEn, nil, map[string]expect{
			"blame": fail("temporary worker", "broke our hygiene rules"), "apology": fail(), "acknowledge": fail(),
		}},
		{"filler only en", "en", fillerEn, nil, map[string]expect{
			"filler":      fail("attaches great importance", "takes it very seriously", "top priority", "committed to", "Relevant departments", "handle it properly", "in due course"),
			"facts":       fail(),
			"next-update": fail(), // "in due course" is not a time
		}},
		{"weak statement en", "en", readTestdata(t, "weak.en.txt"), nil, map[string]expect{
			"denial":            fail("strict quality checks", "meet national standards"),
			"false-reassurance": fail("our products are safe"),
			"minimising":        fail("isolated cases"),
			"speculation":       fail("probably caused by"),
			"blame":             fail("caused by improper storage by consumers"),
			"legal-threat":      fail("legal action against anyone"),
			"no-comment":        fail("no further comment"),
			"filler":            fail("takes this matter very seriously"),
			"cause":             fail(), // a speculative, blaming cause is no account of the cause
		}},

		{"strong holding statement zh", "zh", readTestdata(t, "strong.zh.txt"), []Fact{batch, hotline}, map[string]expect{
			"acknowledge": pass("已关注到"), "apology": pass("歉意"), "concern": pass("慰问"),
			"facts":       pass("CB-2611-07", "11月26日", "7号生产线", "4.8万瓶"),
			"cause":       pass("尚待查明"),
			"actions":     pass("已暂停", "退款"),
			"guidance":    pass("停止饮用", "就医"),
			"contact":     pass("热线", "400-000-2611"),
			"next-update": pass("今晚8点前在官方微博通报最新进展"),
			"fact:batch":  pass("CB-2611-07"), "fact:hotline": pass("400-000-2611"),
			"denial": pass(), "blame": pass(), "no-comment": pass(), "minimising": pass(), "legal-threat": pass(), "speculation": pass(), "filler": pass(),
		}},
		{"strong restaurant statement zh", "zh", strongRestaurantZh, nil, map[string]expect{
			"acknowledge": pass("不可接受"), "apology": pass("道歉"), "concern": pass("身体不适"),
			"facts": pass("新华路店", "47家", "10月1日"),
			// Since version 8, 排查 (on both lists) is the cause's
			// "investigating", not also an action, as "investigating" is.
			"actions":     pass("停业", "专项组"),
			"cause":       pass("排查"),
			"guidance":    pass("就医", "拨打"),
			"contact":     pass("热线", "400-862-0186"),
			"next-update": pass("明天下午2点我们将召开新闻发布会，通报调查进展"),
		}},
		{"denial zh", "zh", denialZh, nil, map[string]expect{
			"denial": fail("纯属谣言", "符合国家标准"), "false-reassurance": fail("放心饮用"), "apology": fail(), "acknowledge": fail(),
		}},
		{"no comment zh", "zh", noCommentZh, nil, map[string]expect{"no-comment": fail("不予置评")}},
		{"wu ke feng gao", "zh", "对此我们无可奉告。", nil, map[string]expect{"no-comment": fail("无可奉告")}},
		{"temporary worker zh", "zh", tempWorkZh, nil, map[string]expect{"blame": fail("临时工", "个人行为"), "apology": fail()}},
		{"filler only zh", "zh", fillerZh, nil, map[string]expect{
			"filler":      fail("高度重视", "相关部门", "妥善处理", "有进一步消息", "及时告知", "敬请关注"),
			"next-update": fail(), "facts": fail(),
		}},
		{"weak statement zh", "zh", readTestdata(t, "weak.zh.txt"), nil, map[string]expect{
			"denial":            fail("不实传言", "符合国家标准"),
			"false-reassurance": fail("放心饮用"),
			"blame":             fail("临时工"),
			"minimising":        fail("个别现象"),
			"speculation":       fail("可能是因为"),
			"legal-threat":      fail("传播不实信息者，我司将依法追究其法律责任"),
			"no-comment":        fail("无可奉告"),
			"filler":            fail("高度重视"),
		}},

		// Negation: saying what you will not do is not doing it.
		{"negated penalties en", "en", "This is not an isolated incident, and we will not take legal action against anyone who shared the video.", nil, map[string]expect{
			"minimising": pass(), "legal-threat": pass(),
		}},
		{"negated penalties zh", "zh", "这不是个别现象，是我们管理上的问题。对善意转发视频的网友，我们绝不追究。", nil, map[string]expect{
			"minimising": pass(), "legal-threat": pass(), "acknowledge": pass("是我们管理上的问题"),
		}},
		{"parents spared", "en", "We will sue the agency behind the campaign. Parents who shared the video in good faith will never be pursued.", nil, map[string]expect{
			"legal-threat": pass(),
		}},
		{"refused apology", "en", "We will not apologise for a product that meets the rules.", nil, map[string]expect{"apology": fail()}},
		{"demanded apology", "zh", "要求对方公开道歉并赔偿损失。", nil, map[string]expect{"apology": fail()}},
		{"legal threat at the public zh", "zh", "对于恶意造谣、传播不实信息者，我司将依法追究其法律责任。", nil, map[string]expect{
			"legal-threat": fail("传播不实信息者，我司将依法追究其法律责任"),
		}},
		{"reserve the right", "zh", "本公司保留追究相关人员法律责任的权利。", nil, map[string]expect{"legal-threat": fail("保留追究相关人员法律责任的权利")}},
		{"sue anyone en", "en", "We will sue anyone who repeats these lies.", nil, map[string]expect{"legal-threat": fail("sue anyone")}},

		// The next update needs a time.
		{"vague update en", "en", "We will share more when we can.", nil, map[string]expect{"next-update": fail()}},
		{"timed update en", "en", "We will update you by 8 p.m. today.", nil, map[string]expect{"next-update": pass("update you by 8 p.m. today")}},
		{"vague update zh", "zh", "有进一步消息将及时告知。", nil, map[string]expect{"next-update": fail()}},
		{"timed update zh", "zh", "我们将于明天上午10点前公布检测结果。", nil, map[string]expect{"next-update": pass("明天上午10点前公布")}},
		{"hourly updates en", "en", "We will post updates every hour until the refunds are done.", nil, map[string]expect{"next-update": pass("will post updates every hour")}},

		// Speculation, and hedging backed by evidence.
		{"speculation en", "en", "The problem was probably caused by a faulty valve.", nil, map[string]expect{"speculation": fail("probably caused by"), "cause": fail()}},
		{"evidence-backed hedge en", "en", "Preliminary test results show the problem was probably a faulty valve on line 7.", nil, map[string]expect{
			"speculation": pass(), "cause": pass("faulty"),
		}},
		{"speculation zh", "zh", "可能是因为员工操作失误。", nil, map[string]expect{"speculation": fail("可能是因为")}},
		// Issue 11: meaning over keywords.
		{"false reassurance en", "en", "We understand parents' worries and apologise. Rest assured, tests show the product poses no health risk and can still be drunk. Our hotline is open.", nil, map[string]expect{
			"false-reassurance": fail("Rest assured", "no health risk", "still be drunk"), "apology": pass("apologise"),
		}},
		{"false reassurance zh", "zh", "我们理解家长的担心，并表示歉意。请大家放心，检测显示产品对人体无害，可以继续饮用。", nil, map[string]expect{
			"false-reassurance": fail("对人体无害", "继续饮用"),
		}},
		{"reassurance that waits for the facts", "en", "Do not drink it until we know it is safe to drink.", nil, map[string]expect{
			"false-reassurance": pass(), "guidance": pass("Do not drink"),
		}},
		{"keyword salad en", "en", "sorry apologise concern batch 48,000 recall refund hotline investigating update by 8 p.m.", nil, map[string]expect{
			"keyword-list": fail("sorry apologise concern batch 48,000 recall refund hotline investigating update by 8 p.m"),
		}},
		{"keyword salad zh", "zh", "道歉 致歉 关心 批次 4.8万瓶 召回 退款 热线 正在调查 今晚8点前更新", nil, map[string]expect{
			"keyword-list": fail("道歉", "召回"),
		}},
		{"tag line", "en", "Clearbrook | recall | safety first | responsibility | transparency | customers first | #ClearbrookCares", nil, map[string]expect{
			"keyword-list": fail("recall", "safety first"),
		}},
		{"a short statement is not a list", "en", "No comment.", nil, map[string]expect{"keyword-list": pass(), "no-comment": fail("No comment")}},
		{"plain apology en", "en", "This one is on us. We let you down. We are taking back every bottle and paying every medical bill. If you have a bottle at home, pour it away.", nil, map[string]expect{
			"apology": pass("This one is on us", "We let you down"), "actions": pass("taking back", "medical bill"), "guidance": pass("pour it away"),
		}},
		{"plain apology zh", "zh", "这次是我们做错了，给大家添麻烦了。这批饮料我们全部收回，医疗费用由我们承担。家里还有的，请直接倒掉。", nil, map[string]expect{
			"apology": pass("我们做错了", "添麻烦"), "actions": pass("全部收回", "由我们承担"), "guidance": pass("倒掉"),
		}},
		{"conditional apology en", "en", "We are sorry if anyone was upset by what they read online.", nil, map[string]expect{
			"apology": fail(), "non-apology": fail("sorry if"),
		}},
		{"sympathy is not an apology", "en", "We are sorry to hear some customers feel unwell.", nil, map[string]expect{
			"apology": fail(), "non-apology": fail("sorry to hear"),
		}},
		{"conditional apology zh", "zh", "如果此事给大家带来了困扰，我们表示歉意。", nil, map[string]expect{"apology": fail(), "non-apology": fail("歉意")}},
		{"a real apology outweighs a stock one", "en", "We are sorry. We let you down. We also apologise for any inconvenience.", nil, map[string]expect{
			"apology": pass("sorry"), "non-apology": pass(),
		}},
		{"idiom is not a fact", "zh", "我们的产品走进千家万户，一五一十说清楚。", nil, map[string]expect{"facts": fail()}},
		{"victim en", "en", "We too are victims of an organised attack by foreign hackers; our systems are now secure.", nil, map[string]expect{
			"victim": fail("We too are victims"), "concern": fail(), "false-reassurance": fail("systems are now secure"),
		}},
		{"victim zh", "zh", "我们同样是受害者，系统现已恢复。", nil, map[string]expect{"victim": fail("我们同样是受害者"), "concern": fail()}},
		{"speculation and blame zh", "zh", "问题很可能出在供应商。也不排除有人恶意投毒。也许跟运输有关。", nil, map[string]expect{
			"speculation": fail("很可能", "不排除", "也许跟运输"), "blame": fail("出在供应商"),
		}},
		{"blame on a partner en", "en", "The delay was caused by our logistics partner.", nil, map[string]expect{"blame": fail("caused by our logistics partner")}},
		{"a partner cleared is not blamed", "en", "It was not caused by our logistics partner; the fault is ours.", nil, map[string]expect{"blame": pass()}},
		{"legal threat inflections", "en", "Clearbrook reserves the right to take legal action against those spreading rumours. Anyone who shares the video will be sued.", nil, map[string]expect{
			"legal-threat": fail("legal action against those spreading", "who shares the video will be sued"),
		}},
		{"quoting a critic", "en", "Some have called this an isolated case. It is not.", nil, map[string]expect{"minimising": pass()}},
		{"quoting a critic zh", "zh", "网上很多人说，这是员工的个人行为，是个别现象。不是。", nil, map[string]expect{"minimising": pass(), "blame": pass()}},
		{"over-promising", "en", "100% safe, this will never happen again, every family compensated within 24 hours.", nil, map[string]expect{
			"over-promise": fail("100%", "will never happen again"),
		}},
		{"over-promising zh", "zh", "我们保证此类事件绝不会再发生。", nil, map[string]expect{"over-promise": fail("保证此类事件绝不会")}},
		// An apology for the distress caused is one (version 18; until then
		// a non-apology): only "any distress", or feelings hedged or put on
		// reports, make it one for feelings.
		{"bare caused", "en", "We are deeply sorry for the distress this has caused.", nil, map[string]expect{"cause": fail(), "apology": pass("sorry"), "non-apology": pass()}},
		{"bare caused zh", "zh", "对由此给大家造成的困扰，我们深表歉意。", nil, map[string]expect{"cause": fail()}},
		// Version 3: rules about meaning.
		{"orders are guidance en", "en", "Please don't press Pay again. If you get such a call, hang up. Please rest assured.", nil, map[string]expect{
			"guidance": pass("Please don't press Pay again", "hang up"),
		}},
		{"orders are guidance zh", "zh", "接到这样的电话，请直接挂断。请大家放心。", nil, map[string]expect{"guidance": pass("挂断")}},
		{"belief is not an order", "en", "Please rest assured that we are here. Please note that stores open at 9.", nil, map[string]expect{"guidance": fail()}},
		{"self-blame acknowledges", "zh", "这件事怪我们，真的对不起。", nil, map[string]expect{"acknowledge": pass("怪我们"), "blame": pass()}},
		{"self-blame acknowledges en", "en", "The fault lies with us.", nil, map[string]expect{"acknowledge": pass("fault lies with us"), "blame": pass()}},
		{"scapegoating staff", "en", "The relabelling was done by a worker in breach of company rules.", nil, map[string]expect{"blame": fail("worker in breach of")}},
		{"scapegoating staff zh", "zh", "该工程师未按规定流程核实，擅自关闭了报告。", nil, map[string]expect{"blame": fail()}},
		{"owned staff failure", "en", "Our staff did not follow the procedure we set, and that is our failure.", nil, map[string]expect{"blame": pass()}},
		{"harmed party zh", "zh", "给广大顾客造成的困扰，我们深表歉意。", nil, map[string]expect{"blame": pass(), "apology": pass("歉意"), "non-apology": pass()}},
		{"threat across sentences", "en", "Every account that shared the report has 24 hours to delete it. After that, our lawyers will act against each of them.", nil,
			map[string]expect{"legal-threat": fail("Every account", "lawyers")}},
		{"refusal to comment", "en", "As the incident is under investigation, we will not be commenting at this time.", nil, map[string]expect{"no-comment": fail("not be commenting")}},
		{"refusal to comment zh", "zh", "平台对此不便置评。", nil, map[string]expect{"no-comment": fail("不便置评")}},
		{"refusal to guess", "en", "We will not comment on speculation.", nil, map[string]expect{"no-comment": pass()}},
		{"scoped refusal in a factual statement", "zh", "新华路店、滨江广场店共查出过期肉品11.4公斤，5家门店已停业。涉事员工的处理，在调查结论出来之前，公司不作评论。", nil,
			map[string]expect{"no-comment": pass()}},
		{"long condition", "en", "If any of our wording caused misunderstanding or distress among parents yesterday, we apologise.", nil,
			map[string]expect{"apology": fail(), "non-apology": fail("apologise")}},
		{"the company as target", "en", "We have been the target of an organised online attack.", nil, map[string]expect{"victim": fail("been the target of")}},
		{"tag line", "en", "Kuaida | Rider safety | Responsibility | Care for families | Full cooperation | Transparency | Zero tolerance | Action now", nil,
			map[string]expect{"keyword-list": fail()}},
		{"evidence-backed hedge zh", "zh", "初步检测结果显示，问题可能是7号线杀菌环节故障所致。", nil, map[string]expect{"speculation": pass(), "cause": pass("故障", "所致")}},
		{"no speculation zh", "zh", "我们正在核实，不作猜测。", nil, map[string]expect{"speculation": pass(), "cause": pass("核实")}},

		// Contact channels and what is not a phone number.
		{"phones and email", "en", "Call 400-000-2611, +86 10 6512 3456 or (021) 5555 1234, or write to help@example.com.", nil, map[string]expect{
			"contact": pass("400-000-2611", "+86 10 6512 3456", "(021) 5555 1234", "help@example.com"),
		}},
		{"numbers that are not phones", "en", "Produced on 2024-11-26, batch CB-2611-07, 48,000 bottles, 1 930 000 users.", nil, map[string]expect{
			"contact": fail(), "facts": pass("2024-11-26", "CB-2611-07", "48,000 bottles", "1 930 000 users"),
		}},
		{"short service number after a cue", "zh", "请拨打客服电话95588咨询。", nil, map[string]expect{"contact": pass("95588")}},
		{"web address", "zh", "召回详情见官网 www.clearbrook.example.cn/recall 。", nil, map[string]expect{"contact": pass("官网", "www.clearbrook.example.cn/recall")}},

		// Forms of writing.
		{"traditional characters", "zh", "我們對此深表歉意，已暫停該批次銷售，請消費者停止飲用並撥打熱線400-000-2611。", []Fact{hotline}, map[string]expect{
			"apology": pass("歉意"), "actions": pass("已暫停"), "guidance": pass("停止飲用"), "contact": pass("熱線", "400-000-2611"), "fact:hotline": pass("400-000-2611"),
		}},
		{"full-width digits", "zh", "热线：４００－０００－２６１１", []Fact{hotline}, map[string]expect{
			"contact": pass("热线", "４００－０００－２６１１"), "fact:hotline": pass("４００－０００－２６１１"),
		}},
		{"spaced characters", "zh", "我们深 表 歉 意。", nil, map[string]expect{"apology": pass("歉 意")}},
		{"curly apostrophe", "en", "We don’t yet know the cause, and we’re aware of 12 complaints.", nil, map[string]expect{
			"cause": pass("don’t yet know"), "acknowledge": pass("we’re aware"),
		}},

		// Required facts.
		{"fact with other separators", "zh", "热线400 000 2611，批次CB 2611 07。", []Fact{batch, hotline}, map[string]expect{
			"fact:batch": pass("CB 2611 07"), "fact:hotline": pass("400 000 2611"),
		}},
		{"fact missing", "en", "Call 400-000-2612.", []Fact{hotline}, map[string]expect{"fact:hotline": fail(), "contact": pass("400-000-2612")}},
		{"fact inside a longer number", "en", "Ref 14000002611 only.", []Fact{hotline}, map[string]expect{"fact:hotline": fail()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Judge(tc.text, Context{Lang: tc.lang, Facts: tc.facts})
			for id, w := range tc.want {
				c := find(t, r, id)
				if c.Passed != w.passed {
					t.Errorf("%s: passed = %v, want %v (evidence %q)", id, c.Passed, w.passed, c.Evidence)
				}
				for _, e := range w.evidence {
					if !slices.Contains(c.Evidence, e) {
						t.Errorf("%s: evidence %q lacks %q", id, c.Evidence, e)
					}
				}
				if !c.Penalty && !c.Passed && len(c.Evidence) != 0 {
					t.Errorf("%s: a failed credit check has evidence %q", id, c.Evidence)
				}
			}
			checkInvariants(t, tc.text, r)
		})
	}
}

// checkInvariants holds for every result.
func checkInvariants(t *testing.T, text string, r Result) {
	t.Helper()
	if r.Overall < 0 || r.Overall > 100 || math.IsNaN(r.Overall) {
		t.Errorf("overall %v out of range", r.Overall)
	}
	want := 0.0
	for _, d := range Dimensions {
		s, ok := r.Scores[d]
		if !ok || s < 0 || s > 100 || math.IsNaN(s) {
			t.Errorf("score %s = %v (present %v)", d, s, ok)
		}
		want += Weights[d] * s
	}
	if len(r.Scores) != len(Dimensions) {
		t.Errorf("scores %v: want exactly %v", r.Scores, Dimensions)
	}
	// Overall is the weighted mean, mapped into the band of the most
	// severe penalty that fired.
	switch band(r.Checks) {
	case Harmful:
		want = HarmfulTop * want / 100
	case Flaw:
		want = FlawFloor + (FlawTop-FlawFloor)*want/100
	}
	if math.Abs(round1(want)-r.Overall) > 0.051 {
		t.Errorf("overall %v is not the banded weighted mean %v", r.Overall, round1(want))
	}
	if r.Capped != (band(r.Checks) != Minor) {
		t.Errorf("capped %v with band %v", r.Capped, band(r.Checks))
	}
	if r.Version != Version {
		t.Errorf("version %d", r.Version)
	}
	for _, c := range r.Checks {
		if c.Evidence == nil {
			t.Errorf("%s: nil evidence (prints as null)", c.ID)
		}
		if len(c.Evidence) > MaxEvidence {
			t.Errorf("%s: %d quotes", c.ID, len(c.Evidence))
		}
		for _, e := range c.Evidence {
			if e == "" || !strings.Contains(text, e) {
				t.Errorf("%s: evidence %q is not in the text", c.ID, e)
			}
		}
		if c.Passed == (len(c.Evidence) > 0) && c.Penalty {
			t.Errorf("%s: penalty passed=%v with evidence %q", c.ID, c.Passed, c.Evidence)
		}
		if !c.Penalty && c.Passed != (len(c.Evidence) > 0) {
			t.Errorf("%s: credit passed=%v with evidence %q", c.ID, c.Passed, c.Evidence)
		}
		if c.Label["en"] == "" || c.Label["zh"] == "" {
			t.Errorf("%s: label %v", c.ID, c.Label)
		}
		// A failed check explains itself in one line in both languages.
		failed := !c.Passed
		if failed && (c.Hint["en"] == "" || c.Hint["zh"] == "" || strings.Contains(c.Hint["en"], "\n")) {
			t.Errorf("%s failed without a one-line hint: %q", c.ID, c.Hint)
		}
		if !failed && c.Hint != nil {
			t.Errorf("%s passed with a hint", c.ID)
		}
	}
}

// Strong statements beat weak ones by a clear margin in every dimension.
func TestStrongBeatsWeak(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		strong := []string{readTestdata(t, "strong."+lang+".txt"), strongRestaurantEn}
		weak := []string{readTestdata(t, "weak."+lang+".txt"), denialEn, noCommentEn, tempWorkEn, fillerEn}
		if lang == "zh" {
			strong[1] = strongRestaurantZh
			weak = []string{readTestdata(t, "weak.zh.txt"), denialZh, noCommentZh, tempWorkZh, fillerZh}
		}
		for i, s := range strong {
			rs := Judge(s, Context{Lang: lang})
			if rs.Overall < 85 {
				t.Errorf("%s strong #%d: overall %v, want ≥ 85 (%v)", lang, i, rs.Overall, rs.Scores)
			}
			for k, w := range weak {
				rw := Judge(w, Context{Lang: lang})
				if rw.Overall > 25 {
					t.Errorf("%s weak #%d: overall %v, want ≤ 25 (%v)", lang, k, rw.Overall, rw.Scores)
				}
				for _, d := range Dimensions {
					if rs.Scores[d]-rw.Scores[d] < 40 {
						t.Errorf("%s: strong #%d %s %v vs weak #%d %v: margin under 40", lang, i, d, rs.Scores[d], k, rw.Scores[d])
					}
				}
			}
		}
	}
}

func TestEmptyAndBlank(t *testing.T) {
	for _, s := range []string{"", "   \n\t ", "\u200b\u3000"} {
		r := Judge(s, Context{Lang: "en", Facts: []Fact{hotline}})
		if r.Overall != 0 {
			t.Errorf("%q: overall %v, want 0", s, r.Overall)
		}
		for _, c := range r.Checks {
			if c.Passed != c.Penalty {
				t.Errorf("%q: %s passed=%v", s, c.ID, c.Passed)
			}
		}
		if !hasNote(r, "empty") {
			t.Errorf("%q: no empty note in %v", s, r.Notes)
		}
		b, _ := json.Marshal(r)
		if strings.Contains(string(b), "null") {
			t.Errorf("%q: JSON has null: %s", s, b)
		}
		checkInvariants(t, s, r)
	}
}

func hasNote(r Result, id string) bool {
	for _, n := range r.Notes {
		if n.ID == id && n.Text["en"] != "" && n.Text["zh"] != "" {
			return true
		}
	}
	return false
}

func TestGarbageBytes(t *testing.T) {
	s := "\xff\xfe\x00我们深表歉意\xc3，热线400-000-2611\x80\x01 sorry\xe4\xb8"
	r := Judge(s, Context{Lang: "zh", Facts: []Fact{hotline}})
	if !hasNote(r, "invalid-utf8") {
		t.Errorf("no invalid-utf8 note: %v", r.Notes)
	}
	if !find(t, r, "apology").Passed || !find(t, r, "fact:hotline").Passed {
		t.Errorf("garbage around the words hides them: %+v", r.Checks)
	}
	checkInvariants(t, s, r)
}

func TestLongInput(t *testing.T) {
	s := strings.Repeat("We are sorry. ", 3000) + "Call 400-000-2611."
	r := Judge(s, Context{Lang: "en", Facts: []Fact{hotline}})
	if !hasNote(r, "truncated") {
		t.Fatalf("no truncated note: %v", r.Notes)
	}
	if !strings.Contains(r.Notes[0].Text["en"], "42018") || !strings.Contains(r.Notes[0].Text["en"], "20000") {
		t.Errorf("note %q does not give the lengths", r.Notes[0].Text["en"])
	}
	if !find(t, r, "apology").Passed {
		t.Error("apology in the judged part not found")
	}
	if find(t, r, "fact:hotline").Passed {
		t.Error("the hotline after the cut was judged")
	}
	checkInvariants(t, s, r)
}

func TestLanguages(t *testing.T) {
	// A Chinese statement with an English paragraph gets both word lists.
	zh := "我们深表歉意。We apologise to everyone affected and will update you by 8 p.m. today."
	r := Judge(zh, Context{Lang: "zh"})
	if !hasNote(r, "mixed") || r.Lang != "zh" {
		t.Errorf("lang %q notes %v", r.Lang, r.Notes)
	}
	if c := find(t, r, "next-update"); !c.Passed {
		t.Errorf("English update in a Chinese statement missed: %+v", c)
	}
	en := "We are sorry. 我们已暂停该批次发货，请消费者停止饮用。"
	r = Judge(en, Context{Lang: "en"})
	if !hasNote(r, "mixed") || !find(t, r, "guidance").Passed {
		t.Errorf("Chinese guidance in an English statement missed: notes %v, %+v", r.Notes, find(t, r, "guidance"))
	}
	// A few English words (a brand, a code) do not make a statement mixed.
	r = Judge("Clearbrook对CB-2611-07批次深表歉意。", Context{Lang: "zh"})
	if hasNote(r, "mixed") {
		t.Errorf("mixed note for a brand name: %v", r.Notes)
	}
	// Without a known language the text decides.
	for _, tc := range []struct{ lang, text, want string }{
		{"", "我们深表歉意，已暂停发货。", "zh"},
		{"fr", "We are sorry and have stopped shipping.", "en"},
		{"zh-Hant", "我們深表歉意。", "zh"},
		{"en-GB", "We apologise.", "en"},
	} {
		r := Judge(tc.text, Context{Lang: tc.lang})
		if r.Lang != tc.want {
			t.Errorf("Judge(%q, %q).Lang = %q, want %q", tc.text, tc.lang, r.Lang, tc.want)
		}
		detected := normLang(tc.lang) == ""
		if hasNote(r, "lang-detected") != detected {
			t.Errorf("lang %q: notes %v", tc.lang, r.Notes)
		}
		if !find(t, r, "apology").Passed {
			t.Errorf("lang %q: apology missed", tc.lang)
		}
	}
}

func TestDeterministicAndOrdered(t *testing.T) {
	s := readTestdata(t, "strong.zh.txt")
	a := Judge(s, Context{Lang: "zh", Facts: []Fact{batch, hotline, batch}})
	b := Judge(s, Context{Lang: "zh", Facts: []Fact{batch, hotline}})
	if !reflect.DeepEqual(a, b) {
		t.Error("same input, different result (or a repeated fact counted twice)")
	}
	var want []string
	for _, d := range Catalogue {
		if !d.Penalty {
			want = append(want, d.ID)
		}
	}
	want = append(want, "fact:batch", "fact:hotline")
	for _, d := range Catalogue {
		if d.Penalty && d.ID != "choice-clash" { // only with a stance
			want = append(want, d.ID)
		}
	}
	if got := ids(a); !slices.Equal(got, want) {
		t.Errorf("check order %v, want %v", got, want)
	}
	if l := find(t, a, "fact:batch").Label; l["en"] != "Required fact: Batch number" || l["zh"] != "必含事实：批次号" {
		t.Errorf("fact label %v", l)
	}
}

func TestScoreFormula(t *testing.T) {
	// Apology alone: empathy 3/9, accountability 3/10.
	r := Judge("We are sorry.", Context{Lang: "en"})
	want := map[string]float64{Transparency: 0, Empathy: 33.3, Action: 0, Accountability: 30}
	if !reflect.DeepEqual(r.Scores, want) {
		t.Errorf("scores %v, want %v", r.Scores, want)
	}
	if r.Overall != 16 { // 0.3 × 33.33 + 0.2 × 30
		t.Errorf("overall %v, want 16", r.Overall)
	}
	// A penalty takes its points off each dimension it informs.
	r = Judge("We are sorry, but this is an isolated incident.", Context{Lang: "en"})
	if r.Scores[Empathy] != 13.3 || r.Scores[Accountability] != 10 {
		t.Errorf("minimising: scores %v, want empathy 13.3, accountability 10", r.Scores)
	}
	var sum float64
	for _, w := range Weights {
		sum += w
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("weights sum to %v", sum)
	}
}

func TestNewFact(t *testing.T) {
	f := NewFact("bottles", map[string]string{"en": "Number of bottles"},
		map[string][]string{"en": {"48,000", "48000"}, "zh": {"4.8万", "48000"}, "": {"CB-2611-07"}}, "zh")
	if want := []string{"CB-2611-07", "4.8万", "48000", "48,000"}; !slices.Equal(f.Match, want) {
		t.Errorf("match %v, want %v", f.Match, want)
	}
	if f.Label["en"] != "Number of bottles" || f.Label["zh"] != "Number of bottles" {
		t.Errorf("label %v", f.Label)
	}
	if f := NewFact("x", nil, nil, "en"); f.Label["zh"] != "x" || len(f.Match) != 0 {
		t.Errorf("bare fact %+v", f)
	}
	// A fact without words can only fail.
	r := Judge("anything", Context{Lang: "en", Facts: []Fact{{ID: "x"}}})
	if find(t, r, "fact:x").Passed {
		t.Error("a fact without match words passed")
	}
}

// The traditional-to-simplified table maps traditional characters only.
func TestHantTable(t *testing.T) {
	for tr, s := range hant {
		if tr == s {
			t.Errorf("%c maps to itself", tr)
		}
		if _, ok := hant[s]; ok {
			t.Errorf("%c maps to %c, which is itself mapped", tr, s)
		}
	}
}

// docs/rubric.md documents every check with its weight and dimensions, and
// the overall weights.
func TestDocsMatchCatalogue(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "rubric.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, d := range append(Catalogue, Def{ID: "fact:<id>", Weight: FactWeight, Dimensions: FactDimensions}) {
		row := fmt.Sprintf("| `%s` | %g | %s |", d.ID, d.Weight, strings.Join(d.Dimensions, ", "))
		if !strings.Contains(doc, row) {
			t.Errorf("docs/rubric.md lacks the row %q", row)
		}
		if d.Label != nil && !strings.Contains(doc, d.Label["zh"]) {
			t.Errorf("docs/rubric.md lacks the Chinese name %q of %s", d.Label["zh"], d.ID)
		}
	}
	for _, dim := range Dimensions {
		if want := fmt.Sprintf("%s %g %%", dim, Weights[dim]*100); !strings.Contains(doc, want) {
			t.Errorf("docs/rubric.md lacks %q", want)
		}
	}
	if !strings.Contains(doc, "## 中文说明") || !strings.Contains(doc, fmt.Sprint(MaxChars)) {
		t.Error("docs/rubric.md lacks the Chinese section or the length cap")
	}
}

// Version 3: two distinct over-promises are harmful, one is a flaw; with the
// hazard cleared a missing apology costs nothing.
func TestVersion3Bands(t *testing.T) {
	one := Judge("We have recalled batch CB-2611-07. This will never happen again.", Context{Lang: "en"})
	two := Judge("We have recalled batch CB-2611-07. This will never happen again, and every bottle is 100% safe.", Context{Lang: "en"})
	if one.Overall < FlawFloor || two.Overall > HarmfulTop {
		t.Errorf("one over-promise %v (want the flawed band), two %v (want the harmful band)", one.Overall, two.Overall)
	}
	text := "We understand why parents are worried. The report is forged: Hengzheng Testing confirmed in writing that report HZJC-24-08817 was never theirs. Hotline: 400-860-5127."
	open := Judge(text, Context{Lang: "en"})
	cleared := Judge(text, Context{Lang: "en", Hazard: HazardCleared})
	for _, c := range cleared.Checks {
		if c.ID == "apology" && (c.Passed || c.Weight != 0 || c.Hint != nil) {
			t.Errorf("cleared: apology %+v, want failed with weight 0 and no hint", c)
		}
	}
	if cleared.Scores[Empathy] <= open.Scores[Empathy] {
		t.Errorf("empathy cleared %v, open %v: a missing apology should not count once the hazard is cleared", cleared.Scores[Empathy], open.Scores[Empathy])
	}
	sorry := Judge(text+" We are sorry for the worry.", Context{Lang: "en", Hazard: HazardCleared})
	if sorry.Scores[Empathy] <= cleared.Scores[Empathy] {
		t.Errorf("an apology that is there should still count: %v vs %v", sorry.Scores[Empathy], cleared.Scores[Empathy])
	}
}

// check returns the judged check id of r.
func check(r Result, id string) Check {
	for _, c := range r.Checks {
		if c.ID == id {
			return c
		}
	}
	return Check{}
}

// Version 4's rules, each on sentences written for this test.
func TestVersion4Rules(t *testing.T) {
	fired := func(text, lang, id string) bool {
		c := check(Judge(text, Context{Lang: lang}), id)
		return c.ID == id && !c.Passed
	}
	passed := func(text, lang, id string) bool {
		c := check(Judge(text, Context{Lang: lang}), id)
		return c.ID == id && c.Passed
	}
	for _, c := range []struct {
		name, lang, text, id string
		want                 bool
	}{
		// "safe" said of people reports on them, not on a product.
		{"people safe en", "en", "The coach left the road at 14:10. All 38 pupils and both drivers are safe.", "false-reassurance", false},
		{"people safe zh", "zh", "大巴14:10驶出路面，车上38名学生和两名司机均是安全的。", "false-reassurance", false},
		{"product safe en", "en", "The heaters are safe and can be used as normal.", "false-reassurance", true},
		// A negation reaches past a short quotation.
		{"negation past quote zh", "zh", "请不要抱着“先用着再说”的想法继续使用这款暖风机。", "false-reassurance", false},
		{"negation past quote en", "en", "Please do not think \"it seems fine\" and keep using the heater.", "false-reassurance", false},
		// A party ruled out is not blamed.
		{"party ruled out zh", "zh", "问题出在我们的审批，而不是外包商。", "blame", false},
		{"party blamed zh", "zh", "问题出在外包商的操作。", "blame", true},
		// Lines of slogans are a keyword list, whatever characters they use.
		{"slogan lines zh", "zh", "暖风机问题\n安全至上\n深表歉意\n正在核查\n关爱用户\n公开透明\n敢于担当\n热线\n后续安排待定\n", "keyword-list", true},
		{"fact sheet zh", "zh", "召回公告\n型号：HF-220\n批次：2024-07至2024-09\n数量：3.2万台\n热线：400-820-1234\n", "keyword-list", false},
		// A hedged cause pinned on someone, English at English length.
		{"hedge reach en", "en", "The fault appears to have started somewhere in the systems of our payment provider.", "speculation", true},
		// Shrinking the problem with a proportion.
		{"proportion en", "en", "Fewer than 1 in 40 homes have reported a problem.", "minimising", true},
		{"proportion zh", "zh", "反映问题的住户不到3%。", "minimising", true},
		// Firing a named worker as the message is scapegoating.
		{"dismissal zh", "zh", "当班操作工王某未按操作规程停机，已被辞退。", "blame", true},
		// A number with any plural noun is a count in English, as a
		// measure word is in Chinese.
		{"plural count en", "en", "We cancelled 46 flights and rebooked 9,300 passengers.", "facts", true},
		// 系 and 怪 only as whole words.
		{"联系 is not 系", "zh", "班主任已联系全部家长，学校系统正常运行。", "blame", false},
		{"系 as 'is due to'", "zh", "该事故系外包商违规操作所致。", "blame", true},
		// A hedge about our own next step is not a guess at the cause.
		{"hedged next step zh", "zh", "请先保留瓶子，我们可能需要上门取回检测。", "speculation", false},
		{"hedged next step en", "en", "Please keep the bottle; we may need to collect it for testing.", "speculation", false},
		// A statement that owns the failure names a driver without scapegoating.
		{"staff named, failure owned", "zh", "司机擅自偏离路线。我们的系统本应发出预警，却没有做到。", "blame", false},
		{"staff scapegoated", "zh", "司机擅自偏离路线，已被辞退。", "blame", true},
		// "Fine" to drink while the hazard is open; "once boiled" waits on nothing.
		{"fine to drink", "en", "Once boiled, the tap water is perfectly fine for drinking.", "false-reassurance", true},
		{"not wanting to keep using", "zh", "不想继续使用的用户，可以办理全额退款。", "false-reassurance", false},
		{"a few children", "zh", "个别小朋友饮用后出现轻微不适。", "minimising", true},
		{"legal threat at English length", "en", "Anyone who keeps sharing the clip after today, on whatever platform they choose, will be held to account by our lawyers.", "legal-threat", true},
	} {
		got := fired(c.text, c.lang, c.id)
		if c.id == "facts" {
			got = passed(c.text, c.lang, c.id)
		}
		if got != c.want {
			r := Judge(c.text, Context{Lang: c.lang})
			t.Errorf("%s: %s fired/passed = %v, want %v (%+v)", c.name, c.id, got, c.want, check(r, c.id))
		}
	}

	// A hospital named in a fact is not guidance.
	if c := check(Judge("4名学生受伤，在区人民医院治疗。", Context{Lang: "zh"}), "guidance"); c.Passed {
		t.Errorf("a hospital in a fact passed guidance: %v", c.Evidence)
	}
	// A cleared hazard asks no admission.
	rebut := "The report is forged: the lab named on it confirmed in writing that it never issued it. Questions: 400-860-5127."
	if c := check(Judge(rebut, Context{Lang: "en", Hazard: HazardCleared}), "acknowledge"); c.Passed || c.Weight != 0 || c.Hint != nil {
		t.Errorf("cleared: acknowledge %+v, want failed with weight 0 and no hint", c)
	}
	if c := check(Judge(rebut, Context{Lang: "en"}), "acknowledge"); c.Weight == 0 {
		t.Errorf("open hazard: acknowledge should keep its weight: %+v", c)
	}

	// Blame beside a real apology is a flaw (a partner named in passing);
	// blame as the whole message is harmful.
	passing := Judge("We are sorry. Orders arrived warm because of our courier's broken van. We are refunding every order; call 400-123-4567.", Context{Lang: "en"})
	message := Judge("Orders arrived warm because of our courier's broken van. Call 400-123-4567.", Context{Lang: "en"})
	if check(passing, "blame").Passed || check(message, "blame").Passed {
		t.Fatalf("blame should fire in both: %+v / %+v", check(passing, "blame"), check(message, "blame"))
	}
	if passing.Overall < FlawFloor || message.Overall > HarmfulTop {
		t.Errorf("blame with an apology %v (want the flawed band), without %v (want the harmful band)", passing.Overall, message.Overall)
	}
}

// Version 6's readings, each on sentences written for this test, in both
// languages: what a reassurance is about, negated and doubted claims,
// refused promises and roles, hypothetical blame, refused legal action,
// quoted conditions. fires says whether the penalty check should fire.
func TestVersion6Rules(t *testing.T) {
	for _, c := range []struct {
		name, lang, text, id string
		fires                bool
	}{
		// "Rest assured" about people and care is not a safety claim.
		{"assured of a call en", "en", "Rest assured that our staff will call every family today.", "false-reassurance", false},
		{"assured of a call zh", "zh", "请放心，我们会一一联系每个家庭。", "false-reassurance", false},
		{"assured of care en", "en", "Please rest assured that we are doing everything we can to find the cause.", "false-reassurance", false},
		{"assured of care zh", "zh", "请大家放心，我们一定会查明原因。", "false-reassurance", false},
		{"assured of a goal en", "en", "Rest assured, we will do all we can to keep you safe.", "false-reassurance", false},
		{"assured of a goal zh", "zh", "请放心，我们会确保孩子们的安全。", "false-reassurance", false},
		// … but it is when what it assures is a safety claim, before or
		// after it, or when 放心 leads a verb ("go ahead without worry").
		{"assured harmless en", "en", "Rest assured, it is harmless.", "false-reassurance", true},
		{"assured harmless zh", "zh", "请大家放心，没问题。", "false-reassurance", true},
		{"claim then frame en", "en", "The pool water is fine, rest assured.", "false-reassurance", true},
		{"claim then frame zh", "zh", "泳池的水没有问题，请放心。", "false-reassurance", true},
		{"frame alone, claim next en", "en", "Rest assured. The milk is fine.", "false-reassurance", true},
		{"frame alone, claim next zh", "zh", "请大家放心。这批奶没有问题。", "false-reassurance", true},
		{"go ahead without worry zh", "zh", "请顾客放心来店用餐。", "false-reassurance", true},
		// Negated, doubted or waiting claims are honest uncertainty.
		{"not able to confirm en", "en", "We are not able to confirm the milk is safe.", "false-reassurance", false},
		{"cannot guarantee zh", "zh", "目前无法保证产品是安全的，请暂停饮用。", "false-reassurance", false},
		{"not in a position to say en", "en", "We are not in a position to say the water is safe.", "false-reassurance", false},
		{"dare not say zh", "zh", "我们不敢说产品是安全的。", "false-reassurance", false},
		{"no one should assume en", "en", "No one should assume the product is safe.", "false-reassurance", false},
		{"too early en", "en", "It is too early to say the formula is safe, so please stop using it.", "false-reassurance", false},
		{"too early zh", "zh", "现在下结论说产品是安全的还为时过早。", "false-reassurance", false},
		{"only once the lab en", "en", "You can keep drinking it only after the lab confirms the batch is clean.", "false-reassurance", false},
		{"only once the lab zh", "zh", "检测合格后方可继续饮用。", "false-reassurance", false},
		{"waiting is not denial zh", "zh", "检测合格后方可继续饮用。", "denial", false},
		{"asked en", "en", "Is the milk safe to drink? We do not know yet.", "false-reassurance", false},
		{"asked zh", "zh", "产品是安全的吗？我们目前还不知道。", "false-reassurance", false},
		// A doubt that a main clause or a contrast leaves behind does not
		// excuse the claim.
		{"until, then the claim en", "en", "Until the tests come back, you can keep drinking it.", "false-reassurance", true},
		{"until, then the claim zh", "zh", "检测结果出来之前，可以继续饮用。", "false-reassurance", true},
		{"doubt, but the claim en", "en", "We have not finished testing, but the milk is safe to drink.", "false-reassurance", true},
		{"doubt, but the claim zh", "zh", "检测还没有做完，但产品是安全的。", "false-reassurance", true},
		{"confirmed claim en", "en", "We can confirm the product is safe.", "false-reassurance", true},
		{"confirmed claim zh", "zh", "我们可以确认产品是安全的。", "false-reassurance", true},
		// A colon ends a doubt's reach; 说谎 and 说明 are not "say".
		{"colon en", "en", "We will not tell you anything else: the water is safe to drink.", "false-reassurance", true},
		{"colon zh", "zh", "我们不会说谎：产品是安全的。", "false-reassurance", true},
		{"explain is not say zh", "zh", "我们无法说明具体原因，产品是安全的。", "false-reassurance", true},
		// Going on using is about the team, or about a channel, here.
		{"we keep using en", "en", "We will keep using text messages and calls to reach every family.", "false-reassurance", false},
		{"we keep using zh", "zh", "我们将继续使用短信和电话联系每一户家庭。", "false-reassurance", false},
		{"you keep using en", "en", "We advise customers to keep using the heater.", "false-reassurance", true},
		{"you keep using zh", "zh", "我们建议用户继续使用这款暖风机。", "false-reassurance", true},
		{"open as usual en", "en", "Our hotline is open as usual, 24 hours a day.", "false-reassurance", false},
		{"open as usual zh", "zh", "门店照常营业，可办理退货退款。", "false-reassurance", false},
		// A promise refused or doubted is not made.
		{"no one can guarantee en", "en", "No one can guarantee zero risk, and we will not pretend otherwise.", "over-promise", false},
		{"no one can guarantee zh", "zh", "谁也无法保证零风险。", "over-promise", false},
		{"dishonest to promise en", "en", "It would be dishonest to promise zero risk.", "over-promise", false},
		{"will not claim en", "en", "We will not claim the product is 100% safe.", "over-promise", false},
		{"will not claim, no reassurance en", "en", "We will not claim the product is 100% safe.", "false-reassurance", false},
		{"will not say zh", "zh", "我们不会说产品百分之百安全。", "over-promise", false},
		{"100% of what is done en", "en", "100% of the affected bottles have been removed from shelves.", "over-promise", false},
		{"100% of what is done zh", "zh", "受影响的产品已100%下架。", "over-promise", false},
		{"a promise made en", "en", "We guarantee this will never happen again.", "over-promise", true},
		{"a promise made zh", "zh", "我们保证此类事件绝不会再发生。", "over-promise", true},
		// A role refused is not played.
		{"victim refused en", "en", "We will not present ourselves as victims of this.", "victim", false},
		{"victim refused zh", "zh", "我们不会把自己说成受害者。", "victim", false},
		{"victim played en", "en", "We too are victims of this attack.", "victim", true},
		// Blame quoted, supposed or asked about is not laid.
		{"blame quoted en", "en", "Some have blamed the supplier. The fault was ours.", "blame", false},
		{"blame quoted zh", "zh", "有人指责是供应商的问题。责任在我们。", "blame", false},
		{"blame supposed en", "en", "If our supplier turns out to be at fault, we will still take responsibility.", "blame", false},
		{"blame supposed zh", "zh", "即使问题出在供应商，责任也在我们。", "blame", false},
		{"blame asked en", "en", "The investigation will establish whether the fault lies with the supplier.", "blame", false},
		{"blame asked zh", "zh", "调查将查明问题是否出在供应商。", "blame", false},
		{"blame judged wrong en", "en", "It would be wrong to blame our supplier.", "blame", false},
		{"blame laid en", "en", "The fault lies with the supplier.", "blame", true},
		{"blame laid zh", "zh", "问题出在供应商。", "blame", true},
		// Legal threats in every inflection; refusals are not threats.
		{"reserved the right en", "en", "We reserved the right to pursue anyone sharing the clip.", "legal-threat", true},
		{"reserves the right en", "en", "The company reserves the right to take legal action.", "legal-threat", true},
		{"legal action zh", "zh", "我们正在考虑对散布谣言的网友采取法律行动。", "legal-threat", true},
		{"no plans to sue en", "en", "We have no plans to sue anyone who shared the video.", "legal-threat", false},
		{"nobody will face en", "en", "Nobody who shared the video will face legal action from us.", "legal-threat", false},
		{"not something we will consider en", "en", "Legal action against people who shared the video is not something we will consider.", "legal-threat", false},
		{"never threaten en", "en", "We would never threaten customers with lawsuits.", "legal-threat", false},
		{"no intention zh", "zh", "我们无意追究任何网友的法律责任。", "legal-threat", false},
		{"will not take legal action zh", "zh", "对转发视频的网友，我们不会采取任何法律行动。", "legal-threat", false},
		// An apology for confusion is for feelings; a condition quoted to
		// be rejected does not make an apology conditional.
		{"sorry for any confusion en", "en", "We are sorry for any confusion this may have caused.", "non-apology", true},
		{"sorry for any confusion zh", "zh", "对可能造成的困惑，我们深表歉意。", "non-apology", true},
		{"condition rejected en", "en", "We apologise, not \"if anyone was upset\", but because we sold you a faulty product.", "non-apology", false},
		{"condition rejected zh", "zh", "不是“如果给大家带来困扰”，而是我们确实做错了，我们道歉。", "non-apology", false},
	} {
		r := Judge(c.text, Context{Lang: c.lang})
		got := check(r, c.id)
		if got.ID != c.id || !got.Passed != c.fires {
			t.Errorf("%s: %s fired = %v, want %v (%+v)", c.name, c.id, !got.Passed, c.fires, got)
		}
		checkInvariants(t, c.text, r)
	}
	// A quoted condition rejected leaves a real apology.
	for _, text := range []string{"We apologise, not \"if anyone was upset\", but because we sold you a faulty product.", "不是“如果给大家带来困扰”，而是我们确实做错了，我们道歉。"} {
		if c := check(Judge(text, Context{}), "apology"); !c.Passed {
			t.Errorf("%s: apology %+v, want passed", text, c)
		}
	}
	// The frame is quoted beside the claim it assures.
	if c := check(Judge("Rest assured, it is harmless.", Context{Lang: "en"}), "false-reassurance"); !slices.Contains(c.Evidence, "Rest assured") || !slices.Contains(c.Evidence, "harmless") {
		t.Errorf("evidence %q, want the frame and the claim", c.Evidence)
	}
}
