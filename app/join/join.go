// Package join is a team laptop's side of an exercise played on several
// laptops: the join screen (exercises found on the local network, or an
// address typed, then the join code and the team) and, once joined, the
// team's view of the exercise across the network (play's TeamView) with
// the connection's state. A laptop remembers what it joined, so that it
// rejoins by itself after a restart and sends again the choices that had
// not arrived.
package join

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Host is what the join screen and the team laptop's exercise need from
// the window they are shown in.
type Host interface {
	// Window is the window the screens are drawn in: its title, focus and
	// dialogs.
	Window() fyne.Window
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Show shows a screen, or redraws it when it is the one shown.
	Show(ui.Screen)
	// Current is the screen shown now: work that ends in the background
	// (a search, a join) redraws its screen only while that is still shown.
	Current() ui.Screen
	// ShowHome shows the home screen: the way back from joining, and where
	// a team goes when it leaves the exercise.
	ShowHome()
}

// Config is how a team laptop searches and joins.
type Config struct {
	// TickEvery is the team view's clock refresh interval; zero starts no
	// ticker.
	TickEvery time.Duration
	// Background runs slow work (a search, a join) off the UI goroutine
	// (the app's runner; a test's runs it at once).
	Background func(func())
	// Browse finds the exercises announced on the local network, waiting
	// up to wait (nil: no search offered); it says ErrNoNetwork when this
	// laptop is on no network.
	Browse func(ctx context.Context, wait time.Duration) ([]Found, error)
	// Join connects the laptop as a team, returning once the exercise (its
	// scenario) has arrived (nil: this build cannot join).
	Join func(ctx context.Context, req Request) (Conn, error)
}

// ErrNoNetwork is what Config.Browse says (wrapped) when this laptop is on
// no network that can carry discovery; the join screen says so in words.
var ErrNoNetwork = errors.New("this laptop is on no network")

// Found is an exercise announced on the local network.
type Found struct {
	ID    string
	Title scenario.Text
	Teams []string
	Addrs []string // host:port, best first
}

// Request is what a team laptop joins with. Bundle, when set, is the
// code with the host's certificate fingerprint from an earlier join (a
// rejoin needs no pairing); otherwise Code is the code as typed.
type Request struct {
	Address string
	Code    string
	Bundle  string
	Team    string
	// Roleplayer joins as a role-player's laptop with the role-player
	// code (the long form, with the fingerprint: it does not pair); Team
	// is then the seat's name and Claim the laptop's claim to it (kept in
	// Saved, so a restarted laptop takes its seat back).
	Roleplayer bool
	Claim      string
	// Evaluator joins as an evaluator's laptop with the evaluator code
	// (the long form; it does not pair): Team is the evaluator's name,
	// Claim the laptop's claim to it, as for a role-player (evaluator.go).
	Evaluator bool
}

// Conn is a team laptop's connection to the facilitator's laptop
// (lan.Client and the code it joined with).
type Conn interface {
	engine.Conn
	Team() string
	Connected() bool
	Ended() <-chan struct{}
	Gone() <-chan struct{}
	Err() error
	Close()
	// Bundle is the join code with the host's certificate fingerprint, kept
	// to rejoin after a restart without asking for the code again.
	Bundle() string
}

// Saved is the last exercise this laptop joined, kept in the app's
// preferences until the exercise ends or the team leaves, so that a
// restarted laptop rejoins by itself.
type Saved struct {
	Address string        `json:"address"`
	Bundle  string        `json:"bundle"`
	Team    string        `json:"team"`
	Title   scenario.Text `json:"title,omitempty"`
	// Left says the team left on purpose: the join screen offers to
	// rejoin, but a restart does not do it by itself.
	Left bool `json:"left,omitempty"`
	// Pending are choices sent but not yet stored by the facilitator's
	// laptop when the app stopped; a rejoin sends them again with the same
	// ids, so each counts once.
	Pending []PendingChoice `json:"pending,omitempty"`
	// Roleplayer says the laptop joined as a role-player: Team is its
	// seat, Claim its claim to the seat (lan.JoinOptions.Claim), Pending
	// its messages, follow-ups and nudges on their way.
	Roleplayer bool   `json:"roleplayer,omitempty"`
	Claim      string `json:"claim,omitempty"`
	// Evaluator says the laptop joined as an evaluator: Team is the
	// evaluator's name, Claim its claim, Pending its ticks, ratings and
	// observations on their way.
	Evaluator bool `json:"evaluator,omitempty"`
	// Forms are participants' feedback forms on their way (feedback.go);
	// Ended says the exercise has ended: the saved join is kept after the
	// end only while forms are on their way, to send them again.
	Forms []PendingForm `json:"forms,omitempty"`
	Ended bool          `json:"ended,omitempty"`
}

