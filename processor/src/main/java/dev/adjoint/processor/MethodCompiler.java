package dev.adjoint.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.AbortMethod;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.analysis.Exprs;
import dev.adjoint.processor.emit.CompanionNames;
import dev.adjoint.processor.emit.GeneratedMethod;
import dev.adjoint.processor.ir.Callee;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Instrs;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.lower.Lowering;
import dev.adjoint.processor.optimize.LoopFusion;
import dev.adjoint.processor.optimize.Preaccumulation;
import dev.adjoint.processor.parse.MethodParser;
import dev.adjoint.processor.parse.WrtNames;
import dev.adjoint.processor.rules.CustomRules;
import dev.adjoint.processor.reverse.SweepBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Runs the pipeline for one method: check the declaration, parse the body, lower it, build both
 * sweeps. Reports every problem on the element or tree it concerns and then throws
 * {@link AbortMethod}.
 */
final class MethodCompiler {
  /** Names a record component cannot have (JLS 8.10.1), plus the record's own {@code value}. */
  private static final Set<String> RESERVED_COMPONENTS = Set.of("value", "clone", "finalize",
      "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  private final Reporter reporter;
  private final MethodParser parser;
  private final TypeElement differentiable;

  private final Types types;
  private final Trees trees;

  MethodCompiler(Elements elements, Types types, Trees trees, Reporter reporter,
      TypeElement differentiable, CustomRules rules) {
    this.reporter = reporter;
    this.differentiable = differentiable;
    this.types = types;
    this.trees = trees;
    this.parser = new MethodParser(trees, elements, types, reporter, rules, differentiable);
  }

  GeneratedMethod compile(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    checkDeclaration(method, name);
    Set<String> wrt = wrt(method, name);
    String stem = CompanionNames.stem(method, differentiable, types);
    String recordName = CompanionNames.record(stem);
    for (VariableElement p : method.getParameters()) {
      String pName = p.getSimpleName().toString();
      if (wrt.contains(pName) && RESERVED_COMPONENTS.contains(pName)) {
        throw reporter.abort(p, Message.RESERVED_PARAMETER, pName, name, recordName);
      }
      checkAccessible(method, p, name);
    }

    Function function = parser.parse(method, wrt);

    NameAllocator names = new NameAllocator();
    boolean instance = !method.getModifiers().contains(Modifier.STATIC);
    if (instance) {
      names.newName(GeneratedMethod.SELF);
    }
    for (Var p : function.parameters()) {
      names.newName(p.sourceName(), p);
    }
    Map<Var, String> accumulators = new LinkedHashMap<>();
    for (Var p : function.parameters()) {
      if (wrt.contains(p.sourceName())) {
        accumulators.put(p, names.newName("d" + capitalize(p.sourceName())));
      }
    }
    String seed = names.newName("seed");
    Lowered lowered = Lowering.lower(function, names);
    checkCalls(method, lowered.body(), name);
    lowered = Preaccumulation.apply(LoopFusion.apply(lowered), names);
    CodeBlock body = new SweepBuilder(lowered, names, seed, accumulators).build();

    // fGradient is a separate scope: its one local besides the accumulators is the value.
    NameAllocator gradientNames = new NameAllocator();
    function.parameters().forEach(p -> gradientNames.newName(p.sourceName()));
    accumulators.values().forEach(gradientNames::newName);
    String valueLocal = gradientNames.newName("value");

    List<GeneratedMethod.Parameter> parameters = new ArrayList<>();
    List<? extends VariableElement> elementsOfParams = method.getParameters();
    for (int i = 0; i < elementsOfParams.size(); i++) {
      Var p = function.parameters().get(i);
      parameters.add(new GeneratedMethod.Parameter(p.sourceName(),
          TypeName.get(elementsOfParams.get(i).asType()), p.type().dims(),
          accumulators.containsKey(p), accumulators.get(p)));
    }
    List<TypeVariableName> typeVariables = new ArrayList<>();
    TypeName receiver = null;
    if (instance) {
      // Static methods cannot see the class's type variables: they become the method's own.
      TypeElement type = (TypeElement) method.getEnclosingElement();
      for (TypeParameterElement t : type.getTypeParameters()) {
        typeVariables.add(TypeVariableName.get(t));
      }
      receiver = TypeName.get(type.asType());
    }
    for (TypeParameterElement t : method.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(t));
    }
    return new GeneratedMethod(name, stem, recordName, typeVariables, parameters, seed,
        valueLocal, body, receiver, allocatesArrays(lowered.body()));
  }

