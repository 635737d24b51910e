package scenario_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The probe scenario's objective carries an evaluation guide with a task
// of every kind; the loader reads each link as written.
func TestEEGLoads(t *testing.T) {
	s, probs := scenario.Parse("probe.yaml", []byte(probeBase))
	if s == nil || len(probs.Errors()) > 0 {
		t.Fatalf("does not load: %v", probs)
	}
	o := s.Objectives[0]
	if !o.Guided() || o.Capability.Get("zh") != "公共信息与预警" || len(o.Targets) != 1 {
		t.Fatalf("objective: %+v", o)
	}
	tasks := o.Tasks()
	var ids []string
	for _, task := range tasks {
		ids = append(ids, task.ID)
	}
	if want := []string{"report-chosen", "regulator-met", "posted", "briefed", "calm-room"}; !slices.Equal(ids, want) {
		t.Fatalf("tasks %v, want %v (in file order)", ids, want)
	}
	d := tasks[0].Observe
	if d.Kind != scenario.ObserveDecision || d.Decision != "notify" || !slices.Equal(d.Options, []string{"report"}) || d.Within != 10*time.Minute ||
		!slices.Equal(d.Shows, []string{"contact"}) || !slices.Equal(d.Avoids, []string{"denial"}) {
		t.Errorf("decision task: %+v", d)
	}
	if dl := tasks[1].Observe; dl.Kind != scenario.ObserveDeadline || dl.Deadline != "regulator-72h" {
		t.Errorf("deadline task: %+v", dl)
	}
	if p := tasks[2].Observe; p.Kind != scenario.ObservePost || p.Channel != "" || p.Inject != "breach" || p.Within != 15*time.Minute {
		t.Errorf("post task: %+v", p)
	}
	if p := tasks[3].Observe; p.Kind != scenario.ObservePress || p.Press != "briefing" || !slices.Equal(p.Avoids, []string{"no-comment"}) {
		t.Errorf("press task: %+v", p)
	}
	if !tasks[4].ByEvaluator() || tasks[0].ByEvaluator() {
		t.Error("only the last task is for an evaluator")
	}
	if task, obj := s.Task("posted"); task != tasks[2] || obj != o {
		t.Errorf("Task(posted) = %v, %v", task, obj)
	}
	if task, _ := s.Task("nothing"); task != nil {
		t.Error("a task that is not there")
	}
}

// lineOf is the 1-based line of the first line of src holding sub.
func lineOf(t *testing.T, src, sub string) int {
	t.Helper()
	i := strings.Index(src, sub)
	if i < 0 {
		t.Fatalf("%q is not in the scenario", sub)
	}
	return strings.Count(src[:i], "\n") + 1
}

