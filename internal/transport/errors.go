package transport

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// ResponseError is a final non-2xx response. The SDK turns it into its public *APIError.
type ResponseError struct {
	StatusCode int
	Code       string
	Message    string
	Field      string
	RequestID  string
	RetryAfter time.Duration
	Attempts   int
	Method     string
	Path       string
	// Cause is context.DeadlineExceeded when a retry was refused because its wait would have
	// outlived the context's deadline; nil otherwise.
	Cause error
}

// Error is terse: the SDK's APIError is what callers see.
func (e *ResponseError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.StatusCode, e.Code, e.Message)
}

// Unwrap gives Cause.
func (e *ResponseError) Unwrap() error { return e.Cause }

type errorEnvelope struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"requestId"`
		Field     string `json:"field"`
	} `json:"error"`
}

func (t *Transport) responseError(ctx context.Context, resp *http.Response, req Request, st *callState) error {
	var env errorEnvelope
	// A body that is not our envelope (a proxy's HTML page, say) still gives a useful error
	// from its status, so a decoding failure is not reported on its own.
	_ = json.NewDecoder(io.LimitReader(resp.Body, MaxErrorBody)).Decode(&env)
	e := &ResponseError{
		StatusCode: resp.StatusCode,
		Code:       env.Error.Code,
		Message:    env.Error.Message,
		Field:      env.Error.Field,
		RequestID:  resp.Header.Get("X-Request-Id"),
		Attempts:   st.attempts,
		Method:     req.Method,
		Path:       req.Path,
	}
	if e.RequestID == "" {
		e.RequestID = env.Error.RequestID
	}
	if e.Code == "" {
		e.Code = codeForStatus(resp.StatusCode)
	}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	e.RetryAfter, _ = RetryAfter(resp)
	if st.outlivesDeadline {
		e.Cause = context.DeadlineExceeded
	}
	t.logf(ctx, "runtools: request failed", "method", req.Method, "path", req.Path,
		"status", e.StatusCode, "code", e.Code, "attempts", e.Attempts, "request_id", e.RequestID)
	return e
}

// codeForStatus names an error whose body carried no code, after API.md section 3.
func codeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "validation_error"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusPaymentRequired:
		return "insufficient_credits"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusConflict:
		return "conflict"
	case http.StatusTooManyRequests:
		return "rate_limited"
	case http.StatusBadGateway:
		return "bad_gateway"
	case http.StatusServiceUnavailable:
		return "service_unavailable"
	case http.StatusGatewayTimeout:
		return "gateway_timeout"
	}
	if status >= 500 {
		return "internal_error"
	}
	return "http_" + fmt.Sprint(status)
}

func (t *Transport) transportError(ctx context.Context, req Request, st *callState, err error) error {
	t.logf(ctx, "runtools: request failed", "method", req.Method, "path", req.Path,
		"attempts", st.attempts, "error", err.Error())
	return fmt.Errorf("runtools: %s %s after %d attempt(s): %w", req.Method, req.Path, st.attempts, err)
}
