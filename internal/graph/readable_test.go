package graph

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func TestShort(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		// Fits: whole, on one line.
		{"Apologise  now", 20, "Apologise now"},
		{"现在道歉", 8, "现在道歉"},
		// The first clause says enough (≥ 60% of the width).
		{"Recall all 48,000 bottles and apologise, then wait", 36, "Recall all 48,000 bottles and…"},
		// Two clauses fit: both kept.
		{"Say sorry, fix it, then explain everything in a long post", 24, "Say sorry, fix it…"},
		// A clause too short to say enough: cut at a word instead.
		{"Post: freezing rain has closed the airport tonight", 30, "Post: freezing rain has…"},
		// No clause mark: at a word boundary, the ellipsis within width.
		{"Give the partner and rail seats and the lounges to members", 30, "Give the partner and rail…"},
		// Chinese: whole clause when it says enough…
		{"合作航司和高铁的座位、休息室，优先给企业协议客户和金卡会员", 32, "合作航司和高铁的座位、休息室…"},
		// …else between characters (a character is two columns).
		{"先向市场监管局报告再召回全部四万八千瓶饮料", 20, "先向市场监管局报告…"},
		// Never before closing punctuation.
		{"先向市场监管局报，告", 18, "先向市场监管局…"},
		// One long word is cut inside.
		{"Supercalifragilisticexpialidocious", 10, "Supercali…"},
	} {
		got := Short(c.in, c.width)
		if got != c.want {
			t.Errorf("Short(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
		if textWidth(got) > c.width {
			t.Errorf("Short(%q, %d) = %q is %d columns wide", c.in, c.width, got, textWidth(got))
		}
	}
}

func FuzzShort(f *testing.F) {
	f.Add("Recall all 48,000 bottles and apologise, then wait", 36)
	f.Add("合作航司和高铁的座位、休息室，优先给企业协议客户", 32)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width > 200 || width < -5 || !utf8.ValidString(s) {
			return
		}
		got := Short(s, width)
		if width >= 2 && textWidth(got) > width {
			t.Errorf("Short(%q, %d) = %q: %d columns", s, width, got, textWidth(got))
		}
		if strings.ContainsAny(got, "\n\r\t") {
			t.Errorf("Short(%q, %d) = %q spans lines", s, width, got)
		}
	})
}

// wordsScenario has labelled variables, claims, titled phases, routes and
// a phase with two decisions that move a team.
const wordsScenario = `format: firebreak/1
id: words
kind: recall
title: {en: "Words", zh: "文字"}
summary: {en: "Conditions in words", zh: "用文字写的条件"}
languages: [en, zh]
duration: 60m
world:
  cash: {start: 50, min: 0, max: 100, label: {en: "Cash position (reserves, credit)", zh: "资金状况（储备、授信）"}}
  trust: {start: 50, min: 0, max: 100, label: {en: Trust, zh: 信任}}
phases:
  start:
    title: {en: "Day 1", zh: "第一天"}
    injects:
      - at: 0m
        channel: social
        text: {en: "A complaint", zh: "一条投诉"}
    decisions:
      first-call:
        prompt: {en: "The radio is live. What do you say first? Write it.", zh: "电台在直播。你们先说什么？请写出来。"}
        at: 0m
        target: 5m
        deadline: 10m
        options:
          - id: own-it
            text: {en: "We are sorry, the fault is ours, and here is what we do", zh: "我们道歉，责任在我们，下面是我们的做法"}
            claims: [fault-ours]
            next: calm
            routes: [{when: "cash < 25 && not silent", next: storm}]
          - id: deny-it
            text: {en: "Nothing is wrong", zh: "没有任何问题"}
            claims: [no-fault]
            next: storm
      budget:
        prompt: {en: "How much do you spend?", zh: "花多少钱？"}
        at: 1m
        target: 5m
        deadline: 10m
        options:
          - id: spend-big
            text: {en: "Everything", zh: "全部"}
            next: calm
          - id: spend-little
            text: {en: "Little", zh: "少量"}
        on_timeout:
          next: storm
          routes: [{when: "'fault-ours' in claims or phase in [\"calm\", \"storm\"]", next: calm}]
  calm:
    title: {en: "A calm day", zh: "平静的一天"}
    injects:
      - at: 0m
        channel: news
        text: {en: "Praise", zh: "好评"}
    continue: {after: 10m, next: good-end, routes: [{when: "not ('no-fault' in claims) and (trust >= 60 or minutes > 5)", next: bad-end}]}
  storm:
    title: {en: "The storm", zh: "风暴"}
    injects:
      - at: 2m
        channel: news
        text: {en: "Outrage", zh: "愤怒"}
    continue: {after: 5m, next: bad-end}
  good-end:
    title: {en: "Kept", zh: "保住了"}
    ending: {outcome: {en: Trust kept, zh: 信任保持}, tone: good}
  bad-end:
    title: {en: "Lost", zh: "失去了"}
    ending: {outcome: {en: Boycott, zh: 抵制}, tone: bad}
`

