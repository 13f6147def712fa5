package dev.adjoint.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagnostic, with its expectation written in the source: {@code /*!*}{@code /} stands
 * right before the tree the error must start at, and the line ends with the message key. For errors
 * on declarations (reported on an element), {@code /*^*}{@code /} marks the name the caret points
 * at.
 */
class DiagnosticsTest {
  private static final String TREE = "/*!*/";
  private static final String ELEMENT = "/*^*/";

  static Stream<Arguments> cases() {
    return Stream.of(
        c("instance method with a parameter named self", """
            class C {
              @Differentiable double f(double /*^*/self) { return self; } // ReservedParameter
            }"""),
        c("non-double return", """
            class C {
              @Differentiable static float /*^*/f(double x) { return 1f; } // ReturnType
            }"""),
        c("abstract method", """
            abstract class C {
              @Differentiable abstract double /*^*/f(double x); // NoBody
            }"""),
        c("unknown wrt", """
            class C {
              @Differentiable(wrt = /*^*/"y") static double f(double x) { return x; } // UnknownWrt
            }"""),
        c("wrt of an int", """
            class C {
              @Differentiable(wrt = /*^*/"n") static double f(double x, int n) { return x; } // WrtType
            }"""),
        c("wrt twice", """
            class C {
              @Differentiable(wrt = {"x", /*^*/"x"}) static double f(double x) { return x; } // WrtDuplicate
            }"""),
        c("parameter named value", """
            class C {
              @Differentiable static double f(double /*^*/value) { return value; } // ReservedName
            }"""),
        c("argument outside the wrt of a called (not inlined) callee", """
            class C {
              @Differentiable(wrt = "a") static double g(double a, double b) { return a * b; }
              @Differentiable static double f(double x) {
                return x > 0 ? g(x, /*!*/x * 2) : x; // CallWrt
              }
            }"""),
        c("private callee", """
            class C {
              private static int pick(double x) { return x > 0 ? 1 : 0; }
              @Differentiable static double f(double x) {
                return x * /*!*/pick(x); // Inaccessible
              }
            }"""),
        c("instance callee from a static method", """
            class C {
              @Differentiable double g(double x) { return x; }
              @Differentiable static double f(double x) {
                return 2 * /*!*/g(x); // NotStatic
              }
            }"""),
        c("callee returning an object", """
            class C {
              static Double box(double x) { return x; }
              @Differentiable static double f(double x) {
                return 2 * /*!*/box(x); // NoDerivative
              }
            }"""),
        c("rule for a method that does not exist", """
            class C {
              /*^*/@DerivativeOf(value = Math.class, method = "nope") // RuleTarget
              static double f(double x, double seed, double[] dX) { return x; }
            }"""),
        c("rule of the wrong shape", """
            class C {
              static double g(double x, double[] v) { return x; }
              @DerivativeOf(value = C.class, method = "g")
              static double /*^*/f(double x, double[] v, double seed, double[] dX) { return x; } // RuleSignature
            }"""),
        c("private parameter type", """
            class C {
              private static final class Secret {}
              @Differentiable static double f(double x, Secret /*^*/s) { return x; } // Inaccessible
            }"""),
        c("local array inside a loop", """
            class C {
              @Differentiable static double f(double x) {
                for (int i = 0; i < 2; i++) {
                  /*!*/double[] a = new double[2]; // Unsupported
                  x = x * a.length;
                }
                return x;
              }
            }"""),
        c("array alias", """
            class C {
              @Differentiable static double f(double[] a) {
                double[] b = /*!*/a; // Unsupported
                return b[0];
              }
            }"""),
        c("switch expression inside an expression", """
            class C {
              @Differentiable static double f(double x, int k) {
                return 2 * /*!*/switch (k) { case 1 -> x; default -> -x; }; // Unsupported
              }
            }"""),
        c("switch on a double", """
            class C {
              @Differentiable static double f(double x) {
                switch (/*!*/x) { default: x = 2 * x; } // Unsupported
                return x;
              }
            }"""),
        c("write through arraycopy into a parameter", """
            class C {
              @Differentiable static double f(double[] a, double[] b) {
                System.arraycopy(a, 0, /*!*/b, 0, 1); // ArrayWrite
                return b[0];
              }
            }"""),
        c("throw statement", """
            class C {
              @Differentiable static double f(double x) {
                if (x < 0) {
                  /*!*/throw new IllegalArgumentException(); // Unsupported
                }
                return x;
              }
            }"""),
        c("try statement", """
            class C {
              @Differentiable static double f(double x) {
                /*!*/try { x = x * 2; } finally { x = x + 1; } // Unsupported
                return x;
              }
            }"""),
        c("synchronized statement", """
            class C {
              @Differentiable static double f(double x) {
                /*!*/synchronized (C.class) { x = x * 2; } // Unsupported
                return x;
              }
            }"""),
        c("object allocation", """
            class C {
              @Differentiable static double f(double x) {
                Object o = /*!*/new Object(); // Unsupported
                return x;
              }
            }"""),
        c("lambda", """
            class C {
              @Differentiable static double f(double x) {
                java.util.function.DoubleSupplier s = /*!*/() -> x * 2; // Unsupported
                return x;
              }
            }"""),
        c("string", """
            class C {
              @Differentiable static double f(double x) {
                double y = x + /*!*/"1".length(); // Unsupported
                return y;
              }
            }"""),
        c("call without derivative", """
            class Helper {
              static double g(double v) { return v * v; }
            }
            class C {
              @Differentiable static double f(double x) {
                return 2 * /*!*/Helper.g(x); // NoDerivative
              }
            }"""),
        c("Math.random", """
            class C {
              @Differentiable static double f(double x) {
                return x * /*!*/Math.random(); // NoDerivative
              }
            }"""),
        c("unknown name", """
            class C {
              @Differentiable static double f(double x) {
                return x * /*!*/undefinedThing; // UnknownName
              }
            }"""),
        c("mutable static field", """
            class C {
              static double scale = 2;
              @Differentiable static double f(double x) {
                return x * /*!*/scale; // FieldNotConstant
              }
            }"""),
        c("object constant", """
            class C {
              static final Object TOKEN = new Object();
              @Differentiable static double f(double x) {
                return /*!*/TOKEN == null ? x : 2 * x; // FieldType
              }
            }"""),
        c("private non-constant field", """
            class C {
              private static final double SCALE = Math.sqrt(2);
              @Differentiable static double f(double x) {
                return x * /*!*/SCALE; // Inaccessible
              }
            }"""),
        c("write to a parameter array", """
            class C {
              @Differentiable static double f(double[] a) {
                /*!*/a[0] = 2; // ArrayWrite
                return a[0];
              }
            }"""),
        c("reassigned parameter array", """
            class C {
              @Differentiable static double f(double[] a, double[] b) {
                /*!*/a = b; // ArrayWrite
                return a[0];
              }
            }"""),
        c("write to a field", """
            class C {
              static double last;
              @Differentiable static double f(double x) {
                /*!*/last = x; // FieldWrite
                return x;
              }
            }"""),
        c("increment inside an expression", """
            class C {
              @Differentiable static double f(double x) {
                int i = 0;
                double y = x * /*!*/i++; // Unsupported
                return y;
              }
            }"""),
        c("assignment inside an expression", """
            class C {
              @Differentiable static double f(double x) {
                double y;
                double z = 2 * (/*!*/y = x); // Unsupported
                return z + y;
              }
            }"""),
        c("type mismatch", """
            class C {
              @Differentiable static double f(double x) {
                boolean b = /*!*/x; // Type
                return x;
              }
            }"""));
  }

  private static Arguments c(String name, String source) {
    return Arguments.of(name, source);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheRuleOnTheOffendingTree(String name, String body) {
    JavaFileObject file = Sources.classC(body);
    String source = charContent(file);
    Compilation compilation = Sources.compile(file);

    String lineWithMarker = source.lines()
        .filter(l -> l.contains(TREE) || l.contains(ELEMENT))
        .findFirst().orElseThrow();
    String key = "[Adjoint:" + lineWithMarker.substring(lineWithMarker.lastIndexOf("// ") + 3)
        .trim() + "]";
    List<Diagnostic<? extends JavaFileObject>> ours = compilation.errors().stream()
        .filter(d -> d.getMessage(Locale.ROOT).startsWith("[Adjoint:"))
        .collect(Collectors.toList());
    assertWithMessage("Adjoint errors for %s: %s", name, ours).that(ours).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = ours.get(0);
    assertThat(error.getMessage(Locale.ROOT)).startsWith(key);
    assertThat(error.getMessage(Locale.ROOT)).contains("'f'");

    int tree = source.indexOf(TREE);
    if (tree >= 0) {
      long expectedStart = tree + TREE.length();
      assertWithMessage("start of the reported tree for %s: %s", name, error)
          .that(error.getStartPosition()).isEqualTo(expectedStart);
    } else {
      int marker = source.indexOf(ELEMENT) + ELEMENT.length();
      long line = source.substring(0, marker).lines().count();
      long column = marker - source.lastIndexOf('\n', marker - 1);
      assertWithMessage("position for %s: %s", name, error).that(error.getLineNumber())
          .isEqualTo(line);
      assertWithMessage("column for %s: %s", name, error).that(error.getColumnNumber())
          .isEqualTo(column);
    }
    assertThat(compilation.errors().stream().map(d -> d.getMessage(Locale.ROOT)))
        .doesNotContain("An annotation processor threw an uncaught exception.");
  }

  /** The message names the companion a nested class really gets, Outer_InnerDerivatives. */
  @Test
  void inaccessibleTypeNamesTheCompanionOfANestedClass() {
    Compilation compilation = Sources.compile(Sources.classC("""
        class C {
          static final class Inner {
            private static final class Secret {}
            @Differentiable static double f(double x, Secret s) { return x; }
          }
        }"""));
    List<String> messages = compilation.errors().stream()
        .map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.startsWith("[Adjoint:Inaccessible]"))
        .collect(Collectors.toList());
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0)).contains("C_InnerDerivatives cannot name");
  }

  /**
   * A package-private rule in another package: the generated class could not call it, so the
   * call is an error at the call site (not a javac error in generated code).
   */
  @Test
  void ruleInAnotherPackageMustBeVisible() {
    JavaFileObject rules = JavaFileObjects.forSourceString("q.Rules", """
        package q;

        import dev.adjoint.DerivativeOf;

        public final class Rules {
          public static double g(double x) { return x * x; }

          @DerivativeOf(value = Rules.class, method = "g")
          static double gPullback(double x, double seed, double[] dX) {
            dX[0] += seed * 2 * x;
            return x * x;
          }
        }""");
    JavaFileObject user = Sources.classC("""
        class C {
          @Differentiable static double f(double x) { return x * q.Rules.g(x); }
        }""");
    Compilation compilation = Sources.compile(rules, user);
    List<Diagnostic<? extends JavaFileObject>> ours = compilation.errors().stream()
        .filter(d -> d.getMessage(Locale.ROOT).startsWith("[Adjoint:"))
        .collect(Collectors.toList());
    assertThat(ours).hasSize(1);
    String message = ours.get(0).getMessage(Locale.ROOT);
    assertThat(message).startsWith("[Adjoint:Inaccessible]");
    assertThat(message).contains("Rules.gPullback");
    String source = charContent(user);
    assertThat(ours.get(0).getStartPosition()).isEqualTo((long) source.indexOf("q.Rules.g(x)"));
    assertThat(compilation.errors()).hasSize(1);
  }

  private static String charContent(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
