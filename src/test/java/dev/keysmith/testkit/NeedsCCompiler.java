package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The test compiles and runs C and C++ programs with {@code gcc} and {@code g++} (some
 * linked with mbedTLS, Debian package libmbedtls-dev), as firmware projects build what
 * Keysmith writes for them. Tagged {@code compiler}: {@code ./test --fast} leaves it out;
 * {@code ./test} installs the compilers and mbedTLS when they are missing, and the test
 * fails (never skips) without them.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("compiler")
public @interface NeedsCCompiler {

}
