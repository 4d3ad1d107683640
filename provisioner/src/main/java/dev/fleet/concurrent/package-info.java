/**
 * What every pool of fleet's worker threads shares, for the modules that run work in parallel (queue-monitor's job
 * reads, lifecycle's provisioning and reconcile): {@link dev.fleet.concurrent.Workers} makes named daemon threads and
 * hands a task's result back as the task threw or returned it.
 */
package dev.fleet.concurrent;
