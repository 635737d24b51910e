package scenario

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Short formats and difficulty (the top-level formats block):
//
//	formats:
//	  cuts:
//	    short:                      # a cut: a shorter version of the same file
//	      title: {en: 30-minute version, zh: 30 分钟版}
//	      minutes: 30               # it lasts this long (its duration)
//	      time: 0.5                 # every time in the file × 0.5 (default 1)
//	      drop: [market-update]     # phases it leaves out
//	      instead: {market-update: follow-up} # where a move into a dropped phase goes
//	  difficulty:                   # optional: the defaults are below
//	    easy: {deadlines: 1.25, feed: 0.5}
//	    hard: {deadlines: 0.75, feed: 1.5}
//
// An inject with "hostile: true" is left out at easy difficulty. The
// facilitator chooses a cut and a difficulty at setup; Variant makes the
// scenario as played, which the engine, the analysis, the team laptops and
// the debrief all read, so none of them needs to know about formats.

// Cut and difficulty names.
const (
	// FullCut is the whole scenario, as written (also "").
	FullCut = "full"

	DifficultyEasy     = "easy"
	DifficultyStandard = "standard"
	DifficultyHard     = "hard"
)

// Difficulties lists the difficulty levels, easiest first.
var Difficulties = []string{DifficultyEasy, DifficultyStandard, DifficultyHard}

// Bounds of a format's numbers.
const (
	MinCutTime      = 0.1 // a cut's time factor: at least a tenth
	MaxCutTime      = 1.0 // and at most the file's times
	MinLevelFactor  = 0.25
	MaxLevelFactor  = 4.0
	MinScaledTiming = 10 * time.Second // a scaled deadline or target is never shorter
)

// Formats are a scenario's cuts and difficulty levels.
type Formats struct {
	Pos  Pos
	Cuts []*Cut // in file order
	// Levels are the easy and hard levels (standard is the file as
	// written); a level the file does not set has its default.
	Levels map[string]*Level
}

// Cut is a declared shorter version of the scenario.
type Cut struct {
	Pos     Pos
	ID      string
	Title   Text
	Minutes int     // how long it lasts: the played scenario's duration
	Time    float64 // every time of the file is multiplied by it (0.1 to 1)
	Drop    []string
	DropPos []Pos
	// Instead sends a move into a dropped phase to a kept one.
	Instead    map[string]string
	InsteadPos map[string]Pos
}

// Duration is how long the cut lasts.
func (c *Cut) Duration() time.Duration { return time.Duration(c.Minutes) * time.Minute }

// Level is how a difficulty changes pressure: decision targets and
// deadlines are multiplied by Deadlines, the feed's posts per period by
// Feed; at easy, hostile injects are left out.
type Level struct {
	Pos       Pos
	Deadlines float64
	Feed      float64
}

// DefaultLevels are the levels of a scenario that does not set its own.
var DefaultLevels = map[string]Level{
	DifficultyEasy:     {Deadlines: 1.25, Feed: 0.5},
	DifficultyStandard: {Deadlines: 1, Feed: 1},
	DifficultyHard:     {Deadlines: 0.75, Feed: 1.5},
}

// Level returns the difficulty's level: the file's, else the default.
// Unknown difficulties are standard.
func (s *Scenario) Level(difficulty string) Level {
	if s.Formats != nil {
		if l := s.Formats.Levels[difficulty]; l != nil {
			return *l
		}
	}
	if l, ok := DefaultLevels[difficulty]; ok {
		return l
	}
	return DefaultLevels[DifficultyStandard]
}

