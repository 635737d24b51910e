package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/join"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/paths"
)

// Several laptops end to end, through the windows: the facilitator's
// (app/play's exercise screen, serving the exercise) and the team
// laptops' (app/join). The screens' own tests are in their packages; here
// the tests read what the windows draw.

// fakeAnnouncer records what the facilitator's laptop announced.
type fakeAnnouncer struct {
	got    []play.Announcement
	closed int
}

func (f *fakeAnnouncer) advertise(a play.Announcement) (io.Closer, error) {
	f.got = append(f.got, a)
	return closerFunc(func() error { f.closed++; return nil }), nil
}

type closerFunc func() error

func (c closerFunc) Close() error { return c() }

// hostShell is a facilitator's window that can host team laptops: its
// host files next to a real database, announcements recorded. It opens in
// the test's app (startHosted makes it), as all the windows of a test must:
// the team laptop's saved join lives in the app's preferences. Its
// exercise clock ticks, as in the app (the tests do not hold the exercise
// that setup starts), its redraws queued for the test's goroutine.
func hostShell(t *testing.T, st *exercise.DB, dbPath string, clock *engine.FakeClock, ann *fakeAnnouncer) *shell {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	sh := newShell(w, i18n.EN, deps{
		background:    uitest.Inline,
		openStore:     func() (*exercise.DB, error) { return st, nil },
		loadScenarios: func() ([]library.Entry, error) { return nil, nil },
		clock:         clock,
		tickEvery:     20 * time.Millisecond,
		lanDir:        func(id string) string { return paths.LAN(dbPath, id) },
		hostLog:       t.Logf,
		advertise:     ann.advertise,
	})
	sh.load()
	t.Cleanup(sh.close)
	return sh
}

// teamShell is a team laptop's window: it joins for real over loopback;
// browsing finds what found returns.
func teamShell(t *testing.T, found []join.Found) *shell {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	sh := newShell(w, i18n.EN, deps{
		background:    uitest.Inline,
		openStore:     func() (*exercise.DB, error) { return nil, errors.New("a team laptop needs no database") },
		loadScenarios: func() ([]library.Entry, error) { return nil, nil },
		clock:         engine.RealClock{},
		browse: func(context.Context, time.Duration) ([]join.Found, error) {
			return found, nil
		},
		join: lanJoin,
	})
	sh.load()
	t.Cleanup(sh.close)
	return sh
}

// hostedRig is a facilitator's window on a real database in the test's
// directory, hosting the mini scenario for teams Alpha and Bravo. The
// network calls back on its own goroutines: the UI work they hand over
// (fyne.Do) is queued for the test to run on its own goroutine, which is
// the UI goroutine of the test's windows.
type hostedRig struct {
	t     *testing.T
	ui    *uitest.UIQueue
	st    *exercise.DB
	db    string
	clock *engine.FakeClock
	ann   *fakeAnnouncer
	fac   *shell
	id    string // the exercise's
	mini  library.Entry
}

// startHosted starts the exercise from the setup screen with team laptops
// ticked, as a facilitator does.
func startHosted(t *testing.T) *hostedRig {
	t.Helper()
	return startHostedWith(t, uitest.MiniEntry(t))
}

// startHostedWith is startHosted with another of the engine's scenarios.
func startHostedWith(t *testing.T, entry library.Entry) *hostedRig {
	t.Helper()
	r := &hostedRig{t: t, db: filepath.Join(t.TempDir(), "fb.db"), clock: engine.NewFakeClock(), ann: &fakeAnnouncer{},
		mini: entry}
	var err error
	if r.st, err = exercise.Open(r.db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.st.Close() })
	uitest.Window(t) // the test's app, in the app's theme
	r.ui = uitest.QueueUI(t)
	r.fac = hostShell(t, r.st, r.db, r.clock, r.ann)
	r.ui.Pump()
	forgetJoin()
	t.Cleanup(forgetJoin)
	r.fac.showSetup(r.mini)
	s := shownSetup(t, r.fac)
	if s.severalCheck == nil {
		t.Fatal("setup does not offer team laptops though the shell can host")
	}
	s.severalCheck.SetChecked(true)
	test.Tap(s.startButton)
	r.ui.Pump() // the start finishes on the UI goroutine
	currentAs[*play.Screen](t, r.fac)
	hosted := false // the Team laptops tab, after the console's (and the role-player's, when the scenario has personas)
	for _, it := range exerciseTabs(t, r.fac.body).Items {
		hosted = hosted || it.Text == "Team laptops"
	}
	if !hosted {
		t.Fatal("the exercise is not hosted")
	}
	list, err := r.st.Unfinished()
	if err != nil || len(list) != 1 {
		t.Fatalf("unfinished = %v, %v", list, err)
	}
	r.id = list[0].ID
	return r
}

