package io.sluice.pipeline;

/** A component at the end of pipelines that sends data out of the process, e.g. to storage. */
public interface Exporter extends Component, TracesConsumer {}
