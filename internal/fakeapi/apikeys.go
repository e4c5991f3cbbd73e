package fakeapi

import "time"

type apiKeyCreateBody struct {
	Name      string   `json:"name"`
	Scopes    []string `json:"scopes"`
	ExpiresIn *string  `json:"expiresIn"`
	ProjectID *string  `json:"projectId"`
}

func (s *Server) createAPIKey(c *call) response {
	var b apiKeyCreateBody
	if err := decodeJSON(c.body, &b); err != nil {
		return fail(err)
	}
	name, err := validateName("name", b.Name)
	if err != nil {
		return fail(err)
	}
	scopes, err := validateScopes(b.Scopes)
	if err != nil {
		return fail(err)
	}
	var lifetime time.Duration
	if b.ExpiresIn != nil {
		if lifetime, err = parseExpiresIn(*b.ExpiresIn); err != nil {
			return fail(err)
		}
	}
	var projectID *string
	if b.ProjectID != nil {
		if *b.ProjectID == "" {
			return fail(errValidation("projectId", "projectId must not be empty"))
		}
		p := c.org.project(*b.ProjectID)
		if p == nil || p.id != *b.ProjectID {
			return fail(errNotFound("Project"))
		}
		projectID = &p.id
	}
	k, secret := s.newAPIKey(c.org, c.user.id, name, scopes, projectID, lifetime, c.now)
	s.audit(c, c.org, "api_key.created", k.id, map[string]string{"name": k.name})
	w := toWireAPIKey(k, c.now)
	w.Key = secret
	return created(w)
}

// newAPIKey commits a key and returns its secret, which is not kept: only its hash is.
func (s *Server) newAPIKey(o *organization, userID, name string, scopes []string, projectID *string, lifetime time.Duration, now time.Time) (*apiKey, string) {
	secret := newSecretKey()
	k := &apiKey{id: newKeyID(), name: name, prefix: secret[:12], hash: hashSecret(secret), scopes: scopes,
		projectID: clonePtr(projectID), lifetime: lifetime, createdAt: now, userID: userID, orgID: o.id, seq: s.nextSeq()}
	if lifetime > 0 {
		exp := now.Add(lifetime)
		k.expiresAt = &exp
	}
	o.keys = append(o.keys, k)
	s.keys[k.hash] = k
	return k, secret
}

func (s *Server) listAPIKeys(c *call) response {
	p, err := parsePage(c.r.URL.Query(), "api_keys")
	if err != nil {
		return fail(err)
	}
	return paginate(c.org.keys, func(k *apiKey) uint64 { return k.seq }, nil, p, "api_keys",
		func(k *apiKey) wireAPIKey { return toWireAPIKey(k, c.now) })
}

func (s *Server) getAPIKey(c *call) response {
	k := c.org.key(c.r.PathValue("id"))
	if k == nil {
		return fail(errNotFound("API key"))
	}
	return ok(toWireAPIKey(k, c.now))
}

// revokeAPIKey is soft and repeatable: a second revoke answers the same revoked key.
func (s *Server) revokeAPIKey(c *call) response {
	k := c.org.key(c.r.PathValue("id"))
	if k == nil {
		return fail(errNotFound("API key"))
	}
	if k.revoke(c.now) {
		s.audit(c, c.org, "api_key.revoked", k.id, map[string]string{"name": k.name})
	}
	return ok(toWireAPIKey(k, c.now))
}

// rotateAPIKey issues the successor (same name, scopes, project and lifetime, counted from now)
// and revokes the old key in the same step. A revoked key cannot be rotated: it has no
// successor to hand over to; an expired one can, which is how it gets renewed.
func (s *Server) rotateAPIKey(c *call) response {
	if err := decodeJSON(c.body, &struct{}{}); err != nil {
		return fail(err)
	}
	old := c.org.key(c.r.PathValue("id"))
	if old == nil {
		return fail(errNotFound("API key"))
	}
	if old.revokedAt != nil {
		return fail(errConflict("", "The API key is revoked"))
	}
	k, secret := s.newAPIKey(c.org, old.userID, old.name, append([]string(nil), old.scopes...), old.projectID, old.lifetime, c.now)
	old.revoke(c.now)
	s.audit(c, c.org, "api_key.rotated", old.id, map[string]string{"newKeyId": k.id, "name": k.name})
	w := toWireAPIKey(k, c.now)
	w.Key = secret
	return created(w)
}
