package org.campaigndelivery;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.PostgresDatabase;
import org.campaigndelivery.support.RefusingSmtpServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application nodes with their job executors on one PostgreSQL database send a
 * 10,000-recipient delivery: both nodes run lanes, every recipient reaches the SMTP
 * server exactly once, both nodes report the same KPIs.
 */
@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
		disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432 for user postgres")
class ClusterTests {

	private static final int RECIPIENTS = 10_000;

	private static final String DATABASE = "campaign_delivery_cluster_" + UUID.randomUUID().toString().substring(0, 8);

	private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	private static RefusingSmtpServer mta;

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@BeforeAll
	static void startNodes() throws Exception {
		execute("create database " + DATABASE);
		int smtpPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			smtpPort = socket.getLocalPort();
		}
		// 2 ms a message, as a remote MTA takes: lanes stay busy long enough for both
		// nodes to take part
		mta = new RefusingSmtpServer(smtpPort, 2);
		for (String node : List.of("node-a", "node-b")) {
			// as command-line arguments, so that they win over application-postgres.yaml
			Map<String, String> properties = Map.ofEntries(Map.entry("spring.datasource.url", SERVER + DATABASE),
					Map.entry("server.port", "0"), Map.entry("spring.mail.port", String.valueOf(smtpPort)),
					Map.entry("delivery.mta.sandbox.enabled", "false"), Map.entry("delivery.sending.lanes", "8"),
					Map.entry("delivery.sending.batch-size", "100"),
					Map.entry("camunda.bpm.generate-unique-process-engine-name", "true"),
					Map.entry("camunda.bpm.generic-properties.properties.hostname", node),
					Map.entry("camunda.bpm.job-execution.wait-time-in-millis", "200"),
					Map.entry("camunda.bpm.job-execution.max-wait", "1000"),
					// each node runs two lanes at a time and holds no more: eight lanes
					// need both nodes
					Map.entry("camunda.bpm.job-execution.core-pool-size", "2"),
					Map.entry("camunda.bpm.job-execution.max-pool-size", "2"),
					Map.entry("camunda.bpm.job-execution.queue-capacity", "0"),
					Map.entry("camunda.bpm.job-execution.max-jobs-per-acquisition", "1"),
					Map.entry("logging.level.root", "WARN"));
			nodes.add(new SpringApplicationBuilder(CampaignDeliveryApplication.class).profiles("postgres")
				.run(properties.entrySet()
					.stream()
					.map(e -> "--" + e.getKey() + "=" + e.getValue())
					.toArray(String[]::new)));
		}
	}

	@AfterAll
	static void stopNodes() throws Exception {
		nodes.forEach(ConfigurableApplicationContext::close);
		if (mta != null) {
			mta.close();
		}
		execute("drop database if exists " + DATABASE + " with (force)");
	}

	@Test
	void shouldSendEveryRecipientExactlyOnceWithBothNodesRunningLanes() {
		Api a = api(nodes.get(0), "preparer");
		Api b = api(nodes.get(1), "starter");
		List<Map<String, Object>> recipients = new ArrayList<>(RECIPIENTS);
		for (int i = 0; i < RECIPIENTS; i++) {
			recipients.add(Map.of("email", "c" + i + "@example.com", "firstName", "C" + i));
		}

		String id = a
			.post("/api/deliveries",
					DeliveryRequests.delivery().with("approvalMode", "AUTOMATIC").with("recipients", recipients).body())
			.json()
			.get("id")
			.asText();
		await().atMost(Duration.ofSeconds(60)).until(() -> status(b, id).equals("AWAITING_CONFIRMATION"));
		assertThat(b.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true)).code()).isEqualTo(204);
		await().atMost(Duration.ofMinutes(5)).until(() -> status(a, id).equals("SENT"));

		List<String> accepted = mta.accepted();
		assertThat(accepted).hasSize(RECIPIENTS);
		assertThat(new HashSet<>(accepted)).hasSize(RECIPIENTS);
		HistoryService history = nodes.get(0).getBean(HistoryService.class);
		String instance = history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(id)
			.singleResult()
			.getId();
		assertThat(history.createHistoricJobLogQuery()
			.processInstanceId(instance)
			.activityIdIn("Task_SendBatch")
			.successLog()
			.list()
			.stream()
			.map(HistoricJobLog::getHostname)
			.distinct()).containsExactlyInAnyOrder("node-a", "node-b");
		JsonNode kpisA = a.get("/api/deliveries/" + id).json().get("kpis");
		JsonNode kpisB = b.get("/api/deliveries/" + id).json().get("kpis");
		assertThat(kpisA).isEqualTo(kpisB);
		assertThat(kpisA.get("sent").asInt()).isEqualTo(RECIPIENTS);
		assertThat(kpisA.get("deliveredRate").asDouble()).isEqualTo(100.0);
	}

	private static Api api(ConfigurableApplicationContext node, String user) {
		String port = node.getEnvironment().getProperty("local.server.port");
		return new Api(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)),
				node.getBean(ObjectMapper.class), user);
	}

	private static String status(Api api, String id) {
		return api.get("/api/deliveries/" + id).json().get("status").asText();
	}

	private static void execute(String sql) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		try (Connection admin = DriverManager.getConnection(SERVER + "postgres", properties);
				Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

}
