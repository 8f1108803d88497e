package org.campaigndelivery.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Binding JSON bodies to request records with Bean Validation, without the application:
 * what is read, and how every bad field is named in one answer.
 */
class RequestBinderTests {

	private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

	private final ObjectMapper json = new ObjectMapper();

	private final RequestBinder binder = new RequestBinder(this.json, validator());

	@AfterAll
	static void closeValidation() {
		VALIDATION.close();
	}

	@Test
	void readsEveryKindOfFieldIntoTheRecord() throws Exception {
		Order order = this.binder.read(body("""
				{"label": "News", "urgent": true, "count": 3, "total": 3000000000,
				 "at": "2030-01-31T09:00:00+01:00", "validity": "P3DT12H", "zone": "Europe/Paris", "colour": "GREEN",
				 "owner": {"email": "ann@example.com"},
				 "recipients": [{"email": "bea@example.com"}, {"email": "cy@example.com"}],
				 "tags": ["spring", "sale"]}
				"""), Order.class);

		assertThat(order).isEqualTo(new Order("News", true, 3, 3_000_000_000L,
				OffsetDateTime.parse("2030-01-31T09:00:00+01:00"), Duration.ofHours(84), ZoneId.of("Europe/Paris"),
				Colour.GREEN, new Recipient("ann@example.com", Map.of()),
				List.of(new Recipient("bea@example.com", Map.of()), new Recipient("cy@example.com", Map.of())),
				List.of("spring", "sale")));
	}

	@Test
	void fieldsLeftOutOrNullAreNull() throws Exception {
		Order order = this.binder.read(body("""
				{"label": "News", "urgent": null, "tags": null}
				"""), Order.class);

		assertThat(order).isEqualTo(new Order("News", null, null, null, null, null, null, null, null, null, null));
	}

	@Test
	void theOtherFieldsOfARecordThatTakesThemAreKeptAsStringsNumbersAndBooleansWithoutNulls() throws Exception {
		Recipient recipient = this.binder.read(body("""
				{"email": "ann@example.com", "firstName": "Ann", "age": 42, "vip": true, "note": null}
				"""), Recipient.class);

		assertThat(recipient.email()).isEqualTo("ann@example.com");
		assertThat(recipient.fields()).containsExactly(entry("firstName", "Ann"), entry("age", 42), entry("vip", true));
	}

	@Test
	void aValueOfTheWrongJsonTypeIsNamedInsteadOfCoerced() throws Exception {
		List<FieldProblem> problems = problems(() -> this.binder.read(body("""
				{"label": 5, "urgent": "yes", "count": 1.5, "total": "12", "at": "tomorrow", "validity": "3 days",
				 "zone": "Mars/Olympus", "colour": "BLUE", "owner": "ann@example.com", "recipients": {},
				 "tags": "spring"}
				"""), Order.class));

		assertThat(problems).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactlyInAnyOrder(tuple("label", "must be a string"), tuple("urgent", "must be true or false"),
					tuple("count", "must be a whole number"), tuple("total", "must be a whole number"),
					tuple("at", "must be an ISO-8601 date and time with offset, such as 2030-01-31T09:00:00Z"),
					tuple("validity", "must be an ISO-8601 duration such as P3DT12H or PT1H"),
					tuple("zone", "must be a time zone such as Europe/Paris or UTC"),
					tuple("colour", "must be one of RED, GREEN"), tuple("owner", "must be an object"),
					tuple("recipients", "must be an array of objects"), tuple("tags", "must be an array"));
	}

	@Test
	void aWholeNumberTooLargeForItsFieldIsNamed() throws Exception {
		List<FieldProblem> problems = problems(() -> this.binder.read(body("""
				{"label": "News", "count": 3000000000}
				"""), Order.class));

		assertThat(problems).containsExactly(new FieldProblem("count", "must be a whole number"));
	}

	@Test
	void aWholeNumberWrittenWithADecimalPointIsTaken() throws Exception {
		Order order = this.binder.read(body("""
				{"label": "News", "count": 3.0}
				"""), Order.class);

		assertThat(order.count()).isEqualTo(3);
	}

	@Test
	void aFieldTheRecordDoesNotKnowIsRefused() throws Exception {
		List<FieldProblem> problems = problems(() -> this.binder.read(body("""
				{"label": "News", "colour": "RED", "flavour": "mint"}
				"""), Order.class));

		assertThat(problems).containsExactly(new FieldProblem("flavour", "is not a known field"));
	}

	@Test
	void anOtherFieldThatIsAnObjectOrArrayIsRefusedNamingItsPath() throws Exception {
		List<FieldProblem> problems = problems(() -> this.binder.read(body("""
				{"label": "News", "recipients": [{"email": "ann@example.com"},
				 {"email": "bea@example.com", "address": {"city": "Lyon"}, "pets": ["cat"]}]}
				"""), Order.class));

		assertThat(problems).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactlyInAnyOrder(tuple("recipients[1].address", "must be a string, number, boolean or null"),
					tuple("recipients[1].pets", "must be a string, number, boolean or null"));
	}

	@Test
	void constraintsOfNestedRecordsAreNamedByTheirPath() throws Exception {
		List<FieldProblem> problems = problems(() -> this.binder.read(body("""
				{"label": "Far too long", "owner": {"email": " "},
				 "recipients": [{"email": "ann@example.com"}, {"email": "bea@example.com"}, {"firstName": "Cy"}]}
				"""), Order.class));

		assertThat(problems).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactlyInAnyOrder(tuple("label", "must be at most 5 characters"),
					tuple("owner.email", "is required"), tuple("recipients[2].email", "is required"));
	}

