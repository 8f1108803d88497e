package org.campaigndelivery.support;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives the engine's due jobs in the test's thread, in place of the job executor (off in
 * tests).
 */
public class Jobs {

	private static final int MAX_JOBS = 10_000;

	private final ManagementService managementService;

	private final RuntimeService runtimeService;

	Jobs(ManagementService managementService, RuntimeService runtimeService) {
		this.managementService = managementService;
		this.runtimeService = runtimeService;
	}

	/**
	 * Executes the due jobs of an instance and of the instances it called (a recurring
	 * delivery's occurrences), until none is due.
	 * @return how many jobs ran
	 */
	public int runDueWithCalled(String processInstanceId) {
		int executed = 0;
		int round;
		do {
			round = runDue(processInstanceId);
			for (ProcessInstance called : this.runtimeService.createProcessInstanceQuery()
				.superProcessInstanceId(processInstanceId)
				.list()) {
				round += runDue(called.getId());
			}
			executed += round;
		}
		while (round > 0);
		return executed;
	}

	/**
	 * Fires the timer waiting at the activity as if its time had come, then runs the jobs
	 * that follow.
	 * @return how many jobs ran after the timer
	 */
	public int fire(String processInstanceId, String timerActivityId) {
		Job timer = this.managementService.createJobQuery()
			.processInstanceId(processInstanceId)
			.activityId(timerActivityId)
			.timers()
			.singleResult();
		if (timer == null) {
			throw new IllegalStateException("No timer waits at " + timerActivityId);
		}
		this.managementService.executeJob(timer.getId());
		return runDue(processInstanceId);
	}

	/**
	 * Executes the jobs of an instance and of the instances it called that would be due
	 * after the wait, without waiting: the engine's clock, which timers are due by, is
	 * moved on meanwhile.
	 * @return how many jobs ran
	 */
	public int runDueWithCalledAfter(String processInstanceId, Duration wait) {
		ClockUtil.offset(wait.toMillis());
		try {
			return runDueWithCalled(processInstanceId);
		}
		finally {
			ClockUtil.reset();
		}
	}

	/**
	 * Executes the due jobs of one process instance, and those they create, until none is
	 * due.
	 * @return how many jobs ran
	 */
	public int runDue(String processInstanceId) {
		int executed = 0;
		List<Job> due;
		while (!(due = this.managementService.createJobQuery().processInstanceId(processInstanceId).executable().list())
			.isEmpty()) {
			for (Job job : due) {
				this.managementService.executeJob(job.getId());
				if (++executed > MAX_JOBS) {
					throw new IllegalStateException("More than " + MAX_JOBS + " jobs: does a lane loop forever?");
				}
			}
		}
		return executed;
	}

	/** Executes one due job of the instance at the activity. */
	public void runOne(String processInstanceId, String activityId) {
		List<Job> due = this.managementService.createJobQuery()
			.processInstanceId(processInstanceId)
			.activityId(activityId)
			.executable()
			.listPage(0, 1);
		if (due.isEmpty()) {
			throw new IllegalStateException("No job is due at " + activityId);
		}
		this.managementService.executeJob(due.get(0).getId());
	}

}
