package fakeapi

import (
	"slices"
	"strings"
)

func (s *Server) getSettings(c *call) response { return ok(toWireSettings(c.org)) }

// settingsBody uses pointers because absent means "unchanged" (API.md section 6).
type settingsBody struct {
	Name                 *string `json:"name"`
	DefaultTemplate      *string `json:"defaultTemplate"`
	AllowPublicSandboxes *bool   `json:"allowPublicSandboxes"`
	RequireMFA           *bool   `json:"requireMfa"`
}

// updateSettings: the name is the organization's name, so renaming here renames it
// everywhere; defaultTemplate "" clears the default.
func (s *Server) updateSettings(c *call) response {
	var b settingsBody
	if err := decodeJSON(c.body, &b); err != nil {
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
	if b.DefaultTemplate != nil && *b.DefaultTemplate != "" {
		if err := validateFreeText("defaultTemplate", *b.DefaultTemplate); err != nil {
			return fail(err)
		}
	}
	var changed []string
	if b.Name != nil && name != c.org.name {
		c.org.name = name
		changed = append(changed, "name")
	}
	if b.DefaultTemplate != nil && *b.DefaultTemplate != c.org.settings.defaultTemplate {
		c.org.settings.defaultTemplate = *b.DefaultTemplate
		changed = append(changed, "defaultTemplate")
	}
	if b.AllowPublicSandboxes != nil && *b.AllowPublicSandboxes != c.org.settings.allowPublicSandboxes {
		c.org.settings.allowPublicSandboxes = *b.AllowPublicSandboxes
		changed = append(changed, "allowPublicSandboxes")
	}
	if b.RequireMFA != nil && *b.RequireMFA != c.org.settings.requireMFA {
		c.org.settings.requireMFA = *b.RequireMFA
		changed = append(changed, "requireMfa")
	}
	if len(changed) > 0 {
		slices.Sort(changed)
		s.audit(c, c.org, "settings.updated", c.org.id, map[string]string{"fields": strings.Join(changed, ",")})
	}
	return ok(toWireSettings(c.org))
}
