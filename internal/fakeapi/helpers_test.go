package fakeapi

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testClock is a settable clock; the server reads it through WithClock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// start is 5 seconds into a minute, so rate-limit arithmetic is visible.
var start = time.Date(2026, 3, 4, 10, 20, 5, 0, time.UTC)

type harness struct {
	t     *testing.T
	s     *Server
	url   string
	hc    *http.Client
	clock *testClock
	key   string // the bootstrap owner's key
}

func newHarness(t *testing.T, opts ...Option) *harness {
	t.Helper()
	clk := &testClock{t: start}
	s := New(append([]Option{WithClock(clk.Now)}, opts...)...)
	ts := httptest.NewServer(s)
	tr := &http.Transport{}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		ts.Close()
	})
	return &harness{t: t, s: s, url: ts.URL, hc: &http.Client{Transport: tr}, clock: clk, key: s.OwnerKey()}
}

// in returns the harness reporting to t, for use inside subtests.
func (h *harness) in(t *testing.T) *harness {
	c := *h
	c.t = t
	return &c
}

// request describes one call. POSTs get a fresh Idempotency-Key unless idem is set or noIdem.
type request struct {
	method, path string
	key          string // "" sends no Authorization
	org          string // RunTools-Organization
	body         any    // marshalled unless it is a string or []byte
	idem         string
	noIdem       bool
	header       map[string]string
}

type reply struct {
	t      *testing.T
	status int
	header http.Header
	raw    []byte
	env    envelope
}

type envelope struct {
	Data json.RawMessage `json:"data"`
	Meta *struct {
		RequestID  string  `json:"requestId"`
		HasMore    *bool   `json:"hasMore"`
		NextCursor *string `json:"nextCursor"`
	} `json:"meta"`
	Error *struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"requestId"`
		Field     string `json:"field"`
	} `json:"error"`
}

func bodyBytes(t *testing.T, body any) []byte {
	switch b := body.(type) {
	case nil:
		return nil
	case string:
		return []byte(b)
	case []byte:
		return b
	}
	out, err := json.Marshal(body)
	require.NoError(t, err)
	return out
}

func (h *harness) newRequest(rq request) *http.Request {
	h.t.Helper()
	var body io.Reader
	if b := bodyBytes(h.t, rq.body); b != nil {
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(rq.method, h.url+rq.path, body)
	require.NoError(h.t, err)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if rq.key != "" {
		req.Header.Set("Authorization", "Bearer "+rq.key)
	}
	if rq.org != "" {
		req.Header.Set("RunTools-Organization", rq.org)
	}
	if rq.method == http.MethodPost && !rq.noIdem {
		idem := rq.idem
		if idem == "" {
			idem = rand.Text()
		}
		req.Header.Set("Idempotency-Key", idem)
	}
	for k, v := range rq.header {
		req.Header.Set(k, v)
	}
	return req
}

func (h *harness) do(rq request) reply {
	h.t.Helper()
	return h.send(h.hc, h.newRequest(rq))
}

func (h *harness) send(hc *http.Client, req *http.Request) reply {
	h.t.Helper()
	resp, err := hc.Do(req)
	require.NoError(h.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(h.t, err)
	r := reply{t: h.t, status: resp.StatusCode, header: resp.Header, raw: raw}
	require.NoError(h.t, json.Unmarshal(raw, &r.env), "body: %s", raw)
	return r
}

func (h *harness) get(key, path string) reply {
	return h.do(request{method: "GET", path: path, key: key})
}
func (h *harness) post(key, path string, body any) reply {
	return h.do(request{method: "POST", path: path, key: key, body: body})
}
func (h *harness) patch(key, path string, body any) reply {
	return h.do(request{method: "PATCH", path: path, key: key, body: body})
}
func (h *harness) put(key, path string, body any) reply {
	return h.do(request{method: "PUT", path: path, key: key, body: body})
}
func (h *harness) del(key, path string) reply {
	return h.do(request{method: "DELETE", path: path, key: key})
}

// ok asserts a success status and decodes data into v (when v is not nil).
func (r reply) ok(status int, v any) reply {
	r.t.Helper()
	require.Equal(r.t, status, r.status, "body: %s", r.raw)
	require.Nil(r.t, r.env.Error)
	require.NotNil(r.t, r.env.Meta)
	require.Equal(r.t, r.header.Get("X-Request-Id"), r.env.Meta.RequestID)
	if v != nil {
		require.NoError(r.t, json.Unmarshal(r.env.Data, v))
	}
	return r
}

// fails asserts an error envelope with status and code, and returns the field.
func (r reply) fails(status int, code string) string {
	r.t.Helper()
	require.Equal(r.t, status, r.status, "body: %s", r.raw)
	require.NotNil(r.t, r.env.Error, "body: %s", r.raw)
	require.Equal(r.t, code, r.env.Error.Code, "body: %s", r.raw)
	require.NotEmpty(r.t, r.env.Error.Message)
	require.Equal(r.t, r.header.Get("X-Request-Id"), r.env.Error.RequestID)
	return r.env.Error.Field
}

// failsField asserts a 400 validation_error naming field.
func (r reply) failsField(field string) {
	r.t.Helper()
	require.Equal(r.t, field, r.fails(http.StatusBadRequest, "validation_error"), "body: %s", r.raw)
}

// m is a decoded JSON object.
type m = map[string]any

func (r reply) obj() m {
	r.t.Helper()
	var v m
	require.NoError(r.t, json.Unmarshal(r.env.Data, &v), "data: %s", r.env.Data)
	return v
}

func (r reply) list() []m {
	r.t.Helper()
	var v []m
	require.NoError(r.t, json.Unmarshal(r.env.Data, &v), "data: %s", r.env.Data)
	return v
}

// collect pages through a list endpoint and returns every item.
func (h *harness) collect(key, org, path string, limit int) []m {
	h.t.Helper()
	var all []m
	cursor := ""
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for range 1000 {
		p := path + sep + "limit=" + itoa(limit)
		if cursor != "" {
			p += "&cursor=" + cursor
		}
		r := h.do(request{method: "GET", path: p, key: key, org: org}).ok(200, nil)
		all = append(all, r.list()...)
		require.NotNil(h.t, r.env.Meta.HasMore)
		if !*r.env.Meta.HasMore {
			require.Nil(h.t, r.env.Meta.NextCursor)
			require.Contains(h.t, string(r.raw), `"nextCursor":null`)
			return all
		}
		require.NotNil(h.t, r.env.Meta.NextCursor)
		cursor = *r.env.Meta.NextCursor
	}
	h.t.Fatal("paging did not end")
	return nil
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// seedMember adds a user to org with role and returns the user and a key with scopes.
func (h *harness) seedMember(org, email, role string, scopes ...string) (UserInfo, string) {
	h.t.Helper()
	u, err := h.s.AddUser(email, "First", "Last")
	require.NoError(h.t, err)
	require.NoError(h.t, h.s.AddMember(org, u.ID, role))
	key, err := h.s.IssueKey(u.ID, org, scopes...)
	require.NoError(h.t, err)
	return u, key
}

// selfSignedPEM returns a fresh PEM certificate and its DER bytes.
func selfSignedPEM(t *testing.T) (string, []byte) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "idp.example.com"},
		NotBefore: start, NotAfter: start.Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), der
}
