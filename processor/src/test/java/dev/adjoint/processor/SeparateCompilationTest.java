package dev.adjoint.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.Differentiable;
import dev.adjoint.runtime.Tape;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library compiled with the processor into a jar, then a user class compiled against that jar
 * alone: the user's generated code calls the library's generated pullbacks, and the library's
 * {@code @DerivativeOf} rule is found through the index in the jar. Gradients against Hipparchus.
 */
class SeparateCompilationTest {
  private static final JavaFileObject LIBRARY = JavaFileObjects.forSourceString("lib.Shapes", """
      package lib;

      import dev.adjoint.DerivativeOf;
      import dev.adjoint.Differentiable;

      public final class Shapes {
        private Shapes() {}

        @Differentiable
        public static double bump(double x, double w) {
          return Math.exp(-x * x / w);
        }

        @Differentiable(wrt = "v")
        public static double energy(double[] v, double k) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += bump(v[i], k) * v[i];
          }
          return s;
        }

        /** Adjoint is not asked to read this one: its rule below is used instead. */
        public static double gelu(double x) {
          return x / (1 + Math.exp(-1.702 * x));
        }

        @DerivativeOf(value = Shapes.class, method = "gelu")
        public static double geluPullback(double x, double seed, double[] dX) {
          double s = 1 / (1 + Math.exp(-1.702 * x));
          dX[0] += seed * (s + 1.702 * x * s * (1 - s));
          return x * s;
        }
      }
      """);

  private static final JavaFileObject USER = JavaFileObjects.forSourceString("app.Use", """
      package app;

      import dev.adjoint.Differentiable;
      import lib.Shapes;

      public final class Use {
        private Use() {}

        @Differentiable
        public static double f(double[] v, double a) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += Shapes.gelu(v[i] * a) + Shapes.bump(v[i], 2.0);
          }
          return s + Shapes.energy(v, 3.0) * a;
        }
      }
      """);

