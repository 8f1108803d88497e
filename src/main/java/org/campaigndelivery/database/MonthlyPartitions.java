package org.campaigndelivery.database;

import java.time.Clock;
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
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The month partitions of the per-message tables on PostgreSQL (schema version 20): the
 * sending logs by their queue time, and the MTA events by the queue time of the log they
 * are about, so that both halves of a month go together. A month is created ahead (at
 * start, by each cleanup run, by a preparation that finds none) and dropped whole by the
 * cleanup process once every delivery queued in it ended longer ago than the retention
 * period. On H2 the tables are plain and nothing here does anything.
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

	/** Months created ahead of the current one. */
	static final int AHEAD = 2;

	private static final Logger log = LoggerFactory.getLogger(MonthlyPartitions.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	private final boolean postgres;

	private final Set<YearMonth> created = ConcurrentHashMap.newKeySet();

	MonthlyPartitions(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

	/** Creates the partitions of the given time's month and of the next ones. */
	public void createAhead(OffsetDateTime now) {
		YearMonth month = YearMonth.from(now.withOffsetSameInstant(ZoneOffset.UTC));
		for (int i = 0; i <= AHEAD; i++) {
			ensureMonthOf(month.plusMonths(i));
		}
	}

	/**
	 * Makes sure the partitions exist for logs queued at the given time; called before
	 * the caller's transaction touches the tables.
	 */
	public void ensureMonthOf(OffsetDateTime queuedAt) {
		ensureMonthOf(YearMonth.from(queuedAt.withOffsetSameInstant(ZoneOffset.UTC)));
	}

	private void ensureMonthOf(YearMonth month) {
		if (!this.postgres || this.created.contains(month)) {
			return;
		}
		this.ownTransaction.executeWithoutResult((status) -> {
			// a caller that broke the rule above fails rather than waits for itself
			this.jdbc.execute("set local lock_timeout = '10s'");
			for (Map.Entry<String, String> table : TABLES.entrySet()) {
				// another node may create the same month at the same time
				this.jdbc.execute("lock table " + table.getKey() + " in share row exclusive mode");
				this.jdbc.execute("create table if not exists %s partition of %s (%s) for values from ('%s') to ('%s')"
					.formatted(name(table.getKey(), month), table.getKey(), table.getValue(), start(month),
							start(month.plusMonths(1))));
			}
		});
		this.created.add(month);
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
	 * Drops a month's partitions, in the caller's transaction: what its rows counted
	 * elsewhere must be recorded in the same transaction.
	 */
	public void drop(YearMonth month) {
		for (String table : DROP_ORDER) {
			this.jdbc.execute("drop table if exists " + name(table, month));
		}
		this.created.remove(month);
		log.info("Dropped the sending logs and MTA events of {}", month);
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
