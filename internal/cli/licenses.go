package cli

import (
	"fmt"

	"github.com/firebreak-drills/firebreak/assets"
)

// licensesCmd prints the licence that must accompany the fonts built into
// the binary (Noto Sans SC, SIL Open Font License 1.1): a package of
// Firebreak is one file, and this is where its fonts' licence travels.
func licensesCmd(args []string, env Env) int {
	if len(args) > 0 {
		errorf(env, "licenses takes no arguments")
		return ExitUsage
	}
	fmt.Fprintf(env.Stdout, "Firebreak includes Noto Sans SC (Regular and Bold, subset), under this licence:\n\n")
	_, _ = env.Stdout.Write(assets.FontLicense())
	return ExitOK
}
