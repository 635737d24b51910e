package lan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Protocol is the version of the messages below. A client and a host that
// disagree refuse each other with a clear message.
const Protocol = 1

// MaxCommandSize bounds a command message. A statement of 10,000 characters
// of Chinese is 30 KB of UTF-8.
const MaxCommandSize = 64 << 10

// Headers on the events in a team's stream.
const (
	hdrSeq  = "Fb-Seq"  // the event's sequence number in the exercise log
	hdrAt   = "Fb-At"   // its exercise time in milliseconds
	hdrKind = "Fb-Kind" // its kind
	hdrTeam = "Fb-Team" // the token of the stream's team: a copy of another team's message is refused
)

// Command kinds on the wire.
const (
	wireChoose = "choose"
	wireReply  = "reply"  // a written answer to an inject that asks for one
	wireTriage = "triage" // a team's social-listening triage of a decision's feed
	wirePost   = "post"   // a post on one of the scenario's channels
	wireAnswer = "answer" // an answer to a press conference's question
	wireCase   = "case"   // a customer case handled: its remedy (option) and reply (text)
	wireBye    = "bye"    // the team has seen the end; the host may stop
	// wireFeedback is a participant's hotwash form (feedback.go), once
	// the exercise has ended.
	wireFeedback = "feedback"
)

// wireCommand is a team's command as sent on fb.<exercise>.cmd.<team>.
type wireCommand struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Team     string `json:"team"`
	Decision string `json:"decision,omitempty"`
	Option   string `json:"option,omitempty"`
	Inject   string `json:"inject,omitempty"`  // a reply's inject
	Channel  string `json:"channel,omitempty"` // a post's channel
	Text     string `json:"text,omitempty"`    // a choice's statement, a reply's or a post's text
	// An answer's press conference and question (1-based).
	Conference string `json:"conference,omitempty"`
	Question   int    `json:"question,omitempty"`
	// A customer case handled (its remedy is Option, the reply Text).
	Case string `json:"case,omitempty"`
	// A role-player's command (roleplay.go): the seat, the team it is for
	// ("" for all), the persona, what it answers, a nudge's changes.
	Seat    string             `json:"seat,omitempty"`
	Target  string             `json:"target,omitempty"`
	Persona string             `json:"persona,omitempty"`
	Thread  string             `json:"thread,omitempty"`
	Effects map[string]float64 `json:"effects,omitempty"`
	// Claim is the id of the role-player laptop's claim to its seat
	// (roleplay.go): the host takes a seat's commands only from the
	// laptop that holds it.
	Claim string `json:"claim,omitempty"`
	// An evaluator's command (evaluate.go): the objective, the critical
	// task and whether done, the rating, the exercise time (ms) a task was
	// done or an observation is about, the timeline event it is attached
	// to. Seat, Target (the team evaluated), Text and Claim as above.
	Objective string `json:"objective,omitempty"`
	Task      string `json:"task,omitempty"`
	Done      bool   `json:"done,omitempty"`
	Rating    string `json:"rating,omitempty"`
	AtMS      *int64 `json:"at_ms,omitempty"`
	Entry     string `json:"entry,omitempty"`
	// Triage is a triage's marks: per post of the decision's feed, its
	// class and what the team does with it (engine.TriageMark).
	Triage []engine.TriageMark `json:"triage,omitempty"`
	// Feedback is a participant's hotwash form (feedback.go).
	Feedback *wireForm `json:"feedback,omitempty"`
}

