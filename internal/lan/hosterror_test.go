package lan

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A host that cannot start says why as a value: the port is taken
// (ErrHostNetwork, with the address and the system's EADDRINUSE), or its
// folder cannot be written (ErrHostFiles, with the folder).
func TestNewHostSaysWhyItCannotStart(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha")
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()

	cfg := th.cfg
	cfg.Dir = t.TempDir()
	cfg.Listen = taken.Addr().String()
	_, err = NewHost(th.run, cfg)
	var he *HostError
	if !errors.Is(err, ErrHostNetwork) || !errors.As(err, &he) || he.Where != cfg.Listen {
		t.Errorf("on a taken port: %v, want a HostError for %s", err, cfg.Listen)
	}
	if !errors.Is(err, syscall.EADDRINUSE) {
		t.Errorf("on a taken port the cause is lost: %v", err)
	}

	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg = th.cfg
	cfg.Dir = filepath.Join(file, "lan")
	_, err = NewHost(th.run, cfg)
	if !errors.Is(err, ErrHostFiles) || !errors.As(err, &he) || he.Where != cfg.Dir || errors.Is(err, ErrHostNetwork) {
		t.Errorf("in a folder that cannot be made: %v, want a HostError for %s", err, cfg.Dir)
	}
}

// A team laptop that finds nothing at the address says so as a value
// (ErrUnreachable), which the join screen turns into words.
func TestJoinWhereNoHostListens(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	_, err = Join(addr, th.h.Bundle().String(), "Alpha", JoinOptions{Timeout: 2 * time.Second})
	if !errors.Is(err, ErrUnreachable) || errors.Is(err, ErrRefused) {
		t.Errorf("joining %s, where nothing listens: %v, want ErrUnreachable", addr, err)
	}
}
