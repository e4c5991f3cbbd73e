package runtools_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

const orgJSON = `{"data":{"id":"org_1","name":"Acme Corp","slug":"acme-corp","plan":"team","role":"owner","createdAt":"2026-01-02T03:04:05Z"},"meta":{"requestId":"req_ok"}}`

func errorJSON(code, msg string) string {
	return `{"error":{"code":"` + code + `","message":"` + msg + `","requestId":"req_body"}}`
}

// Retries run under testing/synctest with the default waits: the fake clock makes them
// instant and lets the tests measure the waits exactly.

func TestRetryGetAfterTwo503s(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		m.reply(503, errorJSON("service_unavailable", "busy")).reply(503, errorJSON("service_unavailable", "busy")).reply(200, orgJSON)
		var info runtools.ResponseInfo
		org, err := m.client(runtools.WithRetryWait(runtools.DefaultRetryMin, runtools.DefaultRetryMax)).
			Organizations.Get(context.Background(), "acme-corp", runtools.WithResponseInfo(&info))
		require.NoError(t, err)
		assert.Equal(t, "acme-corp", org.Slug)
		assert.Equal(t, 3, info.Attempts)
		assert.Len(t, m.requests(), 3)
	})
}

func TestRetryPostKeepsIdempotencyKeyAndBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		m.reply(500, errorJSON("internal_error", "oops")).reply(201, orgJSON)
		_, err := m.client(runtools.WithRetryWait(runtools.DefaultRetryMin, runtools.DefaultRetryMax)).
			Organizations.Create(context.Background(), runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"})
		require.NoError(t, err)
		reqs := m.requests()
		require.Len(t, reqs, 2)
		key := reqs[0].Header.Get("Idempotency-Key")
		assert.NotEmpty(t, key)
		assert.Equal(t, key, reqs[1].Header.Get("Idempotency-Key"))
		assert.Equal(t, reqs[0].Body, reqs[1].Body)
		assert.JSONEq(t, `{"name":"Acme Corp","slug":"acme-corp"}`, string(reqs[1].Body))
	})
}

func TestEachPostGetsItsOwnIdempotencyKey(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, orgJSON)
	c := m.client()
	params := runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"}
	for range 2 {
		_, err := c.Organizations.Create(context.Background(), params)
		require.NoError(t, err)
	}
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.NotEqual(t, reqs[0].Header.Get("Idempotency-Key"), reqs[1].Header.Get("Idempotency-Key"))
}

func TestCallerIdempotencyKeyIsSentAsGiven(t *testing.T) {
	m := newMockAPI(t)
	m.reply(503, errorJSON("service_unavailable", "busy")).reply(201, orgJSON)
	_, err := m.client().Organizations.Create(context.Background(),
		runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"},
		runtools.WithIdempotencyKey("order-42/create-org"))
	require.NoError(t, err)
	for _, r := range m.requests() {
		assert.Equal(t, "order-42/create-org", r.Header.Get("Idempotency-Key"))
	}
	assert.Len(t, m.requests(), 2)
}

func TestGetCarriesNoIdempotencyKey(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, orgJSON)
	_, err := m.client().Organizations.Get(context.Background(), "acme-corp")
	require.NoError(t, err)
	assert.Empty(t, m.only().Header.Get("Idempotency-Key"))
}

func TestNonRetryableStatusesAreTriedOnce(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 422, 501} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(status, errorJSON("some_code", "no"))
			_, err := m.client().Organizations.Get(context.Background(), "acme-corp")
			var apiErr *runtools.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, status, apiErr.StatusCode)
			assert.Equal(t, 1, apiErr.Attempts)
			assert.Len(t, m.requests(), 1)
		})
	}
}

