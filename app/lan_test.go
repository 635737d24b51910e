package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/paths"
)

// fakeAnnouncer records what the facilitator's laptop announced.
type fakeAnnouncer struct {
	got    []announcement
	closed int
}

func (f *fakeAnnouncer) advertise(a announcement) (io.Closer, error) {
	f.got = append(f.got, a)
	return closerFunc(func() error { f.closed++; return nil }), nil
}

type closerFunc func() error

func (c closerFunc) Close() error { return c() }

// hostShell is a facilitator's window that can host team laptops: its
// host files next to a real database, announcements recorded. It opens in
// the test's app (startHosted makes it), as all the windows of a test must:
// the team laptop's saved join lives in the app's preferences.
func hostShell(t *testing.T, st *exercise.DB, dbPath string, clock *engine.FakeClock, ann *fakeAnnouncer) *shell {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	sh := newShell(w, i18n.EN, deps{
		openStore:     func() (*exercise.DB, error) { return st, nil },
		loadScenarios: func() ([]library.Entry, error) { return nil, nil },
		clock:         clock,
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
func teamShell(t *testing.T, found []foundExercise) *shell {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	sh := newShell(w, i18n.EN, deps{
		openStore:     func() (*exercise.DB, error) { return nil, errors.New("a team laptop needs no database") },
		loadScenarios: func() ([]library.Entry, error) { return nil, nil },
		clock:         engine.RealClock{},
		browse: func(context.Context, time.Duration) ([]foundExercise, error) {
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
	ex    *exerciseScreen
}

// startHosted starts the exercise from the setup screen with team laptops
// ticked, as a facilitator does.
func startHosted(t *testing.T) *hostedRig {
	t.Helper()
	r := &hostedRig{t: t, db: filepath.Join(t.TempDir(), "fb.db"), clock: engine.NewFakeClock(), ann: &fakeAnnouncer{}}
	var err error
	if r.st, err = exercise.Open(r.db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.st.Close() })
	uitest.Window(t) // the test's app, in the app's theme
	r.ui = uitest.QueueUI(t)
	r.fac = hostShell(t, r.st, r.db, r.clock, r.ann)
	r.ui.Pump()
	storeSavedJoin(nil)
	t.Cleanup(func() { storeSavedJoin(nil) })
	r.fac.showSetup(uitest.MiniEntry(t))
	s := shownSetup(t, r.fac)
	if s.severalCheck == nil {
		t.Fatal("setup does not offer team laptops though the shell can host")
	}
	s.severalCheck.SetChecked(true)
	test.Tap(s.startButton)
	r.ui.Pump() // the start finishes on the UI goroutine
	r.ex = currentAs[*exerciseScreen](t, r.fac)
	if r.ex.hosting == nil {
		t.Fatal("the exercise is not hosted")
	}
	return r
}

// port is the port the host listens on.
func (r *hostedRig) port() string {
	_, port, err := net.SplitHostPort(r.ex.hosting.host.Address())
	if err != nil {
		r.t.Fatal(err)
	}
	return port
}

// restart is the facilitator's app started again (after a close or a
// crash) on the same database: the home screen, then Resume.
func (r *hostedRig) restart() *shell {
	r.t.Helper()
	fac := hostShell(r.t, r.st, r.db, r.clock, &fakeAnnouncer{})
	r.ui.Pump()
	return fac
}

// joinTyped is a team laptop joining as team by typing the address and
// code (the join code or the long code).
func (r *hostedRig) joinTyped(team, code string) (*shell, *remoteScreen) {
	r.t.Helper()
	// A laptop of its own: nothing saved from another laptop's join (the
	// windows of a test share one app's preferences).
	storeSavedJoin(nil)
	sh := teamShell(r.t, nil)
	r.ui.Pump()
	sh.showJoin()
	r.ui.Pump()
	j := currentAs[*joinScreen](r.t, sh)
	j.addressEntry.SetText("127.0.0.1:" + r.port())
	j.codeEntry.SetText(code)
	j.teamEntry.SetText(team)
	test.Tap(j.joinButton)
	r.ui.Pump()
	return sh, currentAs[*remoteScreen](r.t, sh)
}

// openFirstDecision runs the clock to 5 minutes, where the mini scenario
// opens decision "first", and waits until the laptop r has it.
func (r *hostedRig) openFirstDecision(team *remoteScreen) {
	r.t.Helper()
	test.Tap(r.ex.console.pauseButton)
	r.clock.Add(5 * time.Minute)
	if err := r.ex.run.Session.Tick(); err != nil {
		r.t.Fatal(err)
	}
	// The clock keeps running: a paused clock holds the team's choices.
	r.ui.Pump()
	name := team.conn.Team()
	r.ui.Eventually(r.t, "the decision reaches the team laptop", func() bool {
		open := false
		team.conn.Read(func(s *engine.State) { open = len(s.Team(name).Open) == 1 })
		return open
	})
	team.refresh()
}

// The whole "several laptops" path in two windows: the facilitator starts
// an exercise for team laptops and sees the code, the address and who is
// in; a team laptop finds it, joins with the code as typed (lower case,
// with a space), sees the team's view only, receives the inject and makes
// a choice that the facilitator's store records once.
func TestSeveralLaptopsHostAndJoin(t *testing.T) {
	rig := startHosted(t)
	ui, ann, ex := rig.ui, rig.ann, rig.ex
	if len(ex.teams) != 0 || len(ex.tabs.Items) != 2 || ex.tabs.Items[1].Text != "Team laptops" {
		var tabs []string
		for _, it := range ex.tabs.Items {
			tabs = append(tabs, it.Text)
		}
		t.Fatalf("hosted exercise tabs %q, team views %d; want the console and the join tab only", tabs, len(ex.teams))
	}
	h := ex.hosting.host
	code := h.Code()
	if got := ex.joinPanel.code.Text; got != formatJoinCode(code) {
		t.Errorf("join panel shows code %q, want %q", got, formatJoinCode(code))
	}
	port := rig.port()
	for _, a := range ex.joinPanel.addrs {
		if !strings.HasSuffix(a.Text, ":"+port) {
			t.Errorf("join panel address %q does not end in the host's port %s", a.Text, port)
		}
	}
	if len(ann.got) != 1 || ann.got[0].ID != ex.run.ID || !slices.Equal(ann.got[0].Teams, []string{"Alpha", "Bravo"}) ||
		ann.got[0].Title.Get("en") != "Mini" {
		t.Fatalf("announced %+v", ann.got)
	}
	for _, a := range ann.got {
		if strings.Contains(strings.ToUpper(a.Title.Get("en")+strings.Join(a.Teams, "")+a.ID), code) {
			t.Error("the announcement carries the join code")
		}
	}
	if got := ex.joinPanel.count.Text; got != "0 of 2 teams have joined" {
		t.Errorf("count before any team = %q", got)
	}

	// The team laptop.
	addr := "127.0.0.1:" + port
	team := teamShell(t, []foundExercise{{ID: ex.run.ID, Title: ann.got[0].Title, Teams: ann.got[0].Teams, Addrs: []string{addr}}})
	ui.Pump()
	home := shownHome(t, team)
	if home.joinButton == nil {
		t.Fatal("a shell that can join offers no join button")
	}
	test.Tap(home.joinButton)
	ui.Pump()
	j := currentAs[*joinScreen](t, team)
	if len(j.foundButtons) != 1 {
		t.Fatalf("join screen lists %d exercises, want 1", len(j.foundButtons))
	}
	test.Tap(j.foundButtons[0])
	if j.addressEntry.Text != addr {
		t.Errorf("choosing the exercise filled address %q, want %q", j.addressEntry.Text, addr)
	}
	if !slices.Equal(j.teamOptions, []string{"Alpha", "Bravo"}) {
		t.Errorf("team choices %q", j.teamOptions)
	}
	j.codeEntry.SetText(strings.ToLower(code[:3]) + " " + strings.ToLower(code[3:]))
	j.teamEntry.SetText("Alpha")
	test.Tap(j.joinButton)
	ui.Pump()
	r := currentAs[*remoteScreen](t, team)
	if r.tv.team != "Alpha" || r.conn.Team() != "Alpha" {
		t.Fatalf("joined as %q", r.conn.Team())
	}
	if saved, ok := loadSavedJoin(); !ok || saved.Team != "Alpha" || saved.Address != addr || !strings.HasPrefix(saved.Bundle, code+"-") {
		t.Errorf("saved rejoin %+v, %v", saved, ok)
	}

	ui.Eventually(t, "the facilitator sees Alpha", func() bool { return slices.Contains(h.Present(), "Alpha") })
	ex.refreshPresence()
	if got := ex.joinPanel.count.Text; got != "1 of 2 teams have joined" {
		t.Errorf("count after Alpha joined = %q", got)
	}
	// The projector window: the same, twice as large, kept up to date.
	ex.showProjector()
	if ex.projector == nil || ex.projPanel.code.Text != formatJoinCode(code) || ex.projPanel.code.TextSize != 2*ex.joinPanel.code.TextSize {
		t.Fatal("the projector window does not show the code twice as large")
	}
	if got := ex.projPanel.count.Text; got != "1 of 2 teams have joined" {
		t.Errorf("projector count = %q", got)
	}
	ui.Eventually(t, "the console says Alpha's laptop is connected", func() bool {
		ex.refreshPresence()
		return ex.console.laptopLabels["Alpha"].Text == "Laptop connected"
	})
	if got := ex.console.laptopLabels["Bravo"].Text; got != "Laptop not joined yet" {
		t.Errorf("Bravo's laptop line = %q", got)
	}

	// The facilitator runs the clock; at 5 minutes the reporter calls
	// and the decision opens on the team laptop.
	rig.openFirstDecision(r)
	if !strings.Contains(tree.AllText(r.tv.inbox), "A reporter calls") {
		t.Errorf("team inbox lacks the inject:\n%s", tree.AllText(r.tv.inbox))
	}
	buttons := r.tv.optionButtons["first"]
	if len(buttons) != 2 {
		t.Fatalf("option buttons for the open decision: %d", len(buttons))
	}
	test.Tap(optionButton(t, r.tv, "first", 0))
	if r.tv.confirm == nil {
		t.Fatal("choosing did not ask for confirmation")
	}
	r.tv.confirm.Confirm()
	ui.Eventually(t, "the facilitator's store has the choice", func() bool {
		var phase string
		ex.run.Session.Read(func(s *engine.State) { phase = s.Team("Alpha").Phase })
		return phase == "calm"
	})
	ui.Eventually(t, "the team laptop hears the choice back", func() bool {
		var phase string
		r.conn.Read(func(s *engine.State) { phase = s.Team("Alpha").Phase })
		return phase == "calm"
	})
	var choices int
	ex.run.Session.Read(func(s *engine.State) {
		for _, a := range s.Team("Alpha").Answers {
			if a.Option != nil {
				choices++
			}
		}
	})
	if choices != 1 {
		t.Errorf("the facilitator's store has %d choices for Alpha, want 1", choices)
	}

	// The facilitator ends the exercise: the team laptop says so and
	// forgets the exercise (nothing to rejoin after a restart), and the
	// facilitator's window goes to the debrief.
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	ui.Eventually(t, "the team laptop hears of the end", func() bool { r.refresh(); return r.ended })
	if !r.over.Box.Visible() {
		t.Error("the team laptop does not say the exercise has ended")
	}
	if _, ok := loadSavedJoin(); ok {
		t.Error("the ended exercise is still kept for a rejoin")
	}
	currentAs[*review.Debrief](t, rig.fac)
}

// The join form says what is wrong beside each field and joins nothing.
func TestJoinFormRefusesBadInput(t *testing.T) {
	joins := 0
	w := uitest.Window(t)
	sh := newShell(w, i18n.EN, deps{
		openStore:     func() (*exercise.DB, error) { return nil, errors.New("none") },
		loadScenarios: func() ([]library.Entry, error) { return nil, nil },
		clock:         engine.RealClock{},
		join: func(context.Context, joinRequest) (remoteTeam, error) {
			joins++
			return nil, errors.New("must not be called")
		},
	})
	sh.load()
	t.Cleanup(sh.close)
	storeSavedJoin(nil)
	sh.showJoin()
	j := currentAs[*joinScreen](t, sh)
	cases := []struct {
		name, addr, code, team    string
		addrErr, codeErr, teamErr bool
	}{
		{"all empty", "", "", "", true, true, true},
		{"port out of range", "10.0.0.2:70000", "K7M3QX", "Alpha", true, false, false},
		{"code too short", "10.0.0.2", "K7M3Q", "Alpha", false, true, false},
		{"code with a letter people misread", "10.0.0.2:4222", "K7M30X", "Alpha", false, true, false},
		{"team name too long", "10.0.0.2:4222", "K7M3QX", strings.Repeat("Alpha", engine.MaxTeamNameLen), false, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j.addressEntry.SetText(c.addr)
			j.codeEntry.SetText(c.code)
			j.teamEntry.SetText(c.team)
			test.Tap(j.joinButton)
			j = currentAs[*joinScreen](t, sh)
			if (j.addrErr != "") != c.addrErr || (j.codeErr != "") != c.codeErr || (j.teamErr != "") != c.teamErr {
				t.Errorf("errors: address %q, code %q, team %q", j.addrErr, j.codeErr, j.teamErr)
			}
		})
	}
	if joins != 0 {
		t.Errorf("bad input reached the network %d times", joins)
	}
}

func TestNormalizeAddressAndCode(t *testing.T) {
	addrs := []struct{ in, want string }{
		{"192.168.1.20:4222", "192.168.1.20:4222"},
		{" 192.168.1.20 ", "192.168.1.20:4222"},
		{"facilitator.local:5000", "facilitator.local:5000"},
		{"[fd00::2]:4222", "[fd00::2]:4222"},
		{"fd00::2", "[fd00::2]:4222"},
		{"192.168.1.20:0", ""},
		{"192.168.1.20:port", ""},
		{"http://192.168.1.20", ""},
		{"", ""},
	}
	for _, a := range addrs {
		got, err := normalizeAddress(a.in)
		if a.want == "" && err == nil || a.want != "" && got != a.want {
			t.Errorf("normalizeAddress(%q) = %q, %v; want %q", a.in, got, err, a.want)
		}
	}
	codes := []struct{ in, want string }{
		{"K7M3QX", "K7M3QX"},
		{"k7m 3qx", "K7M3QX"},
		{"K7M-3QX", "K7M3QX"},
		{"K7M\u30003QX", "K7M3QX"},
		{"K7M3QXX", ""},
		{"K7M3Q1", ""},
	}
	for _, c := range codes {
		got, err := codeInput(c.in)
		if c.want == "" && err == nil || c.want != "" && got != c.want {
			t.Errorf("codeInput(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if got := formatJoinCode("K7M3QX"); got != "K7M 3QX" {
		t.Errorf("formatJoinCode = %q", got)
	}
	fp := strings.Repeat("ab", 32)
	longs := []struct{ in, code, bundle string }{
		{"k7m 3qx", "K7M3QX", ""},
		{" K7M3QX-" + fp + " ", "K7M3QX", "K7M3QX-" + fp},
		{"K7M3QX-" + strings.ToUpper(fp), "K7M3QX", "K7M3QX-" + fp},
		{"K7M3QX-" + fp[:10], "", ""}, // a cut-off long code is not a code
		{"K7M3Q1-" + fp, "", ""},      // nor one whose code part is wrong
	}
	for _, c := range longs {
		code, bundle, err := codeOrBundle(c.in)
		if c.code == "" && err == nil || c.code != "" && (code != c.code || bundle != c.bundle) {
			t.Errorf("codeOrBundle(%q) = %q, %q, %v; want %q, %q", c.in, code, bundle, err, c.code, c.bundle)
		}
	}
}

// A hosted exercise resumed after the app was closed (or killed) is served
// again on the same address with the same code, so team laptops reconnect
// by themselves; a team laptop restarted mid-exercise rejoins by itself.
func TestHostedExerciseResumesWhereTeamsKnowIt(t *testing.T) {
	rig := startHosted(t)
	ui, fac, ex := rig.ui, rig.fac, rig.ex
	id, code, addr := ex.run.ID, ex.hosting.host.Code(), ex.hosting.host.Address()
	// Bravo types the long code, as when pairing is turned away.
	team, _ := rig.joinTyped("Bravo", ex.hosting.host.Bundle().String())

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
	ex2 := currentAs[*exerciseScreen](t, fac2)
	if ex2.hosting == nil {
		t.Fatal("the resumed exercise is not hosted")
	}
	if ex2.hosting.host.Code() != code || ex2.hosting.host.Address() != addr {
		t.Fatalf("resumed host at %s with code %s, want %s and %s", ex2.hosting.host.Address(), ex2.hosting.host.Code(), addr, code)
	}
	ui.Eventually(t, "Bravo's laptop reconnects by itself", func() bool { return slices.Contains(ex2.hosting.host.Present(), "Bravo") })

	// The team laptop restarts: it goes back to its exercise by itself.
	// Meanwhile the console says the laptop dropped out.
	team.close()
	ui.Eventually(t, "the console says Bravo's laptop dropped out", func() bool {
		ex2.refreshPresence()
		return ex2.console.laptopLabels["Bravo"].Text == "Laptop disconnected: it reconnects by itself"
	})
	team2 := teamShell(t, nil)
	ui.Pump()
	r := currentAs[*remoteScreen](t, team2)
	if r.conn.Team() != "Bravo" {
		t.Errorf("rejoined as %q", r.conn.Team())
	}
	// Leaving on purpose: the join screen offers to rejoin, a restart
	// does not rejoin by itself.
	r.leave()
	shownHome(t, team2)
	team2.close()
	team3 := teamShell(t, nil)
	ui.Pump()
	shownHome(t, team3)
	team3.showJoin()
	ui.Pump()
	j3 := currentAs[*joinScreen](t, team3)
	if j3.rejoin == nil || j3.rejoin.Team != "Bravo" || j3.joining {
		t.Errorf("after leaving: rejoin offered %+v, joining %v", j3.rejoin, j3.joining)
	}
}

// A choice made while the facilitator's laptop is down, on a team laptop
// that is then closed too, is sent again when the laptop rejoins and counts
// once, however often it is sent.
func TestChoiceMadeWhileHostDownCountsOnce(t *testing.T) {
	rig := startHosted(t)
	ui, fac := rig.ui, rig.fac
	id := rig.ex.run.ID
	team, r := rig.joinTyped("Alpha", rig.ex.hosting.host.Code())

	// The decision opens at 5 minutes, then the facilitator's app stops.
	rig.openFirstDecision(r)
	fac.close()

	// The team chooses while the host is down: the choice waits, kept.
	test.Tap(optionButton(t, r.tv, "first", 0))
	r.tv.confirm.Confirm()
	if !r.tv.sending["first"] {
		t.Fatal("the choice does not show as on its way")
	}
	// A language switch rebuilds the view: the choice is still on its
	// way there, and a second one cannot be made meanwhile.
	team.setLang(i18n.ZH)
	if !r.tv.sending["first"] || !optionButton(t, r.tv, "first", 1).Disabled() {
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
	ui.Pump()
	if saved, _ := loadSavedJoin(); len(saved.Pending) != 1 {
		t.Fatalf("closing the laptop dropped the pending choice: %+v", saved.Pending)
	}

	// The team laptop restarts first: the facilitator's laptop is not
	// there, so it keeps trying by itself, every rejoinRetryDelay (see
	// TestRejoinKeepsTryingWhileTheHostIsAway).
	team2 := teamShell(t, nil)
	ui.Pump()
	j2 := currentAs[*joinScreen](t, team2)
	if !strings.Contains(j2.joinErr, "Trying again every few seconds") {
		t.Errorf("a rejoin with the host down says %q", j2.joinErr)
	}
	if !strings.Contains(tree.AllText(team2.body), "1 choice(s) made here have not reached the facilitator's laptop yet") {
		t.Errorf("the join screen does not say a choice is still to be delivered:\n%s", tree.AllText(team2.body))
	}
	// The facilitator resumes; the laptop gets in and sends the choice
	// again.
	fac2 := rig.restart()
	fac2.resumeExercise(id)
	rig.ui.Pump() // the resume finishes on the UI goroutine
	ex2 := currentAs[*exerciseScreen](t, fac2)
	ui.Eventually(t, "the team laptop rejoins by itself", func() bool {
		_, ok := team2.current.(*remoteScreen)
		return ok
	})
	r2 := currentAs[*remoteScreen](t, team2)
	answers := func() (n int, phase string) {
		ex2.run.Session.Read(func(s *engine.State) {
			for _, a := range s.Team("Alpha").Answers {
				if a.Option != nil {
					n++
				}
			}
			phase = s.Team("Alpha").Phase
		})
		return n, phase
	}
	// The resumed exercise comes back with its clock paused: the choice
	// waits on the laptop (a paused clock holds choices) until the
	// facilitator runs the clock, then goes by itself.
	ui.Eventually(t, "the choice is held while the clock is paused", func() bool { return r2.tv.held["first"].Decision == "first" })
	if n, _ := answers(); n != 0 {
		t.Fatalf("a choice reached the facilitator's store while its clock was paused")
	}
	if s, _ := loadSavedJoin(); len(s.Pending) != 1 {
		t.Fatalf("the held choice is no longer kept: %+v", s.Pending)
	}
	test.Tap(ex2.console.pauseButton)
	ui.Eventually(t, "the choice arrives after the rejoin", func() bool {
		r2.tv.refresh()
		n, _ := answers()
		return n == 1
	})
	ui.Eventually(t, "the pending choice is settled", func() bool { s, _ := loadSavedJoin(); return len(s.Pending) == 0 })
	// The same choice once more, as a laptop that never heard the answer
	// would send it: still one.
	r2.resend([]pendingChoice{pending})
	ui.Eventually(t, "the repeat is answered", func() bool { return !r2.tv.sending["first"] })
	if n, phase := answers(); n != 1 || phase != "calm" {
		t.Errorf("after sending the choice twice: %d choices, phase %q; want 1 and calm", n, phase)
	}
}

// An exercise that cannot be announced (no network, say) is hosted all the
// same, says so, and closes cleanly.
func TestHostingWhenTheAnnouncementFails(t *testing.T) {
	closer, err := advertiseExercise(announcement{ID: "", Port: 0})
	if err == nil || closer != nil {
		t.Fatalf("a bad announcement gave closer %v, error %v; want no closer and an error", closer, err)
	}
	st := uitest.OpenStore(t)
	run := uitest.StartMini(t, st, engine.NewFakeClock())
	dir := filepath.Join(t.TempDir(), "lan")
	hs, err := startHosting(run, dir, func(announcement) (io.Closer, error) {
		return advertiseExercise(announcement{}) // fails: no id
	}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if hs.announce == nil || hs.adv != nil {
		t.Errorf("announcement error %v, closer %v", hs.announce, hs.adv)
	}
	hs.close(false)
	hs.close(false)
}

// A resumed exercise whose port has been taken meanwhile is served on
// another one, and the join panel says the address changed.
func TestResumedHostMovesWhenItsPortIsTaken(t *testing.T) {
	rig := startHosted(t)
	id, code, port := rig.ex.run.ID, rig.ex.hosting.host.Code(), rig.port()
	rig.fac.close()
	l, err := net.Listen("tcp", "0.0.0.0:"+port)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fac2 := rig.restart()
	fac2.resumeExercise(id)
	rig.ui.Pump() // the resume finishes on the UI goroutine
	ex2 := currentAs[*exerciseScreen](t, fac2)
	if ex2.hosting == nil || !ex2.hosting.moved || ex2.hosting.host.Code() != code {
		t.Fatalf("hosting %+v", ex2.hosting)
	}
	_, port2, _ := net.SplitHostPort(ex2.hosting.host.Address())
	if port2 == port {
		t.Fatalf("still on port %s", port)
	}
	if !strings.Contains(tree.AllText(ex2.joinPanel.root), "moved to the one above") {
		t.Errorf("the join panel does not say the address changed:\n%s", tree.AllText(ex2.joinPanel.root))
	}
}

// Two laptops joined as one team are pointed out to the facilitator.
func TestConsoleFlagsTwoLaptopsOnOneTeam(t *testing.T) {
	rig := startHosted(t)
	code := rig.ex.hosting.host.Code()
	rig.joinTyped("Alpha", code)
	rig.joinTyped("Alpha", code)
	rig.ui.Eventually(t, "the console counts two laptops for Alpha", func() bool {
		rig.ex.refreshPresence()
		return strings.HasPrefix(rig.ex.console.laptopLabels["Alpha"].Text, "2 laptops connected as this team")
	})
	if got := rig.ex.console.laptopLabels["Bravo"].Text; got != "Laptop not joined yet" {
		t.Errorf("Bravo's line = %q", got)
	}
}

// A laptop that joins a network after the exercise started shows its new
// address and announces the exercise there; one on no network says so.
func TestHostingFollowsTheLaptopsAddresses(t *testing.T) {
	st := uitest.OpenStore(t)
	uitest.Window(t)
	run := uitest.StartMini(t, st, engine.NewFakeClock())
	ann := &fakeAnnouncer{}
	hs, err := startHosting(run, filepath.Join(t.TempDir(), "lan"), ann.advertise, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer hs.close(false)
	if hs.readdress() {
		t.Error("addresses changed though the network did not")
	}
	// As when the exercise started before the laptop was on the Wi-Fi.
	hs.addrs = []string{"127.0.0.1:1"}
	loc := i18n.New(i18n.EN)
	if !strings.Contains(tree.AllText(newJoinPanel(loc, hs, 1, func() {}).root), "This laptop is not on any network") {
		t.Error("a laptop with only its loopback address does not say it is on no network")
	}
	if !hs.readdress() || len(ann.got) != 2 || ann.closed != 1 {
		t.Errorf("after a change of address: announced %d times, closed %d", len(ann.got), ann.closed)
	}
	if strings.Contains(tree.AllText(newJoinPanel(loc, hs, 1, func() {}).root), "not on any network") != onlyLoopback(hs.addrs) {
		t.Error("the panel's network warning does not follow the addresses")
	}
	cases := []struct {
		addrs []string
		want  bool
	}{
		{[]string{"127.0.0.1:4222"}, true},
		{[]string{"127.0.0.1:4222", "192.168.1.20:4222"}, false},
		{[]string{"10.0.0.2:4222"}, false},
	}
	for _, c := range cases {
		if got := onlyLoopback(c.addrs); got != c.want {
			t.Errorf("onlyLoopback(%v) = %v", c.addrs, got)
		}
	}
}

// A team laptop on no network is told so in its language, not given the
// discovery package's error.
func TestJoinScreenSaysWhenOnNoNetwork(t *testing.T) {
	w := uitest.Window(t)
	sh := newShell(w, i18n.ZH, deps{
		openStore:     func() (*exercise.DB, error) { return nil, errors.New("none") },
		loadScenarios: func() ([]library.Entry, error) { return nil, nil },
		clock:         engine.RealClock{},
		browse: func(context.Context, time.Duration) ([]foundExercise, error) {
			return nil, fmt.Errorf("%w (checked lo: loopback)", errNoNetwork)
		},
		join: func(context.Context, joinRequest) (remoteTeam, error) { return nil, errors.New("unused") },
	})
	sh.load()
	t.Cleanup(sh.close)
	storeSavedJoin(nil)
	sh.showJoin()
	text := tree.AllText(sh.body)
	if !strings.Contains(text, "本电脑未连接任何网络") || strings.Contains(text, "loopback") {
		t.Errorf("join screen on no network:\n%s", text)
	}
}

// A team laptop restarted while the facilitator's laptop is away keeps
// trying to rejoin by itself, every rejoinRetryDelay, until the user goes
// elsewhere. It runs in a synctest bubble: the tries come as the test moves
// the bubble's clock on.
func TestRejoinKeepsTryingWhileTheHostIsAway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var tries []time.Duration
		w := uitest.Window(t)
		uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
		storeSavedJoin(&savedJoin{Address: "192.168.1.20:4222", Bundle: "K7M3QX-" + strings.Repeat("ab", 32), Team: "Alpha"})
		t.Cleanup(func() { storeSavedJoin(nil) })
		sh := newShell(w, i18n.EN, deps{
			openStore:     func() (*exercise.DB, error) { return nil, errors.New("a team laptop needs no database") },
			loadScenarios: func() ([]library.Entry, error) { return nil, nil },
			clock:         engine.RealClock{},
			join: func(_ context.Context, req joinRequest) (remoteTeam, error) {
				if req.Team != "Alpha" || req.Bundle == "" {
					t.Errorf("rejoined with %+v", req)
				}
				tries = append(tries, time.Since(start))
				return nil, lan.ErrNoHost
			},
		})
		sh.load()
		t.Cleanup(sh.close)
		uiq.Pump()
		j := currentAs[*joinScreen](t, sh)
		if !strings.Contains(j.joinErr, "Trying again every few seconds") {
			t.Errorf("a rejoin with the host away says %q", j.joinErr)
		}
		d := rejoinRetryDelay
		uiq.Settle(d - time.Millisecond)
		if !slices.Equal(tries, []time.Duration{0}) {
			t.Fatalf("tries at %v before rejoinRetryDelay passed, want one at 0", tries)
		}
		uiq.Settle(time.Millisecond)
		uiq.Settle(d)
		if !slices.Equal(tries, []time.Duration{0, d, 2 * d}) {
			t.Fatalf("tries at %v, want 0, %v and %v", tries, d, 2*d)
		}
		// The user goes back to the home screen: no more tries.
		sh.showHome()
		uiq.Settle(5 * d)
		if len(tries) != 3 {
			t.Errorf("tried again after the join screen closed: %v", tries)
		}
	})
}
