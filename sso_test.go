package runtools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

// samlCert is a self-signed P-256 certificate for idp.acme.com; samlCertFingerprint is the
// SHA-256 of its DER bytes.
const (
	samlCert = `-----BEGIN CERTIFICATE-----
MIIBGTCBwaADAgECAgEBMAoGCCqGSM49BAMCMBcxFTATBgNVBAMTDGlkcC5hY21l
LmNvbTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMBcxFTATBgNVBAMT
DGlkcC5hY21lLmNvbTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGrUqXfJFEFJ
N1E1HaNbf2Ft9vrQIHmN2ZVG4uINDTlKiVR+ItuUP+pbd5ERf8NOo6I4PwqLgW85
0JP7v/acjz4wCgYIKoZIzj0EAwIDRwAwRAIgcr5WrP1n6m99AEWaN03J7nm9UICq
TYQUsWcDsHpF55cCICTXbwRQQ/KWbR8zUSw4KMjdZLNjzS/3oL5SKKgyPsVU
-----END CERTIFICATE-----
`
	samlCertFingerprint = "99b9d2fe9f87041ed43ebf249207abaee7a5e3310dc8df2416617fbeae1eaaf6"
)

// oidcSecret is the client secret that tests look for in output that must not hold it.
const oidcSecret = "oidc-S3cr3t-Zq8xK2vN7pL4"

// The documented SSO responses: write-only fields absent, unknown fields present.
const (
	samlConnJSON = `{"data":{"provider":"saml","status":"active","entryPoint":"https://idp.acme.com/sso/saml",` +
		`"issuer":"https://runtools.ai","certFingerprint":"` + samlCertFingerprint + `",` +
		`"createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-03T03:04:05Z","workosConnectionId":"conn_1"},"meta":{"requestId":"req_sso"}}`
	oidcConnJSON = `{"data":{"provider":"oidc","status":"active","issuerUrl":"https://auth.acme.com","clientId":"runtools",` +
		`"createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:05Z","scopes":["openid"]}}`
)

func samlConfig() runtools.SAMLConfig {
	return runtools.SAMLConfig{EntryPoint: "https://idp.acme.com/sso/saml", Issuer: "https://runtools.ai", Cert: samlCert}
}

func oidcConfig() runtools.OIDCConfig {
	return runtools.OIDCConfig{IssuerURL: "https://auth.acme.com", ClientID: "runtools", ClientSecret: oidcSecret}
}

func wantSAMLConn(t *testing.T) *runtools.SSOConnection {
	return &runtools.SSOConnection{Provider: "saml", Status: "active", EntryPoint: "https://idp.acme.com/sso/saml",
		Issuer: "https://runtools.ai", CertFingerprint: samlCertFingerprint,
		CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"), UpdatedAt: atUTC(t, "2026-01-03T03:04:05Z")}
}

func wantOIDCConn(t *testing.T) *runtools.SSOConnection {
	return &runtools.SSOConnection{Provider: "oidc", Status: "active", IssuerURL: "https://auth.acme.com",
		ClientID: "runtools", CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"), UpdatedAt: atUTC(t, "2026-01-02T03:04:05Z")}
}

func TestSSOWire(t *testing.T) {
	runWireCases(t, []wireCase{
		{
			name: "ConfigureSSO SAML", status: 200, reply: samlConnJSON,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.ConfigureSSO(ctx, samlConfig())
			},
			method: http.MethodPut, path: "/sso", golden: "sso_configure_saml", want: wantSAMLConn(t),
		},
		{
			name: "ConfigureSSO SAML pointer", status: 200, reply: samlConnJSON,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.ConfigureSSO(ctx, new(samlConfig()))
			},
			method: http.MethodPut, path: "/sso", golden: "sso_configure_saml", want: wantSAMLConn(t),
		},
		{
			// The body carries the secret: only printing and logging redact it.
			name: "ConfigureSSO OIDC", status: 200, reply: oidcConnJSON,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.ConfigureSSO(ctx, oidcConfig())
			},
			method: http.MethodPut, path: "/sso", golden: "sso_configure_oidc", want: wantOIDCConn(t),
		},
		{
			name: "ConfigureSSO OIDC pointer", status: 200, reply: oidcConnJSON,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.ConfigureSSO(ctx, new(oidcConfig()))
			},
			method: http.MethodPut, path: "/sso", golden: "sso_configure_oidc", want: wantOIDCConn(t),
		},
		{
			name: "SSO", status: 200, reply: samlConnJSON,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.SSO(ctx)
			},
			method: http.MethodGet, path: "/sso", want: wantSAMLConn(t),
		},
		{
			name: "DisableSSO", status: 200, reply: deletedJSON(orgID),
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return nil, c.Organizations.DisableSSO(ctx)
			},
			method: http.MethodDelete, path: "/sso",
		},
	})
}

