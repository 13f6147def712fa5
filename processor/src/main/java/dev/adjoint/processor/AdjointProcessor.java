package dev.adjoint.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.AbortMethod;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.rules.CustomRules;
import dev.adjoint.processor.emit.CompanionWriter;
import dev.adjoint.processor.emit.GeneratedMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Entry point: finds {@code @Differentiable} methods, runs the pipeline on each (see
 * {@link MethodCompiler}) and writes one companion class per declaring class.
 *
 * <p>Never throws out of {@link #process}: an unexpected failure becomes an
 * {@code [Adjoint:InternalError]} on the method being processed, and the next method goes on.
 * Classes are processed in qualified-name order and methods in source order, so output is
 * deterministic.
 */
@AutoService(Processor.class)
public final class AdjointProcessor extends AbstractProcessor {
  static final String DIFFERENTIABLE = "dev.adjoint.Differentiable";
  static final String DERIVATIVE_OF = "dev.adjoint.DerivativeOf";
  /**
   * The annotations on generated companions. Supporting (and claiming) them keeps javac's
   * -Xlint:processing from warning that no processor claimed them, so users who build with
   * -Xlint:all -Werror stay green.
   */
  static final String ADJOINT_GENERATED = "dev.adjoint.AdjointGenerated";
  static final String JAVAX_GENERATED = "javax.annotation.processing.Generated";
  static final String GENERATED_PULLBACK = "dev.adjoint.GeneratedPullback";

  private final Consumer<ExecutableElement> beforeEachMethod;
  private Trees trees;
  private boolean noTreeApiReported;
  /** Custom derivative rules: this compilation's, and (read once) those of dependency jars. */
  private CustomRules rules;

  public AdjointProcessor() {
    this(method -> {});
  }

  /** For tests: {@code beforeEachMethod} runs inside the failure guard of every method. */
  AdjointProcessor(Consumer<ExecutableElement> beforeEachMethod) {
    this.beforeEachMethod = beforeEachMethod;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        DIFFERENTIABLE, DERIVATIVE_OF, ADJOINT_GENERATED, JAVAX_GENERATED, GENERATED_PULLBACK);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    trees = TreesAccess.trees(env);
    rules = new CustomRules(env.getElementUtils(), env.getTypeUtils());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      TypeElement differentiable = processingEnv.getElementUtils().getTypeElement(DIFFERENTIABLE);
      if (annotations.isEmpty() || differentiable == null) {
        return false;
      }
      TypeElement derivativeOf = processingEnv.getElementUtils().getTypeElement(DERIVATIVE_OF);
      if (derivativeOf != null) {
        List<ExecutableElement> declared = new ArrayList<>(
            ElementFilter.methodsIn(round.getElementsAnnotatedWith(derivativeOf)));
        declared.sort(java.util.Comparator.comparing(m -> m.getEnclosingElement() + "#" + m));
        if (!declared.isEmpty()) {
          new CustomRuleDeclarations(processingEnv.getTypeUtils(),
              new Reporter(processingEnv.getMessager(), trees), rules)
              .register(declared, derivativeOf, processingEnv.getFiler());
        }
      }
      Set<ExecutableElement> methods =
          ElementFilter.methodsIn(round.getElementsAnnotatedWith(differentiable));
      if (methods.isEmpty()) {
        return true;
      }
      if (trees == null) {
        if (!noTreeApiReported) {
          noTreeApiReported = true;
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              Message.NO_TREE_API.format(processingEnv.getClass().getName()));
        }
        return false;
      }
      Map<String, TypeElement> types = new TreeMap<>();
      for (ExecutableElement m : methods) {
        TypeElement type = (TypeElement) m.getEnclosingElement();
        types.put(type.getQualifiedName().toString(), type);
      }
      Set<ExecutableElement> annotated = new HashSet<>(methods);
      for (TypeElement type : types.values()) {
        processType(type, annotated, differentiable);
      }
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format("(all)", "", e, stackTrace(e)));
    }
    return true;
  }

  private void processType(
      TypeElement type, Set<ExecutableElement> annotated, TypeElement differentiable) {
    Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
    MethodCompiler compiler = new MethodCompiler(processingEnv.getElementUtils(),
        processingEnv.getTypeUtils(), trees, reporter, differentiable, rules);
    List<GeneratedMethod> generated = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!annotated.contains(method)) {
        continue;
      }
      String name = method.getSimpleName().toString();
      try {
        beforeEachMethod.accept(method);
        generated.add(compiler.compile(method));
      } catch (AbortMethod reported) {
        // Already reported on the offending tree; go on with the next method.
      } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
        reporter.error(method, Message.INTERNAL_ERROR, name, "", e, stackTrace(e));
      }
    }
    if (generated.isEmpty()) {
      return;
    }
    JavaFile file = new CompanionWriter(AdjointProcessor.class.getName())
        .write(type, generated);
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[Adjoint:Write] could not write " + file.packageName() + "." + file.typeSpec().name()
              + ": " + e.getMessage(), type);
    }
  }

  /** The exception's own frames, enough to locate the fault without javac's many frames. */
  private static String stackTrace(Throwable e) {
    StringBuilder out = new StringBuilder();
    StackTraceElement[] frames = e.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, 12); i++) {
      out.append("    at ").append(frames[i]).append(System.lineSeparator());
    }
    return out.toString();
  }
}
