// Package scenario defines the Firebreak scenario format (firebreak/1): the
// types a scenario file decodes into, a loader that reports problems as
// file:line:col, and the checks (reachability, references, timing) that catch
// authoring mistakes before anyone plays.
package scenario

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// FormatVersion is the only format this loader reads.
const FormatVersion = "firebreak/1"

// StartPhase is the phase every team starts in.
const StartPhase = "start"

// Pos is a position in a scenario file (1-based).
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Text is human-readable text per language code ("en", "zh"). A plain string
// in the file is stored under the empty key and means "same in all languages".
type Text map[string]string

// Get returns the text in lang, falling back to the language-neutral text,
// then English, then any language present, so a reader never sees nothing.
func (t Text) Get(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t[""]; ok && s != "" {
		return s
	}
	if s, ok := t["en"]; ok && s != "" {
		return s
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

// Has reports whether the text is available in lang (or language-neutral).
func (t Text) Has(lang string) bool {
	return strings.TrimSpace(t[lang]) != "" || strings.TrimSpace(t[""]) != ""
}

// Channels an inject can arrive through.
var Channels = []string{"social", "news", "phone", "email", "memo", "regulator", "customer"}

// Dimensions scored from option author scores. Speed is measured, not
// authored, so it is not listed here.
var AuthoredDimensions = []string{"transparency", "empathy"}

// Author scores range over [MinScore, MaxScore] per dimension.
const (
	MinScore = -3
	MaxScore = 3
)

// Scenario is one loaded scenario file.
type Scenario struct {
	exprReads map[string]bool // the names its expressions read (ReadByExpr)

	File      string // where it was loaded from (for messages)
	Format    string
	ID        string
	Kind      string
	Title     Text
	Summary   Text
	Languages []string
	Duration  time.Duration
	World     []*Variable // in file order
	Phases    []*Phase    // in file order; Phases[i].Index == i

	Roles []*Role
	Facts []*Fact
	// Contradictions are pairs of claims that cannot both be true; a team
	// that makes both has spoken with two voices.
	Contradictions [][2]string
	Objectives     []*Objective
	Rules          []*Rule
	Triggers       []*Trigger
	Deadlines      []*RegDeadline
	Feed           *Feed // the simulated public: posts and headlines; nil if none
	// FalseClaims are claims that contradict what the story establishes as
	// true, with the truth in words: a team that makes one in public is
	// inconsistent with the facts, each time it makes it.
	FalseClaims []*FalseClaim
	// Scoring holds the scenario's own weights and update cadence.
	Scoring Scoring
	// Personas are the scenario's recurring people (see persona.go).
	Personas []*Persona
	// PressConferences are the scenario's press conferences (press.go).
	PressConferences []*PressConference
	// Cases are individual affected customers a team must handle (cases.go).
	Cases []*Case
	// Roleplay is what a role-player may do beyond speaking as the
	// personas (roleplay.go); nil: only speak.
	Roleplay *Roleplay
	// Formats are the declared cuts and difficulty levels (formats.go);
	// nil when the file declares none.
	Formats *Formats
	// CutID and Difficulty say which version this is ("": the file as
	// written); TimeScale and FeedScale are how the version scales the
	// file's times and feed volume (0: 1). See Variant.
	CutID, Difficulty    string
	TimeScale, FeedScale float64

	phaseByID   map[string]*Phase
	triggerByID map[string]int // index in Triggers
	ruleByID    map[string]int // index in Rules
	// decisionByID is made with the other lookups; nil for a scenario
	// built without them (Decision then searches).
	decisionByID map[string]*Decision
}

// index builds the lookups the engine uses on every event, once the
// scenario has loaded without errors; a loaded scenario never changes.
func (s *Scenario) index() {
	s.triggerByID = make(map[string]int, len(s.Triggers))
	for i, t := range s.Triggers {
		s.triggerByID[t.ID] = i
	}
	s.ruleByID = make(map[string]int, len(s.Rules))
	for i, r := range s.Rules {
		s.ruleByID[r.ID] = i
	}
	s.decisionByID = map[string]*Decision{}
	for _, p := range s.Phases {
		for _, d := range p.Decisions {
			if _, dup := s.decisionByID[d.ID]; !dup { // the first, as the search finds
				s.decisionByID[d.ID] = d
			}
		}
		p.injectByID = make(map[string]*Inject, len(p.Injects))
		p.arrival = append([]*Inject(nil), p.Injects...)
		sort.SliceStable(p.arrival, func(i, j int) bool { return p.arrival[i].At < p.arrival[j].At })
		for _, in := range p.Injects {
			p.injectByID[in.ID] = in
		}
		for _, d := range p.Decisions {
			d.opener, d.indexed = d.findOpener(), true
		}
	}
}

// TriggerIndex returns the index of the trigger with the given id in
// Triggers, or -1.
func (s *Scenario) TriggerIndex(id string) int {
	if i, ok := s.triggerByID[id]; ok {
		return i
	}
	for i, t := range s.Triggers {
		if t.ID == id {
			return i
		}
	}
	return -1
}

// RuleIndex returns the index of the rule with the given id in Rules, or -1.
func (s *Scenario) RuleIndex(id string) int {
	if i, ok := s.ruleByID[id]; ok {
		return i
	}
	for i, r := range s.Rules {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// Inject returns the phase's inject with the given id, or nil.
func (p *Phase) Inject(id string) *Inject {
	if p.injectByID != nil {
		return p.injectByID[id]
	}
	for _, in := range p.Injects {
		if in.ID == id {
			return in
		}
	}
	return nil
}

// Arrival lists the phase's injects in the order they arrive: by time,
// equal times in file order.
func (p *Phase) Arrival() []*Inject {
	if p.arrival == nil && len(p.Injects) > 0 {
		out := append([]*Inject(nil), p.Injects...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
		return out
	}
	return p.arrival
}

// Variable is a world variable (public sentiment, media attention, …).
type Variable struct {
	Pos   Pos
	ID    string
	Label Text
	Start float64
	Min   float64
	Max   float64
	// Stake is StakeHigher or StakeLower when the variable is something the
	// company cares about (legal exposure, cash, morale…), saying which way
	// is better; empty otherwise.
	Stake string
}

// Directions of a stake.
const (
	StakeHigher = "higher"
	StakeLower  = "lower"
)

// FalseClaim is a claim the story shows to be untrue.
type FalseClaim struct {
	Pos   Pos
	Claim string
	Truth Text
}

// Scoring is how a scenario weighs the five qualities and how often it
// expects public updates.
type Scoring struct {
	Pos Pos
	// Weights by dimension (speed, transparency, empathy, consistency,
	// follow-up); relative. Nil means equal weights.
	Weights map[string]float64
	// UpdatesEvery is the expected cadence of public updates after the
	// first public word (DefaultUpdatesEvery when the scenario is silent).
	UpdatesEvery time.Duration
}

// DefaultUpdatesEvery is the update cadence a scenario expects unless it
// says otherwise.
const DefaultUpdatesEvery = 20 * time.Minute

// ScoredDimensions are the five qualities of the overall score, in report
// order.
var ScoredDimensions = []string{"speed", "transparency", "empathy", "consistency", "follow-up"}

// Phase is a node of the branch graph.
type Phase struct {
	Pos       Pos
	ID        string
	Index     int
	Title     Text
	Injects   []*Inject
	Decisions []*Decision // in file order
	Continue  *Continue   // optional automatic move after some time in the phase
	Ending    *Ending     // non-nil for an ending phase

	injectByID map[string]*Inject
	arrival    []*Inject // Injects by arrival time
}

// Inject is a timed event delivered to a team while it is in a phase.
type Inject struct {
	Pos     Pos
	ID      string        // unique within the scenario; generated as phase#n when absent
	At      time.Duration // after the team entered the phase
	Channel string
	From    Text
	Text    Text
	// TextAlts are the alternatives when the text varies between runs
	// (nil: Text is always read); Text is then the default alternative.
	// The engine reads one with Choose when the inject is delivered.
	TextAlts []Alt
	Opens    string   // decision id in the same phase, optional
	To       []string // roles it is addressed to; empty means the whole team
	// Reply, when set, lets the team answer the inject in writing (the
	// reporter's email, the regulator's letter, the customer's message):
	// its kind says what the answer is (a customer-email, a holding line
	// to a reporter…), its required facts and hazard judge it as a
	// decision's statement is judged. Nil: the inject asks for no answer.
	Reply *StatementSpec
	// Media are the pictures the inject carries (the photo a customer
	// posted, a screenshot of a news page), shown on its card and in the
	// reports. Their bytes are not part of the scenario: see ReadMedia.
	Media []*Media
	// Persona is the id of the persona who sends it ("" when none); From
	// then defaults to the persona's name and outlet.
	Persona string
	// Style is how its card is drawn beyond its channel: StyleBreaking
	// (a news inject as a television's breaking-news strap) or "".
	Style string
	// Hostile marks an inject that adds pressure (a troll's pile-on, a
	// hostile reporter): easy difficulty leaves it out (formats.go).
	Hostile bool
}

// Media is a picture an inject carries: a PNG or JPEG file beside the
// scenario file.
type Media struct {
	Pos  Pos
	File string // slash-separated path relative to the scenario file's folder
	Alt  Text   // what the picture shows, for text reports and anyone who cannot see it
}

// Decision is a choice a team must make within a window.
type Decision struct {
	Pos    Pos
	ID     string // unique within the scenario
	Phase  *Phase
	Prompt Text
	// At opens the decision this long after phase entry, unless an inject
	// opens it (then it opens with that inject). Nil means "opened by inject".
	At        *time.Duration
	Target    time.Duration // after opening: decided by then earns full speed marks
	Deadline  time.Duration // after opening: the decision closes and OnTimeout applies
	Options   []*Option
	OnTimeout *Outcome
	Statement *StatementSpec // non-nil when the team drafts a written statement with its choice
	// Optional, when set, is the author's reason why a team may leave the
	// decision open when it moves on; other decisions left open count as
	// missed.
	Optional Text
	// Triage, when set, is a social-listening feed the team triages before
	// it decides (triage.go).
	Triage *Triage

	opener  *Inject // the inject that opens it, once indexed
	indexed bool
}

// StatementSpec asks a team to write a statement along with its choice.
type StatementSpec struct {
	Pos           Pos
	Kind          string   // holding, press-release, social-reply, customer-email, internal, regulator-report
	RequiredFacts []string // fact ids the statement must contain
	// Hazard is "open" (the default: a product or safety hazard is not
	// ruled out when the team writes) or "cleared" (it is: telling people
	// the product is safe is the truth, not false reassurance).
	Hazard string
}

// Hazards are the values of StatementSpec.Hazard.
var Hazards = []string{"open", "cleared"}

// StatementKinds are the kinds of written statement a decision may ask for.
var StatementKinds = []string{"holding", "press-release", "social-reply", "customer-email", "internal", "regulator-report"}

// Option is one answer to a decision.
type Option struct {
	Pos     Pos
	ID      string // unique within its decision
	Text    Text
	Scores  map[string]int // dimension -> author score in [MinScore, MaxScore]
	Effects Effects
	Claims  []string
	Next    string // phase id, optional: empty means stay in the phase
	// Public is false for internal actions (briefing staff): they do not
	// break the team's public silence.
	Public bool
	// Promise, when set, commits the team to a public update within a time.
	Promise *Promise
	// Stance says what a public answer does: acknowledge, hold, deny or
	// blame (empty when the author did not say).
	Stance string
	// Routes choose the next phase by the world after the option's effects.
	Routes []*Route
}

// Stances of an option.
const (
	StanceAcknowledge = "acknowledge"
	StanceHold        = "hold"
	StanceDeny        = "deny"
	StanceBlame       = "blame"
)

// Stances lists the stances an option may take.
var Stances = []string{StanceAcknowledge, StanceHold, StanceDeny, StanceBlame}

// Evasive reports whether the option denies or shifts blame: such an answer
// earns no speed and is no update.
func (o *Option) Evasive() bool { return o.Stance == StanceDeny || o.Stance == StanceBlame }

// Route sends a team to a phase when a condition on its world holds.
type Route struct {
	Pos  Pos
	When *Expr
	Next string
}

// NextPhase picks where a team goes: the first route whose condition holds
// in env, else next (which may be empty: stay).
func NextPhase(routes []*Route, next string, env Env) string {
	for _, r := range routes {
		if ok, err := r.When.Bool(env); err == nil && ok {
			return r.Next
		}
	}
	return next
}

// Promise is a commitment to update the public within a time. Any later
// public choice inside the window keeps it; otherwise it is missed and its
// miss effects apply.
type Promise struct {
	Pos         Pos
	Within      time.Duration
	MissEffects Effects
}

// Effects change world variables: each is a fixed delta or an expression
// whose value is the delta.
type Effects map[string]Effect

// Effect is one change to a world variable.
type Effect struct {
	Delta float64
	Expr  *Expr // when set, its value is the delta
}

// Outcome is what happens when a decision's deadline passes unanswered.
type Outcome struct {
	Pos     Pos
	Scores  map[string]int
	Effects Effects
	Next    string
	Routes  []*Route
}

// Role is a part a team is expected to staff (spokesperson, legal, …).
type Role struct {
	Pos   Pos
	ID    string
	Label Text
}

// Fact is something a written statement must say (a batch number, a
// hotline). Match lists, per language, words or numbers whose presence
// (case-insensitive) shows the fact is in the text.
type Fact struct {
	Pos   Pos
	ID    string
	Label Text
	Match map[string][]string
}

// Objective is an HSEEP-style objective with the decisions that give
// evidence for it.
type Objective struct {
	Pos       Pos
	ID        string
	Text      Text
	Decisions []string
	// Capability and Targets are the objective's evaluation guide (EEG,
	// eeg.go); empty when it has none.
	Capability Text
	Targets    []*Target
}

// Rule changes the world periodically (every N minutes of exercise time,
// counted from the start) while its condition holds for the team.
type Rule struct {
	Pos     Pos
	ID      string
	Every   time.Duration
	While   *Expr // nil: always
	Effects Effects
}

// Trigger fires once per team, the first time its condition holds:
// it delivers its inject and applies its effects.
type Trigger struct {
	Pos     Pos
	ID      string
	When    *Expr
	Inject  *Inject
	Effects Effects
}

// RegDeadline is a regulatory or contractual deadline on the exercise
// clock: it starts when an inject reaches the team, and is met when the
// team chooses one of the listed options in time.
type RegDeadline struct {
	Pos        Pos
	ID         string
	Label      Text
	StartsWith string        // inject id
	Within     time.Duration // exercise time
	Represents time.Duration // the real-world time it stands for (e.g. 72h), for display
	MetBy      []OptionRef
	OnMiss     *Miss
}

// OptionRef names an option as decision.option.
type OptionRef struct {
	Decision, Option string
}

func (r OptionRef) String() string { return r.Decision + "." + r.Option }

// Is tells whether ref is r's String, without making it.
func (r OptionRef) Is(ref string) bool {
	return len(ref) == len(r.Decision)+1+len(r.Option) && ref[len(r.Decision)] == '.' &&
		strings.HasPrefix(ref, r.Decision) && strings.HasSuffix(ref, r.Option)
}

// Miss is what happens when a regulatory deadline passes unmet.
type Miss struct {
	Effects Effects
	Inject  *Inject
}

// Continue moves a team on automatically after a time in the phase.
type Continue struct {
	Pos    Pos
	After  time.Duration
	Next   string
	Routes []*Route
}

// Ending marks an ending phase.
type Ending struct {
	Pos     Pos
	Outcome Text
	Tone    string // good, mixed or bad
}

// EndingTitle is an ending phase's title for use after a label that already
// says it is an ending ("Reached a good ending: …"): a leading "Ending:" or
// "结局：" of the title is dropped so the reader never sees it twice.
func (p *Phase) EndingTitle(lang string) string {
	t := strings.TrimSpace(p.Title.Get(lang))
	for _, prefix := range []string{"Ending:", "Ending -", "Ending —", "ending:", "结局：", "结局:"} {
		if rest, ok := strings.CutPrefix(t, prefix); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest)
		}
	}
	if t == "" {
		return p.ID
	}
	return t
}

// Phase returns the phase with the given id, or nil.
func (s *Scenario) Phase(id string) *Phase { return s.phaseByID[id] }

// Decision returns the decision with the given id, or nil.
func (s *Scenario) Decision(id string) *Decision {
	if s.decisionByID != nil {
		return s.decisionByID[id]
	}
	for _, p := range s.Phases {
		for _, d := range p.Decisions {
			if d.ID == id {
				return d
			}
		}
	}
	return nil
}

// Variable returns the world variable with the given id, or nil.
func (s *Scenario) Variable(id string) *Variable {
	for _, v := range s.World {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// Decision returns the phase's decision with the given id, or nil.
func (p *Phase) Decision(id string) *Decision {
	for _, d := range p.Decisions {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Option returns the decision's option with the given id, or nil.
func (d *Decision) Option(id string) *Option {
	for _, o := range d.Options {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// OpenedBy returns the inject in the decision's phase that opens it, or nil.
func (d *Decision) OpenedBy() *Inject {
	if d.indexed {
		return d.opener
	}
	return d.findOpener()
}

func (d *Decision) findOpener() *Inject {
	for _, in := range d.Phase.Injects {
		if in.Opens == d.ID {
			return in
		}
	}
	return nil
}

// OpensAt is when the decision opens, relative to phase entry.
func (d *Decision) OpensAt() time.Duration {
	if d.At != nil {
		return *d.At
	}
	if in := d.OpenedBy(); in != nil {
		return in.At
	}
	return 0
}

// Inject returns the inject with the given id from any phase, trigger or
// deadline, or nil.
func (s *Scenario) Inject(id string) *Inject {
	for _, in := range s.allInjects() {
		if in.ID == id {
			return in
		}
	}
	return nil
}

// allInjects lists the injects of every phase, trigger and deadline, in
// file order.
func (s *Scenario) allInjects() []*Inject {
	var out []*Inject
	for _, p := range s.Phases {
		out = append(out, p.Injects...)
	}
	for _, t := range s.Triggers {
		if t.Inject != nil {
			out = append(out, t.Inject)
		}
	}
	for _, d := range s.Deadlines {
		if d.OnMiss != nil && d.OnMiss.Inject != nil {
			out = append(out, d.OnMiss.Inject)
		}
	}
	return out
}

// Endings returns the ending phases in file order.
func (s *Scenario) Endings() []*Phase {
	var out []*Phase
	for _, p := range s.Phases {
		if p.Ending != nil {
			out = append(out, p)
		}
	}
	return out
}

// Counts summarises a scenario's size.
type Counts struct {
	Phases, Decisions, Injects, Endings, Timeouts int
}

// Count returns the scenario's size.
func (s *Scenario) Count() Counts {
	var c Counts
	c.Phases = len(s.Phases)
	for _, p := range s.Phases {
		c.Injects += len(p.Injects)
		c.Decisions += len(p.Decisions)
		if p.Ending != nil {
			c.Endings++
		}
		for _, d := range p.Decisions {
			if d.OnTimeout != nil && d.OnTimeout.Next != "" {
				c.Timeouts++
			}
		}
	}
	return c
}

// FalseClaim returns the false claim with the given id, or nil.
func (s *Scenario) FalseClaim(claim string) *FalseClaim {
	for _, f := range s.FalseClaims {
		if f.Claim == claim {
			return f
		}
	}
	return nil
}

// Weight is a dimension's relative weight in the overall score.
func (s *Scenario) Weight(dim string) float64 {
	if s == nil || s.Scoring.Weights == nil {
		return 1
	}
	return s.Scoring.Weights[dim]
}

// UpdatesEvery is the expected cadence of public updates.
func (s *Scenario) UpdatesEvery() time.Duration {
	if s == nil || s.Scoring.UpdatesEvery <= 0 {
		return DefaultUpdatesEvery
	}
	return s.Scoring.UpdatesEvery
}

// Contradicts reports whether two claims are declared contradictory.
func (s *Scenario) Contradicts(a, b string) bool {
	for _, c := range s.Contradictions {
		if (c[0] == a && c[1] == b) || (c[0] == b && c[1] == a) {
			return true
		}
	}
	return false
}

// Feed is the simulated public: every period, each team's feed gets posts
// and headlines chosen (deterministically, from the exercise's seed) among
// the templates whose condition holds for that team's world.
type Feed struct {
	Pos    Pos
	Every  time.Duration
	Volume *Expr // posts per period (rounded, 0 to MaxFeedVolume); nil means 1
	Posts  []*FeedPost
	// Reactions are how the public answers a team's own post (see
	// reaction.go); nil: DefaultReactions.
	Reactions []*Reaction
}

// MaxFeedVolume bounds the posts per period.
const MaxFeedVolume = 5

// FeedPost is one template of the feed.
type FeedPost struct {
	Pos     Pos
	ID      string
	Channel string // social or news
	When    *Expr  // nil: always eligible
	Weight  float64
	Max     int // times it may appear per team (default 1)
	From    Text
	Text    Text
	// TextAlts are the alternatives when the text varies between runs
	// (see Inject.TextAlts).
	TextAlts []Alt
	Tone     string // support, neutral, hostile, ridicule (for display)
	// Persona is the id of the persona who posts it ("" when none); From
	// then defaults to the persona's name and outlet.
	Persona string
	// Media are the pictures the post carries (a customer's photo, a
	// screenshot), as an inject's.
	Media []*Media
}

// FeedTones are the tones a feed post can have.
var FeedTones = []string{"support", "neutral", "hostile", "ridicule"}
