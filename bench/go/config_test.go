package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestDefaultsAreTheUsersLoadWithTheSdksClientSettings(t *testing.T) {
	cfg, err := parseConfig(nil, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}

	want := config{endpoint: "http://localhost:4318", protocol: "http/protobuf", workers: 8,
		tracesPerWorker: 10000, service: "grm-service", queueSizeSpans: 2048,
		batchSizeSpans: 512, scheduleDelay: 5 * time.Second, progressInterval: time.Second}
	if cfg != want {
		t.Fatalf("config = %+v, want %+v", cfg, want)
	}
	if cfg.totalSpans() != 240000 {
		t.Fatalf("totalSpans = %d, want 240000", cfg.totalSpans())
	}
}

func TestGrpcDefaultsToPort4317(t *testing.T) {
	cfg, err := parseConfig([]string{"--protocol", "grpc"}, &bytes.Buffer{})
	if err != nil || cfg.endpoint != "http://localhost:4317" {
		t.Fatalf("endpoint %q, err %v", cfg.endpoint, err)
	}
}

func TestFlagsReachTheConfig(t *testing.T) {
	cfg, err := parseConfig([]string{"--endpoint", "http://127.0.0.1:17318", "--workers", "2",
		"--traces", "5", "--service", "svc", "--lossless", "--rate", "10", "--queue-size", "99",
		"--batch-size", "9", "--schedule-delay-ms", "100", "--protocol", "http/json",
		"--sdk-drop-count"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}

	want := config{endpoint: "http://127.0.0.1:17318", protocol: "http/json", workers: 2,
		tracesPerWorker: 5, service: "svc", lossless: true, tracesPerSecond: 10,
		queueSizeSpans: 99, batchSizeSpans: 9, scheduleDelay: 100 * time.Millisecond,
		sdkDropCount: true, progressInterval: time.Second}
	if cfg != want {
		t.Fatalf("config = %+v, want %+v", cfg, want)
	}
}

func TestBadValuesAreUsageErrorsNamingTheFlagAndValue(t *testing.T) {
	cases := map[string][]string{
		"bench-go: --protocol: unsupported value 'http/xml', expected one of http/protobuf, " +
			"http/json, grpc\n": {"--protocol", "http/xml"},
		"bench-go: --workers: got 0, expected > 0\n":            {"--workers", "0"},
		"bench-go: --schedule-delay-ms: got -1, expected > 0\n": {"--schedule-delay-ms", "-1"},
		"bench-go: --rate: got -2, expected >= 0\n":             {"--rate", "-2"},
		"bench-go: --endpoint: got 'localhost:4318', expected an http:// or https:// URL\n": {
			"--endpoint", "localhost:4318"},
		"bench-go: unexpected argument 'extra'\n": {"extra"},
	}
	for want, args := range cases {
		var stdout, stderr bytes.Buffer
		status := run(args, &stdout, &stderr)
		if status != 2 || stderr.String() != want || stdout.Len() != 0 {
			t.Errorf("%v: status %d, stderr %q; want 2 and %q", args, status, stderr.String(), want)
		}
	}
}

func TestRunPrintsTheSummaryOnStdout(t *testing.T) {
	collector := newFakeCollector(t, 200, 0)
	var stdout, stderr bytes.Buffer

	status := run([]string{"--endpoint", collector.URL, "--workers", "2", "--traces", "10",
		"--schedule-delay-ms", "50"}, &stdout, &stderr)

	if status != 0 {
		t.Fatalf("status %d, stderr %s", status, stderr.String())
	}
	for _, line := range []string{"spans ended              60\n",
		"spans exported           60\n", "spans failed             0\n",
		"spans dropped            0\n", "dropped %                0.00\n",
		"spans unaccounted        0\n"} {
		if !strings.Contains(stdout.String(), line) {
			t.Errorf("summary lacks %q:\n%s", line, stdout.String())
		}
	}
	if !strings.HasPrefix(stderr.String(), "bench-go: 2 workers x 10 traces (60 spans) to "+
		collector.URL+" over http/protobuf, lossy (SDK default) client\n") {
		t.Errorf("stderr: %s", stderr.String())
	}
}
