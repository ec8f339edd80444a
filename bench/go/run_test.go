package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// fakeCollector is an OTLP/HTTP endpoint on loopback that answers every request with status
// after delay and counts the spans of the requests it answered with 200.
type fakeCollector struct {
	*httptest.Server
	status int
	delay  time.Duration

	mu        sync.Mutex
	spans     int64
	resources []*tracepb.ResourceSpans
	jsonTrees []map[string]any
}

func newFakeCollector(t *testing.T, status int, delay time.Duration) *fakeCollector {
	f := &fakeCollector{status: status, delay: delay}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeCollector) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	time.Sleep(f.delay) // a slow collector is what this fake stands for
	if f.status == http.StatusOK {
		f.keep(r.Header.Get("Content-Type"), body)
	}
	w.WriteHeader(f.status)
}

func (f *fakeCollector) keep(contentType string, body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if contentType == "application/json" {
		var tree map[string]any
		if err := json.Unmarshal(body, &tree); err != nil {
			panic(err)
		}
		f.jsonTrees = append(f.jsonTrees, tree)
		f.spans += int64(strings.Count(string(body), `"spanId"`))
		return
	}
	var request coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(body, &request); err != nil {
		panic(err)
	}
	f.resources = append(f.resources, request.ResourceSpans...)
	f.spans += countSpans(request.ResourceSpans)
}

func (f *fakeCollector) acceptedSpans() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.spans
}

func countSpans(resources []*tracepb.ResourceSpans) int64 {
	var n int64
	for _, r := range resources {
		for _, s := range r.ScopeSpans {
			n += int64(len(s.Spans))
		}
	}
	return n
}

// smallConfig has a small queue and a short delay, so that tests see exports and drops quickly.
func smallConfig(endpoint string, workers, traces int) config {
	return config{endpoint: endpoint, protocol: protocolHTTPProtobuf, workers: workers,
		tracesPerWorker: traces, service: defaultService, queueSizeSpans: 256,
		batchSizeSpans: 64, scheduleDelay: 50 * time.Millisecond, progressInterval: time.Hour}
}

