package lan

import (
	"bufio"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// rawNATS is a NATS connection without a client library: it sends what a
// hostile laptop would, ignoring the max_payload the server announces.
type rawNATS struct {
	conn net.Conn
	r    *bufio.Reader
}

// dialRaw connects over TLS (pinning the host's certificate) and logs in
// as user with password. It returns an error if the server refuses the
// login.
func dialRaw(th *testHost, user, password string) (*rawNATS, error) {
	c, err := net.DialTimeout("tcp", th.h.Address(), 5*time.Second)
	if err != nil {
		return nil, err
	}
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(c)
	if _, err := br.ReadString('\n'); err != nil { // INFO, in the clear
		c.Close()
		return nil, err
	}
	tc := tls.Client(c, pinnedTLS(th.h.Bundle().Fingerprint))
	if err := tc.Handshake(); err != nil {
		c.Close()
		return nil, err
	}
	rn := &rawNATS{conn: tc, r: bufio.NewReaderSize(tc, 64<<10)}
	connect, _ := json.Marshal(map[string]any{"verbose": false, "pedantic": false, "tls_required": true,
		"user": user, "pass": password, "name": "raw", "lang": "raw", "version": "0", "protocol": 1, "headers": true})
	if _, err := fmt.Fprintf(tc, "CONNECT %s\r\nPING\r\n", connect); err != nil {
		tc.Close()
		return nil, err
	}
	for {
		line, err := rn.r.ReadString('\n')
		if err != nil {
			tc.Close()
			return nil, err
		}
		switch {
		case strings.HasPrefix(line, "PONG"):
			_ = tc.SetDeadline(time.Time{})
			return rn, nil
		case strings.HasPrefix(line, "-ERR"):
			tc.Close()
			return nil, fmt.Errorf("refused: %s", strings.TrimSpace(line))
		}
	}
}

// pub writes one PUB of data on subject with a reply subject (may be "").
func (rn *rawNATS) pub(subject, reply string, data []byte) error {
	_ = rn.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	var head string
	if reply == "" {
		head = fmt.Sprintf("PUB %s %d\r\n", subject, len(data))
	} else {
		head = fmt.Sprintf("PUB %s %s %d\r\n", subject, reply, len(data))
	}
	if _, err := rn.conn.Write([]byte(head)); err != nil {
		return err
	}
	if _, err := rn.conn.Write(data); err != nil {
		return err
	}
	_, err := rn.conn.Write([]byte("\r\n"))
	return err
}

// errLine reads until the server sends an -ERR (returned) or closes the
// connection or the time is up (returns "").
func (rn *rawNATS) errLine(d time.Duration) string {
	_ = rn.conn.SetReadDeadline(time.Now().Add(d))
	for {
		line, err := rn.r.ReadString('\n')
		if err != nil {
			return ""
		}
		if strings.HasPrefix(line, "-ERR") {
			return strings.TrimSpace(line)
		}
		if strings.HasPrefix(line, "PING") {
			_, _ = rn.conn.Write([]byte("PONG\r\n"))
		}
	}
}

func (rn *rawNATS) close() { rn.conn.Close() }

// rawTeam logs in as a team with the host's code.
func rawTeam(t testing.TB, th *testHost, team string) *rawNATS {
	t.Helper()
	rn, err := dialRaw(th, team, TeamPassword(th.h.Code(), team))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rn.close)
	return rn
}
