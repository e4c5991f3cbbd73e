package fakeapi

import "fmt"

type sandboxCreateBody struct {
	Template string   `json:"template"`
	Name     *string  `json:"name"`
	Project  string   `json:"project"`
	Tags     []string `json:"tags"`
}

const maxTags = 50

func (s *Server) createSandbox(c *call) response {
	var b sandboxCreateBody
	if err := decodeJSON(c.body, &b); err != nil {
		return fail(err)
	}
	template := b.Template
	if template == "" {
		template = c.org.settings.defaultTemplate
	}
	if template == "" {
		return fail(errValidation("template", "template is required: the organization has no defaultTemplate"))
	}
	if err := validateFreeText("template", template); err != nil {
		return fail(err)
	}
	var name string
	if b.Name != nil {
		n, err := validateName("name", *b.Name)
		if err != nil {
			return fail(err)
		}
		name = n
	}
	if len(b.Tags) > maxTags {
		return fail(errValidation("tags", "at most %d tags", maxTags))
	}
	for i, t := range b.Tags {
		if err := validateFreeText(fmt.Sprintf("tags[%d]", i), t); err != nil {
			return fail(err)
		}
	}
	p := c.org.defaultProject()
	if b.Project != "" {
		if p = c.org.project(b.Project); p == nil {
			return fail(errNotFound("Project"))
		}
	}
	if c.org.insufficientCredits {
		return fail(errInsufficientCredits())
	}
	if name != "" && c.org.sandbox(name) != nil {
		return fail(errConflict("name", "A sandbox named %q exists", name))
	}
	sb := &sandbox{id: newSandboxID(), name: name, status: "creating", template: template, projectID: p.id,
		tags: append([]string(nil), b.Tags...), createdAt: c.now, seq: s.nextSeq()}
	if sb.name == "" {
		sb.name = sb.id // a sandbox is always addressable by name, so an unnamed one takes its id
	}
	c.org.sandboxes = append(c.org.sandboxes, sb)
	return created(toWireSandbox(sb))
}

func (s *Server) listSandboxes(c *call) response {
	q := c.r.URL.Query()
	p, err := parsePage(q, "sandboxes")
	if err != nil {
		return fail(err)
	}
	projectID := ""
	if ref := q.Get("project"); ref != "" {
		proj := c.org.project(ref)
		if proj == nil {
			return fail(errNotFound("Project"))
		}
		projectID = proj.id
	}
	status := q.Get("status")
	keep := func(sb *sandbox) bool {
		return (projectID == "" || sb.projectID == projectID) && (status == "" || sb.status == status)
	}
	return paginate(c.org.sandboxes, func(sb *sandbox) uint64 { return sb.seq }, keep, p, "sandboxes", toWireSandbox)
}

func (s *Server) getSandbox(c *call) response {
	sb := c.org.sandbox(c.r.PathValue("idOrName"))
	if sb == nil {
		return fail(errNotFound("Sandbox"))
	}
	return ok(toWireSandbox(sb))
}

// deleteSandbox addresses by id only (API.md section 6), and a repeated delete answers 200.
func (s *Server) deleteSandbox(c *call) response {
	id := c.r.PathValue("id")
	var sb *sandbox
	for _, x := range c.org.sandboxes {
		if x.id == id {
			sb = x
		}
	}
	if sb == nil {
		if _, ok := c.org.wasDeleted("sandbox", id); ok {
			return deleted(id)
		}
		return fail(errNotFound("Sandbox"))
	}
	c.org.sandboxes = removeItem(c.org.sandboxes, sb)
	c.org.markDeleted("sandbox", id, id)
	return deleted(id)
}
