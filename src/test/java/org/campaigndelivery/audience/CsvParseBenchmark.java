package org.campaigndelivery.audience;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The CSV import's parser against the kept libraries, on the same million rows in memory
 * (what the import reads, without the database): the import's {@link CsvRecords} (FastCSV
 * 4 as the import configures it), Apache Commons CSV 1.14 and FastCSV 4 as it comes. Best
 * of three rounds each, interleaved. Run with
 * {@code ./mvnw -Pbench verify -Dtest=CsvParseBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CsvParseBenchmark {

	private static final int ROWS = Integer.getInteger("bench.recipients", 1_000_000);

	@Test
	void parseAMillionRowsWithEachParser() throws IOException {
		StringBuilder csv = new StringBuilder(ROWS * 70);
		csv.append("email,firstName,lastName,city,note\n");
		for (int i = 0; i < ROWS; i++) {
			csv.append("reader")
				.append(i)
				.append("@example.com,First")
				.append(i)
				.append(",Last")
				.append(i % 977)
				.append(",Lyon,");
			if (i % 10 == 0) {
				csv.append("\"quoted, with \"\"quotes\"\"\"");
			}
			csv.append('\n');
		}
		String text = csv.toString();
		long[] best = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE };
		long[] fields = new long[3];
		for (int round = 0; round < 3; round++) {
			long start = System.nanoTime();
			fields[0] = imports(text);
			best[0] = Math.min(best[0], System.nanoTime() - start);
			start = System.nanoTime();
			fields[1] = commons(text);
			best[1] = Math.min(best[1], System.nanoTime() - start);
			start = System.nanoTime();
			fields[2] = fastCsv(text);
			best[2] = Math.min(best[2], System.nanoTime() - start);
		}
		String[] names = { "the import's CsvRecords (FastCSV, lenient)", "Apache Commons CSV 1.14.1", "FastCSV 4.0.0" };
		System.out.printf(Locale.ROOT, "CSV parse benchmark, %,d rows (%,d MB), best of 3%n", ROWS,
				text.length() / 1_000_000);
		for (int i = 0; i < 3; i++) {
			System.out.printf(Locale.ROOT, "  %-38s %,6d ms  %,10.0f rows/s  (%,d fields)%n", names[i],
					best[i] / 1_000_000, ROWS / (best[i] / 1e9), fields[i]);
		}
	}

	private static long imports(String text) throws IOException {
		long fields = 0;
		try (CsvRecords records = new CsvRecords(new StringReader(text), ',')) {
			for (CsvRecords.Record record = records.read(); record != null; record = records.read()) {
				fields += record.fields().size();
			}
		}
		return fields;
	}

	private static long commons(String text) throws IOException {
		long fields = 0;
		try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
			for (CSVRecord record : parser) {
				fields += record.size();
			}
		}
		return fields;
	}

	private static long fastCsv(String text) throws IOException {
		long fields = 0;
		try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder()
			.allowExtraFields(true)
			.allowMissingFields(true)
			.ofCsvRecord(new StringReader(text))) {
			for (var record : reader) {
				fields += record.getFieldCount();
			}
		}
		return fields;
	}

}
