package transport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

const (
	// MaxErrorBody bounds how much of an error response is read: enough for any envelope,
	// small enough that a misbehaving proxy cannot exhaust memory.
	MaxErrorBody = 1 << 20
	// MaxSuccessBody bounds a success response. The largest documented response is a page of
	// 100 items, far below it; anything larger is refused rather than buffered.
	MaxSuccessBody = 32 << 20
	// drainLimit is how much of an unread body is discarded to keep its connection reusable;
	// past it, closing (and losing the connection) is cheaper than reading on.
	drainLimit = 64 << 10
)

// ErrBodyTooLarge is returned when a success response exceeds MaxSuccessBody.
var ErrBodyTooLarge = fmt.Errorf("response body larger than %d bytes", MaxSuccessBody)

// successEnvelope accepts hasMore/nextCursor under meta or at the top level (API.md 2).
type successEnvelope struct {
	Data any `json:"data"`
	Meta struct {
		RequestID  string  `json:"requestId"`
		HasMore    *bool   `json:"hasMore"`
		NextCursor *string `json:"nextCursor"`
	} `json:"meta"`
	HasMore    *bool   `json:"hasMore"`
	NextCursor *string `json:"nextCursor"`
}

// discard decodes any JSON value into nothing.
type discard struct{}

func (*discard) UnmarshalJSON([]byte) error { return nil }

// decodeSuccess streams the envelope into out without buffering the whole body.
func decodeSuccess(body io.Reader, out any, res *Result) error {
	if out == nil {
		out = &discard{}
	}
	limited := &io.LimitedReader{R: body, N: MaxSuccessBody + 1}
	env := successEnvelope{Data: out}
	if err := json.NewDecoder(limited).Decode(&env); err != nil {
		if limited.N <= 0 {
			return ErrBodyTooLarge
		}
		if errors.Is(err, io.EOF) {
			return nil // an empty body: nothing to decode
		}
		return err
	}
	if res.RequestID == "" {
		res.RequestID = env.Meta.RequestID
	}
	res.HasMore = deref(env.Meta.HasMore) || deref(env.HasMore)
	res.NextCursor = deref(env.Meta.NextCursor)
	if res.NextCursor == "" {
		res.NextCursor = deref(env.NextCursor)
	}
	return nil
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// closeBody drains a little of what is left, so the connection can be reused, and closes.
func closeBody(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainLimit))
	_ = body.Close()
}
