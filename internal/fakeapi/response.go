package fakeapi

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// response is what an endpoint decided; the gate turns it into bytes once, so that the bytes
// sent and the bytes stored for an idempotent replay are the same.
type response struct {
	status  int
	data    any
	list    bool
	hasMore bool
	next    string
	err     *apiError
}

func ok(data any) response      { return response{status: http.StatusOK, data: data} }
func created(data any) response { return response{status: http.StatusCreated, data: data} }
func fail(err *apiError) response {
	return response{status: err.status, err: err}
}
func deleted(id string) response { return ok(wireDeleted{ID: id, Deleted: true}) }

type successEnvelope struct {
	Data any         `json:"data"`
	Meta successMeta `json:"meta"`
}

type successMeta struct {
	RequestID string `json:"requestId"`
}

type listEnvelope struct {
	Data any      `json:"data"`
	Meta listMeta `json:"meta"`
}

// listMeta always carries nextCursor, as null on the last page, per API.md section 2.
type listMeta struct {
	RequestID  string  `json:"requestId"`
	HasMore    bool    `json:"hasMore"`
	NextCursor *string `json:"nextCursor"`
}

type errorEnvelope struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"requestId"`
	Field     string `json:"field,omitempty"`
}

func (r response) encode(reqID string) []byte {
	var v any
	switch {
	case r.err != nil:
		v = errorEnvelope{Error: errorBody{Code: r.err.code, Message: r.err.message, RequestID: reqID, Field: r.err.field}}
	case r.list:
		m := listMeta{RequestID: reqID, HasMore: r.hasMore}
		if r.hasMore {
			m.NextCursor = &r.next
		}
		v = listEnvelope{Data: r.data, Meta: m}
	default:
		v = successEnvelope{Data: r.data, Meta: successMeta{RequestID: reqID}}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only a bug in this package can get here; answer like a broken server would.
		return response{err: errInternal()}.encode(reqID)
	}
	return buf.Bytes()
}
