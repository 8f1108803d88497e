/**
 * The BPMN adapters: one thin delegate per service task, the listeners that set the
 * statuses and hold the user tasks to their decisions, the ports' implementations on the
 * engine with their message correlation, the kpiRefresh and dataCleanup timers' cycles,
 * and Tasklist's filters over the delivery's tasks. With engine and security, the only
 * packages that know the process engine; what serves the engine whatever the models is in
 * engine.
 * <p>
 * Calls alert, delivery, engine, kpi, preparation, recurring, retention, retry, security,
 * sending, sendinglog.
 */
package org.campaigndelivery.workflow;
