package transport

import (
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetryAfterForms(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := func(d time.Duration, layout string) string { return time.Now().Add(d).UTC().Format(layout) }
		cases := []struct {
			status int
			header string
			want   time.Duration
			ok     bool
		}{
			{429, "2", 2 * time.Second, true},
			{503, "0", 0, true},
			{429, in(90*time.Second, http.TimeFormat), 90 * time.Second, true},
			{429, in(90*time.Second, time.RFC850), 90 * time.Second, true},
			{429, in(90*time.Second, time.ANSIC), 90 * time.Second, true},
			{429, in(-time.Hour, http.TimeFormat), 0, true}, // in the past: no wait
			{429, "-5", 0, false},
			{429, "soon", 0, false},
			{429, "", 0, false},
			{500, "2", 0, false}, // only 429 and 503 carry a meaningful Retry-After
		}
		for _, tc := range cases {
			resp := &http.Response{StatusCode: tc.status, Header: http.Header{}}
			if tc.header != "" {
				resp.Header.Set("Retry-After", tc.header)
			}
			got, ok := RetryAfter(resp)
			assert.Equal(t, tc.ok, ok, tc.header)
			assert.Equal(t, tc.want, got, tc.header)
		}
	})
}

func TestPathEscapesEachSegment(t *testing.T) {
	p, err := Path("organizations", "a b/c", "members", "ü?#")
	require.NoError(t, err)
	assert.Equal(t, "/v1/organizations/a%20b%2Fc/members/%C3%BC%3F%23", p)
	for _, bad := range []string{"", ".", ".."} {
		_, err := Path("projects", bad)
		assert.ErrorIs(t, err, ErrBadSegment, "%q", bad)
	}
}

func TestBackoffIsCappedFullJitter(t *testing.T) {
	st := &callState{transport: New(Config{WaitMin: 100 * time.Millisecond, WaitMax: time.Second})}
	for attempts := 1; attempts <= 8; attempts++ {
		st.attempts = attempts
		ceiling := min(100*time.Millisecond<<(attempts-1), time.Second)
		for range 200 {
			w := st.backoff()
			require.GreaterOrEqual(t, w, time.Duration(0))
			require.LessOrEqual(t, w, ceiling, "attempt %d", attempts)
		}
	}
}
