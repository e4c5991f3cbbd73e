package transport

import (
	"errors"
	"net/url"
	"strings"
)

// ErrBadSegment is returned by Path for a segment that cannot name a resource.
var ErrBadSegment = errors.New(`path segment is empty, "." or ".."`)

// Path joins segments into an escaped path under /v1, each segment escaped as one path
// segment so that an id can never reach another route.
func Path(segments ...string) (string, error) {
	var b strings.Builder
	b.WriteString("/v1")
	for _, s := range segments {
		if s == "" || s == "." || s == ".." {
			return "", ErrBadSegment
		}
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String(), nil
}