  private static boolean allocatesArrays(List<Instr> body) {
    boolean[] found = {false};
    Instrs.forEach(body, instr -> found[0] |= instr instanceof Instr.NewArray);
    return found[0];
  }

  /**
   * A value that depends on the wrt parameters may only go to a callee's parameter that the
   * callee's pullback differentiates; anything else would silently lose that part of the gradient.
   */
  private void checkCalls(ExecutableElement method, List<Instr> body, String name) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.value() instanceof Expr.Invoke call) {
        Callee callee = call.callee();
        for (int k = 0; k < call.args().size(); k++) {
          Expr a = call.args().get(k);
          boolean varied = Exprs.isVaried(a) && (a.type().isReal() || a.type().isArray());
          if (varied && callee.differentiable() && !callee.accumulators().get(k)) {
            throw reporter.abort((Tree) callee.site().arguments().get(k),
                trees.getPath(method).getCompilationUnit(), Message.CALL_WRT, name,
                callee.site().parameterNames().get(k), callee.display());
          }
        }
      } else if (instr instanceof Instr.Branch b) {
        checkCalls(method, b.whenTrue(), name);
        checkCalls(method, b.whenFalse(), name);
      } else if (instr instanceof Instr.Loop l) {
        checkCalls(method, l.body(), name);
      }
    }
  }

  private void checkDeclaration(ExecutableElement method, String name) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      throw reporter.abort(method, Message.NO_BODY, name);
    }
    if (!modifiers.contains(Modifier.STATIC)) {
      for (VariableElement p : method.getParameters()) {
        if (p.getSimpleName().contentEquals(GeneratedMethod.SELF)) {
          throw reporter.abort(p, Message.SELF_PARAMETER, name);
        }
      }
      checkAccessible(method, (TypeElement) method.getEnclosingElement(), name);
    }
    if (method.getReturnType().getKind() != TypeKind.DOUBLE) {
      throw reporter.abort(method, Message.NOT_DOUBLE, name, method.getReturnType());
    }
  }

  /** Generated signatures repeat the parameter types, so the companion must be able to name them. */
  private void checkAccessible(ExecutableElement method, VariableElement p, String name) {
    Element type = p.asType().getKind() == TypeKind.DECLARED
        ? ((javax.lang.model.type.DeclaredType) p.asType()).asElement()
        : null;
    checkAccessible(method, type, name, p, p.getSimpleName(), p.asType());
  }

  /** The receiver type of an instance method's generated methods must be nameable too. */
  private void checkAccessible(ExecutableElement method, TypeElement type, String name) {
    checkAccessible(method, type, name, method, GeneratedMethod.SELF, type.asType());
  }

  private void checkAccessible(ExecutableElement method, Element type, String name,
      Element where, CharSequence what, Object typeShown) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        throw reporter.abort(where, Message.INACCESSIBLE_TYPE, what, name, typeShown,
            CompanionNames.companion((TypeElement) method.getEnclosingElement()).simpleName());
      }
    }
  }

  /** The validated wrt parameter names, in parameter order. */
  private Set<String> wrt(ExecutableElement method, String name) {
    Map<String, VariableElement> params = new LinkedHashMap<>();
    for (VariableElement p : method.getParameters()) {
      params.put(p.getSimpleName().toString(), p);
    }
    AnnotationMirror mirror = WrtNames.annotation(method, differentiable);
    List<AnnotationValue> named = WrtNames.listed(mirror);
    Set<String> wrt = new LinkedHashSet<>();
    if (named.isEmpty()) {
      params.forEach((pName, p) -> {
        if (MethodParser.typeOf(p.asType()).isDifferentiableParameter()) {
          wrt.add(pName);
        }
      });
      return wrt;
    }
    for (AnnotationValue v : named) {
      String pName = String.valueOf(v.getValue());
      VariableElement p = params.get(pName);
      if (p == null) {
        throw reporter.abort(method, mirror, v, Message.UNKNOWN_WRT, name, pName,
            params.isEmpty() ? "(none)" : String.join(", ", params.keySet()));
      }
      Type type = MethodParser.typeOf(p.asType());
      if (!type.isDifferentiableParameter()) {
        throw reporter.abort(method, mirror, v, Message.WRT_NOT_DIFFERENTIABLE, name, pName,
            p.asType());
      }
      if (!wrt.add(pName)) {
        throw reporter.abort(method, mirror, v, Message.WRT_DUPLICATE, name, pName);
      }
    }
    // Keep parameter order whatever order wrt lists them in.
    return params.keySet().stream().filter(wrt::contains)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
