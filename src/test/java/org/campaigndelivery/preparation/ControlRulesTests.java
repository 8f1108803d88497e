package org.campaigndelivery.preparation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ControlRulesTests {

	private static final String UNSUBSCRIBE = "<a href=\"https://example.com/unsubscribe?u={{email}}\">Unsubscribe</a>";

	@Test
	void shouldPassContentWithSubjectHtmlAndUnsubscribeLink() {
		assertThat(ControlRules.checkContent("Hello {{firstName}}", "<p>Hi</p>" + UNSUBSCRIBE, null)).isEmpty();
	}

	@Test
	void shouldBlockASubjectWithALineBreak() {
		assertThat(rules(ControlRules.checkContent("Hello\r\nBcc: x@example.com", UNSUBSCRIBE, null)))
			.containsExactly("ERROR SUBJECT_LINE_BREAK");
	}

	@Test
	void shouldBlockEmptySubjectAndEmptyHtml() {
		assertThat(rules(ControlRules.checkContent(" ", " ", null))).containsExactly("ERROR SUBJECT_MISSING",
				"ERROR HTML_EMPTY");
	}

	@Test
	void shouldWarnWhenTheUnsubscribeLinkIsMissing() {
		assertThat(rules(ControlRules.checkContent("Hi", "<a href='https://example.com'>shop</a>", null)))
			.containsExactly("WARNING UNSUBSCRIBE_LINK_MISSING");
	}

	@Test
	void shouldBlockMalformedPersonalisation() {
		assertThat(rules(ControlRules.checkContent("Hi {{#vip}}dear", UNSUBSCRIBE, null)))
			.containsExactly("ERROR MALFORMED_PERSONALISATION");
	}

	@Test
	void shouldBlockMalformedPersonalisationOfTheTextPart() {
		List<Finding> findings = ControlRules.checkContent("Hi", UNSUBSCRIBE, "Hello {{#vip}}dear");

		assertThat(rules(findings)).containsExactly("ERROR MALFORMED_PERSONALISATION");
		assertThat(findings.get(0).message()).contains("text part");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "htp:/broken", "http://", "javascript:alert(1)", "www.example.com", "https://exa mple.com" })
	void shouldBlockLinksThatAreNotWellFormedHttpUrls(String href) {
		assertThat(ControlRules.isWellFormedLink(href)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com/a?b=c", "http://example.com", "mailto:help@example.com", "#top",
			"{{unsubscribeUrl}}", "https://example.com/p?u={{email}}" })
	void shouldAcceptWebLinksAnchorsMailtoAndPersonalisedLinks(String href) {
		assertThat(ControlRules.isWellFormedLink(href)).isTrue();
	}

	@Test
	void shouldBlockATargetWithNobodyLeftAndWarnWhenMostIsExcluded() {
		assertThat(rules(ControlRules.checkTarget(4, 4))).containsExactly("ERROR NO_RECIPIENT");
		assertThat(rules(ControlRules.checkTarget(5, 3))).containsExactly("WARNING MOSTLY_EXCLUDED");
		assertThat(ControlRules.checkTarget(4, 2)).isEmpty();
	}

	private static List<String> rules(List<Finding> findings) {
		return findings.stream().map(f -> f.severity() + " " + f.rule()).toList();
	}

	@Test
	void shouldWarnOfAContactDateAlreadyPastAndNotOfOneToCome() {
		OffsetDateTime now = OffsetDateTime.of(2030, 1, 31, 9, 0, 0, 0, ZoneOffset.UTC);

		assertThat(ControlRules.checkContactDate(now.minusMinutes(1), now)).singleElement()
			.satisfies((f) -> assertThat(f.rule()).isEqualTo("CONTACT_DATE_PAST"))
			.satisfies((f) -> assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING));
		assertThat(ControlRules.checkContactDate(now.plusMinutes(1), now)).isEmpty();
		assertThat(ControlRules.checkContactDate(null, now)).isEmpty();
	}

}
