package dev.weir.memcheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The guest module {@link MemCheckExtension} checks, for the declarative form
 * {@code @ExtendWith(MemCheckExtension.class) @MemCheckGuest("guest.wasm")}. On a test class it
 * applies to every test; on a method it overrides the class's.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MemCheckGuest {
    /**
     * The module file: a path (relative paths are tried from the working directory, then from each
     * of its parents, so a multi-module build finds repository files), or
     * {@code classpath:name} for a class path resource.
     */
    String value();

    /** Whether blocks still allocated at the end of the test fail it (default true). */
    boolean failOnLeaks() default true;

    /** Whether {@code _initialize} is called when the module exports it (default true). */
    boolean callInitialize() default true;
}
