package dev.adjoint.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** The companion class: API shape, annotations, lint cleanliness, determinism. */
class GeneratedCodeTest {
  private static final String OPTION = """
      public class Option {
        static final double HALF = 0.5;

        @Differentiable
        static double price(double spot, double strike, double rate, double vol, double t) {
          double sd = vol * Math.sqrt(t);
          double d1 = (Math.log(spot / strike) + (rate + HALF * vol * vol) * t) / sd;
          return spot * d1 - strike * Math.exp(-rate * t) * (d1 - sd);
        }

        @Differentiable(wrt = {"m", "a"})
        static <T> double weights(T tag, double[] a, double[][] m, int k, double unused) {
          double s = a[0] * m[k][1] + a.length;
          return s > 0 ? s * s : -s;
        }
      }
      """;

  private static JavaFileObject option() {
    return JavaFileObjects.forSourceString("p.Option",
        "package p;\n\nimport dev.adjoint.Differentiable;\n\n" + OPTION);
  }

  @Test
  void compilesWarningFreeUnderXlintAll() {
    Compilation compilation = Sources.compileStrict(option());
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void companionHasTheContractedShape() throws Exception {
    Compilation compilation = Sources.compile(option());
    assertThat(compilation).succeeded();
    String text = Sources.generated(compilation, "p.OptionDerivatives");
    assertThat(text).contains("@Generated(\"dev.adjoint.processor.AdjointProcessor\")");
    assertThat(text).contains("@AdjointGenerated");
    assertThat(text).contains("// line 10: double sd = vol * Math.sqrt(t);");

    ClassLoader loader = new GeneratedClassLoader(compilation);
    Class<?> companion = loader.loadClass("p.OptionDerivatives");
    assertThat(Modifier.isPublic(companion.getModifiers())).isTrue();
    assertThat(Modifier.isFinal(companion.getModifiers())).isTrue();
    Constructor<?>[] constructors = companion.getDeclaredConstructors();
    assertThat(constructors).hasLength(1);
    assertThat(Modifier.isPrivate(constructors[0].getModifiers())).isTrue();

    Class<?> record = loader.loadClass("p.OptionDerivatives$PriceGradient");
    assertThat(record.isRecord()).isTrue();
    assertThat(components(record))
        .containsExactly("double value", "double spot", "double strike", "double rate",
            "double vol", "double t").inOrder();
    Method gradient = companion.getMethod("priceGradient", double.class, double.class,
        double.class, double.class, double.class);
    assertThat(gradient.getReturnType()).isEqualTo(record);
    assertThat(Modifier.isStatic(gradient.getModifiers())).isTrue();
    Method pullback = companion.getMethod("pricePullback", double.class, double.class,
        double.class, double.class, double.class, double.class, double[].class, double[].class,
        double[].class, double[].class, double[].class);
    assertThat(pullback.getReturnType()).isEqualTo(double.class);

    Class<?> weights = loader.loadClass("p.OptionDerivatives$WeightsGradient");
    assertThat(components(weights))
        .containsExactly("double value", "double[] a", "double[][] m").inOrder();
    companion.getMethod("weightsPullback", Object.class, double[].class, double[][].class,
        int.class, double.class, double.class, double[].class, double[][].class);
  }

  @Test
  void generatedGradientMatchesForwardMode() throws Exception {
    Compilation compilation = Sources.compile(option());
    Class<?> companion = new GeneratedClassLoader(compilation).loadClass("p.OptionDerivatives");
    Method gradient = companion.getMethod("priceGradient", double.class, double.class,
        double.class, double.class, double.class);
    double[] x = {100, 95, 0.03, 0.25, 1.5};
    Object result = gradient.invoke(null, x[0], x[1], x[2], x[3], x[4]);
    Gradient[] v = new Gradient[5];
    for (int i = 0; i < 5; i++) {
      v[i] = Gradient.variable(5, i, x[i]);
    }
    Gradient sd = v[3].multiply(v[4].sqrt());
    Gradient d1 = v[0].divide(v[1]).log().add(v[2].add(v[3].multiply(v[3]).multiply(0.5))
        .multiply(v[4])).divide(sd);
    Gradient oracle = v[0].multiply(d1)
        .subtract(v[1].multiply(v[2].negate().multiply(v[4]).exp()).multiply(d1.subtract(sd)));
    RecordComponent[] components = result.getClass().getRecordComponents();
    assertEquals(oracle.getValue(), (double) components[0].getAccessor().invoke(result), 1e-12);
    for (int i = 0; i < 5; i++) {
      double actual = (double) components[i + 1].getAccessor().invoke(result);
      assertEquals(oracle.getPartialDerivative(i), actual,
          1e-12 * Math.max(1, Math.abs(oracle.getPartialDerivative(i))));
    }
  }

  /** fPullback's Javadoc says what it allocates: nothing, or the method's local arrays. */
  @Test
  void pullbackJavadocSaysWhatItAllocates() {
    Compilation compilation = Sources.compile(Sources.classC("""
        class C {
          @Differentiable static double plain(double x) { return x * x; }

          @Differentiable static double scratch(double x) {
            double[] w = new double[2];
            w[0] = x;
            return w[0] * x;
          }
        }"""));
    assertThat(compilation).succeeded();
    String text = Sources.generated(compilation, "p.CDerivatives");
    String plain = text.substring(text.indexOf("{@code plain}. Arguments"));
    assertThat(plain.substring(0, plain.indexOf('\n'))).endsWith("allocates nothing.");
    String scratch = text.substring(text.indexOf("{@code scratch}. Arguments"));
    assertThat(scratch.substring(0, scratch.indexOf('\n')))
        .endsWith("allocates only the method's local arrays and their adjoints.");
  }

  @Test
  void nestedClassesGetFlattenedCompanionNames() {
    JavaFileObject file = Sources.classC("""
        public class C {
          public static class Inner {
            @Differentiable static double f(double x) { return x * x; }
          }
        }
        """);
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.C_InnerDerivatives");
  }

  @Test
  void generationIsDeterministic() {
    JavaFileObject other = Sources.classC("""
        class C {
          @Differentiable static double g(double x, double y) { return Math.hypot(x, y) * y; }
        }
        """);
    Compilation first = Sources.compile(option(), other);
    Compilation second = Sources.compile(other, option());
    assertThat(first).succeeded();
    assertThat(Sources.generated(second, "p.OptionDerivatives"))
        .isEqualTo(Sources.generated(first, "p.OptionDerivatives"));
    assertThat(Sources.generated(second, "p.CDerivatives"))
        .isEqualTo(Sources.generated(first, "p.CDerivatives"));
  }

  @Test
  void namesNeverCollideWithUserNames() throws Exception {
    // Locals named like the generated ones (seed, accumulators, temporaries, adjoints).
    JavaFileObject file = Sources.classC("""
        public class C {
          @Differentiable
          static double f(double x, double seed, double dX) {
            double t1 = x * seed;
            double xBar = t1 * dX;
            double value = xBar + 1;
            return value * t1;
          }
        }
        """);
    Compilation compilation = Sources.compileStrict(file);
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> companion = new GeneratedClassLoader(compilation).loadClass("p.CDerivatives");
    Method pullback = companion.getMethod("fPullback", double.class, double.class, double.class,
        double.class, double[].class, double[].class, double[].class);
    double[] dx = {0};
    double[] dseed = {0};
    double[] ddx = {0};
    double x = 1.5;
    double s = -0.5;
    double d = 2.0;
    double value = (double) pullback.invoke(null, x, s, d, 1.0, dx, dseed, ddx);
    Gradient gx = Gradient.variable(3, 0, x);
    Gradient gs = Gradient.variable(3, 1, s);
    Gradient gd = Gradient.variable(3, 2, d);
    Gradient t1 = gx.multiply(gs);
    Gradient oracle = t1.multiply(gd).add(1).multiply(t1);
    assertEquals(oracle.getValue(), value, 1e-12);
    assertArrayEquals(new double[] {oracle.getPartialDerivative(0)}, dx, 1e-12);
    assertArrayEquals(new double[] {oracle.getPartialDerivative(1)}, dseed, 1e-12);
    assertArrayEquals(new double[] {oracle.getPartialDerivative(2)}, ddx, 1e-12);
  }

  @Test
  void callWithoutDerivativeNamesTheCalleeWithItsSignature() {
    JavaFileObject file = Sources.classC("""
        class Helper {
          static double g(double v) { return v; }
        }
        class C {
          @Differentiable static double f(double x) { return Helper.g(x); }
        }
        """);
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).hadErrorContaining(
        "[Adjoint:NoDerivative] @Differentiable method 'f' calls 'Helper.g(double)', which has"
            + " no derivative");
  }

  private static List<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .map(c -> c.getType().getSimpleName() + " " + c.getName())
        .collect(Collectors.toList());
  }
}
