package msel

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Decision windows of an imported poll: an MSEL asks for an answer but
// gives it no time limit.
const (
	PollTarget   = 5 * time.Minute
	PollDeadline = 10 * time.Minute
	// EndGrace is the time after the last inject (or the last poll's
	// deadline) before the exercise reaches its ending.
	EndGrace = time.Minute
	// maxExercise is the longest a scenario's duration may be.
	maxExercise = 24 * time.Hour
)

// ConvertOptions tune Convert.
type ConvertOptions struct {
	// ID is the scenario's id; "" makes one from the file name.
	ID string
	// Lang is the language the MSEL is written in ("en" or "zh"); ""
	// detects it from the text.
	Lang string
	// Pictures, when set, makes the local pictures the MSEL refers to
	// (T3SF Photo and Profile) the injects' pictures: the scenario names
	// them under the folder <ID>-media beside it, and Result.Media holds
	// them for the caller to write there. Unset (a scenario written to
	// standard output), the injects' texts name the files instead.
	Pictures bool
}

// Result is a scenario made from an MSEL.
type Result struct {
	YAML      []byte
	Scenario  *scenario.Scenario // YAML as the loader reads it
	Lint      scenario.Problems  // what `firebreak lint` says about it (warnings only)
	Lang      string             // the MSEL's language
	Phases    int                // phases made from sections (the ending not counted)
	Injects   int
	Decisions int
	// Media are the pictures the scenario carries, by their path relative
	// to the scenario file (<id>-media/<name>): the caller writes them
	// there (ConvertOptions.Pictures).
	Media map[string][]byte
}

// Convert turns an MSEL into a Firebreak scenario: one phase per MSEL
// section (one phase when it has none) that moves on to the next by time,
// and an ending after the last; an inject per row; a decision only where
// the row asks for a response (a poll with two or more options). The
// scenario is checked by the same loader as `firebreak lint` before it is
// returned.
func Convert(m *MSEL, opt ConvertOptions) (*Result, ErrorList) {
	var errs ErrorList
	c := &converter{m: m, errs: &errs, lang: opt.Lang, pictures: opt.Pictures}
	if c.lang == "" {
		c.lang = detectLang(m)
	}
	if c.lang != "zh" {
		c.lang = "en"
	}
	id := opt.ID
	if id == "" {
		id = slug(strings.TrimSuffix(filepath.Base(m.File), filepath.Ext(m.File)), 60)
	}
	if id == "" || !unicode.IsLetter(rune(id[0])) && !unicode.IsDigit(rune(id[0])) {
		id = "imported-msel"
	}
	c.id = id
	c.layout()
	if errs.HasErrors() {
		errs.Sort()
		return nil, errs
	}
	doc := c.document()
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		errs.errorf(Position{File: m.File}, "the scenario cannot be written: %v", err)
		return nil, errs
	}
	enc.Close()
	out := b.Bytes()
	s, probs := scenario.Parse(id+".yaml", out)
	if len(probs.Errors()) > 0 {
		for _, p := range probs.Errors() {
			errs.errorf(Position{File: m.File}, "the scenario made from it does not load: line %d: %s", p.Pos.Line, p.Msg)
		}
		errs.Sort()
		return nil, errs
	}
	errs.Sort()
	return &Result{YAML: out, Scenario: s, Lint: probs, Lang: c.lang, Phases: len(c.phases),
		Injects: c.injects, Decisions: c.decisions, Media: c.media}, errs
}

type converter struct {
	m    *MSEL
	errs *ErrorList
	lang string
	id   string

	phases    []*phase
	roles     []string          // role ids in order
	roleName  map[string]string // id -> name
	roleOf    map[string]string // lower-case name -> id
	duration  time.Duration
	injects   int
	decisions int

	pictures   bool              // carry local pictures (ConvertOptions.Pictures)
	media      map[string][]byte // the pictures carried, by path in the scenario
	mediaOf    map[string]string // a picture's resolved path -> its path in the scenario
	mediaBytes int
}

type phase struct {
	id, name string
	start    time.Duration // from the start of the exercise
	length   time.Duration // until the continue
	events   []*Event
	at       []time.Duration
}