func TestConditionInWords(t *testing.T) {
	sc := parse(t, wordsScenario)
	for _, c := range []struct {
		src, en, zh string
	}{
		{"cash < 25", "Cash position is below 25", "资金状况低于25"},
		{"cash <= 25 && trust >= 60", "Cash position is at most 25 and Trust is at least 60", "资金状况不超过25且信任不低于60"},
		{"trust == 50 or trust != 40", "Trust is 50 or Trust is not 40", "信任等于50或信任不等于40"},
		{"(cash < 25 or trust > 1) and silent", "(Cash position is below 25 or Trust is above 1) and the team is still silent in public",
			"（资金状况低于25或信任高于1）且小组尚未公开发声"},
		{"not silent", "the team has spoken in public", "小组已公开发声"},
		{"'fault-ours' in claims", "the team has said \"We are sorry, the fault is…\"", "小组已表态“我们道歉，责任在我们…”"},
		{"not ('no-fault' in claims)", "the team has not said \"Nothing is wrong\"", "小组未表态“没有任何问题”"},
		{"'no-fault' not in claims", "the team has not said \"Nothing is wrong\"", "小组未表态“没有任何问题”"},
		{"'unheard-of' in claims", "the team has said a claim set in the scenario", "小组已表态情景设定的某项表态"},
		{`phase == "calm"`, "in \"A calm day\"", "处于“平静的一天”"},
		{`phase in ["calm", "storm"]`, "in one of \"A calm day\", \"The storm\"", "处于“平静的一天”、“风暴”之一"},
		{`phase == "nowhere"`, "in a phase set in the scenario", "处于情景设定的某个阶段"},
		{"minutes > 5 and posts >= 2", "minutes played is above 5 and posts published is at least 2", "演练已进行的分钟数高于5且已发布的帖子数不低于2"},
		{"cash - trust * 2 < -10", "Cash position - Trust × 2 is below -10", "资金状况-信任×2低于-10"},
		{"max(cash, trust) >= 70", "the larger of Cash position, Trust is at least 70", "资金状况、信任中较大者不低于70"},
		{"'denial' in said", "the judge found the point in the team's posts", "评判在小组帖子中发现了相应内容"},
		// What it cannot name is a phrase, never the id.
		{"mystery > 3", "a value set in the scenario is above 3", "情景设定的某个值高于3"},
		{"((", "a condition set in the scenario", "情景设定的某个条件"},
	} {
		for lang, want := range map[i18n.Lang]string{i18n.EN: c.en, i18n.ZH: c.zh} {
			if got := condition(sc, i18n.New(lang), c.src); got != want {
				t.Errorf("%s: %q reads %q, want %q", lang, c.src, got, want)
			}
		}
	}
}

func FuzzCondition(f *testing.F) {
	sc := func() *scenario.Scenario {
		s, _ := scenario.Parse("words.yaml", []byte(wordsScenario))
		return s
	}()
	if sc == nil {
		f.Fatal("the words scenario does not load")
	}
	for _, s := range []string{"cash < 25 && not silent", "'fault-ours' in claims", `phase in ["calm"]`, "max(cash, 1) ? 1 : 2", "-(-cash)", "(("} {
		f.Add(s)
	}
	en, zh := i18n.New(i18n.EN), i18n.New(i18n.ZH)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > scenario.MaxExprLength {
			return
		}
		for _, loc := range []*i18n.Localizer{en, zh} {
			got := condition(sc, loc, src)
			if strings.TrimSpace(got) == "" {
				t.Errorf("%q reads as nothing", src)
			}
			// The only ids it may repeat are those in the source's own
			// string literals it could not name: none of the scenario's.
			for _, id := range []string{"fault-ours", "no-fault", "first-call", "own-it"} {
				if strings.Contains(got, id) {
					t.Errorf("%q reads %q, with the id %s", src, got, id)
				}
			}
		}
	})
}

