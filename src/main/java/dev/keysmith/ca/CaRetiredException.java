package dev.keysmith.ca;

import dev.keysmith.common.ConflictException;

/** The CA asked to issue is retired: it issues no more certificates (409). */
public class CaRetiredException extends ConflictException {

	CaRetiredException(String caName) {
		super("The CA '" + caName + "' is retired: it issues no more certificates");
	}

}
