package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/rubric"
)

// statementJSON is what `statement` prints.
type statementJSON struct {
	Lang    string             `json:"lang"`
	Overall float64            `json:"overall"`
	Scores  map[string]float64 `json:"scores"`
	Checks  []struct {
		ID       string            `json:"id"`
		Label    map[string]string `json:"label"`
		Passed   bool              `json:"passed"`
		Penalty  bool              `json:"penalty"`
		Evidence []string          `json:"evidence"`
	} `json:"checks"`
	Notes []struct {
		ID string `json:"id"`
	} `json:"notes"`
}

// runStatement runs `statement` with args, feeding stdin as standard input.
func runStatement(t *testing.T, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = statementCmd(args, Env{Stdout: &out, Stderr: &errb, Stdin: stdin})
	return code, out.String(), errb.String()
}

func decodeStatement(t *testing.T, out string) statementJSON {
	t.Helper()
	var r statementJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return r
}

func (r statementJSON) check(t *testing.T, id string) (passed bool, evidence []string) {
	t.Helper()
	for _, c := range r.Checks {
		if c.ID == id {
			return c.Passed, c.Evidence
		}
	}
	t.Fatalf("no check %q", id)
	return false, nil
}

const (
	holdingEn = "We are aware of reports that people felt unwell after drinking our apple juice, and we are sorry. " +
		"We have stopped shipping batch CB-2611-07 and sent it for testing. If you have symptoms, please see a doctor. " +
		"Our 24-hour hotline is 400-000-2611. We will update you by 8 p.m. tonight."
	holdingZh = "我们已关注到相关反映，对身体不适的消费者深表歉意；已暂停CB-2611-07批次发货并送检；出现症状请及时就医；" +
		"24小时热线400-000-2611已开通；今晚8点前通报进展。"
)

func TestStatementReadsStdinPrintsJSON(t *testing.T) {
	code, out, stderr := runStatement(t, strings.NewReader(holdingEn), "--lang", "en")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := decodeStatement(t, out)
	if r.Lang != "en" || r.Overall < 70 {
		t.Errorf("lang %q overall %v", r.Lang, r.Overall)
	}
	for _, d := range []string{"transparency", "empathy", "action", "accountability"} {
		if _, ok := r.Scores[d]; !ok {
			t.Errorf("no %s score in %v", d, r.Scores)
		}
	}
	if ok, ev := r.check(t, "apology"); !ok || len(ev) == 0 || ev[0] != "sorry" {
		t.Errorf("apology: %v %q", ok, ev)
	}
	if ok, ev := r.check(t, "next-update"); !ok || ev[0] != "update you by 8 p.m. tonight" {
		t.Errorf("next-update: %v %q", ok, ev)
	}
	for _, c := range r.Checks {
		if strings.HasPrefix(c.ID, "fact:") {
			t.Errorf("fact check %s without a scenario", c.ID)
		}
		if c.Label["en"] == "" || c.Label["zh"] == "" || c.Evidence == nil {
			t.Errorf("check %s: label %v evidence %v", c.ID, c.Label, c.Evidence)
		}
	}
	if !strings.HasPrefix(out, fmt.Sprintf("{\n  \"version\": %d", rubric.Version)) || !strings.Contains(out, "\"evidence\": [") {
		t.Errorf("output is not indented JSON:\n%.200s", out)
	}
}

func TestStatementScenarioRequiredFacts(t *testing.T) {
	for _, tc := range []struct{ lang, text string }{{"en", holdingEn}, {"zh", holdingZh}} {
		code, out, stderr := runStatement(t, strings.NewReader(tc.text), "--lang", tc.lang, "--scenario", "beverage-recall", "--decision", "first-move")
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", tc.lang, code, stderr)
		}
		r := decodeStatement(t, out)
		if ok, ev := r.check(t, "fact:batch"); !ok || len(ev) != 1 || ev[0] != "CB-2611-07" {
			t.Errorf("%s fact:batch: %v %q", tc.lang, ok, ev)
		}
		if ok, ev := r.check(t, "fact:hotline"); !ok || len(ev) != 1 || ev[0] != "400-000-2611" {
			t.Errorf("%s fact:hotline: %v %q", tc.lang, ok, ev)
		}
		var n int
		for _, c := range r.Checks {
			if strings.HasPrefix(c.ID, "fact:") {
				n++
				if c.ID == "fact:batch" && (c.Label["en"] != "Required fact: Batch number" || c.Label["zh"] != "必含事实：批次号") {
					t.Errorf("label %v", c.Label)
				}
			}
		}
		if n != 2 {
			t.Errorf("%s: %d fact checks, want batch and hotline", tc.lang, n)
		}
	}
	// A statement without the facts fails them; flags may follow in any order.
	code, out, _ := runStatement(t, strings.NewReader("We are sorry."), "--decision", "first-move", "--scenario", "beverage-recall", "--lang", "en")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	r := decodeStatement(t, out)
	if ok, ev := r.check(t, "fact:hotline"); ok || len(ev) != 0 {
		t.Errorf("fact:hotline passed without the number: %q", ev)
	}
}

func TestStatementScenarioFile(t *testing.T) {
	code, out, stderr := runStatement(t, strings.NewReader("Call 400-123 about it."), "--scenario", "../engine/testdata/world.yaml", "--decision", "notify", "--lang", "en")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := decodeStatement(t, out)
	if ok, _ := r.check(t, "fact:hotline"); !ok {
		t.Error("world.yaml's hotline fact not found")
	}
}

