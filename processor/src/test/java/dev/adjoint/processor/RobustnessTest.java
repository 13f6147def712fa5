package dev.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor never takes javac down with it, and copes with wrapped environments. */
class RobustnessTest {
  private static final JavaFileObject TWO_METHODS = Sources.classC("""
      class C {
        @Differentiable static double bad(double x) { return x * x; }
        @Differentiable static double good(double x) { return x * x; }
      }
      """);

  @Test
  void internalFailureBecomesAnErrorOnTheMethodAndOthersStillGenerate() {
    AdjointProcessor processor = new AdjointProcessor(method -> {
      if (method.getSimpleName().contentEquals("bad")) {
        throw new IllegalStateException("boom");
      }
    });
    Compilation compilation = javac().withProcessors(processor).compile(TWO_METHODS);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(
            "[Adjoint:InternalError] Adjoint failed on @Differentiable method 'bad'")
        .inFile(TWO_METHODS).onLineContaining("bad(double x)");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: boom");
    assertThat(compilation).hadErrorContaining("please report");
    // 'good' went through: its companion compiled, so the only error is the one on 'bad'.
  }

  @Test
  void wrappedEnvironmentIsUnwrapped() {
    // IntelliJ hands processors a proxy whose handler keeps the real environment in a field.
    Compilation compilation =
        javac().withProcessors(new Wrapping(Delegate::new)).compile(TWO_METHODS);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("p.CDerivatives");
  }

  @Test
  void compilerWithoutTreeApiGetsOneClearError() {
    // A handler that hides the real environment stands for a compiler without javac's trees.
    Compilation compilation =
        javac().withProcessors(new Wrapping(RobustnessTest::opaqueHandler)).compile(TWO_METHODS);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Adjoint:NoTreeApi]");
    assertThat(compilation).hadErrorContaining("build with javac");
  }

  private static InvocationHandler opaqueHandler(ProcessingEnvironment env) {
    Object[] hidden = {env};
    return (proxy, method, args) -> invoke(hidden[0], method, args);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** An invocation handler that keeps its delegate in a field, like IntelliJ's wrappers. */
  private static final class Delegate implements InvocationHandler {
    private final ProcessingEnvironment delegate;

    Delegate(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args)
        throws Throwable {
      return RobustnessTest.invoke(delegate, method, args);
    }
  }

  /** Runs the Adjoint processor on a proxied processing environment. */
  private static final class Wrapping extends AbstractProcessor {
    private final AdjointProcessor inner = new AdjointProcessor();
    private final java.util.function.Function<ProcessingEnvironment, InvocationHandler> handler;

    Wrapping(java.util.function.Function<ProcessingEnvironment, InvocationHandler> handler) {
      this.handler = handler;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      ProcessingEnvironment proxy = (ProcessingEnvironment) Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
          handler.apply(env));
      inner.init(proxy);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return inner.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return inner.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return inner.process(annotations, round);
    }
  }
}
