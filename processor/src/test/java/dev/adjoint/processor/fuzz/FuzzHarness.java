package dev.adjoint.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import dev.adjoint.processor.GeneratedClassLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Compiles programs in-process, runs their generated gradients and compares them with an
 * oracle. Every check returns a list of human-readable failure reports (empty: all good);
 * each report holds the full program source and, when there is one, the generated companion,
 * so that it can be pasted into {@link FuzzRegressionTest}.
 */
public final class FuzzHarness {
  /** Relative tolerance: {@code |a - b| <= TOLERANCE * max(1, |a|, |b|)}. */
  public static final double TOLERANCE = 1e-9;
  /** Random points per program. */
  public static final int POINTS = 3;
  /** Programs per javac invocation. */
  public static final int BATCH = 20;

  /** A reference gradient: {@code f} over Hipparchus values, variables x0, x1, x2, a[0..3]. */
  @FunctionalInterface
  public interface Oracle {
    Gradient apply(Gradient x0, Gradient x1, Gradient x2, Gradient[] a, int n);
  }

  private FuzzHarness() {}

  // ---------------------------------------------------------------- fuzzing

  /**
   * The differential test: each program compiled with the Adjoint processor, its
   * {@code fGradient} and {@code fPullback} compared with {@link GradientInterpreter} at
   * {@link #POINTS} random points. Stops after {@code maxReports} failures.
   */
  public static List<String> differential(FuzzRun run, int maxReports) {
    List<String> reports = new ArrayList<>();
    List<Program> programs = run.programs();
    for (int from = 0; from < programs.size() && reports.size() < maxReports; from += BATCH) {
      List<Program> batch = programs.subList(from, Math.min(programs.size(), from + BATCH));
      Compilation compilation = compileWithProcessor(batch);
      for (Program p : batch) {
        if (reports.size() >= maxReports) {
          break;
        }
        Compilation own = compilation;
        if (compilation.status() != Compilation.Status.SUCCESS) {
          own = compileWithProcessor(List.of(p)); // isolate the failing program(s)
        }
        String problem = own.status() == Compilation.Status.SUCCESS
            ? checkProgram(p, own)
            : "compilation with the Adjoint processor failed:\n" + diagnostics(own);
        if (problem != null) {
          reports.add(report(p.className(), p.source(), own, problem,
              "reproduce: " + run.reproduce(p)));
        }
      }
    }
    return reports;
  }

  /**
   * Checks the fuzzer itself, without the processor: every program compiles with plain
   * javac, and the interpreter's value equals {@code f}'s bit for bit (the interpreter
   * computes values with Java's operations), finite and with a finite gradient.
   */
  public static List<String> selfCheck(FuzzRun run, int maxReports) {
    List<String> reports = new ArrayList<>();
    List<Program> programs = run.programs();
    for (int from = 0; from < programs.size() && reports.size() < maxReports; from += BATCH) {
      List<Program> batch = programs.subList(from, Math.min(programs.size(), from + BATCH));
      Compilation compilation = javac().withOptions("-proc:none").compile(files(batch));
      if (compilation.status() != Compilation.Status.SUCCESS) {
        reports.add(report("batch " + batch.get(0).className() + "…", batch.stream()
            .map(Program::source).collect(Collectors.joining("\n")), compilation,
            "plain javac rejected generated code:\n" + diagnostics(compilation), ""));
        continue;
      }
      ClassLoader loader = new GeneratedClassLoader(compilation);
      for (Program p : batch) {
        String problem = selfCheckProgram(p, loader);
        if (problem != null && reports.size() < maxReports) {
          reports.add(report(p.className(), p.source(), compilation, problem,
              "reproduce: " + run.reproduce(p)));
        }
      }
    }
    return reports;
  }

  private static String selfCheckProgram(Program p, ClassLoader loader) {
    SplittableRandom rnd = pointStream(p);
    try {
      Method f = loader.loadClass(p.qualifiedName()).getDeclaredMethod("f", double.class,
          double.class, double.class, double[].class, int.class);
      f.setAccessible(true);
      for (int k = 0; k < POINTS; k++) {
        Inputs in = Inputs.random(rnd);
        double plain = (double) f.invoke(null, in.x0(), in.x1(), in.x2(), in.a(), in.n());
        Gradient oracle = GradientInterpreter.run(p, in);
        if (Double.doubleToLongBits(plain) != Double.doubleToLongBits(oracle.getValue())) {
          return "at " + in + ": f returns " + plain + " but the interpreter "
              + oracle.getValue();
        }
        if (!Double.isFinite(plain) || Math.abs(plain) > 1e12
            || !Arrays.stream(oracle.getGradient()).allMatch(Double::isFinite)) {
          return "at " + in + ": not total: value " + plain + ", gradient "
              + Arrays.toString(oracle.getGradient());
        }
      }
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "exception:\n" + stackTrace(e);
    }
  }

