package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The test drives Debian's headless Chromium through chromedriver (see {@link Browser}).
 * Tagged {@code
 * browser}: {@code ./test --fast} leaves it out.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("browser")
public @interface NeedsBrowser {

}