// PendingChoice is a choice on its way, as kept in Saved; or a reply, a
// post or a press answer (Kind says which: empty for a choice, as saved
// before the others were kept), with what it names.
type PendingChoice struct {
	Ref      string `json:"ref"`
	Decision string `json:"decision"`
	Option   string `json:"option"`
	Text     string `json:"text,omitempty"`

	Kind       engine.CommandKind `json:"kind,omitempty"`
	Inject     string             `json:"inject,omitempty"`     // a reply's
	Channel    string             `json:"channel,omitempty"`    // a post's
	Conference string             `json:"conference,omitempty"` // a press answer's, with its question
	Question   int                `json:"question,omitempty"`

	// A role-player's command: the team it is for ("" for every team),
	// the persona and what it answers, a nudge's changes.
	Target  string             `json:"target,omitempty"`
	Persona string             `json:"persona,omitempty"`
	Thread  string             `json:"thread,omitempty"`
	Effects map[string]float64 `json:"effects,omitempty"`

	// An evaluator's command (Target is the team evaluated): the
	// objective, the task and whether done, the rating, the time and the
	// timeline entry.
	Objective string `json:"objective,omitempty"`
	Task      string `json:"task,omitempty"`
	Done      bool   `json:"done,omitempty"`
	Rating    string `json:"rating,omitempty"`
	AtMS      *int64 `json:"at_ms,omitempty"`
	Entry     string `json:"entry,omitempty"`
	// Triage is a triage's marks (Decision is its decision).
	Triage []engine.TriageMark `json:"triage,omitempty"`
}

// isRoleKind tells whether a command is a role-player's.
func isRoleKind(k engine.CommandKind) bool {
	return k == engine.CmdRoleSay || k == engine.CmdRoleOpen || k == engine.CmdRoleNudge
}

// command is the engine command to send again for the team.
func (p PendingChoice) command(team string) engine.Command {
	kind := p.Kind
	if kind == "" {
		kind = engine.CmdChoose
	}
	if engine.IsEvalCommand(kind) {
		return engine.Command{Kind: kind, Team: p.Target, Seat: team, Objective: p.Objective, Task: p.Task, Done: p.Done,
			Rating: p.Rating, AtMS: p.AtMS, Entry: p.Entry, Text: p.Text, Ref: p.Ref}
	}
	if isRoleKind(kind) {
		// The seat is the laptop's, whatever it says (lan.Client).
		return engine.Command{Kind: kind, Team: p.Target, Seat: team, Decision: p.Decision, Text: p.Text, Ref: p.Ref,
			Channel: p.Channel, Persona: p.Persona, Thread: p.Thread, Effects: p.Effects}
	}
	return engine.Command{Kind: kind, Team: team, Decision: p.Decision, Option: p.Option, Text: p.Text, Ref: p.Ref,
		Inject: p.Inject, Channel: p.Channel, Conference: p.Conference, Question: p.Question, Triage: p.Triage}
}

// pendingOf keeps a command on its way.
func pendingOf(cmd engine.Command) PendingChoice {
	p := PendingChoice{Ref: cmd.Ref, Decision: cmd.Decision, Option: cmd.Option, Text: cmd.Text,
		Inject: cmd.Inject, Channel: cmd.Channel, Conference: cmd.Conference, Question: cmd.Question, Triage: cmd.Triage}
	if cmd.Kind != engine.CmdChoose {
		p.Kind = cmd.Kind
	}
	if isRoleKind(cmd.Kind) {
		p.Target, p.Persona, p.Thread, p.Effects = cmd.Team, cmd.Persona, cmd.Thread, cmd.Effects
	}
	if engine.IsEvalCommand(cmd.Kind) {
		p.Decision, p.Option, p.Inject, p.Channel = "", "", "", ""
		p.Target, p.Objective, p.Task, p.Done, p.Rating, p.AtMS, p.Entry = cmd.Team, cmd.Objective, cmd.Task, cmd.Done, cmd.Rating, cmd.AtMS, cmd.Entry
	}
	return p
}