func runLoad(t *testing.T, cfg config) spanCounts {
	t.Helper()
	ctx := context.Background()
	r, err := newLoadRun(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close(ctx)
	r.sendAll()
	if _, err := r.drain(); err != nil {
		t.Fatal(err)
	}
	return r.counts(ctx)
}

func TestEverySpanOfTheUsersTracesIsExportedAndCounted(t *testing.T) {
	collector := newFakeCollector(t, http.StatusOK, 0)
	cfg := smallConfig(collector.URL, 2, 50)
	cfg.queueSizeSpans = 512 // holds all 300 spans: no drop however slow the machine is

	counts := runLoad(t, cfg)

	want := spanCounts{ended: 300, exported: 300, failed: 0, sdkDropped: -1, drained: true}
	if counts != want {
		t.Fatalf("counts = %+v, want %+v", counts, want)
	}
	if got := collector.acceptedSpans(); got != 300 {
		t.Fatalf("collector accepted %d spans, want 300", got)
	}
}

func TestASlowCollectorFillsTheQueueAndDroppedMatchesTheSdksOwnCount(t *testing.T) {
	t.Setenv(observabilityEnv, "") // restored after the test; enableSDKDrops sets it
	collector := newFakeCollector(t, http.StatusOK, 20*time.Millisecond)
	cfg := smallConfig(collector.URL, 2, 1000)
	cfg.sdkDropCount = true

	counts := runLoad(t, cfg)

	if counts.ended != 6000 || counts.failed != 0 {
		t.Fatalf("counts = %+v, want 6000 ended and 0 failed", counts)
	}
	if counts.dropped() <= 0 || counts.dropped() != counts.sdkDropped {
		t.Fatalf("dropped %d (ended - exported - failed), SDK says %d; want equal and > 0",
			counts.dropped(), counts.sdkDropped)
	}
	if counts.exported+counts.dropped() != 6000 || counts.unaccounted() != 0 {
		t.Fatalf("counts = %+v do not add up to 6000", counts)
	}
	if got := collector.acceptedSpans(); got != counts.exported {
		t.Fatalf("collector accepted %d spans, client counted %d exported", got, counts.exported)
	}
}

func TestLosslessMakesWorkersWaitInsteadOfDropping(t *testing.T) {
	collector := newFakeCollector(t, http.StatusOK, 20*time.Millisecond)
	cfg := smallConfig(collector.URL, 2, 1000)
	cfg.lossless = true

	counts := runLoad(t, cfg)

	want := spanCounts{ended: 6000, exported: 6000, failed: 0, sdkDropped: -1, drained: true}
	if counts != want {
		t.Fatalf("counts = %+v, want %+v", counts, want)
	}
	if got := collector.acceptedSpans(); got != 6000 {
		t.Fatalf("collector accepted %d spans, want 6000", got)
	}
}

func TestRefusedExportsAreCountedAsFailed(t *testing.T) {
	for _, protocol := range []string{protocolHTTPProtobuf, protocolHTTPJSON} {
		t.Run(strings.ReplaceAll(protocol, "/", "-"), func(t *testing.T) {
			collector := newFakeCollector(t, http.StatusBadRequest, 0)
			cfg := smallConfig(collector.URL, 1, 10)
			cfg.protocol = protocol

			counts := runLoad(t, cfg)

			want := spanCounts{ended: 30, exported: 0, failed: 30, sdkDropped: -1, drained: true}
			if counts != want {
				t.Fatalf("counts = %+v, want %+v", counts, want)
			}
		})
	}
}

func TestHTTPJSONSendsOtlpJsonWithHexIdsAndNumericEnums(t *testing.T) {
	collector := newFakeCollector(t, http.StatusOK, 0)
	cfg := smallConfig(collector.URL, 1, 1)
	cfg.protocol = protocolHTTPJSON

	counts := runLoad(t, cfg)

	if counts.exported != 3 || collector.acceptedSpans() != 3 {
		t.Fatalf("exported %d, collector accepted %d; want 3 and 3",
			counts.exported, collector.acceptedSpans())
	}
	spans := jsonSpans(collector.jsonTrees[0])
	server, redis, gorm := spans[ginScope], spans[redisScope], spans[gormScope]
	if server["name"] != route || redis["name"] != "ping" || gorm["name"] != "gorm.Raw" {
		t.Fatalf("names: %v %v %v", server["name"], redis["name"], gorm["name"])
	}
	if server["kind"] != float64(2) || redis["kind"] != float64(3) {
		t.Fatalf("kinds: server %v, redis %v; want 2 and 3", server["kind"], redis["kind"])
	}
	traceID, _ := server["traceId"].(string)
	if len(traceID) != 32 || strings.Trim(traceID, "0123456789abcdef") != "" {
		t.Fatalf("traceId %q is not 32 hex digits", traceID)
	}
	if redis["parentSpanId"] != server["spanId"] || gorm["traceId"] != traceID {
		t.Fatalf("children do not point at the server span: %v %v", redis, gorm)
	}
	if _, ok := server["parentSpanId"]; ok {
		t.Fatalf("the server span has a parent: %v", server["parentSpanId"])
	}
	if server["startTimeUnixNano"] == nil || server["endTimeUnixNano"] == nil {
		t.Fatalf("times missing: %v", server)
	}
}

func jsonSpans(tree map[string]any) map[string]map[string]any {
	byScope := map[string]map[string]any{}
	for _, r := range tree["resourceSpans"].([]any) {
		for _, s := range r.(map[string]any)["scopeSpans"].([]any) {
			scope := s.(map[string]any)
			name := scope["scope"].(map[string]any)["name"].(string)
			byScope[name] = scope["spans"].([]any)[0].(map[string]any)
		}
	}
	return byScope
}

func TestEachTraceIsAGinRequestWithARedisAndAGormChild(t *testing.T) {
	collector := newFakeCollector(t, http.StatusOK, 0)
	runLoad(t, smallConfig(collector.URL, 1, 1))

	byScope := map[string]*tracepb.Span{}
	for _, r := range collector.resources {
		for _, s := range r.ScopeSpans {
			if s.Scope.Version != scopeVersion {
				t.Fatalf("scope %s has version %q", s.Scope.Name, s.Scope.Version)
			}
			byScope[s.Scope.Name] = s.Spans[0]
		}
	}
	server, redis, gorm := byScope[ginScope], byScope[redisScope], byScope[gormScope]
	if redis.StartTimeUnixNano-server.StartTimeUnixNano != 100_000 ||
		gorm.StartTimeUnixNano-redis.StartTimeUnixNano != 100_000 ||
		server.EndTimeUnixNano-server.StartTimeUnixNano != 700_000 ||
		redis.EndTimeUnixNano-redis.StartTimeUnixNano != 80_500 {
		t.Fatalf("timings: server %v, redis %v, gorm %v", server, redis, gorm)
	}
	if string(redis.ParentSpanId) != string(server.SpanId) ||
		string(gorm.ParentSpanId) != string(server.SpanId) || len(server.ParentSpanId) != 0 {
		t.Fatal("children do not point at the server span")
	}
	if server.Kind != tracepb.Span_SPAN_KIND_SERVER || gorm.Kind != tracepb.Span_SPAN_KIND_CLIENT {
		t.Fatalf("kinds: %v %v", server.Kind, gorm.Kind)
	}
	attrs := map[string]string{}
	for _, kv := range server.Attributes {
		attrs[kv.Key] = kv.Value.String()
	}
	if !strings.Contains(attrs["http.route"], route) || !strings.Contains(attrs["http.status_code"], "200") {
		t.Fatalf("server attributes: %v", attrs)
	}
}

// grpcCollector answers OTLP/gRPC exports on loopback and counts their spans.
type grpcCollector struct {
	coltracepb.UnimplementedTraceServiceServer
	mu    sync.Mutex
	spans int64
}

func (g *grpcCollector) Export(_ context.Context, r *coltracepb.ExportTraceServiceRequest) (
	*coltracepb.ExportTraceServiceResponse, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.spans += countSpans(r.ResourceSpans)
	return &coltracepb.ExportTraceServiceResponse{}, nil
}

func TestGrpcExportsAreCounted(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer()
	collector := &grpcCollector{}
	coltracepb.RegisterTraceServiceServer(server, collector)
	go server.Serve(listener)
	t.Cleanup(server.Stop)
	cfg := smallConfig("http://"+listener.Addr().String(), 2, 20)
	cfg.protocol = protocolGRPC

	counts := runLoad(t, cfg)

	want := spanCounts{ended: 120, exported: 120, failed: 0, sdkDropped: -1, drained: true}
	if counts != want || collector.spans != 120 {
		t.Fatalf("counts = %+v (collector %d), want %+v", counts, collector.spans, want)
	}
}
