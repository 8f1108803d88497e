package org.campaigndelivery.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;

import org.springframework.stereotype.Component;

/**
 * Reads JSON request bodies into records of their fields and checks them with Bean
 * Validation (the constraints are on the records' components), naming every bad field of
 * a request in one answer: {@code label}, {@code recipients[2].email}, {@code [3].type}.
 * A value of the wrong JSON type is named as such instead of coerced (5 is not a label,
 * "yes" not a boolean), and a field the record does not know is refused.
 */
@Component
public class RequestBinder {

	private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
		@Override
		protected Shape computeValue(Class<?> type) {
			return Shape.of(type);
		}
	};

	private final ObjectMapper objectMapper;

	private final Validator validator;

	RequestBinder(ObjectMapper objectMapper, Validator validator) {
		this.objectMapper = objectMapper;
		this.validator = validator;
	}

	/**
	 * The body, a JSON object, read as a record, or refused naming every bad field.
	 */
	public <T extends Record> T read(JsonNode body, Class<T> type) {
		Binding binding = binding();
		T record = binding.body(body, type);
		binding.check();
		return record;
	}

	/** A new binding, which gathers the problems of one request. */
	public Binding binding() {
		return new Binding();
	}

	/** The problems of one request, gathered while its parts are bound. */
	public final class Binding {

		private final List<FieldProblem> problems = new ArrayList<>();

		private final Set<String> named = new HashSet<>();

		private Binding() {
		}

		/**
		 * The body, a JSON object, read as a record; the fields of the records
		 * {@code alongside} are known too (one body holding two records' fields).
		 * @return the record, with null for each component that could not be read
		 */
		public <T extends Record> T body(JsonNode body, Class<T> type, Class<?>... alongside) {
			if (body == null || !body.isObject()) {
				throw new InvalidRequestException("(body)", "must be a JSON object");
			}
			return record(body, type, "", alongside);
		}

		/**
		 * The body, a non-empty JSON array of at most {@code max} objects, read as
		 * records.
		 */
		public <T extends Record> List<T> array(JsonNode body, Class<T> type, int max, String what) {
			if (body == null || !body.isArray() || body.isEmpty()) {
				throw new InvalidRequestException("(body)", "must be a non-empty JSON array of " + what);
			}
			if (body.size() > max) {
				throw new InvalidRequestException("(body)",
						"holds more than " + max + " " + what + "; send smaller batches");
			}
			List<T> records = new ArrayList<>(body.size());
			for (int i = 0; i < body.size(); i++) {
				records.add(record(body.get(i), type, "[" + i + "]"));
			}
			return records;
		}

		public void problem(String field, String message) {
			if (this.named.add(field)) {
				this.problems.add(new FieldProblem(field, message));
			}
		}

		/** Whether a problem was found with this field already. */
		public boolean hasProblem(String field) {
			return this.named.contains(field);
		}

		public boolean hasProblems() {
			return !this.problems.isEmpty();
		}

		/** Refuses the request, naming every bad field, if any is. */
		public void check() {
			if (!this.problems.isEmpty()) {
				throw new InvalidRequestException(this.problems);
			}
		}

		private <T> T record(JsonNode node, Class<T> type, String path, Class<?>... alongside) {
			if (!node.isObject()) {
				problem(path, "must be an object");
				return null;
			}
			Shape shape = SHAPES.get(type);
			RecordComponent[] components = shape.components();
			RecordComponent others = shape.others();
			Set<String> known = shape.known();
			if (alongside.length > 0) {
				known = new HashSet<>(known);
				for (Class<?> more : alongside) {
					Arrays.stream(more.getRecordComponents()).map(RecordComponent::getName).forEach(known::add);
				}
			}
			Map<String, Object> otherValues = new LinkedHashMap<>();
			for (var fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (known.contains(field.getKey())) {
					continue;
				}
				if (others == null) {
					problem(name(path, field.getKey()), "is not a known field");
				}
				else if (!field.getValue().isValueNode()) {
					problem(name(path, field.getKey()), "must be a string, number, boolean or null");
				}
				else if (!field.getValue().isNull()) {
					JsonNode value = field.getValue();
					otherValues.put(field.getKey(), value.isNumber() ? value.numberValue()
							: value.isBoolean() ? value.booleanValue() : value.asText());
				}
			}
			Object[] values = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				values[i] = (components[i] == others) ? otherValues : value(node.get(components[i].getName()),
						components[i].getGenericType(), name(path, components[i].getName()));
			}
			T record = type.cast(shape.construct(values));
			for (ConstraintViolation<T> violation : RequestBinder.this.validator.validate(record)) {
				String field = name(path, violation.getPropertyPath().toString());
				if (!hasProblem(field)) {
					problem(field, violation.getMessage());
				}
			}
			return record;
		}

		private Object value(JsonNode node, Type type, String path) {
			if (node == null || node.isNull()) {
				return null;
			}
			Class<?> raw = (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
					: (Class<?>) type;
			if (raw.isRecord()) {
				return record(node, raw, path);
			}
			if (List.class.equals(raw)) {
				Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
				if (!node.isArray()) {
					problem(path, "must be an array" + (isRecord(element) ? " of objects" : ""));
					return null;
				}
				List<Object> values = new ArrayList<>(node.size());
				for (int i = 0; i < node.size(); i++) {
					String at = path + "[" + i + "]";
					if (node.get(i).isNull()) {
						// A list never holds a hole: whoever reads it would meet a null.
						problem(at, isRecord(element) ? "must be an object" : "must not be null");
					}
					values.add(value(node.get(i), element, at));
				}
				return values;
			}
			return scalar(node, raw, path);
		}

		private Object scalar(JsonNode node, Class<?> type, String path) {
			if (type == Boolean.class) {
				return node.isBoolean() ? node.booleanValue() : wrong(path, "must be true or false");
			}
			if (type == Double.class) {
				return (node.isNumber() && Double.isFinite(node.doubleValue())) ? (Object) node.doubleValue()
						: wrong(path, "must be " + expected(type));
			}
			if (!node.isTextual() && type != Integer.class && type != Long.class) {
				return wrong(path, "must be " + expected(type));
			}
			try {
				if (type == String.class) {
					return node.textValue();
				}
				if (type == OffsetDateTime.class) {
					return OffsetDateTime.parse(node.textValue());
				}
				if (type == Duration.class) {
					return Duration.parse(node.textValue());
				}
				if (type == ZoneId.class) {
					return ZoneId.of(node.textValue());
				}
				if (type.isEnum()) {
					return enumConstant(type, node.textValue());
				}
				if ((type == Integer.class || type == Long.class) && !node.canConvertToExactIntegral()) {
					return wrong(path, "must be " + expected(type));
				}
				return RequestBinder.this.objectMapper.treeToValue(node, type);
			}
			catch (DateTimeException | IllegalArgumentException | com.fasterxml.jackson.core.JacksonException ex) {
				return wrong(path, "must be " + expected(type));
			}
		}

		private Object wrong(String path, String message) {
			problem(path, message);
			return null;
		}

	}

	private static String expected(Class<?> type) {
		if (type == String.class) {
			return "a string";
		}
		if (type == Double.class) {
			return "a number";
		}
		if (type == OffsetDateTime.class) {
			return "an ISO-8601 date and time with offset, such as 2030-01-31T09:00:00Z";
		}
		if (type == Duration.class) {
			return "an ISO-8601 duration such as P3DT12H or PT1H";
		}
		if (type == ZoneId.class) {
			return "a time zone such as Europe/Paris or UTC";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.collect(Collectors.joining(", "));
		}
		if (type == Integer.class || type == Long.class) {
			return "a whole number";
		}
		return "a " + type.getSimpleName();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumConstant(Class<?> type, String name) {
		return Enum.valueOf((Class) type, name);
	}

	private static boolean isRecord(Type type) {
		return type instanceof Class<?> c && c.isRecord();
	}

	private static String name(String path, String field) {
		if (path.isEmpty()) {
			return field;
		}
		return field.isEmpty() ? path : path + "." + field;
	}

	/**
	 * What binding needs to know of a request record, found once per record type: the
	 * reflection behind it costs more than binding a small record.
	 */
	private record Shape(RecordComponent[] components, RecordComponent others, Set<String> known,
			Constructor<?> constructor) {

		static Shape of(Class<?> type) {
			RecordComponent[] components = type.getRecordComponents();
			RecordComponent others = null;
			Set<String> known = new HashSet<>();
			for (RecordComponent component : components) {
				if (component.isAnnotationPresent(OtherFields.class)) {
					others = component;
				}
				else {
					known.add(component.getName());
				}
			}
			try {
				Constructor<?> constructor = type.getDeclaredConstructor(
						Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
				constructor.setAccessible(true);
				return new Shape(components, others, Set.copyOf(known), constructor);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("A request record has its canonical constructor", ex);
			}
		}

		Object construct(Object[] values) {
			try {
				return this.constructor.newInstance(values);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("A request record's canonical constructor failed", ex);
			}
		}

	}

}