func TestIdempotencyKeyInUseIsRetried(t *testing.T) {
	m := newMockAPI(t)
	m.reply(409, errorJSON("idempotency_key_in_use", "still running")).reply(201, orgJSON)
	_, err := m.client().Organizations.Create(context.Background(), runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"})
	require.NoError(t, err)
	assert.Len(t, m.requests(), 2)
}

func TestRetryAfterSecondsIsHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		var mu sync.Mutex
		var at []time.Time
		stamp := func(status int, body string, headers ...string) httpmock.Responder {
			return func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				at = append(at, time.Now())
				mu.Unlock()
				resp := httpmock.NewStringResponse(status, body)
				for i := 0; i+1 < len(headers); i += 2 {
					resp.Header.Set(headers[i], headers[i+1])
				}
				return resp, nil
			}
		}
		m.replyWith(stamp(429, errorJSON("rate_limited", "slow down"), "Retry-After", "2"))
		m.replyWith(stamp(200, orgJSON))
		_, err := m.client(runtools.WithRetryWait(runtools.DefaultRetryMin, runtools.DefaultRetryMax)).
			Organizations.Get(context.Background(), "acme-corp")
		require.NoError(t, err)
		require.Len(t, at, 2)
		assert.GreaterOrEqual(t, at[1].Sub(at[0]), 2*time.Second)
	})
}

func TestRetryAfterHTTPDateIsHonoured(t *testing.T) {
	forms := map[string]string{
		"IMF-fixdate": http.TimeFormat,
		"RFC 850":     time.RFC850,
		"asctime":     time.ANSIC,
	}
	for name, layout := range forms {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := newMockAPI(t)
				retryAt := time.Now().Add(3 * time.Second).UTC()
				m.reply(503, errorJSON("service_unavailable", "busy"), "Retry-After", retryAt.Format(layout)).reply(200, orgJSON)
				start := time.Now()
				_, err := m.client(runtools.WithRetryWait(runtools.DefaultRetryMin, runtools.DefaultRetryMax)).
					Organizations.Get(context.Background(), "acme-corp")
				require.NoError(t, err)
				assert.Len(t, m.requests(), 2)
				assert.GreaterOrEqual(t, time.Since(start), 3*time.Second)
				assert.Less(t, time.Since(start), 4*time.Second)
			})
		})
	}
}

func TestRetryAfterBeyondCapReturnsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		m.reply(429, errorJSON("rate_limited", "slow down"), "Retry-After", "3600")
		start := time.Now()
		_, err := m.client(runtools.WithRetryWait(runtools.DefaultRetryMin, runtools.DefaultRetryMax)).
			Organizations.Get(context.Background(), "acme-corp")
		assert.Zero(t, time.Since(start), "no fake time may pass")
		assert.ErrorIs(t, err, runtools.ErrRateLimited)
		var apiErr *runtools.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, time.Hour, apiErr.RetryAfter)
		assert.Equal(t, 1, apiErr.Attempts)
		assert.Len(t, m.requests(), 1)
	})
}

func TestRetryAfterBeyondDeadlineReturnsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		m.reply(429, errorJSON("rate_limited", "slow down"), "Retry-After", "10")
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := m.client(runtools.WithRetryWait(runtools.DefaultRetryMin, runtools.DefaultRetryMax)).
			Organizations.Get(ctx, "acme-corp")
		assert.Zero(t, time.Since(start))
		var apiErr *runtools.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 429, apiErr.StatusCode)
		assert.Equal(t, 10*time.Second, apiErr.RetryAfter)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.ErrorIs(t, err, runtools.ErrRateLimited)
		assert.Len(t, m.requests(), 1)
	})
}

func TestBackoffNeverExceedsCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		m.reply(502, errorJSON("bad_gateway", "upstream"))
		start := time.Now()
		_, err := m.client(runtools.WithMaxRetries(6), runtools.WithRetryWait(time.Second, 2*time.Second)).
			Organizations.Get(context.Background(), "acme-corp")
		assert.ErrorIs(t, err, runtools.ErrServer)
		assert.Len(t, m.requests(), 7)
		assert.LessOrEqual(t, time.Since(start), 6*2*time.Second)
	})
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		m.reply(503, errorJSON("service_unavailable", "busy"), "Retry-After", "5").reply(200, orgJSON)
		ctx, cancel := context.WithCancel(context.Background())
		c := m.client(runtools.WithRetryWait(runtools.DefaultRetryMin, runtools.DefaultRetryMax))
		done := make(chan error, 1)
		go func() {
			_, err := c.Organizations.Get(ctx, "acme-corp")
			done <- err
		}()
		time.Sleep(time.Second) // the call is now waiting out Retry-After
		synctest.Wait()
		cancelled := time.Now()
		cancel()
		err := <-done
		assert.Less(t, time.Since(cancelled), time.Millisecond)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Len(t, m.requests(), 1, "no attempt after the cancel")
	})
}

