package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// spanCounts says where the client's spans are at one moment.
type spanCounts struct {
	ended      int64
	exported   int64 // in export requests the collector answered with success
	failed     int64 // in export requests the exporter gave up on, after its retries
	sdkDropped int64 // the SDK's own count (--sdk-drop-count); -1 when not read
	drained    bool  // the client shut down cleanly: nothing is queued or in flight
}

// pending returns the spans neither exported nor failed: after a clean drain, exactly the
// spans the BatchSpanProcessor dropped; before it, also those queued or in flight.
func (c spanCounts) pending() int64 { return c.ended - c.exported - c.failed }

// dropped returns the spans the client's queue dropped: pending() once drained; before that the
// SDK's own count if it was read, else 0 (unknown).
func (c spanCounts) dropped() int64 {
	switch {
	case c.drained:
		return c.pending()
	case c.sdkDropped >= 0:
		return c.sdkDropped
	default:
		return 0
	}
}

// unaccounted returns the spans not yet exported, failed or dropped; 0 after a clean drain.
func (c spanCounts) unaccounted() int64 { return c.pending() - c.dropped() }

func (c spanCounts) droppedPercent() float64 {
	if c.ended == 0 {
		return 0
	}
	return 100 * float64(c.dropped()) / float64(c.ended)
}

// summary returns the run's result in bench.jar's format (aligned "name value" lines), so that
// one parser reads both; --sdk-drop-count adds the SDK's own drop count.
func summary(load, drain time.Duration, c spanCounts) string {
	var out strings.Builder
	total := load + drain
	line(&out, "load (all spans ended)", fmt.Sprintf("%.3f s", load.Seconds()))
	line(&out, "drain (client shutdown)", fmt.Sprintf("%.3f s", drain.Seconds()))
	line(&out, "duration", fmt.Sprintf("%.3f s", total.Seconds()))
	line(&out, "spans ended", c.ended)
	line(&out, "spans exported", c.exported)
	line(&out, "spans failed", c.failed)
	line(&out, "spans dropped", c.dropped())
	line(&out, "dropped %", fmt.Sprintf("%.2f", c.droppedPercent()))
	line(&out, "spans unaccounted", c.unaccounted())
	line(&out, "ended spans/s", rate(c.ended, load))
	line(&out, "exported spans/s", rate(c.exported, total))
	if c.sdkDropped >= 0 {
		line(&out, "spans dropped (SDK)", c.sdkDropped)
	}
	return out.String()
}

func line(out io.Writer, name string, value any) {
	fmt.Fprintf(out, "%-24s %v\n", name, value)
}

func rate(spans int64, d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(float64(spans)/d.Seconds() + 0.5)
}

// progress prints one line per tick: the counts and the rates since the previous line.
type progress struct {
	out   io.Writer
	start time.Time
	last  spanCounts
	at    time.Time
}

func newProgress(out io.Writer) *progress {
	now := time.Now()
	return &progress{out: out, start: now, at: now}
}

func (p *progress) tick(now time.Time, c spanCounts) {
	seconds := now.Sub(p.at).Seconds()
	fmt.Fprintf(p.out, "%6.1fs ended %d (%.0f/s) exported %d (%.0f/s) failed %d pending %d",
		now.Sub(p.start).Seconds(),
		c.ended, float64(c.ended-p.last.ended)/seconds,
		c.exported, float64(c.exported-p.last.exported)/seconds,
		c.failed, c.pending())
	if c.sdkDropped >= 0 {
		fmt.Fprintf(p.out, " dropped %d", c.sdkDropped)
	}
	fmt.Fprintln(p.out)
	p.last, p.at = c, now
}
