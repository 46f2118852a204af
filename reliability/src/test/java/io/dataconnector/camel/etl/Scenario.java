package io.dataconnector.camel.etl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A reliability scenario: a stable id (e.g. {@code CRASH-2}), its group and what it checks, for the results table. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Scenario {

    /** Stable id, e.g. {@code TRANSPORT-3}. */
    String id();

    /** What is done and what must hold. */
    String title();
}
