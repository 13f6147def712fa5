package dev.adjoint.processor.rules;

import com.palantir.javapoet.CodeBlock;

/**
 * One contribution {@code ±magnitude} to an operand's adjoint. The magnitude is always a primary or
 * multiplicative expression, so {@code -magnitude} and {@code x += magnitude} need no parentheses.
 */
public record Term(boolean negate, CodeBlock magnitude) {
  public static Term plus(String format, Object... args) {
    return new Term(false, CodeBlock.of(format, args));
  }

  public static Term minus(String format, Object... args) {
    return new Term(true, CodeBlock.of(format, args));
  }
}
