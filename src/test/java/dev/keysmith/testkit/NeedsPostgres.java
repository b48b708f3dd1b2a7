package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The test runs a PostgreSQL server of its own (see {@link PostgresServer}). Tagged
 * {@code postgres}: {@code ./test --fast} leaves it out.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("postgres")
public @interface NeedsPostgres {

}
