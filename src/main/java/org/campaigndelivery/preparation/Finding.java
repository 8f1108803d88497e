package org.campaigndelivery.preparation;

/** What a control rule found: errors block the send, warnings need an approver's eye. */
public record Finding(Severity severity, String rule, String message) {

	public enum Severity {

		ERROR, WARNING

	}

	static Finding error(String rule, String message) {
		return new Finding(Severity.ERROR, rule, message);
	}

	static Finding warning(String rule, String message) {
		return new Finding(Severity.WARNING, rule, message);
	}

}
