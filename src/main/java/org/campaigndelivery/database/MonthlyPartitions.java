package org.campaigndelivery.database;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The month partitions of the per-message tables on PostgreSQL (schema version 20): the
 * sending logs by their queue time, and the MTA events by the queue time of the log they
 * are about, so that both halves of a month go together. A month is created ahead (at
 * start, by each cleanup run, by a preparation that finds none) and dropped whole by the
 * cleanup process once every delivery queued in it ended longer ago than the retention
 * period: detached while it holds the tables a moment, then dropped apart. On H2 the
 * tables are plain and nothing here does anything.
 * <p>
 * DDL runs in a transaction of its own: creating a partition locks its table, and a
 * caller's transaction that had read the table would wait for itself.
 */
@Component
public class MonthlyPartitions {

	/**
	 * Each table partitioned by log month, with the keys each of its partitions holds:
	 * unique keys cannot span partitions unless they hold the partition key, and ids,
	 * Message-IDs and event keys are unique by construction, an event always landing in
	 * the partition of its log.
	 */
	private static final Map<String, String> TABLES = Map.of("sending_log", "primary key (id), unique (message_id)",
			"mta_event", "primary key (event_id)");

	private static final List<String> DROP_ORDER = List.of("mta_event", "sending_log");

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'_y'yyyy'm'MM", Locale.ROOT);

	private static final Pattern MONTH = Pattern.compile("_y(\\d{4})m(\\d{2})$");

	private static final List<String> LOCK_ORDER = List.of("sending_log", "mta_event");

	/** How long a month's detach waits for the tables. */
	static final Duration LOCK_WAIT = Duration.ofSeconds(1);

	/** How long a preparation waits for the tables to make its month's partitions. */
	static final Duration NEEDED_WAIT = Duration.ofSeconds(10);

	/** How long a node leaves the months alone after the tables stayed busy. */
	static final Duration BUSY_BACKOFF = Duration.ofSeconds(30);

	/** Months created ahead of the current one. */
	static final int AHEAD = 2;

	private static final Logger log = LoggerFactory.getLogger(MonthlyPartitions.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	private final boolean postgres;

	private final TransactionTemplate savepoint;

	private final Set<YearMonth> created = ConcurrentHashMap.newKeySet();

	private volatile Instant busyUntil = Instant.MIN;

	MonthlyPartitions(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.postgres = Boolean.TRUE.equals(jdbc
			.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().equals("PostgreSQL")));
	}

	/** Whether the logs are partitioned by month (PostgreSQL) or plain tables (H2). */
	public boolean enabled() {
		return this.postgres;
	}

	@EventListener(ApplicationReadyEvent.class)
	void createAheadAtStart() {
		createAhead(OffsetDateTime.now(this.clock));
	}

	/**
	 * Creates the partitions of the given time's month and of the next ones, where they
	 * are missing. Creating one holds every reader and writer of the logs until it is
	 * done, and waits for those at work: it waits at most {@link #LOCK_WAIT}, then leaves
	 * the months for the next try (the next cleanup run or start; a preparation makes its
	 * own month if it has to).
	 */
	public void createAhead(OffsetDateTime now) {
		YearMonth month = YearMonth.from(now.withOffsetSameInstant(ZoneOffset.UTC));
		for (int i = 0; i <= AHEAD; i++) {
			if (!create(month.plusMonths(i), LOCK_WAIT)) {
				log.info("The partitions of {} are left for later: the logs stayed in use for {}", month.plusMonths(i),
						LOCK_WAIT);
				return;
			}
		}
	}

	/**
	 * Makes sure the partitions exist for logs queued at the given time; called before
	 * the caller's transaction touches the tables.
	 * @throws DataAccessException when the logs stayed in use for {@link #NEEDED_WAIT}
	 */
	public void ensureMonthOf(OffsetDateTime queuedAt) {
		YearMonth month = YearMonth.from(queuedAt.withOffsetSameInstant(ZoneOffset.UTC));
		if (!create(month, NEEDED_WAIT)) {
			throw new CannotAcquireLockException("The partitions of " + month
					+ " could not be created: the sending logs stayed in use for " + NEEDED_WAIT);
		}
	}

	/**
	 * @return false when the tables stayed in use for the given time
	 */
	private boolean create(YearMonth month, Duration wait) {
		if (!this.postgres || this.created.contains(month)) {
			return true;
		}
		List<String> names = TABLES.keySet().stream().map((table) -> name(table, month)).toList();
		Integer existing = this.jdbc.queryForObject(
				"select count(*) from pg_class where relispartition and relname in " + InLists.strings(names),
				Integer.class);
		if (existing != null && existing == names.size()) {
			this.created.add(month);
			return true;
		}
		try {
			this.ownTransaction.executeWithoutResult((status) -> {
				// a caller that broke the rule above fails rather than waits for itself
				this.jdbc.execute("set local lock_timeout = '" + wait.toMillis() + "ms'");
				for (Map.Entry<String, String> table : TABLES.entrySet()) {
					// another node may create the same month at the same time
					this.jdbc.execute("lock table " + table.getKey() + " in share row exclusive mode");
					this.jdbc
						.execute("create table if not exists %s partition of %s (%s) for values from ('%s') to ('%s')"
							.formatted(name(table.getKey(), month), table.getKey(), table.getValue(), start(month),
									start(month.plusMonths(1))));
				}
			});
		}
		catch (DataAccessException ex) {
			if (lockTimedOut(ex)) {
				return false;
			}
			throw ex;
		}
		this.created.add(month);
		return true;
	}