// LoadSaved reads the exercise this laptop joined last; ok is false when
// there is none (or it cannot be read).
func LoadSaved() (s Saved, ok bool) {
	a := fyne.CurrentApp()
	if a == nil {
		return Saved{}, false
	}
	raw := a.Preferences().String(prefs.Rejoin)
	if raw == "" || json.Unmarshal([]byte(raw), &s) != nil || s.Address == "" || s.Bundle == "" || s.Team == "" {
		return Saved{}, false
	}
	return s, true
}

// storeSaved keeps s as the exercise this laptop joined (nil: none).
func storeSaved(s *Saved) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	if s == nil {
		a.Preferences().RemoveValue(prefs.Rejoin)
		return
	}
	data, _ := json.Marshal(s)
	a.Preferences().SetString(prefs.Rejoin, string(data))
}

// normalizeAddress checks a typed address: host or host:port (the default
// port when none is given), IPv6 in brackets.
func normalizeAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("empty")
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		// No port: a bare name or IPv4 address, or an IPv6 one.
		host, port = strings.Trim(s, "[]"), strconv.Itoa(play.DefaultLANPort)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 1 || p > 65535 {
		return "", errors.New("port")
	}
	if host == "" || strings.ContainsAny(host, " /\\@?#") {
		return "", errors.New("host")
	}
	return net.JoinHostPort(host, strconv.Itoa(p)), nil
}

// Screen is where a team laptop joins an exercise: exercises found on the
// local network, or an address typed by hand, then the join code and the
// team. What the user typed lives in the struct, not in the widgets, so a
// language switch keeps it.
type Screen struct {
	host Host
	cfg  Config

	address, code, team string
	roleplayer          bool // joining as a role-player (the team field is the seat's name)
	evaluator           bool // joining as an evaluator (the team field is the evaluator's name)
	addrErr, codeErr    string
	teamErr, joinErr    string
	found               []Found
	browseErr           error
	searching           bool
	joining             bool
	rejoin              *Saved // a rejoin in progress or offered
	cancel              context.CancelFunc
	retry               *ui.Debouncer // the next try of a rejoin that found no host
	stopped             bool

	codeEntry   *widget.Entry // focused once an exercise found is chosen
	teamOptions []string      // the teams offered for the address typed, as the host names them
}

// New makes the join screen. When this laptop was in an exercise, the
// form is filled with it and the screen offers to rejoin it.
func New(host Host, cfg Config) *Screen {
	j := &Screen{host: host, cfg: cfg, retry: ui.NewUIDebouncer(rejoinRetryDelay)}
	if s, ok := LoadSaved(); ok {
		j.rejoin = &s
		j.address, j.team, j.roleplayer, j.evaluator = s.Address, s.Team, s.Roleplayer, s.Evaluator
	}
	return j
}

// Start, once the screen is shown, looks for exercises on the local
// network and, when the laptop was in an exercise it did not leave (it
// was restarted, or the app closed), rejoins it at once.
func (j *Screen) Start() {
	j.browse()
	if j.rejoin != nil && !j.rejoin.Left {
		j.startRejoin()
	}
}

// overNetwork runs a command's send on a goroutine of its own: over the
// network a send waits for the facilitator's laptop, and is sent again
// for as long as the connection is down (a team's choices go the same
// way, play.NewRemoteTeamView). The app does not wait for it when it
// closes: the laptop keeps what is on its way and sends it again when it
// comes back.
func overNetwork(send func()) { go send() }

// inBackground runs slow work through Config.Background.
func (j *Screen) inBackground(work func()) { j.cfg.Background(work) }

// Stop calls off a search, a join or a rejoin's next try.
func (j *Screen) Stop() {
	j.stopped = true
	j.retry.Cancel()
	if j.cancel != nil {
		j.cancel()
	}
}

