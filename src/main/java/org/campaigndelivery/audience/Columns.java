package org.campaigndelivery.audience;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.campaigndelivery.api.InvalidRequestException;

/**
 * The header row of an audience file: which column is the address, the names, the other
 * fields.
 */
final class Columns {

	/**
	 * The personalisation fields of a line, names and values: they are kept as one JSON
	 * text of at most 100,000 characters.
	 */
	static final int MAX_PERSONALISATION = 50_000;

	private final List<String> names;

	private final int email;

	private final int firstName;

	private final int lastName;

	private Columns(List<String> names, int email, int firstName, int lastName) {
		this.names = names;
		this.email = email;
		this.firstName = firstName;
		this.lastName = lastName;
	}

	static Columns of(CsvRecords.Record header) {
		if (header == null || header.problem() != null) {
			throw new InvalidRequestException("(body)", "must start with a readable header row naming an email column");
		}
		List<String> names = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int email = -1;
		int firstName = -1;
		int lastName = -1;
		for (int i = 0; i < header.fields().size(); i++) {
			String name = header.fields().get(i).trim();
			String key = name.toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
			if (name.isEmpty() || !seen.add(key)) {
				throw new InvalidRequestException("(header)",
						"column " + (i + 1) + " is " + (name.isEmpty() ? "unnamed" : "named twice: " + name));
			}
			switch (key) {
				case "email", "emailaddress" -> email = i;
				case "firstname" -> firstName = i;
				case "lastname" -> lastName = i;
				default -> {
					// a personalisation field under its own name
				}
			}
			names.add(name);
		}
		if (email < 0) {
			throw new InvalidRequestException("(header)", "names no email column");
		}
		return new Columns(names, email, firstName, lastName);
	}

	/**
	 * Why a line cannot be imported, or null: a wrong number of fields, a NUL character
	 * (no database keeps one in text), or a field longer than its column.
	 */
	String check(List<String> fields) {
		if (fields.size() != this.names.size()) {
			return "has " + fields.size() + " fields where the header names " + this.names.size();
		}
		int personalisation = 0;
		for (int i = 0; i < fields.size(); i++) {
			if (fields.get(i).indexOf('\0') >= 0) {
				return "field " + this.names.get(i) + " contains a NUL character";
			}
			personalisation += (i == this.email || i == this.firstName || i == this.lastName) ? 0
					: fields.get(i).length() + this.names.get(i).length();
		}
		String tooLong = longerThan(fields, this.email, 320);
		tooLong = (tooLong != null) ? tooLong : longerThan(fields, this.firstName, 255);
		tooLong = (tooLong != null) ? tooLong : longerThan(fields, this.lastName, 255);
		if (tooLong != null) {
			return tooLong;
		}
		return (personalisation > MAX_PERSONALISATION)
				? "its personalisation fields hold more than " + MAX_PERSONALISATION + " characters" : null;
	}

	private String longerThan(List<String> fields, int index, int max) {
		return (index >= 0 && fields.get(index).length() > max)
				? "field " + this.names.get(index) + " is longer than " + max + " characters" : null;
	}

	Recipient recipient(List<String> fields) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i++) {
			if (i != this.email && i != this.firstName && i != this.lastName && !fields.get(i).isEmpty()) {
				attributes.put(this.names.get(i), fields.get(i));
			}
		}
		return new Recipient(fields.get(this.email), field(fields, this.firstName), field(fields, this.lastName),
				attributes);
	}

	private static String field(List<String> fields, int index) {
		return index < 0 || fields.get(index).isEmpty() ? null : fields.get(index);
	}

}
