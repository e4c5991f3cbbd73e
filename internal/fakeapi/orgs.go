package fakeapi

import "time"

// namedBody is the create body of organizations and projects: both are a name and a slug.
type namedBody struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// decodeNamed decodes and validates a namedBody, returning the trimmed name.
func decodeNamed(body []byte) (namedBody, *apiError) {
	var b namedBody
	if err := decodeJSON(body, &b); err != nil {
		return b, err
	}
	name, err := validateName("name", b.Name)
	if err != nil {
		return b, err
	}
	b.Name = name
	return b, validateSlug("slug", b.Slug)
}

// createOrganization: the plan limit is checked against every organization the caller belongs
// to (API.md section 7), and the new organization inherits the plan of the active one.
func (s *Server) createOrganization(c *call) response {
	for _, o := range s.orgs {
		if o.member(c.user.id) != nil && singleOrgPlan(o.plan) {
			return fail(errPlanLimit("You belong to %q on the %s plan, which allows one organization", o.slug, o.plan))
		}
	}
	b, err := decodeNamed(c.body)
	if err != nil {
		return fail(err)
	}
	if s.findOrg(b.Slug) != nil {
		return fail(errConflict("slug", "The slug %q is taken", b.Slug))
	}
	o := s.newOrganization(b.Name, b.Slug, c.org.plan, c.user.id, c.now)
	s.audit(c, o, "organization.created", o.id, map[string]string{"slug": o.slug, "plan": o.plan})
	return created(toWireOrganization(o, roleOwner))
}

// newOrganization commits an organization with its owner and its default project.
func (s *Server) newOrganization(name, slug, plan, ownerID string, now time.Time) *organization {
	o := &organization{id: newUUID(), name: name, slug: slug, plan: plan, createdAt: now, seq: s.nextSeq(),
		deleted: map[string]string{}}
	o.members = append(o.members, &member{id: newMemberID(), userID: ownerID, role: roleOwner, joinedAt: now, seq: s.nextSeq()})
	o.projects = append(o.projects, &project{id: newProjectID(), name: "Default", slug: "default", isDefault: true,
		createdAt: now, seq: s.nextSeq()})
	s.orgs = append(s.orgs, o)
	return o
}

func (s *Server) listOrganizations(c *call) response {
	p, err := parsePage(c.r.URL.Query(), "organizations")
	if err != nil {
		return fail(err)
	}
	return paginate(s.orgs, func(o *organization) uint64 { return o.seq },
		func(o *organization) bool { return o.member(c.user.id) != nil }, p, "organizations",
		func(o *organization) wireOrganization { return toWireOrganization(o, o.member(c.user.id).role) })
}

func (s *Server) getOrganization(c *call) response {
	return ok(toWireOrganization(c.org, c.member.role))
}

// deleteOrganization removes everything the organization holds and revokes its keys (they
// stay known, as revoked, so using one answers invalid_token rather than a puzzling 404).
func (s *Server) deleteOrganization(c *call) response {
	if c.r.URL.Query().Get("confirm") != c.org.slug {
		return fail(errConfirmation())
	}
	for _, k := range c.org.keys {
		k.revoke(c.now)
	}
	s.orgs = removeItem(s.orgs, c.org)
	return deleted(c.org.id)
}

type transferBody struct {
	UserID string `json:"userId"`
}

func (s *Server) transferOwnership(c *call) response {
	var b transferBody
	if err := decodeJSON(c.body, &b); err != nil {
		return fail(err)
	}
	if b.UserID == "" {
		return fail(errValidation("userId", "userId is required"))
	}
	target := c.org.member(b.UserID)
	if target == nil {
		return fail(errNotFound("Member"))
	}
	if target == c.member {
		return fail(errValidation("userId", "You already own this organization"))
	}
	c.member.role = roleAdmin
	target.role = roleOwner
	s.audit(c, c.org, "ownership.transferred", target.userID, map[string]string{"fromUserId": c.user.id, "toUserId": target.userID})
	return ok(toWireOrganization(c.org, c.member.role))
}

func (s *Server) getMe(c *call) response { return ok(toWireUser(c.user)) }
