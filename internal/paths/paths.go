// Package paths is the one place that says where Firebreak keeps its files
// on a computer: the exercise database, the facilitator's own scenarios,
// and what a LAN host keeps beside the database. Folders it makes are
// 0700: exercise logs can hold sensitive crisis material.
package paths

import (
	"fmt"
	"os"
	"path/filepath"
)

// DirMode is the mode of every folder Firebreak makes for its own files.
const DirMode os.FileMode = 0o700

// Dir is Firebreak's folder in the user's config directory:
// <user config dir>/firebreak (on Linux ~/.config/firebreak). It is an error
// when the system has no config directory (no $HOME).
func Dir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user config directory: %w", err)
	}
	return filepath.Join(dir, "firebreak"), nil
}

// Database is the exercise database the app and the command-line tools
// share: <Dir>/firebreak.db. The store makes its folder (DirMode) when it
// opens it.
func Database() (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "firebreak.db"), nil
}

// UserScenarios is the folder of the facilitator's own scenario files,
// <Dir>/scenarios, or "" when the system has no config directory.
func UserScenarios() string {
	dir, err := Dir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "scenarios")
}

// LAN is where a host keeps its certificate, code and state for one
// exercise stored in the database db: <db>.lan/<exercise id>.
func LAN(db, exerciseID string) string {
	return filepath.Join(db+".lan", exerciseID)
}

// MkdirAll makes dir and its missing parents with DirMode.
func MkdirAll(dir string) error { return os.MkdirAll(dir, DirMode) }
