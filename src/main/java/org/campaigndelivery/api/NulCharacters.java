package org.campaigndelivery.api;

import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a JSON body with a NUL character in any text, naming where: no database keeps
 * one in a text column (PostgreSQL refuses it), and no address, name or message needs
 * one.
 */
@ControllerAdvice(basePackages = "org.campaigndelivery")
class NulCharacters extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return JsonNode.class.equals(parameter.getParameterType());
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		String where = find((JsonNode) body, "");
		if (where != null) {
			throw new InvalidRequestException(where.isEmpty() ? "(body)" : where, "must not contain a NUL character");
		}
		return body;
	}

	/**
	 * The path of the first text holding a NUL character (a field name counts), or null.
	 */
	private static String find(JsonNode node, String path) {
		if (node == null) {
			return null;
		}
		if (node.isTextual()) {
			return node.textValue().indexOf('\0') >= 0 ? path : null;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				String found = find(node.get(i), path + "[" + i + "]");
				if (found != null) {
					return found;
				}
			}
		}
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
				if (field.getKey().indexOf('\0') >= 0) {
					return name.replace("\0", "\\u0000");
				}
				String found = find(field.getValue(), name);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
