package debrief

import (
	"bytes"
	"encoding/json"
)

// JSON renders the report as indented JSON (UTF-8, no BOM), with
// "schema_version" first. docs/export-json.md describes every field.
func JSON(r *Report) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
