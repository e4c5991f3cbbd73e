package fakeapi

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The rules of API.md section 8. Each returns the error for the named field and never touches
// state, so handlers can validate everything before they change anything.

var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`)

func validateSlug(field, slug string) *apiError {
	switch {
	case slug == "":
		return errValidation(field, "%s is required", field)
	case len(slug) < 3 || len(slug) > 48:
		return errValidation(field, "%s must be 3 to 48 characters", field)
	case !slugPattern.MatchString(slug) || strings.Contains(slug, "--"):
		return errValidation(field, "%s must be lowercase letters, digits and single hyphens, not starting or ending with a hyphen", field)
	case slug == "current":
		// "current" names the active organization in paths, so it cannot be a slug.
		return errValidation(field, "%s %q is reserved", field, slug)
	}
	return nil
}

// validateName returns the trimmed name, which is what gets stored.
func validateName(field, name string) (string, *apiError) {
	trimmed := strings.TrimSpace(name)
	n := utf8.RuneCountInString(trimmed)
	switch {
	case !utf8.ValidString(name):
		return "", errValidation(field, "%s must be valid UTF-8", field)
	case n == 0:
		return "", errValidation(field, "%s is required", field)
	case n > 100:
		return "", errValidation(field, "%s must be at most 100 characters", field)
	case strings.IndexFunc(trimmed, unicode.IsControl) >= 0:
		return "", errValidation(field, "%s must not contain control characters", field)
	}
	return trimmed, nil
}

func validateEmail(field, email string) *apiError {
	if email == "" {
		return errValidation(field, "%s is required", field)
	}
	if len(email) > 254 {
		return errValidation(field, "%s must be at most 254 characters", field)
	}
	addr, err := mail.ParseAddress(email)
	// A display name or angle brackets make Address differ from the input: only a bare
	// local@domain is accepted.
	if err != nil || addr.Name != "" || addr.Address != email || !strings.Contains(email, "@") {
		return errValidation(field, "%s must be a bare email address (local@domain)", field)
	}
	return nil
}

// validateInviteRole accepts the roles an invite or a role update may grant: never owner,
// which only a transfer of ownership assigns.
func validateInviteRole(field, s string) (role, *apiError) {
	if s == "" {
		return roleNone, errValidation(field, "%s is required", field)
	}
	r, ok := parseRole(s)
	if !ok {
		return roleNone, errValidation(field, "%s must be one of admin, developer, viewer", field)
	}
	if r == roleOwner {
		return roleNone, errValidation(field, "%s cannot be owner; transfer ownership instead", field)
	}
	return r, nil
}

var expiresInPattern = regexp.MustCompile(`^([1-9][0-9]{0,3})([dwmy])$`)

// maxKeyLifetime is "5 years" with the contract's own year of 365 days.
const maxKeyLifetime = 5 * 365 * 24 * time.Hour

// parseExpiresIn turns "<n><d|w|m|y>" into a duration; m is 30 days and y 365 days.
func parseExpiresIn(s string) (time.Duration, *apiError) {
	m := expiresInPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, errValidation("expiresIn", "expiresIn must be <n><unit> with n from 1 to 9999 and unit d, w, m or y")
	}
	n, _ := strconv.Atoi(m[1])
	day := 24 * time.Hour
	unit := map[string]time.Duration{"d": day, "w": 7 * day, "m": 30 * day, "y": 365 * day}[m[2]]
	d := time.Duration(n) * unit
	if d > maxKeyLifetime {
		return 0, errValidation("expiresIn", "expiresIn must be at most 5 years")
	}
	return d, nil
}

var knownScopes = []string{"*", "sandboxes", "sandboxes:read", "agents", "agents:read", "tools", "templates", "execute"}

// validateScopes returns the scopes to store: an empty list means full access ("*").
func validateScopes(scopes []string) ([]string, *apiError) {
	if len(scopes) == 0 {
		return []string{"*"}, nil
	}
	seen := map[string]bool{}
	for i, sc := range scopes {
		field := fmt.Sprintf("scopes[%d]", i)
		switch {
		case sc == "":
			return nil, errValidation(field, "%s must not be empty", field)
		case !contains(knownScopes, sc):
			return nil, errValidation(field, "%s: unknown scope %q", field, sc)
		case seen[sc]:
			return nil, errValidation(field, "%s: duplicate scope %q", field, sc)
		}
		seen[sc] = true
	}
	return append([]string(nil), scopes...), nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func validateHTTPSURL(field, raw string) *apiError {
	if raw == "" {
		return errValidation(field, "%s is required", field)
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Scheme != "https" || u.Host == "" {
		return errValidation(field, "%s must be an absolute https URL", field)
	}
	return nil
}

// certFingerprint parses a PEM certificate and returns the SHA-256 of its DER bytes in hex.
func certFingerprint(field, certPEM string) (string, *apiError) {
	if strings.TrimSpace(certPEM) == "" {
		return "", errValidation(field, "%s is required", field)
	}
	block, _ := pem.Decode([]byte(certPEM))
	if block == nil || block.Type != "CERTIFICATE" {
		return "", errValidation(field, "%s must be a PEM CERTIFICATE block", field)
	}
	if _, err := x509.ParseCertificate(block.Bytes); err != nil {
		return "", errValidation(field, "%s does not hold a valid X.509 certificate", field)
	}
	sum := sha256.Sum256(block.Bytes)
	return hex.EncodeToString(sum[:]), nil
}

// validateFreeText checks short identifiers chosen by the caller (templates, tags): 1–100
// characters, no whitespace or control characters.
func validateFreeText(field, s string) *apiError {
	switch {
	case s == "":
		return errValidation(field, "%s must not be empty", field)
	case utf8.RuneCountInString(s) > 100:
		return errValidation(field, "%s must be at most 100 characters", field)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0:
		return errValidation(field, "%s must not contain whitespace or control characters", field)
	}
	return nil
}

// decodeJSON decodes a request body strictly: an empty body is {}, unknown fields are
// rejected with the field named (a misspelt field from a client is a bug worth surfacing, and
// this server exists to surface it), and trailing data is an error.
func decodeJSON(body []byte, v any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errValidation("", "The request body must be a single JSON object")
	}
	return nil
}

func jsonError(err error) *apiError {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return errValidation("", "The request body must be a JSON object")
		}
		return errValidation(typeErr.Field, "%s must be a JSON %s", typeErr.Field, jsonKind(typeErr))
	}
	if name, found := strings.CutPrefix(err.Error(), "json: unknown field "); found {
		name = strings.Trim(name, `"`)
		return errValidation(name, "Unknown field %q", name)
	}
	return errValidation("", "Malformed JSON body")
}

func jsonKind(e *json.UnmarshalTypeError) string {
	switch e.Type.Kind().String() {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice":
		return "array"
	case "struct", "map":
		return "object"
	}
	return e.Type.String()
}
