package analysis

import (
	"os"
	"runtime/debug"
	"testing"
)

// The tests and benchmarks search at the collector's setting that
// `firebreak analyze` uses (GCPercent): what they time is what a
// facilitator waits for, and the suite takes a quarter less CPU.
func TestMain(m *testing.M) {
	debug.SetGCPercent(GCPercent)
	os.Exit(m.Run())
}
