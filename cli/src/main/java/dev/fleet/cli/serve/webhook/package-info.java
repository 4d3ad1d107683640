/**
 * {@code POST /webhook} of {@code serve}: GitHub's {@code workflow_job} deliveries, signed with
 * {@code FLEET_WEBHOOK_SECRET}, decide when a pool's pass runs and when a finished runner's VM goes; never what a pass
 * does. {@link dev.fleet.cli.serve.webhook.WebhookHandler} checks a delivery (size, signature) and
 * {@link dev.fleet.cli.serve.webhook.Deliveries} acts on it once; {@link dev.fleet.cli.serve.webhook.MissedDeliveries}
 * puts the deliveries GitHub failed to hand over through the same path. What became of each goes to a
 * {@link dev.fleet.cli.serve.webhook.WebhookListener}.
 */
package dev.fleet.cli.serve.webhook;
