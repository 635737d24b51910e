package debrief

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playedTriage plays internal/engine/testdata/triage.yaml headless: the
// decision "first" opens at 0:00 with its feed. Alpha triages at 1:00 with
// three mistakes (the parent taken for a troll and ignored, the bot
// answered, the small rumour answered instead of watched), answering the
// bot first, then the reporter, the wide rumour and the small one, and chooses
// "speak" at 2:00; Bravo chooses "wait" at 3:00 without a triage.
func playedTriage(t testing.TB) (*engine.State, []engine.Event) {
	t.Helper()
	h := playTestdata(t, "triage", "triage", "Alpha", "Bravo")
	do := h.do
	do(0, engine.Command{Kind: engine.CmdResume})
	do(time.Minute, engine.Command{Kind: engine.CmdTriage, Team: "Alpha", Decision: "first", Triage: []engine.TriageMark{
		{Post: "mum", Class: "troll", Action: "ignore"}, {Post: "bots", Class: "troll", Action: "answer", Rank: 1},
		{Post: "reporter", Class: "journalist", Action: "answer", Rank: 2}, {Post: "video", Class: "rumour", Action: "answer", Rank: 3},
		{Post: "gossip", Class: "rumour", Action: "answer", Rank: 4}}})
	do(2*time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "speak"})
	do(3*time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "first", Option: "wait"})
	return h.end(30 * time.Minute)
}

func triageReport(t testing.TB, lang, team string) *Report {
	st, events := playedTriage(t)
	r := Build(st, events, lang, team)
	r.SetStarted(started)
	return r
}

// The triage golden files: every renderer shows each team's triage table
// (post, true class, the team's class, its action with what was needed,
// the reason) and its score.
func TestTriageGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := triageReport(t, lang, "")
		goldenExports(t, "triage", lang, r)
	}
}

// The report model carries each team's triage: Alpha's marks against the
// truth, its score by hand (posts 7.25 of 11; the order: of the key's
// pairs reporter–parent, reporter–rumour, parent–rumour only the second is
// kept, 1/3, weight 3: 8.25 of 14 = 58.9) and what it adds to
// transparency and empathy; each post's place in the team's order and the
// key's; Bravo's, missing, scores 0; the method says how a triage is scored.
func TestReportCarriesTriage(t *testing.T) {
	r := triageReport(t, "zh", "")
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Triage) != 1 || len(bravo.Triage) != 1 {
		t.Fatalf("triages: Alpha %d, Bravo %d", len(alpha.Triage), len(bravo.Triage))
	}
	a := alpha.Triage[0]
	if a.Missing || a.Score != 58.9 || a.Scores["transparency"] != 77.5 || a.Scores["empathy"] != 21.4 || a.Right != 2 || len(a.Posts) != 5 ||
		a.Order == nil || *a.Order != 33.3 {
		t.Fatalf("Alpha's triage: %+v", a)
	}
	want := "得分 58.9（满分100）：5 条帖子中有 2 条分类与处理都正确（透明度 77.5，同理心 21.4）；回应顺序得分 33.3（满分100）"
	if a.Summary != want {
		t.Errorf("summary %q, want %q", a.Summary, want)
	}
	for _, p := range a.Posts {
		if p.Post == "mum" && (p.ClassName != "真实投诉" || p.TeamClassName != "恶意挑衅" || p.TeamActionName != "不予理会" ||
			p.NeedsName != "立即回应" || p.Right || p.Score != 0 || p.Reason != "真实的家长在发问。") {
			t.Errorf("the parent's row: %+v", p)
		}
		if p.Post == "reporter" && (!p.Right || p.Score != 100 || p.Author != "李，日报记者 · 已认证") {
			t.Errorf("the reporter's row: %+v", p)
		}
		// The key: reporter 1, parent 2, wide rumour 3; the team: bot 1,
		// reporter 2, wide rumour 3, small rumour 4.
		wantOrder := map[string][2]int{"mum": {0, 2}, "bots": {1, 0}, "reporter": {2, 1}, "video": {3, 3}, "gossip": {4, 0}}[p.Post]
		cell := map[string]string{"mum": "—（2）", "bots": "1（—）", "reporter": "2（1）", "video": "3", "gossip": "4（—）"}[p.Post]
		if p.Rank != wantOrder[0] || p.KeyRank != wantOrder[1] || p.OrderText("zh") != cell {
			t.Errorf("%s: places %d (key %d), cell %q; want %v, %q", p.Post, p.Rank, p.KeyRank, p.OrderText("zh"), wantOrder, cell)
		}
	}
	b := bravo.Triage[0]
	if !b.Missing || b.Score != 0 || b.Scores["transparency"] != 0 || b.Scores["empathy"] != 0 || b.Posts[0].TeamClassName != "—" || b.Order != nil {
		t.Errorf("Bravo's triage: %+v", b)
	}
	if !strings.Contains(r.Method, "舆情研判按信息流中每条帖子的类别") {
		t.Errorf("method: %q", r.Method)
	}
	if h := triageReport(t, "en", "Bravo"); len(h.Teams) != 1 || len(h.Teams[0].Triage) != 1 || !h.Teams[0].Triage[0].Missing {
		t.Errorf("Bravo's handout: %+v", h.Teams)
	}
}

// The timeline says the triage with its score and the world it moved; the CSV has a row per post
// with the truth, the team's marks and the reason; the PDF renders it in
// both languages; the JSON round trip keeps it.
func TestTriageTimelineCSVPDF(t *testing.T) {
	r := triageReport(t, "en", "")
	found := false
	for _, e := range r.Timeline {
		if e.Kind == string(engine.KindTriaged) {
			// The world moved by the posts got wrong: the bot answered
			// (attention +4), the parent ignored (trust −5).
			found = e.Team == "Alpha" && e.Text == "Triaged the social-listening feed of \"What now?\": score 58.9 of 100 — Attention 10 → 14, Trust 60 → 55"
			if !found {
				t.Errorf("timeline: %+v", e)
			}
		}
	}
	if !found {
		t.Error("the timeline does not say the triage")
	}
	rows := csvRows(t, r)
	n := 0
	for _, row := range rows {
		if row[2] == "triage.post" {
			n++
			if row[5] == "mum" && row[1] == "Alpha" && !strings.Contains(row[7], "True class: genuine complaint; Team's class: troll; Team's action (needed): ignore (answer now); Answer order (key): — (2); Why: A real parent asking.") {
				t.Errorf("the parent's CSV row: %q", row[7])
			}
		}
	}
	if n != 10 {
		t.Errorf("%d triage rows in the CSV, want 5 per team", n)
	}
	pdfsRender(t, func(lang string) *Report { return triageReport(t, lang, "") })
	if !sameMarkdownFromJSON(t, r) {
		t.Error("the JSON round trip loses something of the triage")
	}
}
