package dev.adjoint.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.diag.AbortMethod;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.parse.MethodParser;
import dev.adjoint.processor.rules.CustomRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Checks the {@code @DerivativeOf} methods of a round, registers the good ones in
 * {@link CustomRules} and writes the round's index class, so that modules compiled against this
 * one find them.
 */
final class CustomRuleDeclarations {
  private final Types types;
  private final Reporter reporter;
  private final CustomRules rules;

  CustomRuleDeclarations(Types types, Reporter reporter, CustomRules rules) {
    this.types = types;
    this.reporter = reporter;
    this.rules = rules;
  }

  /** Checks and registers {@code declared}; writes their index; returns how many were good. */
  int register(List<ExecutableElement> declared, TypeElement derivativeOf, Filer filer) {
    Map<ExecutableElement, ExecutableElement> good = new java.util.LinkedHashMap<>();
    for (ExecutableElement rule : declared) {
      try {
        ExecutableElement target = check(rule, derivativeOf);
        rules.add(target, rule);
        good.put(target, rule);
      } catch (AbortMethod reported) {
        // Reported on the rule; it is not used.
      }
    }
    if (!good.isEmpty()) {
      writeIndex(good, filer);
    }
    return good.size();
  }

  private ExecutableElement check(ExecutableElement rule, TypeElement derivativeOf) {
    AnnotationMirror mirror = rule.getAnnotationMirrors().stream()
        .filter(a -> a.getAnnotationType().asElement().equals(derivativeOf))
        .findFirst().orElseThrow();
    TypeElement owner = null;
    String method = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : mirror.getElementValues().entrySet()) {
      String key = e.getKey().getSimpleName().toString();
      if (key.equals("value") && e.getValue().getValue() instanceof TypeMirror t
          && t.getKind() == TypeKind.DECLARED) {
        owner = (TypeElement) ((DeclaredType) t).asElement();
      } else if (key.equals("method")) {
        method = String.valueOf(e.getValue().getValue());
      }
    }
    String ruleName = rule.getSimpleName().toString();
    if (owner == null || method == null) {
      throw reporter.abort(rule, mirror, Message.RULE_TARGET, ruleName, "(missing)",
          "set value (the class) and method (the name)");
    }
    String targetName = owner.getSimpleName() + "." + method;
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(method)) {
        candidates.add(m);
      }
    }
    if (candidates.isEmpty()) {
      throw reporter.abort(rule, mirror, Message.RULE_TARGET, ruleName, targetName,
          "which does not exist: name a static method of " + owner.getSimpleName());
    }
    if (!rule.getModifiers().contains(Modifier.STATIC)
        || rule.getReturnType().getKind() != TypeKind.DOUBLE) {
      throw reporter.abort(rule, Message.RULE_SIGNATURE, ruleName, targetName,
          expected(candidates.get(0)));
    }
    for (ExecutableElement target : candidates) {
      if (shapeMatches(rule, target)) {
        if (!target.getModifiers().contains(Modifier.STATIC)) {
          throw reporter.abort(rule, mirror, Message.RULE_TARGET, ruleName, targetName,
              "which is an instance method: rules are for static methods");
        }
        return target;
      }
    }
    throw reporter.abort(rule, Message.RULE_SIGNATURE, ruleName, targetName,
        candidates.stream().map(this::expected).collect(Collectors.joining("' or '")));
  }

  /** The pullback shape: the target's parameters, double seed, one accumulator per real one. */
  private List<TypeMirror> shape(ExecutableElement target) {
    List<TypeMirror> shape = new ArrayList<>();
    for (VariableElement p : target.getParameters()) {
      shape.add(types.erasure(p.asType()));
    }
    shape.add(types.getPrimitiveType(TypeKind.DOUBLE));
    for (VariableElement p : target.getParameters()) {
      Type t = MethodParser.typeOf(p.asType());
      if (t.isDifferentiableParameter()) {
        shape.add(t.dims() == 0 ? types.getArrayType(types.getPrimitiveType(TypeKind.DOUBLE))
            : types.erasure(p.asType()));
      }
    }
    return shape;
  }

  private boolean shapeMatches(ExecutableElement rule, ExecutableElement target) {
    List<TypeMirror> shape = shape(target);
    List<? extends VariableElement> params = rule.getParameters();
    if (params.size() != shape.size()) {
      return false;
    }
    for (int i = 0; i < shape.size(); i++) {
      if (!types.isSameType(types.erasure(params.get(i).asType()), shape.get(i))) {
        return false;
      }
    }
    return true;
  }

  private String expected(ExecutableElement target) {
    return shape(target).stream().map(TypeMirror::toString).collect(Collectors.joining(", "));
  }

  /**
   * One class per round in {@link CustomRules#INDEX_PACKAGE}, named after a checksum of its
   * content (so modules do not collide), holding the rules as one constant.
   */
  private void writeIndex(Map<ExecutableElement, ExecutableElement> good, Filer filer) {
    String text = rules.indexText(good);
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    String name = String.format(java.util.Locale.ROOT, "Rules_%08x", crc.getValue());
    TypeSpec.Builder index = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Index of {@code @DerivativeOf} rules, generated by Adjoint. Do not edit.\n")
        .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing",
            "Generated")).addMember("value", "$S", AdjointProcessor.class.getName()).build())
        .addAnnotation(ClassName.get("dev.adjoint", "AdjointGenerated"))
        .addField(FieldSpec.builder(String.class, "RULES", Modifier.PUBLIC, Modifier.STATIC,
            Modifier.FINAL).initializer("$S", text).build());
    for (ExecutableElement rule : good.values()) {
      index.addOriginatingElement(rule);
    }
    try {
      JavaFile.builder(CustomRules.INDEX_PACKAGE, index.build()).indent("    ")
          .skipJavaLangImports(true).build().writeTo(filer);
    } catch (IOException e) {
      reporter.error(good.values().iterator().next(), Message.RULE_TARGET,
          "(index)", name, "could not be written: " + e.getMessage());
    }
  }
}
