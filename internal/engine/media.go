package engine

import (
	"fmt"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// startMedia checks the pictures an exercise starts with: each must be a
// picture within the limits, and together within scenario.MaxMediaTotal.
// Pictures the scenario does not name are left out of the log; one it
// names but that was not given (analysis plays without them) shows as its
// description, as a picture a fold leaves out does.
func startMedia(sc *scenario.Scenario, given map[string][]byte) (map[string][]byte, error) {
	files := sc.MediaFiles()
	if len(files) == 0 {
		return nil, nil
	}
	out := make(map[string][]byte, len(files))
	total := 0
	for _, name := range files {
		data, ok := given[name]
		if !ok {
			continue
		}
		if _, err := scenario.CheckPicture(data); err != nil {
			return nil, fmt.Errorf("picture %q: %w", name, err)
		}
		total += len(data)
		out[name] = data
	}
	if len(out) == 0 {
		return nil, nil
	}
	if total > scenario.MaxMediaTotal {
		return nil, refused(&Refused{Refusal: ErrMediaTooLarge, Size: total, Limit: scenario.MaxMediaTotal}, "the scenario's pictures take %d bytes; at most %d are allowed", total, scenario.MaxMediaTotal)
	}
	return out, nil
}

// foldMedia keeps the pictures of an exercise.started event that the
// scenario names and that are pictures within the limits: a log written
// elsewhere (a LAN host) cannot make a team laptop decode a picture
// bomb. A picture left out shows as its description.
func foldMedia(sc *scenario.Scenario, given map[string][]byte) map[string][]byte {
	if len(given) == 0 {
		return nil
	}
	out := map[string][]byte{}
	total := 0
	for _, name := range sc.MediaFiles() {
		data, ok := given[name]
		if !ok {
			continue
		}
		if _, err := scenario.CheckPicture(data); err != nil || total+len(data) > scenario.MaxMediaTotal {
			continue
		}
		total += len(data)
		out[name] = data
	}
	return out
}

// Picture returns the bytes of one of the scenario's pictures (a PNG or a
// JPEG within scenario's limits), or nil when the exercise does not have
// it.
func (s *State) Picture(file string) []byte { return s.Media[file] }
