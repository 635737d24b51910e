package debrief

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// longExercise plays the built-in beverage recall headless with four teams
// for three hours of exercise time: the scenario's clock is stretched
// threefold (every inject, target, deadline and regulatory window three
// times as long; the rules still fire every 10 minutes), and the
// facilitator ends the exercise at 3:00:00, so the log holds what a long
// real exercise would. The choices follow
// scenarios/testdata/beverage-recall.play.yaml at three times the times,
// plus a fourth team, Delta, that verifies, recalls and then stalls.
func longExercise(tb testing.TB) (*engine.State, []engine.Event) {
	tb.Helper()
	src, err := os.ReadFile("../../scenarios/beverage-recall.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	stretch := regexp.MustCompile(`\b(at|target|deadline|within|duration): (\d+)m\b`)
	src = stretch.ReplaceAllFunc(src, func(m []byte) []byte {
		p := stretch.FindSubmatch(m)
		n, _ := strconv.Atoi(string(p[2]))
		return []byte(string(p[1]) + ": " + strconv.Itoa(3*n) + "m")
	})
	// The 30-minute cut's minutes stretch with its times.
	src = regexp.MustCompile(`\bminutes: 30\b`).ReplaceAll(src, []byte("minutes: 90"))
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "beverage-recall", Source: src,
		Teams: []string{"Alpha", "Bravo", "Charlie", "Delta"}, Lang: "zh"}, log, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		tb.Fatal(err)
	}
	holding := "清溪饮品致歉：批次 CB-2611-07 暂停销售，热线 400-000-2611。We are sorry; batch CB-2611-07, hotline 400-000-2611."
	recall := "召回全部 48,000 瓶 CB-2611-07（11月26日生产），热线 400-000-2611。We recall all 48,000 bottles of batch CB-2611-07 made on 26 November."
	actions := []struct {
		at                     time.Duration
		team, decision, option string
		text                   string
	}{
		{30 * time.Minute, "Alpha", "first-move", "verify-and-hold", holding},
		{33 * time.Minute, "Delta", "first-move", "verify-and-hold", holding},
		{39 * time.Minute, "Alpha", "internal-line", "brief-staff", ""},
		{57 * time.Minute, "Bravo", "first-move", "reassure-safe", "Our drinks are safe."},
		{57 * time.Minute, "Delta", "recall-call", "full-recall", recall},
		{60 * time.Minute, "Alpha", "recall-call", "full-recall", recall},
		{72 * time.Minute, "Alpha", "kol-invite", "open-doors", ""},
		{90 * time.Minute, "Alpha", "regulator-report", "full-report", ""},
		{99 * time.Minute, "Bravo", "memo-leaked", "hunt-leaker", "We will take legal action."},
		{114 * time.Minute, "Alpha", "after-recall", "close-the-loop", ""},
		{168 * time.Minute, "Bravo", "press-conference", "stonewall", ""},
	}
	for _, a := range actions {
		if err := s.AdvanceTo(a.at); err != nil {
			tb.Fatal(err)
		}
		// A choice the team's path no longer offers is refused and logged, as in play.
		_ = s.Send(engine.Command{Kind: engine.CmdChoose, Team: a.team, Decision: a.decision, Option: a.option, Text: a.text})
	}
	if err := s.AdvanceTo(180 * time.Minute); err != nil {
		tb.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		tb.Fatal(err)
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	return st, log.Events
}

func TestLongExerciseExports(t *testing.T) {
	st, events := longExercise(t)
	if len(st.Teams) != 4 || !st.Ended || st.EndedAt != 3*time.Hour {
		t.Fatalf("the long exercise did not finish: %d teams, ended %v at %s", len(st.Teams), st.Ended, st.Now)
	}
	r := Build(st, events, "zh", "")
	if len(r.Timeline) != len(events) || len(r.Objectives) == 0 || len(r.Teams[0].Curves) != len(st.Scenario.World) {
		t.Fatalf("report: %d timeline entries for %d events, %d objectives", len(r.Timeline), len(events), len(r.Objectives))
	}
	if _, err := PDF(r); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d events, the last at %s", len(events), Clock(events[len(events)-1].At))
}

// BenchmarkExportAll builds the report of a four-team, three-hour exercise
// and renders it in every format (HTML, PDF, CSV, JSON, Markdown).
func BenchmarkExportAll(b *testing.B) {
	st, events := longExercise(b)
	if _, err := pdfFonts(); err != nil { // parsed once per process, as in the app
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r := Build(st, events, "zh", "")
		_ = HTML(r)
		if _, err := PDF(r); err != nil {
			b.Fatal(err)
		}
		_ = CSV(r)
		if _, err := JSON(r); err != nil {
			b.Fatal(err)
		}
		_ = Markdown(r)
	}
}

// Every event of a long exercise is put into words in both languages: no
// timeline entry shows an event kind such as "feed.posted".
func TestTimelineHasNoRawKinds(t *testing.T) {
	st, events := longExercise(t)
	raw := regexp.MustCompile(`^[a-z]+(\.[a-z_]+)+$`)
	for _, lang := range []string{"en", "zh"} {
		r := Build(st, events, lang, "")
		kinds := map[string]bool{}
		for _, e := range r.Timeline {
			kinds[e.Kind] = true
			if raw.MatchString(strings.TrimSpace(e.Text)) {
				t.Errorf("%s: a %s event at %.0f s reads %q", lang, e.Kind, e.AtSeconds, e.Text)
			}
		}
		if !kinds[string(engine.KindFeed)] {
			t.Fatalf("%s: the long exercise has no feed event to check", lang)
		}
	}
}

// A Chinese report of a long exercise uses Chinese units and terms
// (CHINESE-TEXT.md): no "2m00s" or "24h", no statement kind or rule id as
// written in the scenario, and 及时性 (not 速度) for timeliness.
func TestChineseReportHasNoRawTerms(t *testing.T) {
	st, events := longExercise(t)
	r := Build(st, events, "zh", "")
	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	// The embedded fonts are base64, which may spell anything.
	page := regexp.MustCompile(`url\(data:[^)]*\)`).ReplaceAllString(string(HTML(r)), "url(FONT)")
	for name, text := range map[string]string{"Markdown": Markdown(r), "HTML": page, "JSON text": string(js)} {
		for _, bad := range []*regexp.Regexp{
			regexp.MustCompile(`\d+m\d\ds`), regexp.MustCompile(`现实中的 ?\d+h`), regexp.MustCompile(`[（(](holding|press-release|social-reply|customer-email|internal)[)）]`),
			regexp.MustCompile(`规则“[a-z-]+”`), regexp.MustCompile(`速度`), regexp.MustCompile(`\p{Han}[:;] `),
		} {
			if m := bad.FindString(text); m != "" {
				t.Errorf("the Chinese %s has %q", name, m)
			}
		}
	}
}

// BenchmarkHTML renders the HTML report of a four-team, three-hour
// exercise, its fonts subset and embedded.
func BenchmarkHTML(b *testing.B) {
	st, events := longExercise(b)
	r := Build(st, events, "zh", "")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.SetBytes(int64(len(HTML(r))))
	}
}