	@Test
	void aHoleInAListIsNamedByItsIndex() throws Exception {
		List<FieldProblem> problems = problems(() -> this.binder.read(body("""
				{"label": "News", "recipients": [{"email": "ann@example.com"}, null], "tags": ["spring", null]}
				"""), Order.class));

		assertThat(problems).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactlyInAnyOrder(tuple("recipients[1]", "must be an object"),
					tuple("tags[1]", "must not be null"));
	}

	@Test
	void aFieldOfTheWrongTypeIsNotNamedAgainByItsConstraint() throws Exception {
		List<FieldProblem> problems = problems(() -> this.binder.read(body("""
				{"label": ["News"]}
				"""), Order.class));

		assertThat(problems).as("not also 'is required' for the label left null")
			.containsExactly(new FieldProblem("label", "must be a string"));
	}

	@Test
	void aBodyThatIsNoObjectIsRefusedAsAWhole() {
		for (String text : List.of("[]", "\"News\"", "42", "null")) {
			assertThat(problems(() -> this.binder.read(body(text), Order.class))).as(text)
				.containsExactly(new FieldProblem("(body)", "must be a JSON object"));
		}
		assertThat(problems(() -> this.binder.read(null, Order.class)))
			.containsExactly(new FieldProblem("(body)", "must be a JSON object"));
	}

	@Test
	void oneBodyMayHoldTheFieldsOfTwoRecords() throws Exception {
		JsonNode body = body("""
				{"label": "News", "schedule": "R/P1D"}
				""");
		RequestBinder.Binding binding = this.binder.binding();

		Order order = binding.body(body, Order.class, Timing.class);
		Timing timing = binding.body(body, Timing.class, Order.class);

		assertThat(binding.hasProblems()).isFalse();
		assertThat(order.label()).isEqualTo("News");
		assertThat(timing.schedule()).isEqualTo("R/P1D");
		assertThat(problems(() -> this.binder.read(body, Order.class)))
			.containsExactly(new FieldProblem("schedule", "is not a known field"));
	}

	@Test
	void anArrayBodyIsReadElementByElementNamingEachByItsIndex() throws Exception {
		RequestBinder.Binding binding = this.binder.binding();

		List<Recipient> recipients = binding.array(body("""
				[{"email": "ann@example.com"}, {"email": ""}, "bea@example.com"]
				"""), Recipient.class, 3, "recipients");

		assertThat(recipients).hasSize(3);
		assertThat(recipients.get(0)).isEqualTo(new Recipient("ann@example.com", Map.of()));
		assertThat(recipients.get(2)).as("what is no object").isNull();
		assertThat(problems(binding::check)).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly(tuple("[1].email", "is required"), tuple("[2]", "must be an object"));
	}

	@Test
	void anArrayBodyMustHoldBetweenOneAndTheMostElements() {
		RequestBinder.Binding binding = this.binder.binding();

		assertThat(problems(() -> binding.array(body("[{}, {}, {}]"), Recipient.class, 2, "recipients")))
			.containsExactly(new FieldProblem("(body)", "holds more than 2 recipients; send smaller batches"));
		for (String text : List.of("[]", "{}")) {
			assertThat(problems(() -> binding.array(body(text), Recipient.class, 2, "recipients"))).as(text)
				.containsExactly(new FieldProblem("(body)", "must be a non-empty JSON array of recipients"));
		}
		assertThat(problems(() -> binding.array(null, Recipient.class, 2, "recipients")))
			.containsExactly(new FieldProblem("(body)", "must be a non-empty JSON array of recipients"));
	}

	@Test
	void aBindingNamesEachFieldOnceWithItsFirstProblemAndRefusesOnlyWhenThereIsOne() {
		RequestBinder.Binding binding = this.binder.binding();
		binding.check();
		assertThat(binding.hasProblems()).isFalse();

		binding.problem("until", "must be in the future");
		binding.problem("until", "must be after the start");
		binding.problem("schedule", "has no occurrence after now");

		assertThat(binding.hasProblem("until")).isTrue();
		assertThat(binding.hasProblem("label")).isFalse();
		assertThat(problems(binding::check)).containsExactly(new FieldProblem("until", "must be in the future"),
				new FieldProblem("schedule", "has no occurrence after now"));
	}

	private JsonNode body(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(text, ex);
		}
	}

	private static List<FieldProblem> problems(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).as("refused").isInstanceOf(InvalidRequestException.class);
		return ((InvalidRequestException) thrown).problems();
	}

	private static Validator validator() {
		return VALIDATION.getValidator();
	}

	enum Colour {

		RED, GREEN

	}

	record Order(
			@NotBlank(message = "is required") @Size(max = 5,
					message = "must be at most {max} characters") String label,
			Boolean urgent, Integer count, Long total, OffsetDateTime at, Duration validity, ZoneId zone, Colour colour,
			Recipient owner, List<Recipient> recipients, List<String> tags) {
	}

	record Recipient(@NotBlank(message = "is required") String email, @OtherFields Map<String, Object> fields) {
	}

	record Timing(String schedule) {
	}

}
