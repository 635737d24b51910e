package lan

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/firebreak-drills/firebreak/internal/paths"
)

// hostFile is what a host keeps next to the database so that a restarted
// facilitator laptop serves the same exercise on the same address with the
// same certificate and credentials, and team laptops reconnect unchanged.
type hostFile struct {
	Exercise    string `json:"exercise"`
	Code        string `json:"code"`
	Facilitator string `json:"facilitator_password"`
	Address     string `json:"address,omitempty"` // where the server listened last
	CertPEM     string `json:"cert_pem"`
	KeyPEM      string `json:"key_pem"`
}

const hostFileName = "host.json"

// loadOrCreateHostFile reads dir/host.json, or creates it with a new code,
// password and certificate. code, when not empty, is the code to use for a
// new file.
func loadOrCreateHostFile(dir, exercise, code string) (*hostFile, bool, error) {
	p := filepath.Join(dir, hostFileName)
	data, err := os.ReadFile(p)
	switch {
	case err == nil:
		var hf hostFile
		if err := json.Unmarshal(data, &hf); err != nil {
			return nil, false, fmt.Errorf("%s: %w", p, err)
		}
		if hf.Exercise != exercise {
			return nil, false, fmt.Errorf("%s belongs to exercise %s, not %s", p, hf.Exercise, exercise)
		}
		if _, err := NormalizeCode(hf.Code); err != nil || hf.Facilitator == "" || hf.CertPEM == "" || hf.KeyPEM == "" {
			return nil, false, fmt.Errorf("%s is incomplete", p)
		}
		return &hf, false, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, false, err
	}
	if code == "" {
		code = NewCode()
	} else if code, err = NormalizeCode(code); err != nil {
		return nil, false, err
	}
	certPEM, keyPEM, err := newCertificate(exercise)
	if err != nil {
		return nil, false, err
	}
	pw := make([]byte, 32)
	if _, err := rand.Read(pw); err != nil {
		return nil, false, err
	}
	hf := &hostFile{Exercise: exercise, Code: code, Facilitator: base64.RawURLEncoding.EncodeToString(pw),
		CertPEM: string(certPEM), KeyPEM: string(keyPEM)}
	return hf, true, hf.save(dir)
}

func (hf *hostFile) save(dir string) error {
	if err := paths.MkdirAll(dir); err != nil { // 0700: the host's key and join code
		return err
	}
	data, err := json.MarshalIndent(hf, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, hostFileName+".tmp")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, hostFileName))
}
