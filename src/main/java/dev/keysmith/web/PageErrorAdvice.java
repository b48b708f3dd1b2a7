package dev.keysmith.web;

import java.util.Optional;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.common.PrintableText;
import dev.keysmith.storage.StorageFailures;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.work.BusyException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Page errors as the error page with a plain message; for htmx requests, an error
 * fragment sent with 200, since htmx 2 does not swap 4xx/5xx answers into the page. REST
 * controllers are served by {@link ApiErrorAdvice}, which runs first.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrorAdvice {

	static final String FRAGMENT_ALERT = "fragments/errors :: alert";

	private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);

	private final StorageFailures storage;

	PageErrorAdvice(StorageFailures storage) {
		this.storage = storage;
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex, HttpServletRequest request) {
		return error(request, HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView badId(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		String value = PrintableText.oneLine(String.valueOf(ex.getValue()));
		if (ex.getParameter().hasParameterAnnotation(PathVariable.class)) {
			return error(request, HttpStatus.NOT_FOUND, "No such page: '" + value + "' is not a valid " + ex.getName());
		}
		return error(request, HttpStatus.BAD_REQUEST, "'" + value + "' is not a valid " + ex.getName());
	}

	/**
	 * Bad input a page did not turn into a form message itself, e.g. a page number beyond
	 * any list.
	 */
	@ExceptionHandler(InvalidRequestException.class)
	ModelAndView invalid(InvalidRequestException ex, HttpServletRequest request) {
		return error(request, HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(BusyException.class)
	ModelAndView busy(BusyException ex, HttpServletRequest request) {
		return error(request, HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	@ExceptionHandler(ThingsBoardException.class)
	ModelAndView thingsBoard(ThingsBoardException ex, HttpServletRequest request) {
		return error(request, FailureStatus.of(ex), ex.getMessage());
	}

	/**
	 * A failing database or disk gets its plain message; for anything else only htmx
	 * requests get here: full pages fall through to error.html.
	 */
	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex, HttpServletRequest request) throws Exception {
		Optional<String> storageFailure = this.storage.explain(ex);
		if (storageFailure.isPresent()) {
			log.warn("The database failed answering {}: {}", request.getRequestURI(), StorageFailures.rootMessage(ex));
			return error(request, HttpStatus.SERVICE_UNAVAILABLE, storageFailure.get());
		}
		if (!isHtmx(request)) {
			throw ex;
		}
		log.error("Unexpected error answering {}", request.getRequestURI(), ex);
		return error(request, HttpStatus.INTERNAL_SERVER_ERROR,
				"Keysmith failed unexpectedly; the server log has the details.");
	}

	static ModelAndView error(HttpServletRequest request, HttpStatus status, String message) {
		if (isHtmx(request)) {
			ModelAndView fragment = new ModelAndView(FRAGMENT_ALERT);
			fragment.setStatus(HttpStatus.OK);
			fragment.addObject("message", message);
			return fragment;
		}
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("error", status.getReasonPhrase());
		page.addObject("message", message);
		return page;
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return request.getHeader("HX-Request") != null;
	}

}
