// Package scenarios embeds the built-in scenario files.
package scenarios

import "embed"

//go:embed *.yaml
var FS embed.FS
