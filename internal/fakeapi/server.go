package fakeapi

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// Server is the in-memory RunTools API. It is an [http.Handler]; serve it with
// httptest.NewServer or any http.Server. All methods are safe for concurrent use, with each
// other and with requests in flight.
type Server struct {
	// mu guards everything below it. One lock keeps every request atomic with respect to
	// every other (a handler validates and commits under it), which is what makes "a rejected
	// request changes nothing" hold under concurrency; it is never held while sleeping or
	// writing to the network.
	mu          sync.Mutex
	clock       func() time.Time
	seq         uint64
	users       map[string]*user // by id
	userByEmail map[string]*user // by lower-cased email
	orgs        []*organization  // live organizations, creation order
	keys        map[[32]byte]*apiKey
	idem        map[idemKey]*idemRecord
	buckets     map[string]*bucket // by key id
	limits      RateLimits
	faults      faultState
	log         []RecordedRequest

	owner      *user
	ownerKey   string
	exampleOrg *organization

	mux *http.ServeMux // immutable after New
}

// New returns a server holding a bootstrap owner (see [Server.Owner]) of the organization
// "Example Org" (slug "example", plan enterprise, so every feature is open), with a full-scope
// key for that owner ([Server.OwnerKey]).
func New(opts ...Option) *Server {
	cfg := config{clock: time.Now}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		clock:       cfg.clock,
		users:       map[string]*user{},
		userByEmail: map[string]*user{},
		keys:        map[[32]byte]*apiKey{},
		idem:        map[idemKey]*idemRecord{},
		buckets:     map[string]*bucket{},
		limits:      cfg.limits,
		faults:      faultState{latency: cfg.latency},
		mux:         http.NewServeMux(),
	}
	s.routes()
	s.bootstrap()
	return s
}

// now is the server clock in UTC, the zone every timestamp on the wire uses. The monotonic
// reading is dropped by UTC, so times compare by wall clock, as they would after a round trip.
func (s *Server) now() time.Time { return s.clock().UTC() }

// nextSeq numbers every created item; see pageParams for why.
func (s *Server) nextSeq() uint64 {
	s.seq++
	return s.seq
}