  // ---------------------------------------------------------------- one program

  /**
   * Compiles one program with Adjoint and checks it against the interpreter; null when they
   * agree, else a report.
   */
  public static String check(Program p) {
    Compilation compilation = compileWithProcessor(List.of(p));
    String problem = compilation.status() == Compilation.Status.SUCCESS
        ? checkProgram(p, compilation)
        : "compilation with the Adjoint processor failed:\n" + diagnostics(compilation);
    return problem == null ? null : report(p.className(), p.source(), compilation, problem, "");
  }

  /** Checks {@code fGradient} and {@code fPullback} of {@code p}; null when they agree. */
  private static String checkProgram(Program p, Compilation compilation) {
    SplittableRandom rnd = pointStream(p);
    List<Inputs> points = new ArrayList<>();
    for (int k = 0; k < POINTS; k++) {
      points.add(Inputs.random(rnd));
    }
    return checkCompanion(compilation, p.companionName(), points,
        in -> GradientInterpreter.run(p, in));
  }

  /**
   * Checks a hand-written program (class {@code fuzz.<Name>} declaring the fuzzer's
   * signature {@code f}) against an oracle at {@code points} random points; null when they
   * agree, else a report with the program, the companion and the mismatch.
   */
  public static String checkSource(String source, Oracle oracle, int points, long seed) {
    Matcher m = Pattern.compile("class\\s+(\\w+)").matcher(source);
    if (!m.find()) {
      throw new IllegalArgumentException("no class in\n" + source);
    }
    String name = m.group(1);
    Compilation compilation = javac().withProcessors(new AdjointProcessor())
        .compile(JavaFileObjects.forSourceString(Program.PACKAGE + "." + name, source));
    String problem;
    if (compilation.status() != Compilation.Status.SUCCESS) {
      problem = "compilation with the Adjoint processor failed:\n" + diagnostics(compilation);
    } else {
      SplittableRandom rnd = new SplittableRandom(seed);
      List<Inputs> inputs = new ArrayList<>();
      for (int k = 0; k < points; k++) {
        inputs.add(Inputs.random(rnd));
      }
      problem = checkCompanion(compilation, Program.PACKAGE + "." + name + "Derivatives",
          inputs, in -> evaluate(oracle, in));
    }
    return problem == null ? null : report(name, source, compilation, problem, "");
  }

  /** Runs an {@link Oracle} with the variables x0, x1, x2, a[0..3]. */
  public static Gradient evaluate(Oracle oracle, Inputs in) {
    int vars = GradientInterpreter.VARIABLES;
    double[] a = in.a();
    Gradient[] ga = new Gradient[a.length];
    for (int k = 0; k < a.length; k++) {
      ga[k] = Gradient.variable(vars, 3 + k, a[k]);
    }
    return oracle.apply(Gradient.variable(vars, 0, in.x0()), Gradient.variable(vars, 1,
        in.x1()), Gradient.variable(vars, 2, in.x2()), ga, in.n());
  }

