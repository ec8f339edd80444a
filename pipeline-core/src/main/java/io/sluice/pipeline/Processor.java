package io.sluice.pipeline;

/** A component inside one pipeline that takes data, works on it and passes it on. */
public interface Processor extends Component, TracesConsumer {}
