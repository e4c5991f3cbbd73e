package runtools_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

// Every status and code of API.md section 3, answered by a mock server, maps to its sentinel.
func TestEveryDocumentedErrorMapsToItsSentinel(t *testing.T) {
	cases := []struct {
		status int
		code   string
		want   error
	}{
		{400, "validation_error", runtools.ErrValidation},
		{400, "confirmation_mismatch", runtools.ErrValidation},
		{401, "unauthorized", runtools.ErrUnauthorized},
		{401, "invalid_token", runtools.ErrUnauthorized},
		{401, "token_expired", runtools.ErrUnauthorized},
		{402, "insufficient_credits", runtools.ErrInsufficientCredits},
		{403, "forbidden", runtools.ErrForbidden},
		{403, "insufficient_scope", runtools.ErrForbidden},
		{403, "plan_limit_exceeded", runtools.ErrForbidden},
		{403, "feature_not_available", runtools.ErrForbidden},
		{404, "not_found", runtools.ErrNotFound},
		{409, "conflict", runtools.ErrConflict},
		{409, "idempotency_key_in_use", runtools.ErrConflict},
		{422, "idempotency_key_reused", runtools.ErrConflict},
		{429, "rate_limited", runtools.ErrRateLimited},
		{500, "internal_error", runtools.ErrServer},
		{502, "bad_gateway", runtools.ErrServer},
		{503, "service_unavailable", runtools.ErrServer},
		{504, "gateway_timeout", runtools.ErrServer},
	}
	all := []error{runtools.ErrValidation, runtools.ErrUnauthorized, runtools.ErrInsufficientCredits,
		runtools.ErrForbidden, runtools.ErrNotFound, runtools.ErrConflict, runtools.ErrRateLimited, runtools.ErrServer}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.status, " ", tc.code), func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(tc.status, errorJSON(tc.code, "message"))
			_, err := m.client(runtools.WithMaxRetries(0)).Organizations.Get(context.Background(), "acme-corp")
			wrapped := fmt.Errorf("setting up: %w", err)
			for _, sentinel := range all {
				assert.Equal(t, sentinel == tc.want, errors.Is(err, sentinel), "%v", sentinel)
				assert.Equal(t, sentinel == tc.want, errors.Is(wrapped, sentinel), "wrapped %v", sentinel)
			}
			var apiErr *runtools.APIError
			require.ErrorAs(t, wrapped, &apiErr)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.Equal(t, tc.status, apiErr.StatusCode)
		})
	}
}

func TestErrorWithoutEnvelopeStillTyped(t *testing.T) {
	m := newMockAPI(t)
	m.reply(502, `<html>Bad Gateway</html>`)
	_, err := m.client(runtools.WithMaxRetries(0)).Organizations.Get(context.Background(), "acme-corp")
	var apiErr *runtools.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "bad_gateway", apiErr.Code)
	assert.Equal(t, "Bad Gateway", apiErr.Message)
	assert.ErrorIs(t, err, runtools.ErrServer)
}

func TestErrorNamesTheField(t *testing.T) {
	m := newMockAPI(t)
	m.reply(400, `{"error":{"code":"validation_error","message":"Invalid email","field":"invites[2].email","requestId":"req_v"}}`)
	_, err := m.client().Organizations.Get(context.Background(), "acme-corp")
	var apiErr *runtools.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "invites[2].email", apiErr.Field)
	assert.Equal(t, "runtools: 400 validation_error: Invalid email (field invites[2].email) (request req_v)", err.Error())
}

func TestValidationErrorMatchesOnlyErrValidation(t *testing.T) {
	err := error(&runtools.ValidationError{Field: "email", Message: "is required"})
	assert.ErrorIs(t, fmt.Errorf("wrapped: %w", err), runtools.ErrValidation)
	assert.NotErrorIs(t, err, runtools.ErrNotFound)
	assert.Equal(t, "runtools: invalid email: is required", err.Error())
}
