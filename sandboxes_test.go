package runtools_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

const sandboxJSON = `{"data":{"id":"sandbox-0123456789ab","name":"api-dev","status":"creating","template":"nodejs-20",` +
	`"projectId":"proj_1","tags":["api","dev"],"createdAt":"2026-01-02T03:04:05Z","region":"eu","resources":{"cpu":2}},` +
	`"meta":{"requestId":"req_s"}}`

func TestSandboxesCreate(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, sandboxJSON)
	c := m.client()
	c.SetOrganization("acme-corp")
	sb, err := c.Sandboxes.Create(context.Background(), runtools.SandboxCreateParams{
		Template: "nodejs-20", Name: "api-dev", Project: "customer-portal", Tags: []string{"api", "dev"},
	})
	require.NoError(t, err)
	assert.Equal(t, &runtools.Sandbox{ID: "sandbox-0123456789ab", Name: "api-dev", Status: "creating",
		Template: "nodejs-20", ProjectID: "proj_1", Tags: []string{"api", "dev"},
		CreatedAt: atUTC(t, "2026-01-02T03:04:05Z")}, sb)

	r := m.only()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/sandboxes", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.NotEmpty(t, r.Header.Get("Idempotency-Key"))
	assertGolden(t, "sandbox_create", r.Body)
}

// TestSandboxesCreateBodies pins that empty fields are left out, so the server's defaults
// (the organization's default template and project) apply.
func TestSandboxesCreateBodies(t *testing.T) {
	cases := []struct {
		name, golden string
		params       runtools.SandboxCreateParams
	}{
		{"seed example", "sandbox_create_seed", runtools.SandboxCreateParams{Template: "nodejs-20", Project: "customer-portal"}},
		{"nothing set", "sandbox_create_empty", runtools.SandboxCreateParams{}},
		{"empty tags", "sandbox_create_empty", runtools.SandboxCreateParams{Tags: []string{}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(201, sandboxJSON)
			_, err := m.client().Sandboxes.Create(context.Background(), tc.params)
			require.NoError(t, err)
			r := m.only()
			assert.Empty(t, r.Header.Values("RunTools-Organization"), "no organization set")
			assertGolden(t, tc.golden, r.Body)
		})
	}
}

func TestSandboxesListPage(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[`+
		`{"id":"sandbox-000000000001","name":"a","status":"running","template":"nodejs-20","projectId":"proj_1","tags":[],"createdAt":"2026-01-01T00:00:00Z"},`+
		`{"id":"sandbox-000000000002","name":"b","status":"running","template":"python-3.12","projectId":"proj_1","tags":["x"],"createdAt":"2026-01-02T00:00:00Z","extra":null}],`+
		`"meta":{"requestId":"req_sl","hasMore":true,"nextCursor":"c2"}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	page, err := c.Sandboxes.ListPage(context.Background(),
		runtools.SandboxListParams{Project: "customer-portal", Status: "running"},
		runtools.WithPageSize(2), runtools.WithCursor("c1"))
	require.NoError(t, err)
	assert.Equal(t, []runtools.Sandbox{
		{ID: "sandbox-000000000001", Name: "a", Status: "running", Template: "nodejs-20", ProjectID: "proj_1",
			Tags: []string{}, CreatedAt: atUTC(t, "2026-01-01T00:00:00Z")},
		{ID: "sandbox-000000000002", Name: "b", Status: "running", Template: "python-3.12", ProjectID: "proj_1",
			Tags: []string{"x"}, CreatedAt: atUTC(t, "2026-01-02T00:00:00Z")},
	}, page.Items)
	assert.True(t, page.HasMore)
	assert.Equal(t, "c2", page.NextCursor)
	assert.Equal(t, "req_sl", page.RequestID)

	r := m.only()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/sandboxes", r.Path)
	assert.Equal(t, "cursor=c1&limit=2&project=customer-portal&status=running", r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestSandboxesListQuery(t *testing.T) {
	cases := []struct {
		name   string
		params runtools.SandboxListParams
		query  string
	}{
		{"no filter", runtools.SandboxListParams{}, ""},
		{"project only", runtools.SandboxListParams{Project: "customer-portal"}, "project=customer-portal"},
		{"status only", runtools.SandboxListParams{Status: "running"}, "status=running"},
		{"escaped", runtools.SandboxListParams{Project: "a&b c", Status: "x=y"}, "project=a%26b+c&status=x%3Dy"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(200, `{"data":[],"meta":{"hasMore":false,"nextCursor":null}}`)
			page, err := m.client().Sandboxes.ListPage(context.Background(), tc.params)
			require.NoError(t, err)
			assert.Empty(t, page.Items)
			assert.False(t, page.HasMore)
			assert.Equal(t, tc.query, m.only().RawQuery)
		})
	}
}

// TestSandboxesListKeepsTheFilterOnEveryPage: a filter dropped after page one would mix in
// other projects' sandboxes.
func TestSandboxesListKeepsTheFilterOnEveryPage(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[{"id":"sandbox-000000000001"}],"hasMore":true,"nextCursor":"c2"}`).
		reply(200, `{"data":[{"id":"sandbox-000000000002"}],"hasMore":false,"nextCursor":null}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	seq := c.Sandboxes.List(context.Background(), runtools.SandboxListParams{Project: "customer-portal"})
	assert.Empty(t, m.requests(), "nothing is sent before ranging")
	boxes, err := runtools.Collect(seq)
	require.NoError(t, err)
	require.Len(t, boxes, 2)
	assert.Equal(t, "sandbox-000000000002", boxes[1].ID)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "project=customer-portal", reqs[0].RawQuery)
	assert.Equal(t, "cursor=c2&project=customer-portal", reqs[1].RawQuery)
	for _, r := range reqs {
		assert.Equal(t, "/v1/sandboxes", r.Path)
		assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	}
}

