package fakeapi

import (
	"context"
	"net/http"
	"time"
)

// call is one admitted request on its way through an endpoint. The gate fills the credential;
// run fills the organization and the caller's membership there.
type call struct {
	r      *http.Request
	reqID  string
	body   []byte
	key    *apiKey
	user   *user
	now    time.Time
	org    *organization
	member *member
	resp   *response
}

type callKey struct{}

func callFrom(r *http.Request) *call { return r.Context().Value(callKey{}).(*call) }

func withCall(r *http.Request, c *call) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), callKey{}, c))
}

// orgSource says where an endpoint finds its organization.
type orgSource int

const (
	orgNone       orgSource = iota // the endpoint is not about one organization
	orgFromHeader                  // RunTools-Organization, else the key's own
	orgFromPath                    // the {org} segment; "current" defers to orgFromHeader
)

// feature is a plan-gated capability.
type feature int

const (
	featureNone feature = iota
	featureSSO
	featureAuditLogs
)

// endpoint declares the access rules of one route; see routes.
type endpoint struct {
	org     orgSource
	scope   string // "" = any scope
	role    role   // roleNone = any member
	feature feature
	handle  func(*call) response
}

var pathWildcards = []string{"org", "inviteId", "userId", "id", "idOrSlug", "idOrName"}

// handle registers an endpoint. Its handler runs entirely under Server.mu, so it sees and
// leaves a consistent state.
func (s *Server) handle(pattern string, e endpoint) {
	s.mux.HandleFunc(pattern, func(_ http.ResponseWriter, r *http.Request) {
		c := callFrom(r)
		c.r = r // the request the mux matched carries the path values
		s.mu.Lock()
		defer s.mu.Unlock()
		resp := s.run(c, e)
		c.resp = &resp
	})
}

// run applies the checks of the package documentation, steps 8–11, then the endpoint's own
// handler, which does steps 12–16.
func (s *Server) run(c *call, e endpoint) response {
	for _, name := range pathWildcards {
		if v := c.r.PathValue(name); v != "" && badPathValue(v) {
			return fail(errNotFound("Resource"))
		}
	}
	c.now = s.now()
	if e.org != orgNone {
		if err := s.resolveOrg(c, e.org); err != nil {
			return fail(err)
		}
	}
	if !hasScope(c.key.scopes, e.scope) {
		return fail(errScope(e.scope))
	}
	if e.role != roleNone && c.member.role < e.role {
		return fail(errForbidden("This requires the %s role or higher; you are %s", e.role, c.member.role))
	}
	switch e.feature {
	case featureSSO:
		if c.org.plan != planEnterprise {
			return fail(errFeature("SSO requires the enterprise plan"))
		}
	case featureAuditLogs:
		if c.org.plan != planTeam && c.org.plan != planEnterprise {
			return fail(errFeature("Audit logs require the team or enterprise plan"))
		}
	}
	return e.handle(c)
}

// resolveOrg finds the organization a request acts in (API.md sections 1 and 7). Naming one
// the caller does not belong to is 404, exactly as for one that does not exist, so existence is
// not disclosed.
func (s *Server) resolveOrg(c *call, src orgSource) *apiError {
	ref := ""
	if src == orgFromPath {
		if ref = c.r.PathValue("org"); ref == "current" {
			ref = ""
		}
	}
	if ref == "" {
		ref = c.r.Header.Get("RunTools-Organization")
	}
	var o *organization
	if ref == "" {
		o = s.orgByID(c.key.orgID)
	} else {
		o = s.findOrg(ref)
	}
	if o == nil {
		return errNotFound("Organization")
	}
	m := o.member(c.user.id)
	if m == nil {
		return errNotFound("Organization")
	}
	c.org, c.member = o, m
	return nil
}

// hasScope applies the scope lattice of API.md section 7: "*" holds every scope, and a write
// scope holds its read scope.
func hasScope(held []string, need string) bool {
	if need == "" {
		return true
	}
	for _, h := range held {
		switch {
		case h == "*", h == need:
			return true
		case need == "sandboxes:read" && h == "sandboxes", need == "agents:read" && h == "agents":
			return true
		}
	}
	return false
}

func (s *Server) orgByID(id string) *organization {
	for _, o := range s.orgs {
		if o.id == id {
			return o
		}
	}
	return nil
}

// findOrg resolves an id or a slug. Ids are tried first, so a slug can never shadow an id.
func (s *Server) findOrg(ref string) *organization {
	if o := s.orgByID(ref); o != nil {
		return o
	}
	for _, o := range s.orgs {
		if o.slug == ref {
			return o
		}
	}
	return nil
}

// audit records an event in the caller's organization.
func (s *Server) audit(c *call, o *organization, action, targetID string, metadata map[string]string) {
	if metadata == nil {
		metadata = map[string]string{}
	}
	var keyID *string
	if c.key != nil {
		id := c.key.id
		keyID = &id
	}
	o.audit = append(o.audit, &auditEvent{id: newAuditID(), action: action, actorUserID: c.user.id, actorKeyID: keyID,
		targetID: targetID, createdAt: c.now, metadata: metadata, seq: s.nextSeq()})
}
