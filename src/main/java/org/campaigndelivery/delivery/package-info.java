/**
 * Deliveries: creation and validation, the lifecycle's statuses and their one transition
 * table, the decisions of approvers and starters, the REST doors and the Deployment
 * pages.
 * <p>
 * Owns the tables delivery: no other package writes them.
 * <p>
 * Calls alert, api, audience, database, kpi, security, sendinglog, tracking; the process
 * behind the DeliveryProcess port.
 */
package org.campaigndelivery.delivery;
