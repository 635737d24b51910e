package lan

import (
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

var commandID = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,64}$`)

// FuzzCommand feeds the host's decoding of a team's command anything: it
// must never panic; what it accepts is a command the host can act on (the
// schema's shape, and the same command once encoded again: a choice with its
// decision and option, a reply with its inject); what it refuses
// it refuses in the command's own terms, naming nothing of the host's.
//
//	go test -run '^$' -fuzz FuzzCommand ./internal/lan
func FuzzCommand(f *testing.F) {
	for _, s := range []string{
		`{"id":"script:1","kind":"choose","team":"Alpha","decision":"first","option":"good","text":"a statement"}`,
		`{"id":"bye","kind":"bye","team":"Alpha"}`,
		`{"id":"script:2","kind":"reply","team":"Alpha","inject":"complaint","text":"Call our hotline 400-123"}`,
		`{"id":"r","kind":"reply","team":"甲队","inject":"adhoc-1","text":"我们很抱歉"}`,
		`{"id":"r","kind":"reply","team":"Alpha","inject":"complaint"}`,
		`{"id":"r","kind":"reply","team":"Alpha","text":"no inject"}`,
		`{"id":"r","kind":"reply","team":"Alpha","inject":""}`,
		`{"id":"r","kind":"reply","team":"Alpha","inject":"complaint","decision":"first","option":"good"}`,
		`{"id":"r","kind":"choose","team":"Alpha","decision":"first","option":"good","inject":"complaint"}`,
		`{"id":"r","kind":"reply","team":"Alpha","inject":"complaint","text":"` + strings.Repeat("中", 10_000) + `"}`,
		`{"id":"r","kind":"reply","team":"Alpha","inject":"complaint","text":"` + strings.Repeat("中", 10_001) + `"}`,
		`{"id":"r","kind":"reply","kind":"choose","team":"Alpha","inject":"complaint"}`,
		`{"id":"a","kind":"choose","team":"Alpha"}`,
		`{"id":"p","kind":"post","team":"Alpha","channel":"social","text":"We are sorry."}`,
		`{"id":"p","kind":"post","team":"甲队","channel":"notice","text":"致歉公告"}`,
		`{"id":"p","kind":"post","team":"Alpha","text":"no channel"}`,
		`{"id":"p","kind":"post","team":"Alpha","channel":"news","inject":"complaint"}`,
		`{"id":"p","kind":"choose","team":"Alpha","decision":"d","option":"o","channel":"social"}`,
		`{"id":"q","kind":"answer","team":"Alpha","conference":"briefing","question":1,"text":"We are sorry."}`,
		`{"id":"q","kind":"answer","team":"甲队","conference":"briefing","question":3,"text":"我们正在调查"}`,
		`{"id":"q","kind":"answer","team":"Alpha","conference":"briefing","text":"no question"}`,
		`{"id":"q","kind":"answer","team":"Alpha","question":1}`,
		`{"id":"q","kind":"answer","team":"Alpha","conference":"briefing","question":0}`,
		`{"id":"q","kind":"answer","team":"Alpha","conference":"briefing","question":1.5}`,
		`{"id":"q","kind":"answer","team":"Alpha","conference":"briefing","question":1,"inject":"complaint"}`,
		`{"id":"q","kind":"choose","team":"Alpha","decision":"d","option":"o","conference":"briefing"}`,
		`{"id":"c","kind":"case","team":"Alpha","case":"traveller","option":"seat","text":"Dear Mr Chen, we are sorry."}`,
		`{"id":"c","kind":"case","team":"甲队","case":"family","option":"room","text":"吴女士，您好"}`,
		`{"id":"c","kind":"case","team":"Alpha","option":"seat","text":"no case"}`,
		`{"id":"c","kind":"case","team":"Alpha","case":"traveller","text":"no remedy"}`,
		`{"id":"c","kind":"case","team":"Alpha","case":"traveller","option":"seat","decision":"first"}`,
		`{"id":"c","kind":"choose","team":"Alpha","decision":"d","option":"o","case":"traveller"}`,
		`{"id":"a b","kind":"choose","team":"Alpha","decision":"d","option":"o"}`,
		`{"id":"a","kind":"choose","team":"Alpha","decision":"d","option":"o","extra":1}`,
		`{"id":"a","kind":"choose","team":"Alpha","decision":"d","option":"o","text":null}`,
		`{"id":"a","id":"b","kind":"bye","team":"A"}`,
		`{"id":"a","kind":"bye","team":"A"} {}`,
		`{"id":"\u0041","kind":"bye","team":"\ud800"}`,
		`{"id":"r","kind":"role-say","team":"_rp","seat":"desk 2","persona":"parent","channel":"email","text":"Hi","target":"Alpha","thread":"reply:1"}`,
		`{"id":"r","kind":"role-open","team":"_rp","seat":"desk 2","decision":"d","target":"Alpha"}`,
		`{"id":"r","kind":"role-nudge","team":"_rp","seat":"desk 2","effects":{"attention":-5}}`,
		`{"id":"r","kind":"role-nudge","team":"_rp","seat":"desk 2","effects":{"attention":"x"}}`,
		`{"id":"r","kind":"role-say","team":"_rp","persona":"parent","channel":"email","text":"no seat"}`,
		`{"id":"r","kind":"choose","team":"Alpha","decision":"d","option":"o","seat":"desk 2"}`,
		`{"id":"e","kind":"eval-task","team":"_ev","seat":"Lee","claim":"claim-lee-1","target":"Alpha","objective":"notify","task":"one-voice","done":true,"at_ms":540000}`,
		`{"id":"e","kind":"eval-rate","team":"_ev","seat":"Lee","claim":"claim-lee-1","target":"Alpha","objective":"notify","rating":"S"}`,
		`{"id":"e","kind":"eval-rate","team":"_ev","seat":"Lee","claim":"claim-lee-1","target":"Alpha","objective":"notify","rating":"X"}`,
		`{"id":"e","kind":"eval-observe","team":"_ev","seat":"李","claim":"claim-lee-1","target":"甲队","text":"冷静","entry":"inbox:3","at_ms":0}`,
		`{"id":"e","kind":"eval-observe","team":"_ev","seat":"Lee","claim":"claim-lee-1","target":"Alpha","text":"x","entry":"inbox:0"}`,
		`{"id":"e","kind":"eval-observe","team":"_ev","seat":"Lee","claim":"claim-lee-1","target":"Alpha","text":"x","at_ms":-1}`,
		`{"id":"e","kind":"eval-task","team":"_ev","seat":"Lee","claim":"claim-lee-1","target":"Alpha","objective":"notify"}`,
		`{"id":"e","kind":"eval-task","team":"_ev","seat":"Lee","target":"Alpha","objective":"notify","task":"t"}`,
		`{"id":"e","kind":"choose","team":"Alpha","decision":"d","option":"o","rating":"P"}`,
		`{"id":"e","kind":"role-say","team":"_rp","seat":"desk 2","claim":"claim-lee-1","persona":"p","channel":"email","text":"Hi","objective":"notify"}`,
		`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[{"post":"mum","class":"complaint","action":"answer"}]}`,
		`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[]}`,
		`{"id":"t","kind":"triage","team":"Alpha","triage":[{"post":"mum","class":"complaint","action":"answer"}]}`,
		`{"id":"t","kind":"triage","team":"Alpha","decision":"first","option":"o","triage":[{"post":"mum","class":"complaint","action":"answer"}]}`,
		`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[{"post":"mum","class":"complaint"}]}`,
		`{"id":"t","kind":"choose","team":"Alpha","decision":"first","option":"o","triage":[{"post":"mum","class":"complaint","action":"answer"}]}`,
		`{"id":"f1","kind":"feedback","team":"Alpha","feedback":{"name":"Lee","role":"spokesperson","lang":"en","answers":{"strengths":"Calm"},"ratings":{"realistic":4,"plans":2}}}`,
		`{"id":"f2","kind":"feedback","team":"甲队","feedback":{"lang":"zh","answers":{"change":"更早通知","improvements":"法务太慢"}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{}}`,
		`{"id":"f","kind":"feedback","team":"Alpha"}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"ratings":{"realistic":6}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"ratings":{"realistic":0}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"ratings":{"realistic":2.5}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"ratings":{"mood":3}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"answers":{"why":"x"}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"answers":{"strengths":"` + strings.Repeat("中", 4000) + `"}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"answers":{"strengths":"` + strings.Repeat("中", 4001) + `"}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"name":"` + strings.Repeat("n", 81) + `"}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"lang":"fr"}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","feedback":{"email":"a@b"}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","decision":"first","feedback":{"ratings":{"role":3}}}`,
		`{"id":"f","kind":"feedback","team":"Alpha","text":"x","feedback":{"ratings":{"role":3}}}`,
		`{"id":"f","kind":"feedback","team":"_ev","seat":"Lee","claim":"claim-lee-1","feedback":{"ratings":{"role":3}}}`,
		`{"id":"f","kind":"choose","team":"Alpha","decision":"d","option":"o","feedback":{"ratings":{"role":3}}}`,
		`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[{"post":"mum","class":"complaint","action":"answer","rank":1},{"post":"bots","class":"troll","action":"ignore"}]}`,
		`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[{"post":"mum","class":"complaint","action":"answer","rank":13}]}`,
		`{"id":"t","kind":"triage","team":"Alpha","decision":"first","triage":[{"post":"mum","class":"complaint","action":"answer","rank":"1"}]}`,
		`[]`, `null`, `"x"`, `1e999`, `{`, ``, "\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cmd, err := decodeCommand(data)
		if err != nil {
			msg := err.Error()
			for _, leak := range []string{"file:", "urn:", "jsonschema", "command.json", "wireCommand", "Go struct"} {
				if strings.Contains(msg, leak) {
					t.Fatalf("%q: the refusal %q shows %q", data, msg, leak)
				}
			}
			if !reflect.DeepEqual(cmd, wireCommand{}) {
				t.Fatalf("%q: a refusal with a command %+v", data, cmd)
			}
			return
		}
		if len(data) > MaxCommandSize || !commandID.MatchString(cmd.ID) || cmd.Team == "" ||
			utf8.RuneCountInString(cmd.Text) > 10_000 {
			t.Fatalf("%q accepted as %+v", data, cmd)
		}
		if cmd.Kind != wireCase && cmd.Case != "" {
			t.Fatalf("%q: a %s with a case: %+v", data, cmd.Kind, cmd)
		}
		switch cmd.Kind {
		case wireAnswer:
			if cmd.Conference == "" || cmd.Question < 1 || cmd.Decision != "" || cmd.Option != "" || cmd.Inject != "" || cmd.Channel != "" {
				t.Fatalf("%q: an answer without its conference or question, or with a decision, option, inject or channel: %+v", data, cmd)
			}
		default:
			if cmd.Conference != "" || cmd.Question != 0 {
				t.Fatalf("%q: a %s with a conference or question: %+v", data, cmd.Kind, cmd)
			}
		}
		if (cmd.Kind == wireFeedback) != (cmd.Feedback != nil) {
			t.Fatalf("%q: a %s with a form, or a form without one: %+v", data, cmd.Kind, cmd)
		}
		if f := cmd.Feedback; f != nil {
			if cmd.Decision != "" || cmd.Option != "" || cmd.Inject != "" || cmd.Channel != "" || cmd.Text != "" ||
				utf8.RuneCountInString(f.Name) > debrief.MaxFeedbackName || utf8.RuneCountInString(f.Role) > debrief.MaxFeedbackName ||
				(f.Lang != "" && f.Lang != "en" && f.Lang != "zh") {
				t.Fatalf("%q: a form with another kind's fields or a bad name, role or language: %+v", data, cmd)
			}
			for q, a := range f.Answers {
				if !slices.Contains(debrief.FeedbackQuestions, q) || utf8.RuneCountInString(a) > debrief.MaxFeedbackAnswer {
					t.Fatalf("%q: a form with answer %q: %+v", data, q, f)
				}
			}
			for r, v := range f.Ratings {
				if !slices.Contains(debrief.FeedbackRatings, r) || v < 1 || v > 5 {
					t.Fatalf("%q: a form with rating %q %d", data, r, v)
				}
			}
		}
		for _, m := range cmd.Triage {
			if m.Rank < 0 || m.Rank > 12 {
				t.Fatalf("%q: a mark with place %d: %+v", data, m.Rank, cmd)
			}
		}
		if cmd.Kind != wireTriage && cmd.Triage != nil {
			t.Fatalf("%q: a %s with a triage's marks: %+v", data, cmd.Kind, cmd)
		}
		if !isRoleKind(cmd.Kind) && !isEvalKind(cmd.Kind) && (cmd.Seat != "" || cmd.Target != "" || cmd.Persona != "" || cmd.Thread != "" || cmd.Effects != nil) {
			t.Fatalf("%q: a team's %s with a role-player's fields: %+v", data, cmd.Kind, cmd)
		}
		evalFields := cmd.Objective != "" || cmd.Task != "" || cmd.Done || cmd.Rating != "" || cmd.AtMS != nil || cmd.Entry != ""
		if isEvalKind(cmd.Kind) {
			if cmd.Seat == "" || cmd.Claim == "" || cmd.Target == "" || cmd.Persona != "" || cmd.Thread != "" || cmd.Effects != nil ||
				cmd.Decision != "" || cmd.Option != "" || cmd.Inject != "" || cmd.Channel != "" ||
				(cmd.AtMS != nil && *cmd.AtMS < 0) || (cmd.Rating != "" && !slices.Contains(engine.Ratings, cmd.Rating)) {
				t.Fatalf("%q: an evaluator's %s without its seat, claim or team, or with another's fields: %+v", data, cmd.Kind, cmd)
			}
			if cmd.Kind == wireEvalTask && (cmd.Objective == "" || cmd.Task == "" || cmd.Rating != "" || cmd.Entry != "") ||
				cmd.Kind == wireEvalRate && (cmd.Objective == "" || cmd.Task != "" || cmd.Text != "" || cmd.AtMS != nil) ||
				cmd.Kind == wireEvalObserve && (cmd.Text == "" || cmd.Task != "" || cmd.Rating != "") {
				t.Fatalf("%q: an evaluator's %s with the wrong fields: %+v", data, cmd.Kind, cmd)
			}
		} else if evalFields {
			t.Fatalf("%q: a %s with an evaluator's fields: %+v", data, cmd.Kind, cmd)
		}
		switch cmd.Kind {
		case wireChoose:
			if cmd.Decision == "" || cmd.Option == "" || cmd.Inject != "" || cmd.Channel != "" {
				t.Fatalf("%q: a choice without its decision or option, or with an inject or channel: %+v", data, cmd)
			}
		case wireReply:
			if cmd.Inject == "" || cmd.Decision != "" || cmd.Option != "" || cmd.Channel != "" {
				t.Fatalf("%q: a reply without its inject, or with a decision, option or channel: %+v", data, cmd)
			}
		case wirePost:
			if cmd.Channel == "" || cmd.Decision != "" || cmd.Option != "" || cmd.Inject != "" {
				t.Fatalf("%q: a post without its channel, or with a decision, option or inject: %+v", data, cmd)
			}
		case wireRoleSay, wireRoleOpen, wireRoleNudge:
			if cmd.Seat == "" || cmd.Option != "" || cmd.Inject != "" {
				t.Fatalf("%q: a role-player's command without its seat, or with an option or inject: %+v", data, cmd)
			}
		case wireTriage:
			if cmd.Decision == "" || len(cmd.Triage) == 0 || cmd.Option != "" || cmd.Inject != "" || cmd.Channel != "" || cmd.Text != "" {
				t.Fatalf("%q: a triage without its decision or marks, or with an option, inject, channel or text: %+v", data, cmd)
			}
		case wireCase:
			if cmd.Case == "" || cmd.Option == "" || cmd.Decision != "" || cmd.Inject != "" || cmd.Channel != "" {
				t.Fatalf("%q: a case without its case or remedy, or with a decision, inject or channel: %+v", data, cmd)
			}
		case wireBye, wireAnswer, wireEvalTask, wireEvalRate, wireEvalObserve, wireFeedback:
		default:
			t.Fatalf("%q: kind %q accepted", data, cmd.Kind)
		}
		again, err := json.Marshal(cmd)
		if err != nil {
			t.Fatal(err)
		}
		cmd2, err := decodeCommand(again)
		if err != nil || !reflect.DeepEqual(cmd2, cmd) {
			t.Fatalf("%q: accepted as %+v, but encoded again %s gives %+v, %v", data, cmd, again, cmd2, err)
		}
	})
}

// FuzzHello does the same for a team's hello.
//
//	go test -run '^$' -fuzz FuzzHello ./internal/lan
func FuzzHello(f *testing.F) {
	for _, s := range []string{`{"protocol":1,"team":"Alpha"}`, `{"protocol":2}`, `{"team":7}`, `[]`, `null`, ``, `{"protocol":1e99}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := decodeHello(data)
		if err != nil {
			if req != (helloRequest{}) || strings.Contains(err.Error(), "Go ") || strings.Contains(err.Error(), "helloRequest") {
				t.Fatalf("%q: %+v, %v", data, req, err)
			}
			return
		}
		if len(data) > maxHello {
			t.Fatalf("%d bytes accepted", len(data))
		}
	})
}
