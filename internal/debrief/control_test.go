package debrief

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playedControlled plays the schedule test scenario with every kind of the
// facilitator's control, and a play script's refused action.
func playedControlled(t *testing.T) (*engine.State, []engine.Event) {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/sched.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "sched", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 7}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := func(d time.Duration) {
		t.Helper()
		if err := s.AdvanceTo(d); err != nil {
			t.Fatal(err)
		}
	}
	send := func(c engine.Command) {
		t.Helper()
		if err := s.Send(c); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
	}
	at(time.Minute)
	send(engine.Command{Kind: engine.CmdSendNow, Team: "Alpha", Inject: "call"})
	send(engine.Command{Kind: engine.CmdSkip, Team: "Bravo", Inject: "email"})
	send(engine.Command{Kind: engine.CmdDelay, Team: "Bravo", Inject: "call", Delay: 5 * time.Minute})
	send(engine.Command{Kind: engine.CmdInject, Team: "Bravo", Channel: "email", Text: "Can we talk?", From: "Jane Doe",
		To: []string{"spokesperson", "legal"}, Effects: map[string]float64{"attention": 20}})
	if err := s.Send(engine.Command{Kind: engine.CmdSkip, Team: "Alpha", Inject: "memo", Ref: "script:9"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdSkip, Team: "Bravo", Inject: "call", Ref: "script:10"}); !errors.Is(err, engine.ErrOpensDecision) {
		t.Fatal(err)
	}
	at(3 * time.Minute)
	send(engine.Command{Kind: engine.CmdExtend, Team: "Alpha", Decision: "first", Delay: 5 * time.Minute})
	at(60 * time.Minute)
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	return st, log.Events
}

func TestTimelineTellsTheFacilitatorsControl(t *testing.T) {
	st, events := playedControlled(t)
	want := map[string][]string{
		"en": {
			"phone call (A reporter): A reporter calls. Is it true? — sent now by the facilitator (due 00:05:00)",
			"Facilitator skipped the email \"A customer writes\" (due 00:08:00)",
			"Facilitator delayed the phone call \"A reporter calls.\" by 5m00s, to 00:10:00",
			"phone call (A reporter): A reporter calls. Is it true? — delayed 5m00s by the facilitator",
			"Facilitator inject (email; from Jane Doe; to Spokesperson, Legal): Can we talk? — Attention 10 → 30",
			"Facilitator extended the deadline of \"What now?\" by 5m00s, to 00:16:00",
			"Facilitator's action refused — skip the phone call \"A reporter calls.\" for Bravo: it opens a decision, so it cannot be skipped",
		},
		"zh": {
			"电话（记者）：记者来电。是真的吗？——主持人提前发送（原定 00:05:00）",
			"主持人取消了邮件“客户来信”（原定 00:08:00）",
			"主持人将电话“记者来电。”推迟5分钟，改为 00:10:00",
			"电话（记者）：记者来电。是真的吗？——主持人推迟了5分钟",
			"主持人临时注入（邮件；发件人：Jane Doe；收件人：发言人、法务）：Can we talk? — 关注度 10 → 30",
			"主持人将“怎么办？”的截止时间延长5分钟，改为 00:16:00",
			"主持人的操作被拒绝——取消电话“记者来电。”（Bravo）：它会开启一项决策，不能取消",
		},
	}
	for lang, lines := range want {
		r := Build(st, events, lang, "")
		var texts []string
		for _, e := range r.Timeline {
			texts = append(texts, e.Text)
		}
		all := strings.Join(texts, "\n")
		for _, w := range lines {
			if !strings.Contains(all, w) {
				t.Errorf("%s timeline lacks %q:\n%s", lang, w, all)
			}
		}
		for _, raw := range []string{"inject.skipped", "inject.delayed", "decision.extended", "opens-decision", "script:"} {
			if strings.Contains(all, raw) {
				t.Errorf("%s timeline shows the raw %q", lang, raw)
			}
		}
		// Every export carries the timeline.
		csv := string(CSV(r))
		html := string(HTML(r))
		js, err := JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatal(err)
		}
		if _, err := PDF(r); err != nil {
			t.Fatalf("%s PDF: %v", lang, err)
		}
		skipped := lines[1]
		// A CSV field doubles its quotes.
		if !strings.Contains(csv, strings.ReplaceAll(skipped, `"`, `""`)) || !strings.Contains(html, esc(skipped)) {
			t.Errorf("%s: the CSV or HTML lacks %q", lang, skipped)
		}
		found := false
		for _, e := range back.Timeline {
			found = found || (e.Kind == "inject.skipped" && e.Text == skipped && e.Team == "Bravo")
		}
		if !found {
			t.Errorf("%s JSON timeline lacks the skip", lang)
		}
	}
}

