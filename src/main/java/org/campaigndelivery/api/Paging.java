package org.campaigndelivery.api;

import java.util.ArrayList;
import java.util.List;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;

/** page (from 0) and size (1..1000, default 100) query parameters. */
public record Paging(int page, int size) {

	public static final int MAX_SIZE = 1000;

	public static final int DEFAULT_SIZE = 100;

	public static final int MAX_PAGE = 1_000_000;

	public static Paging of(String page, String size) {
		List<FieldProblem> problems = new ArrayList<>();
		int p = parse(page, 0, "page", 0, MAX_PAGE, problems);
		int s = parse(size, DEFAULT_SIZE, "size", 1, MAX_SIZE, problems);
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new Paging(p, s);
	}

	public int offset() {
		return this.page * this.size;
	}

	private static int parse(String value, int fallback, String name, int min, int max, List<FieldProblem> problems) {
		if (value == null || value.isEmpty()) {
			return fallback;
		}
		try {
			int n = Integer.parseInt(value);
			if (n >= min && n <= max) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add(new FieldProblem(name, "must be a whole number from " + min + " to " + max));
		return fallback;
	}

}
