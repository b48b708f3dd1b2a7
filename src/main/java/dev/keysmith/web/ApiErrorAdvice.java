package dev.keysmith.web;

import java.util.List;
import java.util.Optional;

import dev.keysmith.account.TooManyWrongPasswordsException;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.common.PrintableText;
import dev.keysmith.pki.PkiException;
import dev.keysmith.push.PushException;
import dev.keysmith.storage.StorageFailures;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.ThingsBoardUnavailableException;
import dev.keysmith.work.BusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API as {@code application/problem+json} (RFC 9457) with a human
 * {@code detail}; never a stack trace. Applies to REST controllers only, so that a page
 * error never turns into JSON.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

	private final StorageFailures storage;

	ApiErrorAdvice(StorageFailures storage) {
		this.storage = storage;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalid(InvalidRequestException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		if (ex.getField() != null) {
			problem.setProperty("field", ex.getField());
		}
		return problem;
	}

	@ExceptionHandler(BusyException.class)
	ResponseEntity<ProblemDetail> busy(BusyException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.getRetryAfter().toSeconds())))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
	}

	@ExceptionHandler(TooManyWrongPasswordsException.class)
	ResponseEntity<ProblemDetail> tooManyWrongPasswords(TooManyWrongPasswordsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.getRetryAfterSeconds()))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
	}

	@ExceptionHandler(PushException.class)
	ResponseEntity<ProblemDetail> pushFailed(PushException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(FailureStatus.of(ex.getFailure()), ex.getMessage());
		problem.setTitle("Push not proven");
		problem.setProperty("reason", ex.getFailure().name());
		thingsBoardDetails(problem, ex.getCause());
		return withRetryAfter(problem, ex.getCause());
	}

	@ExceptionHandler(ThingsBoardException.class)
	ResponseEntity<ProblemDetail> thingsBoardFailed(ThingsBoardException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(FailureStatus.of(ex), ex.getMessage());
		problem.setTitle("ThingsBoard refused or failed");
		thingsBoardDetails(problem, ex);
		return withRetryAfter(problem, ex);
	}

	/**
	 * 503 when Keysmith did not call ThingsBoard (busy, or its circuit open): when to try
	 * again.
	 */
	private static ResponseEntity<ProblemDetail> withRetryAfter(ProblemDetail problem, Throwable cause) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
		if (cause instanceof ThingsBoardUnavailableException unavailable) {
			answer.header(HttpHeaders.RETRY_AFTER,
					String.valueOf(Math.max(1, unavailable.getRetryAfter().toSeconds())));
		}
		return answer.body(problem);
	}

	private static void thingsBoardDetails(ProblemDetail problem, Throwable cause) {
		if (cause instanceof ThingsBoardException tb && tb.getHttpStatus() != 0) {
			problem.setProperty("thingsboardStatus", tb.getHttpStatus());
			if (tb.getErrorCode() != null) {
				problem.setProperty("thingsboardErrorCode", tb.getErrorCode());
			}
			if (tb.getServerMessage() != null) {
				problem.setProperty("thingsboardMessage", tb.getServerMessage());
			}
		}
	}

	@ExceptionHandler(PkiException.class)
	ProblemDetail unusableCredential(PkiException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Unusable certificate or key");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
		String field = (mismatch != null) ? field(mismatch.getPath()) : null;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				(field != null)
						? "The value of '%s' is not what this endpoint expects%s: %s".formatted(field,
								wholeNumber(mismatch.getTargetType()) ? " (a whole number)" : "", rootMessage(ex))
						: "The request body is not the JSON this endpoint expects: " + rootMessage(ex));
		if (field != null) {
			problem.setProperty("field", field);
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"'%s' is not a valid %s".formatted(PrintableText.oneLine(String.valueOf(ex.getValue())), field));
		if (field != null) {
			problem.setProperty("field", field);
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/**
	 * The JSON member at fault, e.g. {@code validityDays}, or {@code null} for the body
	 * as a whole.
	 */
	private static String field(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? null : field.toString();
	}

	private static boolean wholeNumber(Class<?> type) {
		return type == Integer.class || type == int.class || type == Long.class || type == long.class;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		// the first line names the problem; the rest is parser location noise, and so is
		// Jackson's advice
		String first = message.lines().findFirst().orElse(message);
		return first.replace(" (but could if coercion was enabled using `CoercionConfig`)", "");
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		Optional<String> storageFailure = this.storage.explain(ex);
		if (storageFailure.isPresent()) {
			log.warn("The database failed: {}", StorageFailures.rootMessage(ex));
			return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, storageFailure.get());
		}
		log.error("Unexpected error in the JSON API", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Keysmith failed unexpectedly; the server log has the details");
	}

}
