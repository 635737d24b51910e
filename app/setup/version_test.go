package setup

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func airlineSetup(t *testing.T, h *host) *Screen {
	t.Helper()
	airline, err := library.Find("airline-disruption")
	if err != nil {
		t.Fatal(err)
	}
	s := New(h, []library.Entry{airline, uitest.MiniEntry(t)}, airline)
	h.Show(s)
	return s
}

func radio(t *testing.T, h *host, key string) *widget.RadioGroup {
	t.Helper()
	rs := tree.Find[*widget.RadioGroup](t, field(t, h, key))
	if len(rs) != 1 {
		t.Fatalf("the %q field has %d choices", h.loc.T(key), len(rs))
	}
	return rs[0]
}

// TestSetupChoosesVersionAndDifficulty: the form offers the full version
// and the scenario's cuts, and easy, standard and hard, with the full
// version at standard chosen; the choice goes into the exercise started
// (its first event), survives a language switch, and a scenario without
// cuts goes back to the full version.
func TestSetupChoosesVersionAndDifficulty(t *testing.T) {
	st := uitest.OpenStore(t)
	h := newHost(t, i18n.EN, st)
	s := airlineSetup(t, h)

	version, level := radio(t, h, "setup.version"), radio(t, h, "setup.difficulty")
	if want := []string{"Full version (90 min)", "30-minute version"}; strings.Join(version.Options, "|") != strings.Join(want, "|") || version.Selected != want[0] {
		t.Fatalf("versions %q, chosen %q; want %q, the full one chosen", version.Options, version.Selected, want)
	}
	if want := "Easy|Standard|Hard"; strings.Join(level.Options, "|") != want || level.Selected != "Standard" {
		t.Fatalf("difficulties %q, chosen %q; want %s, Standard chosen", level.Options, level.Selected, want)
	}
	if text := tree.AllText(field(t, h, "setup.difficulty")); !strings.Contains(text, "as the scenario is written") {
		t.Errorf("standard's note: %q", text)
	}

	// Easy gives the full version more time: 90 min × 1.25, to 5 minutes.
	level.SetSelected("Easy")
	if version = radio(t, h, "setup.version"); version.Options[0] != "Full version (115 min)" || version.Selected != version.Options[0] {
		t.Errorf("at easy the versions are %q, chosen %q", version.Options, version.Selected)
	}
	radio(t, h, "setup.difficulty").SetSelected("Standard")
	fullNote := s.speedNote.Text
	radio(t, h, "setup.version").SetSelected("30-minute version")
	radio(t, h, "setup.difficulty").SetSelected("Hard")
	if text := tree.AllText(field(t, h, "setup.difficulty")); !strings.Contains(text, "Decisions get only 75% of their time and the feed posts 150% as much") {
		t.Errorf("hard's note: %q", text)
	}
	// The speed note reads the version's decisions, shorter in the cut at hard.
	if s.speedNote.Text == fullNote || !strings.Contains(s.speedNote.Text, "lasts") {
		t.Errorf("speed note of the full version %q, of the cut at hard %q", fullNote, s.speedNote.Text)
	}

	// In Chinese the choices keep, in Chinese words.
	h.setLang(i18n.ZH)
	version, level = radio(t, h, "setup.version"), radio(t, h, "setup.difficulty")
	if version.Selected != "30分钟版" || level.Selected != "困难" {
		t.Errorf("after switching to Chinese: version %q, difficulty %q; want 30分钟版, 困难 (options %q, %q)", version.Selected, level.Selected, version.Options, level.Options)
	}
	if text := tree.AllText(field(t, h, "setup.difficulty")); !strings.Contains(text, "每个决策的时间只有原来的75%") {
		t.Errorf("hard's note in Chinese: %q", text)
	}
	h.setLang(i18n.EN)

	test.Tap(s.startButton)
	if len(h.cfgs) != 1 || h.cfgs[0].Cut != "short" || h.cfgs[0].Difficulty != scenario.DifficultyHard {
		t.Fatalf("started with %+v", h.cfgs)
	}
	sum, err := st.Latest()
	if err != nil {
		t.Fatal(err)
	}
	events, err := st.Events(sum.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e := events[0]; e.Kind != engine.KindStarted || e.Cut != "short" || e.Difficulty != scenario.DifficultyHard {
		t.Fatalf("the exercise's first event records %q %q", e.Cut, e.Difficulty)
	}
	// A resume folds the same version.
	folded, err := engine.Fold(events)
	if err != nil {
		t.Fatal(err)
	}
	if c, d := folded.Scenario.Played(); c != "short" || d != scenario.DifficultyHard || folded.Scenario.Duration.Minutes() != 30 {
		t.Errorf("the fold plays %s at %s for %s", c, d, folded.Scenario.Duration)
	}
}

func TestSetupDefaultsToTheFullVersionAtStandard(t *testing.T) {
	h := newHost(t, i18n.EN, nil)
	s := airlineSetup(t, h)
	radio(t, h, "setup.version").SetSelected("30-minute version")
	// Another scenario, without cuts: only the full version, chosen.
	tree.Find[*widget.Select](t, field(t, h, "home.scenario"))[0].SetSelectedIndex(1)
	version := radio(t, h, "setup.version")
	if len(version.Options) != 1 || version.Selected != version.Options[0] || s.cut != scenario.FullCut {
		t.Fatalf("mini's versions %q, chosen %q (cut %q)", version.Options, version.Selected, s.cut)
	}
	test.Tap(s.startButton)
	if len(h.cfgs) != 1 || scenario.NormalCut(h.cfgs[0].Cut) != scenario.FullCut || scenario.NormalDifficulty(h.cfgs[0].Difficulty) != scenario.DifficultyStandard {
		t.Fatalf("started with %+v", h.cfgs)
	}
}