  @Test
  void userCodeCallsALibraryJarsPullbacksAndRules(@TempDir Path dir) throws Exception {
    Compilation library = javac().withProcessors(new AdjointProcessor()).compile(LIBRARY);
    assertThat(library).succeeded();
    Path jar = dir.resolve("shapes.jar");
    writeClasses(library, jar);

    Compilation user = javac()
        .withOptions("-Xlint:all", "-Werror")
        .withClasspath(List.of(jar.toFile(), locationOf(Differentiable.class),
            locationOf(Tape.class)))
        .withProcessors(new AdjointProcessor())
        .compile(USER);
    assertThat(user).succeeded();
    assertThat(Sources.generated(user, "app.UseDerivatives"))
        .contains("ShapesDerivatives.energyPullback(");
    assertThat(Sources.generated(user, "app.UseDerivatives")).contains("Shapes.geluPullback(");

    try (URLClassLoader libraryLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        getClass().getClassLoader())) {
      ClassLoader loader = new GeneratedClassLoader(user, libraryLoader);
      Method pullback = loader.loadClass("app.UseDerivatives")
          .getMethod("fPullback", double[].class, double.class, double.class, double[].class,
              double[].class);
      SplittableRandom random = new SplittableRandom(2026);
      for (int point = 0; point < 100; point++) {
        int n = random.nextInt(1, 6);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = random.nextDouble(-2, 2);
        }
        double a = random.nextDouble(-1.5, 1.5);
        Gradient oracle = oracle(v, a);
        double[] dV = new double[n];
        double[] dA = new double[1];
        double value = (double) pullback.invoke(null, v, a, 1.0, dV, dA);
        assertThat(value).isWithin(1e-12 * Math.max(1, Math.abs(value)))
            .of(oracle.getValue());
        for (int i = 0; i < n; i++) {
          double expected = oracle.getGradient()[i];
          assertThat(dV[i]).isWithin(1e-12 * Math.max(1, Math.abs(expected))).of(expected);
        }
        double expected = oracle.getGradient()[n];
        assertThat(dA[0]).isWithin(1e-12 * Math.max(1, Math.abs(expected))).of(expected);
      }
    }
  }

  private static final JavaFileObject PRICING = JavaFileObjects.forSourceString("app.Pricing", """
      package app;

      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.special.SpecialFunctions;

      public final class Pricing {
        private Pricing() {}

        @Differentiable
        public static double f(double x, double y) {
          return SpecialFunctions.normalCdf(x * y) + SpecialFunctions.erf(x - y)
              * SpecialFunctions.erfc(y) + SpecialFunctions.normalPdf(x + 2 * y);
        }
      }
      """);

  /** The runtime jar's hand-written rule index is found like any dependency's. */
  @Test
  void runtimeSpecialFunctionRulesAreFoundInTheRuntimeJar() throws Exception {
    Compilation user = javac()
        .withOptions("-Xlint:all", "-Werror")
        .withClasspath(List.of(locationOf(Differentiable.class), locationOf(Tape.class)))
        .withProcessors(new AdjointProcessor())
        .compile(PRICING);
    assertThat(user).succeeded();
    String generated = Sources.generated(user, "app.PricingDerivatives");
    for (String rule : List.of("normalCdfPullback(", "erfPullback(", "erfcPullback(",
        "normalPdfPullback(")) {
      assertThat(generated).contains("SpecialFunctionRules." + rule);
    }
    Method pullback = new GeneratedClassLoader(user).loadClass("app.PricingDerivatives")
        .getMethod("fPullback", double.class, double.class, double.class, double[].class,
            double[].class);
    SplittableRandom random = new SplittableRandom(7);
    for (int point = 0; point < 200; point++) {
      double x = random.nextDouble(-2, 2);
      double y = random.nextDouble(-2, 2);
      // Hipparchus: each special function as value + closed-form derivative, chained by Gradient.
      Gradient gx = Gradient.variable(2, 0, x);
      Gradient gy = Gradient.variable(2, 1, y);
      Gradient oracle = special(gx.multiply(gy),
              new org.hipparchus.distribution.continuous.NormalDistribution(0, 1)
                  .cumulativeProbability(x * y), normalPdf(x * y))
          .add(special(gx.subtract(gy), org.hipparchus.special.Erf.erf(x - y),
                  2 / Math.sqrt(Math.PI) * Math.exp(-(x - y) * (x - y)))
              .multiply(special(gy, org.hipparchus.special.Erf.erfc(y),
                  -2 / Math.sqrt(Math.PI) * Math.exp(-y * y))))
          .add(special(gx.add(gy.multiply(2)), normalPdf(x + 2 * y),
              -(x + 2 * y) * normalPdf(x + 2 * y)));
      double[] dX = new double[1];
      double[] dY = new double[1];
      double value = (double) pullback.invoke(null, x, y, 1.0, dX, dY);
      assertThat(value).isWithin(1e-13).of(oracle.getValue());
      assertThat(dX[0]).isWithin(1e-12 * Math.max(1, Math.abs(oracle.getGradient()[0])))
          .of(oracle.getGradient()[0]);
      assertThat(dY[0]).isWithin(1e-12 * Math.max(1, Math.abs(oracle.getGradient()[1])))
          .of(oracle.getGradient()[1]);
    }
  }

  /** f(u) for an inner Gradient u, given f(u) and f'(u): the chain rule done by Hipparchus. */
  private static Gradient special(Gradient u, double value, double derivative) {
    double[] gradient = u.getGradient().clone();
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] *= derivative;
    }
    return new Gradient(value, gradient);
  }

  private static double normalPdf(double x) {
    return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  }

  /** The user's function written out in Hipparchus forward mode, library functions inlined. */
  private static Gradient oracle(double[] v, double a) {
    int n = v.length;
    Gradient[] gv = new Gradient[n];
    for (int i = 0; i < n; i++) {
      gv[i] = Gradient.variable(n + 1, i, v[i]);
    }
    Gradient ga = Gradient.variable(n + 1, n, a);
    Gradient s = Gradient.constant(n + 1, 0);
    Gradient energy = Gradient.constant(n + 1, 0);
    for (int i = 0; i < n; i++) {
      Gradient x = gv[i].multiply(ga);
      Gradient gelu = x.divide(x.multiply(-1.702).exp().add(1));
      Gradient bump = gv[i].square().negate().divide(2.0).exp();
      s = s.add(gelu).add(bump);
      energy = energy.add(gv[i].square().negate().divide(3.0).exp().multiply(gv[i]));
    }
    return s.add(energy.multiply(ga));
  }

  private static void writeClasses(Compilation compilation, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (JavaFileObject f : compilation.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        // The in-memory name is like /CLASS_OUTPUT/lib/Shapes.class.
        String path = f.toUri().getPath();
        String prefix = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
        String entry = path.substring(path.indexOf(prefix) + prefix.length());
        out.putNextEntry(new JarEntry(entry));
        try (InputStream in = f.openInputStream()) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }

  private static File locationOf(Class<?> type) throws Exception {
    return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
