package msel

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// Limits on what Read accepts. An MSEL is a list of a few hundred rows at
// most; these leave room for far larger ones while keeping a hostile file
// (a zip bomb, a sheet of 100 MB, a cell of a million characters) from
// costing more than about a second and a hundred megabytes.
const (
	// MaxFileSize is the largest file read, of any kind.
	MaxFileSize = 16 << 20
	// MaxZipEntries is the most files an XLSX (a zip archive) may hold.
	MaxZipEntries = 1000
	// MaxSheetXML is the largest a worksheet may be once unzipped.
	MaxSheetXML = 16 << 20
	// MaxPartXML is the largest any other XML part of an XLSX (shared
	// strings, styles, drawings…) may be once unzipped. excelize decodes
	// the shared strings whole, at about 17 times their size.
	MaxPartXML = 4 << 20
	// MaxUnzipped is the most an XLSX may expand to, all parts together.
	MaxUnzipped = 32 << 20
	// MaxRows is the most rows a sheet, CSV or JSON list may have; Firebreak
	// scenarios are at most 2 MiB, which is far fewer injects.
	MaxRows = 5000
	// MaxColumns is the most columns a row may have.
	MaxColumns = 100
	// MaxCells is the most cells a workbook may have, empty ones up to
	// the last value of each row included (ten times a large MSEL's).
	MaxCells = 60_000
	// MaxCellChars is the most characters in one cell: the longest text a
	// scenario may hold.
	MaxCellChars = 20_000
	// MaxHeaderScan is how many rows from the top are searched for the
	// header row.
	MaxHeaderScan = 20
)

// readLimited reads at most MaxFileSize bytes of a file, refusing a larger
// one (by its size, and by reading: a device or a growing file has no
// trustworthy size).
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("the file is %s; an MSEL may be at most %s", size(fi.Size()), size(MaxFileSize))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("the file is larger than %s, the most an MSEL may be", size(MaxFileSize))
	}
	return data, nil
}

// checkZip looks at an XLSX's central directory before anything is
// unzipped: the number of parts and the size each declares once
// uncompressed. Go's zip reader refuses to inflate a part past its declared
// size, so a part that lies about its size cannot get past this either.
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a readable XLSX (zip) file: %v", err)
	}
	if len(zr.File) > MaxZipEntries {
		return fmt.Errorf("the workbook holds %d parts; at most %d are read", len(zr.File), MaxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		n := f.UncompressedSize64
		limit := uint64(MaxPartXML)
		what := "part"
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		switch {
		case strings.HasPrefix(name, "xl/worksheets/"):
			limit, what = MaxSheetXML, "sheet"
		case !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels"):
			limit = MaxUnzipped // pictures and other files, stored and not parsed
		}
		if n > limit {
			return fmt.Errorf("%s %s unzips to %s; at most %s is read (a sheet that large is not an MSEL, or the file is a zip bomb)",
				what, f.Name, size(int64(min(n, 1<<62))), size(int64(limit)))
		}
		total += n
		if total > MaxUnzipped {
			return fmt.Errorf("the workbook unzips to more than %s, the most that is read (the file may be a zip bomb)", size(MaxUnzipped))
		}
	}
	return nil
}

// size writes a byte count for people.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
