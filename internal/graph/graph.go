// Package graph builds a scenario's phase graph — phases as nodes; options,
// timeouts and automatic continues as edges — and renders it as Graphviz DOT
// or a Mermaid flowchart. Both renderings are deterministic (file order
// throughout), so they can be kept under version control and diffed.
//
// Layout places the same Graph for the GUI's branch map (app/branchmap.go
// draws it); the package does not depend on Fyne.
package graph

import (
	"fmt"
	"slices"
	"time"

	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// EdgeKind tells how a team moves along an edge.
type EdgeKind string

const (
	EdgeOption   EdgeKind = "option"   // the team chose an option
	EdgeTimeout  EdgeKind = "timeout"  // a decision's deadline passed unanswered
	EdgeContinue EdgeKind = "continue" // the phase moves on after a time
)

// Node is a phase.
type Node struct {
	ID    string
	Title string // in the graph's language; the phase id when the phase has no title
	Tone  string // good, mixed or bad for an ending phase; "" otherwise
	Start bool   // the phase every team starts in
	// Depth is the length of the shortest path from the start phase (0 for
	// start), or -1 for a phase no path reaches (a loaded scenario has none).
	Depth int
	// Decisions are, with Options.Readable, the questions of the phase's
	// decisions that move a team, each with the mark its edges carry
	// ("(1) Who is served first tonight?"), when there are several; nil
	// otherwise.
	Decisions []string
}

// Ending reports whether the node is an ending phase.
func (n Node) Ending() bool { return n.Tone != "" }

// Edge is one way from a phase to another.
type Edge struct {
	From, To string
	Kind     EdgeKind
	Decision string        // for option and timeout edges
	Option   string        // for option edges
	After    time.Duration // for continue edges
	Label    string        // in the graph's language
	// Route is n (from 1) for the n-th conditional route of the option,
	// timeout or continue (taken when its condition holds), 0 otherwise.
	Route int
	When  string // a route's condition, as written
	// Full is, with Options.Readable, what the label says in full: the
	// option's whole text, the whole condition in words.
	Full string
}

// Key identifies the edge within its scenario: "decision.option" for an
// option, "decision!timeout" for a timeout, "phase!continue" for a continue.
func (e Edge) Key() string {
	if e.Route > 0 {
		return fmt.Sprintf("%s?%d", e.choiceKey(), e.Route)
	}
	return e.choiceKey()
}

// choiceKey is the key of what the team did to take the edge: the option,
// the timeout or the continue (the same for its conditional routes).
func (e Edge) choiceKey() string {
	switch e.Kind {
	case EdgeOption:
		return OptionKey(e.Decision, e.Option)
	case EdgeTimeout:
		return TimeoutKey(e.Decision)
	}
	return e.From + "!continue"
}

// OptionKey is the Key of the edge an option creates.
func OptionKey(decision, option string) string { return decision + "." + option }

// TimeoutKey is the Key of the edge a decision's timeout creates.
func TimeoutKey(decision string) string { return decision + "!timeout" }

// Graph is a scenario's phase graph in one language.
type Graph struct {
	ID    string // scenario id
	Title string
	Lang  string
	Nodes []Node // in file order
	Edges []Edge // in file order: per phase, decisions, their options, their timeout; then the continue

	// On-path marks, set by Highlight.
	nodeOn map[string]bool
	edgeOn map[int]bool
}

// Options choose how a graph is labelled.
type Options struct {
	Lang string // "en" or "zh"; other values give English labels
	// OptionText labels option edges with the option's text instead of its
	// id (long, but readable without the scenario file at hand).
	OptionText bool
	// Readable labels the graph for a reader who never sees an id (the
	// app's branch map): option edges with a short form of the option's
	// text, decisions of a phase that has several told apart by a mark
	// (Node.Decisions lists their questions), route conditions in words
	// (readable.go). It overrides OptionText.
	Readable bool
}

// Build makes the phase graph of a loaded scenario.
func Build(sc *scenario.Scenario, opts Options) *Graph {
	lang := opts.Lang
	if lang == "" {
		lang = "en"
	}
	loc := i18n.New(i18n.Lang(lang))
	g := &Graph{ID: sc.ID, Title: sc.Title.Get(lang), Lang: lang}
	for _, p := range sc.Phases {
		n := Node{ID: p.ID, Title: p.Title.Get(lang), Start: p.ID == scenario.StartPhase, Depth: -1}
		if n.Title == "" {
			n.Title = p.ID
		}
		if p.Ending != nil {
			n.Tone = p.Ending.Tone
			if n.Tone == "" {
				n.Tone = "mixed"
			}
		}
		g.Nodes = append(g.Nodes, n)
		// A phase's decisions are told apart on its edges only when it has
		// more than one (readable: more than one that moves a team).
		prefix := func(d *scenario.Decision, s string) string {
			if len(p.Decisions) > 1 && !opts.Readable {
				return d.ID + ": " + s
			}
			return s
		}
		if opts.Readable {
			if ds := deciding(p); len(ds) > 1 {
				marks := map[*scenario.Decision]string{}
				for i, d := range ds {
					marks[d] = numbered(loc, i+1)
					g.Nodes[len(g.Nodes)-1].Decisions = append(g.Nodes[len(g.Nodes)-1].Decisions,
						loc.T("graph.marked", "mark", marks[d], "text", question(d.Prompt.Get(lang))))
				}
				prefix = func(d *scenario.Decision, s string) string { return loc.T("graph.marked", "mark", marks[d], "text", s) }
			}
		}
		// routes adds the conditional moves of an option, timeout or
		// continue after its plain edge, labelled with their condition.
		routes := func(base Edge, rs []*scenario.Route) {
			for i, r := range rs {
				e := base
				e.To, e.Route, e.When = r.Next, i+1, r.When.Src
				if opts.Readable {
					when := condition(sc, loc, r.When.Src)
					e.Label = loc.T("graph.route_words", "label", base.Label, "when", Short(when, shortWhen))
					e.Full = loc.T("graph.route_words", "label", base.Full, "when", when)
				} else {
					e.Label = loc.T("graph.route", "label", base.Label, "when", r.When.Src)
				}
				g.Edges = append(g.Edges, e)
			}
		}
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				label := o.ID
				switch {
				case opts.Readable:
					label = Short(o.Text.Get(lang), shortOption)
					if label == "" {
						label = loc.T("graph.an_option")
					}
				case opts.OptionText:
					if t := o.Text.Get(lang); t != "" {
						label = t
					}
				}
				e := Edge{From: p.ID, To: o.Next, Kind: EdgeOption, Decision: d.ID, Option: o.ID, Label: prefix(d, label)}
				if opts.Readable {
					e.Full = prefix(d, oneLine(o.Text.Get(lang)))
					if len(d.Options) > 1 && sameShort(d, o, lang) { // two options would read alike
						e.Label = prefix(d, Short(o.Text.Get(lang), shortOption*3/2))
					}
				}
				if o.Next != "" { // without next the team stays in the phase
					g.Edges = append(g.Edges, e)
				}
				routes(e, o.Routes)
			}
			if d.OnTimeout != nil {
				e := Edge{From: p.ID, To: d.OnTimeout.Next, Kind: EdgeTimeout, Decision: d.ID, Label: prefix(d, loc.T("graph.timeout"))}
				e.Full = e.Label
				if e.To != "" {
					g.Edges = append(g.Edges, e)
				}
				routes(e, d.OnTimeout.Routes)
			}
		}
		if p.Continue != nil && p.Continue.Next != "" {
			e := Edge{From: p.ID, To: p.Continue.Next, Kind: EdgeContinue, After: p.Continue.After,
				Label: loc.T("graph.after", "time", duration(loc, p.Continue.After))}
			e.Full = e.Label
			g.Edges = append(g.Edges, e)
			routes(e, p.Continue.Routes)
		}
	}
	g.depths()
	return g
}

