package dev.adjoint.processor.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Reads {@code @Differentiable(wrt = ...)}. */
public final class WrtNames {
  private WrtNames() {}

  /** The {@code @Differentiable} annotation of {@code method}. */
  public static AnnotationMirror annotation(ExecutableElement method, TypeElement differentiable) {
    return method.getAnnotationMirrors().stream()
        .filter(a -> a.getAnnotationType().asElement().equals(differentiable))
        .findFirst().orElseThrow();
  }

  /** The values listed in {@code wrt}, as written (empty when it is not given). */
  public static List<AnnotationValue> listed(AnnotationMirror mirror) {
    List<AnnotationValue> named = new ArrayList<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("wrt")) {
        for (Object v : (List<?>) e.getValue().getValue()) {
          named.add((AnnotationValue) v);
        }
      }
    }
    return named;
  }

  /**
   * Per parameter of a {@code @Differentiable} callee, whether its pullback takes an accumulator
   * for it: from the {@code @GeneratedPullback} of its compiled companion when there is one (class
   * files may not keep parameter names), else from its {@code wrt} names (a callee compiled in
   * this compilation, whose names come from source).
   */
  public static List<Boolean> positions(ExecutableElement callee, TypeElement differentiable,
      Elements elements, String companion, String pullback) {
    List<Boolean> positions = new ArrayList<>();
    TypeElement compiled = elements.getTypeElement(companion);
    if (compiled != null) {
      for (ExecutableElement m : ElementFilter.methodsIn(compiled.getEnclosedElements())) {
        if (!m.getSimpleName().contentEquals(pullback)) {
          continue;
        }
        for (AnnotationMirror a : m.getAnnotationMirrors()) {
          if (a.getAnnotationType().toString().equals("dev.adjoint.GeneratedPullback")) {
            Set<Integer> wrt = new java.util.HashSet<>();
            for (AnnotationValue v : a.getElementValues().values()) {
              for (Object e : (List<?>) v.getValue()) {
                wrt.add((Integer) ((AnnotationValue) e).getValue());
              }
            }
            for (int i = 0; i < callee.getParameters().size(); i++) {
              positions.add(wrt.contains(i));
            }
            return positions;
          }
        }
      }
    }
    Set<String> names = of(callee, differentiable);
    callee.getParameters().forEach(p -> positions.add(names.contains(p.getSimpleName().toString())));
    return positions;
  }

  /**
   * The parameters a (well-formed) {@code @Differentiable} method is differentiated with respect
   * to: those listed, or every parameter of a differentiable type.
   */
  public static Set<String> of(ExecutableElement method, TypeElement differentiable) {
    Set<String> wrt = new LinkedHashSet<>();
    for (AnnotationValue v : listed(annotation(method, differentiable))) {
      wrt.add(String.valueOf(v.getValue()));
    }
    if (wrt.isEmpty()) {
      for (VariableElement p : method.getParameters()) {
        if (MethodParser.typeOf(p.asType()).isDifferentiableParameter()) {
          wrt.add(p.getSimpleName().toString());
        }
      }
    }
    return wrt;
  }
}
