package lan

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"time"
)

// newCertificate makes a self-signed ECDSA P-256 certificate for one
// exercise. Clients do not check names or a chain: they pin the certificate's
// SHA-256 fingerprint, which comes with the join code.
func newCertificate(exercise string) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "Firebreak exercise " + exercise, Organization: []string{"Firebreak"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(2, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              []string{"localhost", "firebreak-" + exercise},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), nil
}

// fingerprintPEM returns the SHA-256 fingerprint of a PEM certificate.
func fingerprintPEM(certPEM []byte) ([32]byte, error) {
	blk, _ := pem.Decode(certPEM)
	if blk == nil || blk.Type != "CERTIFICATE" {
		return [32]byte{}, errors.New("no PEM certificate")
	}
	return sha256.Sum256(blk.Bytes), nil
}

// serverTLS is the host's TLS configuration.
func serverTLS(certPEM, keyPEM []byte) (*tls.Config, error) {
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// ErrFingerprint is returned when the host's certificate is not the one the
// join code names.
var ErrFingerprint = errors.New("the host's certificate does not match the fingerprint in the join code")

// pinnedTLS is a client configuration that accepts exactly the certificate
// with the given SHA-256 fingerprint. InsecureSkipVerify only turns off the
// chain and name checks, which a self-signed certificate cannot pass; the
// fingerprint check below replaces them and is never skipped.
func pinnedTLS(fp [32]byte) *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, //nolint:gosec // the certificate is pinned by VerifyPeerCertificate
		VerifyPeerCertificate: func(rawCerts [][]byte, _ [][]*x509.Certificate) error {
			if len(rawCerts) == 0 {
				return ErrFingerprint
			}
			got := sha256.Sum256(rawCerts[0])
			if !bytes.Equal(got[:], fp[:]) {
				return fmt.Errorf("%w (got %s)", ErrFingerprint, hex.EncodeToString(got[:]))
			}
			return nil
		},
	}
}