// hostFile is what the exercise's host keeps of itself next to the
// database (internal/lan's host.json): its code and where it listens.
func (r *hostedRig) hostFile() (code, address string) {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(paths.LAN(r.db, r.id), "host.json"))
	if err != nil {
		r.t.Fatal(err)
	}
	var hf struct {
		Code    string `json:"code"`
		Address string `json:"address"`
	}
	if err := json.Unmarshal(data, &hf); err != nil || hf.Code == "" || hf.Address == "" {
		r.t.Fatalf("the host's file %s: %v", data, err)
	}
	return hf.Code, hf.Address
}

// port is the port the host listens on.
func (r *hostedRig) port() string {
	_, address := r.hostFile()
	_, port, err := net.SplitHostPort(address)
	if err != nil {
		r.t.Fatal(err)
	}
	return port
}

// state is the exercise as the facilitator's store has it.
func (r *hostedRig) state() *engine.State {
	r.t.Helper()
	st, err := r.st.Load(r.id)
	if err != nil {
		r.t.Fatal(err)
	}
	return st
}

// choices counts the options Alpha has chosen, as the facilitator's store
// has them, and says where Alpha is.
func (r *hostedRig) choices() (n int, phase string) {
	s := r.state()
	for _, a := range s.Team("Alpha").Answers {
		if a.Option != nil {
			n++
		}
	}
	return n, s.Team("Alpha").Phase
}

// restart is the facilitator's app started again (after a close or a
// crash) on the same database: the home screen, then Resume.
func (r *hostedRig) restart() *shell {
	r.t.Helper()
	fac := hostShell(r.t, r.st, r.db, r.clock, &fakeAnnouncer{})
	r.ui.Pump()
	return fac
}

// resume is the facilitator's app started again and resuming the
// exercise, on the console.
func (r *hostedRig) resume() *shell {
	r.t.Helper()
	fac := r.restart()
	fac.resumeExercise(r.id)
	r.ui.Pump() // the resume finishes on the UI goroutine
	currentAs[*play.Screen](r.t, fac)
	return fac
}

// seatCodes are the long seat codes (the role-player's, then the
// evaluator's) the Team laptops tab shows besides the teams' join code.
func (r *hostedRig) seatCodes() []string {
	r.t.Helper()
	code, _ := r.hostFile()
	long := regexp.MustCompile(`^[0-9A-Z]{6}-[0-9a-f]{64}$`)
	var codes []string
	for _, l := range tree.Find[*widget.Label](r.t, r.fac.body) {
		if long.MatchString(l.Text) && !strings.HasPrefix(l.Text, code) {
			codes = append(codes, l.Text)
		}
	}
	return codes
}

// joinSeat is a laptop of its own joining a seat: the join form's check
// kind ticked (0 the role-player's, 1 the evaluator's), the address and
// code typed, name in the field whose placeholder is placeholder.
func (r *hostedRig) joinSeat(kind int, code, placeholder, name string) *shell {
	r.t.Helper()
	forgetJoin()
	sh := teamShell(r.t, nil)
	r.ui.Pump()
	sh.showJoin()
	r.ui.Pump()
	test.Tap(tree.Find[*widget.Check](r.t, sh.body)[kind])
	for _, e := range tree.Find[*widget.Entry](r.t, sh.body) {
		switch e.PlaceHolder {
		case "192.168.1.20:4222":
			e.SetText("127.0.0.1:" + r.port())
		case "K7M 3QX":
			e.SetText(code)
		case placeholder:
			e.SetText(name)
		}
	}
	test.Tap(tree.FindButton(r.t, sh.body, "Join"))
	return sh
}

