package runtools

// APIKeysService manages the scoped API keys of the active organization. Reach it as
// Client.APIKeys.
type APIKeysService struct{ c *Client }
