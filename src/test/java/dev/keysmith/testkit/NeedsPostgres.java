package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

import org.springframework.test.annotation.DirtiesContext;

/**
 * The test runs a PostgreSQL server of its own (see {@link PostgresServer}). Tagged
 * {@code postgres}: {@code ./test --fast} leaves it out.
 * <p>
 * A Spring test context on PostgreSQL (each has a database of its own, so none is reused)
 * is closed right after its class, while the server still runs. Left in the context cache
 * to the end of the JVM, it would be closed after the server's own stop and wait for
 * connections that cannot come (seconds per context, past the time Surefire allows the
 * JVM to end).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("postgres")
@DirtiesContext
public @interface NeedsPostgres {

}
