package dev.keysmith.web;

import dev.keysmith.push.PushFailure;
import dev.keysmith.thingsboard.client.ThingsBoardException;

import org.springframework.http.HttpStatus;

/**
 * The one place where typed failures become HTTP statuses, for the API and the pages
 * alike.
 */
final class FailureStatus {

	private FailureStatus() {
	}

	/**
	 * 503 when Keysmith did not call ThingsBoard, 504 when it did not answer, 502 when it
	 * refused or failed.
	 */
	static HttpStatus of(ThingsBoardException ex) {
		return switch (ex.kind()) {
			case NOT_CALLED -> HttpStatus.SERVICE_UNAVAILABLE;
			case NO_ANSWER -> HttpStatus.GATEWAY_TIMEOUT;
			case RATE_LIMITED, REFUSED, FAILED -> HttpStatus.BAD_GATEWAY;
		};
	}

	static HttpStatus of(PushFailure failure) {
		return switch (failure) {
			case CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID -> HttpStatus.UNPROCESSABLE_CONTENT;
			case CREDENTIALS_TAKEN, CONCURRENT_CHANGE, CERTIFICATE_REVOKED -> HttpStatus.CONFLICT;
			case CREDENTIALS_MISMATCH, THINGSBOARD_REFUSED, THINGSBOARD_FAILED, RATE_LIMITED -> HttpStatus.BAD_GATEWAY;
			case THINGSBOARD_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case NO_ANSWER -> HttpStatus.GATEWAY_TIMEOUT;
		};
	}

}
