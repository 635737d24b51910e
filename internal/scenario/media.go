package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig reads JPEG
	_ "image/png"  // and PNG
	"io"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits on an inject's pictures. A picture travels inside the exercise's
// first event (so a resume and a team laptop show what was played), which
// the LAN host sends in one message: the limits keep that message small,
// and a decoded picture (4 bytes a pixel) small enough for a texture.
const (
	MaxMediaBytes     = 1 << 20 // one picture's file
	MaxMediaTotal     = 3 << 20 // all of a scenario's pictures together
	MaxMediaSide      = 2048    // pixels, either side
	MaxMediaFiles     = 64      // distinct pictures in a scenario
	MaxMediaPerInject = 4
	maxMediaPath      = 200 // characters of a picture's path
)

// The problems CheckPicture finds in a picture's bytes.
var (
	ErrPictureTooLarge = errors.New("picture file too large")
	ErrPictureFormat   = errors.New("not a PNG or JPEG picture")
	ErrPictureSize     = errors.New("picture too many pixels")
)

// PictureError is what is wrong with one picture's bytes.
type PictureError struct {
	Err           error // one of the ErrPicture values
	Bytes         int
	Width, Height int
}

func (e *PictureError) Error() string {
	switch e.Err {
	case ErrPictureTooLarge:
		return fmt.Sprintf("the file is %d bytes; a picture may have at most %d", e.Bytes, MaxMediaBytes)
	case ErrPictureSize:
		return fmt.Sprintf("it is %d×%d pixels; a picture may be at most %d pixels on either side", e.Width, e.Height, MaxMediaSide)
	}
	return "it is not a PNG or JPEG picture"
}

func (e *PictureError) Unwrap() error { return e.Err }

// CheckPicture tells whether data is a picture an inject may carry: a PNG
// or JPEG of at most MaxMediaBytes, at most MaxMediaSide pixels a side. It
// reads only the header, so a picture that claims to be huge costs nothing.
// It returns the format ("png" or "jpeg").
func CheckPicture(data []byte) (string, error) {
	if len(data) > MaxMediaBytes {
		return "", &PictureError{Err: ErrPictureTooLarge, Bytes: len(data)}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return "", &PictureError{Err: ErrPictureFormat}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxMediaSide || cfg.Height > MaxMediaSide {
		return "", &PictureError{Err: ErrPictureSize, Width: cfg.Width, Height: cfg.Height}
	}
	return format, nil
}

// PictureMIME is the media type of a picture CheckPicture accepted.
func PictureMIME(data []byte) string {
	if bytes.HasPrefix(data, []byte("\x89PNG")) {
		return "image/png"
	}
	return "image/jpeg"
}

// MediaFiles lists the distinct picture files the scenario's injects carry,
// in the order they first appear.
func (s *Scenario) MediaFiles() []string {
	var out []string
	seen := map[string]bool{}
	s.eachMedia(func(_ *Inject, m *Media) {
		if !seen[m.File] {
			seen[m.File] = true
			out = append(out, m.File)
		}
	})
	return out
}

// eachMedia calls f for every picture of every inject: timed, triggered
// and a missed deadline's, in file order; then for every persona's avatar
// (with a nil inject).
func (s *Scenario) eachMedia(f func(*Inject, *Media)) {
	for _, in := range s.allInjects() {
		for _, m := range in.Media {
			f(in, m)
		}
	}
	for _, p := range s.Personas {
		if p.Avatar != nil {
			f(nil, p.Avatar)
		}
	}
	if s.Feed != nil {
		for _, p := range s.Feed.Posts {
			for _, m := range p.Media {
				f(nil, m)
			}
		}
		for _, r := range s.Feed.Reactions {
			for _, p := range r.Posts {
				for _, m := range p.Media {
					f(nil, m)
				}
			}
		}
	}
}

// ReadMedia reads the pictures the scenario's injects carry from fsys, the
// folder of the scenario file, and checks each (CheckPicture) and their
// total. file names the scenario in the findings. It returns the pictures
// by their path as written, and the findings, each at the first inject
// that carries the picture; a picture with a problem is left out.
func ReadMedia(fsys fs.FS, file string, s *Scenario) (map[string][]byte, Problems) {
	var probs Problems
	out := map[string][]byte{}
	first := map[string]Pos{}
	var order []string
	s.eachMedia(func(_ *Inject, m *Media) {
		if _, ok := first[m.File]; !ok {
			first[m.File] = m.Pos
			order = append(order, m.File)
		}
	})
	total := 0
	for _, name := range order {
		at := first[name]
		data, err := readPicture(fsys, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				probs = append(probs, newProblem(file, at, SevError, "picture %q is not beside the scenario file; put it in the scenario's folder, at the path written (relative to the file)", name))
			} else if errors.Is(err, ErrPictureTooLarge) {
				probs = append(probs, newProblem(file, at, SevError, "picture %q is larger than %d bytes; make it smaller (a photo of 1280 pixels saved as JPEG is about 200 kB)", name, MaxMediaBytes))
			} else {
				probs = append(probs, newProblem(file, at, SevError, "picture %q cannot be read: %v", name, err))
			}
			continue
		}
		if _, err := CheckPicture(data); err != nil {
			var pe *PictureError
			errors.As(err, &pe)
			switch pe.Err {
			case ErrPictureSize:
				probs = append(probs, newProblem(file, at, SevError, "picture %q is %d×%d pixels; a picture may be at most %d pixels on either side: scale it down", name, pe.Width, pe.Height, MaxMediaSide))
			default:
				probs = append(probs, newProblem(file, at, SevError, "picture %q is not a PNG or JPEG picture; save it as one of those", name))
			}
			continue
		}
		if total+len(data) > MaxMediaTotal {
			probs = append(probs, newProblem(file, at, SevError, "picture %q takes the scenario's pictures over %d bytes in all; make them smaller or use fewer", name, MaxMediaTotal))
			continue
		}
		total += len(data)
		out[name] = data
	}
	return out, probs.sorted()
}

