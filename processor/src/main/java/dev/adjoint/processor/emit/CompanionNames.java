package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The names of generated classes and members, in one place: callers of a companion (other
 * generated code, in this compilation or a later one) must arrive at exactly the names that the
 * companion's own compilation chose.
 */
public final class CompanionNames {
  private CompanionNames() {}

  /** {@code p.Outer.Inner} → {@code p.Outer_InnerDerivatives}. */
  public static ClassName companion(TypeElement type) {
    ClassName user = ClassName.get(type);
    return ClassName.get(user.packageName(), String.join("_", user.simpleNames()) + "Derivatives");
  }

  /**
   * The stem of a method's generated members ({@code stemGradient}, {@code stemPullback}): its name,
   * or, when its class has several {@code @Differentiable} methods of that name, the name followed
   * by its parameter types: {@code norm(double[], int)} → {@code norm_doubleArray_int}.
   */
  public static String stem(ExecutableElement method, TypeElement differentiable, Types types) {
    String name = method.getSimpleName().toString();
    int overloads = 0;
    for (var member : method.getEnclosingElement().getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)
          && member.getAnnotationMirrors().stream().anyMatch(
              a -> a.getAnnotationType().asElement().equals(differentiable))) {
        overloads++;
      }
    }
    if (overloads < 2) {
      return name;
    }
    List<String> parts = new ArrayList<>();
    parts.add(name);
    for (VariableElement p : method.getParameters()) {
      parts.add(token(types.erasure(p.asType())));
    }
    return String.join("_", parts);
  }

  private static String token(TypeMirror t) {
    int dims = 0;
    while (t.getKind() == TypeKind.ARRAY) {
      t = ((javax.lang.model.type.ArrayType) t).getComponentType();
      dims++;
    }
    String base = t.getKind().isPrimitive()
        ? t.getKind().name().toLowerCase(java.util.Locale.ROOT)
        : ((javax.lang.model.type.DeclaredType) t).asElement().getSimpleName().toString();
    return switch (dims) {
      case 0 -> base;
      case 1 -> base + "Array";
      case 2 -> base + "Matrix";
      default -> base + "Array" + dims;
    };
  }

  /** The record of {@code stemGradient}: {@code norm_doubleArray} → {@code Norm_doubleArrayGradient}. */
  public static String record(String stem) {
    return Character.toUpperCase(stem.charAt(0)) + stem.substring(1) + "Gradient";
  }
}
