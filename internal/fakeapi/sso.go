package fakeapi

// ssoBody holds both providers' fields so that a field of the other provider can be rejected
// by name rather than silently ignored. Cert and ClientSecret are read, checked and dropped:
// only the certificate's fingerprint is kept, and the client secret not at all.
type ssoBody struct {
	Provider     string  `json:"provider"`
	EntryPoint   *string `json:"entryPoint"`
	Issuer       *string `json:"issuer"`
	Cert         *string `json:"cert"`
	IssuerURL    *string `json:"issuerUrl"`
	ClientID     *string `json:"clientId"`
	ClientSecret *string `json:"clientSecret"`
}

// firstPresent names the first field that was sent, in a fixed order so the answer is stable.
func firstPresent(names []string, values ...*string) string {
	for i, v := range values {
		if v != nil {
			return names[i]
		}
	}
	return ""
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (s *Server) configureSSO(c *call) response {
	var b ssoBody
	if err := decodeJSON(c.body, &b); err != nil {
		return fail(err)
	}
	conn := &ssoConnection{provider: b.Provider}
	switch b.Provider {
	case "saml":
		if name := firstPresent([]string{"issuerUrl", "clientId", "clientSecret"}, b.IssuerURL, b.ClientID, b.ClientSecret); name != "" {
			return fail(errValidation(name, "%s is not a SAML field", name))
		}
		if err := validateHTTPSURL("entryPoint", deref(b.EntryPoint)); err != nil {
			return fail(err)
		}
		if deref(b.Issuer) == "" {
			return fail(errValidation("issuer", "issuer is required"))
		}
		fp, err := certFingerprint("cert", deref(b.Cert))
		if err != nil {
			return fail(err)
		}
		conn.entryPoint, conn.issuer, conn.certFingerprint = *b.EntryPoint, *b.Issuer, fp
	case "oidc":
		if name := firstPresent([]string{"entryPoint", "issuer", "cert"}, b.EntryPoint, b.Issuer, b.Cert); name != "" {
			return fail(errValidation(name, "%s is not an OIDC field", name))
		}
		if err := validateHTTPSURL("issuerUrl", deref(b.IssuerURL)); err != nil {
			return fail(err)
		}
		if deref(b.ClientID) == "" {
			return fail(errValidation("clientId", "clientId is required"))
		}
		if deref(b.ClientSecret) == "" {
			return fail(errValidation("clientSecret", "clientSecret is required"))
		}
		conn.issuerURL, conn.clientID = *b.IssuerURL, *b.ClientID
	case "":
		return fail(errValidation("provider", "provider is required"))
	default:
		return fail(errValidation("provider", "provider must be saml or oidc"))
	}
	conn.createdAt, conn.updatedAt = c.now, c.now
	if c.org.sso != nil {
		conn.createdAt = c.org.sso.createdAt // reconfiguring updates the one connection
	}
	c.org.sso = conn
	delete(c.org.deleted, "sso:"+c.org.id)
	s.audit(c, c.org, "sso.configured", c.org.id, map[string]string{"provider": conn.provider})
	return ok(toWireSSO(conn))
}

func (s *Server) getSSO(c *call) response {
	if c.org.sso == nil {
		return fail(errNotFound("SSO connection"))
	}
	return ok(toWireSSO(c.org.sso))
}

// disableSSO answers with the organization's id: the connection has none of its own.
func (s *Server) disableSSO(c *call) response {
	if c.org.sso == nil {
		if id, ok := c.org.wasDeleted("sso", c.org.id); ok {
			return deleted(id)
		}
		return fail(errNotFound("SSO connection"))
	}
	c.org.sso = nil
	c.org.markDeleted("sso", c.org.id, c.org.id)
	s.audit(c, c.org, "sso.disabled", c.org.id, nil)
	return deleted(c.org.id)
}