	/**
	 * PostgreSQL's lock_timeout ran out (55P03), which Spring's translation leaves
	 * uncategorised.
	 */
	private static boolean lockTimedOut(DataAccessException ex) {
		if (ex instanceof PessimisticLockingFailureException) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/** The months that have partitions, oldest first. */
	public List<YearMonth> months() {
		if (!this.postgres) {
			return List.of();
		}
		return this.jdbc.queryForList("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				join pg_class p on p.oid = i.inhparent where p.relname = 'sending_log'
				""", String.class)
			.stream()
			.map(MONTH::matcher)
			.filter(Matcher::find)
			.map((m) -> YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
			.sorted()
			.toList();
	}

	/**
	 * Takes the tables partitioned by month for the caller's transaction alone, so that
	 * it may detach a month: no one reads or writes any log or event until it ends. Waits
	 * at most {@link #LOCK_WAIT} for those at work on the tables to finish (the lanes'
	 * and the intake's transactions last milliseconds; a preparation queues its logs in
	 * one that may last minutes), holding everyone arriving meanwhile; then gives up, the
	 * caller's transaction unharmed, and tries no more for {@link #BUSY_BACKOFF} on this
	 * node, so that a long preparation holds the lanes no more than that once in a while.
	 * @return false when it gave up or is backing off
	 */
	public boolean lockForDetach() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.busyUntil)) {
			return false;
		}
		try {
			this.savepoint.executeWithoutResult((status) -> {
				this.jdbc.execute("set local lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
				// in the order the lanes and the intake take them: logs, then events
				this.jdbc.execute("lock table " + String.join(", ", LOCK_ORDER) + " in access exclusive mode");
				this.jdbc.execute("set local lock_timeout = default");
			});
			this.busyUntil = Instant.MIN;
			return true;
		}
		catch (DataAccessException ex) {
			if (!lockTimedOut(ex)) {
				throw ex;
			}
			this.busyUntil = now.plus(BUSY_BACKOFF);
			log.info("Months of logs left for later: the logs stayed in use for {} ({})", LOCK_WAIT,
					ex.getMostSpecificCause().getMessage());
			return false;
		}
	}

	/**
	 * Detaches a month's partitions in the caller's transaction, which holds the tables
	 * ({@link #lockForDetach}): what its rows counted elsewhere is recorded in the same
	 * transaction. Their files go once it has committed ({@link #dropDetached}), in
	 * transactions of their own: dropped here, they would be removed at this commit with
	 * everyone still held.
	 */
	public void detach(YearMonth month) {
		for (String table : DROP_ORDER) {
			this.jdbc.execute("alter table %s detach partition %s".formatted(table, name(table, month)));
		}
		this.created.remove(month);
		log.info("Detached the sending logs and MTA events of {}", month);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					dropDetached();
				}
			});
		}
	}

	/**
	 * Drops the month tables detached before (by a cleanup batch that committed, whether
	 * or not its node lived on), each in a transaction of its own that holds no one else.
	 * @return how many tables
	 */
	public int dropDetached() {
		if (!this.postgres) {
			return 0;
		}
		List<String> detached = this.jdbc.queryForList("""
				select relname from pg_class where relkind = 'r' and not relispartition
				and relname ~ '^(sending_log|mta_event)_y[0-9]{4}m[0-9]{2}$' order by relname
				""", String.class);
		for (String table : detached) {
			this.ownTransaction.executeWithoutResult((status) -> this.jdbc.execute("drop table if exists " + table));
			log.info("Dropped {}", table);
		}
		return detached.size();
	}

	/** The month partition of a table, for a count before it goes. */
	public String partition(String table, YearMonth month) {
		if (!TABLES.containsKey(table)) {
			throw new IllegalArgumentException("Not a table partitioned by month: " + table);
		}
		return name(table, month);
	}

	/**
	 * The table itself on H2; on PostgreSQL the partition of the month holding the time:
	 * where a bulk load of that time went.
	 */
	public String loadedInto(String table, OffsetDateTime at) {
		return this.postgres ? partition(table, YearMonth.from(at.withOffsetSameInstant(ZoneOffset.UTC))) : table;
	}

	/** The first instant of the month, UTC. */
	public static OffsetDateTime start(YearMonth month) {
		return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	private static String name(String table, YearMonth month) {
		return table + SUFFIX.format(month);
	}

}