// routes mirrors the table of API.md section 6: organization source, scope, least role and
// plan feature of each endpoint are declared here, and enforced in that order by run.
func (s *Server) routes() {
	const anyScope = ""
	// Organizations.
	s.handle("POST /v1/organizations", endpoint{org: orgFromHeader, scope: "*", handle: s.createOrganization})
	s.handle("GET /v1/organizations", endpoint{scope: anyScope, handle: s.listOrganizations})
	s.handle("GET /v1/organizations/{org}", endpoint{org: orgFromPath, scope: anyScope, role: roleViewer, handle: s.getOrganization})
	s.handle("DELETE /v1/organizations/{org}", endpoint{org: orgFromPath, scope: "*", role: roleOwner, handle: s.deleteOrganization})
	s.handle("POST /v1/organizations/{org}/transfer-ownership", endpoint{org: orgFromPath, scope: "*", role: roleOwner, handle: s.transferOwnership})
	// Invites.
	s.handle("POST /v1/organizations/{org}/invites", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, handle: s.createInvite})
	s.handle("POST /v1/organizations/{org}/invites/batch", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, handle: s.createInvites})
	s.handle("GET /v1/organizations/{org}/invites", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, handle: s.listInvites})
	s.handle("DELETE /v1/organizations/{org}/invites/{inviteId}", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, handle: s.revokeInvite})
	// Members.
	s.handle("GET /v1/organizations/{org}/members", endpoint{org: orgFromPath, scope: anyScope, role: roleViewer, handle: s.listMembers})
	s.handle("PATCH /v1/organizations/{org}/members/{userId}", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, handle: s.updateMember})
	s.handle("DELETE /v1/organizations/{org}/members/{userId}", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, handle: s.removeMember})
	// Settings and SSO.
	s.handle("GET /v1/organizations/{org}/settings", endpoint{org: orgFromPath, scope: anyScope, role: roleViewer, handle: s.getSettings})
	s.handle("PATCH /v1/organizations/{org}/settings", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, handle: s.updateSettings})
	s.handle("PUT /v1/organizations/{org}/sso", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, feature: featureSSO, handle: s.configureSSO})
	s.handle("GET /v1/organizations/{org}/sso", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, feature: featureSSO, handle: s.getSSO})
	s.handle("DELETE /v1/organizations/{org}/sso", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, feature: featureSSO, handle: s.disableSSO})
	s.handle("GET /v1/organizations/{org}/audit-logs", endpoint{org: orgFromPath, scope: "*", role: roleAdmin, feature: featureAuditLogs, handle: s.listAuditLogs})
	// API keys.
	s.handle("POST /v1/api-keys", endpoint{org: orgFromHeader, scope: "*", role: roleAdmin, handle: s.createAPIKey})
	s.handle("GET /v1/api-keys", endpoint{org: orgFromHeader, scope: "*", role: roleAdmin, handle: s.listAPIKeys})
	s.handle("GET /v1/api-keys/{id}", endpoint{org: orgFromHeader, scope: "*", role: roleAdmin, handle: s.getAPIKey})
	s.handle("DELETE /v1/api-keys/{id}", endpoint{org: orgFromHeader, scope: "*", role: roleAdmin, handle: s.revokeAPIKey})
	s.handle("POST /v1/api-keys/{id}/rotate", endpoint{org: orgFromHeader, scope: "*", role: roleAdmin, handle: s.rotateAPIKey})
	// Projects.
	s.handle("POST /v1/projects", endpoint{org: orgFromHeader, scope: "*", role: roleAdmin, handle: s.createProject})
	s.handle("GET /v1/projects", endpoint{org: orgFromHeader, scope: anyScope, role: roleViewer, handle: s.listProjects})
	s.handle("GET /v1/projects/{idOrSlug}", endpoint{org: orgFromHeader, scope: anyScope, role: roleViewer, handle: s.getProject})
	s.handle("DELETE /v1/projects/{idOrSlug}", endpoint{org: orgFromHeader, scope: "*", role: roleAdmin, handle: s.deleteProject})
	// Sandboxes.
	s.handle("POST /v1/sandboxes", endpoint{org: orgFromHeader, scope: "sandboxes", role: roleDeveloper, handle: s.createSandbox})
	s.handle("GET /v1/sandboxes", endpoint{org: orgFromHeader, scope: "sandboxes:read", role: roleViewer, handle: s.listSandboxes})
	s.handle("GET /v1/sandboxes/{idOrName}", endpoint{org: orgFromHeader, scope: "sandboxes:read", role: roleViewer, handle: s.getSandbox})
	s.handle("DELETE /v1/sandboxes/{id}", endpoint{org: orgFromHeader, scope: "sandboxes", role: roleDeveloper, handle: s.deleteSandbox})
	// The caller.
	s.handle("GET /v1/me", endpoint{scope: anyScope, handle: s.getMe})

	// Everything else: an envelope instead of ServeMux's plain-text 404/405.
	s.mux.HandleFunc("/", s.unrouted)
}

var routeMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// unrouted answers 405 when the path exists under another method, else 404.
func (s *Server) unrouted(_ http.ResponseWriter, r *http.Request) {
	c := callFrom(r)
	for _, m := range routeMethods {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" {
			resp := fail(errMethodNotAllowed())
			c.resp = &resp
			return
		}
	}
	resp := fail(&apiError{status: http.StatusNotFound, code: "not_found", message: "No such endpoint: " + r.Method + " " + r.URL.Path})
	c.resp = &resp
}

// badPathValue reports path segments API.md section 1 declares invalid as ids.
func badPathValue(v string) bool {
	return v == "." || v == ".." || strings.TrimSpace(v) == ""
}
