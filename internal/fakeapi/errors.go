package fakeapi

import (
	"fmt"
	"net/http"
)

// apiError is a rejection in the shape of the error envelope. Handlers return it instead of
// writing, so the gate can decide what is stored for idempotency and what is sent.
type apiError struct {
	status  int
	code    string
	message string
	field   string
}

func errValidation(field, format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "validation_error", message: fmt.Sprintf(format, args...), field: field}
}

func errConfirmation() *apiError {
	return &apiError{status: http.StatusBadRequest, code: "confirmation_mismatch",
		message: "confirm must equal the organization's slug", field: "confirm"}
}

func errUnauthorized() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: "unauthorized", message: "Missing credential: send Authorization: Bearer <key>"}
}

func errInvalidToken() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: "invalid_token", message: "The credential is invalid or revoked"}
}

func errTokenExpired() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: "token_expired", message: "The API key has expired"}
}

func errInsufficientCredits() *apiError {
	return &apiError{status: http.StatusPaymentRequired, code: "insufficient_credits", message: "The organization has insufficient credits"}
}

func errForbidden(format string, args ...any) *apiError {
	return &apiError{status: http.StatusForbidden, code: "forbidden", message: fmt.Sprintf(format, args...)}
}

func errScope(scope string) *apiError {
	return &apiError{status: http.StatusForbidden, code: "insufficient_scope",
		message: fmt.Sprintf("The API key lacks the scope %q", scope)}
}

func errPlanLimit(format string, args ...any) *apiError {
	return &apiError{status: http.StatusForbidden, code: "plan_limit_exceeded", message: fmt.Sprintf(format, args...)}
}

func errFeature(format string, args ...any) *apiError {
	return &apiError{status: http.StatusForbidden, code: "feature_not_available", message: fmt.Sprintf(format, args...)}
}

func errNotFound(what string) *apiError {
	return &apiError{status: http.StatusNotFound, code: "not_found", message: what + " not found"}
}

func errMethodNotAllowed() *apiError {
	return &apiError{status: http.StatusMethodNotAllowed, code: "method_not_allowed", message: "Method not allowed on this path"}
}

func errConflict(field, format string, args ...any) *apiError {
	return &apiError{status: http.StatusConflict, code: "conflict", message: fmt.Sprintf(format, args...), field: field}
}

func errIdempotencyInUse() *apiError {
	return &apiError{status: http.StatusConflict, code: "idempotency_key_in_use",
		message: "A request with this Idempotency-Key is still being processed"}
}

func errIdempotencyReused() *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, code: "idempotency_key_reused",
		message: "This Idempotency-Key was used with a different method, path or body"}
}

func errRateLimited() *apiError {
	return &apiError{status: http.StatusTooManyRequests, code: "rate_limited", message: "Rate limit exceeded"}
}

func errInternal() *apiError {
	return &apiError{status: http.StatusInternalServerError, code: "internal_error", message: "Internal error"}
}

// codeForStatus gives an injected failure the error code API.md section 3 pairs with its status,
// so a client decoding it sees what the real service would send.
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
		// An injected 409 models the transient, retryable one.
		return "idempotency_key_in_use"
	case http.StatusUnprocessableEntity:
		return "idempotency_key_reused"
	case http.StatusTooManyRequests:
		return "rate_limited"
	case http.StatusInternalServerError:
		return "internal_error"
	case http.StatusBadGateway:
		return "bad_gateway"
	case http.StatusServiceUnavailable:
		return "service_unavailable"
	case http.StatusGatewayTimeout:
		return "gateway_timeout"
	case http.StatusRequestTimeout:
		return "request_timeout"
	}
	return "error"
}
