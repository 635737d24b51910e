package lan

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strings"
)

// CodeAlphabet is what join codes are made of: capitals and digits without
// the ones people mix up when reading a projector (0/O, 1/I/L).
const CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// CodeLen is the length of a join code.
const CodeLen = 6

// NewCode returns a random join code.
func NewCode() string {
	b := make([]byte, CodeLen)
	out := make([]byte, CodeLen)
	for i := 0; i < CodeLen; {
		if _, err := rand.Read(b); err != nil {
			panic(err) // crypto/rand does not fail on supported platforms
		}
		for _, c := range b {
			// Reject bytes that would bias the choice.
			if int(c) >= 256-256%len(CodeAlphabet) {
				continue
			}
			out[i] = CodeAlphabet[int(c)%len(CodeAlphabet)]
			i++
			if i == CodeLen {
				break
			}
		}
	}
	return string(out)
}

// NormalizeCode uppercases a typed code and checks its alphabet.
func NormalizeCode(code string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if len(c) != CodeLen {
		return "", fmt.Errorf("a join code has %d characters, not %d", CodeLen, len(c))
	}
	for _, r := range c {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return "", fmt.Errorf("%q is not a character of a join code", r)
		}
	}
	return c, nil
}

// Bundle is what a team needs to join: the code and the SHA-256 fingerprint
// of the host's certificate, which the client pins.
type Bundle struct {
	Code        string
	Fingerprint [32]byte
}

// String formats the bundle as one string, CODE-HEX: the 6-character code,
// a dash, and the certificate's SHA-256 fingerprint in lowercase hex.
func (b Bundle) String() string { return b.Code + "-" + hex.EncodeToString(b.Fingerprint[:]) }

// ParseBundle reads a bundle as printed by the host. Colons in the
// fingerprint (as some tools print them) and case do not matter.
func ParseBundle(s string) (Bundle, error) {
	s = strings.TrimSpace(s)
	code, fp, ok := strings.Cut(s, "-")
	if !ok {
		return Bundle{}, errors.New("the join code must include the host's certificate fingerprint (CODE-FINGERPRINT, as the host prints it)")
	}
	var b Bundle
	var err error
	if b.Code, err = NormalizeCode(code); err != nil {
		return Bundle{}, err
	}
	raw, err := hex.DecodeString(strings.ToLower(strings.ReplaceAll(fp, ":", "")))
	if err != nil || len(raw) != len(b.Fingerprint) {
		return Bundle{}, errors.New("the certificate fingerprint after the code must be 64 hex digits (SHA-256)")
	}
	copy(b.Fingerprint[:], raw)
	return b, nil
}

// TeamPassword is the password of a team's user: derived from the join code
// and the team's name, so a laptop needs only the code and its team.
func TeamPassword(code, team string) string {
	m := hmac.New(sha256.New, []byte(code))
	m.Write([]byte("firebreak/lan/v1 team\x00" + team))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// TeamToken is the subject token of a team name: the name itself when it is
// made of ASCII letters, digits and dashes (at most 40), otherwise "_" and
// 24 hex digits of its SHA-256 (names like "甲队" or "Team A"). Team names are
// unique ignoring case and subjects are case sensitive, so tokens are unique
// within an exercise.
func TeamToken(team string) string {
	plain := team != ""
	for _, r := range team {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			plain = false
			break
		}
	}
	if plain {
		return team
	}
	sum := sha256.Sum256([]byte(team))
	return "_" + hex.EncodeToString(sum[:12])
}

// Subjects of an exercise. Every subject starts with fb.<exercise>.
type subjects struct {
	exercise string
}

func (s subjects) prefix() string { return "fb." + s.exercise }

// cmd is where a team sends commands (request-reply).
func (s subjects) cmd(tok string) string { return s.prefix() + ".cmd." + tok }

// team is the subject space of a team's stream.
func (s subjects) team(tok string) string { return s.prefix() + ".team." + tok }

// event is the subject of an engine event in a team's stream.
func (s subjects) event(tok, kind string) string { return s.team(tok) + "." + kind }

// all is the subject space every team may subscribe to (the clock).
func (s subjects) all() string { return s.prefix() + ".all" }

// clock is the heartbeat of the exercise clock.
func (s subjects) clock() string { return s.all() + ".clock" }

// stream is the JetStream stream of a team.
func (s subjects) stream(tok string) string { return "FB_" + s.exercise + "_" + tok }

// helloSubject is where a team asks which exercise it joined. It carries no
// exercise id because the team does not know it yet; exercises are kept apart
// by their accounts.
func helloSubject(tok string) string { return "fb.hello." + tok }

// inboxPrefix is a team's reply inbox: teams cannot read each other's replies.
func inboxPrefix(tok string) string { return "_INBOX." + tok }

// hostInboxPrefix is the host's own inbox; team tokens never start with "_h".
const hostInboxPrefix = "_INBOX._host"

// AdvertiseAddress turns the address a host listens on into one a team
// laptop can dial: an unspecified host (0.0.0.0, ::) becomes this
// machine's first non-loopback IPv4 address.
func AdvertiseAddress(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	if ip := net.ParseIP(host); host != "" && (ip == nil || !ip.IsUnspecified()) {
		return listen
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
				return net.JoinHostPort(n.IP.String(), port)
			}
		}
	}
	return net.JoinHostPort("127.0.0.1", port)
}
