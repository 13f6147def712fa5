package dev.adjoint.processor.ir;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;

/**
 * The static type of an IR value: a primitive, or an array of primitives, or an opaque object
 * (a parameter that the method only passes around).
 */
public record Type(Prim prim, int dims) {

  /** Primitive kinds in widening order for the numeric ones. */
  public enum Prim {
    BOOLEAN("boolean"),
    BYTE("byte"),
    SHORT("short"),
    CHAR("char"),
    INT("int"),
    LONG("long"),
    FLOAT("float"),
    DOUBLE("double"),
    OBJECT("Object");

    private final String keyword;

    Prim(String keyword) {
      this.keyword = keyword;
    }
  }

  public static final Type BOOLEAN = new Type(Prim.BOOLEAN, 0);
  public static final Type CHAR = new Type(Prim.CHAR, 0);
  public static final Type INT = new Type(Prim.INT, 0);
  public static final Type LONG = new Type(Prim.LONG, 0);
  public static final Type FLOAT = new Type(Prim.FLOAT, 0);
  public static final Type DOUBLE = new Type(Prim.DOUBLE, 0);
  public static final Type DOUBLE_ARRAY = new Type(Prim.DOUBLE, 1);
  public static final Type DOUBLE_MATRIX = new Type(Prim.DOUBLE, 2);
  public static final Type OBJECT = new Type(Prim.OBJECT, 0);

  public static Type scalar(Prim prim) {
    return new Type(prim, 0);
  }

  public boolean isScalar() {
    return dims == 0 && prim != Prim.OBJECT;
  }

  /** {@code float} or {@code double}: the scalars that can carry a derivative. */
  public boolean isReal() {
    return dims == 0 && (prim == Prim.FLOAT || prim == Prim.DOUBLE);
  }

  public boolean isIntegral() {
    return dims == 0 && prim.compareTo(Prim.BYTE) >= 0 && prim.compareTo(Prim.LONG) <= 0;
  }

  public boolean isNumeric() {
    return isIntegral() || isReal();
  }

  public boolean isBoolean() {
    return dims == 0 && prim == Prim.BOOLEAN;
  }

  public boolean isArray() {
    return dims > 0;
  }

  /** The types a user may differentiate with respect to: double, double[] and double[][]. */
  public boolean isDifferentiableParameter() {
    return prim == Prim.DOUBLE && dims <= 2;
  }

  public Type elementType() {
    return new Type(prim, dims - 1);
  }

  /** Unary numeric promotion (JLS 5.6). */
  public Type promoted() {
    return prim.compareTo(Prim.INT) < 0 ? INT : this;
  }

  /** Binary numeric promotion (JLS 5.6) of two numeric scalar types. */
  public static Type promote(Type a, Type b) {
    Prim wider = a.prim.compareTo(b.prim) >= 0 ? a.prim : b.prim;
    return scalar(wider).promoted();
  }

  /** Java source spelling, e.g. {@code double[][]}. */
  public String javaName() {
    return prim.keyword + "[]".repeat(dims);
  }

  public TypeName typeName() {
    TypeName base =
        switch (prim) {
          case BOOLEAN -> TypeName.BOOLEAN;
          case BYTE -> TypeName.BYTE;
          case SHORT -> TypeName.SHORT;
          case CHAR -> TypeName.CHAR;
          case INT -> TypeName.INT;
          case LONG -> TypeName.LONG;
          case FLOAT -> TypeName.FLOAT;
          case DOUBLE -> TypeName.DOUBLE;
          case OBJECT -> com.palantir.javapoet.ClassName.OBJECT;
        };
    for (int i = 0; i < dims; i++) {
      base = ArrayTypeName.of(base);
    }
    return base;
  }

  /** The zero value of this type as Java source. */
  public String zero() {
    if (dims > 0) {
      return "null";
    }
    return switch (prim) {
      case BOOLEAN -> "false";
      case FLOAT -> "0.0f";
      case DOUBLE -> "0.0";
      case LONG -> "0L";
      case OBJECT -> "null";
      default -> "0";
    };
  }

  @Override
  public String toString() {
    return javaName();
  }
}
