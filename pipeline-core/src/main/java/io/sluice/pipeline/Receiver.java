package io.sluice.pipeline;

/** A component that takes data from outside and pushes it to the pipelines that list it. */
public interface Receiver extends Component {}
