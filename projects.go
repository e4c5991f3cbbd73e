package runtools

// ProjectsService manages the projects of the active organization. Reach it as
// Client.Projects.
type ProjectsService struct{ c *Client }
