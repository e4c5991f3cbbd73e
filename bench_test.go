package runtools_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/runtools-ai/runtools-go"
)

// BenchmarkGet measures the SDK's own cost of one call: options, path escaping, headers,
// the retry pipeline and envelope decoding, against an in-memory transport.
func BenchmarkGet(b *testing.B) {
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewStringResponder(200, orgJSON))
	c, err := runtools.NewClient(runtools.WithAPIKey(testKey), runtools.WithBaseURL(testBaseURL),
		runtools.WithHTTPClient(&http.Client{Transport: mt}), runtools.WithOrganization("acme-corp"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Organizations.Get(ctx, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListPage100 measures decoding a full page of 100 members.
func BenchmarkListPage100(b *testing.B) {
	item := `{"id":"m","userId":"u","email":"dev@acme.com","firstName":"D","lastName":"E","role":"developer","status":"active","joinedAt":"2026-01-02T03:04:05Z"}`
	body := `{"data":[` + strings.TrimSuffix(strings.Repeat(item+",", 100), ",") + `],"meta":{"hasMore":false,"nextCursor":null}}`
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewStringResponder(200, body))
	c, err := runtools.NewClient(runtools.WithAPIKey(testKey), runtools.WithBaseURL(testBaseURL),
		runtools.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		page, err := c.Organizations.MembersPage(ctx, runtools.WithPageSize(100))
		if err != nil || len(page.Items) != 100 {
			b.Fatal(err, len(page.Items))
		}
	}
}
