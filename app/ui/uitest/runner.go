package uitest

// Inline is a background runner (the app's is a goroutine the shell waits
// for before it closes the store) that runs the work at once, on the
// caller's goroutine: a test's screen then does its disk work before the
// call that asked for it returns, and with Fyne's test driver hands the
// result back at once too. A test that needs to see the screen while the
// work is still to run keeps the work in a slice and runs it later.
func Inline(work func()) { work() }
