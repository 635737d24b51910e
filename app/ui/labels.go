package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// SetButton sets a button's text, icon and importance, refreshing it only
// when one changed.
func SetButton(b *KeyButton, text string, icon fyne.Resource, imp widget.Importance) {
	if b.Text == text && b.Icon == icon && b.Importance == imp {
		return
	}
	b.Text, b.Icon, b.Importance = text, icon, imp
	b.Refresh()
}

// EndReasonText explains why a team stopped playing.
func EndReasonText(loc *i18n.Localizer, reason string) string {
	switch reason {
	case engine.EndTimeUp:
		return loc.T("debrief.time_up")
	case engine.EndFacilitator:
		return loc.T("debrief.ended_early")
	case engine.EndLimit:
		return loc.T("debrief.ended_limit")
	case engine.EndReached:
		return loc.T("debrief.ending")
	}
	return reason
}

// Scroller is a tab's content: a column at most width wide that scrolls.
func Scroller(width float32, objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(Column(width, container.NewPadded(container.NewVBox(objs...))))
}

// AllDimensions are the score dimensions the charts show: every one, so a
// dimension without evidence shows as a dash rather than vanishing.
func AllDimensions() []string { return append(slices.Clone(scoring.Dimensions), scoring.Overall) }

// SecondsDur turns seconds (as the debrief model keeps them) into a duration.
func SecondsDur(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// MinWidth gives its content at least a width (a column of a table).
type MinWidth struct{ W float32 }

func (l *MinWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *MinWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.W, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func ToneImportance(tone string) widget.Importance {
	switch tone {
	case "good":
		return widget.SuccessImportance
	case "bad":
		return widget.DangerImportance
	}
	return widget.WarningImportance
}

// ToneColorName is the colour of a tone's marker: support green, hostile
// red, ridicule orange, neutral grey.
func ToneColorName(tone string) fyne.ThemeColorName {
	switch tone {
	case "support":
		return theme.ColorNameSuccess
	case "hostile":
		return theme.ColorNameError
	case "ridicule":
		return theme.ColorNameWarning
	}
	return theme.ColorNamePlaceHolder
}

// ToneName names a tone in the UI language.
func ToneName(loc *i18n.Localizer, tone string) string {
	key := "feed.tone." + tone
	if s := loc.T(key); s != key {
		return s
	}
	return tone
}

// ExerciseTitle is a stored exercise's scenario title in lang, with the
// scenario format's fallbacks, or the scenario id.
func ExerciseTitle(ex exercise.Summary, lang string) string {
	if s := ex.Title.Get(lang); s != "" {
		return s
	}
	return ex.ScenarioID
}

// DimensionName names a score dimension (or the overall) in the UI language.
func DimensionName(loc *i18n.Localizer, dim string) string {
	key := "score." + strings.ReplaceAll(dim, "-", "_")
	if s := loc.T(key); s != key {
		return s
	}
	return debrief.T(loc.Lang().String(), dim)
}

// RatingName explains an HSEEP rating in the UI language.
func RatingName(loc *i18n.Localizer, r string) string { return loc.T("rating." + r) }

// ClipText shortens text to about n columns for a select's option or a
// one-line summary; a Chinese character counts two columns, as it is
// drawn about twice as wide as a Latin letter.
func ClipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if TextWidth(s) <= n {
		return s
	}
	w := 0
	for i, r := range s {
		if w += runeWidth(r); w > n-1 {
			return s[:i] + "…"
		}
	}
	return s
}

func runeWidth(r rune) int {
	if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
		return 2
	}
	return 1
}

func TextWidth(s string) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func SetEnabled(b *KeyButton, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// Shorten cuts s, on one line, to at most n characters with an ellipsis.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ,，、") + "…"
}

// StatementKindName names a kind of statement in the UI language.
func StatementKindName(loc *i18n.Localizer, kind string) string {
	key := "statement.kind." + kind
	if s := loc.T(key); s != key {
		return s
	}
	return kind
}

// FactLabel names a required fact in lang, or gives its id.
func FactLabel(sc *scenario.Scenario, id, lang string) string {
	if sc != nil {
		for _, f := range sc.Facts {
			if f.ID == id {
				if s := f.Label.Get(lang); s != "" {
					return s
				}
			}
		}
	}
	return id
}

// ChannelIcon picks an icon per channel so a glance tells a phone call from
// a regulator's letter.
func ChannelIcon(channel string) fyne.Resource {
	switch channel {
	case "social":
		return theme.MailForwardIcon()
	case "news":
		return theme.DocumentIcon()
	case "phone":
		return theme.VolumeUpIcon()
	case "email":
		return theme.MailComposeIcon()
	case "memo":
		return theme.DocumentCreateIcon()
	case "regulator":
		return theme.WarningIcon()
	case "customer":
		return theme.AccountIcon()
	}
	return theme.InfoIcon()
}

// EntryLabel names a scenario in a list: its title, and for a file from
// outside the app its file name too, since a copy of a built-in scenario
// keeps the built-in's title.
func EntryLabel(e library.Entry, lang string) string {
	title := e.Scenario.Title.Get(lang)
	if e.Builtin() {
		return title
	}
	return title + " — " + filepath.Base(e.File)
}

// TeamNameProblemKey is the translation key, and its arguments, of what
// is wrong with a team name (one of engine.TeamProblems): the setup form
// and a team laptop's join form say it the same way.
func TeamNameProblemKey(p engine.TeamProblem) (key string, args []any) {
	switch p.Code {
	case engine.TeamNameEmpty:
		return "setup.error.name_empty", nil
	case engine.TeamNameSpaces:
		return "setup.error.name_spaces", nil
	case engine.TeamNameLong:
		return "setup.error.name_long", []any{"n", engine.MaxTeamNameLen}
	case engine.TeamNameControl:
		return "setup.error.name_control", nil
	}
	return "setup.error.name_duplicate", []any{"n", p.Other + 1}
}
