package store

import (
	"errors"
	"fmt"
)

// FindLatest returns the most recently active exercise started by source,
// finished or not, so a tool re-run after a kill that came after the end
// (but before its outputs were written) picks the same exercise up instead
// of playing it again into a duplicate. ok is false if there is none.
func (s *Store) FindLatest(source string) (e Exercise, ok bool, err error) {
	e, err = s.one(`SELECT `+exerciseCols+` FROM exercises WHERE source = ? AND `+hasLog+`
		ORDER BY updated_ms DESC, pk DESC LIMIT 1`, source)
	if errors.Is(err, ErrNotFound) {
		return Exercise{}, false, nil
	}
	if err != nil {
		return Exercise{}, false, fmt.Errorf("store: find exercise for %q: %w", source, err)
	}
	return e, true, nil
}
