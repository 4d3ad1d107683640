/**
 * The pure scaling core: {@link dev.fleet.autoscaler.ScalingPolicy#decide} turns a pool's demand
 * ({@link dev.fleet.autoscaler.QueueMetrics}, counted over {@link dev.fleet.autoscaler.ArrivalRate#WINDOW}) and supply
 * ({@link dev.fleet.autoscaler.PoolState}) into a {@link dev.fleet.autoscaler.ScalingDecision}, with no I/O and no
 * clock of its own. The reconciler in lifecycle fills it from the live pool, queue-monitor supplies the demand, the
 * simulator replays traces through it, config-schema names and checks policies through
 * {@link dev.fleet.autoscaler.Policies}, and cli prints its decisions and durations ({@link
 * dev.fleet.autoscaler.DurationText}). Of the policies, {@code fleet} and {@code min-idle} are public because
 * config-schema names the default and its tests compare the parsed policy; the rest is reached through
 * {@link dev.fleet.autoscaler.Policies}.
 */
package dev.fleet.autoscaler;