func TestMarkdownTellsTheFacilitatorsControl(t *testing.T) {
	st, _ := playedControlled(t)
	want := map[string][]string{
		"en": {
			"### Schedule changes by the facilitator",
			"- 00:01:00 · Sent the phone call \"A reporter calls.\" now (due 00:05:00)",
			"- 00:03:00 · Extended the deadline of \"What now?\" by 5m00s, to 00:16:00",
			"- 00:01:00 · Skipped the email \"A customer writes\" (due 00:08:00)",
			"- 00:01:00 · phone call — A reporter (sent now by the facilitator, due 00:05:00): A reporter calls. Is it true?",
			"- 00:10:00 · phone call — A reporter (delayed 5m00s by the facilitator): A reporter calls. Is it true?",
			"- 00:01:00 · email — Jane Doe (to Spokesperson, Legal): Can we talk?",
			"## Facilitator's refused actions",
			"- 00:01:00 · Facilitator's action refused — skip the phone call \"A reporter calls.\" for Bravo: it opens a decision, so it cannot be skipped",
		},
		"zh": {
			"### 主持人对日程的调整",
			"- 00:01:00 · 提前发送了电话“记者来电。”（原定 00:05:00）",
			"- 00:03:00 · 将“怎么办？”的截止时间延长5分钟，改为 00:16:00",
			"- 00:01:00 · 取消了邮件“客户来信”（原定 00:08:00）",
			"- 00:01:00 · 电话 — 记者（主持人提前发送，原定 00:05:00）：记者来电。是真的吗？",
			"- 00:01:00 · 邮件 — Jane Doe（收件人：发言人、法务）：Can we talk?",
			"## 主持人被拒绝的操作",
		},
	}
	for lang, lines := range want {
		md := Markdown(Build(st, nil, lang, ""))
		for _, w := range lines {
			if !strings.Contains(md, w) {
				t.Errorf("%s Markdown lacks %q:\n%s", lang, w, md)
			}
		}
	}
}

func TestEveryRefusalHasWords(t *testing.T) {
	for _, r := range engine.Refusals {
		for _, lang := range []string{"en", "zh"} {
			if s := controlLabels[lang]["refusal."+r.Code]; s == "" {
				t.Errorf("no %s words for the refusal %q", lang, r.Code)
			}
		}
	}
	for k := range controlLabels["en"] {
		if _, ok := controlLabels["zh"][k]; !ok {
			t.Errorf("label %q has no Chinese", k)
		}
	}
	for k := range controlLabels["zh"] {
		if _, ok := controlLabels["en"][k]; !ok {
			t.Errorf("label %q has no English", k)
		}
	}
}

// A refusal the engine gives with its particulars is said with them, in
// either language: the inject and decision by their text (never their
// ids), the team, the times on the exercise clock, the limit passed.
// Without particulars it is the code's words; an error that is no refusal
// has none.
func TestRefusalsNameWhatTheyConcern(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/sched.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := engine.Start(engine.Config{ScenarioID: "sched", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 7}, &engine.MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdSendNow, Team: "Alpha", Inject: "call"}); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", engine.MaxStatementLen+1)
	for _, c := range []struct {
		cmd    engine.Command
		en, zh string
	}{
		{engine.Command{Kind: engine.CmdSendNow, Team: "Alpha", Inject: "call"},
			`the phone call "A reporter calls." already reached Alpha at 00:01:00`,
			"电话“记者来电。”已于 00:01:00 送达小组 Alpha"},
		{engine.Command{Kind: engine.CmdSkip, Team: "Bravo", Inject: "call"},
			`the phone call "A reporter calls." opens the decision "What now?", so it cannot be skipped; delay it instead`,
			"电话“记者来电。”会开启决策“怎么办？”，不能取消；可以推迟"},
		// Due at 40m, delayed to 41m: after Bravo's phase moves on at 30m.
		{engine.Command{Kind: engine.CmdDelay, Team: "Bravo", Inject: "late", Delay: time.Minute},
			`the news "Too late" would then arrive at 00:41:00, after Bravo's phase moves on at 00:30:00`,
			"推迟后新闻“太迟”将于 00:41:00 到达，晚于小组 Bravo 在 00:30:00 的阶段转换"},
		// Alpha's "What now?" opened at 1m with a 10m deadline: 11m + 50m.
		{engine.Command{Kind: engine.CmdExtend, Team: "Alpha", Decision: "first", Delay: 50 * time.Minute},
			`the deadline of "What now?" would then be 01:01:00, after the exercise ends at 01:00:00`,
			"延长后“怎么办？”的截止时间将是 01:01:00，晚于演练结束时间 01:00:00"},
		{engine.Command{Kind: engine.CmdSkip, Team: "Zulu", Inject: "memo"},
			`there is no team called "Zulu"`, "没有名为“Zulu”的小组"},
		{engine.Command{Kind: engine.CmdInject, Channel: "email", Text: long},
			"the text is longer than 10,000 characters", "内容超过 10,000 个字符"},
		// No particulars: the code's words.
		{engine.Command{Kind: engine.CmdExtend, Team: "Bravo", Decision: "first", Delay: time.Minute},
			"the decision was not open", "该决策当时并未开启"},
	} {
		err := s.Send(c.cmd)
		if err == nil {
			t.Fatalf("%+v was not refused", c.cmd)
		}
		if got := RefusalWords(err, "en"); got != c.en {
			t.Errorf("%+v in English:\n got %s\nwant %s", c.cmd, got, c.en)
		}
		if got := RefusalWords(err, "zh"); got != c.zh {
			t.Errorf("%+v in Chinese:\n got %s\nwant %s", c.cmd, got, c.zh)
		}
	}
	big := &engine.Refused{Refusal: engine.ErrMediaTooLarge, Size: 25 << 20, Limit: 20 << 20}
	if got, want := RefusalWords(big, "en"), "the scenario's pictures take 25.0 MB together, more than the 20.0 MB allowed; make them smaller or use fewer"; got != want {
		t.Errorf("pictures too large:\n got %s\nwant %s", got, want)
	}
	if got := RefusalWords(errors.New("disk full"), "en"); got != "" {
		t.Errorf("an error that is not a refusal has no refusal words: %q", got)
	}
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -50000: "-50,000"} {
		if got := GroupDigits(n); got != want {
			t.Errorf("GroupDigits(%d) = %s, want %s", n, got, want)
		}
	}
}
