package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves type names, static fields and static method owners the way javac would for the
 * supported subset, from the compilation unit's package and imports and the enclosing classes.
 * Bodies are not attributed during annotation processing, so this cannot ask javac.
 */
final class NameResolver {
  private final Elements elements;
  private final String packageName;
  private final List<TypeElement> enclosingTypes = new ArrayList<>();
  private final List<String> singleTypeImports = new ArrayList<>();
  private final List<String> onDemandImports = new ArrayList<>();
  private final List<String> staticSingleImports = new ArrayList<>();
  private final List<String> staticOnDemandImports = new ArrayList<>();

  NameResolver(Elements elements, CompilationUnitTree unit, TypeElement enclosing) {
    this.elements = elements;
    this.packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    for (Element e = enclosing; e != null && (e.getKind().isClass() || e.getKind().isInterface());
        e = e.getEnclosingElement()) {
      enclosingTypes.add((TypeElement) e);
    }
    for (ImportTree imp : unit.getImports()) {
      String name = imp.getQualifiedIdentifier().toString();
      boolean onDemand = name.endsWith(".*");
      String stem = onDemand ? name.substring(0, name.length() - 2) : name;
      if (imp.isStatic()) {
        (onDemand ? staticOnDemandImports : staticSingleImports).add(stem);
      } else {
        (onDemand ? onDemandImports : singleTypeImports).add(stem);
      }
    }
  }

  /** A type named by an identifier or a qualified name, as in {@code Math} or {@code a.b.C.D}. */
  Optional<TypeElement> type(ExpressionTree tree) {
    if (tree instanceof IdentifierTree id) {
      return simpleType(id.getName().toString());
    }
    if (tree instanceof MemberSelectTree select) {
      String member = select.getIdentifier().toString();
      Optional<TypeElement> outer = type(select.getExpression());
      if (outer.isPresent()) {
        return memberType(outer.get(), member);
      }
      return Optional.ofNullable(elements.getTypeElement(tree.toString()));
    }
    return Optional.empty();
  }

  private Optional<TypeElement> simpleType(String name) {
    for (TypeElement t : enclosingTypes) {
      if (t.getSimpleName().contentEquals(name)) {
        return Optional.of(t);
      }
      Optional<TypeElement> member = memberType(t, name);
      if (member.isPresent()) {
        return member;
      }
    }
    for (String imp : singleTypeImports) {
      if (imp.endsWith("." + name)) {
        return Optional.ofNullable(elements.getTypeElement(imp));
      }
    }
    List<String> candidates = new ArrayList<>();
    candidates.add(packageName.isEmpty() ? name : packageName + "." + name);
    onDemandImports.forEach(prefix -> candidates.add(prefix + "." + name));
    candidates.add("java.lang." + name);
    for (String candidate : candidates) {
      TypeElement t = elements.getTypeElement(candidate);
      if (t != null) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private Optional<TypeElement> memberType(TypeElement owner, String name) {
    return ElementFilter.typesIn(elements.getAllMembers(owner)).stream()
        .filter(t -> t.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /** A field visible by its simple name: of an enclosing class, or statically imported. */
  Optional<VariableElement> field(String name) {
    for (TypeElement t : enclosingTypes) {
      Optional<VariableElement> f = field(t, name);
      if (f.isPresent()) {
        return f;
      }
    }
    for (String imp : staticSingleImports) {
      if (imp.endsWith("." + name)) {
        Optional<VariableElement> f = ownerOf(imp).flatMap(owner -> field(owner, name));
        if (f.isPresent()) {
          return f;
        }
      }
    }
    for (String owner : staticOnDemandImports) {
      Optional<VariableElement> f =
          Optional.ofNullable(elements.getTypeElement(owner)).flatMap(t -> field(t, name));
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  Optional<VariableElement> field(TypeElement owner, String name) {
    return ElementFilter.fieldsIn(elements.getAllMembers(owner)).stream()
        .filter(f -> f.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /**
   * The class whose method an unqualified call {@code name(...)} invokes: an enclosing class that
   * declares or inherits a method of that name, else a statically imported one.
   */
  Optional<TypeElement> methodOwner(String name) {
    for (TypeElement t : enclosingTypes) {
      if (hasMethod(t, name)) {
        return Optional.of(t);
      }
    }
    for (String imp : staticSingleImports) {
      if (imp.endsWith("." + name)) {
        Optional<TypeElement> owner = ownerOf(imp);
        if (owner.isPresent() && hasMethod(owner.get(), name)) {
          return owner;
        }
      }
    }
    for (String owner : staticOnDemandImports) {
      TypeElement t = elements.getTypeElement(owner);
      if (t != null && hasMethod(t, name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private boolean hasMethod(TypeElement t, String name) {
    return elements.getAllMembers(t).stream()
        .anyMatch(m -> m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals(name));
  }

  private Optional<TypeElement> ownerOf(String staticImport) {
    return Optional.ofNullable(
        elements.getTypeElement(staticImport.substring(0, staticImport.lastIndexOf('.'))));
  }

  /** Whether code in this compilation unit's package (where companions live) can name it. */
  boolean accessibleFromPackage(Element element) {
    for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC)
          && !elements.getPackageOf(e).getQualifiedName().contentEquals(packageName)) {
        return false;
      }
    }
    return true;
  }
}
