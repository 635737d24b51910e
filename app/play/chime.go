package play

import (
	"math"
	"sync"
	"time"

	"github.com/jfreymuth/pulse"
)

// A short two-note chime when a decision opens for a team whose tab is not
// shown: on a shared laptop the team at the other end of the table hears
// that it has something to answer. It plays through PulseAudio (or
// PipeWire's PulseAudio service, which current Linux desktops run) over its
// own socket, in pure Go; where there is no sound server (a machine
// without one, a test run) the chime is silent and nothing else changes.
// The facilitator can turn it off in the console; the choice is kept.

// chimeRate is the chime's sample rate.
const chimeRate = 44100

// chimeSamples is the chime: 880 Hz then 660 Hz, each faded in and out so
// it does not click, at a moderate volume.
func chimeSamples() []float32 {
	notes := []struct {
		hz  float64
		dur time.Duration
	}{{880, 130 * time.Millisecond}, {660, 200 * time.Millisecond}}
	var out []float32
	for _, n := range notes {
		count := int(n.dur.Seconds() * chimeRate)
		fade := chimeRate / 100 // 10 ms
		for i := range count {
			amp := 0.35
			if i < fade {
				amp *= float64(i) / float64(fade)
			} else if count-i < fade*4 {
				amp *= float64(count-i) / float64(fade*4)
			}
			out = append(out, float32(amp*math.Sin(2*math.Pi*n.hz*float64(i)/chimeRate)))
		}
	}
	return out
}

// Chime plays the chime once, in the background; it reports nothing: a
// missing sound server only means no sound. Chimes do not overlap. It is
// what the app passes as Config.Chime.
func Chime() { playChime() }

var playChime = func() func() {
	var mu sync.Mutex
	playing := false
	samples := sync.OnceValue(chimeSamples)
	return func() {
		mu.Lock()
		if playing {
			mu.Unlock()
			return
		}
		playing = true
		mu.Unlock()
		go func() {
			defer func() {
				mu.Lock()
				playing = false
				mu.Unlock()
			}()
			_ = playSamples(samples())
		}()
	}
}()

// playSamples plays mono float samples at chimeRate and waits until they
// have played.
func playSamples(s []float32) error {
	c, err := pulse.NewClient(pulse.ClientApplicationName("Firebreak"))
	if err != nil {
		return err
	}
	defer c.Close()
	pos := 0
	read := pulse.Float32Reader(func(buf []float32) (int, error) {
		if pos >= len(s) {
			// Only after the last samples went: the stream drops what
			// comes with EndOfData.
			return 0, pulse.EndOfData
		}
		n := copy(buf, s[pos:])
		pos += n
		return n, nil
	})
	stream, err := c.NewPlayback(read, pulse.PlaybackMono, pulse.PlaybackSampleRate(chimeRate), pulse.PlaybackLatency(0.1))
	if err != nil {
		return err
	}
	defer stream.Close()
	stream.Start()
	stream.Drain()
	return stream.Error()
}
