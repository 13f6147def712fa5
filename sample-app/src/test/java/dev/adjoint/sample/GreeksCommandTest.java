package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GreeksCommandTest {

  static final double SPOT = 100.0;
  static final double RATE = 0.03;

  /**
   * The Monte Carlo estimates of price, delta, vega and rho (adjoint pathwise) lie within a few
   * standard errors of the closed-form Black-Scholes values, for every option and the book.
   */
  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void monteCarloGreeksAgreeWithClosedFormWithinStandardErrors(long seed) {
    GreeksCommand.Result r =
        GreeksCommand.compute(GreeksCommand.portfolio(), SPOT, RATE, 40_000, seed, 1e-4);
    int rows = GreeksCommand.portfolio().size() + 1;
    for (int row = 0; row < rows; row++) {
      for (int q = 0; q < 4; q++) {
        String what = "row " + row + " " + GreeksCommand.QUANTITIES[q];
        double se = r.standardError()[row][q];
        // a real standard error: positive and small against the value
        assertTrue(se > 0.0 && se < 0.05 * Math.abs(r.closedForm()[row][q]), what + " SE " + se);
        assertTrue(Math.abs(r.zScore(row, q)) < 4.0, what + ": z = " + r.zScore(row, q));
      }
    }
  }

  /** Standard errors shrink like 1/sqrt(paths). */
  @Test
  void standardErrorsShrinkWithMorePaths() {
    List<GreeksCommand.Position> book = GreeksCommand.portfolio();
    GreeksCommand.Result small = GreeksCommand.compute(book, SPOT, RATE, 10_000, 9L, 1e-4);
    GreeksCommand.Result large = GreeksCommand.compute(book, SPOT, RATE, 160_000, 9L, 1e-4);
    for (int q = 0; q < 4; q++) {
      double ratio = small.standardError()[0][q] / large.standardError()[0][q];
      assertEquals(4.0, ratio, 0.6, GreeksCommand.QUANTITIES[q]);
    }
  }

  /**
   * Bump-and-revalue with the same random numbers differentiates the same Monte Carlo estimator:
   * it agrees with the adjoint far more closely than the Monte Carlo error.
   */
  @Test
  void bumpAndRevalueAgreesWithAdjointOnTheSamePaths() {
    GreeksCommand.Result r =
        GreeksCommand.compute(GreeksCommand.portfolio(), SPOT, RATE, 20_000, 5L, 1e-5);
    for (int row = 0; row < r.estimate().length; row++) {
      assertEquals(r.estimate()[row][0], r.bumped()[row][0], 1e-9 * Math.abs(r.bumped()[row][0]));
      for (int q = 1; q < 4; q++) {
        assertEquals(
            r.estimate()[row][q],
            r.bumped()[row][q],
            0.05 * r.standardError()[row][q],
            "row " + row + " " + GreeksCommand.QUANTITIES[q]);
      }
    }
  }

  /** The book's closed forms agree with the generated derivatives of the Black-Scholes prices. */
  @Test
  void closedFormsOfTheBookAreTheBlackScholesFormulas() {
    double[][] c = GreeksCommand.closedForms(GreeksCommand.portfolio(), SPOT, RATE);
    for (int o = 0; o < GreeksCommand.portfolio().size(); o++) {
      GreeksCommand.Position p = GreeksCommand.portfolio().get(o);
      double[] generated;
      if (p.call()) {
        var g = BlackScholesDerivatives.callPriceGradient(SPOT, p.strike(), RATE, p.vol(), p.time());
        generated = new double[] {g.value(), g.spot(), g.vol(), g.rate()};
      } else {
        var g = BlackScholesDerivatives.putPriceGradient(SPOT, p.strike(), RATE, p.vol(), p.time());
        generated = new double[] {g.value(), g.spot(), g.vol(), g.rate()};
      }
      for (int q = 0; q < 4; q++) {
        assertEquals(generated[q], c[o][q], 1e-9 * Math.max(1, Math.abs(c[o][q])));
      }
    }
  }

  @Test
  void commandPrintsTheTableAndTimings() {
    Cli cli = Cli.run("greeks", "--paths", "4000", "--seed", "3");
    assertEquals(0, cli.status(), cli::toString);
    assertEquals("", cli.err(), cli::toString);
    String out = cli.out();
    assertTrue(out.contains("4000 paths (2000 antithetic pairs), seed 3"), out);
    for (GreeksCommand.Position p : GreeksCommand.portfolio()) {
      assertTrue(out.contains(p.label()), out);
    }
    for (String q : GreeksCommand.QUANTITIES) {
      assertTrue(out.contains(" " + q + " "), out);
    }
    assertTrue(out.contains("portfolio"), out);
    assertTrue(out.matches("(?s).*largest \\|error\\| / standard error: \\d+\\.\\d\\d .*"), out);
    assertTrue(
        out.matches("(?s).*adjoint [0-9.]+ ms .* bump-and-revalue [0-9.]+ ms .*ratio [0-9.]+x.*"),
        out);
  }

  @Test
  void noCommandRunsGreeksWithItsDefaults() {
    Cli cli = Cli.run();
    assertEquals(0, cli.status(), cli::toString);
    assertTrue(cli.out().contains("100000 paths (50000 antithetic pairs), seed 42"), cli::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--paths=0", "--paths=-4", "--paths=3", "--spot=0", "--spot=-1", "--bump=0"})
  void badNumbersAreRejected(String option) {
    Cli cli = Cli.run("greeks", option);
    assertEquals(Main.EXIT_USAGE, cli.status(), cli::toString);
    String name = option.substring(0, option.indexOf('='));
    assertTrue(cli.err().startsWith("greeks: error: " + name + " must be"), cli::toString);
    assertEquals("", cli.out(), cli::toString);
    assertTrue(cli.quiet(), cli::toString);
  }

  @Test
  void notANumberIsRejected() {
    Cli cli = Cli.run("greeks", "--paths", "many");
    assertEquals(Main.EXIT_USAGE, cli.status(), cli::toString);
    assertTrue(cli.err().contains("'many'"), cli::toString);
    assertTrue(cli.quiet(), cli::toString);
  }
}
