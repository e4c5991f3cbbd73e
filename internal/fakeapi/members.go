package fakeapi

func (s *Server) listMembers(c *call) response {
	p, err := parsePage(c.r.URL.Query(), "members")
	if err != nil {
		return fail(err)
	}
	return paginate(c.org.members, func(m *member) uint64 { return m.seq }, nil, p, "members", s.toWireMember)
}

type memberUpdateBody struct {
	Role string `json:"role"`
}

// updateMember never touches the owner: "owner" cannot be set (a validation error: use a
// transfer) and the owner's role cannot be changed by anyone (forbidden).
func (s *Server) updateMember(c *call) response {
	var b memberUpdateBody
	if err := decodeJSON(c.body, &b); err != nil {
		return fail(err)
	}
	newRole, err := validateInviteRole("role", b.Role)
	if err != nil {
		return fail(err)
	}
	target := c.org.member(c.r.PathValue("userId"))
	if target == nil {
		return fail(errNotFound("Member"))
	}
	if target.role == roleOwner {
		return fail(errForbidden("The owner's role changes only by a transfer of ownership"))
	}
	if target.role != newRole {
		old := target.role
		target.role = newRole
		s.audit(c, c.org, "member.role_updated", target.userID, map[string]string{"from": old.String(), "to": newRole.String()})
	}
	return ok(s.toWireMember(target))
}

// removeMember also revokes the API keys the removed user holds in this organization: a key
// belongs to its user and its organization, and must not outlive the user's membership there.
func (s *Server) removeMember(c *call) response {
	userID := c.r.PathValue("userId")
	target := c.org.member(userID)
	if target == nil {
		if id, ok := c.org.wasDeleted("member", userID); ok {
			return deleted(id)
		}
		return fail(errNotFound("Member"))
	}
	if target.role == roleOwner {
		return fail(errForbidden("The owner cannot be removed"))
	}
	c.org.members = removeItem(c.org.members, target)
	for _, k := range c.org.keys {
		if k.userID == userID {
			k.revoke(c.now)
		}
	}
	c.org.markDeleted("member", userID, userID)
	s.audit(c, c.org, "member.removed", userID, map[string]string{"role": target.role.String()})
	return deleted(userID)
}