func TestReadableLabels(t *testing.T) {
	sc := parse(t, wordsScenario)
	g := Build(sc, Options{Lang: "en", Readable: true})
	start := g.Node("start")
	want := []string{"(1) What do you say first?", "(2) How much do you spend?"}
	if strings.Join(start.Decisions, "|") != strings.Join(want, "|") {
		t.Errorf("start lists its decisions as %q, want %q", start.Decisions, want)
	}
	if d := g.Node("calm").Decisions; d != nil {
		t.Errorf("calm, with no decision, lists %q", d)
	}
	labels := map[string]string{}
	full := map[string]string{}
	for _, e := range g.Edges {
		labels[e.Key()] = e.Label
		full[e.Key()] = e.Full
	}
	for key, want := range map[string]string{
		"first-call.own-it":   "(1) We are sorry, the fault is ours…",
		"first-call.own-it?1": "(1) We are sorry, the fault is ours… if Cash position is below 25 and the team has spoken in public",
		"first-call.deny-it":  "(1) Nothing is wrong",
		"budget.spend-big":    "(2) Everything",
		"budget!timeout":      "(2) timeout",
		// A long condition is cut (at 72 columns, at a word)…
		"budget!timeout?1": "(2) timeout if the team has said \"We are sorry, the fault is…\" or in one of \"A calm…",
		"calm!continue?1":  "after 10m if the team has not said \"Nothing is wrong\" and (Trust is at least 60 or…",
	} {
		if labels[key] != want {
			t.Errorf("%s reads %q, want %q", key, labels[key], want)
		}
	}
	// …and whole in Full.
	for key, want := range map[string]string{
		"budget!timeout?1": "(2) timeout if the team has said \"We are sorry, the fault is…\" or in one of \"A calm day\", \"The storm\"",
		"calm!continue?1":  "after 10m if the team has not said \"Nothing is wrong\" and (Trust is at least 60 or minutes played is above 5)",
	} {
		if full[key] != want {
			t.Errorf("%s in full reads %q, want %q", key, full[key], want)
		}
	}
	if want := "(1) We are sorry, the fault is ours, and here is what we do"; full["first-call.own-it"] != want {
		t.Errorf("own-it in full reads %q, want %q", full["first-call.own-it"], want)
	}

	zh := Build(sc, Options{Lang: "zh", Readable: true})
	if got, want := zh.Node("start").Decisions, []string{"（1）你们先说什么？", "（2）花多少钱？"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("zh: start lists %q, want %q", got, want)
	}
	for _, e := range zh.Edges {
		if e.Key() == "first-call.own-it?1" {
			if want := "（1）我们道歉，责任在我们，下面是我们的…（若资金状况低于25且小组已公开发声）"; e.Label != want {
				t.Errorf("zh: the route reads %q, want %q", e.Label, want)
			}
		}
	}

	// The exports keep the author's ids.
	ids := Build(sc, Options{Lang: "en"})
	for _, e := range ids.Edges {
		if e.Key() == "first-call.own-it?1" && e.Label != "first-call: own-it if cash < 25 && not silent" {
			t.Errorf("without Readable the route reads %q", e.Label)
		}
	}
}

func TestShortLabelsTellOptionsApart(t *testing.T) {
	src := strings.Replace(wordsScenario, `text: {en: "Nothing is wrong", zh: "没有任何问题"}`,
		`text: {en: "We are sorry, the fault is ours, but the supplier pays", zh: "我们道歉，责任在我们，但由供应商赔付"}`, 1)
	g := Build(parse(t, src), Options{Lang: "en", Readable: true})
	seen := map[string]string{}
	for _, e := range g.Edges {
		if e.Kind != EdgeOption || e.Route > 0 || e.Decision != "first-call" {
			continue
		}
		if other, ok := seen[e.Label]; ok {
			t.Errorf("%s and %s both read %q", other, e.Option, e.Label)
		}
		seen[e.Label] = e.Option
	}
	if len(seen) != 2 {
		t.Errorf("first-call's options read %v", seen)
	}
}