// Cut returns the cut with this id, or nil.
func (s *Scenario) Cut(id string) *Cut {
	if s.Formats == nil {
		return nil
	}
	for _, c := range s.Formats.Cuts {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Cuts lists the scenario's cuts in file order.
func (s *Scenario) Cuts() []*Cut {
	if s.Formats == nil {
		return nil
	}
	return s.Formats.Cuts
}

// Refusals of Variant.
var (
	ErrNoSuchCut        = errors.New("the scenario has no such cut")
	ErrNoSuchDifficulty = errors.New("no such difficulty")
)

// NormalCut turns "" into FullCut.
func NormalCut(cut string) string {
	if cut == "" {
		return FullCut
	}
	return cut
}

// NormalDifficulty turns "" into DifficultyStandard.
func NormalDifficulty(d string) string {
	if d == "" {
		return DifficultyStandard
	}
	return d
}

// CheckVariant tells whether the scenario can be played in the cut at the
// difficulty ("" is the full version, standard), without making it.
func (s *Scenario) CheckVariant(cut, difficulty string) error {
	if c := NormalCut(cut); c != FullCut && s.Cut(c) == nil {
		return fmt.Errorf("%w: %q", ErrNoSuchCut, c)
	}
	if !slices.Contains(Difficulties, NormalDifficulty(difficulty)) {
		return fmt.Errorf("%w: %q (easy, standard or hard)", ErrNoSuchDifficulty, difficulty)
	}
	return nil
}

// Played is the cut and difficulty a scenario is played in (the file as
// written: FullCut, DifficultyStandard).
func (s *Scenario) Played() (cut, difficulty string) {
	return NormalCut(s.CutID), NormalDifficulty(s.Difficulty)
}

// Variant returns the scenario as played in the cut at the difficulty: the
// cut's phases, with its times and duration, the difficulty's deadlines,
// feed volume and hostile injects. The full version at standard difficulty
// is the scenario itself. The result is a new scenario; s is not changed.
func (s *Scenario) Variant(cut, difficulty string) (*Scenario, error) {
	if err := s.CheckVariant(cut, difficulty); err != nil {
		return nil, err
	}
	cut, difficulty = NormalCut(cut), NormalDifficulty(difficulty)
	if cut == FullCut && difficulty == DifficultyStandard {
		return s, nil
	}
	v := s.variant(s.Cut(cut), difficulty)
	v.index()
	return v, nil
}

// variant makes the played scenario (c nil: the whole).
func (s *Scenario) variant(c *Cut, difficulty string) *Scenario {
	v := *s
	v.Difficulty = difficulty
	v.CutID = FullCut
	level := s.Level(difficulty)
	timeF := 1.0
	dropped := map[string]bool{}
	redirect := func(id string) string { return id }
	if c != nil {
		v.CutID, v.Duration, timeF = c.ID, c.Duration(), c.Time
		for _, id := range c.Drop {
			dropped[id] = true
		}
		redirect = func(id string) string {
			if dropped[id] {
				return c.Instead[id]
			}
			return id
		}
	}
	if c == nil && level.Deadlines > 1 {
		// More time per decision: the full version lasts longer by as
		// much, so every way through still ends (a cut keeps its minutes
		// and must fit them at every difficulty).
		const step = 5 * time.Minute // a length a facilitator can plan with
		longer := time.Duration(float64(s.Duration) * level.Deadlines)
		v.Duration = (longer + step - 1) / step * step
	}
	v.TimeScale = s.timeScale() * timeF
	v.FeedScale = s.feedScale() * level.Feed
	scale := func(d time.Duration) time.Duration { return scaleDur(d, timeF, 0) }
	routes := func(rs []*Route) []*Route {
		out := make([]*Route, len(rs))
		for i, r := range rs {
			r2 := *r
			r2.Next = redirect(r.Next)
			out[i] = &r2
		}
		return out
	}
	v.Phases = nil
	v.phaseByID = map[string]*Phase{}
	for _, p := range s.Phases {
		if dropped[p.ID] {
			continue
		}
		p2 := *p
		p2.Index, p2.injectByID, p2.arrival = len(v.Phases), nil, nil
		p2.Injects = nil
		for _, in := range p.Injects {
			if in.Hostile && difficulty == DifficultyEasy {
				continue
			}
			in2 := *in
			in2.At = scale(in.At)
			p2.Injects = append(p2.Injects, &in2)
		}
		p2.Decisions = make([]*Decision, len(p.Decisions))
		for i, d := range p.Decisions {
			d2 := *d
			d2.Phase, d2.opener, d2.indexed = &p2, nil, false
			if d.At != nil {
				at := scale(*d.At)
				d2.At = &at
			}
			d2.Target = scaleDur(d.Target, timeF*level.Deadlines, MinScaledTiming)
			d2.Deadline = scaleDur(d.Deadline, timeF*level.Deadlines, MinScaledTiming)
			d2.Target = min(d2.Target, d2.Deadline)
			d2.Options = make([]*Option, len(d.Options))
			for j, o := range d.Options {
				o2 := *o
				o2.Next = redirect(o.Next)
				o2.Routes = routes(o.Routes)
				if o.Promise != nil {
					pr := *o.Promise
					pr.Within = scaleDur(pr.Within, timeF, time.Second)
					o2.Promise = &pr
				}
				d2.Options[j] = &o2
			}
			if d.OnTimeout != nil {
				t2 := *d.OnTimeout
				t2.Next = redirect(t2.Next)
				t2.Routes = routes(t2.Routes)
				d2.OnTimeout = &t2
			}
			p2.Decisions[i] = &d2
		}
		if p.Continue != nil {
			c2 := *p.Continue
			c2.After = scale(c2.After)
			c2.Next = redirect(c2.Next)
			c2.Routes = routes(c2.Routes)
			p2.Continue = &c2
		}
		v.Phases = append(v.Phases, &p2)
		v.phaseByID[p2.ID] = &p2
	}
	v.Rules = make([]*Rule, len(s.Rules))
	for i, r := range s.Rules {
		r2 := *r
		r2.Every = scaleDur(r.Every, timeF, MinRuleEvery)
		v.Rules[i] = &r2
	}
	v.Deadlines = make([]*RegDeadline, len(s.Deadlines))
	for i, d := range s.Deadlines {
		d2 := *d
		d2.Within = scaleDur(d.Within, timeF, time.Second)
		v.Deadlines[i] = &d2
	}
	if s.Feed != nil {
		f2 := *s.Feed
		f2.Every = scaleDur(f2.Every, timeF, MinRuleEvery)
		v.Feed = &f2
	}
	if timeF != 1 {
		// The cadence of public updates the scoring expects (the file's,
		// or the default) shrinks with the times.
		v.Scoring.UpdatesEvery = scaleDur(s.UpdatesEvery(), timeF, time.Minute)
	}
	v.PressConferences = nil
	for _, pc := range s.PressConferences {
		if dropped[pc.Phase] {
			continue
		}
		pc2 := *pc
		pc2.After = scale(pc.After)
		pc2.Clock = max(MinPressClock, scaleDur(pc.Clock, level.Deadlines, 0))
		v.PressConferences = append(v.PressConferences, &pc2)
	}
	v.Cases = variantCases(s.Cases, dropped, scale, timeF*level.Deadlines)
	if len(dropped) > 0 {
		kept := func(ids []string) []string {
			var out []string
			for _, id := range ids {
				if v.phaseHasDecision(id) {
					out = append(out, id)
				}
			}
			return out
		}
		v.Objectives = make([]*Objective, len(s.Objectives))
		for i, o := range s.Objectives {
			o2 := *o
			o2.Decisions = kept(o.Decisions)
			v.Objectives[i] = &o2
		}
		if s.Roleplay != nil {
			r2 := *s.Roleplay
			r2.Decisions = kept(s.Roleplay.Decisions)
			v.Roleplay = &r2
		}
	}
	v.triggerByID, v.ruleByID, v.decisionByID = nil, nil, nil
	return &v
}

// phaseHasDecision tells whether a kept phase has the decision.
func (s *Scenario) phaseHasDecision(id string) bool {
	for _, p := range s.Phases {
		if p.Decision(id) != nil {
			return true
		}
	}
	return false
}

func (s *Scenario) timeScale() float64 {
	if s.TimeScale <= 0 {
		return 1
	}
	return s.TimeScale
}

func (s *Scenario) feedScale() float64 {
	if s.FeedScale <= 0 {
		return 1
	}
	return s.FeedScale
}

// StoryMinutes is what expressions read as "minutes" at exercise time at:
// the minutes of the file's own timeline, so a cut that runs at half the
// time still reads "minutes > 20" at the same point of the story.
func (s *Scenario) StoryMinutes(at time.Duration) float64 {
	if s == nil {
		return at.Minutes()
	}
	return at.Minutes() / s.timeScale()
}

// FeedVolume is the number of posts a feed period gets when the file's
// volume is vol: scaled by the difficulty, rounded, within 0 to
// MaxFeedVolume.
func (s *Scenario) FeedVolume(vol float64) int {
	if math.IsNaN(vol) {
		return 0
	}
	return int(math.Round(min(MaxFeedVolume, max(0, vol*s.feedScale()))))
}

// scaleDur multiplies a positive time by f, to the second, no shorter than
// floor (nor than 1s); zero stays zero.
func scaleDur(d time.Duration, f float64, floor time.Duration) time.Duration {
	if d <= 0 || f == 1 {
		return d
	}
	out := time.Duration(float64(d) * f).Round(time.Second)
	return max(out, floor, time.Second)
}

// formats reads the top-level formats block.
func (l *loader) formats(n *yaml.Node) *Formats {
	f, _, ok := l.fields(n, field("formats"), "cuts", "difficulty")
	if !ok {
		return nil
	}
	out := &Formats{Pos: pos(n), Levels: map[string]*Level{}}
	if c := f["cuts"]; c != nil {
		ks, vs := l.entries(c, fieldOf("cuts", field("formats")))
		for i := range ks {
			if cut := l.cut(ks[i], vs[i]); cut != nil {
				out.Cuts = append(out.Cuts, cut)
			}
		}
	}
	if d := f["difficulty"]; d != nil {
		lf, _, ok := l.fields(d, fieldOf("difficulty", field("formats")), "easy", "hard")
		if ok {
			for _, name := range []string{DifficultyEasy, DifficultyHard} {
				if lf[name] != nil {
					if lv := l.level(lf[name], name); lv != nil {
						out.Levels[name] = lv
					}
				}
			}
		}
	}
	return out
}

func (l *loader) cut(k, v *yaml.Node) *Cut {
	id, ok := l.id(k, phrase("cut"))
	if !ok {
		return nil
	}
	if id == FullCut {
		l.errf(k, "cut id %q is the whole scenario; give the cut another id", FullCut)
		return nil
	}
	what := phrase("cut %q", id)
	f, _, ok := l.fields(v, what, "title", "minutes", "time", "drop", "instead")
	if !ok {
		return nil
	}
	c := &Cut{Pos: pos(k), ID: id, Time: 1, Instead: map[string]string{}, InsteadPos: map[string]Pos{}}
	if f["title"] == nil {
		l.errf(k, "%s needs a title, the name the facilitator chooses it by", what)
	}
	c.Title = l.text(f["title"], sub(what, "title"))
	if f["minutes"] == nil {
		l.errf(k, "%s needs 'minutes', how long it lasts", what)
	} else if s, ok := l.str(f["minutes"], sub(what, "minutes")); ok {
		m, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || m < 1 || m > 24*60 {
			l.errf(f["minutes"], "minutes of %s must be a whole number of minutes from 1 to %d, not %q", what, 24*60, clip(s, 20))
		} else {
			c.Minutes = m
		}
	}
	if n := f["time"]; n != nil {
		if t, ok := l.number(n, sub(what, "time")); ok {
			if t < MinCutTime || t > MaxCutTime {
				l.errf(n, "time of %s multiplies every time of the scenario; it must be from %g to %g, not %g", what, MinCutTime, MaxCutTime, t)
			} else {
				c.Time = t
			}
		}
	}
	if n := f["drop"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			l.errf(n, "%s must be a list of ids, like [a, b]", fieldOf("drop", what))
		} else {
			for _, e := range n.Content {
				if id, ok := l.id(e, phrase("phase")); ok {
					if slices.Contains(c.Drop, id) {
						l.errf(e, "%s drops phase %q twice", what, id)
						continue
					}
					c.Drop, c.DropPos = append(c.Drop, id), append(c.DropPos, pos(e))
				}
			}
		}
	}
	if n := f["instead"]; n != nil {
		ks, vs := l.entries(n, fieldOf("instead", what))
		for i := range ks {
			from, ok1 := l.id(ks[i], phrase("phase"))
			to, ok2 := l.id(vs[i], phrase("phase"))
			if ok1 && ok2 {
				c.Instead[from], c.InsteadPos[from] = to, pos(ks[i])
			}
		}
	}
	return c
}

func (l *loader) level(n *yaml.Node, name string) *Level {
	what := phrase("difficulty %q", name)
	f, _, ok := l.fields(n, what, "deadlines", "feed")
	if !ok {
		return nil
	}
	lv := DefaultLevels[name]
	lv.Pos = pos(n)
	for _, key := range []string{"deadlines", "feed"} {
		vn := f[key]
		if vn == nil {
			continue
		}
		x, ok := l.number(vn, sub(what, key))
		if !ok {
			continue
		}
		lo, hi := MinLevelFactor, MaxLevelFactor
		if key == "feed" {
			lo = 0
		}
		if x < lo || x > hi {
			l.errf(vn, "%s of %s multiplies the scenario's own; it must be from %g to %g, not %g", key, what, lo, hi, x)
			continue
		}
		// Easy must ease the pressure and hard raise it: more time is
		// easier, fewer posts are easier.
		easier := (key == "deadlines" && x >= 1) || (key == "feed" && x <= 1)
		harder := (key == "deadlines" && x <= 1) || (key == "feed" && x >= 1)
		if name == DifficultyEasy && !easier {
			l.errf(vn, "%s of %s is %g, which makes easy harder than standard (1): easy gives more time and fewer posts", key, what, x)
			continue
		}
		if name == DifficultyHard && !harder {
			l.errf(vn, "%s of %s is %g, which makes hard easier than standard (1): hard gives less time and more posts", key, what, x)
			continue
		}
		if key == "deadlines" {
			lv.Deadlines = x
		} else {
			lv.Feed = x
		}
	}
	return &lv
}

// checkFormats checks the cuts against the whole scenario: the phases they
// name, the moves they leave without a phase, and for every difficulty
// that the played scenario still reaches an ending from every phase and
// fits in the cut's minutes. It also checks the hostile injects.
func (l *loader) checkFormats(s *Scenario) {
	starts := map[string]bool{}
	for _, d := range s.Deadlines {
		starts[d.StartsWith] = true
	}
	for _, p := range s.Phases {
		for _, in := range p.Injects {
			if !in.Hostile {
				continue
			}
			if in.Opens != "" {
				l.add(in.Pos, SevError, "inject %q is hostile, so easy difficulty leaves it out, but it opens decision %q; a decision is never left out", in.ID, in.Opens)
			}
			if starts[in.ID] {
				l.add(in.Pos, SevError, "inject %q is hostile, so easy difficulty leaves it out, but a regulatory deadline starts with it", in.ID)
			}
		}
	}
	if s.Formats == nil {
		return
	}
	for _, c := range s.Formats.Cuts {
		if !l.checkCutRefs(s, c) {
			continue
		}
		for _, diff := range Difficulties {
			v := s.variant(c, diff)
			sub := &loader{file: l.file}
			sub.checkGraph(v)
			for _, p := range sub.probs.Errors() {
				l.add(c.Pos, SevError, "cut %q at %s difficulty: %s", c.ID, field(diff), Phrase{Format: p.Format, Args: p.Args})
			}
			if len(sub.probs.Errors()) > 0 {
				break
			}
			longest, via := v.LongestPlay()
			if longest < 0 {
				l.add(c.Pos, SevError, "cut %q at %s difficulty cannot fit its %d minutes: in phase %q nothing makes the team move on, so it may wait until time runs out", c.ID, field(diff), c.Minutes, via)
				break
			}
			if longest > c.Duration() {
				l.add(c.Pos, SevError, "cut %q at %s difficulty cannot fit its %d minutes: a team that waits for every deadline plays %s (through %s); shorten its time or drop phases", c.ID, field(diff), c.Minutes, dur(longest.Round(time.Second)), via)
				break
			}
		}
	}
}

// checkCutRefs checks the phases a cut names, and that no kept phase
// leads into a dropped one without an "instead". It reports whether the
// cut can be made.
func (l *loader) checkCutRefs(s *Scenario, c *Cut) bool {
	ok := true
	dropped := map[string]bool{}
	for i, id := range c.Drop {
		switch {
		case s.Phase(id) == nil:
			l.add(c.DropPos[i], SevError, "cut %q drops phase %q, which does not exist%s", c.ID, id, suggest(id, s.phaseIDs()))
			ok = false
		case id == StartPhase:
			l.add(c.DropPos[i], SevError, "cut %q drops phase %q, where every team starts", c.ID, id)
			ok = false
		}
		dropped[id] = true
	}
	froms := make([]string, 0, len(c.Instead))
	for from := range c.Instead {
		froms = append(froms, from)
	}
	sort.Strings(froms)
	for _, from := range froms {
		to, at := c.Instead[from], c.InsteadPos[from]
		switch {
		case !dropped[from]:
			l.add(at, SevError, "cut %q says where a move into phase %q goes instead, but it does not drop %q", c.ID, from, from)
			ok = false
		case s.Phase(to) == nil:
			l.add(at, SevError, "cut %q sends moves into phase %q to phase %q, which does not exist%s", c.ID, from, to, suggest(to, s.phaseIDs()))
			ok = false
		case dropped[to]:
			l.add(at, SevError, "cut %q sends moves into phase %q to phase %q, which it drops too", c.ID, from, to)
			ok = false
		}
	}
	if !ok {
		return false
	}
	for _, p := range s.Phases {
		if dropped[p.ID] {
			continue
		}
		for _, next := range p.Next() {
			if dropped[next] && c.Instead[next] == "" {
				i := slices.Index(c.Drop, next)
				l.add(c.DropPos[i], SevError, "cut %q drops phase %q, which kept phase %q (line %d) leads to; keep it, or say where such a move goes: instead: {%s: …}", c.ID, next, p.ID, p.Pos.Line, next)
				ok = false
			}
		}
	}
	return ok
}

// LongestPlay is an upper bound of how long a team plays before it reaches
// an ending when every decision is answered at its deadline, or left to
// time out, and every way is taken: the longest of the ways through the
// phases, each phase lasting until the first thing that must move the team
// on (a continue, or a decision whose options and timeout all lead on).
// It returns -1 and the phase when some reachable phase has nothing that
// must move the team on (or a loop of phases can go on without end), and
// otherwise the bound and the phases of its longest way, joined by " → ".
func (s *Scenario) LongestPlay() (time.Duration, string) {
	memo := map[string]time.Duration{}
	bestNext := map[string]string{}
	const visiting = time.Duration(-2)
	var stuck string
	var walk func(id string) time.Duration
	walk = func(id string) time.Duration {
		if d, ok := memo[id]; ok {
			if d == visiting {
				stuck = id
				return -1
			}
			return d
		}
		p := s.Phase(id)
		if p == nil || p.Ending != nil {
			memo[id] = 0
			return 0
		}
		memo[id] = visiting
		stay := p.MustLeaveBy()
		if stay < 0 {
			stuck = id
			memo[id] = -1
			return -1
		}
		longest := time.Duration(0)
		for _, n := range p.Next() {
			d := walk(n)
			if d < 0 {
				memo[id] = -1
				return -1
			}
			if bestNext[id] == "" || d > longest {
				longest, bestNext[id] = d, n
			}
		}
		memo[id] = stay + longest
		return stay + longest
	}
	total := walk(StartPhase)
	if total < 0 {
		return -1, stuck
	}
	var path []string
	for id, seen := StartPhase, map[string]bool{}; id != "" && !seen[id]; id = bestNext[id] {
		seen[id] = true
		path = append(path, id)
	}
	return total, strings.Join(path, " → ")
}

// MustLeaveBy is the latest time in the phase at which something moves the
// team on for sure, or -1 when nothing must.
func (p *Phase) MustLeaveBy() time.Duration {
	by := time.Duration(-1)
	take := func(d time.Duration) {
		if by < 0 || d < by {
			by = d
		}
	}
	if p.Continue != nil {
		take(p.Continue.After)
	}
	for _, d := range p.Decisions {
		if d.OnTimeout == nil || !leadsOn(d.OnTimeout.Next, d.OnTimeout.Routes) {
			continue
		}
		all := true
		for _, o := range d.Options {
			all = all && leadsOn(o.Next, o.Routes)
		}
		if all {
			take(d.OpensAt() + d.Deadline)
		}
	}
	return by
}

// leadsOn tells whether a move always leaves the phase: it has a next
// phase (routes only choose another).
func leadsOn(next string, _ []*Route) bool { return next != "" }
