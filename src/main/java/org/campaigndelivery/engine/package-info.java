/**
 * The engine's plumbing, whatever the models: one deployment of bpmn/ and forms/ under
 * names relative to their roots, deployed again when a definition is gone; the job
 * executor's tuning under the node's stable name, and the job locks a killed node left
 * freed at its next start; /engine-rest's answers to refusals; the engine's gauges; calls
 * tried again when a job changed the same process tree. Knows no model and no capability,
 * so that a move to Operaton, Camunda 7's fork, stays a rename here.
 * <p>
 * Owns no table of the application; frees its own node's locks in the engine's
 * ACT_RU_JOB.
 * <p>
 * Calls nothing of the application.
 */
package org.campaigndelivery.engine;
