package app

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
)

// The hotwash: when an exercise played on several laptops ends, the
// exercise screen hands its network host to the shell (play.Config.Hotwash)
// instead of stopping it, and the team laptops offer the participant
// feedback form while the facilitator is in that exercise's debrief. The
// host stops when the facilitator leaves the debrief (another screen
// than the debrief, its feedback form, its branch map or the loading
// screen between them) or the window closes.

// keepHotwash takes the host of an ended exercise and opens participants'
// feedback on it, anonymous as the facilitator's switch for the exercise
// says at each form.
func (sh *shell) keepHotwash(hs *play.Hosting) {
	if sh.hotwash != nil && sh.hotwash != hs {
		sh.hotwash.Close(true)
	}
	sh.hotwash = hs
	id := hs.Exercise()
	a := fyne.CurrentApp()
	hs.OpenFeedback(func() bool { return a != nil && a.Preferences().Bool(prefs.FeedbackAnonymous(id)) })
}

// followHotwash stops the hotwash's host unless s is part of its
// exercise's debrief.
func (sh *shell) followHotwash(s screen) {
	if sh.hotwash == nil {
		return
	}
	switch v := s.(type) {
	case *ui.LoadingScreen, *branchmap.Screen:
		return
	case interface{ DebriefOf() string }:
		if v.DebriefOf() == sh.hotwash.Exercise() {
			return
		}
	}
	sh.stopHotwash()
}

// stopHotwash stops serving the team laptops (in the background: after
// they have seen the end).
func (sh *shell) stopHotwash() {
	if sh.hotwash != nil {
		sh.hotwash.Close(true)
		sh.hotwash = nil
	}
}

// HotwashLive says whether the team laptops of exercise id can send
// participants' feedback now (review.HotwashHost).
func (h reviewHost) HotwashLive(id string) bool {
	return h.sh.hotwash != nil && h.sh.hotwash.Exercise() == id
}
