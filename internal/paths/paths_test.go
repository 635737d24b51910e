package paths

import (
	"path/filepath"
	"testing"
)

func TestPathsLiveInTheConfigFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "cfg"))
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, "cfg", "firebreak"); dir != want {
		t.Errorf("Dir = %q, want %q", dir, want)
	}
	db, err := Database()
	if err != nil || db != filepath.Join(dir, "firebreak.db") {
		t.Errorf("Database = %q, %v", db, err)
	}
	if u := UserScenarios(); u != filepath.Join(dir, "scenarios") {
		t.Errorf("UserScenarios = %q", u)
	}
	if l := LAN(db, "ex1"); l != db+".lan/ex1" {
		t.Errorf("LAN = %q", l)
	}
}

func TestNoConfigFolderIsAnError(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("XDG_CONFIG_HOME", "")
	if _, err := Database(); err == nil {
		t.Error("Database without $HOME gives no error")
	}
	if u := UserScenarios(); u != "" {
		t.Errorf("UserScenarios without $HOME = %q, want none", u)
	}
}
