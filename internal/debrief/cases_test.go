package debrief

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playedCases plays internal/engine/testdata/cases.yaml headless: the
// business traveller arrives at 1:00 (5 minutes to handle), the family at
// 2:00 (3 minutes). Alpha gives the traveller the first seat with a warm
// reply in time and answers the family late with a room; Bravo gives the
// traveller a hotel room (a poor fit: it goes public) with a curt reply
// and never answers the family (missed).
func playedCases(t testing.TB) (*engine.State, []engine.Event) {
	t.Helper()
	h := playTestdata(t, "cases", "cases", "Alpha", "Bravo")
	do := h.do
	handle := func(at time.Duration, team, id, remedy, text string) {
		do(at, engine.Command{Kind: engine.CmdHandleCase, Team: team, Case: id, Option: remedy, Text: text})
	}
	do(0, engine.Command{Kind: engine.CmdResume})
	handle(90*time.Second, "Alpha", "traveller", "seat", "Dear Mr Chen, we are sorry, and we understand how much tomorrow matters. "+
		"You are on the first flight out; call 400-123 if anything changes.")
	handle(100*time.Second, "Bravo", "traveller", "room", "A room has been booked.")
	handle(6*time.Minute, "Alpha", "family", "room", "Dear Ms Wu, we are sorry you waited so long. A room and dinner are ready for you tonight.")
	return h.end(30 * time.Minute)
}

func casesReport(t testing.TB, lang, team string) *Report {
	st, events := playedCases(t)
	r := Build(st, events, lang, team)
	r.SetStarted(started)
	return r
}

// The cases golden files: every renderer shows each team's cases, with
// the customer, the remedy chosen and its fit and reason, the remedies
// offered, the reply with the judge's evidence, and whether it went public.
func TestCasesGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := casesReport(t, lang, "")
		goldenExports(t, "cases", lang, r)
	}
}

// The report model carries each case as the team handled it.
func TestReportCarriesCases(t *testing.T) {
	r := casesReport(t, "zh", "")
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Cases) != 2 || len(bravo.Cases) != 2 {
		t.Fatalf("cases: Alpha %d, Bravo %d", len(alpha.Cases), len(bravo.Cases))
	}
	a := alpha.Cases[0]
	if a.Case != "traveller" || a.Customer != "陈浩" || a.Segment != "商务旅客" || a.Message != "我必须九点前到深圳。" || a.Status != "handled" ||
		a.Remedy != "seat" || a.RemedyLabel != "最早的座位" || a.Fit != "good" || a.FitText != "对症" || a.Reason != "他需要准时到达。" ||
		a.AtSeconds != 90 || a.Public || a.Rubric == nil || len(a.Facts) != 1 || !a.Facts[0].Found || len(a.Remedies) != 3 {
		t.Errorf("Alpha's traveller: %+v", a)
	}
	chosen := 0
	for _, rm := range a.Remedies {
		if rm.Chosen {
			chosen++
			if rm.ID != "seat" {
				t.Errorf("the remedy marked chosen is %q", rm.ID)
			}
		}
	}
	if chosen != 1 {
		t.Errorf("%d remedies marked chosen", chosen)
	}
	if f := alpha.Cases[1]; f.Status != "late" || f.Remedy != "room" || !strings.HasPrefix(f.StatusText, "于 00:06:00 处理，已超过时限（00:05:00）") {
		t.Errorf("Alpha's family: %+v", f)
	}
	if b := bravo.Cases[0]; b.Fit != "poor" || !b.Public || b.Empathy == nil {
		t.Errorf("Bravo's traveller: %+v", b)
	}
	if b := bravo.Cases[1]; b.Status != "missed" || !b.Public || b.Text != "" || b.Empathy == nil || *b.Empathy != 0 {
		t.Errorf("Bravo's family: %+v", b)
	}
	if !strings.Contains(r.Method, "每个客户个案计入一次及时性") {
		t.Errorf("method: %q", r.Method)
	}
	if h := casesReport(t, "en", "Bravo"); len(h.Teams) != 1 || len(h.Teams[0].Cases) != 2 {
		t.Errorf("Bravo's handout: %+v", h.Teams)
	}
}

// The timeline and the CSV say each case event, with the reply's text;
// the PDF renders the cases in both languages; the JSON round trip keeps
// them.
func TestCasesTimelineCSVPDF(t *testing.T) {
	r := casesReport(t, "en", "")
	var got []string
	for _, e := range r.Timeline {
		if strings.HasPrefix(e.Kind, "case.") && e.Team == "Bravo" {
			got = append(got, e.Text)
		}
	}
	want := []string{
		"A customer wrote: Chen Hao (Business traveller)",
		"Handled the case of Chen Hao: A hotel room tonight (poor fit) — Attention 10 → 40",
		"A customer wrote: The Wu family (Leisure travellers)",
		"Left the case of The Wu family unanswered past its deadline — Attention 40 → 50",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("timeline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rows := csvRows(t, r)
	found := false
	for _, row := range rows {
		found = found || (row[2] == string(engine.KindCaseHandled) && strings.HasSuffix(row[7], "A room has been booked."))
	}
	if !found {
		t.Error("the CSV lacks the reply's text")
	}
	pdfsRender(t, func(lang string) *Report { return casesReport(t, lang, "") })
	if !sameMarkdownFromJSON(t, r) {
		t.Error("the JSON round trip loses something of the cases")
	}
}
