package dev.keysmith.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The test runs libcoap's {@code coap-client-openssl} or {@code coap-server-openssl}.
 * Tagged {@code
 * libcoap}: {@code ./test --fast} leaves it out.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("libcoap")
public @interface NeedsLibcoap {

}
