package dev.keysmith.web;

import dev.keysmith.common.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Page errors as the error page with a plain message. REST controllers are served by
 * {@link ApiErrorAdvice}, which runs first.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrorAdvice {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView badId(MethodArgumentTypeMismatchException ex) {
		return error(HttpStatus.NOT_FOUND, "No such page: '" + ex.getValue() + "' is not a valid " + ex.getName());
	}

	static ModelAndView error(HttpStatus status, String message) {
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("error", status.getReasonPhrase());
		page.addObject("message", message);
		return page;
	}

}