// Lint refuses a guide that names what is not there, misses a
// translation or is empty, each at the line of the offending entry, in
// English and in Chinese.
func TestEEGLint(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		at       string // the line the finding points at holds this
		want     string
		wantZh   string
	}{
		{"unknown decision", "{decision: notify, options: [report]", "{decision: notfy, options: [report]", "{decision: notfy",
			`critical task "report-chosen" observes decision "notfy", which does not exist; did you mean "notify"?`, `关键任务 "report-chosen" 观察的决策 "notfy" 不存在`},
		{"unknown option", "options: [report], within", "options: [reprt], within", "options: [reprt]",
			`names option "reprt", which decision "notify" does not have`, `写的选项 "reprt" 不是决策 "notify" 的选项`},
		{"unknown deadline", "{deadline: regulator-72h}", "{deadline: regulator-24h}", "regulator-24h",
			`observes deadline "regulator-24h", which is not declared under deadlines`, "没有在 deadlines 下声明"},
		{"unknown press conference", "{press: briefing,", "{press: presser,", "presser",
			`observes press conference "presser", which does not exist`, `新闻发布会 "presser" 不存在`},
		{"post after an unknown inject", "after: breach,", "after: brech,", "after: brech",
			`counts posts after inject "brech", which does not exist; did you mean "breach"?`, "该注入不存在"},
		{"reply to an inject that asks none", "{deadline: regulator-72h}", "{reply: breach}", "{reply: breach}",
			`observes the reply to inject "breach", which is not an inject that asks for a reply`, "该注入并不要求回复"},
		{"unknown finding", "shows: [contact]", "shows: [contakt]", "shows: [contakt]",
			`the judge finds no "contakt"`, `评判器不会得出 "contakt"`},
		{"judge on a decision without text", "{decision: notify, options: [report], within: 10m, shows: [contact], avoids: [denial]}", "{decision: brief, shows: [apology]}", "{decision: brief",
			`asks what the judge finds, but decision "brief" asks for no written statement`, `决策 "brief" 并不要求书面声明`},
		{"missing translation", "text: {en: Decide to report, zh: 决定通报}", "text: {en: Decide to report}", "text: {en: Decide to report}",
			`critical task "report-chosen" text has no "zh" text`, `关键任务 "report-chosen" 的 text 没有 "zh" 文字`},
		{"missing capability translation", "capability: {en: Public information and warning, zh: 公共信息与预警}", "capability: {en: Public information and warning}", "capability: {en:",
			`objective "notify" capability has no "zh" text`, ""},
		{"two kinds at once", "{deadline: regulator-72h}", "{deadline: regulator-72h, press: briefing}", "{deadline: regulator-72h, press",
			`must name exactly one of decision, reply, deadline, post or press (it names 2)`, "恰好写一项（现在写了 2 项）"},
		{"no observe", "            observe: evaluator\n", "", "calm-room:",
			`critical task "calm-room" needs 'observe'`, `关键任务 "calm-room" 需要 'observe'`},
		{"duplicate task id", "          calm-room:", "      - text: {en: Second, zh: 第二}\n        tasks:\n          posted:", "          posted:\n            text: {en: Keep",
			`critical task id "posted" is used twice`, `关键任务 id "posted" 用了两次`},
		{"empty target", "        tasks:\n          report-chosen:", "        tasks: {}\n        xtasks:\n          report-chosen:", "tasks: {}",
			"lists no critical tasks", "没有列出关键任务"},
		{"capability without targets", "    targets:\n      - text: {en: Report within", "    xtargets:\n      - text: {en: Report within", "capability:",
			`objective "notify" names a capability but no targets`, `演练目标 "notify" 写了 capability，却没有 targets`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(probeBase, c.old) {
				t.Fatalf("%q is not in the probe", c.old)
			}
			src := strings.Replace(probeBase, c.old, c.new, 1)
			_, probs := scenario.Parse("probe.yaml", []byte(src))
			line := lineOf(t, src, c.at)
			for _, p := range probs.Errors() {
				if !strings.Contains(p.Msg, c.want) {
					continue
				}
				if p.Pos.Line != line {
					t.Errorf("%q is at line %d, want %d (%q)", p.Msg, p.Pos.Line, line, c.at)
				}
				if zh := p.Text("zh"); c.wantZh != "" && !strings.Contains(zh, c.wantZh) {
					t.Errorf("in Chinese %q, want it to hold %q", zh, c.wantZh)
				}
				return
			}
			t.Errorf("no error holding %q; got:\n%v", c.want, probs)
		})
	}
}

// A task cannot both be left to an evaluator and name what shows it.
func TestEEGObserveWords(t *testing.T) {
	src := strings.Replace(probeBase, "observe: evaluator", "observe: someone", 1)
	_, probs := scenario.Parse("probe.yaml", []byte(src))
	if !strings.Contains(probs.Error(), `must be 'evaluator' or a mapping`) {
		t.Errorf("observe: someone: %v", probs)
	}
	src = strings.Replace(probeBase, "{deadline: regulator-72h}", "{deadline: regulator-72h, within: 5m}", 1)
	_, probs = scenario.Parse("probe.yaml", []byte(src))
	if !strings.Contains(probs.Error(), `within goes with decision, reply or post`) {
		t.Errorf("within on a deadline: %v", probs)
	}
}

func FuzzEEG(f *testing.F) {
	f.Add("{decision: notify, options: [report], within: 10m}")
	f.Add("evaluator")
	f.Add("{post: news, after: breach, shows: [apology, contact]}")
	f.Add("{press: briefing, avoids: [no-comment]}")
	f.Add("[decision, notify]")
	f.Fuzz(func(t *testing.T, observe string) {
		if strings.ContainsAny(observe, "\n\r") {
			return
		}
		src := strings.Replace(probeBase, "observe: evaluator", "observe: "+observe, 1)
		s, probs := scenario.Parse("probe.yaml", []byte(src))
		if len(probs.Errors()) > 0 {
			for _, p := range probs.Errors() {
				if p.Pos.Line == 0 && strings.Contains(p.Msg, "critical task") {
					t.Errorf("a finding without a position: %v", p)
				}
			}
			return
		}
		task, _ := s.Task("calm-room")
		if task == nil {
			t.Fatal("the task is gone from a scenario that loads")
		}
		if ob := task.Observe; ob != nil && !slices.Contains(scenario.ObserveKinds, ob.Kind) {
			t.Errorf("observation of no known kind: %+v", ob)
		}
	})
}
