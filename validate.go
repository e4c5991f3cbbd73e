package runtools

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Local checks of API.md section 8: what the SDK can know for certain before sending. Enum
// membership (roles, scopes, plans) is left to the server so that a value the service adds
// keeps working.

var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`)

func checkSlug(field, slug string) error {
	switch {
	case len(slug) < 3 || len(slug) > 48:
		return invalid(field, "must be 3–48 characters")
	case !slugPattern.MatchString(slug) || strings.Contains(slug, "--"):
		return invalid(field, "must be lowercase letters, digits and single hyphens, starting and ending with a letter or digit")
	}
	return nil
}

func checkName(field, name string) error {
	trimmed := strings.TrimSpace(name)
	switch n := utf8.RuneCountInString(trimmed); {
	case n == 0:
		return invalid(field, "must not be empty")
	case n > 100:
		return invalid(field, "must be at most 100 characters")
	case !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return invalid(field, "must not contain control characters")
	}
	return nil
}

func checkEmail(field, email string) error {
	if email == "" {
		return invalid(field, "is required")
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" || len(email) > 254 {
		return invalid(field, "must be a bare address like dev@acme.com, at most 254 characters")
	}
	return nil
}

// checkID refuses what cannot name a resource in a path segment.
func checkID(field, id string) error {
	if id == "" || id == "." || id == ".." {
		return invalid(field, `must not be empty, "." or ".."`)
	}
	return nil
}

func checkRequired(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return invalid(field, "is required")
	}
	return nil
}

// checkScopes rejects empty and repeated scopes, naming the entry as the server does
// ("scopes[2]"). Unknown values pass: scope membership is the server's to judge.
func checkScopes(field string, scopes []Scope) error {
	seen := make(map[Scope]bool, len(scopes))
	for i, s := range scopes {
		name := field + "[" + strconv.Itoa(i) + "]"
		switch {
		case strings.TrimSpace(string(s)) == "":
			return invalid(name, "must not be empty")
		case seen[s]:
			return invalid(name, fmt.Sprintf("repeats scope %q", s))
		}
		seen[s] = true
	}
	return nil
}

// expiresUnits maps an expiresIn unit to days.
var expiresUnits = map[byte]int{'d': 1, 'w': 7, 'm': 30, 'y': 365}

func checkExpiresIn(field, v string) error {
	if v == "" {
		return nil // never expires
	}
	days, ok := expiresUnits[v[len(v)-1]]
	n, err := strconv.Atoi(v[:len(v)-1])
	if !ok || err != nil || n < 1 || n > 9999 || v[0] == '+' {
		return invalid(field, `must be <n><unit>, n 1–9999, unit d, w, m or y (e.g. "90d")`)
	}
	if n*days > 5*365 {
		return invalid(field, "must be at most 5 years")
	}
	return nil
}

func checkHTTPSURL(field, raw string) error {
	u, err := url.Parse(raw)
	if raw == "" || err != nil || u.Scheme != "https" || u.Host == "" {
		return invalid(field, "must be an absolute https URL")
	}
	return nil
}

func checkCertificate(field, pemText string) error {
	block, _ := pem.Decode([]byte(strings.TrimSpace(pemText)))
	if block == nil || block.Type != "CERTIFICATE" {
		return invalid(field, "must be a PEM CERTIFICATE block")
	}
	if _, err := x509.ParseCertificate(block.Bytes); err != nil {
		return invalid(field, "does not hold a parseable X.509 certificate")
	}
	return nil
}

// firstError returns the first non-nil error, so a params type can list its checks in
// order of the wire fields.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkRole requires a role and refuses RoleOwner, which no invite or role update may grant
// (API.md section 7); ownerMsg says what to do instead. Other values pass: role membership
// is the server's to judge.
func checkRole(field string, role Role, ownerMsg string) error {
	switch {
	case strings.TrimSpace(string(role)) == "":
		return invalid(field, "is required")
	case role == RoleOwner:
		return invalid(field, ownerMsg)
	}
	return nil
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// isSlugNotID reports whether an organization reference is certainly a slug: it has a slug's
// shape and is not a uuid, the shape of organization ids (a lowercase uuid is slug-shaped
// too). Anything else (an id, "", an unusual value) may name an organization whose slug the
// SDK does not know.
func isSlugNotID(org string) bool {
	return checkSlug("org", org) == nil && !uuidPattern.MatchString(org)
}
