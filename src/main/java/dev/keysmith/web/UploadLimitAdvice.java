package dev.keysmith.web;

import dev.keysmith.common.Uploads;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Uploads over the limit fail before any controller is chosen, so this advice applies to
 * every request and answers in the channel's own form: a problem for the API, the page's
 * error view otherwise. Nothing of the upload is kept.
 */
@ControllerAdvice
class UploadLimitAdvice {

	static final String MESSAGE = "The upload is too large: Keysmith takes files of at most " + Uploads.describe()
			+ " (a certificate or a key is a few KB)";

	static final String BATCH_MESSAGE = "The upload is too large: a batch CSV has at most " + Uploads.describeBatch()
			+ " (10,000 devices with certificate and key fit)";

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String message = Uploads.isBatchUpload(path) ? BATCH_MESSAGE : MESSAGE;
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, message));
		}
		ModelAndView page = new ModelAndView("error");
		page.setStatus(HttpStatus.CONTENT_TOO_LARGE);
		page.addObject("status", HttpStatus.CONTENT_TOO_LARGE.value());
		page.addObject("message", message);
		return page;
	}

}
