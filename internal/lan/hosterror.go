package lan

import (
	"errors"
	"fmt"
)

// Why a host could not start, as values that the app turns into words.
var (
	// ErrHostNetwork: the network server could not start or listen.
	ErrHostNetwork = errors.New("the network server could not start")
	// ErrHostFiles: the host's folder (its certificate and join code)
	// could not be read or written.
	ErrHostFiles = errors.New("the host's files could not be used")
)

// HostError is why NewHost failed: Problem is ErrHostNetwork or
// ErrHostFiles, Where the address or the folder, Err the cause.
type HostError struct {
	Problem error
	Where   string
	Err     error
}

func (e *HostError) Error() string {
	return fmt.Sprintf("cannot host team laptops: %v (%s): %v", e.Problem, e.Where, e.Err)
}

// Unwrap gives both the problem and its cause to errors.Is and errors.As.
func (e *HostError) Unwrap() []error { return []error{e.Problem, e.Err} }