// layout groups the events into phases and times them.
func (c *converter) layout() {
	byName := map[string]*phase{}
	for _, ev := range c.m.Events {
		p := byName[ev.Section]
		if p == nil {
			p = &phase{name: ev.Section}
			byName[ev.Section] = p
			c.phases = append(c.phases, p)
		}
		p.events = append(p.events, ev)
	}
	// A row without a time takes the one before it.
	var prev *time.Duration
	for _, ev := range c.m.Events {
		switch {
		case ev.At != nil:
			prev = ev.At
		case ev.PhaseAt != nil:
		case prev != nil:
			d := *prev
			ev.At = &d
			c.errs.warnf(ev.at(fTime, fPhaseTime), "the row has no time; it arrives with the row before it, at %s", fmtClock(d))
		default:
			d := time.Duration(0)
			ev.At, prev = &d, &d
			c.errs.warnf(ev.at(fTime, fPhaseTime), "the row has no time; it arrives at the start (0:00:00)")
		}
	}
	ids := map[string]bool{"end": true}
	cursor := time.Duration(0)
	for k, p := range c.phases {
		switch {
		case k == 0:
			p.id = scenario.StartPhase
		default:
			p.id = unique(ids, slug(p.name, 50), fmt.Sprintf("section-%d", k+1))
		}
		ids[p.id] = true
		p.start = cursor
		if first, ok := earliest(p.events); ok && first > cursor {
			p.start = first
		}
		var end time.Duration
		for _, ev := range p.events {
			var at time.Duration
			if ev.At != nil {
				at = *ev.At - p.start
				if at < 0 {
					at = 0
					c.errs.warnf(ev.at(fTime), "the row's time %s falls before its section %q can start (the section before it runs until %s); it arrives when the section starts",
						fmtClock(*ev.At), p.name, fmtClock(p.start))
				}
			} else {
				at = *ev.PhaseAt
			}
			p.at = append(p.at, at)
			e := at
			if len(uniqueOptions(ev.Options)) >= 2 {
				e += PollDeadline
			}
			end = max(end, e)
		}
		p.length = end
		if k+1 < len(c.phases) {
			if next, ok := earliest(c.phases[k+1].events); ok && next-p.start > p.length {
				p.length = next - p.start
			}
		} else {
			p.length += EndGrace
		}
		cursor = p.start + p.length
	}
	c.duration = cursor + 5*time.Minute
	if cursor >= maxExercise {
		last := c.phases[len(c.phases)-1]
		c.errs.errorf(last.events[len(last.events)-1].at(fTime), "the MSEL runs for %s; a Firebreak exercise lasts at most 24h (split it into one MSEL per day)", fmtClock(cursor))
	}
	c.duration = min(c.duration, maxExercise)
}

func earliest(evs []*Event) (time.Duration, bool) {
	var best time.Duration
	ok := false
	for _, ev := range evs {
		if ev.At != nil && (!ok || *ev.At < best) {
			best, ok = *ev.At, true
		}
	}
	return best, ok
}

func unique(taken map[string]bool, want, fallback string) string {
	if want == "" || want == "start" || want == "end" {
		want = fallback
	}
	id := want
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", want, n)
	}
	return id
}

// words Firebreak adds to a scenario, per language.
var words = map[string]map[string]string{
	"en": {
		"title":      "Imported MSEL: %s",
		"summary":    "Imported by firebreak import from %s (%s MSEL, %d rows). An MSEL is linear: the scenario has one phase per MSEL section (or one phase) that moves on by time, and decisions only where the MSEL asks for a response (a poll). Texts are shown as the MSEL wrote them, in every language.",
		"phase":      "Events",
		"end":        "End of the MSEL",
		"outcome":    "Every inject of the MSEL has been delivered. Review the team's answers in the debrief.",
		"photo":      "Photo",
		"profile":    "Sender's picture",
		"url":        "a web address: not shown, the exercise runs offline",
		"local":      "the facilitator hands out this file",
		"profilealt": "The sender's picture: %s",
		"missing":    "not found beside the MSEL",
		"poll":       "Poll",
		"answer":     "Your answer?",
		"sep":        ": ",
		"paren":      " (%s)",
		"nameparen":  " (%s)",
	},
	"zh": {
		"title":      "导入的演练事件清单：%s",
		"summary":    "由 firebreak import 从 %s 导入（%s 格式的演练事件清单，共 %d 行）。演练事件清单是线性的：每个清单分段对应一个阶段（没有分段时只有一个阶段），按时间依次推进；只有清单要求作答的地方（投票）才设为决策。文本按清单原文显示，各语言相同。",
		"phase":      "事件",
		"end":        "演练事件清单结束",
		"outcome":    "清单中的所有注入均已送达。请在复盘报告中回顾小组的作答。",
		"photo":      "图片",
		"profile":    "发送方头像",
		"url":        "网址：演练离线进行，不显示",
		"local":      "由主持人分发此文件",
		"profilealt": "发送方头像：%s",
		"missing":    "在清单所在文件夹中未找到",
		"poll":       "投票",
		"answer":     "你们的回答？",
		"sep":        "：",
		"paren":      "（%s）",
		"nameparen":  "（%s）",
	},
}