// commandSchema is the JSON Schema a command must pass before the host looks
// at it. A choice names its decision and option, a reply its inject, a post
// its channel; none carries the others' fields. A reply's or a post's text is
// checked by the engine (empty, too long: a refusal with its code), as a
// choice's statement is.
const commandSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "additionalProperties": false,
  "required": ["id", "kind", "team"],
  "properties": {
    "id":       {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,64}$"},
    "kind":     {"enum": ["choose", "reply", "post", "answer", "bye", "role-say", "role-open", "role-nudge", "case", "triage", "eval-task", "eval-rate", "eval-observe", "feedback"]},
    "team":     {"type": "string", "minLength": 1, "maxLength": 160},
    "decision": {"type": "string", "minLength": 1, "maxLength": 200},
    "option":   {"type": "string", "minLength": 1, "maxLength": 200},
    "inject":   {"type": "string", "minLength": 1, "maxLength": 200},
    "channel":  {"type": "string", "minLength": 1, "maxLength": 40},
    "text":     {"type": "string", "maxLength": 10000},
    "conference": {"type": "string", "minLength": 1, "maxLength": 200},
    "question": {"type": "integer", "minimum": 1, "maximum": 1000},
    "case":     {"type": "string", "minLength": 1, "maxLength": 200},
    "seat":     {"type": "string", "minLength": 1, "maxLength": 160},
    "target":   {"type": "string", "minLength": 1, "maxLength": 160},
    "persona":  {"type": "string", "minLength": 1, "maxLength": 200},
    "thread":   {"type": "string", "minLength": 1, "maxLength": 40},
    "effects":  {"type": "object", "maxProperties": 50, "propertyNames": {"maxLength": 200}, "additionalProperties": {"type": "number"}},
    "claim":    {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$"},
    "objective": {"type": "string", "minLength": 1, "maxLength": 200},
    "task":     {"type": "string", "minLength": 1, "maxLength": 200},
    "done":     {"type": "boolean"},
    "rating":   {"enum": ["P", "S", "M", "U"]},
    "at_ms":    {"type": "integer", "minimum": 0, "maximum": 31536000000},
    "entry":    {"type": "string", "pattern": "^(inbox|answer|reply|post):[1-9][0-9]{0,6}$"},
    "triage":   {"type": "array", "minItems": 1, "maxItems": 12, "items": {"type": "object", "additionalProperties": false,
      "required": ["post", "class", "action"], "properties": {"post": {"type": "string", "minLength": 1, "maxLength": 200},
      "class": {"type": "string", "minLength": 1, "maxLength": 40}, "action": {"type": "string", "minLength": 1, "maxLength": 40},
      "rank": {"type": "integer", "minimum": 1, "maximum": 12}}}},
    "feedback": {"type": "object", "additionalProperties": false, "properties": {
      "name":    {"type": "string", "maxLength": 80},
      "role":    {"type": "string", "maxLength": 80},
      "lang":    {"enum": ["en", "zh"]},
      "answers": {"type": "object", "propertyNames": {"enum": ["strengths", "improvements", "change"]}, "additionalProperties": {"type": "string", "maxLength": 4000}},
      "ratings": {"type": "object", "propertyNames": {"enum": ["realistic", "objectives", "role", "plans"]}, "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 5}}}}
  },
  "allOf": [
    {
      "if": {"properties": {"kind": {"const": "choose"}}},
      "then": {"required": ["decision", "option"], "properties": {"inject": false, "channel": false, "conference": false, "question": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "reply"}}},
      "then": {"required": ["inject"], "properties": {"decision": false, "option": false, "channel": false, "conference": false, "question": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "post"}}},
      "then": {"required": ["channel"], "properties": {"decision": false, "option": false, "inject": false, "conference": false, "question": false}}
    },
    {
      "if": {"properties": {"kind": {"enum": ["choose", "reply", "post", "answer", "bye", "case", "triage", "feedback"]}}},
      "then": {"properties": {"seat": false, "target": false, "persona": false, "thread": false, "effects": false, "claim": false,
        "objective": false, "task": false, "done": false, "rating": false, "at_ms": false, "entry": false}}
    },
    {
      "if": {"properties": {"kind": {"enum": ["role-say", "role-open", "role-nudge"]}}},
      "then": {"properties": {"objective": false, "task": false, "done": false, "rating": false, "at_ms": false, "entry": false}}
    },
    {
      "if": {"properties": {"kind": {"enum": ["eval-task", "eval-rate", "eval-observe"]}}},
      "then": {"required": ["seat", "claim", "target"], "properties": {"decision": false, "option": false, "inject": false, "channel": false,
        "conference": false, "question": false, "persona": false, "thread": false, "effects": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "eval-task"}}},
      "then": {"required": ["objective", "task"], "properties": {"rating": false, "entry": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "eval-rate"}}},
      "then": {"required": ["objective"], "properties": {"task": false, "done": false, "at_ms": false, "entry": false, "text": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "eval-observe"}}},
      "then": {"required": ["text"], "properties": {"task": false, "done": false, "rating": false}}
    },
    {
      "if": {"properties": {"kind": {"enum": ["role-say", "role-open", "role-nudge"]}}},
      "then": {"required": ["seat", "claim"], "properties": {"option": false, "inject": false, "conference": false, "question": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "role-say"}}},
      "then": {"required": ["persona", "channel", "text"], "properties": {"decision": false, "effects": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "role-open"}}},
      "then": {"required": ["decision", "target"], "properties": {"persona": false, "channel": false, "thread": false, "text": false, "effects": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "role-nudge"}}},
      "then": {"required": ["effects"], "properties": {"decision": false, "persona": false, "channel": false, "thread": false, "text": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "triage"}}},
      "then": {"required": ["decision", "triage"], "properties": {"option": false, "inject": false, "channel": false, "conference": false, "question": false, "text": false}}
    },
    {
      "if": {"properties": {"kind": {"not": {"const": "triage"}}}},
      "then": {"properties": {"triage": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "answer"}}},
      "then": {"required": ["conference", "question"], "properties": {"decision": false, "option": false, "inject": false, "channel": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "feedback"}}},
      "then": {"required": ["feedback"], "properties": {"decision": false, "option": false, "inject": false, "channel": false, "text": false,
        "conference": false, "question": false, "case": false, "triage": false}}
    },
    {
      "if": {"properties": {"kind": {"not": {"const": "feedback"}}}},
      "then": {"properties": {"feedback": false}}
    },
    {
      "if": {"properties": {"kind": {"const": "case"}}},
      "then": {"required": ["case", "option"], "properties": {"decision": false, "inject": false, "channel": false, "conference": false, "question": false}}
    },
    {
      "if": {"properties": {"kind": {"not": {"const": "case"}}}},
      "then": {"properties": {"case": false}}
    }
  ]
}`

const commandSchemaURL = "urn:firebreak:lan:command"

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

func compiledSchema() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(commandSchema))
		if err != nil {
			schemaErr = err
			return
		}
		// A URL of its own: a relative name would be resolved against the
		// host's working directory, which validation errors then quote.
		c := jsonschema.NewCompiler()
		if err := c.AddResource(commandSchemaURL, doc); err != nil {
			schemaErr = err
			return
		}
		schema, schemaErr = c.Compile(commandSchemaURL)
	})
	return schema, schemaErr
}

// decodeCommand checks a command's size and schema and decodes it. Its
// errors go back to the team that sent the command: they say what is wrong
// with it in the command's own terms, never anything of the host's (no
// file, no schema location, no Go type).
func decodeCommand(data []byte) (wireCommand, error) {
	var cmd wireCommand
	if len(data) > MaxCommandSize {
		return cmd, fmt.Errorf("the command is %d bytes; at most %d are accepted", len(data), MaxCommandSize)
	}
	sch, err := compiledSchema()
	if err != nil {
		return cmd, errors.New("the host cannot check commands")
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return cmd, errors.New("the command is not one JSON value")
	}
	if err := sch.Validate(inst); err != nil {
		return cmd, fmt.Errorf("the command does not follow the schema: %s", schemaProblems(err))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cmd); err != nil {
		return wireCommand{}, errors.New("the command does not decode")
	}
	return cmd, nil
}

// commandFields says what each field of a command must be.
var commandFields = map[string]string{
	"id":        "1 to 64 of the characters A-Z a-z 0-9 _ . : -",
	"kind":      `"choose", "reply", "post" or "bye"`,
	"team":      "a string of 1 to 160 characters",
	"decision":  "a string of 1 to 200 characters",
	"option":    "a string of 1 to 200 characters",
	"inject":    "a string of 1 to 200 characters",
	"channel":   "a string of 1 to 40 characters",
	"text":      "a string of at most 10000 characters",
	"seat":      "a string of 1 to 160 characters",
	"claim":     "8 to 64 of the characters A-Z a-z 0-9 _ -",
	"objective": "a string of 1 to 200 characters",
	"task":      "a string of 1 to 200 characters",
	"done":      "true or false",
	"rating":    `"P", "S", "M" or "U"`,
	"at_ms":     "a whole number of milliseconds from 0 to a year",
	"entry":     `"inbox:", "answer:", "reply:" or "post:" and a number`,
	"feedback":  "a form: a name and a role of at most 80 characters, the language, answers to known questions of at most 4000 characters, ratings of known statements from 1 to 5",
}

// schemaProblems words a validation error in the command's terms: which
// field is wrong and what it must be, which are missing, whether there are
// others. The sender's values are not repeated.
func schemaProblems(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return "it is not a command"
	}
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		if len(e.InstanceLocation) > 0 {
			if _, ok := e.ErrorKind.(*kind.FalseSchema); ok {
				// A field of the other kind: an inject on a choice, a
				// decision or option on a reply.
				add(fmt.Sprintf("%q does not go with this kind of command", e.InstanceLocation[0]))
			} else if rule, ok := commandFields[e.InstanceLocation[0]]; ok {
				add(fmt.Sprintf("%q must be %s", e.InstanceLocation[0], rule))
			} else {
				add("it has a field a command does not have")
			}
			return
		}
		switch k := e.ErrorKind.(type) {
		case *kind.Required:
			var missing []string
			for _, m := range k.Missing {
				if _, ok := commandFields[m]; ok {
					missing = append(missing, strconv.Quote(m))
				}
			}
			add("it lacks " + strings.Join(missing, ", "))
		case *kind.AdditionalProperties:
			add("it has a field a command does not have")
		case *kind.Type:
			add("it is not a JSON object")
		default:
			add("it is not a command")
		}
	}
	walk(ve)
	slices.Sort(out)
	return strings.Join(out, "; ")
}

// decodeHello checks a team's hello. As for commands, its errors name
// nothing of the host's.
func decodeHello(data []byte) (helloRequest, error) {
	var req helloRequest
	if len(data) > maxHello {
		return req, fmt.Errorf("bad hello: %d bytes; at most %d are accepted", len(data), maxHello)
	}
	if err := json.Unmarshal(data, &req); err != nil {
		return helloRequest{}, errors.New("bad hello: not a JSON object with the protocol and the team")
	}
	return req, nil
}

// maxHello bounds a hello; a real one is under 300 bytes.
const maxHello = 4096

// Outcome statuses.
const (
	StatusAccepted = "accepted" // the choice or reply is in the exercise log
	StatusRejected = "rejected" // refused for Reason; sending it again gives the same answer
	StatusRetry    = "retry"    // the host could not handle it now; send it again with the same id
)

// Outcome is the host's answer to a command.
type Outcome struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	// Code is, for a refused choice or reply, the engine's refusal code
	// (engine.RefusalCode), so the team laptop says why in its own
	// language; absent from hosts older than it.
	Code string `json:"code,omitempty"`
	// Limit is, for a refused text, the most characters it may have
	// (engine.Refused.Limit), for the team laptop to say; absent from
	// hosts older than it.
	Limit     int   `json:"limit,omitempty"`
	Seq       int64 `json:"seq,omitempty"`       // the log event that recorded the command
	AtMS      int64 `json:"at_ms,omitempty"`     // its exercise time, in milliseconds
	Duplicate bool  `json:"duplicate,omitempty"` // the command was handled before; this repeats its outcome
}

// helloRequest is a team's first message: which exercise did I join? A
// role-player laptop's also claims its seat (roleplay.go).
type helloRequest struct {
	Protocol int    `json:"protocol"`
	Team     string `json:"team"`
	Seat     string `json:"seat,omitempty"`
	Claim    string `json:"claim,omitempty"`
}

// helloReply tells a team where its exercise is.
type helloReply struct {
	Protocol int      `json:"protocol"`
	Exercise string   `json:"exercise,omitempty"`
	Team     string   `json:"team,omitempty"`
	Token    string   `json:"token,omitempty"`
	Stream   string   `json:"stream,omitempty"`
	Teams    []string `json:"teams,omitempty"`
	Error    string   `json:"error,omitempty"`
	// Code says why a hello was refused, when a laptop should know:
	// codeSeatTaken, codeBadSeat.
	Code string `json:"code,omitempty"`
}

// clockBeat is the host's heartbeat on fb.<exercise>.all.clock.
type clockBeat struct {
	AtMS   int64   `json:"at_ms"`
	Paused bool    `json:"paused"`
	Speed  float64 `json:"speed"`
	Ended  bool    `json:"ended"`
	Seq    int64   `json:"seq"` // the latest event in the log
	// Feedback says, once the exercise has ended, whether the host takes
	// participants' forms (feedback.go): "open", "anonymous" (open, and
	// no name or role is taken), or absent.
	Feedback string `json:"feedback,omitempty"`
}
