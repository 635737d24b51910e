// Command firebreak runs crisis-communication tabletop exercises: with no
// arguments it opens the app; with a subcommand it works headless.
package main

import (
	"fmt"
	"os"

	"github.com/firebreak-drills/firebreak/app"
	"github.com/firebreak-drills/firebreak/internal/cli"
	"github.com/firebreak-drills/firebreak/internal/paths"
	"github.com/firebreak-drills/firebreak/internal/profiling"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Run(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin}))
	}
	db, err := paths.Database()
	if err != nil {
		// No config folder (no $HOME): keep the exercises here rather than
		// refuse to open.
		db = "firebreak.db"
	}
	stopProfiles := profiling.Start()
	err = app.Run(db)
	stopProfiles()
	if err != nil {
		fmt.Fprintln(os.Stderr, "firebreak:", err)
		os.Exit(1)
	}
}
