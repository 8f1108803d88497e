package org.campaigndelivery.audience;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time from a stream (quoted fields may hold
 * separators, quotes and line breaks), so that a file of any size is read in constant
 * memory. A record that cannot be read is returned as a {@link Record} with a problem,
 * and reading resumes at the next line.
 */
final class CsvReader {

	static final int MAX_FIELD_LENGTH = 100_000;

	private final Reader in;

	private final char separator;

	private int line = 1;

	private int next = -2;

	CsvReader(Reader in, char separator) {
		this.in = in;
		this.separator = separator;
	}

	/**
	 * @return the next record, or null at the end of the input
	 */
	Record read() throws IOException {
		if (peek() == -1) {
			return null;
		}
		int startLine = this.line;
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		String problem = null;
		while (true) {
			int c = take();
			if (c == -1) {
				if (quoted) {
					problem = "a quoted field is not closed";
				}
				fields.add(field.toString());
				return new Record(startLine, fields, problem);
			}
			if (quoted) {
				if (c == '"') {
					if (peek() == '"') {
						take();
						field.append('"');
					}
					else {
						quoted = false;
					}
				}
				else {
					append(field, (char) c);
				}
			}
			else if (c == '"' && field.isEmpty() && !wasQuoted) {
				quoted = true;
				wasQuoted = true;
			}
			else if (c == this.separator) {
				fields.add(field.toString());
				field.setLength(0);
				wasQuoted = false;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && peek() == '\n') {
					take();
				}
				fields.add(field.toString());
				return new Record(startLine, fields, problem);
			}
			else {
				if (wasQuoted && problem == null) {
					problem = "text follows a closing quote";
				}
				append(field, (char) c);
			}
			if (field.length() > MAX_FIELD_LENGTH && problem == null) {
				problem = "a field is longer than " + MAX_FIELD_LENGTH + " characters";
				field.setLength(0);
			}
		}
	}

	private void append(StringBuilder field, char c) {
		if (field.length() <= MAX_FIELD_LENGTH) {
			field.append(c);
		}
	}

	private int peek() throws IOException {
		if (this.next == -2) {
			this.next = this.in.read();
		}
		return this.next;
	}

	private int take() throws IOException {
		int c = peek();
		this.next = -2;
		if (c == '\n') {
			this.line++;
		}
		else if (c == '\r' && peek() != '\n') {
			this.line++;
		}
		return c;
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