// Build draws the screen in the window's language, with what was typed.
func (j *Screen) Build() fyne.CanvasObject {
	loc := j.host.Loc()
	lang := loc.Lang().String()

	// Found on the network.
	foundBox := container.NewVBox()
	switch {
	case j.searching:
		foundBox.Add(container.NewHBox(widget.NewActivity(), ui.Muted(loc.T("lan.join.searching"))))
	case errors.Is(j.browseErr, ErrNoNetwork):
		l := ui.Wrapped(loc.T("lan.join.no_network"))
		l.Importance = widget.DangerImportance
		foundBox.Add(l)
	case j.browseErr != nil:
		l := ui.Wrapped(loc.T("lan.join.browse_failed", "error", ui.ErrorText(loc, j.browseErr)))
		l.Importance = widget.WarningImportance
		foundBox.Add(l)
	case len(j.found) == 0:
		foundBox.Add(ui.Muted(loc.T("lan.join.none_found")))
	}
	for _, f := range j.found {
		b := ui.NewIconButton(loc.T("lan.join.choose"), theme.ComputerIcon(), func() { j.choose(f) })
		title := ui.WrappedBold(f.Title.Get(lang))
		detail := ui.Muted(loc.T("lan.join.found_detail", "address", ui.ListJoin(loc, f.Addrs), "teams", ui.ListJoin(loc, f.Teams)))
		foundBox.Add(ui.Panel(container.NewBorder(nil, nil, nil, container.NewCenter(b), container.NewVBox(title, detail))))
	}
	search := ui.NewIconButton(loc.T("lan.join.search"), theme.SearchIcon(), j.browse)
	if j.searching || j.cfg.Browse == nil {
		search.Disable()
	}

	// The form.
	addressEntry := widget.NewEntry()
	addressEntry.SetText(j.address)
	addressEntry.SetPlaceHolder("192.168.1.20:" + strconv.Itoa(play.DefaultLANPort))
	addressEntry.OnChanged = func(v string) { j.address = v }
	j.codeEntry = widget.NewEntry()
	j.codeEntry.SetText(j.code)
	j.codeEntry.SetPlaceHolder("K7M 3QX")
	j.codeEntry.TextStyle = fyne.TextStyle{Monospace: true}
	j.codeEntry.OnChanged = func(v string) { j.code = v }
	j.codeEntry.OnSubmitted = func(string) { j.submit() }
	var teams []string
	for _, f := range j.found {
		if slices.Contains(f.Addrs, strings.TrimSpace(j.address)) {
			teams = f.Teams
		}
	}
	j.teamOptions = teams
	teamEntry := widget.NewSelectEntry(teams)
	teamEntry.SetText(j.team)
	teamEntry.SetPlaceHolder(loc.T("lan.join.team_placeholder"))
	teamEntry.OnChanged = func(v string) { j.team = v }
	field := func(obj fyne.CanvasObject, problem string) fyne.CanvasObject {
		if problem == "" {
			return obj
		}
		l := ui.Wrapped(problem)
		l.Importance = widget.DangerImportance
		return container.NewVBox(obj, l)
	}
	// The two seats exclude each other: ticking one unticks the other.
	seatCheck := func(key string, mine, other *bool) *widget.Check {
		c := widget.NewCheck(loc.T(key), func(on bool) {
			if on != *mine {
				*mine = on
				*other = *other && !on
				j.teamErr, j.codeErr = "", ""
				j.host.Show(j)
			}
		})
		c.Checked = *mine
		return c
	}
	role := seatCheck("lan.join.as_roleplayer", &j.roleplayer, &j.evaluator)
	eval := seatCheck("lan.join.as_evaluator", &j.evaluator, &j.roleplayer)
	teamItem := widget.NewFormItem(loc.T("lan.join.team"), field(teamEntry, j.teamErr))
	codeHint := loc.T("lan.join.code_hint")
	if j.roleplayer {
		seat := widget.NewEntry()
		seat.SetText(j.team)
		seat.SetPlaceHolder(loc.T("lan.join.seat_placeholder"))
		seat.OnChanged = func(v string) { j.team = v }
		teamItem = widget.NewFormItem(loc.T("lan.join.seat"), field(seat, j.teamErr))
		codeHint = loc.T("lan.join.role_code_hint")
	}
	if j.evaluator {
		name := widget.NewEntry()
		name.SetText(j.team)
		name.SetPlaceHolder(loc.T("lan.join.evaluator_placeholder"))
		name.OnChanged = func(v string) { j.team = v }
		teamItem = widget.NewFormItem(loc.T("evaluate.name"), field(name, j.teamErr))
		codeHint = loc.T("lan.join.eval_code_hint")
	}
	form := widget.NewForm(
		&widget.FormItem{Text: loc.T("lan.join.address"), Widget: field(addressEntry, j.addrErr), HintText: loc.T("lan.join.address_hint")},
		widget.NewFormItem("", container.NewVBox(role, eval)),
		&widget.FormItem{Text: loc.T("lan.join.code"), Widget: field(j.codeEntry, j.codeErr), HintText: codeHint},
		teamItem,
	)
	join := ui.NewIconButton(loc.T("lan.join.join"), theme.LoginIcon(), j.submit)
	join.Importance = widget.HighImportance
	back := ui.NewIconButton(loc.T("common.back"), theme.NavigateBackIcon(), j.host.ShowHome)
	status := ui.Wrapped(j.joinErr)
	status.Importance = widget.DangerImportance
	if j.joining {
		join.Disable()
		status.Importance = widget.MediumImportance
		status.SetText(loc.T("lan.join.joining"))
		if j.rejoin != nil {
			key := "lan.join.rejoining"
			if j.rejoin.Roleplayer {
				key = "lan.join.rejoining_role"
			}
			if j.rejoin.Evaluator {
				key = "lan.join.rejoining_eval"
			}
			status.SetText(loc.T(key, "team", j.rejoin.Team, "address", j.rejoin.Address))
		}
	}
	if status.Text == "" {
		status.Hide()
	}
	objs := []fyne.CanvasObject{
		ui.Heading(loc.T("lan.join.title")),
		ui.Wrapped(loc.T("lan.join.help")),
		container.NewBorder(nil, nil, ui.Bold(loc.T("lan.join.found")), search),
		foundBox,
		widget.NewSeparator(),
	}
	if j.rejoin != nil && !j.joining {
		again := ui.NewIconButton(loc.T("lan.join.rejoin_button"), theme.ViewRefreshIcon(), j.startRejoin)
		forget := ui.NewIconButton(loc.T("lan.join.forget"), theme.DeleteIcon(), func() {
			storeSaved(nil)
			j.rejoin = nil
			j.host.Show(j)
		})
		offerKey, pendingKey := "lan.join.rejoin_offer", "lan.join.rejoin_pending"
		if j.rejoin.Roleplayer {
			offerKey, pendingKey = "lan.join.rejoin_offer_role", "lan.join.rejoin_pending_role"
		}
		if j.rejoin.Evaluator {
			offerKey, pendingKey = "lan.join.rejoin_offer_eval", "lan.join.rejoin_pending_eval"
		}
		offer := []fyne.CanvasObject{ui.Wrapped(loc.T(offerKey, "team", j.rejoin.Team, "title", j.rejoin.Title.Get(lang), "address", j.rejoin.Address))}
		if n := len(j.rejoin.Pending); n > 0 {
			// Forgetting the exercise drops these: say so before.
			l := ui.Wrapped(loc.T(pendingKey, "n", n))
			l.Importance = widget.WarningImportance
			offer = append(offer, l)
		}
		objs = append(objs, ui.Panel(append(offer, container.NewHBox(again, forget))...), widget.NewSeparator())
	}
	objs = append(objs, form, status, container.NewHBox(back, ui.Spacer(), join))
	return container.NewVScroll(ui.Column(760, container.NewVBox(objs...)))
}

