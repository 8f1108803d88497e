/**
 * The BPMN adapters: one thin delegate per service task, the listeners that set the
 * statuses, message correlation, Tasklist filters, and the engine plumbing (REST
 * refusals, stale job locks, missing models, metrics). With security, the only package
 * that knows the engine.
 * <p>
 * Calls delivery, kpi, preparation, recurring, retry, security, sending.
 */
package org.campaigndelivery.workflow;
