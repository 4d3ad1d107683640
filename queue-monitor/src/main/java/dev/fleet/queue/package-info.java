/**
 * A pool's demand from GitHub's job queue. Lifecycle's reconciler asks a {@link dev.fleet.queue.JobQueue} once a pass
 * with a {@link dev.fleet.queue.QueueQuery} (the repositories to read and the labels a job must be satisfied by) and
 * gets a {@link dev.fleet.queue.PoolQueue}: the autoscaler's {@code QueueMetrics} and the runners jobs name. cli wires
 * in {@link dev.fleet.queue.RestJobQueue}, which reads the REST API through provisioner's client; the tally stays
 * inside. {@link dev.fleet.queue.PoolLabels} is the one label match, which {@code serve}'s webhook uses too.
 */
package dev.fleet.queue;
