package runtools

// SandboxesService manages the sandboxes of the active organization. Reach it as
// Client.Sandboxes.
type SandboxesService struct{ c *Client }
