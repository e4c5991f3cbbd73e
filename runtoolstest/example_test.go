package runtoolstest_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
	"github.com/runtools-ai/runtools-go/runtoolstest"
)

// A test of your own code starts a server, seeds what it needs, and talks to it with an
// ordinary client. In a test, use runtoolstest.NewServer(t), which closes itself.
func Example() {
	srv, err := runtoolstest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	ctx := context.Background()

	// A viewer joins the example organization and gets a read-only key.
	viewer, _ := srv.AddUser("viewer@example.com", "Vera", "Viewer")
	_ = srv.AddMember("example", viewer.ID, "viewer")
	key, _ := srv.IssueKey(viewer.ID, "example", "sandboxes:read")

	asViewer := srv.ClientWithKey(key)
	_, err = asViewer.Organizations.Invite(ctx, runtools.InviteParams{Email: "dev@example.com", Role: runtools.RoleDeveloper})
	fmt.Println("viewer may invite:", !errors.Is(err, runtools.ErrForbidden))

	// The owner may; and a failing server is retried transparently.
	srv.FailNext(2, 503, 0)
	inv, err := srv.Client().Organizations.Invite(ctx, runtools.InviteParams{Email: "dev@example.com", Role: runtools.RoleDeveloper})
	fmt.Println(inv.Email, inv.Status, err)
	// Output:
	// viewer may invite: false
	// dev@example.com pending <nil>
}

func TestFailNextIsRetriedUnderOneIdempotencyKey(t *testing.T) {
	srv := runtoolstest.NewServer(t)
	srv.FailNext(2, 500, 0)
	var info runtools.ResponseInfo
	p, err := srv.Client().Projects.Create(context.Background(),
		runtools.ProjectCreateParams{Name: "Portal", Slug: "portal"}, runtools.WithResponseInfo(&info))
	require.NoError(t, err)
	assert.Equal(t, "portal", p.Slug)
	assert.Equal(t, 3, info.Attempts)

	var posts []string
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			posts = append(posts, r.Header.Get("Idempotency-Key"))
		}
	}
	require.Len(t, posts, 3)
	assert.Equal(t, posts[0], posts[1])
	assert.Equal(t, posts[0], posts[2])
}

func TestRequestLogRedactsTheKey(t *testing.T) {
	srv := runtoolstest.NewServer(t)
	_, err := srv.Client().Me(context.Background())
	require.NoError(t, err)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.NotContains(t, reqs[0].Header.Get("Authorization"), srv.APIKey)
}

func TestClientPanicsOnBadOption(t *testing.T) {
	srv := runtoolstest.NewServer(t)
	assert.Panics(t, func() { srv.Client(runtools.WithMaxRetries(-1)) })
}