func TestStatementDetectsLanguageAndHandlesOddInput(t *testing.T) {
	code, out, _ := runStatement(t, strings.NewReader(holdingZh))
	if r := decodeStatement(t, out); code != ExitOK || r.Lang != "zh" {
		t.Errorf("exit %d, lang %q", code, r.Lang)
	}
	code, out, _ = runStatement(t, strings.NewReader(""), "--lang", "zh")
	r := decodeStatement(t, out)
	if code != ExitOK || r.Overall != 0 || len(r.Notes) == 0 || r.Notes[0].ID != "empty" {
		t.Errorf("empty input: exit %d, overall %v, notes %v", code, r.Overall, r.Notes)
	}
	code, out, _ = runStatement(t, strings.NewReader("\xff\xfe sorry \x00"), "--lang", "en")
	if r := decodeStatement(t, out); code != ExitOK || r.Overall == 0 {
		t.Errorf("garbage input: exit %d, %+v", code, r)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestStatementErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"--lang", "fr"}, `--lang must be en or zh, not "fr"`, ExitUsage},
		{[]string{"--bogus"}, "flag provided but not defined", ExitUsage},
		{[]string{"statement.txt"}, "takes no arguments", ExitUsage},
		{[]string{"--scenario", "beverage-recall"}, "--scenario and --decision together", ExitUsage},
		{[]string{"--decision", "first-move"}, "--scenario and --decision together", ExitUsage},
		{[]string{"--scenario", "no-such-scenario", "--decision", "x"}, "no-such-scenario", ExitUsage},
		{[]string{"--scenario", "beverage-recall", "--decision", "no-such-decision"}, `has no decision "no-such-decision"`, ExitUsage},
		{[]string{"--scenario", "beverage-recall", "--decision", "internal-line"}, "does not ask for a written statement", ExitUsage},
		{[]string{"--stance", "sorry"}, `--stance must be acknowledge, hold, deny or blame, not "sorry"`, ExitUsage},
		{[]string{"--hazard", "gone"}, `--hazard must be open or cleared, not "gone"`, ExitUsage},
	} {
		code, out, stderr := runStatement(t, strings.NewReader("We are sorry."), tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d", tc.args, code, tc.code)
		}
		if !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, stderr, tc.want)
		}
		if out != "" {
			t.Errorf("%v: printed %q", tc.args, out)
		}
	}
	code, _, stderr := runStatement(t, failingReader{}, "--lang", "en")
	if code != ExitFail || !strings.Contains(stderr, "disk on fire") {
		t.Errorf("unreadable input: exit %d, %q", code, stderr)
	}
}

// The hazard and the chosen option's stance change the judgement: a
// reassurance is harmful only while the hazard is open, and a denial under
// an acknowledging option clashes with it.
func TestStatementHazardAndStance(t *testing.T) {
	const text = "Our products are safe to drink. The report is fake news. Questions: call 400-000-2611."
	judge := func(args ...string) statementJSON {
		t.Helper()
		code, out, stderr := runStatement(t, strings.NewReader(text), append([]string{"--lang", "en"}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		return decodeStatement(t, out)
	}
	open, cleared := judge(), judge("--hazard", "cleared")
	if ok, ev := open.check(t, "false-reassurance"); ok || len(ev) == 0 {
		t.Errorf("open hazard: false-reassurance passed %v %q", ok, ev)
	}
	if ok, _ := cleared.check(t, "false-reassurance"); !ok {
		t.Error("cleared hazard: false-reassurance fired")
	}
	if open.Overall >= cleared.Overall {
		t.Errorf("open %v, cleared %v: a true reassurance should score higher", open.Overall, cleared.Overall)
	}
	if ok, ev := judge("--stance", "acknowledge").check(t, "choice-clash"); ok || len(ev) == 0 {
		t.Errorf("a denial under an acknowledging option: choice-clash passed %v %q", ok, ev)
	}
	if ok, _ := judge("--stance", "deny").check(t, "choice-clash"); !ok {
		t.Error("a denial under a denying option clashed")
	}
}

// --kind weighs the overall score for the statement's audience
// (rubric.KindWeights); the dimension scores stay; an unknown kind exits 2.
func TestStatementKindWeighsTheOverallScore(t *testing.T) {
	judge := func(args ...string) statementJSON {
		t.Helper()
		code, out, stderr := runStatement(t, strings.NewReader(holdingEn), append([]string{"--lang", "en"}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		return decodeStatement(t, out)
	}
	plain, regulator := judge(), judge("--kind", "regulator-report")
	var want float64
	for d, w := range rubric.KindWeights["regulator-report"] {
		want += w * regulator.Scores[d]
	}
	if regulator.Overall == plain.Overall || math.Abs(regulator.Overall-want) > 0.051 {
		t.Errorf("as a report to a regulator %v (its weights give %.1f), with no kind %v", regulator.Overall, want, plain.Overall)
	}
	if code, _, stderr := runStatement(t, strings.NewReader(holdingEn), "--kind", "memo"); code != ExitUsage || !strings.Contains(stderr, "regulator-report") {
		t.Errorf("--kind memo: exit %d, %q", code, stderr)
	}
}
