package org.campaigndelivery.audience;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRecordsTests {

	@Test
	void recordsKeepTheLineTheyStartOnAcrossQuotedLineBreaksAndSkippedBlankLines() throws IOException {
		List<CsvRecords.Record> records = read(
				"email;city\r\n\"a@x.com\";\"Saint\r\nMalo\"\r\n\r\nb@x.com;\"Li\"\"l;le\"\rc@x.com;\n", ';');

		assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1, 2, 5, 6);
		assertThat(records.get(1).fields()).containsExactly("a@x.com", "Saint\r\nMalo");
		assertThat(records.get(2).fields()).containsExactly("b@x.com", "Li\"l;le");
		assertThat(records.get(3).fields()).containsExactly("c@x.com", "");
		assertThat(records).allMatch((record) -> record.problem() == null);
	}

	@Test
	void aLineWithAnotherNumberOfFieldsIsReadForTheColumnsToReject() throws IOException {
		List<CsvRecords.Record> records = read("email,city\nx@y.com\nz@y.com,Lyon,extra\n", ',');

		assertThat(records).extracting((record) -> record.fields().size()).containsExactly(2, 1, 3);
	}

	@Test
	void textAfterAClosingQuoteIsKeptAsSpreadsheetsReadIt() throws IOException {
		List<CsvRecords.Record> records = read("email,city\n\"x@y.com\"z,Lyon\nw@y.com,Nice\n", ',');

		assertThat(records.get(1).fields()).containsExactly("x@y.com" + "z", "Lyon");
		assertThat(records.get(2).fields()).containsExactly("w@y.com", "Nice");
	}

	@Test
	void aQuoteNeverClosedEndsTheFileWithAProblemAtItsLine() throws IOException {
		List<CsvRecords.Record> records = read("email,city\na@x.com,Lyon\nb@x.com,\"Nice\nc@x.com,Brest\n", ',');

		assertThat(records).hasSize(3);
		assertThat(records.get(2).line()).isEqualTo(3);
		assertThat(records.get(2).problem()).contains("not closed");
	}

	@Test
	void aRecordLongerThanTheBoundIsAProblemNotAnOutOfMemoryError() throws IOException {
		String huge = "\"" + "x".repeat(CsvRecords.MAX_RECORD_LENGTH + 10) + "\"";

		List<CsvRecords.Record> records = read("email,note\na@x.com,ok\nb@x.com," + huge + "\nc@x.com,after\n", ',');

		assertThat(records).hasSize(3);
		assertThat(records.get(2).line()).isEqualTo(3);
		assertThat(records.get(2).problem()).contains("longer than");
	}

	private static List<CsvRecords.Record> read(String text, char separator) throws IOException {
		List<CsvRecords.Record> records = new ArrayList<>();
		try (CsvRecords csv = new CsvRecords(new StringReader(text), separator)) {
			for (CsvRecords.Record record = csv.read(); record != null; record = csv.read()) {
				records.add(record);
			}
		}
		return records;
	}

}
