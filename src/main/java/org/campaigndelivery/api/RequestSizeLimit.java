package org.campaigndelivery.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest request body /api reads ({@link ApiProperties}): a larger body is refused
 * with 413 before anything of it is kept, whether it announces its length or streams in
 * chunks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxJson;

	private final long maxCsv;

	RequestSizeLimit(ApiProperties properties) {
		this.maxJson = properties.maxJsonBody().toBytes();
		this.maxCsv = properties.maxCsvBody().toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		long limit = (type != null && type.toLowerCase().startsWith("text/csv")) ? this.maxCsv : this.maxJson;
		if (request.getContentLengthLong() > limit) {
			tooLarge(request, response, limit);
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, limit), response);
		}
		catch (ServletException ex) {
			if (ex.getCause() instanceof BodyTooLargeException) {
				tooLarge(request, response, limit);
				return;
			}
			throw ex;
		}
		catch (BodyTooLargeException ex) {
			tooLarge(request, response, limit);
		}
	}

	private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		FilterProblems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Content too large",
				"The request body is larger than " + DataSize.ofBytes(limit).toMegabytes()
						+ " MB, the most this endpoint reads; nothing of it was kept.");
	}

	/** Thrown while reading past the limit. */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("The request body is larger than this endpoint reads");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		LimitedStream(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.read += n;
			if (this.read > this.limit) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
