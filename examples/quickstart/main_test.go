package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWalkthroughRunsOfflineEndToEnd runs the whole seed walkthrough against the embedded
// server, as `go run ./examples/quickstart` does on a machine without RUNTOOLS_API_KEY.
func TestWalkthroughRunsOfflineEndToEnd(t *testing.T) {
	t.Setenv("RUNTOOLS_API_KEY", "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out))

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	assert.Contains(t, lines[0], "embedded RunTools reference server")
	for _, want := range []string{
		`Created organization "Acme Corp" (acme-corp) on the enterprise plan; you are its owner`,
		"Pending invites: dev@acme.com, alice@acme.com, bob@acme.com",
		"Changed alice@acme.com's role to admin",
		"Transferred ownership of acme-corp to bob@acme.com; you are now admin",
		"you are owner again",
		"MFA required true",
		`Rotated "Production"`,
		"Sandboxes in customer-portal: 1",
		"Switched to oidc SSO",
		"Your organizations: example, acme-corp",
		"Deleted organization acme-corp",
	} {
		assert.Contains(t, out.String(), want)
	}
	assert.Equal(t, "Done.", lines[len(lines)-1])
	assert.NotRegexp(t, `rt_live_[A-Za-z0-9]{32}`, out.String(), "no full key is printed")
}
