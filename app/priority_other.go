//go:build !linux

package app

// lowerPriority does nothing here: a thread's priority is set only on Linux
// (priority_linux.go).
func lowerPriority() {}
