// Package cli implements Firebreak's command-line subcommands: lint,
// inspect, play, export, import, msel and the others in usage. The GUI starts when no subcommand is given (see main.go).
package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitFail  = 1 // the command ran and found errors (lint) or failed
	ExitUsage = 2 // bad arguments or bad input files
)

// Env is what a command reads and writes.
type Env struct {
	Stdout, Stderr io.Writer
	// Stdin is what `statement` reads the statement from (nil: nothing).
	Stdin io.Reader
}

const usage = `usage:
  firebreak                      start the app
  firebreak lint [--format text|json] FILE...       check scenario files
  firebreak inspect SCENARIO [--json]
                                 show a scenario's phases, decisions and options
  firebreak graph SCENARIO [--mermaid] [--lang en|zh] [--option-text] [--path PHASE,...]
                                 print the phase graph as Graphviz DOT or Mermaid
  firebreak analyze SCENARIO [--json]
                                 play every way through a scenario: best and worst scores,
                                 paths that never end, phases never reached
  firebreak statement [--lang en|zh] [--scenario SCENARIO --decision DECISION] [--kind KIND] < FILE
                                 judge a written statement: JSON scores with the words behind them
  firebreak export --db DB [--session ID] --format html|pdf|md|csv|json --out PATH [--lang en|zh] [--team NAME]
                                 the after-action report of an exercise (default: the latest)
  firebreak import FILE --out SCENARIO.yaml [--lang en|zh] [--format auto|t3sf|hseep|openaev|csv]
                                 turn an MSEL (T3SF JSON/XLSX, HSEEP XLSX/CSV, OpenAEV XLSX) into a scenario:
                                 one phase per MSEL section, decisions only where it asks for a response
  firebreak msel SCENARIO --out FILE.xlsx|.csv [--lang en|zh]
                                 export a scenario as an HSEEP-style MSEL, one row per inject
  firebreak programme --db DB [--org NAME --format html|pdf|csv --out PATH] [--lang en|zh] [--today YYYY-MM-DD]
                                 list the organisations, or write one's programme report: its exercises compared
                                 and its corrective actions followed from one exercise to the next
  firebreak eeg SCENARIO --out FILE.pdf [--lang en|zh] [--teams A,B]
                                 print the objectives' evaluation guides (EEGs) on A4 for evaluators on paper
  firebreak host SCENARIO --teams A,B [--listen ADDR] [--db DB] [--out DIR] [--speed max|N] [--lang en|zh] [--new]
                                 host an exercise for team laptops on the local network (prints address and join code)
  firebreak join ADDRESS --code CODE --team NAME [--script SCRIPT]
                                 take part as one team from another laptop, headless
  firebreak play SCENARIO --script SCRIPT --db DB --out DIR [--speed max|N] [--lang en|zh]
                                 play a scripted exercise headless
  firebreak licenses             the licence of the fonts built into Firebreak (SIL Open Font License)
SCENARIO is a scenario file or a built-in id (for example beverage-recall).
`

// Run runs a subcommand and returns the process exit code.
func Run(args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "lint":
		return lint(args[1:], env)
	case "inspect":
		return inspect(args[1:], env)
	case "play":
		return play(args[1:], env)
	case "graph":
		return graphCmd(args[1:], env)
	case "analyze":
		return analyze(args[1:], env)
	case "statement":
		return statementCmd(args[1:], env)
	case "export":
		return exportCmd(args[1:], env)
	case "import":
		return importCmd(args[1:], env)
	case "msel":
		return mselCmd(args[1:], env)
	case "programme", "program":
		return programmeCmd(args[1:], env)
	case "eeg":
		return eegCmd(args[1:], env)
	case "host":
		return hostCmd(args[1:], env)
	case "join":
		return joinCmd(args[1:], env)
	case "licenses", "licences":
		return licensesCmd(args[1:], env)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "firebreak: unknown command %q\n%s", args[0], usage)
	return ExitUsage
}

// parse parses flags that may come before or after positional arguments
// ("play SCENARIO --script s.yaml" reads naturally), returning the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func newFlags(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("firebreak "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

func errorf(env Env, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	fmt.Fprint(env.Stderr, "firebreak: "+msg)
}
