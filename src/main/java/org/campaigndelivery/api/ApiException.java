package org.campaigndelivery.api;

import org.springframework.http.HttpStatus;

/** A refusal that maps onto one HTTP status with a human-readable detail. */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	private final Integer retryAfterSeconds;

	ApiException(HttpStatus status, String title, String detail) {
		this(status, title, detail, null);
	}

	private ApiException(HttpStatus status, String title, String detail, Integer retryAfterSeconds) {
		super(detail);
		this.status = status;
		this.title = title;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public static ApiException notFound(String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	public static ApiException conflict(String detail) {
		return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
	}

	public static ApiException forbidden(String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	/** 502: a service this application asked answered wrongly. */
	public static ApiException badGateway(String detail) {
		return new ApiException(HttpStatus.BAD_GATEWAY, "Bad gateway", detail);
	}

	/** 429: the caller sends too much at once; it may send the same again later. */
	public static ApiException tooManyRequests(String detail, int retryAfterSeconds) {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, retryAfterSeconds);
	}

	/** When the caller may try again, in seconds; null when the refusal is final. */
	public Integer retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

}