func (c *converter) w(key string) string { return words[c.lang][key] }

// both is a text in both languages, from the words table.
func both(key string, args ...any) *yaml.Node {
	return mapping(
		"en", str(fmt.Sprintf(words["en"][key], args...)),
		"zh", str(fmt.Sprintf(words["zh"][key], args...)),
	)
}

// document builds the scenario's YAML.
func (c *converter) document() *yaml.Node {
	c.roleName, c.roleOf = map[string]string{}, map[string]string{}
	phases := &yaml.Node{Kind: yaml.MappingNode}
	injectIDs := map[string]bool{}
	for k, p := range c.phases {
		var injects []*yaml.Node
		decisions := &yaml.Node{Kind: yaml.MappingNode}
		for i, ev := range p.events {
			in, dec := c.inject(ev, p.at[i], injectIDs)
			injects = append(injects, in)
			if dec != nil {
				decisions.Content = append(decisions.Content, dec...)
			}
		}
		next := "end"
		if k+1 < len(c.phases) {
			next = c.phases[k+1].id
		}
		var title *yaml.Node
		if p.name != "" {
			title = str(p.name)
		} else {
			title = both("phase")
		}
		body := mapping("title", title, "injects", seq(injects...))
		if len(decisions.Content) > 0 {
			body.Content = append(body.Content, str("decisions"), decisions)
		}
		body.Content = append(body.Content, str("continue"), flow(mapping("after", str(fmtDur(p.length)), "next", str(next))))
		phases.Content = append(phases.Content, str(p.id), body)
	}
	phases.Content = append(phases.Content, str("end"), mapping(
		"title", both("end"),
		"ending", mapping("tone", str("mixed"), "outcome", both("outcome")),
	))

	name := filepath.Base(c.m.File)
	var title *yaml.Node
	if c.m.Title != "" {
		title = str(c.m.Title)
	} else {
		title = both("title", name)
	}
	langs := []string{c.lang, map[string]string{"en": "zh", "zh": "en"}[c.lang]}
	doc := mapping(
		"format", str(scenario.FormatVersion),
		"id", str(c.id),
		"title", title,
		"summary", both("summary", name, c.m.Format.Name(), c.m.Rows),
		"languages", flow(seq(str(langs[0]), str(langs[1]))),
		"duration", str(fmtDur(c.duration)),
	)
	if len(c.roles) > 0 {
		roles := &yaml.Node{Kind: yaml.MappingNode}
		for _, id := range c.roles {
			roles.Content = append(roles.Content, str(id), str(c.roleName[id]))
		}
		doc.Content = append(doc.Content, str("roles"), roles)
	}
	doc.Content = append(doc.Content, str("phases"), phases)
	doc.HeadComment = fmt.Sprintf("# Imported by `firebreak import` from %s (%s MSEL, %d rows).\n"+
		"# An MSEL is linear: one phase per MSEL section (or one phase), moving on by time;\n"+
		"# decisions only where the MSEL asks for a response (a poll). Lines starting\n"+
		"# \"# msel\" keep the MSEL's columns that players do not see; `firebreak msel`\n"+
		"# writes them back.", name, c.m.Format.Name(), c.m.Rows)
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}
}

