package main

import (
	"bytes"
	"testing"
	"time"
)

func TestSummaryGivesTheDroppedShareInBenchJarsFormat(t *testing.T) {
	counts := spanCounts{ended: 240000, exported: 232104, failed: 0, sdkDropped: -1, drained: true}

	got := summary(2*time.Second, 500*time.Millisecond, counts)

	want := "load (all spans ended)   2.000 s\n" +
		"drain (client shutdown)  0.500 s\n" +
		"duration                 2.500 s\n" +
		"spans ended              240000\n" +
		"spans exported           232104\n" +
		"spans failed             0\n" +
		"spans dropped            7896\n" +
		"dropped %                3.29\n" +
		"spans unaccounted        0\n" +
		"ended spans/s            120000\n" +
		"exported spans/s         92842\n"
	if got != want {
		t.Fatalf("summary:\n%s\nwant:\n%s", got, want)
	}
}

func TestBeforeACleanDrainDropsAreUnknownUnlessTheSdkCountWasRead(t *testing.T) {
	stuck := spanCounts{ended: 100, exported: 60, failed: 10, sdkDropped: -1}
	if stuck.dropped() != 0 || stuck.unaccounted() != 30 {
		t.Fatalf("dropped %d, unaccounted %d; want 0 and 30", stuck.dropped(), stuck.unaccounted())
	}
	stuck.sdkDropped = 25
	if stuck.dropped() != 25 || stuck.unaccounted() != 5 {
		t.Fatalf("dropped %d, unaccounted %d; want 25 and 5", stuck.dropped(), stuck.unaccounted())
	}
}

func TestProgressLineGivesCountsAndRates(t *testing.T) {
	var out bytes.Buffer
	p := newProgress(&out)
	p.start, p.at = time.Unix(100, 0), time.Unix(100, 0)

	p.tick(time.Unix(102, 0), spanCounts{ended: 1000, exported: 400, failed: 0, sdkDropped: -1})

	want := "   2.0s ended 1000 (500/s) exported 400 (200/s) failed 0 pending 600\n"
	if out.String() != want {
		t.Fatalf("progress %q, want %q", out.String(), want)
	}
}
