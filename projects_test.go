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

func TestProjectsCreate(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, `{"data":{"id":"proj_1","name":"Customer Portal","slug":"customer-portal","isDefault":false,`+
		`"createdAt":"2026-01-02T03:04:05Z","sandboxCount":0,"owner":{"id":"u"}},"meta":{"requestId":"req_p"}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	p, err := c.Projects.Create(context.Background(), runtools.ProjectCreateParams{Name: "Customer Portal", Slug: "customer-portal"})
	require.NoError(t, err)
	assert.Equal(t, &runtools.Project{ID: "proj_1", Name: "Customer Portal", Slug: "customer-portal",
		CreatedAt: atUTC(t, "2026-01-02T03:04:05Z")}, p)

	r := m.only()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/projects", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.NotEmpty(t, r.Header.Get("Idempotency-Key"))
	assertGolden(t, "project_create", r.Body)
}

func TestProjectsCreateRetryKeepsIdempotencyKeyAndBody(t *testing.T) {
	m := newMockAPI(t)
	m.reply(503, errorJSON("service_unavailable", "busy")).
		reply(201, `{"data":{"id":"proj_1","slug":"customer-portal"}}`)
	_, err := m.client().Projects.Create(context.Background(), runtools.ProjectCreateParams{Name: "Customer Portal", Slug: "customer-portal"})
	require.NoError(t, err)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.NotEmpty(t, reqs[0].Header.Get("Idempotency-Key"))
	assert.Equal(t, reqs[0].Header.Get("Idempotency-Key"), reqs[1].Header.Get("Idempotency-Key"))
	assert.Equal(t, reqs[0].Body, reqs[1].Body)
}

func TestProjectsListPage(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[`+
		`{"id":"proj_0","name":"Default","slug":"default","isDefault":true,"createdAt":"2026-01-01T00:00:00Z"},`+
		`{"id":"proj_1","name":"Customer Portal","slug":"customer-portal","isDefault":false,"createdAt":"2026-01-02T03:04:05Z","extra":[1]}],`+
		`"meta":{"requestId":"req_pl","hasMore":true,"nextCursor":"c2"}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	page, err := c.Projects.ListPage(context.Background(), runtools.WithPageSize(2), runtools.WithCursor("c1"))
	require.NoError(t, err)
	assert.Equal(t, []runtools.Project{
		{ID: "proj_0", Name: "Default", Slug: "default", IsDefault: true, CreatedAt: atUTC(t, "2026-01-01T00:00:00Z")},
		{ID: "proj_1", Name: "Customer Portal", Slug: "customer-portal", CreatedAt: atUTC(t, "2026-01-02T03:04:05Z")},
	}, page.Items)
	assert.True(t, page.HasMore)
	assert.Equal(t, "c2", page.NextCursor)
	assert.Equal(t, "req_pl", page.RequestID)

	r := m.only()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/projects", r.Path)
	assert.Equal(t, "cursor=c1&limit=2", r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestProjectsListFollowsTopLevelCursor(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[{"id":"proj_0","slug":"default"}],"hasMore":true,"nextCursor":"c2"}`).
		reply(200, `{"data":[{"id":"proj_1","slug":"customer-portal"}],"hasMore":false,"nextCursor":null}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	projects, err := runtools.Collect(c.Projects.List(context.Background(), runtools.WithPageSize(1)))
	require.NoError(t, err)
	require.Len(t, projects, 2)
	assert.Equal(t, "default", projects[0].Slug)
	assert.Equal(t, "customer-portal", projects[1].Slug)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "limit=1", reqs[0].RawQuery)
	assert.Equal(t, "cursor=c2&limit=1", reqs[1].RawQuery)
	for _, r := range reqs {
		assert.Equal(t, "/v1/projects", r.Path)
		assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	}
}

func TestProjectsGet(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":{"id":"proj_1","name":"Customer Portal","slug":"customer-portal","isDefault":false,"createdAt":"2026-01-02T03:04:05Z"}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	p, err := c.Projects.Get(context.Background(), "proj 1/2")
	require.NoError(t, err)
	assert.Equal(t, "customer-portal", p.Slug)

	r := m.only()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/projects/proj%201%2F2", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestProjectsDelete(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":{"id":"proj 1/2","deleted":true},"meta":{"requestId":"req_d"}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	require.NoError(t, c.Projects.Delete(context.Background(), "proj 1/2"))

	r := m.only()
	assert.Equal(t, http.MethodDelete, r.Method)
	assert.Equal(t, "/v1/projects/proj%201%2F2", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestProjectsDeleteReportsAPIError(t *testing.T) {
	m := newMockAPI(t)
	m.reply(404, errorJSON("not_found", "Project not found"))
	err := m.client().Projects.Delete(context.Background(), "customer-portal")
	require.ErrorIs(t, err, runtools.ErrNotFound)
	var apiErr *runtools.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "not_found", apiErr.Code)
	assert.Equal(t, "/v1/projects/customer-portal", apiErr.Path)
}

func TestProjectsValidation(t *testing.T) {
	create := func(name, slug string) func(*runtools.Client) error {
		return func(c *runtools.Client) error {
			_, err := c.Projects.Create(context.Background(), runtools.ProjectCreateParams{Name: name, Slug: slug})
			return err
		}
	}
	get := func(idOrSlug string) func(*runtools.Client) error {
		return func(c *runtools.Client) error { _, err := c.Projects.Get(context.Background(), idOrSlug); return err }
	}
	remove := func(idOrSlug string) func(*runtools.Client) error {
		return func(c *runtools.Client) error { return c.Projects.Delete(context.Background(), idOrSlug) }
	}
	cases := []struct {
		name  string
		call  func(*runtools.Client) error
		field string
	}{
		{"empty name", create("", "customer-portal"), "name"},
		{"blank name", create("   ", "customer-portal"), "name"},
		{"name over 100 characters", create(strings.Repeat("p", 101), "customer-portal"), "name"},
		{"control character in name", create("Portal\x00", "customer-portal"), "name"},
		{"missing slug", create("Customer Portal", ""), "slug"},
		{"short slug", create("Customer Portal", "cp"), "slug"},
		{"slug over 48 characters", create("Customer Portal", strings.Repeat("a", 49)), "slug"},
		{"upper-case slug", create("Customer Portal", "Customer-Portal"), "slug"},
		{"slug with space", create("Customer Portal", "customer portal"), "slug"},
		{"double hyphen in slug", create("Customer Portal", "customer--portal"), "slug"},
		{"leading hyphen in slug", create("Customer Portal", "-portal"), "slug"},
		{"get empty", get(""), "idOrSlug"},
		{"get dot-dot", get(".."), "idOrSlug"},
		{"delete empty", remove(""), "idOrSlug"},
		{"delete dot", remove("."), "idOrSlug"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(200, `{"data":{"id":"proj_1"}}`) // a call that wrongly went through would succeed
			requireLocalRejection(t, m, tc.call(m.client()), tc.field)
		})
	}
}
