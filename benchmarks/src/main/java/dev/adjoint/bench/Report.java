package dev.adjoint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results ({@code -rf json}) into a Markdown table of ratios, per workload: every
 * variant's time relative to the primal, its allocation per operation ({@code -prof gc}), and the
 * project's targets for the generated pullback.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.adjoint.bench.Report
 * benchmarks/target/results.json}. Benchmarks are grouped by class ({@code XBenchmark} is workload
 * {@code X}) and by {@code @Param} values (workload {@code X (n=100)}); the number of active inputs
 * comes from the constant {@code ACTIVE_INPUTS} of class {@code X} or {@code XModel} in this
 * package, or, without one, from the parameter {@code n}. The goals default to the straight-line
 * ones (pullback at most 3x the primal, within 1.2x of the hand adjoint, 0 B/op); a workload class
 * overrides them with {@code static final double} constants {@code PRIMAL_GOAL}, {@code HAND_GOAL}
 * (NaN: no goal) and {@code ALLOCATION_GOAL_BYTES} (for local arrays). A small JSON reader is
 * included to avoid a dependency.
 */
public final class Report {
  private Report() {}

  static final List<String> VARIANTS =
      List.of("primal", "pullback", "gradient", "handAdjoint", "hipparchus");

  /** One benchmark's score (ns/op), score error and normalised allocation (B/op, NaN if absent). */
  record Result(double score, double error, String unit, double bytesPerOp) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Report <jmh-results.json>");
      System.exit(2);
    }
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    System.out.print(markdown(parse(json)));
  }

  /** Results by workload, then by variant, in the order they appear in the file. */
  static Map<String, Map<String, Result>> parse(String json) {
    Map<String, Map<String, Result>> byWorkload = new LinkedHashMap<>();
    for (Object item : (List<?>) new JsonReader(json).value()) {
      Map<?, ?> run = (Map<?, ?>) item;
      String benchmark = (String) run.get("benchmark");
      int dot = benchmark.lastIndexOf('.');
      String className = benchmark.substring(0, dot);
      String variant = benchmark.substring(dot + 1);
      String workload = className.substring(className.lastIndexOf('.') + 1);
      if (workload.endsWith("Benchmark")) {
        workload = workload.substring(0, workload.length() - "Benchmark".length());
      }
      if (run.get("params") instanceof Map<?, ?> params && !params.isEmpty()) {
        StringBuilder key = new StringBuilder(workload).append(" (");
        String separator = "";
        for (Map.Entry<?, ?> param : params.entrySet()) {
          key.append(separator).append(param.getKey()).append('=').append(param.getValue());
          separator = ", ";
        }
        workload = key.append(')').toString();
      }
      Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
      double bytes = Double.NaN;
      Object secondary = run.get("secondaryMetrics");
      if (secondary instanceof Map<?, ?> metrics) {
        for (Map.Entry<?, ?> metric : metrics.entrySet()) {
          // "gc.alloc.rate.norm" (JMH 1.37; older versions prefix a middle dot)
          if (String.valueOf(metric.getKey()).endsWith("gc.alloc.rate.norm")) {
            bytes = number(((Map<?, ?>) metric.getValue()).get("score"));
          }
        }
      }
      byWorkload
          .computeIfAbsent(workload, w -> new LinkedHashMap<>())
          .put(
              variant,
              new Result(
                  number(primary.get("score")),
                  number(primary.get("scoreError")),
                  String.valueOf(primary.get("scoreUnit")),
                  bytes));
    }
    return byWorkload;
  }

  static String markdown(Map<String, Map<String, Result>> byWorkload) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, Result>> workload : byWorkload.entrySet()) {
      Map<String, Result> results = workload.getValue();
      int inputs = activeInputs(workload.getKey());
      out.append(
          String.format(
              Locale.ROOT,
              "### %s (%s active inputs)\n\n",
              workload.getKey(),
              inputs > 0 ? Integer.toString(inputs) : "?"));
      Result primal = results.get("primal");
      out.append("| variant | time | x primal | alloc (B/op) |\n");
      out.append("|---|---:|---:|---:|\n");
      List<String> order = new ArrayList<>(VARIANTS);
      for (String variant : results.keySet()) {
        if (!order.contains(variant)) {
          order.add(variant);
        }
      }
      for (String variant : order) {
        Result r = results.get(variant);
        if (r == null) {
          continue;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s |\n",
                variant,
                Double.isNaN(r.error())
                    ? String.format(Locale.ROOT, "%.1f %s", r.score(), r.unit())
                    : String.format(Locale.ROOT, "%.1f +- %.1f %s", r.score(), r.error(), r.unit()),
                primal == null ? "?" : String.format(Locale.ROOT, "%.2f", r.score() / primal.score()),
                Double.isNaN(r.bytesPerOp())
                    ? "n/a"
                    : String.format(Locale.ROOT, "%.0f", r.bytesPerOp())));
      }
      Result pullback = results.get("pullback");
      Result hand = results.get("handAdjoint");
      Result hipparchus = results.get("hipparchus");
      double primalGoal = goal(workload.getKey(), "PRIMAL_GOAL", 3.0);
      double handGoal = goal(workload.getKey(), "HAND_GOAL", 1.2);
      double allocationGoal = goal(workload.getKey(), "ALLOCATION_GOAL_BYTES", 0.0);
      out.append("\n| target (generated pullback) | measured | goal | met |\n");
      out.append("|---|---:|---:|:---:|\n");
      if (pullback != null && primal != null) {
        double ratio = pullback.score() / primal.score();
        out.append(
            Double.isNaN(primalGoal)
                ? row("pullback / primal", ratio, "x", "none", null)
                : row("pullback / primal", ratio, "x", "<= " + format(primalGoal),
                    ratio <= primalGoal));
      }
      if (pullback != null && hand != null) {
        double ratio = pullback.score() / hand.score();
        out.append(
            Double.isNaN(handGoal)
                ? row("pullback / handAdjoint", ratio, "x", "none", null)
                : row("pullback / handAdjoint", ratio, "x", "<= " + format(handGoal),
                    ratio <= handGoal));
      }
      if (pullback != null && hipparchus != null) {
        double ratio = hipparchus.score() / pullback.score();
        double goal = inputs / 3.0;
        out.append(
            row(
                "hipparchus / pullback",
                ratio,
                "x",
                inputs > 0
                    ? String.format(Locale.ROOT, ">= %.2f (%d inputs / 3)", goal, inputs)
                    : "?",
                inputs > 0 && ratio >= goal));
      }
      if (pullback != null && !Double.isNaN(pullback.bytesPerOp())) {
        // JMH reports a few hundredths of a byte from its own infrastructure: round.
        out.append(
            row(
                "pullback allocation",
                pullback.bytesPerOp(),
                " B/op",
                allocationGoal == 0.0
                    ? "0 B/op"
                    : String.format(Locale.ROOT, "<= %.0f B/op (local arrays)", allocationGoal),
                Math.round(pullback.bytesPerOp()) <= allocationGoal));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** A table row; {@code met} null: no goal. */
  private static String row(String name, double value, String unit, String goal, Boolean met) {
    return String.format(
        Locale.ROOT,
        "| %s | %.2f%s | %s | %s |\n",
        name,
        value,
        unit,
        goal,
        met == null ? "-" : met ? "yes" : "NO");
  }

  private static String format(double goal) {
    return goal == Math.rint(goal)
        ? Long.toString((long) goal)
        : String.format(Locale.ROOT, "%s", goal);
  }

  /** The workload's class name: {@code "Rosenbrock (n=10)"} is class {@code Rosenbrock}. */
  private static String className(String workload) {
    int paren = workload.indexOf(" (");
    return paren < 0 ? workload : workload.substring(0, paren);
  }

  /** The constant {@code name} of the workload class ({@code X} or {@code XModel}), or null. */
  private static Double constant(String workload, String name) {
    String[] candidates = {className(workload), className(workload) + "Model"};
    for (String candidate : candidates) {
      try {
        return Class.forName(Report.class.getPackageName() + "." + candidate)
            .getField(name)
            .getDouble(null);
      } catch (ReflectiveOperationException | LinkageError e) {
        // try the next name
      }
    }
    return null;
  }

  /** The workload's goal constant {@code name} (NaN: no goal), or {@code fallback} if absent. */
  private static double goal(String workload, String name, double fallback) {
    Double value = constant(workload, name);
    return value == null ? fallback : value;
  }

  /**
   * The constant {@code ACTIVE_INPUTS} of the workload class, else the parameter {@code n} of the
   * workload ({@code "Rosenbrock (n=100)"}), else -1.
   */
  static int activeInputs(String workload) {
    Double inputs = constant(workload, "ACTIVE_INPUTS");
    if (inputs != null) {
      return inputs.intValue();
    }
    java.util.regex.Matcher n =
        java.util.regex.Pattern.compile("[(, ]n=(\\d+)[,)]").matcher(workload);
    return n.find() ? Integer.parseInt(n.group(1)) : -1;
  }

  private static double number(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s); // JMH writes "NaN" as a string
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** A minimal JSON reader: objects, arrays, strings, numbers (and bare NaN/Infinity), literals. */
  static final class JsonReader {
    private final String text;
    private int pos;

    JsonReader(String text) {
      this.text = text;
    }

    Object value() {
      skipSpace();
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        default:
          if (text.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
          }
          if (text.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
          }
          if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
          }
          return number();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++; // {
      skipSpace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        map.put(key, value());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      pos++; // [
      skipSpace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(value());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
            break;
          default:
            sb.append(e); // \" \\ \/
        }
      }
    }

    private Double number() {
      int start = pos;
      while (pos < text.length() && "+-0123456789.eEINafinty".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      if (start == pos) {
        throw error("unexpected character '" + text.charAt(pos) + "'");
      }
      return Double.parseDouble(text.substring(start, pos));
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      skipSpace();
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(message + " at offset " + pos);
    }
  }
}
