package org.campaigndelivery.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: the CSV audience import over HTTP (parse, check, insert in batches) of a
 * million rows, beside the reference of reading the same file with FastCSV alone, in the
 * same run. Run with {@code ./mvnw -Pbench verify -Dtest=ImportBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; -Dbench.recipients sets the rows (default
 * here a million), -Dbench.database=postgres runs it on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:file:./target/bench/import-${random.uuid};CACHE_SIZE=131072;WRITE_DELAY=0",
		"delivery.mta.sandbox.enabled=false", "logging.level.root=WARN" })
class ImportBenchmark {

	private static final int ROWS = Math.max(Integer.getInteger("bench.recipients", 1_000_000), 1_000_000);

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		BenchDatabase.register(registry);
	}

	@Test
	void importAMillionRows() throws IOException {
		Path csv = Files.createTempFile("audience", ".csv");
		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
			out.println("email,firstName,lastName,city,note");
			for (int i = 0; i < ROWS; i++) {
				out.println("import" + i + "@example.com,First" + i + ",Last" + (i % 977) + ",Lyon,"
						+ ((i % 10 == 0) ? "\"quoted, with \"\"quotes\"\"\"" : ""));
			}
		}
		try {
			// a first, smaller import so that the measured one runs compiled code
			importFile(csv, "warm-up");
			double best = Double.MAX_VALUE;
			for (int round = 0; round < 2; round++) {
				best = Math.min(best, importFile(csv, "measured"));
			}
			double parse = Double.MAX_VALUE;
			for (int round = 0; round < 3; round++) {
				parse = Math.min(parse, parseOnly(csv));
			}
			String report = String.join("\n",
					String.format(Locale.ROOT, "import benchmark, %,d rows (%,d MB), %s, heap limit %d MB", ROWS,
							Files.size(csv) / 1_000_000, BenchDatabase.NAME,
							Runtime.getRuntime().maxMemory() / 1024 / 1024),
					String.format(Locale.ROOT, "  POST /api/audiences (text/csv)  %,10.0f rows/s  (%.1f s, best of 2)",
							ROWS / best, best),
					String.format(Locale.ROOT, "  reference: FastCSV reading the file alone %,10.0f rows/s  (%.2f s)",
							ROWS / parse, parse),
					"");
			System.out.println(report);
			Files.createDirectories(Path.of("target", "bench"));
			Files.writeString(Path.of("target", "bench", "import-" + ROWS + "-" + BenchDatabase.KEY + ".txt"), report);
		}
		finally {
			Files.delete(csv);
		}
	}

	private double importFile(Path csv, String name) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		headers.setBasicAuth("preparer", "preparer");
		long start = System.nanoTime();
		String body = this.rest
			.exchange("/api/audiences?name=" + name, HttpMethod.POST,
					new HttpEntity<>(new FileSystemResource(csv), headers), String.class)
			.getBody();
		double seconds = (System.nanoTime() - start) / 1e9;
		JsonNode imported = read(body);
		assertThat(imported.get("imported").asInt()).as(body).isEqualTo(ROWS);
		System.out.printf(Locale.ROOT, "import benchmark: %s in %.1f s%n", name, seconds);
		return seconds;
	}

	private JsonNode read(String body) {
		try {
			return this.objectMapper.readTree(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(body, ex);
		}
	}

	private static double parseOnly(Path csv) throws IOException {
		long start = System.nanoTime();
		long fields = 0;
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
				CsvReader<CsvRecord> records = CsvReader.builder().ofCsvRecord(reader)) {
			for (CsvRecord record : records) {
				fields += record.getFieldCount();
			}
		}
		assertThat(fields).isEqualTo(5L * (ROWS + 1));
		return (System.nanoTime() - start) / 1e9;
	}

}
