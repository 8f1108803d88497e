package org.campaigndelivery.preparation;

import java.util.List;

/**
 * The outcome of preparing a delivery: to deliver = targeted - excluded.
 */
public record PreparationReport(String label, String subject, int targeted, int excluded, int toDeliver,
		List<Finding> findings) {

	public boolean hasErrors() {
		return this.findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
	}

	public boolean hasWarnings() {
		return this.findings.stream().anyMatch(f -> f.severity() == Finding.Severity.WARNING);
	}

	/** The messages of one severity, one a line, for a form or a log. */
	public String describe(Finding.Severity severity) {
		return String.join("\n",
				this.findings.stream().filter(f -> f.severity() == severity).map(Finding::message).toList());
	}

}
