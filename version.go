package runtools

// Version is the SDK's semantic version, sent in the User-Agent header.
const Version = "0.1.0"
