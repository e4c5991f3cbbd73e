package fakeapi

import (
	"crypto/sha256"
	"net/http"
	"time"
)

// idempotencyTTL is how long a stored response can be replayed (API.md 1.1).
const idempotencyTTL = 24 * time.Hour

// idemKey scopes an Idempotency-Key to one credential (by key id, which is one-to-one with the
// secret's hash), so two callers can never see each other's responses.
type idemKey struct {
	keyID string
	key   string
}

type idemRecord struct {
	fingerprint [32]byte
	done        bool
	status      int
	body        []byte
	requestID   string // of the first response; a replay is that response, id included
	expires     time.Time
}

type idemOutcome int

const (
	idemProceed idemOutcome = iota // reserved: run the request
	idemReplay                     // answer with the stored response
	idemInUse                      // the first request is still running
	idemReused                     // same key, different request
)

// validIdempotencyKey applies API.md 1.1: 1–255 printable ASCII characters.
func validIdempotencyKey(v string) bool {
	if len(v) < 1 || len(v) > 255 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return false
		}
	}
	return true
}

// requestFingerprint identifies "the same request" for replay: method, escaped path, the
// organization header (it selects the target like the path does) and the exact body bytes.
func requestFingerprint(r *http.Request, body []byte) [32]byte {
	h := sha256.New()
	for _, part := range []string{r.Method, r.URL.EscapedPath(), r.Header.Get("RunTools-Organization")} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	h.Write(body)
	var fp [32]byte
	copy(fp[:], h.Sum(nil))
	return fp
}

// reserveIdempotency claims a key for a request, or says how to answer instead. A mismatching
// fingerprint wins over "in use": a different request under the same key is a caller bug that a
// retry would never fix, so it gets the non-retryable 422 at once.
func (s *Server) reserveIdempotency(k idemKey, fp [32]byte, now time.Time) (idemOutcome, *idemRecord) {
	rec := s.idem[k]
	if rec != nil && rec.done && !now.Before(rec.expires) {
		delete(s.idem, k)
		rec = nil
	}
	switch {
	case rec == nil:
		s.idem[k] = &idemRecord{fingerprint: fp}
		return idemProceed, nil
	case rec.fingerprint != fp:
		return idemReused, nil
	case !rec.done:
		return idemInUse, nil
	}
	return idemReplay, rec
}

func (s *Server) completeIdempotency(k idemKey, reqID string, status int, body []byte, now time.Time) {
	if rec := s.idem[k]; rec != nil {
		rec.done, rec.status, rec.body, rec.expires = true, status, body, now.Add(idempotencyTTL)
		rec.requestID = reqID
	}
}

func (s *Server) releaseIdempotency(k idemKey) {
	if rec := s.idem[k]; rec != nil && !rec.done {
		delete(s.idem, k)
	}
}
