package runtools_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

func TestAPIKeyNeverInLogsErrorsOrPrints(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := newMockAPI(t)
	m.reply(503, errorJSON("service_unavailable", "busy")).reply(401, errorJSON("invalid_token", "Invalid token"))
	c := m.client(runtools.WithLogger(logger))

	_, err := c.Organizations.Get(context.Background(), "acme-corp")
	require.ErrorIs(t, err, runtools.ErrUnauthorized)
	require.NotEmpty(t, logs.String(), "debug events were logged")
	assert.Contains(t, logs.String(), `"path":"/v1/organizations/acme-corp"`)

	logger.Info("client", "client", c)
	printed := fmt.Sprintf("%v %+v %#v %s %q", c, c, c, c, c) + fmt.Sprint(c) + fmt.Sprintf("%+v %#v", c.Organizations, c.APIKeys)
	for name, text := range map[string]string{"logs": logs.String(), "error": err.Error(), "printed": printed} {
		assert.NotContains(t, text, testKey, name)
		assert.NotContains(t, text, testKey[8:20], name)
	}
	assert.Contains(t, printed, "[redacted]")
}

func TestSilentWithoutLogger(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	stderr := os.Stderr
	os.Stderr = w
	defer func() { os.Stderr = stderr }()

	m := newMockAPI(t)
	m.reply(503, errorJSON("service_unavailable", "busy"))
	_, callErr := m.client().Organizations.Get(context.Background(), "acme-corp")
	assert.ErrorIs(t, callErr, runtools.ErrServer)

	os.Stderr = stderr
	require.NoError(t, w.Close())
	written, _ := io.ReadAll(r)
	assert.Empty(t, string(written))
}
