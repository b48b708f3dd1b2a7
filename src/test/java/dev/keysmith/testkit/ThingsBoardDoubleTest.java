package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class talks to a {@link ThingsBoardDouble} that
 * {@link ThingsBoardDoubleExtension} starts, resets and stops: every field of type
 * {@code ThingsBoardDouble} (static for a shared double) and every parameter of that type
 * gets it. A shared double is reset after each test (faults, slow-down, silence, token
 * lifetime, CoAP faults); one test's double is new.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ThingsBoardDoubleExtension.class)
public @interface ThingsBoardDoubleTest {

	/** The ThingsBoard the double behaves as. */
	Version version() default Version.CE_4_3;

	/**
	 * Whether the DTLS server's CA is downloadable (as when the operator configured it).
	 */
	boolean publishServerCa() default false;

	/** One double for the whole class ({@code true}), or a new one for each test. */
	boolean shared() default true;

	enum Version {

		/**
		 * ThingsBoard CE 4.3 with its default settings:
		 * {@link ThingsBoardDouble#start()}.
		 */
		CE_4_3,

		/**
		 * ThingsBoard up to 4.2, without connection IDs:
		 * {@link ThingsBoardDouble#startWithoutConnectionId()}.
		 */
		CE_4_2,

		/** ThingsBoard CE 3.9.1: {@link ThingsBoardDouble#startVersion39()}. */
		CE_3_9

	}

}