// readPicture reads one picture file, refusing one over MaxMediaBytes
// without reading all of it.
func readPicture(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("it is not a file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxMediaBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxMediaBytes {
		return nil, ErrPictureTooLarge
	}
	return data, nil
}

// media reads an inject's pictures: a list of {file, alt}.
func (l *loader) media(n *yaml.Node, what Phrase) []*Media {
	if !l.noAlias(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errf(n, "%s must be a list of pictures, like [{file: photos/bottle.jpg, alt: {en: …, zh: …}}]", what)
		return nil
	}
	if len(n.Content) > MaxMediaPerInject {
		l.errf(n, "%s has %d pictures; an inject may carry at most %d", what, len(n.Content), MaxMediaPerInject)
	}
	var out []*Media
	for i, c := range n.Content {
		pw := phrase("picture %d of %s", i+1, what)
		f, _, ok := l.fields(c, pw, "file", "alt")
		if !ok {
			continue
		}
		m := &Media{Pos: pos(c)}
		if f["file"] == nil {
			l.errf(c, "%s needs 'file', the picture's path beside the scenario file", pw)
		} else if name, ok := l.str(f["file"], sub(pw, "file")); ok && l.mediaPath(f["file"], name) {
			m.File = name
		}
		if f["alt"] == nil {
			l.errf(c, "%s needs 'alt', a line saying what it shows (the text reports show it instead of the picture)", pw)
		}
		m.Alt = l.text(f["alt"], sub(pw, "alt"))
		if m.File != "" {
			if l.mediaFiles == nil {
				l.mediaFiles = map[string]bool{}
			}
			l.mediaFiles[m.File] = true
			if len(l.mediaFiles) == MaxMediaFiles+1 {
				l.errf(c, "the scenario carries more than %d different pictures", MaxMediaFiles)
			}
			out = append(out, m)
		}
	}
	return out
}

// mediaPath reports whether a picture's path is one the scenario may use:
// relative, inside the scenario's folder, a PNG or JPEG by its name.
func (l *loader) mediaPath(n *yaml.Node, name string) bool {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case len([]rune(name)) > maxMediaPath:
		l.errf(n, "picture path %q is longer than %d characters", clip(name, 60), maxMediaPath)
	case strings.Contains(name, `\`):
		l.errf(n, "picture path %q uses \\; write paths with / (photos/bottle.jpg)", clip(name, 60))
	case !fs.ValidPath(name) || name == ".":
		l.errf(n, "picture path %q must be relative to the scenario file's folder and inside it (no leading /, no ..)", clip(name, 60))
	case ext != ".png" && ext != ".jpg" && ext != ".jpeg":
		l.errf(n, "picture path %q must name a .png, .jpg or .jpeg file", clip(name, 60))
	default:
		return true
	}
	return false
}
