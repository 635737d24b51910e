package rubric

import (
	"math"
	"testing"
)

// TestVersion8Rules checks each rule of version 8 on sentences written for
// this test (not taken from the corpus), in both languages: the rule and
// the reading it must leave alone. Version 8 makes one meaning score alike
// in English and Chinese (issue 11, parity).
func TestVersion8Rules(t *testing.T) {
	for _, c := range []struct {
		name, lang, text, id string
		fires                bool // for a credit check: passes
	}{
		// An update word and the time after it are as close in English as
		// in Chinese: distance in Chinese characters' worth.
		{"update, time late en", "en", "We will post an update on this door and on our WeChat account at 12:00 on Friday.", "next-update", true},
		{"update, time late zh", "zh", "我们将在本店门口和微信公众号发布最新进展，时间定在周五中午12:00。", "next-update", true},
		{"time first, far en", "en", "On 3 June, the app and online banking were unavailable because of a failed database update.", "next-update", false},
		{"time first zh", "zh", "周五12:00，我们会在官网更新进展。", "next-update", true},
		// Guidance is what the reader is told to do, not what the team
		// does, nor a request for patience.
		{"we visit hospital zh", "zh", "我们已到医院看望受伤的顾客。", "guidance", false},
		{"we return money en", "en", "We will return the money to every family by Friday.", "guidance", false},
		{"reader to hospital zh", "zh", "如出现不适，请到医院就诊。", "guidance", true},
		{"we ask anyone en", "en", "We ask anyone who has symptoms to see a doctor.", "guidance", true},
		{"ask to understand zh", "zh", "恳请家长们理解老师们的辛苦。", "guidance", false},
		{"ask to check zh", "zh", "请家长今晚查看孩子的水杯。", "guidance", true},
		// "Anyone who …" addresses the reader whatever the verb, as 凡/可凭.
		{"anyone who was en", "en", "Anyone who was on the train can claim a full refund.", "guidance", true},
		{"anyone who was zh", "zh", "当时在列车上的乘客，可凭车票申请全额退款。", "guidance", true},
		// A guarantee the team gives is over-promising; the word for a
		// product's feature is not.
		{"we guarantee en", "en", "I can guarantee the app is safe now.", "over-promise", true},
		{"we guarantee zh", "zh", "我们保证以后不会再出现这种情况。", "over-promise", true},
		{"guaranteed item en", "en", "Players who reached 90 pulls should have received the guaranteed skin.", "over-promise", false},
		{"guaranteed item zh", "zh", "抽满90次的玩家本应获得保底皮肤。", "over-promise", false},
		// 来自X的Y names where a thing came from, as "from" does in English.
		{"downloads from abroad zh", "zh", "11月2日，系统记录到来自境外地址的批量下载。", "blame", false},
		{"downloads from abroad en", "en", "On 2 November, bulk downloads from overseas addresses were recorded.", "blame", false},
		{"attack from abroad zh", "zh", "这次攻击来自境外黑客，与我们无关。", "blame", true},
		// A condition clause right before the apology makes it a
		// non-apology, late in the sentence as at its start.
		{"late if en", "en", "We know the wait was long, and if anyone felt their holiday was spoiled, we are sorry.", "non-apology", true},
		{"late if zh", "zh", "我们知道等待时间很长，如果有游客觉得假期受到了影响，我们表示歉意。", "non-apology", true},
		{"if, then sorry apart en", "en", "We know that does not help if you are stuck at the airport, and we are sorry for the long day you have had.", "non-apology", false},
		{"if, then sorry apart zh", "zh", "我们知道，如果您滞留在机场，这些解释于事无补；对您漫长的一天，我们深表歉意。", "non-apology", false},
		// One word, one credit: a word on both the cause and the action
		// lists (排查, 送检, "looking into") is the cause's "being
		// investigated", not also an action taken.
		{"looking into en", "en", "Engineers are looking into the fault tonight.", "actions", false},
		{"looking into, cause en", "en", "Engineers are looking into the fault tonight.", "cause", true},
		{"checking zh", "zh", "工程师今晚正在排查。", "actions", false},
		{"checking, cause zh", "zh", "工程师今晚正在排查。", "cause", true},
		{"recalled and checking en", "en", "We have recalled the batch and are looking into the cause.", "actions", true},
		{"recalled and checking zh", "zh", "我们已召回该批次，并在排查原因。", "actions", true},
	} {
		r := Judge(c.text, Context{Lang: c.lang})
		got := check(r, c.id)
		fired := !got.Passed
		if !got.Penalty {
			fired = got.Passed
		}
		if got.ID != c.id || fired != c.fires {
			t.Errorf("%s: %s = %v, want %v (%+v)", c.name, c.id, fired, c.fires, got)
		}
		checkInvariants(t, c.text, r)
	}
	if Version < 8 {
		t.Errorf("Version %d, want 8 or later", Version)
	}
}

// TestWidth checks the distance that puts the two scripts on one scale.
func TestWidth(t *testing.T) {
	tx := newText("abc我们def")
	if w := tx.width(0, len(tx.lower)); math.Abs(w-(2+6/HanWidth)) > 1e-9 {
		t.Errorf("width %v, want %v", w, 2+6/HanWidth)
	}
}
