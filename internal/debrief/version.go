package debrief

import (
	"fmt"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// VersionText says which version of the scenario was played, in lang: the
// cut's title (or "Full version") and the difficulty.
func VersionText(sc *scenario.Scenario, lang string) string {
	cut, difficulty := sc.Played()
	name := Label(lang, "version.full")
	if c := sc.Cut(cut); c != nil {
		name = c.Title.Get(lang)
	}
	return fmt.Sprintf(Label(lang, "version.of"), name, Label(lang, "difficulty."+difficulty))
}
