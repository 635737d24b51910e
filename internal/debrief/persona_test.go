package debrief

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Where the debrief names an inject's or a post's sender, it names the
// persona: its name and outlet, in the report's language.
func TestTheDebriefNamesThePersonas(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/channels.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "channels", Source: src, Teams: []string{"Alpha"}, Lang: "en", Seed: 1}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(3 * time.Minute); err != nil {
		t.Fatal(err)
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	for lang, want := range map[string][]string{
		"en": {"Inspector Wang (Market Regulation Bureau)", "Zhou Yan (Tidewater Daily)", "Liu Min (Chief executive)"},
		"zh": {"王科长（市场监管局）", "周岩（《潮声日报》）", "刘敏（首席执行官）"},
	} {
		r := Build(st, log.Events, lang, "")
		var timeline []string
		for _, e := range r.Timeline {
			timeline = append(timeline, e.Text)
		}
		text := strings.Join(timeline, "\n")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the timeline does not name %q:\n%s", lang, w, text)
			}
		}
		if md := string(Markdown(r)); !strings.Contains(md, want[0]) {
			t.Errorf("%s: the Markdown report does not name %q", lang, want[0])
		}
	}
}
