package analysis

import (
	"fmt"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Chain generates the largest scenario the format allows for the analysis
// to search: scenario.MaxPhases phases, all but the three endings a step
// of the crisis with one decision, that follow each other every two
// minutes (24 hours in all, the longest duration). Each decision is a small
// dilemma: owning up (open, caring, costly), holding (neither), denying
// (cheap, evasive, false) or letting it time out; trust, which the endings
// route on, moves with the answers, and the cost is a stake no condition
// reads. The ways through number 4 to the power of the decisions: only a
// search that merges states can analyse it.
func Chain() []byte {
	steps := scenario.MaxPhases - 3
	var b strings.Builder
	b.WriteString(`format: firebreak/1
id: chain
kind: outage
title: {en: "A long outage", zh: "漫长的故障"}
summary: {en: "A generated chain of decisions, the largest scenario the format allows.", zh: "生成的决策链，格式允许的最大情景。"}
languages: [en, zh]
duration: 24h
world:
  trust: {start: 5, min: 0, max: 10, stake: higher, label: {en: Trust, zh: 信任}}
  cost: {start: 50, min: 0, max: 100, stake: lower, label: {en: Cost, zh: 成本}}
false_claims:
  all-fine: {en: "The outage goes on.", zh: "故障仍在持续。"}
phases:
`)
	for i := 1; i <= steps; i++ {
		name, next := fmt.Sprintf("step-%d", i), fmt.Sprintf("step-%d", i+1)
		if i == 1 {
			name = "start"
		}
		fmt.Fprintf(&b, `  %s:
    injects:
      - {at: 0s, channel: social, text: {en: "Hour %d of the outage", zh: "故障第 %d 小时"}, opens: d%d}
    decisions:
      d%d:
        prompt: {en: "What do you say?", zh: "怎么说？"}
        target: 30s
        deadline: 90s
        options:
          - {id: own-it, text: {en: "Sorry: our fault", zh: "抱歉，是我们的错"}, stance: acknowledge, scores: {transparency: 2, empathy: 2}, effects: {trust: 1, cost: 2}}
          - {id: hold, text: {en: "Say what is known and what is not", zh: "说明已知和未知的情况"}, stance: hold, scores: {transparency: 1, empathy: 0}, effects: {cost: 1}}
          - {id: deny, text: {en: "All is fine", zh: "一切正常"}, stance: deny, claims: [all-fine], scores: {transparency: -2, empathy: -1}, effects: {trust: -1, cost: -2}}
        on_timeout: {effects: {trust: -1}}
    continue:
`, name, i, i, i, i)
		if i == steps {
			b.WriteString(`      after: 2m
      next: mixed-end
      routes:
        - {when: "trust >= 8", next: good-end}
        - {when: "trust <= 2", next: bad-end}
`)
		} else {
			fmt.Fprintf(&b, "      {after: 2m, next: %s}\n", next)
		}
	}
	b.WriteString(`  good-end:
    ending: {outcome: {en: "Trusted", zh: "赢得信任"}, tone: good}
  mixed-end:
    ending: {outcome: {en: "Tolerated", zh: "勉强接受"}, tone: mixed}
  bad-end:
    ending: {outcome: {en: "Abandoned", zh: "用户流失"}, tone: bad}
`)
	return []byte(b.String())
}
