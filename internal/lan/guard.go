package lan

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// What the host does against floods from the network (issue 18):
//
//   - Every message a laptop sends is bounded by the server, per account,
//     before anything reads it: teams (and the host's own connections to
//     their subjects) are in the exercise account, whose messages are at most
//     maxTeamMessage; pairing connections are in an account of their own,
//     at most maxPairMessage. A larger message makes the server close the
//     sender's connection; the payload is never read. Only the host
//     publishes larger messages (exercise.started carries the scenario), from
//     an account of its own that reaches the team streams through a service
//     import.
//   - The host listens on separate in-process connections: one per team for
//     its hello and commands, one for pairing, one for the streams and the
//     clock. A flood fills only the connection of its own subjects; the
//     others, and the honest teams' answers, do not wait behind it.
//   - Commands and hellos are limited per team (teamRate); the excess is
//     dropped unanswered and counted.
//   - Junk — what the host drops or refuses without it reaching the exercise
//     — is never logged per message: quietLog writes one summary line per
//     interval.

const (
	// maxTeamMessage bounds every message in the exercise account: a
	// command (MaxCommandSize) with room for headers.
	maxTeamMessage = MaxCommandSize + 4<<10
	// maxPayload bounds the host's own messages, which only it publishes:
	// an exercise.started event carrying a 2 MB scenario and 3 MB of
	// pictures, each base64 in JSON (a third larger).
	maxPayload = 8 << 20
)

// teamRate bounds the commands and hellos the host handles per team: 40 at
// once and 20 a second. A team's laptops send a hello when they connect and
// a choice when someone decides; a resent choice waits at least 100 ms.
var teamRate = JoinLimit{Burst: 40, Every: 50 * time.Millisecond}

// joinTotalLimit bounds failed joins from all addresses together, as
// pairTotalLimit does pairing: with many addresses an attacker still gets
// 50 wrong guesses at once and one every 2 seconds. While it is used up,
// only addresses that have joined before (laptops coming back) may try.
var joinTotalLimit = JoinLimit{Burst: 50, Every: 2 * time.Second}

// quietInterval is how often quietLog writes its summary at most.
const quietInterval = 10 * time.Second

// quietLog counts what a flood makes happen and writes it to the host's log
// at most once per interval, instead of once per message.
type quietLog struct {
	mu     sync.Mutex
	logf   func(format string, args ...any)
	now    func() time.Time
	every  time.Duration
	last   time.Time
	counts map[string]int64
	total  map[string]int64 // since the host started, for tests and the abuse figures
}

func newQuietLog(logf func(string, ...any)) *quietLog {
	return &quietLog{logf: logf, now: time.Now, every: quietInterval, counts: map[string]int64{}, total: map[string]int64{}}
}

// note counts one occurrence of what (a short description without
// per-message details) and writes the summary if it is due.
func (q *quietLog) note(what string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.counts[what]++
	q.total[what]++
	q.flushLocked(false)
}

// flush writes what is counted now, due or not.
func (q *quietLog) flush() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.flushLocked(true)
}

func (q *quietLog) flushLocked(force bool) {
	now := q.now()
	if len(q.counts) == 0 || !force && !q.last.IsZero() && now.Sub(q.last) < q.every {
		return
	}
	q.last = now
	parts := make([]string, 0, len(q.counts))
	for _, k := range slices.Sorted(maps.Keys(q.counts)) {
		parts = append(parts, fmt.Sprintf("%d× %s", q.counts[k], k))
	}
	clear(q.counts)
	if q.logf != nil {
		q.logf("turned away: %s", strings.Join(parts, "; "))
	}
}

// count is how many of what were noted since the start.
func (q *quietLog) count(what string) int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.total[what]
}

// What quietLog counts.
const (
	noteRate         = "commands or hellos over a team's rate"
	noteBadCommand   = "malformed commands"
	noteJunkChoice   = "choices the scenario does not have"
	noteJunkReply    = "replies to no inject the team may answer"
	noteJunkPost     = "posts on no channel of the scenario"
	noteJunkAnswer   = "answers to no press conference of the scenario"
	noteJunkCase     = "cases or remedies the scenario does not have"
	noteRepeated     = "refused choices sent again with a new id"
	noteOutsideInbox = "requests asking for their answer outside the sender's inbox"
	notePairRefused  = "malformed pairing requests"
	noteCopies       = "copies of stream messages"
	noteLoginRefused = "refused logins"
	noteServer       = "server warnings"
)

// serverLines bounds the server's own warnings in the host's log: a flood
// (payload violations, permission violations) makes one per message.
type serverLines struct {
	mu    sync.Mutex
	now   func() time.Time
	start time.Time
	n     int
}

const serverLinesPerInterval = 10

// allow reports whether one more server line may be written in this
// interval; the rest are counted by quietLog.
func (s *serverLines) allow() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if now.Sub(s.start) >= quietInterval {
		s.start, s.n = now, 0
	}
	s.n++
	return s.n <= serverLinesPerInterval
}
