package runtools_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

func TestNewClientReadsEnvironment(t *testing.T) {
	t.Setenv("RUNTOOLS_API_KEY", testKey)
	t.Setenv("RUNTOOLS_ORGANIZATION", "acme-corp")
	t.Setenv("RUNTOOLS_API_URL", "http://127.0.0.1:8080")
	c, err := runtools.NewClient()
	require.NoError(t, err)
	assert.Equal(t, "acme-corp", c.Organization())
	assert.Equal(t, "http://127.0.0.1:8080", c.BaseURL())
}

func TestExplicitOptionsWinOverEnvironment(t *testing.T) {
	t.Setenv("RUNTOOLS_API_KEY", "rt_test_fromenvfromenvfromenvfromenv00")
	t.Setenv("RUNTOOLS_ORGANIZATION", "env-org")
	m := newMockAPI(t)
	m.reply(200, orgJSON)
	c := m.client(runtools.WithOrganization("explicit-org"))
	assert.Equal(t, "explicit-org", c.Organization())
	assert.Equal(t, testBaseURL, c.BaseURL())
	_, err := c.Organizations.Get(context.Background(), "")
	require.NoError(t, err)
	assert.Equal(t, "Bearer "+testKey, m.only().Header.Get("Authorization"))
}

func TestNewClientWithoutCredential(t *testing.T) {
	t.Setenv("RUNTOOLS_API_KEY", "")
	_, err := runtools.NewClient()
	assert.ErrorIs(t, err, runtools.ErrNoAPIKey)
}

func TestDefaultBaseURL(t *testing.T) {
	t.Setenv("RUNTOOLS_API_URL", "")
	c, err := runtools.NewClient(runtools.WithAPIKey(testKey))
	require.NoError(t, err)
	assert.Equal(t, "https://api.runtools.ai", c.BaseURL())
}

func TestOptionsRejectBadInput(t *testing.T) {
	cases := []struct {
		name  string
		opt   runtools.Option
		field string
	}{
		{"negative retries", runtools.WithMaxRetries(-1), "maxRetries"},
		{"empty key", runtools.WithAPIKey(""), "apiKey"},
		{"key with newline", runtools.WithAPIKey("rt_live_abc\nX-Evil: 1"), "apiKey"},
		{"unparsable URL", runtools.WithBaseURL("https://bad host/%zz"), "baseURL"},
		{"relative URL", runtools.WithBaseURL("api.runtools.ai"), "baseURL"},
		{"plain http to a remote host", runtools.WithBaseURL("http://api.runtools.ai"), "baseURL"},
		{"URL with /v1", runtools.WithBaseURL("https://api.runtools.ai/v1"), "baseURL"},
		{"min wait above max", runtools.WithRetryWait(2*time.Second, time.Second), "retryWait"},
		{"negative timeout", runtools.WithTimeout(-time.Second), "timeout"},
		{"nil HTTP client", runtools.WithHTTPClient(nil), "httpClient"},
		{"control characters in user agent", runtools.WithUserAgent("app\r\n"), "userAgent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runtools.NewClient(runtools.WithAPIKey(testKey), tc.opt)
			var vErr *runtools.ValidationError
			require.ErrorAs(t, err, &vErr)
			assert.Equal(t, tc.field, vErr.Field)
			assert.ErrorIs(t, err, runtools.ErrValidation)
		})
	}
}

func TestPlainHTTPAllowedForLoopback(t *testing.T) {
	for _, u := range []string{"http://localhost:8080", "http://127.0.0.1:1234", "http://[::1]:99"} {
		_, err := runtools.NewClient(runtools.WithAPIKey(testKey), runtools.WithBaseURL(u))
		assert.NoError(t, err, u)
	}
}

func TestBadEnvironmentURLIsReported(t *testing.T) {
	t.Setenv("RUNTOOLS_API_URL", "http://example.com")
	_, err := runtools.NewClient(runtools.WithAPIKey(testKey))
	assert.ErrorIs(t, err, runtools.ErrValidation)
	assert.Contains(t, err.Error(), "RUNTOOLS_API_URL")
}

func TestRequestHeaders(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, orgJSON)
	_, err := m.client(runtools.WithUserAgent("my-tool/1.2")).Organizations.Create(context.Background(),
		runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"})
	require.NoError(t, err)
	r := m.only()
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/v1/organizations", r.Path)
	assert.Equal(t, "Bearer "+testKey, r.Header.Get("Authorization"))
	assert.Empty(t, r.Header.Get("X-API-Key"), "the legacy header is never sent")
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Regexp(t, regexp.MustCompile(`^runtools-go/\d+\.\d+\.\d+ go/go1\.\S+ \w+/\w+ my-tool/1\.2$`), r.Header.Get("User-Agent"))
	assert.Regexp(t, regexp.MustCompile(`^[\x21-\x7e]{1,255}$`), r.Header.Get("Idempotency-Key"))
	assert.Empty(t, r.Header.Get("RunTools-Organization"), "no organization set")
}

