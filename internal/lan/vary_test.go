package lan

import (
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// texts lists the words of every inject and feed post team read, in both
// languages.
func texts(s *engine.State, team string) []string {
	var out []string
	t := s.Team(team)
	for _, d := range t.Inbox {
		out = append(out, d.Inject.ID, d.Inject.Text.Get("en"), d.Inject.Text.Get("zh"))
	}
	for _, f := range t.Feed {
		out = append(out, f.Post.ID, f.Post.Text.Get("en"), f.Post.Text.Get("zh"))
	}
	return out
}

// TestTeamLaptopReadsTheHostsVariedText: a built-in scenario whose texts
// vary between runs reads the same on a team laptop (its own fold of the
// log) as on the host, for a team that posted (a conditional variant) and
// one that did not.
func TestTeamLaptopReadsTheHostsVariedText(t *testing.T) {
	src, err := os.ReadFile("../../scenarios/beverage-recall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "beverage-recall", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "zh", Speed: 1, Seed: 3})
	alpha, bravo := th.join("Alpha"), th.join("Bravo")
	s := th.run.Session
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	th.advance(time.Minute)
	if err := alpha.Send(engine.Command{Kind: engine.CmdPost, Channel: "social", Text: "我们已注意到相关反映，正在核查，一小时内更新。"}); err != nil {
		t.Fatal(err)
	}
	th.advance(9 * time.Minute)
	var hostAlpha, hostBravo []string
	s.Read(func(st *engine.State) { hostAlpha, hostBravo = texts(st, "Alpha"), texts(st, "Bravo") })
	if len(hostAlpha) < 3*6 {
		t.Fatalf("the host's Alpha read only %d texts by 10m", len(hostAlpha)/3)
	}
	for _, c := range []struct {
		cl   *Client
		want []string
	}{{alpha, hostAlpha}, {bravo, hostBravo}} {
		var got []string
		waitFor(t, c.cl.Team()+"'s texts", 10*time.Second, func() bool {
			c.cl.Read(func(st *engine.State) { got = texts(st, c.cl.Team()) })
			return len(got) == len(c.want)
		})
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s's laptop reads\n%q\nthe host\n%q", c.cl.Team(), got, c.want)
		}
	}
	// The reporter's call (8m) follows what each team did.
	reporter := func(v []string) string {
		for i := 0; i+2 < len(v); i += 3 {
			if v[i] == "reporter-call" {
				return v[i+2]
			}
		}
		return ""
	}
	if a, b := reporter(hostAlpha), reporter(hostBravo); a == b || a == "" {
		t.Errorf("the reporter's call reads %q for the team that posted and %q for the one that did not", a, b)
	}
}
