package org.campaigndelivery.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds create-delivery request bodies: a valid default that each test changes where it
 * matters.
 */
public final class DeliveryRequests {

	public static final String HTML_WITH_UNSUBSCRIBE = """
			<html><body><p>Hello {{firstName}} {{lastName}},</p>
			<p>Our <a href="https://shop.example.com/sale?c={{city}}">winter sale</a> starts today.</p>
			<p><a href="https://shop.example.com/unsubscribe">Unsubscribe</a></p></body></html>""";

	private final Map<String, Object> body = new LinkedHashMap<>();

	private DeliveryRequests() {
		this.body.put("label", "Winter sale");
		this.body.put("from", "news@shop.example.com");
		this.body.put("subject", "Hello {{firstName}}, the winter sale starts");
		this.body.put("html", HTML_WITH_UNSUBSCRIBE);
		this.body.put("recipients", recipients(3));
	}

	public static DeliveryRequests delivery() {
		return new DeliveryRequests();
	}

	/** n distinct valid recipients, r1@example.com ... */
	public static List<Map<String, Object>> recipients(int n) {
		List<Map<String, Object>> recipients = new ArrayList<>();
		for (int i = 1; i <= n; i++) {
			recipients.add(Map.of("email", "r" + i + "@example.com", "firstName", "First" + i, "lastName", "Last" + i));
		}
		return recipients;
	}

	/**
	 * n recipients whose addresses no other test uses (r1-&lt;random&gt;@example.com
	 * ...): for tests that bounce them, since a bounce quarantines its address for the
	 * deliveries that follow.
	 */
	public static List<Map<String, Object>> freshRecipients(int n) {
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		List<Map<String, Object>> recipients = new ArrayList<>();
		for (int i = 1; i <= n; i++) {
			recipients.add(Map.of("email", "r" + i + "-" + run + "@example.com", "firstName", "First" + i, "lastName",
					"Last" + i));
		}
		return recipients;
	}

	/** The address of the i-th recipient (from 1) of a list. */
	public static String email(List<Map<String, Object>> recipients, int i) {
		return (String) recipients.get(i - 1).get("email");
	}

	public DeliveryRequests with(String field, Object value) {
		this.body.put(field, value);
		return this;
	}

	public DeliveryRequests without(String field) {
		this.body.remove(field);
		return this;
	}

	public Map<String, Object> body() {
		return this.body;
	}

}