  private static String checkCompanion(Compilation compilation, String companionName,
      List<Inputs> points, Function<Inputs, Gradient> oracle) {
    Inputs current = null;
    try {
      ClassLoader loader = new GeneratedClassLoader(compilation);
      Class<?> companion = loader.loadClass(companionName);
      Method gradient = companion.getMethod("fGradient", double.class, double.class,
          double.class, double[].class, int.class);
      Method pullback = companion.getMethod("fPullback", double.class, double.class,
          double.class, double[].class, int.class, double.class, double[].class,
          double[].class, double[].class, double[].class);
      for (Inputs in : points) {
        current = in;
        Gradient expected = oracle.apply(in);
        double[] want = new double[1 + GradientInterpreter.VARIABLES];
        want[0] = expected.getValue();
        System.arraycopy(expected.getGradient(), 0, want, 1, GradientInterpreter.VARIABLES);

        double[] a = in.a();
        Object record = gradient.invoke(null, in.x0(), in.x1(), in.x2(), a, in.n());
        if (!Arrays.equals(a, in.a())) {
          return "at " + in + ": fGradient modified its argument a to " + Arrays.toString(a);
        }
        double[] got = new double[want.length];
        got[0] = (double) accessor(record, "value");
        got[1] = (double) accessor(record, "x0");
        got[2] = (double) accessor(record, "x1");
        got[3] = (double) accessor(record, "x2");
        double[] da = (double[]) accessor(record, "a");
        if (da.length != Program.ARRAY_LENGTH) {
          return "at " + in + ": gradient a() has length " + da.length;
        }
        System.arraycopy(da, 0, got, 4, da.length);
        String mismatch = compare("fGradient", want, got);
        if (mismatch != null) {
          return "at " + in + ":\n" + mismatch;
        }

        // fPullback adds seed * gradient into caller-owned accumulators.
        double seed = 0.5;
        double[] dx0 = {1}, dx1 = {1}, dx2 = {1};
        double[] dA = new double[Program.ARRAY_LENGTH];
        Arrays.fill(dA, 1);
        double value = (double) pullback.invoke(null, in.x0(), in.x1(), in.x2(), a, in.n(),
            seed, dx0, dx1, dx2, dA);
        double[] accumulated = new double[want.length];
        accumulated[0] = value;
        accumulated[1] = dx0[0];
        accumulated[2] = dx1[0];
        accumulated[3] = dx2[0];
        System.arraycopy(dA, 0, accumulated, 4, dA.length);
        double[] wantAccumulated = want.clone();
        for (int k = 1; k < want.length; k++) {
          wantAccumulated[k] = 1 + seed * want[k];
        }
        mismatch = compare("fPullback (seed 0.5, accumulators starting at 1)", wantAccumulated,
            accumulated);
        if (mismatch != null) {
          return "at " + in + ":\n" + mismatch;
        }
      }
      return null;
    } catch (InvocationTargetException e) {
      return "at " + current + ": generated code threw\n" + stackTrace(e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return (current == null ? "" : "at " + current + ": ") + "exception\n" + stackTrace(e);
    }
  }

  private static final List<String> COMPONENTS =
      List.of("value", "x0", "x1", "x2", "a[0]", "a[1]", "a[2]", "a[3]");

  /** Null when every component agrees within {@link #TOLERANCE}; else a table of all. */
  private static String compare(String what, double[] expected, double[] actual) {
    boolean ok = true;
    StringBuilder table = new StringBuilder();
    for (int k = 0; k < expected.length; k++) {
      boolean close = close(expected[k], actual[k]);
      ok &= close;
      table.append(String.format("  %-6s oracle %-24s %s %-24s%s%n", COMPONENTS.get(k),
          expected[k], what, actual[k], close ? "" : "   <-- MISMATCH"));
    }
    return ok ? null : what + " disagrees with the oracle:\n" + table;
  }

  public static boolean close(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return false;
    }
    return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static Object accessor(Object record, String component)
      throws ReflectiveOperationException {
    return record.getClass().getMethod(component).invoke(record);
  }

  // ---------------------------------------------------------------- compiling and reporting

  static Compilation compileWithProcessor(List<Program> programs) {
    return javac().withProcessors(new AdjointProcessor()).compile(files(programs));
  }

  private static List<JavaFileObject> files(List<Program> programs) {
    return programs.stream()
        .map(p -> JavaFileObjects.forSourceString(p.qualifiedName(), p.source()))
        .toList();
  }

  /** The random points of a program: a function of its seed only. */
  private static SplittableRandom pointStream(Program p) {
    return new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
  }

  private static String report(String name, String source, Compilation compilation,
      String problem, String footer) {
    String companion = Program.PACKAGE + "." + name + "Derivatives";
    String generated = compilation.status() == Compilation.Status.SUCCESS
        ? compilation.generatedSourceFile(companion).map(FuzzHarness::text)
            .orElse("(not generated)\n")
        : generatedSourcesWithErrors(compilation);
    return "=== " + name + ": " + problem.strip() + "\n"
        + "--- program ---\n" + source
        + "--- generated " + companion + " ---\n" + generated
        + (footer.isEmpty() ? "" : footer + "\n");
  }

  /**
   * After a failed compilation compile-testing hides generated files, but a diagnostic in a
   * generated file (a processor bug) still leads to its text.
   */
  private static String generatedSourcesWithErrors(Compilation compilation) {
    String texts = compilation.errors().stream()
        .map(Diagnostic::getSource)
        .filter(source -> source != null && source.getName().contains("SOURCE_OUTPUT"))
        .distinct()
        .map(source -> "(" + source.getName() + ")\n" + text(source))
        .collect(Collectors.joining("\n"));
    return texts.isEmpty() ? "(not available: compilation failed)\n" : texts;
  }

  private static String diagnostics(Compilation compilation) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR
            || d.getKind() == Diagnostic.Kind.WARNING)
        .map(d -> "  " + d.getKind() + " "
            + (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber()
                + ":" + d.getColumnNumber() + ": ")
            + d.getMessage(null))
        .collect(Collectors.joining("\n"));
  }

  private static String text(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
