package lan

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A triage command carries each answer's place (engine.TriageMark.Rank)
// across the network; a place outside 1–12 or not a number is refused at
// the wire, and a triage without places (an older laptop) still decodes
// (the session then refuses it as unordered).
func TestATriageCommandCarriesItsOrder(t *testing.T) {
	cmd, err := decodeCommand([]byte(`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[` +
		`{"post":"mum","class":"complaint","action":"answer","rank":2},{"post":"reporter","class":"journalist","action":"answer","rank":1},` +
		`{"post":"bots","class":"troll","action":"ignore"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []engine.TriageMark{{Post: "mum", Class: "complaint", Action: "answer", Rank: 2},
		{Post: "reporter", Class: "journalist", Action: "answer", Rank: 1}, {Post: "bots", Class: "troll", Action: "ignore"}}
	if len(cmd.Triage) != 3 || cmd.Triage[0] != want[0] || cmd.Triage[1] != want[1] || cmd.Triage[2] != want[2] {
		t.Errorf("decoded %+v, want %+v", cmd.Triage, want)
	}
	for _, bad := range []string{`13`, `0`, `-1`, `"1"`, `1.5`} {
		if _, err := decodeCommand([]byte(`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[` +
			`{"post":"mum","class":"complaint","action":"answer","rank":` + bad + `}]}`)); err == nil {
			t.Errorf("place %s accepted", bad)
		}
	}
	if _, err := decodeCommand([]byte(`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[` +
		`{"post":"mum","class":"complaint","action":"answer"}]}`)); err != nil {
		t.Errorf("a triage without places: %v", err)
	}
}