func TestExhaustedRetriesGiveAPIError(t *testing.T) {
	m := newMockAPI(t)
	m.reply(503, `{"error":{"code":"service_unavailable","message":"Try later","requestId":"req_body"}}`, "X-Request-Id", "req_header")
	_, err := m.client(runtools.WithMaxRetries(2)).Organizations.Get(context.Background(), "acme-corp")
	var apiErr *runtools.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.Equal(t, "service_unavailable", apiErr.Code)
	assert.Equal(t, "Try later", apiErr.Message)
	assert.Equal(t, "req_header", apiErr.RequestID)
	assert.Equal(t, 3, apiErr.Attempts)
	assert.Equal(t, "GET", apiErr.Method)
	assert.Equal(t, "/v1/organizations/acme-corp", apiErr.Path)
	assert.NotContains(t, err.Error(), "giving up")
	assert.Equal(t, "runtools: 503 service_unavailable: Try later (request req_header)", err.Error())
}

func TestRequestIDFromBodyWhenNoHeader(t *testing.T) {
	m := newMockAPI(t)
	m.reply(404, errorJSON("not_found", "Organization not found"))
	_, err := m.client().Organizations.Get(context.Background(), "nope")
	var apiErr *runtools.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "req_body", apiErr.RequestID)
}

func TestTransportErrorsAreRetriedAndKeepTheirCause(t *testing.T) {
	m := newMockAPI(t)
	m.replyWith(httpmock.NewErrorResponder(errors.New("connection reset by peer")))
	_, err := m.client(runtools.WithMaxRetries(1)).Organizations.Get(context.Background(), "acme-corp")
	require.Error(t, err)
	var urlErr *url.Error
	assert.ErrorAs(t, err, &urlErr)
	assert.Len(t, m.requests(), 2)
	assert.NotContains(t, err.Error(), "giving up")
}

func TestPostRetriedAfterTransportError(t *testing.T) {
	m := newMockAPI(t)
	m.replyWith(httpmock.NewErrorResponder(errors.New("EOF")))
	m.reply(201, orgJSON)
	org, err := m.client().Organizations.Create(context.Background(), runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"})
	require.NoError(t, err)
	assert.Equal(t, "org_1", org.ID)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, reqs[0].Header.Get("Idempotency-Key"), reqs[1].Header.Get("Idempotency-Key"))
}

func TestPerAttemptTimeoutIsRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMockAPI(t)
		m.replyWith(func(r *http.Request) (*http.Response, error) {
			<-r.Context().Done() // a server that never answers
			return nil, r.Context().Err()
		})
		m.reply(200, orgJSON)
		start := time.Now()
		_, err := m.client(runtools.WithTimeout(5*time.Second)).Organizations.Get(context.Background(), "acme-corp")
		require.NoError(t, err)
		assert.Len(t, m.requests(), 2)
		assert.GreaterOrEqual(t, time.Since(start), 5*time.Second)
	})
}

// The per-attempt bound: an explicit WithTimeout wins over the caller's http.Client.Timeout,
// which in turn wins over the default.
func TestPerAttemptTimeoutPrecedence(t *testing.T) {
	cases := []struct {
		name         string
		callerBound  time.Duration
		opts         []runtools.Option
		wantAtLeast  time.Duration
		wantLessThan time.Duration
	}{
		{"explicit over caller's", 10 * time.Second, []runtools.Option{runtools.WithTimeout(5 * time.Second)}, 5 * time.Second, 10 * time.Second},
		{"caller's over default", 3 * time.Second, nil, 3 * time.Second, 4 * time.Second},
		{"default", 0, nil, runtools.DefaultTimeout, runtools.DefaultTimeout + time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := newMockAPI(t)
				m.replyWith(func(r *http.Request) (*http.Response, error) {
					<-r.Context().Done() // a server that never answers
					return nil, r.Context().Err()
				})
				m.reply(200, orgJSON)
				opts := append([]runtools.Option{runtools.WithHTTPClient(&http.Client{Transport: m.Transport, Timeout: tc.callerBound})}, tc.opts...)
				start := time.Now()
				_, err := m.client(opts...).Organizations.Get(context.Background(), "acme-corp")
				require.NoError(t, err)
				assert.GreaterOrEqual(t, time.Since(start), tc.wantAtLeast)
				assert.Less(t, time.Since(start), tc.wantLessThan)
			})
		})
	}
}