func TestSandboxesGet(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, sandboxJSON)
	c := m.client()
	c.SetOrganization("acme-corp")
	sb, err := c.Sandboxes.Get(context.Background(), "my box/1")
	require.NoError(t, err)
	assert.Equal(t, "sandbox-0123456789ab", sb.ID)
	assert.Equal(t, []string{"api", "dev"}, sb.Tags)

	r := m.only()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/sandboxes/my%20box%2F1", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestSandboxesDelete(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":{"id":"sandbox 1/2","deleted":true}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	require.NoError(t, c.Sandboxes.Delete(context.Background(), "sandbox 1/2"))

	r := m.only()
	assert.Equal(t, http.MethodDelete, r.Method)
	assert.Equal(t, "/v1/sandboxes/sandbox%201%2F2", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestSandboxesCreateReportsInsufficientCredits(t *testing.T) {
	m := newMockAPI(t)
	m.reply(402, errorJSON("insufficient_credits", "Not enough credits"))
	_, err := m.client().Sandboxes.Create(context.Background(), runtools.SandboxCreateParams{Template: "nodejs-20"})
	assert.ErrorIs(t, err, runtools.ErrInsufficientCredits)
	assert.Len(t, m.requests(), 1, "402 is not retried")
}

func TestSandboxesValidation(t *testing.T) {
	create := func(p runtools.SandboxCreateParams) func(*runtools.Client) error {
		return func(c *runtools.Client) error { _, err := c.Sandboxes.Create(context.Background(), p); return err }
	}
	get := func(idOrName string) func(*runtools.Client) error {
		return func(c *runtools.Client) error { _, err := c.Sandboxes.Get(context.Background(), idOrName); return err }
	}
	remove := func(id string) func(*runtools.Client) error {
		return func(c *runtools.Client) error { return c.Sandboxes.Delete(context.Background(), id) }
	}
	cases := []struct {
		name  string
		call  func(*runtools.Client) error
		field string
	}{
		{"blank name", create(runtools.SandboxCreateParams{Name: "  "}), "name"},
		{"name over 100 characters", create(runtools.SandboxCreateParams{Name: strings.Repeat("s", 101)}), "name"},
		{"control character in name", create(runtools.SandboxCreateParams{Name: "box\x1b[31m"}), "name"},
		{"empty tag", create(runtools.SandboxCreateParams{Tags: []string{"api", ""}}), "tags[1]"},
		{"blank tag", create(runtools.SandboxCreateParams{Tags: []string{" "}}), "tags[0]"},
		{"get empty", get(""), "idOrName"},
		{"get dot", get("."), "idOrName"},
		{"delete empty", remove(""), "id"},
		{"delete dot-dot", remove(".."), "id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(201, sandboxJSON) // a call that wrongly went through would succeed
			requireLocalRejection(t, m, tc.call(m.client()), tc.field)
		})
	}
}
