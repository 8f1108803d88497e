package org.campaigndelivery.preparation;

import java.util.List;
import java.util.Map;

/**
 * The outcome of preparing a delivery: to deliver = targeted - excluded.
 */
public record PreparationReport(String label, String subject, int targeted, int excluded,
		Map<ExclusionReason, Integer> excludedByReason, int toDeliver, List<Finding> findings) {

	/** How many were excluded for this reason. */
	public int excluded(ExclusionReason reason) {
		return this.excludedByReason.getOrDefault(reason, 0);
	}

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
