'use strict';
// Sends one fixed set of spans with the OpenTelemetry JS SDK to the OTLP/HTTP endpoint in
// SLUICE_OTLP_TRACES_URL, four times: http/json, http/json + gzip, http/protobuf and
// http/protobuf + gzip, one export each, in that order. NodeSdkWireTest holds the expected
// protobuf; every value here is fixed (ids, times, attributes) so that it can compare every field.
// Exits 0 when every export succeeded, 1 otherwise, 2 on a usage error.

const api = require('@opentelemetry/api');
const { TraceState } = require('@opentelemetry/core');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');
const timeoutMillis = 60000;
const { OTLPTraceExporter: JsonExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { OTLPTraceExporter: ProtoExporter } = require('@opentelemetry/exporter-trace-otlp-proto');

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const REMOTE_PARENT_ID = '00f067aa0ba902b7';
const LINKED_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const LINKED_SPAN_ID = '53995c3f42cd8ad8';
const START_SECONDS = 1700000000;

/** Span ids 0000000000000001, 0000000000000002, ... in creation order. */
class SequentialIdGenerator {
  constructor() {
    this.next = 1;
  }

  generateTraceId() {
    return 'ffffffffffffffffffffffffffffffff';
  }

  generateSpanId() {
    return (this.next++).toString(16).padStart(16, '0');
  }
}

function at(millis) {
  return [START_SECONDS + Math.floor(millis / 1000), (millis % 1000) * 1000000 + 123];
}

function recordSpans() {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'node-wire',
      'service.version': '1.2.3',
      'host.cores': 2,
    }),
    idGenerator: new SequentialIdGenerator(),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('sluice-node-wire', '0.1.0');
  const remoteParent = api.trace.setSpanContext(api.ROOT_CONTEXT, {
    traceId: TRACE_ID,
    spanId: REMOTE_PARENT_ID,
    traceFlags: api.TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('vendor=a,other=b'),
  });

  const server = tracer.startSpan('GET /checkout', {
    kind: api.SpanKind.SERVER,
    startTime: at(0),
    attributes: {
      'http.method': 'GET',
      'http.status_code': 502,
      'retry': true,
      'load': 0.75,
      'tags': ['a', 'b'],
      'codes': [1, 2, 3],
      'ratios': [0.5, 1.5],
      'flags': [true, false],
      'negative': -42,
    },
    links: [{
      context: {
        traceId: LINKED_TRACE_ID,
        spanId: LINKED_SPAN_ID,
        traceFlags: api.TraceFlags.NONE,
        isRemote: true,
        traceState: new TraceState('link=1'),
      },
      attributes: { 'link.reason': 'retry-of', 'link.attempt': 2 },
    }],
  }, remoteParent);
  server.addEvent('cache.miss', { 'cache.key': 'cart-7', 'cache.size': 128 }, at(5));
  server.addEvent('exception', {
    'exception.type': 'PaymentDeclined',
    'exception.message': 'card expired',
  }, at(40));

  const serverContext = api.trace.setSpan(api.ROOT_CONTEXT, server);
  const client = tracer.startSpan('POST /charge', {
    kind: api.SpanKind.CLIENT,
    startTime: at(10),
    attributes: { 'peer.service': 'payments' },
  }, serverContext);
  client.setStatus({ code: api.SpanStatusCode.OK });
  client.end(at(35));

  const producer = tracer.startSpan('orders publish', {
    kind: api.SpanKind.PRODUCER,
    startTime: at(36),
  }, serverContext);
  producer.end(at(37));

  const consumer = tracer.startSpan('orders process', {
    kind: api.SpanKind.CONSUMER,
    startTime: at(38),
  }, serverContext);
  consumer.end(at(39));

  const internal = tracer.startSpan('render', { startTime: at(41) }, serverContext);
  internal.end(at(42));

  server.setStatus({ code: api.SpanStatusCode.ERROR, message: 'payment declined' });
  server.end(at(50));
  return memory.getFinishedSpans();
}

function exportOnce(exporter, spans) {
  return new Promise(resolve => {
    exporter.export(spans, result => resolve(result));
  });
}

async function main() {
  const url = process.env.SLUICE_OTLP_TRACES_URL;
  if (!url) {
    console.error('SLUICE_OTLP_TRACES_URL is not set: give the OTLP/HTTP traces URL');
    process.exit(2);
  }
  const spans = recordSpans();
  const exporters = [
    // A generous timeout: on a loaded 2-core CI machine the SDK's 10 s default has run out once.
    ['http/json', new JsonExporter({ url, timeoutMillis })],
    ['http/json+gzip', new JsonExporter({ url, timeoutMillis, compression: 'gzip' })],
    ['http/protobuf', new ProtoExporter({ url, timeoutMillis })],
    ['http/protobuf+gzip', new ProtoExporter({ url, timeoutMillis, compression: 'gzip' })],
  ];
  let failed = false;
  for (const [name, exporter] of exporters) {
    const result = await exportOnce(exporter, spans);
    const error = result.error ? ' ' + result.error.message : '';
    console.log(`${name} ${result.code === 0 ? 'ok' : 'failed'} ${spans.length} spans${error}`);
    failed = failed || result.code !== 0;
    await exporter.shutdown();
  }
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