// inject builds one inject and, for a poll, its decision (key and value).
func (c *converter) inject(ev *Event, at time.Duration, ids map[string]bool) (*yaml.Node, []*yaml.Node) {
	c.injects++
	rowName := "row"
	if ev.Pos.json {
		rowName = "item"
	}
	id := ""
	if n := slug(ev.Number, 40); n != "" && !ids["e-"+n] {
		id = "e-" + n
	} else {
		id = unique(ids, fmt.Sprintf("%s-%d", rowName, ev.Pos.Row), fmt.Sprintf("%s-%d", rowName, ev.Pos.Row))
	}
	ids[id] = true

	var parts []string
	head := ev.Subject
	if ev.GameTime != "" {
		if head != "" {
			head = ev.GameTime + " — " + head
		} else {
			head = ev.GameTime
		}
	}
	if head != "" {
		parts = append(parts, head)
	}
	if ev.Message != "" {
		parts = append(parts, ev.Message)
	}
	var notes []string
	var media []*yaml.Node
	for _, p := range ev.Pictures {
		if m := c.picture(ev, p, len(media)); m != nil {
			media = append(media, m)
			continue
		}
		label := c.w("photo")
		if p.Profile {
			label = c.w("profile")
		}
		if p.Name != "" && p.Ref != "" {
			label += fmt.Sprintf(c.w("nameparen"), p.Name)
		}
		switch {
		case p.Ref == "":
			notes = append(notes, label+c.w("sep")+p.Name)
		case p.URL:
			notes = append(notes, label+c.w("sep")+p.Ref+fmt.Sprintf(c.w("paren"), c.w("url")))
		case p.Found:
			notes = append(notes, label+c.w("sep")+p.Ref+fmt.Sprintf(c.w("paren"), c.w("local")))
		default:
			notes = append(notes, label+c.w("sep")+p.Ref+fmt.Sprintf(c.w("paren"), c.w("missing")))
		}
	}
	opts := uniqueOptions(ev.Options)
	if len(opts) < len(ev.Options) {
		c.errs.warnf(ev.at(fOptions), "the poll lists an option twice; each is offered once")
	}
	if len(opts) == 1 {
		notes = append(notes, c.w("poll")+c.w("sep")+opts[0])
		c.errs.warnf(ev.at(fOptions), "the poll has one option (%q); a decision needs two, so the inject's text shows it instead (separate options with |)", clipText(opts[0], 40))
	}
	if len(notes) > 0 {
		parts = append(parts, strings.Join(notes, "\n"))
	}
	text := strings.Join(parts, "\n\n")
	if text == "" {
		text = ev.Prompt
	}
	if text == "" && len(media) > 0 {
		text = c.w("photo") // a row that is only a picture
	}
	if n := utf8.RuneCountInString(text); n > MaxCellChars {
		c.errs.errorf(ev.at(fMessage, fDescription, fSubject), "the inject's text (subject, message and pictures) has %d characters; a scenario text may have at most %d", n, MaxCellChars)
	}

	in := mapping("id", str(id), "at", str(fmtDur(at)), "channel", str(ev.Channel))
	in.Content[0].HeadComment = c.meta(ev)
	if ev.From != "" {
		in.Content = append(in.Content, str("from"), str(ev.From))
	}
	if len(ev.To) > 0 {
		var to []*yaml.Node
		seen := map[string]bool{}
		for _, name := range ev.To {
			r := c.role(name)
			if !seen[r] {
				seen[r] = true
				to = append(to, str(r))
			}
		}
		in.Content = append(in.Content, str("to"), flow(seq(to...)))
	}
	in.Content = append(in.Content, str("text"), str(text))
	if len(media) > 0 {
		in.Content = append(in.Content, str("media"), seq(media...))
	}
	if len(opts) < 2 {
		return in, nil
	}

	c.decisions++
	did := id + "-poll"
	in.Content = append(in.Content, str("opens"), str(did))
	prompt := ev.Prompt
	if prompt == "" {
		prompt = ev.Subject
	}
	if prompt == "" {
		prompt = strings.TrimSpace(strings.SplitN(ev.Message, "\n", 2)[0])
	}
	var promptNode *yaml.Node
	if prompt == "" {
		promptNode = both("answer")
	} else {
		promptNode = str(clipText(prompt, 500))
	}
	var options []*yaml.Node
	optIDs := map[string]bool{}
	for k, o := range opts {
		oid := unique(optIDs, slug(o, 40), fmt.Sprintf("option-%d", k+1))
		optIDs[oid] = true
		options = append(options, mapping("id", str(oid), "text", str(o)))
	}
	dec := mapping(
		"prompt", promptNode,
		"target", str(fmtDur(PollTarget)),
		"deadline", str(fmtDur(PollDeadline)),
		"options", seq(options...),
		"on_timeout", flow(&yaml.Node{Kind: yaml.MappingNode}),
	)
	return in, []*yaml.Node{str(did), dec}
}

// role returns the id of a recipient's role, declaring it on first use.
func (c *converter) role(name string) string {
	key := strings.ToLower(strings.TrimSpace(name))
	if id, ok := c.roleOf[key]; ok {
		return id
	}
	taken := map[string]bool{}
	for _, r := range c.roles {
		taken[r] = true
	}
	id := slug(name, 50)
	if id == "" || taken[id] {
		id = unique(taken, id, fmt.Sprintf("role-%d", len(c.roles)+1))
	}
	c.roles = append(c.roles, id)
	c.roleName[id] = name
	c.roleOf[key] = id
	return id
}