// browse looks for exercises on the local network for a few seconds.
func (j *Screen) browse() {
	if j.cfg.Browse == nil || j.searching {
		return
	}
	j.searching, j.browseErr = true, nil
	if j.host.Current() == j {
		j.host.Show(j)
	}
	browse := j.cfg.Browse
	j.inBackground(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		found, err := browse(ctx, 2*time.Second)
		ui.Do(func() {
			j.searching = false
			j.found, j.browseErr = found, err
			if !j.stopped && j.host.Current() == j {
				j.host.Show(j)
			}
		})
	})
}

// choose fills the address (and offers the teams) of an exercise found.
func (j *Screen) choose(f Found) {
	if len(f.Addrs) > 0 {
		j.address = f.Addrs[0]
	}
	if len(f.Teams) > 0 && !slices.Contains(f.Teams, strings.TrimSpace(j.team)) && !j.roleplayer {
		j.team = "" // a team's name from another exercise (a role-player's seat is no team's)
	}
	j.addrErr = ""
	j.host.Show(j)
	j.host.Window().Canvas().Focus(j.codeEntry)
}

// submit checks the form, each problem beside its field, and joins.
func (j *Screen) submit() {
	if j.joining {
		return
	}
	loc := j.host.Loc()
	j.addrErr, j.codeErr, j.teamErr, j.joinErr = "", "", "", ""
	addr, err := normalizeAddress(j.address)
	if err != nil {
		j.addrErr = loc.T("lan.join.error.address")
	}
	code, bundle, err := codeOrBundle(j.code)
	if err != nil {
		j.codeErr = loc.T("lan.join.error.code", "n", lan.CodeLen)
	}
	if j.roleplayer || j.evaluator {
		j.submitRole(addr, bundle, err)
		return
	}
	team := strings.TrimSpace(j.team)
	for _, t := range j.teamOptions {
		if strings.EqualFold(t, team) {
			team = t // "alpha" for "Alpha": the host knows the name as it was set up
		}
	}
	if team == "" {
		j.teamErr = loc.T("lan.join.error.no_team")
	} else if problems := engine.TeamProblems([]string{team}); len(problems) > 0 {
		key, args := ui.TeamNameProblemKey(problems[0])
		j.teamErr = loc.T(key, args...)
	}
	if j.addrErr != "" || j.codeErr != "" || j.teamErr != "" {
		j.host.Show(j)
		return
	}
	j.address, j.team = addr, team
	if bundle == "" {
		j.code = code
	}
	j.rejoin = nil
	j.connect(Request{Address: addr, Code: code, Bundle: bundle, Team: team})
}

