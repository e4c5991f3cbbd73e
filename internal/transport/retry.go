package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// callState follows one logical call through its attempts. retryablehttp calls the hooks of
// one Do sequentially, so it needs no lock.
type callState struct {
	transport *Transport
	req       Request
	attempts  int
	wait      time.Duration // the wait CheckRetry planned, handed to Backoff
	// outlivesDeadline is set when a retry was refused because its wait would end after the
	// context's deadline: the caller learns at once instead of sleeping into a timeout.
	outlivesDeadline bool
}

// retryClient builds the retryablehttp.Client for one call. It is a cheap literal around the
// shared *http.Client, so per-call state lives in closures rather than in shared fields.
func (t *Transport) retryClient(st *callState) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   t.cfg.HTTPClient,
		Logger:       nil, // its default writes URLs to stderr; the SDK logs through slog
		RetryWaitMin: t.cfg.WaitMin,
		RetryWaitMax: t.cfg.WaitMax,
		RetryMax:     t.cfg.MaxRetries,
		RequestLogHook: func(_ retryablehttp.Logger, r *http.Request, i int) {
			st.attempts = i + 1
			t.logf(r.Context(), "runtools: attempt", "method", st.req.Method, "path", st.req.Path, "attempt", st.attempts)
		},
		CheckRetry: st.checkRetry,
		Backoff: func(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
			return st.wait
		},
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
}

// checkRetry decides whether to try again and, if so, how long to wait first. Deciding the
// wait here (not in Backoff) lets a call that would wait past the cap or the deadline stop
// at once with the server's answer.
func (st *callState) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		if !retryableTransportError(err) || !st.replayable(0) {
			return false, nil
		}
		return st.planWait(ctx, st.backoff())
	}
	if !retryableStatus(resp) || !st.replayable(resp.StatusCode) {
		return false, nil
	}
	wait := st.backoff()
	if after, ok := RetryAfter(resp); ok {
		wait = after
		if after > st.transport.cfg.WaitMax {
			st.outlives(ctx, after) // the deadline may stand in the way too: say so
			return false, nil       // report the server's answer now rather than sleep past the cap
		}
	}
	return st.planWait(ctx, wait)
}

// outlives reports (and remembers) that waiting would end after the context's deadline.
func (st *callState) outlives(ctx context.Context, wait time.Duration) bool {
	deadline, ok := ctx.Deadline()
	st.outlivesDeadline = ok && time.Until(deadline) < wait
	return st.outlivesDeadline
}

func (st *callState) planWait(ctx context.Context, wait time.Duration) (bool, error) {
	if st.outlives(ctx, wait) {
		return false, nil
	}
	st.wait = wait
	st.transport.logf(ctx, "runtools: retrying", "method", st.req.Method, "path", st.req.Path,
		"attempt", st.attempts, "wait", wait)
	return true, nil
}

// replayable reports whether the request may be sent again. A POST may only be replayed
// under its Idempotency-Key, so the server can tell a retry from a second create; a 429 was
// never processed, so anything may be retried after it.
func (st *callState) replayable(status int) bool {
	return st.req.Method != http.MethodPost || st.req.IdempotencyKey != "" || status == http.StatusTooManyRequests
}

// backoff is exponential with full jitter: a uniform wait in [0, min·2ⁿ], capped by max.
func (st *callState) backoff() time.Duration {
	lo, hi := st.transport.cfg.WaitMin, st.transport.cfg.WaitMax
	ceiling := lo
	for i := 1; i < st.attempts && ceiling < hi; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, hi)
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling + 1)
}

func retryableStatus(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	case http.StatusConflict:
		return errorCode(resp) == "idempotency_key_in_use"
	}
	return false
}

// errorCode peeks at a bounded error body and puts it back for the final decoding.
func errorCode(resp *http.Response) string {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
	closeBody(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var env errorEnvelope
	if json.Unmarshal(body, &env) != nil {
		return ""
	}
	return env.Error.Code
}

// retryableTransportError is false for failures that a second attempt cannot mend: TLS
// verification and redirect loops.
func retryableTransportError(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		redirect *redirectError
	)
	return !errors.As(err, &verify) && !errors.As(err, &unknown) && !errors.As(err, &hostname) &&
		!errors.As(err, &invalid) && !errors.As(err, &redirect)
}

// RetryAfter parses the Retry-After header of a 429 or 503: whole seconds or any HTTP-date
// form. A date in the past means no wait.
func RetryAfter(resp *http.Response) (time.Duration, bool) {
	if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return 0, false
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 || secs > int64(1<<62/time.Second) {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(time.Until(at), 0), true
}