// joinTyped is a team laptop joining as team by typing the address and
// code (the join code or the long code).
func (r *hostedRig) joinTyped(team, code string) *shell {
	r.t.Helper()
	// A laptop of its own: nothing saved from another laptop's join (the
	// windows of a test share one app's preferences).
	forgetJoin()
	sh := teamShell(r.t, nil)
	r.ui.Pump()
	sh.showJoin()
	r.ui.Pump()
	currentAs[*join.Screen](r.t, sh)
	f := joinFormIn(r.t, sh.body)
	f.address.SetText("127.0.0.1:" + r.port())
	f.code.SetText(code)
	f.team.SetText(team)
	test.Tap(tree.FindButton(r.t, sh.body, "Join"))
	r.ui.Pump()
	onTeamLaptop(r.t, sh, team)
	return sh
}

// openFirstDecision runs the clock to 5 minutes, where the mini scenario
// opens decision "first", and waits until the team laptop shows it.
func (r *hostedRig) openFirstDecision(team *shell) {
	r.t.Helper()
	test.Tap(tree.FindButton(r.t, r.fac.body, "Start the clock"))
	r.clock.Add(5 * time.Minute) // the clock's ticker moves the exercise on
	// The clock keeps running: a paused clock holds the team's choices.
	r.ui.Eventually(r.t, "the decision reaches the team laptop", func() bool {
		return findOption(r.t, team.body, "Apologise") != nil
	})
}

// endExercise ends the exercise from the facilitator's console.
func (r *hostedRig) endExercise(fac *shell) {
	r.t.Helper()
	test.Tap(tree.FindButton(r.t, fac.body, "End exercise early"))
	test.Tap(tree.FindButton(r.t, tree.Dialog(r.t, fac.win), "End exercise"))
}

// forgetJoin forgets the exercise a team laptop joined (the windows of a
// test share one app's preferences).
func forgetJoin() { fyne.CurrentApp().Preferences().RemoveValue(prefs.Rejoin) }

// keepJoin keeps s as the exercise a team laptop joined, as the laptop
// keeps it.
func keepJoin(t *testing.T, s join.Saved) {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	fyne.CurrentApp().Preferences().SetString(prefs.Rejoin, string(data))
}

// joinForm is the join screen's form drawn in a window.
type joinForm struct {
	address, code *widget.Entry
	team          *widget.SelectEntry
}

// joinFormIn finds the join form drawn in o: the address and code fields
// by their placeholders, the team's field.
func joinFormIn(t *testing.T, o fyne.CanvasObject) joinForm {
	t.Helper()
	var f joinForm
	for _, e := range tree.Find[*widget.Entry](t, o) {
		switch e.PlaceHolder {
		case "192.168.1.20:4222":
			f.address = e
		case "K7M 3QX":
			f.code = e
		}
	}
	if teams := tree.Find[*widget.SelectEntry](t, o); len(teams) > 0 {
		f.team = teams[0]
	}
	if f.address == nil || f.code == nil || f.team == nil {
		t.Fatalf("no join form in:\n%s", tree.AllText(o))
	}
	return f
}

// drawnJoinPanel is what a join panel drawn in a window shows.
type drawnJoinPanel struct {
	code  *canvas.Text
	addrs []*canvas.Text
	count *canvas.Text
}

