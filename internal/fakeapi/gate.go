package fakeapi

import (
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// maxBodyBytes caps request bodies; the largest legitimate one (100 invites) is far smaller.
const maxBodyBytes = 1 << 20

var secretPattern = regexp.MustCompile(`^rt_(?:live|test)_[A-Za-z0-9]{32}$`)

// ServeHTTP runs the gate (steps 1–7 of the package documentation) and then the endpoint.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := newRequestID()
	w.Header().Set("X-Request-Id", reqID)
	var body []byte
	var bodyErr error
	if r.Body != nil {
		body, bodyErr = io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	}
	s.recordRequest(reqID, r, body)

	s.mu.Lock()
	now := s.now()
	failure, drop := s.faults.take()
	latency := s.faults.latency
	key, caller, authErr := s.authenticate(r.Header.Get("Authorization"), now)
	var rate rateState
	limited := false
	if failure != nil || authErr != nil {
		rate = s.peekRate(key, now)
	} else {
		rate, limited = s.countRate(key, now)
		if !limited {
			key.lastUsedAt = &now
		}
	}
	s.mu.Unlock()

	rate.writeHeaders(w.Header())
	out := &writer{s: s, w: w, arrivalID: reqID, reqID: reqID, drop: drop}

	switch {
	case failure != nil:
		if failure.RetryAfter > 0 {
			w.Header().Set("Retry-After", retryAfterValue(failure.RetryAfter))
		}
		out.send(failure.Status, response{err: &apiError{status: failure.Status, code: failure.Code, message: failure.Message}}.encode(reqID))
		return
	case authErr != nil:
		out.sendResponse(fail(authErr))
		return
	case limited:
		w.Header().Set("Retry-After", retryAfterValue(rate.retryAfter))
		out.sendResponse(fail(errRateLimited()))
		return
	case bodyErr != nil:
		var tooBig *http.MaxBytesError
		if errors.As(bodyErr, &tooBig) {
			out.sendResponse(fail(errValidation("", "The request body exceeds %d bytes", maxBodyBytes)))
		} else {
			out.sendResponse(fail(errValidation("", "The request body could not be read")))
		}
		return
	}

	var ik idemKey
	reserved := false
	if r.Method == http.MethodPost {
		v := r.Header.Get("Idempotency-Key")
		if !validIdempotencyKey(v) {
			out.sendResponse(fail(errValidation("Idempotency-Key", "Every POST needs an Idempotency-Key header of 1 to 255 printable ASCII characters")))
			return
		}
		ik = idemKey{keyID: key.id, key: v}
		s.mu.Lock()
		outcome, rec := s.reserveIdempotency(ik, requestFingerprint(r, body), now)
		s.mu.Unlock()
		switch outcome {
		case idemReplay:
			// The replay is the first response, request id included, so header and body agree
			// and the id leads to the request that actually did the work.
			w.Header().Set("Idempotent-Replayed", "true")
			w.Header().Set("X-Request-Id", rec.requestID)
			out.reqID = rec.requestID
			out.send(rec.status, rec.body)
			return
		case idemInUse:
			out.sendResponse(fail(errIdempotencyInUse()))
			return
		case idemReused:
			out.sendResponse(fail(errIdempotencyReused()))
			return
		}
		reserved = true
	}

	if latency > 0 && !sleep(r, latency) {
		if reserved {
			s.mu.Lock()
			s.releaseIdempotency(ik)
			s.mu.Unlock()
		}
		return // the client is gone; nothing was processed
	}

	c := &call{reqID: reqID, body: body, key: key, user: caller}
	resp := s.dispatch(withCall(r, c), c)
	encoded := resp.encode(reqID)
	if reserved {
		s.mu.Lock()
		if resp.status < http.StatusInternalServerError {
			s.completeIdempotency(ik, reqID, resp.status, encoded, s.now())
		} else {
			s.releaseIdempotency(ik)
		}
		s.mu.Unlock()
	}
	out.send(resp.status, encoded)
}

// dispatch routes to the endpoint. A panic in a handler becomes a 500 rather than a dropped
// connection, so a bug here looks like a server error to a client, not a network fault.
func (s *Server) dispatch(r *http.Request, c *call) (resp response) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			resp = fail(errInternal())
		}
	}()
	s.mux.ServeHTTP(discard{}, r)
	if c.resp == nil {
		// ServeMux answered by itself: a redirect to the cleaned path, which happens when a
		// segment is "." or "..", both invalid ids (API.md section 1).
		return fail(errNotFound("Resource"))
	}
	return *c.resp
}

// authenticate identifies the credential without changing anything, so requests that are
// then rejected (injected failure, rate limit) leave no trace on the key.
func (s *Server) authenticate(header string, now time.Time) (*apiKey, *user, *apiError) {
	// net/http trims header values, so "Bearer " arrives as "Bearer": no credential either.
	if h := strings.TrimSpace(header); h == "" || strings.EqualFold(h, "Bearer") {
		return nil, nil, errUnauthorized()
	}
	scheme, token, found := strings.Cut(header, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return nil, nil, errInvalidToken()
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return nil, nil, errUnauthorized()
	}
	if !secretPattern.MatchString(token) {
		return nil, nil, errInvalidToken()
	}
	k := s.keys[hashSecret(token)]
	if k == nil {
		return nil, nil, errInvalidToken()
	}
	switch k.status(now) {
	case "revoked":
		return nil, nil, errInvalidToken()
	case "expired":
		return nil, nil, errTokenExpired()
	}
	u := s.users[k.userID]
	if u == nil {
		return nil, nil, errInvalidToken()
	}
	return k, u, nil
}

// sleep waits d unless the request's context ends first, reporting whether it waited fully.
func sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// writer sends the final answer, or drops the connection when the request drew a
// CommitThenDrop: by then everything, including the idempotency record, is committed.
type writer struct {
	s         *Server
	w         http.ResponseWriter
	arrivalID string // the id the request was logged under
	reqID     string // the id answered with (differs for a replay)
	drop      bool
}

func (o *writer) sendResponse(resp response) { o.send(resp.status, resp.encode(o.reqID)) }

func (o *writer) send(status int, body []byte) {
	if o.drop {
		// ErrAbortHandler makes net/http close the connection (or reset the HTTP/2 stream)
		// without writing anything and without logging a stack trace.
		panic(http.ErrAbortHandler)
	}
	o.w.Header().Set("Content-Type", "application/json")
	o.w.WriteHeader(status)
	_, _ = o.w.Write(body)
	o.s.setRecordedAnswer(o.arrivalID, o.reqID, status)
}

// discard swallows what ServeMux would write on its own (redirects), since every answer is
// built by the gate.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}
