package dev.adjoint.processor.diag;

import java.util.Locale;

/**
 * Every message Adjoint prints, phrased as a rule plus a remedy. Each starts with a stable key in
 * brackets so that users (and tests) can recognise it across releases.
 */
public enum Message {
  NO_TREE_API(
      "NoTreeApi",
      "Adjoint needs javac's Compiler Tree API (com.sun.source), which this compiler (%s) does not"
          + " provide; build with javac (the default of Maven and Gradle)"),
  SELF_PARAMETER(
      "ReservedParameter",
      "@Differentiable instance method '%s' has a parameter named 'self', the name its generated"
          + " methods give the receiver: rename the parameter"),
  NOT_DOUBLE(
      "ReturnType",
      "@Differentiable method '%s' returns %s; it must return double (the value whose gradient is"
          + " generated)"),
  NO_BODY(
      "NoBody",
      "@Differentiable method '%s' has no body (abstract or native); only methods with a body can"
          + " be differentiated"),
  UNKNOWN_WRT(
      "UnknownWrt",
      "@Differentiable(wrt) of method '%s' names '%s', which is not a parameter; parameters are: %s"),
  WRT_NOT_DIFFERENTIABLE(
      "WrtType",
      "@Differentiable(wrt) of method '%s' names '%s' of type %s; only double, double[] and"
          + " double[][] parameters can be differentiated"),
  WRT_DUPLICATE(
      "WrtDuplicate", "@Differentiable(wrt) of method '%s' names '%s' twice; name it once"),
  RESERVED_PARAMETER(
      "ReservedName",
      "parameter '%s' of @Differentiable method '%s' would become a component of the generated"
          + " record %s, where that name is reserved; rename the parameter"),
  INACCESSIBLE_TYPE(
      "Inaccessible",
      "parameter '%s' of @Differentiable method '%s' has type %s, which the generated class %s"
          + " cannot name; make the type at least package-private"),
  UNSUPPORTED_STATEMENT(
      "Unsupported",
      "@Differentiable method '%s' uses %s, which is not supported yet; %s"),
  UNSUPPORTED_EXPRESSION(
      "Unsupported",
      "@Differentiable method '%s' uses %s, which is not supported; %s"),
  NO_DERIVATIVE(
      "NoDerivative",
      "@Differentiable method '%s' calls '%s', which has no derivative: annotate it with"
          + " @Differentiable, or declare its pullback with @DerivativeOf (library calls with"
          + " built-in derivatives are the java.lang.Math and StrictMath functions in the README)"),
  CALL_WRT(
      "CallWrt",
      "@Differentiable method '%s' passes a value that depends on its wrt parameters as parameter"
          + " '%s' of '%s', which is not differentiated with respect to it: add '%2$s' to the"
          + " callee's @Differentiable(wrt = ...)"),
  CALLEE_INACCESSIBLE(
      "Inaccessible",
      "@Differentiable method '%s' calls '%s', which the generated class cannot call (it is private"
          + " or not visible from this package): make it package-private or public"),
  RULE_INACCESSIBLE(
      "Inaccessible",
      "@Differentiable method '%s' calls '%s', whose derivative rule %s the generated class cannot"
          + " call (it is private or not visible from this package): make the rule and its class"
          + " public, or package-private in this package"),
  CALLEE_NOT_STATIC(
      "NotStatic",
      "@Differentiable method '%s' calls instance method '%s' on %s; only static methods, and"
          + " @Differentiable instance methods of this object, can be called: make it static"),
  RULE_TARGET(
      "RuleTarget",
      "@DerivativeOf on '%s' names '%s', %s"),
  RULE_SIGNATURE(
      "RuleSignature",
      "@DerivativeOf method '%s' does not have the pullback shape of %s: expected 'static double"
          + " %1$s(%s)' (the target's parameters, double seed, then one accumulator per double,"
          + " double[] or double[][] parameter)"),
  UNKNOWN_NAME(
      "UnknownName",
      "@Differentiable method '%s' reads '%s', which Adjoint cannot resolve; supported names are"
          + " parameters, local variables and static final constants"),
  FIELD_NOT_CONSTANT(
      "FieldNotConstant",
      "@Differentiable method '%s' reads field '%s', which is not static final; only static final"
          + " constants can be read (pass other values as parameters)"),
  FIELD_TYPE(
      "FieldType",
      "@Differentiable method '%s' reads field '%s' of type %s; only static final constants of"
          + " primitive type or primitive array type can be read"),
  FIELD_INACCESSIBLE(
      "Inaccessible",
      "@Differentiable method '%s' reads field '%s', which is private and not a compile-time"
          + " constant, so the generated class cannot read it; make it package-private"),
  WRITE_TO_ARRAY(
      "ArrayWrite",
      "@Differentiable method '%s' writes into array '%s', which is a parameter (or not a local"
          + " array); the caller would see the write and the reverse sweep would have to undo it:"
          + " copy it into a local array first (double[] copy = %2$s.clone())"),
  WRITE_TO_FIELD(
      "FieldWrite",
      "@Differentiable method '%s' assigns to '%s', which is not a local variable or parameter;"
          + " writes to fields are not supported: return the value instead"),
  ARRAY_REASSIGNED(
      "ArrayWrite",
      "@Differentiable method '%s' reassigns array parameter '%s'; arrays are read-only"),
  MISSING_RETURN(
      "Unsupported",
      "@Differentiable method '%s' must end with a return statement"),
  TYPE_MISMATCH(
      "Type",
      "@Differentiable method '%s': %s"),
  INTERNAL_ERROR(
      "InternalError",
      "Adjoint failed on @Differentiable method '%s'%s: %s. This is a bug in Adjoint; please report"
          + " it with the method's source.%n%s");

  private final String key;
  private final String format;

  Message(String key, String format) {
    this.key = key;
    this.format = format;
  }

  /** The stable key, e.g. {@code Adjoint:NoDerivative}. */
  public String key() {
    return "Adjoint:" + key;
  }

  /** The full text: {@code [key] } followed by the formatted rule and remedy. */
  public String format(Object... args) {
    return "[" + key() + "] " + String.format(Locale.ROOT, format, args);
  }
}
