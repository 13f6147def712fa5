package dev.adjoint.processor.rules;

import com.palantir.javapoet.ClassName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The {@code @DerivativeOf} rules known to this compilation: those declared in it, and those of
 * dependency jars, found through the index classes that the processor generates next to rules, in
 * package {@value #INDEX_PACKAGE} (every class there is listed by javac whichever jar holds it).
 * Each index class has a constant {@code RULES}: one line per rule, {@code target\truleOwner\t
 * ruleMethod}, the target written as {@code p.Owner#name(type, type)} with erased parameter types.
 */
public final class CustomRules {
  public static final String INDEX_PACKAGE = "dev.adjoint.rules.index";

  /** A rule: the static method {@code owner.method} is the pullback of the target. */
  public record Rule(ClassName owner, String method) {}

  private final Elements elements;
  private final Types types;
  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private boolean indexRead;

  public CustomRules(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The key of a target method, as the index writes it. */
  public String key(ExecutableElement target) {
    TypeElement owner = (TypeElement) target.getEnclosingElement();
    return owner.getQualifiedName() + "#" + target.getSimpleName() + "("
        + target.getParameters().stream()
            .map(p -> types.erasure(p.asType()).toString())
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** Registers a rule declared in this compilation (already checked). */
  public void add(ExecutableElement target, ExecutableElement rule) {
    rules.put(key(target), new Rule(ClassName.get((TypeElement) rule.getEnclosingElement()),
        rule.getSimpleName().toString()));
  }

  /** The rule for {@code target}, from this compilation or a dependency's index. */
  public Optional<Rule> find(ExecutableElement target) {
    readIndex();
    return Optional.ofNullable(rules.get(key(target)));
  }

  /** The index lines for the given rules: {@code target\truleOwner\truleMethod}, sorted. */
  public String indexText(Map<ExecutableElement, ExecutableElement> targetToRule) {
    return targetToRule.entrySet().stream()
        .map(e -> key(e.getKey()) + "\t"
            + ((TypeElement) e.getValue().getEnclosingElement()).getQualifiedName() + "\t"
            + e.getValue().getSimpleName())
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  private void readIndex() {
    if (indexRead) {
      return;
    }
    indexRead = true;
    PackageElement index = elements.getPackageElement(INDEX_PACKAGE);
    if (index == null) {
      return;
    }
    for (Element e : index.getEnclosedElements()) {
      if (!(e instanceof TypeElement type)) {
        continue;
      }
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        if (field.getSimpleName().contentEquals("RULES")
            && field.getConstantValue() instanceof String text) {
          for (String line : text.split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length != 3) {
              continue;
            }
            TypeElement owner = elements.getTypeElement(parts[1]);
            if (owner != null && owner.getKind() != ElementKind.PACKAGE) {
              rules.putIfAbsent(parts[0], new Rule(ClassName.get(owner), parts[2]));
            }
          }
        }
      }
    }
  }
}
