package org.campaigndelivery.audience;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * The records of an audience file, read one at a time by FastCSV (RFC 4180: quoted fields
 * may hold separators, quotes and line breaks), so that a file of any size is read in
 * constant memory. Lenient where spreadsheets are: text after a closing quote is kept
 * ({@code "a"b} reads {@code ab}), and a line may have more or fewer fields than the
 * header, which {@link Columns#check} then rejects by line number.
 */
final class CsvRecords implements Closeable {

	/**
	 * The longest record read, in characters. Beyond it a quote was most likely left open
	 * and swallowed the rest of the file; bounding it bounds the import's memory.
	 */
	static final int MAX_RECORD_LENGTH = 1 << 20;

	private final CsvReader<CsvRecord> reader;

	private final Iterator<CsvRecord> records;

	private final QuoteWatch quotes;

	private boolean broken;

	/** A record that could not be read, returned after the one read before it. */
	private Record unreadable;

	CsvRecords(Reader in, char separator) {
		this.quotes = new QuoteWatch(in, separator);
		this.reader = CsvReader.builder()
			.fieldSeparator(separator)
			.skipEmptyLines(true)
			.allowExtraFields(true)
			.allowMissingFields(true)
			.allowExtraCharsAfterClosingQuote(true)
			.detectBomHeader(false)
			.maxBufferSize(MAX_RECORD_LENGTH)
			.ofCsvRecord(this.quotes);
		this.records = this.reader.iterator();
	}

	/**
	 * @return the next record, or null at the end of the input; a record that cannot be
	 * read (a quote never closed) ends the input with a problem, since all that follows
	 * it belongs to the open field
	 */
	Record read() {
		if (this.unreadable != null) {
			Record problem = this.unreadable;
			this.unreadable = null;
			this.broken = true;
			return problem;
		}
		if (this.broken) {
			return null;
		}
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			CsvRecord record = this.records.next();
			int line = Math.toIntExact(record.getStartingLineNumber());
			boolean last;
			try {
				last = !this.records.hasNext();
			}
			catch (CsvParseException ex) {
				this.unreadable = unreadable(ex);
				return new Record(line, record.getFields(), null);
			}
			if (last && this.quotes.open) {
				// FastCSV ends an open quoted field at the end of the input silently
				return new Record(line, record.getFields(), "a quoted field is not closed");
			}
			return new Record(line, record.getFields(), null);
		}
		catch (CsvParseException ex) {
			this.broken = true;
			return unreadable(ex);
		}
	}

	private static Record unreadable(CsvParseException ex) {
		if (ex.getCause() instanceof IOException io) {
			throw new UncheckedIOException(io);
		}
		return new Record(startingLine(ex), List.of(), "a quoted field is not closed, or the line is longer than "
				+ MAX_RECORD_LENGTH + " characters; the file was not read further");
	}

	/**
	 * FastCSV names the line a record that could not be read started on in its message.
	 */
	private static int startingLine(CsvParseException ex) {
		String message = String.valueOf(ex.getMessage());
		int at = message.lastIndexOf("line ");
		if (at >= 0) {
			String digits = message.substring(at + 5).replaceAll("\\D.*", "");
			if (!digits.isEmpty() && digits.length() < 10) {
				return Integer.parseInt(digits);
			}
		}
		return 0;
	}

	/**
	 * Follows the quoting of the text FastCSV reads, only to tell whether the input ends
	 * inside a quoted field, which FastCSV does not report.
	 */
	private static final class QuoteWatch extends FilterReader {

		private final char separator;

		private boolean open;

		private boolean fieldStart = true;

		private boolean justClosed;

		QuoteWatch(Reader in, char separator) {
			super(in);
			this.separator = separator;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			for (int i = offset; i < offset + n; i++) {
				follow(buffer[i]);
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			int c = this.in.read();
			if (c >= 0) {
				follow((char) c);
			}
			return c;
		}

		private void follow(char c) {
			if (this.open) {
				if (c == '"') {
					this.open = false;
					this.justClosed = true;
				}
			}
			else if (c == '"' && (this.fieldStart || this.justClosed)) {
				// opens a field, or is the second quote of an escaped pair
				this.open = true;
				this.fieldStart = false;
				this.justClosed = false;
			}
			else {
				this.fieldStart = c == this.separator || c == '\n' || c == '\r';
				this.justClosed = false;
			}
		}

	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

	/**
	 * @param line where the record starts (1 is the header)
	 * @param problem why the record cannot be used; null when it can
	 */
	record Record(int line, List<String> fields, String problem) {

		boolean blank() {
			return this.fields.size() == 1 && this.fields.get(0).isBlank();
		}

	}

}
