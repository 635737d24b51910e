package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/discovery"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/paths"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// HostLine is the JSON line `host` prints on standard output once it
// listens: where team laptops connect, the join code bundle (code and
// certificate fingerprint), the 6-character join code alone (laptops pair
// with it) and the exercise id.
type HostLine struct {
	Address  string `json:"address"`
	Code     string `json:"code"`
	JoinCode string `json:"join_code"`
	Exercise string `json:"exercise"`
	// RoleCode is the role-player code with the certificate fingerprint,
	// which a role-player's laptop joins with.
	RoleCode string `json:"role_code"`
	// EvalCode is the evaluator code with the certificate fingerprint,
	// which an evaluator's laptop joins with.
	EvalCode string `json:"eval_code"`
}

// hostCmd serves an exercise to team laptops on the local network:
//
//	firebreak host SCENARIO --teams Alpha,Bravo --listen ADDR [--db DB] [--out DIR] [--speed max|N] [--lang en|zh] [--new]
//
// It prints one JSON line (HostLine), starts the clock once every team has
// joined, and when the exercise ends writes DIR/result.json and
// DIR/debrief.md as play does. Run again with the same scenario, teams and
// database after a crash, it resumes the unfinished exercise on the same
// address with the same code and certificate.
func hostCmd(args []string, env Env) int {
	fs := newFlags("host", env)
	teamList := fs.String("teams", "", "team `names`, comma-separated (e.g. Alpha,Bravo)")
	listen := fs.String("listen", "0.0.0.0:4222", "`address` to listen on for team laptops (host:port; port 0 picks one)")
	db := fs.String("db", "", "database `file` (default: the app's database)")
	out := fs.String("out", "", "`directory` for debrief.md and result.json when the exercise ends")
	speed := fs.String("speed", "1", "max, or N for N× real time")
	lang := fs.String("lang", "en", "language of the exercise: en or zh")
	fresh := fs.Bool("new", false, "start a new exercise even if an unfinished one of the same scenario and teams is in the database")
	cut := fs.String("cut", "", "the version to host: full (default) or one of the scenario's cuts")
	difficulty := fs.String("difficulty", "", "easy, standard (default) or hard")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	var teams []string
	if *teamList != "" {
		teams = strings.Split(*teamList, ",")
	}
	switch {
	case len(pos) != 1:
		errorf(env, "host needs exactly one SCENARIO (a file or a built-in id)")
		return ExitUsage
	case len(teams) == 0:
		errorf(env, "host needs --teams, e.g. --teams Alpha,Bravo")
		return ExitUsage
	case *lang != "en" && *lang != "zh":
		errorf(env, "--lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	if err := engine.ValidateTeams(teams); err != nil {
		errorf(env, "--teams: %v", err)
		return ExitUsage
	}
	sp, ok := parseHostSpeed(*speed)
	if !ok {
		errorf(env, "--speed must be max or a number from %g to %g, not %q", engine.MinSpeed, engine.MaxSpeed, *speed)
		return ExitUsage
	}
	entry, err := library.Find(pos[0])
	if err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	if err := entry.Scenario.CheckVariant(*cut, *difficulty); err != nil {
		errorf(env, "%v", versionError(entry.Scenario, err))
		return ExitUsage
	}
	if *db == "" {
		if *db, err = defaultDB(); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
	}
	st, err := exercise.Open(*db)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	defer st.Close()

	sum := sha256.Sum256([]byte(*lang + "\x00" + strings.Join(teams, "\n") + "\x00" + string(entry.Source)))
	if c, d := scenario.NormalCut(*cut), scenario.NormalDifficulty(*difficulty); c != scenario.FullCut || d != scenario.DifficultyStandard {
		sum = sha256.Sum256(append(sum[:], c+"/"+d...)) // another version is another exercise
	}
	source := "lan:" + hex.EncodeToString(sum[:8])
	var run *exercise.Running
	prev, found, err := st.FindLatest(source)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	found = found && !*fresh
	if found && prev.Finished {
		// It ended before (a kill may have come before its outputs were
		// written): give its result again rather than host it twice.
		final, err := st.Load(prev.ID)
		if err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
		fmt.Fprintf(env.Stderr, "firebreak: exercise %s of this scenario and these teams already ended (--new hosts a new one)\n", prev.ID)
		return hostOutputs(env, *out, *lang, prev.ID, true, final, teams)
	}
	if found {
		run, err = exercise.Resume(st, prev.ID, engine.RealClock{}, exercise.EachEvent)
		if err == nil {
			fmt.Fprintf(env.Stderr, "firebreak: resuming exercise %s\n", run.ID)
		}
	} else {
		cfg := engine.Config{ScenarioID: entry.ID, Source: entry.Source, Media: entry.Media, Teams: teams, Lang: *lang, Speed: sp,
			Cut: *cut, Difficulty: *difficulty}
		run, err = exercise.Start(st, cfg, entry.Scenario.Title, source, engine.RealClock{}, exercise.EachEvent)
	}
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	h, err := lan.NewHost(run, lan.HostConfig{Listen: *listen, Dir: paths.LAN(*db, run.ID), AutoStart: true,
		Logf: func(f string, a ...any) { fmt.Fprintf(env.Stderr, "firebreak: "+f+"\n", a...) }})
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	defer h.Close()
	if adv := announce(env, h, run); adv != nil {
		defer adv.Close()
	}
	line, _ := json.Marshal(HostLine{Address: lan.AdvertiseAddress(h.Address()), Code: h.Bundle().String(), JoinCode: h.Code(), Exercise: run.ID,
		RoleCode: h.RoleBundle().String(), EvalCode: h.EvalBundle().String()})
	fmt.Fprintf(env.Stdout, "%s\n", line)
	fmt.Fprintf(env.Stderr, "firebreak: join code %s; waiting for %s to join\n", h.Code(), strings.Join(teams, ", "))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := h.Run(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			errorf(env, "stopped; run the same command again to carry on with exercise %s", run.ID)
		} else {
			errorf(env, "%v", err)
		}
		return ExitFail
	}
	var final *engine.State
	run.Session.Read(func(s *engine.State) { final = s })
	return hostOutputs(env, *out, *lang, run.ID, found, final, teams)
}

