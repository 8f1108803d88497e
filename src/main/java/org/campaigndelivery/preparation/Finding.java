package org.campaigndelivery.preparation;

/**
 * What a control rule found: errors block the send, warnings need an approver's eye,
 * notices tell the approver and the starter something they should know without asking for
 * an approval.
 */
public record Finding(Severity severity, String rule, String message) {

	public enum Severity {

		ERROR, WARNING, NOTICE

	}

	static Finding error(String rule, String message) {
		return new Finding(Severity.ERROR, rule, message);
	}

	static Finding warning(String rule, String message) {
		return new Finding(Severity.WARNING, rule, message);
	}

	static Finding notice(String rule, String message) {
		return new Finding(Severity.NOTICE, rule, message);
	}

}