// codeOrBundle reads the code field: the 6-character code as people type
// it, or the long code (the code with the host's certificate fingerprint)
// the facilitator's screen shows for when pairing is turned away.
func codeOrBundle(s string) (code, bundle string, err error) {
	s = strings.TrimSpace(s)
	if len(s) > lan.CodeLen+1 && strings.Count(s, "-") == 1 {
		if b, err := lan.ParseBundle(s); err == nil {
			return b.Code, b.String(), nil
		}
	}
	code, err = codeInput(s)
	return code, "", err
}

// startRejoin joins again with what the laptop joined with last time.
func (j *Screen) startRejoin() {
	if j.rejoin == nil || j.joining {
		return
	}
	r := *j.rejoin
	j.connect(Request{Address: r.Address, Bundle: r.Bundle, Team: r.Team, Roleplayer: r.Roleplayer, Claim: r.Claim, Evaluator: r.Evaluator})
}

// connect joins in the background and moves to the team's view.
func (j *Screen) connect(req Request) {
	if j.cfg.Join == nil {
		return
	}
	j.joining = true
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	j.cancel = cancel
	j.host.Show(j)
	join := j.cfg.Join
	j.inBackground(func() {
		defer cancel()
		conn, err := join(ctx, req)
		ui.Do(func() {
			j.joining = false
			if j.stopped || j.host.Current() != j {
				// The user went elsewhere meanwhile: do not keep a
				// connection nobody sees.
				if conn != nil {
					conn.Close()
				}
				return
			}
			if err != nil {
				j.joinErr = joinErrorText(j.host.Loc(), err)
				if req.Evaluator && errors.Is(err, lan.ErrSeatTaken) {
					j.joinErr = j.host.Loc().T("lan.join.error.eval_seat_taken")
				}
				if errors.Is(err, lan.ErrSeatTaken) || errors.Is(err, lan.ErrSeat) {
					// Beside the seat's name, which is what to change.
					j.roleplayer, j.evaluator, j.team = !req.Evaluator, req.Evaluator, req.Team
					j.teamErr, j.joinErr = j.joinErr, ""
					if req.Bundle != "" {
						j.code = req.Bundle // to join again, only the seat's name changes
					}
				}
				if req.Bundle != "" && j.rejoin != nil && !j.rejoin.Left && transientJoinError(err) {
					// Rejoining after a restart, and the facilitator's
					// laptop is not there (yet): keep trying by itself.
					j.joinErr = j.host.Loc().T("lan.join.retrying", "error", j.joinErr)
					j.retryLater()
				}
				j.host.Show(j)
				return
			}
			var title scenario.Text // the join waited for the scenario: it is there
			conn.Read(func(st *engine.State) { title = st.Scenario.Title })
			saved := Saved{Address: req.Address, Bundle: conn.Bundle(), Team: conn.Team(), Title: title}
			if req.Roleplayer {
				saved.Team, saved.Roleplayer, saved.Claim = req.Team, true, req.Claim
			}
			if req.Evaluator {
				saved.Team, saved.Evaluator, saved.Claim = req.Team, true, req.Claim
			}
			// Choices still on their way belong to the exercise and the
			// team, wherever the host is now (its address may have
			// changed); a role-player's to the exercise and this laptop,
			// under whatever seat it joins as now (another laptop may have
			// taken the one it had).
			if old, ok := LoadSaved(); ok && old.Bundle == saved.Bundle && old.Roleplayer == saved.Roleplayer &&
				old.Evaluator == saved.Evaluator && (saved.Roleplayer || saved.Evaluator || old.Team == saved.Team) {
				saved.Pending = old.Pending
				if !saved.Roleplayer && !saved.Evaluator {
					saved.Forms = old.Forms
				}
			}
			pending := saved.Pending
			storeSaved(&saved)
			if req.Roleplayer {
				r := newRoleScreen(j.host, j.cfg, conn, req.Address)
				j.host.Show(r)
				r.resend(pending)
				return
			}
			if req.Evaluator {
				r := newEvalScreen(j.host, j.cfg, conn, req.Address)
				j.host.Show(r)
				r.resend(pending)
				return
			}
			forms := saved.Forms
			r := newRemoteScreen(j.host, j.cfg, conn, req.Address)
			j.host.Show(r)
			r.resend(pending)
			r.resendForms(forms)
		})
	})
}

