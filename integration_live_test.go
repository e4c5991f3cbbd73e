//go:build live

package runtools_test

import (
	"os"
	"testing"

	"github.com/runtools-ai/runtools-go"
)

// newIntegrationEnv runs the suite against a real endpoint: RUNTOOLS_API_KEY (required, a
// full-scope key of an organization's owner on a plan allowing several organizations) and
// RUNTOOLS_API_URL (optional origin). RUNTOOLS_LIVE_ENTERPRISE=1 says the key's organization is
// on enterprise, enabling the SSO and audit-log checks. Seeding and faults are fake-only.
func newIntegrationEnv(t *testing.T) *integrationEnv {
	t.Helper()
	if os.Getenv("RUNTOOLS_API_KEY") == "" {
		t.Skip("RUNTOOLS_API_KEY is not set")
	}
	owner, err := runtools.NewClient(runtools.WithOrganization(""))
	if err != nil {
		t.Fatal(err)
	}
	return &integrationEnv{
		owner: owner,
		withKey: func(t *testing.T, key string, opts ...runtools.Option) *runtools.Client {
			c, err := runtools.NewClient(append([]runtools.Option{runtools.WithAPIKey(key), runtools.WithOrganization("")}, opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			return c
		},
		enterprise: os.Getenv("RUNTOOLS_LIVE_ENTERPRISE") == "1",
		ownerEmail: os.Getenv("RUNTOOLS_LIVE_EMAIL"),
	}
}
