package review

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// playedTriage plays the engine's triage scenario (a rumour attack's
// monitoring desk: five posts before the first decision, opened at 0:00)
// for Alpha and Bravo and ends it. Alpha triages at 1:00 with three
// mistakes: the parent taken for a troll and ignored, the bot answered,
// the small rumour answered instead of watched; it answers the bot first,
// then the reporter, the wide rumour and the small one. The key answers
// the reporter (a journalist, the wider reach), the parent (a genuine
// complaint), then the wide rumour. Alpha chooses at 2:00; Bravo chooses
// at 3:00 without a triage, which is then missing.
func playedTriage(t *testing.T) (*exercise.DB, string) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run := uitest.StartEntry(t, st, clock, uitest.EngineEntry(t, "triage.yaml"), 42, "Alpha", "Bravo")
	s := run.Session
	do := func(after time.Duration, c engine.Command) {
		t.Helper()
		clock.Add(after)
		if err := s.Tick(); err != nil {
			t.Fatal(err)
		}
		if err := s.Send(c); err != nil {
			t.Fatal(err)
		}
	}
	do(0, engine.Command{Kind: engine.CmdResume})
	do(time.Minute, engine.Command{Kind: engine.CmdTriage, Team: "Alpha", Decision: "first", Triage: []engine.TriageMark{
		{Post: "mum", Class: "troll", Action: "ignore"}, {Post: "bots", Class: "troll", Action: "answer", Rank: 1},
		{Post: "reporter", Class: "journalist", Action: "answer", Rank: 2}, {Post: "video", Class: "rumour", Action: "answer", Rank: 3},
		{Post: "gossip", Class: "rumour", Action: "answer", Rank: 4}}})
	do(time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "speak"})
	do(time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "first", Option: "wait"})
	clock.Add(30 * time.Minute)
	if err := s.Tick(); err != nil {
		t.Fatal(err)
	}
	var ended bool
	s.Read(func(x *engine.State) { ended = x.Ended })
	if !ended {
		t.Fatal("the exercise did not end")
	}
	if err := run.Flush(); err != nil {
		t.Fatal(err)
	}
	return st, run.ID
}

// The debrief's team card shows the team's social-listening triage with
// the exports' labels: its heading, its score (2 of the 5 posts right: the
// reporter and the wide rumour; of the key's three pairs of answers, only
// reporter-then-rumour kept: 33.3), when it was made, and for each post who
// wrote it, its reach and age, its text, the true class, the team's class,
// the team's action with the one needed and the team's place in the order
// with the key's, each miss marked with "×" in the error colour, and why.
// A team that did not triage has every post marked missing. In English and
// in Chinese.
func TestDebriefShowsTriage(t *testing.T) {
	st, id := playedTriage(t)
	h := newHost(t, st)
	h.win.Resize(fyne.NewSize(1008, 552))
	d := h.openDebrief(id)
	d.selectTab(tabTeams)
	want := map[i18n.Lang]map[string][]string{
		i18n.EN: {
			"Alpha": {
				"Social-listening triage",
				"Before \"What now?\" (feed shown at 00:00:00)",
				"2 of 5 posts classified and handled right",
				"; order of the answers 33.3 of 100",
				"Triaged at 00:01:00",
				"@mum · parent (reach 300, 5 min before)\nIs it safe for my baby?\n" +
					"True class: genuine complaint · Team's class: × troll · Team's action (needed): × ignore (answer now) · Answer order (key): × — (2)\n" +
					"Why: A real parent asking.",
				"Li, Daily News · verified (reach 50,000, 10 min before)\nWho can I talk to?\n" +
					"True class: journalist · Team's class: journalist · Team's action (needed): answer now · Answer order (key): × 2 (1)\n" +
					"Why: A reporter on deadline.",
				"@blogger (reach 400,000, 30 min before)",
				"True class: rumour · Team's class: rumour · Team's action (needed): answer now · Answer order (key): 3\n" +
					"Why: The false claim at its widest.",
				"@gossip (reach 2,000, 8 min before)\nThe boss fled?\n" +
					"True class: rumour · Team's class: rumour · Team's action (needed): × answer now (monitor) · Answer order (key): × 4 (—)",
				"@bot123 (reach 10, 1 min before)\nPOISON!!!\n" +
					"True class: troll · Team's class: troll · Team's action (needed): × answer now (ignore) · Answer order (key): × 1 (—)\n" +
					"Why: A bot.",
			},
			"Bravo": {
				"Not triaged before the decision closed: score 0 of 100",
				"True class: genuine complaint · Team's class: × — · Team's action (needed): × — (answer now) · Answer order (key): × — (2)",
				"True class: troll · Team's class: × — · Team's action (needed): × — (ignore) · Answer order (key): —",
			},
		},
		i18n.ZH: {
			"Alpha": {
				"舆情研判",
				"决策“怎么办？”之前（信息流于 00:00:00 出现）",
				"5 条帖子中有 2 条分类与处理都正确",
				"；回应顺序得分 33.3（满分100）",
				"于 00:01:00 完成研判",
				"@妈妈 · 家长（触达300，5分钟前）\n给宝宝用安全吗？\n" +
					"实际类别：真实投诉 · 小组判断：× 恶意挑衅 · 小组处理（应当）：× 不予理会（立即回应） · 回应顺序（应当）：× —（2）\n" +
					"原因：真实的家长在发问。",
				"李，日报记者 · 已认证（触达5万，10分钟前）\n请问找谁采访？\n" +
					"实际类别：记者 · 小组判断：记者 · 小组处理（应当）：立即回应 · 回应顺序（应当）：× 2（1）",
				"@博主（触达40万，30分钟前）",
				"@吃瓜（触达2000，8分钟前）\n老板跑路了？\n" +
					"实际类别：谣言 · 小组判断：谣言 · 小组处理（应当）：× 立即回应（持续关注） · 回应顺序（应当）：× 4（—）\n" +
					"原因：传播小、刚出现：先盯住。",
			},
			"Bravo": {
				"决策结束前未完成研判",
				"实际类别：记者 · 小组判断：× — · 小组处理（应当）：× —（立即回应） · 回应顺序（应当）：× —（1）",
			},
		},
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		h.setLang(lang)
		d.selectTab(tabTeams)
		for _, team := range []string{"Alpha", "Bravo"} {
			card := teamCard(t, d, team)
			text := tree.AllText(card)
			for _, w := range want[lang][team] {
				if !strings.Contains(text, w) {
					t.Errorf("%s: %s's card lacks %q:\n%s", lang, team, w, text)
				}
			}
		}
	}

	// A miss is drawn in the error colour, a match in the text's.
	h.setLang(i18n.EN)
	d.selectTab(tabTeams)
	card := teamCard(t, d, "Alpha")
	colours := map[string]color.Color{}
	for _, c := range tree.Find[*canvas.Text](t, card) {
		colours[c.Text] = c.Color
	}
	errColour := theme.Color(theme.ColorNameError)
	for _, miss := range []string{"× troll", "× ignore (answer now)", "× — (2)", "× 2 (1)"} {
		if c, ok := colours[miss]; !ok || c != errColour {
			t.Errorf("%q drawn in %v (drawn: %t), want the error colour %v", miss, c, ok, errColour)
		}
	}
	if c := colours["journalist"]; c == errColour {
		t.Errorf("the reporter's right class is drawn in the error colour")
	}
}
