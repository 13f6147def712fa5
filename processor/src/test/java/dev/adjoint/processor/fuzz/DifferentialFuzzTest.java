package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the processor: random programs (see {@link ProgramGenerator}),
 * compiled with Adjoint, their generated gradients compared with an independent forward-mode
 * oracle ({@link GradientInterpreter} over Hipparchus {@code Gradient}).
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code adjoint.fuzz.programs} (default {@value #DEFAULT_PROGRAMS}; the self-check
 *       runs {@value #DEFAULT_SELF_CHECKS} by default): programs to run, e.g.
 *       {@code mvn -pl processor test -Dtest=DifferentialFuzzTest
 *       -Dadjoint.fuzz.programs=20000};
 *   <li>{@code adjoint.fuzz.seed} (default {@value #DEFAULT_SEED}) and
 *       {@code adjoint.fuzz.first} (default 0): which slice of the program stream to run;
 *   <li>{@code adjoint.fuzz.level} (default {@link #SUPPORTED_LEVEL}): feature level
 *       ({@link Feature}), e.g. {@code -Dadjoint.fuzz.level=1} for control flow;
 *   <li>{@code adjoint.fuzz.features}: an explicit feature list such as {@code IF,FOR}
 *       (overrides the level; empty means straight-line code only).
 * </ul>
 * A failure prints each failing program, its generated companion and the flags that rerun
 * exactly that program; paste the program into {@link FuzzRegressionTest} to keep it.
 */
class DifferentialFuzzTest {
  /** The highest feature level the processor supports today: bump it when a level lands. */
  static final int SUPPORTED_LEVEL = 1;

  static final int DEFAULT_PROGRAMS = 300;
  static final int DEFAULT_SELF_CHECKS = 200;
  static final long DEFAULT_SEED = 20240601L;
  /** Failures reported in full before the run stops. */
  static final int MAX_REPORTS = 5;

  @Test
  void generatedGradientsMatchTheOracle() {
    FuzzRun run = new FuzzRun(seed(), first(), programs(DEFAULT_PROGRAMS), features());
    List<String> failures = FuzzHarness.differential(run, MAX_REPORTS);
    assertTrue(failures.isEmpty(), () -> failures.size() + " failing program(s) (of "
        + run.count() + ", seed " + run.seed() + ", features " + run.features()
        + "; showing at most " + MAX_REPORTS + "):\n\n" + String.join("\n", failures));
  }

  /**
   * The fuzzer itself, at every level, independently of the processor: generated programs
   * compile with plain javac and the interpreter computes exactly what they compute.
   */
  @Test
  void interpreterAgreesWithTheCompiledProgramsAtEveryLevel() {
    FuzzRun run = new FuzzRun(seed() + 1, first(), programs(DEFAULT_SELF_CHECKS),
        Feature.upToLevel(Feature.MAX_LEVEL));
    List<String> failures = FuzzHarness.selfCheck(run, MAX_REPORTS);
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  @Test
  void programsDependOnlyOnSeedAndIndex() {
    Set<Feature> all = Feature.upToLevel(Feature.MAX_LEVEL);
    FuzzRun run = new FuzzRun(7, 0, 5, all);
    assertEquals(run.program(3).source(), new FuzzRun(7, 3, 1, all).programs().get(0).source());
  }

  private static Set<Feature> features() {
    String list = System.getProperty("adjoint.fuzz.features");
    if (list != null) {
      return Feature.parse(list);
    }
    return Feature.upToLevel(Integer.getInteger("adjoint.fuzz.level", SUPPORTED_LEVEL));
  }

  private static int programs(int byDefault) {
    return Integer.getInteger("adjoint.fuzz.programs", byDefault);
  }

  private static long seed() {
    return Long.getLong("adjoint.fuzz.seed", DEFAULT_SEED);
  }

  private static int first() {
    return Integer.getInteger("adjoint.fuzz.first", 0);
  }
}