// duration shows a continue's delay: whole minutes as "10m" ("10分钟"),
// anything else as Go writes it.
func duration(loc *i18n.Localizer, d time.Duration) string {
	if d > 0 && d%time.Minute == 0 {
		return loc.T("graph.minutes", "n", int64(d/time.Minute))
	}
	return d.String()
}

// depths sets each node's BFS depth from the start phase, following edges in
// file order.
func (g *Graph) depths() {
	idx := map[string]int{}
	for i, n := range g.Nodes {
		idx[n.ID] = i
	}
	out := map[string][]string{}
	for _, e := range g.Edges {
		out[e.From] = append(out[e.From], e.To)
	}
	si, ok := idx[scenario.StartPhase]
	if !ok {
		return
	}
	g.Nodes[si].Depth = 0
	queue := []string{scenario.StartPhase}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, next := range out[cur] {
			j, ok := idx[next]
			if ok && g.Nodes[j].Depth < 0 {
				g.Nodes[j].Depth = g.Nodes[idx[cur]].Depth + 1
				queue = append(queue, next)
			}
		}
	}
}

// Node returns the node with the given id, or nil.
func (g *Graph) Node(id string) *Node {
	for i := range g.Nodes {
		if g.Nodes[i].ID == id {
			return &g.Nodes[i]
		}
	}
	return nil
}

// Highlight marks a team's way through the graph: the phases of path (in
// the order visited) and, between each two consecutive phases, the edge the
// team took. taken holds edge keys (OptionKey, TimeoutKey) of what the team
// chose or let time out; between two consecutive phases the edges in taken
// are marked, or every edge between them when none is (a continue, or a path
// given without choices). Calling it again replaces the marks; a nil path
// clears them.
func (g *Graph) Highlight(path []string, taken []string) {
	g.nodeOn, g.edgeOn = nil, nil
	if len(path) == 0 {
		return
	}
	g.nodeOn, g.edgeOn = map[string]bool{}, map[int]bool{}
	for _, p := range path {
		g.nodeOn[p] = true
	}
	for i := 0; i+1 < len(path); i++ {
		from, to := path[i], path[i+1]
		var between, chosen []int
		for j, e := range g.Edges {
			if e.From == from && e.To == to {
				between = append(between, j)
				if slices.Contains(taken, e.choiceKey()) {
					chosen = append(chosen, j)
				}
			}
		}
		if len(chosen) == 0 {
			chosen = between
		}
		for _, j := range chosen {
			g.edgeOn[j] = true
		}
	}
}

// Highlighted reports whether a Highlight is in effect.
func (g *Graph) Highlighted() bool { return g.nodeOn != nil }

// NodeOnPath reports whether the phase is on the highlighted path.
func (g *Graph) NodeOnPath(id string) bool { return g.nodeOn[id] }

// EdgeOnPath reports whether Edges[i] is on the highlighted path.
func (g *Graph) EdgeOnPath(i int) bool { return g.edgeOn[i] }

// Tone colours, shared by the DOT and Mermaid renderings (the GUI uses its
// theme's colours).
var toneFill = map[string]string{"good": "#c8e6c9", "mixed": "#fff3c4", "bad": "#ffcdd2"}
var toneStroke = map[string]string{"good": "#2e7d32", "mixed": "#b28704", "bad": "#c62828"}

const (
	pathColour  = "#1565c0"
	plainFill   = "#ffffff"
	plainStroke = "#455a64"
	startFill   = "#e3f2fd"
)

func mustTone(tone string) string {
	if _, ok := toneFill[tone]; ok {
		return tone
	}
	return "mixed"
}
