package prefs

import "testing"

func TestPINRules(t *testing.T) {
	for pin, ok := range map[string]bool{
		"": true, "1234": true, "00000000": true, "2468": true,
		"123": false, "123456789": false, "12a4": false, "12 34": false, "１２３４": false, "-123": false,
	} {
		if got := PINProblem(pin) == ""; got != ok {
			t.Errorf("pinProblem(%q) accepts: %v, want %v", pin, got, ok)
		}
	}
}
