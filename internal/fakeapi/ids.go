package fakeapi

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

const alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomAlphanumeric draws n characters uniformly from [A-Za-z0-9]: bytes at or above 248
// (the largest multiple of 62 that fits) are rejected so no character is favoured.
func randomAlphanumeric(n int) string {
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/2)
	for len(out) < n {
		_, _ = rand.Read(buf) // crypto/rand.Read never fails since Go 1.24
		for _, b := range buf {
			if b >= 248 {
				continue
			}
			out = append(out, alphanumerics[b%62])
			if len(out) == n {
				break
			}
		}
	}
	return string(out)
}

func randomHex(nBytes int) string {
	b := make([]byte, nBytes)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func newRequestID() string { return "req_" + randomHex(12) }
func newUserID() string    { return "user_" + randomHex(12) }
func newMemberID() string  { return "mem_" + randomHex(12) }
func newInviteID() string  { return "inv_" + randomHex(12) }
func newKeyID() string     { return "key_" + randomHex(12) }
func newProjectID() string { return "proj_" + randomHex(12) }
func newSandboxID() string { return "sandbox-" + randomHex(6) }
func newAuditID() string   { return "evt_" + randomHex(12) }
func newSecretKey() string { return "rt_live_" + randomAlphanumeric(32) }
