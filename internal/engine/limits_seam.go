package engine

// SetLimitsForTest lowers the limits on work (MaxEventsPerInstant,
// MaxEventsPerExercise) for a test in another package that needs an
// exercise to reach one without making tens of thousands of events, and
// returns the function that restores them. Sessions read the limits as
// they run, so a test calling it must not run in parallel with others.
// Production code never calls it.
func SetLimitsForTest(perInstant, perExercise int) (restore func()) {
	oldI, oldE := maxEventsPerInstant, maxEventsPerExercise
	maxEventsPerInstant, maxEventsPerExercise = perInstant, perExercise
	return func() { maxEventsPerInstant, maxEventsPerExercise = oldI, oldE }
}
