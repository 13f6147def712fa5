package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks classes written by the Adjoint processor. Its simple name contains {@code Generated} so
 * that coverage tools (JaCoCo and others) leave generated derivative code out of their reports.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AdjointGenerated {}
