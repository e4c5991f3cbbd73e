package fakeapi

func (s *Server) createProject(c *call) response {
	b, err := decodeNamed(c.body)
	if err != nil {
		return fail(err)
	}
	if c.org.project(b.Slug) != nil {
		return fail(errConflict("slug", "The project slug %q is taken", b.Slug))
	}
	p := &project{id: newProjectID(), name: b.Name, slug: b.Slug, createdAt: c.now, seq: s.nextSeq()}
	c.org.projects = append(c.org.projects, p)
	s.audit(c, c.org, "project.created", p.id, map[string]string{"slug": p.slug})
	return created(toWireProject(p))
}

func (s *Server) listProjects(c *call) response {
	p, err := parsePage(c.r.URL.Query(), "projects")
	if err != nil {
		return fail(err)
	}
	return paginate(c.org.projects, func(p *project) uint64 { return p.seq }, nil, p, "projects", toWireProject)
}

func (s *Server) getProject(c *call) response {
	p := c.org.project(c.r.PathValue("idOrSlug"))
	if p == nil {
		return fail(errNotFound("Project"))
	}
	return ok(toWireProject(p))
}

// deleteProject refuses (409) to delete the default project, which every organization has,
// and a project that still holds sandboxes, rather than silently deleting them.
func (s *Server) deleteProject(c *call) response {
	ref := c.r.PathValue("idOrSlug")
	p := c.org.project(ref)
	if p == nil {
		if id, ok := c.org.wasDeleted("project", ref); ok {
			return deleted(id)
		}
		return fail(errNotFound("Project"))
	}
	if p.isDefault {
		return fail(errConflict("", "The default project cannot be deleted"))
	}
	for _, sb := range c.org.sandboxes {
		if sb.projectID == p.id {
			return fail(errConflict("", "The project still has sandboxes"))
		}
	}
	c.org.projects = removeItem(c.org.projects, p)
	c.org.markDeleted("project", p.id, p.id)
	c.org.markDeleted("project", p.slug, p.id)
	s.audit(c, c.org, "project.deleted", p.id, map[string]string{"slug": p.slug})
	return deleted(p.id)
}
