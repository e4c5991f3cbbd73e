package runtools

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/runtools-ai/runtools-go/internal/transport"
)

// Sentinel errors. An *APIError matches the sentinel of its HTTP status with errors.Is, also
// when wrapped; a *ValidationError matches ErrValidation.
var (
	ErrValidation          = errors.New("runtools: validation failed")    // 400, or rejected locally
	ErrUnauthorized        = errors.New("runtools: unauthorized")         // 401
	ErrInsufficientCredits = errors.New("runtools: insufficient credits") // 402
	ErrForbidden           = errors.New("runtools: forbidden")            // 403
	ErrNotFound            = errors.New("runtools: not found")            // 404
	ErrConflict            = errors.New("runtools: conflict")             // 409, 422
	ErrRateLimited         = errors.New("runtools: rate limited")         // 429
	ErrServer              = errors.New("runtools: server error")         // 5xx

	// ErrNoAPIKey is returned by NewClient when neither WithAPIKey nor RUNTOOLS_API_KEY
	// gives a credential.
	ErrNoAPIKey = errors.New("runtools: no API key: set RUNTOOLS_API_KEY or use WithAPIKey")
)

// APIError is an error response of the RunTools API, after any retries. Use errors.Is with
// the sentinels for the kind of failure and errors.As for the details.
type APIError struct {
	StatusCode int    // HTTP status of the final response
	Code       string // error.code, e.g. "not_found", "insufficient_scope"
	Message    string // error.message, for humans
	Field      string // the offending input on validation errors, e.g. "invites[2].email"
	RequestID  string // X-Request-Id (or error.requestId): quote it to support
	// RetryAfter is the server's Retry-After on 429 and 503. It is set when the SDK declined
	// to wait because the wait exceeded the WithRetryWait cap or the context's deadline.
	RetryAfter time.Duration
	Attempts   int    // how many attempts were made, retries included
	Method     string // HTTP method of the call
	Path       string // path of the call, without query

	cause error // context.DeadlineExceeded when a retry would have outlived the deadline
}

// Error reads like "runtools: 404 not_found: Organization not found (request req_1)".
func (e *APIError) Error() string {
	msg := fmt.Sprintf("runtools: %d %s: %s", e.StatusCode, e.Code, e.Message)
	if e.Field != "" {
		msg += " (field " + e.Field + ")"
	}
	if e.RequestID != "" {
		msg += " (request " + e.RequestID + ")"
	}
	return msg
}

// Unwrap gives context.DeadlineExceeded when the SDK stopped retrying because the next
// wait would have outlived the context's deadline.
func (e *APIError) Unwrap() error { return e.cause }

// Is maps the status to its sentinel: 400 ErrValidation, 401 ErrUnauthorized, 402
// ErrInsufficientCredits, 403 ErrForbidden, 404 ErrNotFound, 409 and 422 ErrConflict, 429
// ErrRateLimited, 5xx ErrServer.
func (e *APIError) Is(target error) bool {
	return target != nil && sentinelFor(e.StatusCode) == target
}

func sentinelFor(status int) error {
	switch {
	case status == http.StatusBadRequest:
		return ErrValidation
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusPaymentRequired:
		return ErrInsufficientCredits
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict, status == http.StatusUnprocessableEntity:
		return ErrConflict
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}

// ValidationError is input the SDK refused before sending anything.
type ValidationError struct {
	Field   string // the offending input, as named on the wire: "email", "invites[2].email"
	Message string
}

// Error reads like "runtools: invalid email: must be a bare address".
func (e *ValidationError) Error() string {
	return "runtools: invalid " + e.Field + ": " + e.Message
}

// Is reports true for ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// apiError gives the public form of a pipeline error; other errors pass unchanged.
func apiError(err error) error {
	var re *transport.ResponseError
	if !errors.As(err, &re) {
		return err
	}
	return &APIError{
		StatusCode: re.StatusCode, Code: re.Code, Message: re.Message, Field: re.Field,
		RequestID: re.RequestID, RetryAfter: re.RetryAfter, Attempts: re.Attempts,
		Method: re.Method, Path: re.Path, cause: re.Cause,
	}
}
