package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The test validates docker-compose.yml with a compose client ({@code docker compose} or
 * {@code
 * docker-compose}). Tagged {@code compose}: {@code ./test --fast} leaves it out.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("compose")
public @interface NeedsComposeClient {

}