func TestResponseInfoCarriesRateLimit(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, orgJSON, "X-Request-Id", "req_h", "X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "998", "X-RateLimit-Reset", "1767225600")
	var info runtools.ResponseInfo
	_, err := m.client().Organizations.Get(context.Background(), "acme-corp", runtools.WithResponseInfo(&info))
	require.NoError(t, err)
	assert.Equal(t, runtools.ResponseInfo{StatusCode: 200, RequestID: "req_h", Attempts: 1,
		RateLimit: runtools.RateLimit{Limit: 1000, Remaining: 998, Reset: time.Unix(1767225600, 0).UTC()}}, info)
}

func TestResponseInfoFilledOnError(t *testing.T) {
	m := newMockAPI(t)
	m.reply(404, errorJSON("not_found", "gone"), "X-Request-Id", "req_404")
	var info runtools.ResponseInfo
	_, err := m.client().Organizations.Get(context.Background(), "acme-corp", runtools.WithResponseInfo(&info))
	require.ErrorIs(t, err, runtools.ErrNotFound)
	assert.Equal(t, 404, info.StatusCode)
	assert.Equal(t, "req_404", info.RequestID)
}

func TestSetOrganizationChangesHeaderAndPath(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, orgJSON)
	c := m.client()
	ctx := context.Background()

	_, err := c.Organizations.Get(ctx, "")
	require.NoError(t, err)
	c.SetOrganization("acme-corp")
	_, err = c.Organizations.Get(ctx, "")
	require.NoError(t, err)
	c.SetOrganization("")
	_, err = c.Organizations.Get(ctx, "")
	require.NoError(t, err)

	reqs := m.requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "/v1/organizations/current", reqs[0].Path)
	assert.Empty(t, reqs[0].Header.Values("RunTools-Organization"))
	assert.Equal(t, "/v1/organizations/acme-corp", reqs[1].Path)
	assert.Equal(t, "acme-corp", reqs[1].Header.Get("RunTools-Organization"))
	assert.Equal(t, "/v1/organizations/current", reqs[2].Path)
	assert.Empty(t, reqs[2].Header.Values("RunTools-Organization"))
}

func TestWithMakesAChildAndLeavesParentUntouched(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, orgJSON)
	parent := m.client(runtools.WithOrganization("acme-corp"))
	child, err := parent.With(runtools.WithOrganization("other-org"))
	require.NoError(t, err)
	assert.Equal(t, "acme-corp", parent.Organization())
	assert.Equal(t, "other-org", child.Organization())

	ctx := context.Background()
	_, err = child.Organizations.Get(ctx, "")
	require.NoError(t, err)
	_, err = parent.Organizations.Get(ctx, "")
	require.NoError(t, err)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/v1/organizations/other-org", reqs[0].Path)
	assert.Equal(t, "other-org", reqs[0].Header.Get("RunTools-Organization"))
	assert.Equal(t, "/v1/organizations/acme-corp", reqs[1].Path)
	assert.Equal(t, "acme-corp", reqs[1].Header.Get("RunTools-Organization"))
	assert.Equal(t, "Bearer "+testKey, reqs[0].Header.Get("Authorization"), "the child keeps the credential")

	child.SetOrganization("third")
	assert.Equal(t, "acme-corp", parent.Organization())
}

func TestWithRejectsBadOptions(t *testing.T) {
	m := newMockAPI(t)
	_, err := m.client().With(runtools.WithMaxRetries(-3))
	assert.ErrorIs(t, err, runtools.ErrValidation)
}

// TestSetOrganizationIsSafeDuringRequests runs under -race: each request must read the
// organization once, so its header and path always name the same one.
func TestSetOrganizationIsSafeDuringRequests(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, orgJSON)
	c := m.client(runtools.WithOrganization("org-a"))
	ctx := context.Background()
	stop := make(chan struct{})
	var switcher sync.WaitGroup
	switcher.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
				c.SetOrganization(fmt.Sprintf("org-%c", 'a'+i%2))
			}
		}
	})
	var callers sync.WaitGroup
	for range 8 {
		callers.Go(func() {
			for range 25 {
				_, err := c.Organizations.Get(ctx, "")
				assert.NoError(t, err)
			}
		})
	}
	callers.Wait()
	close(stop)
	switcher.Wait()
	reqs := m.requests()
	require.Len(t, reqs, 200)
	for _, r := range reqs {
		assert.Equal(t, "/v1/organizations/"+r.Header.Get("RunTools-Organization"), r.Path)
	}
}

