package prefs

// FeedbackAnonymous is the key of whether the exercise's participant
// feedback is collected anonymously (the facilitator's switch on the form).
func FeedbackAnonymous(exerciseID string) string { return "feedback_anonymous." + exerciseID }