func TestSSOBodyCarriesTheSecret(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, oidcConnJSON)
	_, err := m.client().Organizations.ConfigureSSO(context.Background(), oidcConfig())
	require.NoError(t, err)
	var body map[string]string
	require.NoError(t, json.Unmarshal(m.only().Body, &body))
	assert.Equal(t, map[string]string{"provider": "oidc", "issuerUrl": "https://auth.acme.com",
		"clientId": "runtools", "clientSecret": oidcSecret}, body)
}

func TestSSONotConfiguredIsNotFound(t *testing.T) {
	m := newMockAPI(t)
	m.reply(404, errorJSON("not_found", "SSO connection not found"))
	conn, err := m.client().Organizations.SSO(context.Background())
	assert.Nil(t, conn)
	assert.ErrorIs(t, err, runtools.ErrNotFound)
}

func TestOIDCSecretNeverPrintedOrLogged(t *testing.T) {
	cfg := oidcConfig()
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	logger.Info("value", "sso", cfg)
	logger.Info("pointer", "sso", &cfg)
	logger.Info("interface", "sso", runtools.SSOConfig(cfg))
	logger.Info("nested", "holder", struct{ Config runtools.OIDCConfig }{cfg})

	jsonValue, err := json.Marshal(cfg)
	require.NoError(t, err)
	jsonNested, err := json.Marshal(map[string]any{"sso": &cfg})
	require.NoError(t, err)

	outputs := map[string]string{
		"%v": fmt.Sprintf("%v", cfg), "%+v": fmt.Sprintf("%+v", cfg), "%#v": fmt.Sprintf("%#v", cfg),
		"%s": fmt.Sprintf("%s", cfg), "%q": fmt.Sprintf("%q", cfg), "%x": fmt.Sprintf("%x", cfg),
		"pointer %+v": fmt.Sprintf("%+v", &cfg), "pointer %#v": fmt.Sprintf("%#v", &cfg),
		"in a slice":  fmt.Sprintf("%+v", []runtools.OIDCConfig{cfg}),
		"in a struct": fmt.Sprintf("%+v", struct{ C runtools.OIDCConfig }{cfg}),
		"Sprint":      fmt.Sprint(cfg), "Sprintln": fmt.Sprintln(cfg),
		"json": string(jsonValue), "json nested": string(jsonNested),
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 4)
	for i, line := range lines {
		outputs[fmt.Sprintf("slog line %d", i)] = line
	}
	for name, out := range outputs {
		assert.NotContains(t, out, oidcSecret, name)
		assert.NotContains(t, out, oidcSecret[5:15], name)
		assert.Contains(t, out, "runtools", name, "the rest of the config still shows")
	}
	assert.Contains(t, outputs["%+v"], "[redacted]")
	assert.Contains(t, logs.String(), `"clientSecret":"[redacted]"`)
	assert.JSONEq(t, `{"issuerUrl":"https://auth.acme.com","clientId":"runtools"}`, string(jsonValue))
	assert.Equal(t, oidcSecret, cfg.ClientSecret, "reading the field gives the secret")
}

// TestOIDCConfigJSONRoundTripNeedsTheSecretAgain: JSON drops the secret rather than masking
// it, so a config read back from JSON is refused locally instead of sending a placeholder.
func TestOIDCConfigJSONRoundTripNeedsTheSecretAgain(t *testing.T) {
	data, err := json.Marshal(oidcConfig())
	require.NoError(t, err)
	var back runtools.OIDCConfig
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, runtools.OIDCConfig{IssuerURL: "https://auth.acme.com", ClientID: "runtools"}, back)

	var full runtools.OIDCConfig
	require.NoError(t, json.Unmarshal([]byte(`{"issuerUrl":"https://auth.acme.com","clientId":"runtools","clientSecret":"`+oidcSecret+`"}`), &full))
	assert.Equal(t, oidcConfig(), full, "decoding reads the secret")

	m := newMockAPI(t)
	_, err = m.client().Organizations.ConfigureSSO(context.Background(), back)
	requireLocalRejection(t, m, err, "clientSecret")
}

func TestOIDCConfigWithoutSecretPrintsEmpty(t *testing.T) {
	cfg := runtools.OIDCConfig{IssuerURL: "https://auth.acme.com", ClientID: "runtools"}
	assert.Equal(t, `runtools.OIDCConfig{IssuerURL: "https://auth.acme.com", ClientID: "runtools", ClientSecret: ""}`,
		fmt.Sprintf("%+v", cfg))
}