func TestPathSegmentsAreEscapedAndDotsRefused(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, orgJSON)
	c := m.client()
	_, err := c.Organizations.Get(context.Background(), "a b/c?d")
	require.NoError(t, err)
	assert.Equal(t, "/v1/organizations/a%20b%2Fc%3Fd", m.only().Path)

	for _, bad := range []string{".", ".."} {
		_, err := c.Organizations.Get(context.Background(), bad)
		assert.ErrorIs(t, err, runtools.ErrValidation, bad)
		c.SetOrganization(bad)
		_, err = c.Organizations.Get(context.Background(), "")
		assert.ErrorIs(t, err, runtools.ErrValidation, bad)
		c.SetOrganization("")
	}
	assert.Len(t, m.requests(), 1, "refused paths send nothing")
}

func TestMe(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":{"id":"user_1","email":"dev@acme.com","firstName":"Dev","lastName":"Eloper","extra":1},"meta":{"requestId":"req_me"}}`)
	u, err := m.client().Me(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &runtools.User{ID: "user_1", Email: "dev@acme.com", FirstName: "Dev", LastName: "Eloper"}, u)
	r := m.only()
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v1/me", r.Path)
	assert.Nil(t, r.Body)
}

func TestOrganizationsCreateAndGet(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, `{"data":{"id":"org_1","name":"Acme Corp","slug":"acme-corp","plan":"team","role":"owner","createdAt":"2026-01-02T03:04:05Z","workosOrgId":"x","enterprise":false},"meta":{"requestId":"req_ok"}}`)
	c := m.client()
	org, err := c.Organizations.Create(context.Background(), runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"})
	require.NoError(t, err)
	assert.Equal(t, &runtools.Organization{ID: "org_1", Name: "Acme Corp", Slug: "acme-corp", Plan: "team",
		Role: runtools.RoleOwner, CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, org)
	r := m.only()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/organizations", r.Path)
	assertGolden(t, "org_create", r.Body)
}

func TestOrganizationsCreateValidation(t *testing.T) {
	cases := []struct {
		name   string
		params runtools.OrganizationCreateParams
		field  string
	}{
		{"empty name", runtools.OrganizationCreateParams{Name: "  ", Slug: "acme"}, "name"},
		{"long name", runtools.OrganizationCreateParams{Name: string(make([]byte, 101)), Slug: "acme"}, "name"},
		{"control char in name", runtools.OrganizationCreateParams{Name: "Acme\x07", Slug: "acme"}, "name"},
		{"short slug", runtools.OrganizationCreateParams{Name: "Acme", Slug: "ac"}, "slug"},
		{"upper-case slug", runtools.OrganizationCreateParams{Name: "Acme", Slug: "Acme"}, "slug"},
		{"double hyphen", runtools.OrganizationCreateParams{Name: "Acme", Slug: "ac--me"}, "slug"},
		{"trailing hyphen", runtools.OrganizationCreateParams{Name: "Acme", Slug: "acme-"}, "slug"},
		{"long slug", runtools.OrganizationCreateParams{Name: "Acme", Slug: "a123456789012345678901234567890123456789012345678"}, "slug"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			_, err := m.client().Organizations.Create(context.Background(), tc.params)
			requireLocalRejection(t, m, err, tc.field)
		})
	}
}

func TestOrganizationsListPageDecodes(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[{"id":"org_1","slug":"acme-corp"},{"id":"org_2","slug":"other-org"}],"meta":{"requestId":"req_l","hasMore":true,"nextCursor":"c2"}}`)
	page, err := m.client().Organizations.ListPage(context.Background(), runtools.WithPageSize(2), runtools.WithCursor("c1"))
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
	assert.Equal(t, "other-org", page.Items[1].Slug)
	assert.True(t, page.HasMore)
	assert.Equal(t, "c2", page.NextCursor)
	assert.Equal(t, "req_l", page.RequestID)
	r := m.only()
	assert.Equal(t, "/v1/organizations", r.Path)
	assert.Equal(t, "cursor=c1&limit=2", r.RawQuery)
}

func TestPageSizeOutOfRangeSendsNothing(t *testing.T) {
	for _, n := range []int{0, 101, -1} {
		m := newMockAPI(t)
		_, err := m.client().Organizations.ListPage(context.Background(), runtools.WithPageSize(n))
		requireLocalRejection(t, m, err, "limit")
	}
}