// meta writes the columns players do not see as "# msel" comment lines.
func (c *converter) meta(ev *Event) string {
	var lines []string
	add := func(key, v string) {
		if v != "" {
			lines = append(lines, fmt.Sprintf("# msel %s: %s", key, strconv.Quote(v)))
		}
	}
	add("number", ev.Number)
	if ev.Method != "" && !strings.EqualFold(ev.Method, ev.Channel) {
		add("method", ev.Method)
	}
	add("expected action", ev.Expected)
	add("objective", ev.Objective)
	add("notes", ev.Notes)
	for _, x := range ev.Extra {
		lines = append(lines, fmt.Sprintf("# msel column %s: %s", strconv.Quote(x.Column), strconv.Quote(x.Value)))
	}
	return strings.Join(lines, "\n")
}

func uniqueOptions(opts []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, o := range opts {
		k := strings.ToLower(o)
		if !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	return out
}

// detectLang guesses the MSEL's language: Chinese when a tenth of its
// letters are Han characters.
func detectLang(m *MSEL) string {
	han, letters := 0, 0
	for _, ev := range m.Events {
		for _, r := range ev.Subject + ev.Message {
			if unicode.Is(unicode.Han, r) {
				han++
				letters++
			} else if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	if letters > 0 && han*10 >= letters {
		return "zh"
	}
	return "en"
}

func str(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Content = append(n.Content, str(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return n
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

func flow(n *yaml.Node) *yaml.Node {
	n.Style = yaml.FlowStyle
	return n
}

// picture makes a local picture of a row (T3SF Photo or Profile) the
// inject's own, when ConvertOptions.Pictures asks for it: read beside the
// MSEL, checked as the scenario loader checks a picture, and named under
// <id>-media/. It returns nil, with a warning saying why, when the picture
// stays a line of the inject's text instead. n is how many the inject
// carries already.
func (c *converter) picture(ev *Event, p Picture, n int) *yaml.Node {
	if p.URL || !p.Found {
		return nil // read.go has said why
	}
	at := ev.at(fPhoto)
	if p.Profile {
		at = ev.at(fProfile)
	}
	if !c.pictures {
		c.errs.warnf(at, "%s %s is a local file; a scenario written to standard output carries no pictures, so the inject's text names it (write the scenario to a file with --out)", p.Column, p.Ref)
		return nil
	}
	if n >= scenario.MaxMediaPerInject {
		c.errs.warnf(at, "%s %s: an inject may carry at most %d pictures; the inject's text names it", p.Column, p.Ref, scenario.MaxMediaPerInject)
		return nil
	}
	name, ok := c.mediaOf[p.Path]
	if !ok {
		data, err := scenario.ReadLimited(p.Path, scenario.MaxMediaBytes)
		if err != nil {
			c.errs.warnf(at, "%s %s cannot be read (%v); the inject's text names it", p.Column, p.Ref, err)
			return nil
		}
		format, err := scenario.CheckPicture(data)
		if err != nil {
			c.errs.warnf(at, "%s %s cannot be carried: %v; the inject's text names it for the facilitator to hand out", p.Column, p.Ref, err)
			return nil
		}
		if c.mediaBytes+len(data) > scenario.MaxMediaTotal || len(c.media) >= scenario.MaxMediaFiles {
			c.errs.warnf(at, "%s %s would take the scenario over %d pictures or %d bytes of them; the inject's text names it", p.Column, p.Ref, scenario.MaxMediaFiles, scenario.MaxMediaTotal)
			return nil
		}
		ext := map[string]string{"png": ".png", "jpeg": ".jpg"}[format]
		base := slug(strings.TrimSuffix(filepath.Base(p.Path), filepath.Ext(p.Path)), 40)
		if base == "" {
			base = "picture"
		}
		name = c.id + "-media/" + base + ext
		for i := 2; c.media[name] != nil; i++ {
			name = fmt.Sprintf("%s-media/%s-%d%s", c.id, base, i, ext)
		}
		if c.media == nil {
			c.media, c.mediaOf = map[string][]byte{}, map[string]string{}
		}
		c.media[name], c.mediaOf[p.Path] = data, name
		c.mediaBytes += len(data)
	}
	alt := p.Name
	if alt == "" {
		alt = ev.Subject
	}
	if alt == "" {
		alt = filepath.Base(p.Ref)
	}
	if p.Profile {
		who := ev.From
		if who == "" {
			who = alt
		}
		alt = fmt.Sprintf(c.w("profilealt"), who)
	}
	return flow(mapping("file", str(name), "alt", str(alt)))
}
