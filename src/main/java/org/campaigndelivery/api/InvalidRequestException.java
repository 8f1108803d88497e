package org.campaigndelivery.api;

import java.util.List;

/**
 * A request whose fields are wrong; each {@link FieldProblem} names one field and what is
 * wrong with it.
 */
public class InvalidRequestException extends RuntimeException {

	private final transient List<FieldProblem> problems;

	public InvalidRequestException(List<FieldProblem> problems) {
		super(problems.size() + " invalid field(s)");
		this.problems = List.copyOf(problems);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	public record FieldProblem(String field, String message) {
	}

}
