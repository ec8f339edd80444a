package main

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// The user's request, as bench.jar's UserTrace emits it: a Gin SERVER span with a redis and a
// gorm (mysql) CLIENT child, under the scopes of the libraries' OpenTelemetry plugins.
const (
	spansPerTrace = 3
	ginScope      = "go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
	redisScope    = "github.com/redis/go-redis/extra/redisotel"
	gormScope     = "gorm.io/plugin/opentelemetry"
	scopeVersion  = "0.57.0"
	route         = "/ping/GRM"

	// Offsets from the request's start: redis 100–180.5 µs, the query 200–650 µs, end at 700 µs.
	redisStart   = 100 * time.Microsecond
	redisEnd     = 180500 * time.Nanosecond
	queryStart   = 200 * time.Microsecond
	queryEnd     = 650 * time.Microsecond
	requestEnd   = 700 * time.Microsecond
	serverPort   = 8080
	redisPort    = 6379
	mysqlPort    = 3306
	rowsAffected = 1
)

var (
	serverAttributes = []attribute.KeyValue{
		attribute.String("http.method", "GET"),
		attribute.String("http.scheme", "http"),
		attribute.String("net.host.name", "localhost"),
		attribute.Int("net.host.port", serverPort),
		attribute.String("net.sock.peer.addr", "127.0.0.1"),
		attribute.String("http.route", route),
		attribute.String("http.target", route),
		attribute.String("user_agent.original", "Go-http-client/1.1"),
		attribute.Int("http.status_code", 200),
	}
	redisAttributes = []attribute.KeyValue{
		attribute.String("db.system", "redis"),
		attribute.String("db.statement", "ping"),
		attribute.String("net.peer.name", "redis"),
		attribute.Int("net.peer.port", redisPort),
		attribute.String("db.connection_string", "redis://redis:6379"),
	}
	queryAttributes = []attribute.KeyValue{
		attribute.String("db.system", "mysql"),
		attribute.String("db.statement", "SELECT 1"),
		attribute.Int("db.rows_affected", rowsAffected),
		attribute.String("server.address", "mysql"),
		attribute.Int("server.port", mysqlPort),
	}
)

// userTrace emits one request of the user's service per call; safe for concurrent use.
type userTrace struct {
	gin, redis, gorm trace.Tracer
}

func newUserTrace(provider trace.TracerProvider) userTrace {
	tracer := func(scope string) trace.Tracer {
		return provider.Tracer(scope, trace.WithInstrumentationVersion(scopeVersion))
	}
	return userTrace{gin: tracer(ginScope), redis: tracer(redisScope), gorm: tracer(gormScope)}
}

// emit starts and ends the trace's three spans, the request starting at start.
func (u userTrace) emit(start time.Time) {
	request, server := u.gin.Start(context.Background(), route,
		trace.WithSpanKind(trace.SpanKindServer),
		trace.WithTimestamp(start),
		trace.WithAttributes(serverAttributes...))
	child(request, u.redis, "ping", redisAttributes, start.Add(redisStart), start.Add(redisEnd))
	child(request, u.gorm, "gorm.Raw", queryAttributes, start.Add(queryStart), start.Add(queryEnd))
	server.End(trace.WithTimestamp(start.Add(requestEnd)))
}

func child(parent context.Context, tracer trace.Tracer, name string,
	attributes []attribute.KeyValue, start, end time.Time) {
	_, span := tracer.Start(parent, name,
		trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(start),
		trace.WithAttributes(attributes...))
	span.End(trace.WithTimestamp(end))
}
