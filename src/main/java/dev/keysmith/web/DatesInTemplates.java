package dev.keysmith.web;

import java.time.Instant;

import dev.keysmith.common.Dates;

import org.springframework.stereotype.Component;

/**
 * {@link Dates} for the templates: {@code ${@dates.moment(run.startedAt)}} (public: SpEL
 * calls public methods).
 */
@Component("dates")
public class DatesInTemplates {

	public String moment(Instant instant) {
		return Dates.moment(instant);
	}

	public String day(Instant instant) {
		return Dates.day(instant);
	}

}
