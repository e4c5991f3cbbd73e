package fakeapi

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestLogRedactsSecrets(t *testing.T) {
	h := newHarness(t)
	h.s.ResetRequests()

	plain := `{"name":"Portal","slug":"portal"}`
	h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: plain, idem: "idem-1",
		header: map[string]string{"User-Agent": "runtools-go/0.1.0 test"}}).ok(201, nil)
	h.put(h.key, ssoPath, m{"provider": "oidc", "issuerUrl": "https://auth.acme.com", "clientId": "rt", "clientSecret": "oidc-secret-value"}).ok(200, nil)
	h.post(h.key, "/v1/anything", m{"nested": []m{{"key": "rt_live_zzzz"}}, "other": "kept"}).fails(404, "not_found")
	h.get(h.key, "/v1/sandboxes?project=default&limit=5").ok(200, nil)
	h.do(request{method: "GET", path: "/v1/me", header: map[string]string{"X-API-Key": h.key}}).fails(401, "unauthorized")

	recs := h.s.Requests()
	require.Len(t, recs, 5)
	for _, rec := range recs {
		dump := fmt.Sprintf("%+v %s", rec, rec.Body)
		assert.NotContains(t, dump, h.key)
		assert.NotContains(t, dump, h.key[12:], "not even the tail of the key")
		assert.NotContains(t, dump, "oidc-secret-value")
		assert.NotContains(t, dump, "rt_live_zzzz")
		assert.Regexp(t, `^req_`, rec.RequestID)
	}

	p := recs[0]
	assert.Equal(t, http.MethodPost, p.Method)
	assert.Equal(t, "/v1/projects", p.Path)
	assert.Equal(t, "Bearer [redacted]", p.Header.Get("Authorization"))
	assert.Equal(t, "idem-1", p.Header.Get("Idempotency-Key"))
	assert.Equal(t, "runtools-go/0.1.0 test", p.Header.Get("User-Agent"))
	assert.Equal(t, plain, string(p.Body), "a body without secrets is kept byte for byte")
	assert.Equal(t, 201, p.Status)

	assert.JSONEq(t, `{"provider":"oidc","issuerUrl":"https://auth.acme.com","clientId":"rt","clientSecret":"[redacted]"}`, string(recs[1].Body))
	assert.JSONEq(t, `{"nested":[{"key":"[redacted]"}],"other":"kept"}`, string(recs[2].Body))
	assert.Equal(t, 404, recs[2].Status)
	assert.Equal(t, "project=default&limit=5", recs[3].RawQuery)
	assert.Empty(t, recs[3].Body)
	assert.Equal(t, "[redacted]", recs[4].Header.Get("X-API-Key"))

	// Requests returns copies.
	recs[0].Header.Set("Authorization", "changed")
	assert.Equal(t, "Bearer [redacted]", h.s.Requests()[0].Header.Get("Authorization"))

	h.s.ResetRequests()
	assert.Empty(t, h.s.Requests())
}

func TestRequestLogKeepsEscapedPath(t *testing.T) {
	h := newHarness(t)
	h.s.ResetRequests()
	h.get(h.key, "/v1/projects/a%2Fb").fails(404, "not_found")
	recs := h.s.Requests()
	require.Len(t, recs, 1)
	assert.Equal(t, "/v1/projects/a%2Fb", recs[0].EscapedPath)
	assert.Equal(t, "/v1/projects/a/b", recs[0].Path)
}
