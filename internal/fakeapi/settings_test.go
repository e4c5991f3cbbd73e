package fakeapi

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const settingsPath = "/v1/organizations/current/settings"

func TestSettings(t *testing.T) {
	h := newHarness(t)
	_, viewerKey := h.seedMember("example", "v@example.com", "viewer", "sandboxes:read")
	var st m
	h.get(viewerKey, settingsPath).ok(200, &st)
	assert.Equal(t, m{"name": "Example Org", "defaultTemplate": "", "allowPublicSandboxes": false, "requireMfa": false}, st)

	h.patch(viewerKey, settingsPath, m{"requireMfa": true}).fails(403, "insufficient_scope")
	_, viewerFull := h.seedMember("example", "v2@example.com", "viewer")
	h.patch(viewerFull, settingsPath, m{"requireMfa": true}).fails(403, "forbidden")

	h.patch(h.key, settingsPath, m{"name": "Acme Corporation", "defaultTemplate": "nodejs-20", "allowPublicSandboxes": false, "requireMfa": true}).ok(200, &st)
	assert.Equal(t, m{"name": "Acme Corporation", "defaultTemplate": "nodejs-20", "allowPublicSandboxes": false, "requireMfa": true}, st)
	var org m
	h.get(h.key, "/v1/organizations/current").ok(200, &org)
	assert.Equal(t, "Acme Corporation", org["name"], "the settings name is the organization's name")

	// Absent fields are unchanged; "" clears the template.
	h.patch(h.key, settingsPath, m{"allowPublicSandboxes": true}).ok(200, &st)
	assert.Equal(t, "nodejs-20", st["defaultTemplate"])
	assert.Equal(t, true, st["requireMfa"])
	h.patch(h.key, settingsPath, m{"defaultTemplate": ""}).ok(200, &st)
	assert.Equal(t, "", st["defaultTemplate"])

	// Invalid updates change nothing, not even the valid part.
	h.patch(h.key, settingsPath, m{"requireMfa": false, "name": "   "}).failsField("name")
	h.patch(h.key, settingsPath, m{"requireMfa": false, "name": "bad\x07name"}).failsField("name")
	h.patch(h.key, settingsPath, m{"requireMfa": false, "name": strings.Repeat("n", 101)}).failsField("name")
	h.patch(h.key, settingsPath, m{"requireMfa": "yes"}).failsField("requireMfa")
	h.patch(h.key, settingsPath, m{"require_mfa": false}).failsField("require_mfa")
	h.get(h.key, settingsPath).ok(200, &st)
	assert.Equal(t, true, st["requireMfa"])
	assert.Equal(t, "Acme Corporation", st["name"])
}

const ssoPath = "/v1/organizations/current/sso"

func TestSSO(t *testing.T) {
	h := newHarness(t)
	certPEM, der := selfSignedPEM(t)
	sum := sha256.Sum256(der)

	h.get(h.key, ssoPath).fails(404, "not_found")
	var conn m
	r := h.put(h.key, ssoPath, m{"provider": "saml", "entryPoint": "https://idp.acme.com/sso/saml", "issuer": "https://runtools.ai", "cert": certPEM}).ok(200, &conn)
	assert.Equal(t, "saml", conn["provider"])
	assert.Equal(t, "active", conn["status"])
	assert.Equal(t, hex.EncodeToString(sum[:]), conn["certFingerprint"])
	assert.Equal(t, "https://idp.acme.com/sso/saml", conn["entryPoint"])
	assert.NotContains(t, conn, "cert")
	assert.NotContains(t, string(r.raw), "BEGIN CERTIFICATE")

	h.get(h.key, ssoPath).ok(200, &conn)
	assert.Equal(t, "saml", conn["provider"])

	r = h.put(h.key, ssoPath, m{"provider": "oidc", "issuerUrl": "https://auth.acme.com", "clientId": "runtools", "clientSecret": "s3cr3t-value"}).ok(200, &conn)
	assert.Equal(t, "oidc", conn["provider"])
	assert.Equal(t, "runtools", conn["clientId"])
	assert.Equal(t, "https://auth.acme.com", conn["issuerUrl"])
	assert.NotContains(t, string(r.raw), "s3cr3t-value")
	assert.NotContains(t, conn, "clientSecret")

	saml := func(over m) m {
		b := m{"provider": "saml", "entryPoint": "https://idp.acme.com/sso", "issuer": "rt", "cert": certPEM}
		for k, v := range over {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	h.put(h.key, ssoPath, saml(m{"entryPoint": "http://idp.acme.com/sso"})).failsField("entryPoint")
	h.put(h.key, ssoPath, saml(m{"entryPoint": "/relative"})).failsField("entryPoint")
	h.put(h.key, ssoPath, saml(m{"issuer": nil})).failsField("issuer")
	h.put(h.key, ssoPath, saml(m{"cert": "-----BEGIN CERTIFICATE-----..."})).failsField("cert")
	h.put(h.key, ssoPath, saml(m{"cert": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"})).failsField("cert")
	h.put(h.key, ssoPath, saml(m{"clientSecret": "x"})).failsField("clientSecret")
	h.put(h.key, ssoPath, m{"provider": "oidc", "issuerUrl": "https://a.example", "clientId": "c"}).failsField("clientSecret")
	h.put(h.key, ssoPath, m{"provider": "oidc", "issuerUrl": "ftp://a.example", "clientId": "c", "clientSecret": "s"}).failsField("issuerUrl")
	h.put(h.key, ssoPath, m{"provider": "ldap"}).failsField("provider")
	h.get(h.key, ssoPath).ok(200, &conn)
	assert.Equal(t, "oidc", conn["provider"], "rejected configurations change nothing")

	var d m
	org, _ := h.s.Organization("example")
	h.del(h.key, ssoPath).ok(200, &d)
	assert.Equal(t, m{"id": org.ID, "deleted": true}, d)
	h.del(h.key, ssoPath).ok(200, nil)
	h.get(h.key, ssoPath).fails(404, "not_found")
}

func TestSSOGates(t *testing.T) {
	h := newHarness(t)
	certPEM, _ := selfSignedPEM(t)
	body := m{"provider": "saml", "entryPoint": "https://idp.acme.com/sso", "issuer": "rt", "cert": certPEM}
	_, devKey := h.seedMember("example", "d@example.com", "developer")
	h.put(devKey, ssoPath, body).fails(403, "forbidden")
	h.get(devKey, ssoPath).fails(403, "forbidden")
	require.NoError(t, h.s.SetPlan("example", "team"))
	h.put(h.key, ssoPath, body).fails(403, "feature_not_available")
	h.get(h.key, ssoPath).fails(403, "feature_not_available")
}
