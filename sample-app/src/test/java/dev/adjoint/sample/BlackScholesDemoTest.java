package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlackScholesDemoTest {

  /** The closed-form Greeks are the independent check for the generated gradient. */
  @Test
  void generatedGreeksAgreeWithClosedForm() {
    List<BlackScholesDemo.Row> rows = BlackScholesDemo.rows();
    assertEquals(6 * BlackScholesDemo.options().size(), rows.size());
    for (BlackScholesDemo.Row row : rows) {
      assertTrue(
          Double.isFinite(row.adjoint()) && row.closedForm() != 0.0,
          () -> row.option().label() + " " + row.quantity() + ": " + row.adjoint());
      assertTrue(
          row.relativeDifference() <= 1e-9,
          () ->
              row.option().label()
                  + " "
                  + row.quantity()
                  + ": Adjoint "
                  + row.adjoint()
                  + " vs closed form "
                  + row.closedForm());
    }
  }

  /** Textbook identities that hold between the generated Greeks of a call and a put. */
  @Test
  void putCallParityHoldsForGeneratedGreeks() {
    double s = 100.0;
    double k = 105.0;
    double r = 0.02;
    double v = 0.35;
    double t = 1.5;
    var call = BlackScholesDerivatives.callPriceGradient(s, k, r, v, t);
    var put = BlackScholesDerivatives.putPriceGradient(s, k, r, v, t);
    double discount = Math.exp(-r * t);
    // C - P = S - K exp(-rT), differentiated term by term
    assertEquals(s - k * discount, call.value() - put.value(), 1e-12);
    assertEquals(1.0, call.spot() - put.spot(), 1e-12);
    assertEquals(-discount, call.strike() - put.strike(), 1e-12);
    assertEquals(k * t * discount, call.rate() - put.rate(), 1e-12);
    assertEquals(0.0, call.vol() - put.vol(), 1e-12);
    assertEquals(r * k * discount, call.time() - put.time(), 1e-12);
  }

  /** The pullback adds seed times the gradient and returns the price. */
  @Test
  void pullbackAccumulatesSeedTimesGradient() {
    var g = BlackScholesDerivatives.callPriceGradient(100.0, 95.0, 0.01, 0.2, 1.0);
    double[] dSpot = {1.0};
    double[] dStrike = {0.0};
    double[] dRate = {0.0};
    double[] dVol = {0.0};
    double[] dTime = {0.0};
    double value =
        BlackScholesDerivatives.callPricePullback(
            100.0, 95.0, 0.01, 0.2, 1.0, 2.0, dSpot, dStrike, dRate, dVol, dTime);
    assertEquals(g.value(), value, 0.0);
    assertEquals(1.0 + 2.0 * g.spot(), dSpot[0], 1e-14);
    assertEquals(2.0 * g.strike(), dStrike[0], 1e-14);
    assertEquals(2.0 * g.rate(), dRate[0], 1e-12);
    assertEquals(2.0 * g.vol(), dVol[0], 1e-12);
    assertEquals(2.0 * g.time(), dTime[0], 1e-12);
  }

  @Test
  void mainPrintsTheTable() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      BlackScholesDemo.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertEquals(BlackScholesDemo.table(BlackScholesDemo.rows()), out);
    assertTrue(out.contains("closed form"), out);
    for (BlackScholesDemo.Option option : BlackScholesDemo.options()) {
      assertTrue(out.contains(option.label()), out);
    }
    for (String quantity : List.of("price", "delta", "dStrike", "rho", "vega", "theta")) {
      assertTrue(out.contains(quantity), out);
    }
    assertTrue(out.contains("largest relative difference: "), out);
  }
}