// rejoinRetryDelay is how long a rejoin that found no host waits before
// trying again.
const rejoinRetryDelay = 3 * time.Second

// retryLater tries the rejoin again in a while, unless the user has gone
// elsewhere, typed a join of their own, or forgotten the exercise.
func (j *Screen) retryLater() {
	j.retry.Call(func() {
		if j.stopped || j.host.Current() != j || j.rejoin == nil || j.rejoin.Left {
			return
		}
		j.startRejoin()
	})
}

// transientJoinError says whether a join may work if tried again as it is:
// the host was not reachable or did not answer, as opposed to refusing the
// laptop or not being the host that gave the code.
func transientJoinError(err error) bool {
	return !errors.Is(err, lan.ErrRefused) && !errors.Is(err, lan.ErrFingerprint) && !errors.Is(err, lan.ErrPairLimited) &&
		!errors.Is(err, lan.ErrSeatTaken) && !errors.Is(err, lan.ErrSeat)
}

// joinErrorText says in the UI language why a join failed.
func joinErrorText(loc *i18n.Localizer, err error) string {
	if text, ok := lanErrorText(loc, err); ok {
		return text
	}
	return loc.T("lan.join.error.failed", "error", err.Error())
}

// lanErrorText says in the UI's language what internal/lan's sentinel
// errors mean; ok is false for any other error.
func lanErrorText(loc *i18n.Localizer, err error) (text string, ok bool) {
	switch {
	case errors.Is(err, lan.ErrUnreachable):
		return loc.T("lan.join.error.unreachable"), true
	case errors.Is(err, lan.ErrVersion):
		return loc.T("lan.join.error.version"), true
	case errors.Is(err, lan.ErrRefused):
		return loc.T("lan.join.error.refused"), true
	case errors.Is(err, lan.ErrFingerprint):
		return loc.T("lan.join.error.fingerprint"), true
	case errors.Is(err, lan.ErrPairLimited):
		return loc.T("lan.join.error.pair_limited"), true
	case errors.Is(err, lan.ErrNoHost):
		return loc.T("lan.join.error.no_host"), true
	case errors.Is(err, lan.ErrSeatTaken):
		return loc.T("lan.join.error.seat_taken"), true
	case errors.Is(err, lan.ErrSeat):
		return loc.T("lan.join.error.seat", "n", engine.MaxSeatLen), true
	case errors.Is(err, context.DeadlineExceeded):
		return loc.T("lan.join.error.timeout"), true
	}
	return "", false
}

// remoteScreen is a team laptop during an exercise: the team's view over
// the network, with the connection's state above it.
type remoteScreen struct {
	laptop
	tv      *play.TeamView
	history *ui.WorldHistory
	sending map[string]bool // decisions whose choice is on its way, across rebuilds
	// fb is the participant feedback form (feedback.go), made when first
	// opened after the end; formShown says it is shown instead of the
	// team's view.
	fb        *teamFeedback
	formShown bool
	feedback  *fyne.Container // the line offering the form, once the exercise has ended
}

func newRemoteScreen(host Host, cfg Config, conn Conn, address string) *remoteScreen {
	r := &remoteScreen{laptop: newLaptop(host, conn, address), history: &ui.WorldHistory{}, sending: map[string]bool{}}
	r.start(cfg, r.refresh)
	return r
}

