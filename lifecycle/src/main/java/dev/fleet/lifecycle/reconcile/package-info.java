/**
 * {@code fleet reconcile}: {@link dev.fleet.lifecycle.reconcile.Reconciler} runs a pass over a config's pools, each
 * under its lock: observe the pool, plan with {@link dev.fleet.lifecycle.plan.Planner}, carry the plan out through
 * {@link dev.fleet.lifecycle.Provisioning}, and report ({@link dev.fleet.lifecycle.reconcile.PassReport}); then sweep
 * what pools no longer in the config left. {@link dev.fleet.lifecycle.reconcile.StateFolder} holds the little a pass
 * keeps for the next: locks, install records, cooldowns, when runners came online, the last pass for {@code status}.
 */
package dev.fleet.lifecycle.reconcile;
