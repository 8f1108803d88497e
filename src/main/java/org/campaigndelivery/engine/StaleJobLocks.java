package org.campaigndelivery.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Frees the job locks this node held in its previous life. A node killed in the middle of
 * a send leaves its jobs (a lane's next batch) locked under its name until the lock time
 * ends; the node is the same when it comes back (its lock owner is stable, see
 * {@link JobExecutorTuning}), so whatever is locked under its name now is locked by
 * nobody: it runs again at once instead of after the lock time. Runs before the job
 * executor starts (the engine starts it when the application is ready), so no lock of
 * this life is touched.
 */
@Component
class StaleJobLocks implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(StaleJobLocks.class);

	private final JdbcClient jdbc;

	private final NodeIdentity node;

	StaleJobLocks(JdbcClient jdbc, NodeIdentity node) {
		this.jdbc = jdbc;
		this.node = node;
	}

	@Override
	public void afterSingletonsInstantiated() {
		int released = this.jdbc
			.sql("update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = :owner")
			.param("owner", this.node.lockOwner())
			.update();
		if (released > 0) {
			log.info("Released {} job locks held by this node ({}) before it stopped; their work resumes now", released,
					this.node.lockOwner());
		}
	}

}