func (r *remoteScreen) Build() fyne.CanvasObject {
	loc := r.host.Loc()
	var channel string
	var drafts map[string]string
	if r.tv != nil {
		channel, drafts = r.tv.Channel(), r.tv.Drafts()
		r.tv.Close()
	}
	// sending is shared with the views before a language switch: a choice
	// on its way keeps its decision's buttons disabled in the new view too.
	r.tv = play.NewRemoteTeamView(r.conn, r.conn.Team(), r.host.Window(), loc, r.history,
		play.Remote{Sending: r.sending, Pending: r.notePending})
	r.tv.SetChannel(channel)
	r.tv.RestoreDrafts(drafts)
	r.setTitle(loc)
	top := r.top(loc, theme.ComputerIcon(), loc.T("lan.team.connected", "team", r.conn.Team(), "address", r.address),
		loc.T("lan.team.lost"), loc.T("lan.team.leave_confirm"))
	if r.formShown && r.form() != nil {
		body := r.fb.build(loc, top)
		r.refresh()
		return body
	}
	r.feedback = container.NewHBox()
	if _, ok := r.conn.(FeedbackConn); ok {
		open := ui.NewIconButton(loc.T("feedback.lan.open"), theme.DocumentCreateIcon(), r.showForm)
		open.Importance = widget.HighImportance
		r.feedback = container.NewHBox(layout.NewSpacer(), open)
	}
	r.refresh()
	return container.NewBorder(container.NewPadded(container.NewVBox(top, r.feedback)), nil, nil, nil, r.tv.Root())
}

// form is the participant feedback form, made on first use; nil when the
// connection carries none.
func (r *remoteScreen) form() *teamFeedback {
	if r.fb == nil {
		if fc, ok := r.conn.(FeedbackConn); ok {
			r.fb = newTeamFeedback(r, fc)
		}
	}
	return r.fb
}

// showForm shows the participant feedback form instead of the team's view.
func (r *remoteScreen) showForm() {
	if r.form() == nil {
		return
	}
	r.formShown = true
	r.host.Show(r)
}

// savedJoin is this laptop's join as kept for a rejoin.
func (r *remoteScreen) savedJoin() Saved {
	var title scenario.Text
	r.conn.Read(func(st *engine.State) {
		if st.Scenario != nil {
			title = st.Scenario.Title
		}
	})
	return Saved{Address: r.address, Bundle: r.conn.Bundle(), Team: r.conn.Team(), Title: title}
}

// resendForms sends again the forms a previous run left on their way.
func (r *remoteScreen) resendForms(forms []PendingForm) {
	if len(forms) > 0 && r.form() != nil {
		r.fb.resendForms(forms)
	}
}

// refresh redraws the clock and countdowns and says whether the
// connection is up.
func (r *remoteScreen) refresh() {
	if r.stopped || r.tv == nil {
		return
	}
	r.showBanners()
	if r.formShown && r.fb != nil {
		r.fb.refresh()
		return
	}
	r.tv.Refresh()
	if r.feedback != nil {
		if r.ended {
			r.feedback.Show()
		} else {
			r.feedback.Hide()
		}
	}
}

// notePending keeps the choices on their way in the saved join, so that a
// laptop closed before they arrived sends them again when it rejoins.
func (r *remoteScreen) notePending(cmd engine.Command, done bool) {
	keepPending(cmd, done)
	if done && r.tv != nil && !r.stopped {
		// The choice may have been sent from a view a language switch
		// has replaced: redraw the one showing.
		r.tv.Stale()
		r.refresh()
	}
}

// keepPending keeps a command on its way in the saved join (done false),
// or drops it once settled (done true).
func keepPending(cmd engine.Command, done bool) {
	s, ok := LoadSaved()
	if !ok {
		return
	}
	s.Pending = slices.DeleteFunc(s.Pending, func(p PendingChoice) bool { return p.Ref == cmd.Ref })
	if !done {
		s.Pending = append(s.Pending, pendingOf(cmd))
	}
	storeSaved(&s)
}

// resend sends again the choices a previous run of the app left on their
// way, with their ids: the facilitator's laptop applies each once.
func (r *remoteScreen) resend(pending []PendingChoice) {
	for _, p := range pending {
		r.tv.Resend(p.command(r.conn.Team()))
	}
}

func (r *remoteScreen) Stop() {
	if !r.stop() {
		return
	}
	if r.tv != nil {
		r.tv.Close()
	}
	if r.fb != nil {
		r.fb.stop()
	}
	// Closing waits (briefly) for the host to hear the laptop saw the
	// end; not on the UI goroutine.
	go r.conn.Close()
}

// codeInput normalises a typed join code: spaces and dashes people put in
// the middle do not matter, nor does case.
func codeInput(s string) (string, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
	return lan.NormalizeCode(s)
}
