package fakeapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// RecordedRequest is one request as the server received it, with secrets redacted: the
// credential in Authorization (and any legacy X-API-Key), and every "key" or "clientSecret"
// value in a JSON body. Tests read it to check what a client put on the wire.
type RecordedRequest struct {
	// RequestID is the id the server answered with (X-Request-Id): its own, or for an
	// idempotent replay the original request's.
	RequestID string
	// Time is the server clock when the request arrived.
	Time time.Time
	// Method is the HTTP method.
	Method string
	// Path is the decoded URL path.
	Path string
	// EscapedPath is the path as sent, percent-escapes intact.
	EscapedPath string
	// RawQuery is the query string without "?".
	RawQuery string
	// Header is a copy of the request headers, secrets redacted.
	Header http.Header
	// Body is the request body, secrets redacted (re-encoded only when something was redacted).
	Body []byte
	// Status is the status answered, or 0 when no answer was written (the connection was
	// dropped by [Server.CommitThenDrop], or the client gave up during latency).
	Status int
}

const redacted = "[redacted]"

// redactedBodyFields are the write-only secrets a request body may carry.
var redactedBodyFields = []string{"key", "clientSecret"}

func redactHeader(h http.Header) http.Header {
	out := h.Clone()
	if v := out.Get("Authorization"); v != "" {
		if scheme, _, ok := strings.Cut(v, " "); ok {
			out.Set("Authorization", scheme+" "+redacted)
		} else {
			out.Set("Authorization", redacted)
		}
	}
	if out.Get("X-API-Key") != "" {
		out.Set("X-API-Key", redacted)
	}
	return out
}

// redactBody keeps the original bytes whenever there is nothing to hide, so tests can still
// compare bodies byte for byte; only a body holding a secret is re-encoded.
func redactBody(body []byte) []byte {
	if len(body) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return bytes.Clone(body)
	}
	if !redactValue(v) {
		return bytes.Clone(body)
	}
	out, err := json.Marshal(v)
	if err != nil {
		return []byte(redacted)
	}
	return out
}

func redactValue(v any) bool {
	changed := false
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if _, isString := val.(string); isString && slices.Contains(redactedBodyFields, k) {
				t[k] = redacted
				changed = true
				continue
			}
			changed = redactValue(val) || changed
		}
	case []any:
		for _, val := range t {
			changed = redactValue(val) || changed
		}
	}
	return changed
}

// recordRequest appends to the log at arrival, so the log is in arrival order.
func (s *Server) recordRequest(reqID string, r *http.Request, body []byte) {
	rec := RecordedRequest{
		RequestID:   reqID,
		Method:      r.Method,
		Path:        r.URL.Path,
		EscapedPath: r.URL.EscapedPath(),
		RawQuery:    r.URL.RawQuery,
		Header:      redactHeader(r.Header),
		Body:        redactBody(body),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec.Time = s.now()
	s.log = append(s.log, rec)
}

// setRecordedAnswer finds the entry by its arrival id rather than by index, because
// ResetRequests may have emptied the log while the request ran.
func (s *Server) setRecordedAnswer(arrivalID, answeredID string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.log) - 1; i >= 0; i-- {
		if s.log[i].RequestID == arrivalID {
			s.log[i].RequestID, s.log[i].Status = answeredID, status
			return
		}
	}
}

// Requests returns a copy of every request received so far, oldest first.
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RecordedRequest, len(s.log))
	for i, r := range s.log {
		r.Header = r.Header.Clone()
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}
