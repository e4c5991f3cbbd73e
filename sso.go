package runtools

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"
)

// SSOConnection is the single sign-on connection of an organization. Which fields are set
// depends on Provider. The SAML certificate and the OIDC client secret are write-only: the
// service never returns them, only the certificate's fingerprint.
type SSOConnection struct {
	Provider        string    `json:"provider"` // "saml" or "oidc"
	Status          string    `json:"status"`   // "active"
	EntryPoint      string    `json:"entryPoint"`
	Issuer          string    `json:"issuer"`
	CertFingerprint string    `json:"certFingerprint"` // SHA-256 of the certificate's DER bytes, hex
	IssuerURL       string    `json:"issuerUrl"`
	ClientID        string    `json:"clientId"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

// SSOConfig configures single sign-on in ConfigureSSO: a SAMLConfig or an OIDCConfig (or a
// pointer to one). It is sealed, so that every configuration the SDK sends is one it can
// check locally and put on the wire with its provider.
type SSOConfig interface {
	// ssoBody checks the configuration and returns the body of PUT .../sso.
	ssoBody() (any, error)
}

// SAMLConfig configures SAML single sign-on.
type SAMLConfig struct {
	EntryPoint string // the identity provider's SSO URL; absolute https
	Issuer     string // the SAML issuer (entity id), e.g. "https://runtools.ai"
	Cert       string // the identity provider's signing certificate, one PEM CERTIFICATE block
}

// samlBody is the wire form of a SAMLConfig.
type samlBody struct {
	Provider   string `json:"provider"`
	EntryPoint string `json:"entryPoint"`
	Issuer     string `json:"issuer"`
	Cert       string `json:"cert"`
}

func (c SAMLConfig) ssoBody() (any, error) {
	if err := firstError(checkHTTPSURL("entryPoint", c.EntryPoint), checkRequired("issuer", c.Issuer),
		checkCertificate("cert", c.Cert)); err != nil {
		return nil, err
	}
	return samlBody{Provider: "saml", EntryPoint: c.EntryPoint, Issuer: c.Issuer, Cert: c.Cert}, nil
}

// OIDCConfig configures OpenID Connect single sign-on.
//
// ClientSecret never shows when the config is printed with any fmt verb, logged through
// slog, or marshalled with encoding/json: only reading the field gives it. The JSON form
// leaves the secret out rather than masking it, so a config stored as JSON and read back
// fails ConfigureSSO's check for a missing secret instead of sending a placeholder.
// ConfigureSSO itself sends the secret: its request body is built separately.
type OIDCConfig struct {
	IssuerURL    string `json:"issuerUrl"` // the provider's issuer; absolute https
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret,omitempty"`
}

// oidcBody is the wire form of an OIDCConfig; it alone carries the secret.
type oidcBody struct {
	Provider     string `json:"provider"`
	IssuerURL    string `json:"issuerUrl"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

func (c OIDCConfig) ssoBody() (any, error) {
	if err := firstError(checkHTTPSURL("issuerUrl", c.IssuerURL), checkRequired("clientId", c.ClientID),
		checkRequired("clientSecret", c.ClientSecret)); err != nil {
		return nil, err
	}
	return oidcBody{Provider: "oidc", IssuerURL: c.IssuerURL, ClientID: c.ClientID, ClientSecret: c.ClientSecret}, nil
}

// MarshalJSON encodes the config without its client secret, so that JSON logging or storage
// of a value holding it cannot leak the secret.
func (c OIDCConfig) MarshalJSON() ([]byte, error) {
	type plain OIDCConfig // no methods, so no recursion
	p := plain(c)
	p.ClientSecret = ""
	return json.Marshal(p)
}

// String describes the config with its client secret redacted.
func (c OIDCConfig) String() string {
	return fmt.Sprintf("runtools.OIDCConfig{IssuerURL: %q, ClientID: %q, ClientSecret: %s}",
		c.IssuerURL, c.ClientID, c.redactedSecret())
}

// GoString is String, so %#v does not reveal the secret either.
func (c OIDCConfig) GoString() string { return c.String() }

// Format prints String for every verb, so no verb (%v, %+v, %#v, %s, %q, %x...) reaches the
// secret. Its value receiver also covers configs inside other values.
func (c OIDCConfig) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// LogValue logs the config with its client secret redacted.
func (c OIDCConfig) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("issuerUrl", c.IssuerURL),
		slog.String("clientId", c.ClientID),
		slog.String("clientSecret", c.redactedSecret()),
	)
}

// redactedSecret says whether a secret is present without showing it.
func (c OIDCConfig) redactedSecret() string {
	if c.ClientSecret == "" {
		return `""`
	}
	return redacted
}

// ssoBodyOf refuses a missing configuration, including a nil *SAMLConfig or *OIDCConfig,
// whose value methods would otherwise panic.
func ssoBodyOf(cfg SSOConfig) (any, error) {
	switch v := cfg.(type) {
	case nil:
		return nil, invalid("provider", "an SSO configuration is required: a SAMLConfig or an OIDCConfig")
	case *SAMLConfig:
		if v == nil {
			return ssoBodyOf(nil)
		}
	case *OIDCConfig:
		if v == nil {
			return ssoBodyOf(nil)
		}
	}
	return cfg.ssoBody()
}

// ConfigureSSO sets up single sign-on for the active organization, replacing any existing
// connection. SSO needs the enterprise plan. Calls PUT /v1/organizations/{org}/sso.
func (s *OrganizationsService) ConfigureSSO(ctx context.Context, cfg SSOConfig, opts ...RequestOption) (*SSOConnection, error) {
	body, err := ssoBodyOf(cfg)
	if err != nil {
		return nil, err
	}
	return put[SSOConnection](ctx, s.c, s.c.orgRoute("sso"), body, opts)
}

// SSO returns the active organization's SSO connection; without one the error matches
// ErrNotFound. Calls GET /v1/organizations/{org}/sso.
func (s *OrganizationsService) SSO(ctx context.Context, opts ...RequestOption) (*SSOConnection, error) {
	return get[SSOConnection](ctx, s.c, s.c.orgRoute("sso"), opts)
}

// DisableSSO removes the active organization's SSO connection. Calls
// DELETE /v1/organizations/{org}/sso.
func (s *OrganizationsService) DisableSSO(ctx context.Context, opts ...RequestOption) error {
	return del(ctx, s.c, s.c.orgRoute("sso"), opts)
}