var addressText = regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+:\d+$`)

// joinPanelIn reads the join panel drawn in o: the code under its
// caption, the addresses, the count of teams in.
func joinPanelIn(t *testing.T, o fyne.CanvasObject) drawnJoinPanel {
	t.Helper()
	var p drawnJoinPanel
	texts := tree.Find[*canvas.Text](t, o)
	for i, tx := range texts {
		switch {
		case tx.Text == "Join code" && i+1 < len(texts):
			p.code = texts[i+1]
		case addressText.MatchString(tx.Text):
			p.addrs = append(p.addrs, tx)
		case strings.HasSuffix(tx.Text, "teams have joined"):
			p.count = tx
		}
	}
	if p.code == nil || p.count == nil {
		t.Fatalf("no join panel in:\n%s", tree.DrawnText(o))
	}
	return p
}

// redrawn is the window's content once the window has drawn its screen
// anew, as a language switch does: the console then reads which laptops
// are connected. (Between redraws it hears of a change by looking every
// two seconds, which misses a laptop that came and went in between.)
func redrawn(sh *shell) fyne.CanvasObject {
	sh.Show(sh.current)
	return sh.body
}

// spaced is a join code as the panel shows it, spaced in the middle.
func spaced(code string) string { return code[:3] + " " + code[3:] }

var longCode = regexp.MustCompile(`^[0-9A-Z]{6}-[0-9a-f]{64}$`)

// longCodeIn is the long code (the code with the host's certificate
// fingerprint) that the join tab drawn in o shows.
func longCodeIn(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	for _, l := range tree.Find[*widget.Label](t, o) {
		if longCode.MatchString(l.Text) {
			return l.Text
		}
	}
	t.Fatalf("no long code in:\n%s", tree.AllText(o))
	return ""
}

// windowTitled is the test app's window with that title.
func windowTitled(t *testing.T, title string) fyne.Window {
	t.Helper()
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w.Title() == title {
			return w
		}
	}
	t.Fatalf("no window %q", title)
	return nil
}

// onTeamLaptop checks that a team laptop shows the exercise as team.
func onTeamLaptop(t *testing.T, sh *shell, team string) {
	t.Helper()
	if text := deepText(t, sh.body); !strings.Contains(text, "Team "+team+" · facilitator's laptop at ") ||
		!strings.Contains(text, "Team: "+team) {
		t.Fatalf("the team laptop does not show the exercise as %s:\n%s", team, text)
	}
}

// sendingLine is what a team view says while a choice is on its way.
const sendingLine = "Sending your choice to the facilitator's laptop"

// choose takes an option, by its place in the mini scenario's file, on a
// team laptop and confirms it.
func (r *hostedRig) choose(team *shell, decision string, option int) {
	r.t.Helper()
	test.Tap(optionButton(r.t, team.body, r.mini, decision, option))
	test.Tap(tree.FindButton(r.t, tree.Dialog(r.t, team.win), "Choose"))
}

// The whole "several laptops" path in two windows: the facilitator starts
// an exercise for team laptops and sees the code, the address and who is
// in; a team laptop finds it, joins with the code as typed (lower case,
// with a space), sees the team's view only, receives the inject and makes
// a choice that the facilitator's store records once.
func TestSeveralLaptopsHostAndJoin(t *testing.T) {
	rig := startHosted(t)
	uiq, ann, fac := rig.ui, rig.ann, rig.fac
	if tabs := exerciseTabs(t, fac.body); len(tabs.Items) != 2 || tabs.Items[1].Text != "Team laptops" ||
		strings.Contains(deepText(t, fac.body), "Team: ") {
		var names []string
		for _, it := range tabs.Items {
			names = append(names, it.Text)
		}
		t.Fatalf("hosted exercise tabs %q, team views shown %v; want the console and the join tab only", names,
			strings.Contains(deepText(t, fac.body), "Team: "))
	}
	code, _ := rig.hostFile()
	panel := joinPanelIn(t, fac.body)
	if got := panel.code.Text; got != spaced(code) {
		t.Errorf("join panel shows code %q, want %q", got, spaced(code))
	}
	port := rig.port()
	for _, a := range panel.addrs {
		if !strings.HasSuffix(a.Text, ":"+port) {
			t.Errorf("join panel address %q does not end in the host's port %s", a.Text, port)
		}
	}
	if len(ann.got) != 1 || ann.got[0].ID != rig.id || !slices.Equal(ann.got[0].Teams, []string{"Alpha", "Bravo"}) ||
		ann.got[0].Title.Get("en") != "Mini" {
		t.Fatalf("announced %+v", ann.got)
	}
	for _, a := range ann.got {
		if strings.Contains(strings.ToUpper(a.Title.Get("en")+strings.Join(a.Teams, "")+a.ID), code) {
			t.Error("the announcement carries the join code")
		}
	}
	if got := panel.count.Text; got != "0 of 2 teams have joined" {
		t.Errorf("count before any team = %q", got)
	}

	// The team laptop.
	addr := "127.0.0.1:" + port
	team := teamShell(t, []join.Found{{ID: rig.id, Title: ann.got[0].Title, Teams: ann.got[0].Teams, Addrs: []string{addr}}})
	uiq.Pump()
	home := shownHome(t, team)
	if home.joinButton == nil {
		t.Fatal("a shell that can join offers no join button")
	}
	test.Tap(home.joinButton)
	uiq.Pump()
	currentAs[*join.Screen](t, team)
	var found []*ui.KeyButton
	for _, b := range tree.Find[*ui.KeyButton](t, team.body) {
		if b.Text == "Choose" {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("join screen lists %d exercises, want 1", len(found))
	}
	test.Tap(found[0])
	// (That choosing it offers its teams is app/join's test.)
	f := joinFormIn(t, team.body)
	if f.address.Text != addr {
		t.Errorf("choosing the exercise filled address %q, want %q", f.address.Text, addr)
	}
	f.code.SetText(strings.ToLower(code[:3]) + " " + strings.ToLower(code[3:]))
	f.team.SetText("Alpha")
	test.Tap(tree.FindButton(t, team.body, "Join"))
	uiq.Pump()
	onTeamLaptop(t, team, "Alpha")
	if saved, ok := loadSavedJoin(); !ok || saved.Team != "Alpha" || saved.Address != addr || !strings.HasPrefix(saved.Bundle, code+"-") {
		t.Errorf("saved rejoin %+v, %v", saved, ok)
	}

	uiq.Eventually(t, "the facilitator sees Alpha", func() bool {
		return strings.Contains(tree.DrawnText(fac.body), "Alpha: joined")
	})
	if got := joinPanelIn(t, fac.body).count.Text; got != "1 of 2 teams have joined" {
		t.Errorf("count after Alpha joined = %q", got)
	}
	// The projector window (the situation wall, which shows the join
	// panel until every team is in): the same, larger, kept up to date.
	test.Tap(tree.FindButton(t, fac.body, "Show on the projector"))
	proj := joinPanelIn(t, windowTitled(t, "Firebreak — situation wall").Content())
	// The wall draws the code smaller for each of the laptop's addresses
	// after the first, so that all fit (never under 0.8 of its scale): half
	// as large again as the console's with one address, as large or a
	// little smaller with several (a laptop on Wi-Fi and a cable, or with
	// a container bridge).
	con := joinPanelIn(t, fac.body)
	if proj.code.Text != spaced(code) || len(con.addrs) == 1 && proj.code.TextSize < 1.5*con.code.TextSize ||
		proj.code.TextSize < 0.8*con.code.TextSize {
		t.Fatalf("the projector window shows the code %q at %v, the console %q at %v with %d addresses", proj.code.Text, proj.code.TextSize,
			spaced(code), con.code.TextSize, len(con.addrs))
	}
	if got := proj.count.Text; got != "1 of 2 teams have joined" {
		t.Errorf("projector count = %q", got)
	}
	uiq.Eventually(t, "the console says Alpha's laptop is connected", func() bool {
		return tree.HasLine(cardText(t, redrawn(fac), "Alpha"), "Laptop connected")
	})
	if got := cardText(t, fac.body, "Bravo"); !tree.HasLine(got, "Laptop not joined yet") {
		t.Errorf("Bravo's card = %q", got)
	}

	// The facilitator runs the clock; at 5 minutes the reporter calls
	// and the decision opens on the team laptop.
	rig.openFirstDecision(team)
	if !strings.Contains(deepText(t, team.body), "A reporter calls") {
		t.Errorf("team inbox lacks the inject:\n%s", deepText(t, team.body))
	}
	var buttons int
	for _, b := range tree.Find[*ui.KeyButton](t, team.body) {
		if b.Text == "Choose" {
			buttons++
		}
	}
	if buttons != 2 {
		t.Fatalf("option buttons for the open decision: %d", buttons)
	}
	rig.choose(team, "first", 0)
	uiq.Eventually(t, "the facilitator's store has the choice", func() bool {
		_, phase := rig.choices()
		return phase == "calm"
	})
	uiq.Eventually(t, "the team laptop hears the choice back", func() bool {
		return strings.Contains(deepText(t, team.body), "Chosen: Apologise")
	})
	if n, _ := rig.choices(); n != 1 {
		t.Errorf("the facilitator's store has %d choices for Alpha, want 1", n)
	}

	// The facilitator ends the exercise: the team laptop says so and
	// forgets the exercise (nothing to rejoin after a restart), and the
	// facilitator's window goes to the debrief.
	rig.endExercise(fac)
	uiq.Eventually(t, "the team laptop hears of the end", func() bool {
		return tree.HasLine(shownText(team.body), "The exercise has ended. The facilitator will go through the debrief with everyone.")
	})
	if _, ok := loadSavedJoin(); ok {
		t.Error("the ended exercise is still kept for a rejoin")
	}
	currentAs[*review.Debrief](t, rig.fac)
}

// A hosted exercise resumed after the app was closed (or killed) is served
// again on the same address with the same code, so team laptops reconnect
// by themselves; a team laptop restarted mid-exercise rejoins by itself.
func TestHostedExerciseResumesWhereTeamsKnowIt(t *testing.T) {
	rig := startHosted(t)
	uiq, fac := rig.ui, rig.fac
	id := rig.id
	code, addr := rig.hostFile()
	// Bravo types the long code, as when pairing is turned away.
	team := rig.joinTyped("Bravo", longCodeIn(t, fac.body))

	// The facilitator's app goes away.
	fac.close()

	// Its restart: the home screen offers the exercise; resuming serves
	// it on the same address and code.
	fac2 := rig.restart()
	home := shownHome(t, fac2)
	if home.resumeButton(id) == nil || !strings.Contains(tree.AllText(fac2.body), "On team laptops: resuming serves it again") {
		t.Errorf("home does not offer to resume the hosted exercise as one:\n%s", tree.AllText(fac2.body))
	}
	fac2.resumeExercise(id)
	rig.ui.Pump() // the resume finishes on the UI goroutine
	currentAs[*play.Screen](t, fac2)
	if tabs := exerciseTabs(t, fac2.body); len(tabs.Items) < 2 || tabs.Items[1].Text != "Team laptops" {
		t.Fatal("the resumed exercise is not hosted")
	}
	code2, addr2 := rig.hostFile()
	panel := joinPanelIn(t, fac2.body)
	if code2 != code || addr2 != addr || panel.code.Text != spaced(code) {
		t.Fatalf("resumed host at %s with code %s (shown %q), want %s and %s", addr2, code2, panel.code.Text, addr, code)
	}
	_, port, _ := net.SplitHostPort(addr)
	for _, a := range panel.addrs {
		if !strings.HasSuffix(a.Text, ":"+port) {
			t.Errorf("the resumed host shows address %q, want port %s", a.Text, port)
		}
	}
	uiq.Eventually(t, "Bravo's laptop reconnects by itself", func() bool {
		return strings.Contains(tree.DrawnText(fac2.body), "Bravo: joined")
	})

	// The team laptop restarts: it goes back to its exercise by itself.
	// Meanwhile the console says the laptop dropped out.
	team.close()
	uiq.Eventually(t, "the console says Bravo's laptop dropped out", func() bool {
		return tree.HasLine(cardText(t, redrawn(fac2), "Bravo"), "Laptop disconnected: it reconnects by itself")
	})
	team2 := teamShell(t, nil)
	uiq.Pump()
	onTeamLaptop(t, team2, "Bravo")
	// Leaving on purpose: the join screen offers to rejoin, a restart
	// does not rejoin by itself.
	test.Tap(tree.FindButton(t, team2.body, "Leave the exercise"))
	test.Tap(tree.FindButton(t, tree.Dialog(t, team2.win), "Yes"))
	shownHome(t, team2)
	team2.close()
	team3 := teamShell(t, nil)
	uiq.Pump()
	shownHome(t, team3)
	team3.showJoin()
	uiq.Pump()
	currentAs[*join.Screen](t, team3)
	text := tree.AllText(team3.body)
	offered := strings.Contains(text, "This laptop was in an exercise (Mini) as team Bravo at ")
	joining := strings.Contains(text, "Rejoining as ")
	if !offered || joining {
		t.Errorf("after leaving: rejoin offered %v, joining %v:\n%s", offered, joining, text)
	}
	tree.FindButton(t, team3.body, "Rejoin")
}

// A choice made while the facilitator's laptop is down, on a team laptop
// that is then closed too, is sent again when the laptop rejoins and counts
// once, however often it is sent.
func TestChoiceMadeWhileHostDownCountsOnce(t *testing.T) {
	rig := startHosted(t)
	uiq, fac := rig.ui, rig.fac
	code, _ := rig.hostFile()
	team := rig.joinTyped("Alpha", code)

	// The decision opens at 5 minutes, then the facilitator's app stops.
	rig.openFirstDecision(team)
	fac.close()

	// The team chooses while the host is down: the choice waits, kept.
	rig.choose(team, "first", 0)
	if !strings.Contains(deepText(t, team.body), sendingLine) {
		t.Fatal("the choice does not show as on its way")
	}
	// A language switch rebuilds the view: the choice is still on its
	// way there, and a second one cannot be made meanwhile.
	team.setLang(i18n.ZH)
	if !strings.Contains(deepText(t, team.body), team.loc.T("team.sending")) || !optionButton(t, team.body, rig.mini, "first", 1).Disabled() {
		t.Fatal("after a language switch the decision can be chosen again while a choice is on its way")
	}
	team.setLang(i18n.EN)
	saved, _ := loadSavedJoin()
	if len(saved.Pending) != 1 || saved.Pending[0].Decision != "first" || saved.Pending[0].Ref == "" {
		t.Fatalf("pending choices kept: %+v", saved.Pending)
	}
	pending := saved.Pending[0]
	// The team laptop is closed before the host comes back.
	team.close()
	uiq.Pump()
	if saved, _ := loadSavedJoin(); len(saved.Pending) != 1 {
		t.Fatalf("closing the laptop dropped the pending choice: %+v", saved.Pending)
	}

	// The team laptop restarts first: the facilitator's laptop is not
	// there, so it keeps trying by itself, every rejoinRetryDelay (see
	// TestRejoinKeepsTryingWhileTheHostIsAway).
	team2 := teamShell(t, nil)
	uiq.Pump()
	currentAs[*join.Screen](t, team2)
	if text := tree.AllText(team2.body); !strings.Contains(text, "Trying again every few seconds") {
		t.Errorf("a rejoin with the host down says:\n%s", text)
	}
	if !strings.Contains(tree.AllText(team2.body), "1 choice(s) made here have not reached the facilitator's laptop yet") {
		t.Errorf("the join screen does not say a choice is still to be delivered:\n%s", tree.AllText(team2.body))
	}
	// The facilitator resumes; the laptop gets in and sends the choice
	// again.
	fac2 := rig.resume()
	uiq.Eventually(t, "the team laptop rejoins by itself", func() bool {
		return strings.Contains(tree.AllText(team2.body), "Team Alpha · facilitator's laptop at ")
	})
	// The resumed exercise comes back with its clock paused: the choice
	// waits on the laptop (a paused clock holds choices) until the
	// facilitator runs the clock, then goes by itself. Held, it is no
	// longer on its way, nor refused (which a message would say), and it
	// is still kept.
	uiq.Eventually(t, "the choice is held while the clock is paused", func() bool {
		s, _ := loadSavedJoin()
		return findOption(t, team2.body, "Apologise") != nil && !strings.Contains(deepText(t, team2.body), sendingLine) &&
			team2.win.Canvas().Overlays().Top() == nil && len(s.Pending) == 1
	})
	if n, _ := rig.choices(); n != 0 {
		t.Fatalf("a choice reached the facilitator's store while its clock was paused")
	}
	if s, _ := loadSavedJoin(); len(s.Pending) != 1 {
		t.Fatalf("the held choice is no longer kept: %+v", s.Pending)
	}
	test.Tap(tree.FindButton(t, fac2.body, "Resume"))
	uiq.Eventually(t, "the choice arrives after the rejoin", func() bool {
		n, _ := rig.choices()
		return n == 1
	})
	uiq.Eventually(t, "the pending choice is settled", func() bool { s, _ := loadSavedJoin(); return len(s.Pending) == 0 })
	// The same choice once more, as a laptop that never heard the answer
	// would send it (it kept the choice, and sends it again when it
	// rejoins): still one.
	saved, _ = loadSavedJoin()
	saved.Pending = []join.PendingChoice{pending}
	keepJoin(t, saved)
	team2.close()
	team3 := teamShell(t, nil)
	uiq.Eventually(t, "the repeat is answered", func() bool {
		s, _ := loadSavedJoin()
		return strings.Contains(tree.AllText(team3.body), "Team Alpha · facilitator's laptop at ") &&
			!strings.Contains(deepText(t, team3.body), sendingLine) && len(s.Pending) == 0
	})
	if n, phase := rig.choices(); n != 1 || phase != "calm" {
		t.Errorf("after sending the choice twice: %d choices, phase %q; want 1 and calm", n, phase)
	}
}

// The app's announcer refuses an announcement it cannot make (here, one
// with no id) with an error and no closer, not a nil closer in an
// io.Closer. (How hosting goes on without an announcement is tested in
// app/play.)
func TestHostingWhenTheAnnouncementFails(t *testing.T) {
	closer, err := advertiseExercise(play.Announcement{ID: "", Port: 0})
	if err == nil || closer != nil {
		t.Fatalf("a bad announcement gave closer %v, error %v; want no closer and an error", closer, err)
	}
}

// A resumed exercise whose port has been taken meanwhile is served on
// another one, and the join panel says the address changed.
func TestResumedHostMovesWhenItsPortIsTaken(t *testing.T) {
	rig := startHosted(t)
	port := rig.port()
	code, _ := rig.hostFile()
	rig.fac.close()
	l, err := net.Listen("tcp", "0.0.0.0:"+port)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fac2 := rig.resume()
	panel := joinPanelIn(t, fac2.body)
	if code2, _ := rig.hostFile(); code2 != code || panel.code.Text != spaced(code) {
		t.Fatalf("the resumed host has code %s (shown %q), want %s", code2, panel.code.Text, code)
	}
	if port2 := rig.port(); port2 == port {
		t.Fatalf("still on port %s", port)
	}
	for _, a := range panel.addrs {
		if strings.HasSuffix(a.Text, ":"+port) {
			t.Errorf("the panel still shows the old port: %q", a.Text)
		}
	}
	if !strings.Contains(tree.AllText(fac2.body), "moved to the one above") {
		t.Errorf("the join panel does not say the address changed:\n%s", tree.AllText(fac2.body))
	}
}

// Two laptops joined as one team are pointed out to the facilitator.
func TestConsoleFlagsTwoLaptopsOnOneTeam(t *testing.T) {
	rig := startHosted(t)
	code, _ := rig.hostFile()
	rig.joinTyped("Alpha", code)
	rig.joinTyped("Alpha", code)
	rig.ui.Eventually(t, "the console counts two laptops for Alpha", func() bool {
		return strings.Contains(cardText(t, redrawn(rig.fac), "Alpha"), "\n2 laptops connected as this team")
	})
	if got := cardText(t, rig.fac.body, "Bravo"); !tree.HasLine(got, "Laptop not joined yet") {
		t.Errorf("Bravo's card = %q", got)
	}
}
