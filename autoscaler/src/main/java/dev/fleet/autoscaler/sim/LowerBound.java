package dev.fleet.autoscaler.sim;

/**
 * The floor no policy can beat on a trace: every job waits zero and the pool pays only for the jobs' run time plus one
 * boot a job. Both at once are impossible (a runner must boot before its job arrives), which is why it is a bound.
 */
public record LowerBound(int jobs, double vmMinutes) {
}