// hostOutputs writes DIR/result.json and DIR/debrief.md for an exercise
// that ended (nothing when no --out was given).
func hostOutputs(env Env, out, lang, id string, resumed bool, final *engine.State, teams []string) int {
	if out == "" {
		fmt.Fprintf(env.Stderr, "firebreak: exercise %s ended\n", id)
		return ExitOK
	}
	res := result(final, &Script{Teams: teams})
	res.Exercise, res.Resumed = id, resumed
	// The Markdown debrief shows no timeline or curves: the report needs no log.
	if err := writeOutputs(out, res, debrief.Markdown(debrief.Build(final, nil, lang, ""))); err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	fmt.Fprintf(env.Stderr, "firebreak: exercise %s ended; wrote %s and %s\n", id,
		filepath.Join(out, "debrief.md"), filepath.Join(out, "result.json"))
	return ExitOK
}

// announce tells the local network about the exercise (mDNS) when the host
// listens on every interface, so that team laptops' join screens list it.
// A host on one address (loopback in tests) is not announced: the addresses
// announced would be the interfaces', not the one it listens on.
func announce(env Env, h *lan.Host, run *exercise.Running) *discovery.Advertiser {
	host, port, err := net.SplitHostPort(h.Address())
	if ip := net.ParseIP(host); err != nil || host != "" && (ip == nil || !ip.IsUnspecified()) {
		return nil
	}
	p, _ := strconv.Atoi(port)
	var title scenario.Text
	run.Session.Read(func(s *engine.State) { title = s.Scenario.Title })
	adv, err := discovery.Advertise(discovery.Announcement{ID: run.ID, Title: title["en"], TitleZH: title["zh"],
		Teams: h.Teams(), Port: p, Protocol: lan.Protocol})
	if err != nil {
		fmt.Fprintf(env.Stderr, "firebreak: not announced on the network (%v); teams type the address\n", err)
		return nil
	}
	return adv
}

// parseHostSpeed reads --speed: max is the engine's top speed (the clock
// still runs, fast enough for tests).
func parseHostSpeed(s string) (float64, bool) {
	if s == "max" {
		return engine.MaxSpeed, true
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < engine.MinSpeed || n > engine.MaxSpeed {
		return 0, false
	}
	return n, true
}

// defaultDB is the app's database, where the GUI finds the exercise later
// (paths.Database), with its folder made.
func defaultDB() (string, error) {
	db, err := paths.Database()
	if err != nil {
		return "", fmt.Errorf("no --db given and %w", err)
	}
	if err := paths.MkdirAll(filepath.Dir(db)); err != nil {
		return "", err
	}
	return db, nil
}
