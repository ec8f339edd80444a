package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// The Go SDK's OTLP/HTTP exporter sends protobuf only, so http/json goes through this
// otlptrace.Client: the SDK still batches, converts spans to OTLP and calls UploadTraces; this
// client writes the request as OTLP/JSON and retries as otlptracehttp does by default
// (429, 502, 503 and 504, honouring Retry-After; backoff from 5 s up to 30 s; give up after 1 min).
const (
	jsonRequestTimeout  = 10 * time.Second
	jsonInitialBackoff  = 5 * time.Second
	jsonMaxBackoff      = 30 * time.Second
	jsonMaxElapsed      = time.Minute
	jsonErrorBodyMaxLen = 200
)

// idFields are the OTLP/JSON fields that hold ids: hex strings in OTLP/JSON, where protojson
// would write bytes as base64.
var idFields = map[string]bool{"traceId": true, "spanId": true, "parentSpanId": true}

type jsonClient struct {
	url  string
	http *http.Client
}

func newJSONClient(endpoint string) *jsonClient {
	return &jsonClient{
		url:  trimSlash(endpoint) + "/v1/traces",
		http: &http.Client{Timeout: jsonRequestTimeout},
	}
}

func (c *jsonClient) Start(context.Context) error { return nil }

func (c *jsonClient) Stop(context.Context) error {
	c.http.CloseIdleConnections()
	return nil
}

// UploadTraces sends the spans as one OTLP/JSON request, retrying transient refusals.
func (c *jsonClient) UploadTraces(ctx context.Context, spans []*tracepb.ResourceSpans) error {
	body, err := otlpJSON(&coltracepb.ExportTraceServiceRequest{ResourceSpans: spans})
	if err != nil {
		return err
	}
	deadline := time.Now().Add(jsonMaxElapsed)
	backoff := jsonInitialBackoff
	for {
		wait, err := c.post(ctx, body)
		if err == nil || wait < 0 {
			return err
		}
		if wait == 0 {
			wait = jittered(backoff)
			backoff = min(2*backoff, jsonMaxBackoff)
		}
		if time.Now().Add(wait).After(deadline) {
			return fmt.Errorf("giving up after %s: %w", jsonMaxElapsed, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last: %v)", ctx.Err(), err)
		case <-time.After(wait):
		}
	}
}

// post sends one request. It returns a nil error on success; otherwise how long to wait before
// a retry (0: the caller's backoff; negative: the error is permanent).
func (c *jsonClient) post(ctx context.Context, body []byte) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return -1, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode/100 == 2 {
		return 0, nil
	}
	err = fmt.Errorf("POST %s: status %d: %s", c.url, resp.StatusCode, clip(answer))
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable,
		http.StatusGatewayTimeout:
		return retryAfter(resp.Header.Get("Retry-After")), err
	default:
		return -1, err
	}
}

// otlpJSON writes the request as OTLP/JSON: lowerCamelCase names, enums as numbers, 64-bit
// integers as strings (protojson's default) and ids as hex strings.
func otlpJSON(request *coltracepb.ExportTraceServiceRequest) ([]byte, error) {
	raw, err := protojson.MarshalOptions{UseEnumNumbers: true}.Marshal(request)
	if err != nil {
		return nil, err
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	var tree any
	if err := decoder.Decode(&tree); err != nil {
		return nil, err
	}
	if err := hexIDs(tree); err != nil {
		return nil, err
	}
	return json.Marshal(tree)
}

func hexIDs(node any) error {
	switch n := node.(type) {
	case map[string]any:
		for key, value := range n {
			if s, ok := value.(string); ok && idFields[key] {
				id, err := base64.StdEncoding.DecodeString(s)
				if err != nil {
					return fmt.Errorf("%s: not base64: %q", key, s)
				}
				n[key] = hex.EncodeToString(id)
			} else if err := hexIDs(value); err != nil {
				return err
			}
		}
	case []any:
		for _, value := range n {
			if err := hexIDs(value); err != nil {
				return err
			}
		}
	}
	return nil
}

func retryAfter(header string) time.Duration {
	if seconds, err := strconv.Atoi(header); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second
	}
	return 0
}

// jittered spreads a backoff by ±50 %, as the SDK's exponential backoff does.
func jittered(d time.Duration) time.Duration {
	return d/2 + time.Duration(rand.Int64N(int64(d)))
}

func clip(body []byte) string {
	if len(body) > jsonErrorBodyMaxLen {
		return string(body[:jsonErrorBodyMaxLen]) + "…"
	}
	return string(body)
}

func trimSlash(s string) string {
	if len(s) > 0 && s[len(s)-1] == '/' {
		return s[:len(s)-1]
	}
	return s
}
