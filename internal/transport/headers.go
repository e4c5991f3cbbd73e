package transport

import (
	"crypto/rand"
	"net/http"
	"strconv"
	"time"
)

// RateLimit is the X-RateLimit-* information of a response.
type RateLimit struct {
	Limit     int
	Remaining int
	Reset     time.Time
}

func parseRateLimit(h http.Header) RateLimit {
	var rl RateLimit
	rl.Limit, _ = strconv.Atoi(h.Get("X-RateLimit-Limit"))
	rl.Remaining, _ = strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	if reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
		rl.Reset = time.Unix(reset, 0).UTC()
	}
	return rl
}

// NewIdempotencyKey returns a fresh key from crypto/rand: 26 base32 characters, well inside
// the 1–255 printable ASCII the API accepts.
func NewIdempotencyKey() string { return rand.Text() }
