// Package prefs names what the app keeps in Fyne's preferences per
// exercise (console PIN, auto-pause, feed seen, sound; and a team laptop's
// last join) and the PIN rules, so that setup, the exercise screen and the
// history agree on them.
package prefs

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// AutoPause is the preference that keeps an exercise's auto-pause
// choice, so a resumed exercise keeps it.
func AutoPause(exerciseID string) string { return "auto_pause." + exerciseID }

// SoundOff is the preference that keeps the chime on or off (on unless
// turned off).
const SoundOff = "sound_off"

// PIN rules: digits only, so it can be typed on any keyboard layout.
const (
	MinPINLen = 4
	MaxPINLen = 8
)

// PINProblem says what is wrong with a PIN chosen at setup (an i18n key),
// or "" when it is fine. An empty PIN is fine: the console is not locked.
func PINProblem(pin string) string {
	if pin == "" {
		return ""
	}
	if len(pin) < MinPINLen || len(pin) > MaxPINLen || strings.Trim(pin, "0123456789") != "" {
		return "setup.pin_invalid"
	}
	return ""
}

// PIN is the preference that keeps an exercise's console PIN.
func PIN(exerciseID string) string { return "console_pin." + exerciseID }

// HashPIN returns "salt:hash" in hex for a new PIN.
func HashPIN(pin string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt) // crypto/rand.Read does not fail (Go 1.24+)
	return hex.EncodeToString(salt) + ":" + hex.EncodeToString(PINSum(salt, pin))
}

func PINSum(salt []byte, pin string) []byte {
	h := sha256.New()
	h.Write(salt)
	h.Write([]byte(pin))
	return h.Sum(nil)
}

// FeedSeen keeps, per team, how many posts of the feed the team has
// seen, so the feed's unread count survives a language switch and a
// resume (the log records what happened, not what was looked at).
func FeedSeen(exerciseID string) string { return "feed_seen." + exerciseID }

// Wall keeps the facilitator's choices for an exercise's situation wall
// (whose feed, which meters, where the join code goes), so they survive a
// resume.
func Wall(exerciseID string) string { return "wall." + exerciseID }

// Rejoin is the preference that keeps the exercise a team laptop joined
// last (package join), so that it rejoins by itself after a restart.
const Rejoin = "lan.rejoin"
