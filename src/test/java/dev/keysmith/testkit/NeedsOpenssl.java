package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The test runs the {@code openssl} command line tool to read what Keysmith wrote, as an
 * independent implementation. Tagged {@code openssl}: {@code ./test --fast} keeps it:
 * openssl is part of every base system Keysmith is built on, and each call takes
 * milliseconds.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("openssl")
public @interface NeedsOpenssl {

}
