package scenario

import (
	"crypto/sha256"
	"sync"
)

// A loaded Scenario is never modified, so one parse of a source can be shared
// by every exercise that plays it. The engine parses the scenario source
// stored in each exercise log (on start, on resume, on replay); the cache
// keeps that from re-reading the same YAML each time.
var cache struct {
	sync.Mutex
	entries map[[32]byte]*Scenario
	order   [][32]byte
}

const cacheSize = 16

// ParseCached is Parse for sources that load cleanly, remembering the result.
// Sources with problems are parsed every time, so their messages stay fresh.
func ParseCached(file string, data []byte) (*Scenario, Problems) {
	key := sha256.Sum256(append([]byte(file+"\x00"), data...))
	cache.Lock()
	if s, ok := cache.entries[key]; ok {
		cache.Unlock()
		return s, nil
	}
	cache.Unlock()
	s, probs := Parse(file, data)
	if s == nil || len(probs) > 0 {
		return s, probs
	}
	cache.Lock()
	defer cache.Unlock()
	if cache.entries == nil {
		cache.entries = map[[32]byte]*Scenario{}
	}
	if _, ok := cache.entries[key]; !ok {
		if len(cache.order) >= cacheSize {
			delete(cache.entries, cache.order[0])
			cache.order = cache.order[1:]
		}
		cache.entries[key] = s
		cache.order = append(cache.order, key)
	}
	return s, nil
}
