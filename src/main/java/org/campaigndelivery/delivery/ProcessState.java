package org.campaigndelivery.delivery;

/**
 * Where a delivery's running process stands in the engine.
 *
 * @param processInstanceId the running instance
 * @param cockpitUrl the instance's page in the engine's webapps (Cockpit)
 * @param taskId its open user task, or null
 * @param taskName that task's name, or null
 * @param taskKey that task's id in the model, or null
 * @param tasklistUrl that task's page in the engine's webapps (Tasklist), or null
 */
public record ProcessState(String processInstanceId, String cockpitUrl, String taskId, String taskName, String taskKey,
		String tasklistUrl) {
}
