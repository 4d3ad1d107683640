/**
 * The reconcile plan, pure: {@link dev.fleet.lifecycle.plan.Planner#plan} turns one {@link
 * dev.fleet.lifecycle.plan.PoolObservation} of a pool and its {@link dev.fleet.lifecycle.plan.PoolSettings} into a
 * {@link dev.fleet.lifecycle.plan.PoolPlan}: every action a pass takes, each with its reason. It reads no Azure, no
 * GitHub, no file and no clock; {@code dev.fleet.lifecycle.reconcile} observes, and carries plans out.
 */
package dev.fleet.lifecycle.plan;
