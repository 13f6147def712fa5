package dev.adjoint.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prices a few European options and prints their Greeks twice: from the derivatives that Adjoint
 * generated for {@link BlackScholes} (one reverse sweep gives all five), and from the closed-form
 * formulas, followed by the largest relative difference.
 *
 * <p>Run it with {@code mvn -B -q -Pdemo -DskipTests package} from the repository root.
 */
public final class BlackScholesDemo {
  private BlackScholesDemo() {}

  /** One European option on an underlying that trades at {@code spot}. */
  record Option(
      boolean call,
      String moneyness,
      double spot,
      double strike,
      double rate,
      double vol,
      double time) {

    String label() {
      return String.format(
          Locale.ROOT,
          "%s %s K=%.0f vol=%.0f%% T=%.2f",
          call ? "call" : "put",
          moneyness,
          strike,
          vol * 100.0,
          time);
    }
  }

  /** One line of the table: a quantity from the generated gradient and from the closed form. */
  record Row(Option option, String quantity, double adjoint, double closedForm) {

    /** |adjoint - closedForm| / |closedForm| (absolute difference if closedForm is 0). */
    double relativeDifference() {
      double difference = Math.abs(adjoint - closedForm);
      return closedForm == 0.0 ? difference : difference / Math.abs(closedForm);
    }
  }

  static final double SPOT = 100.0;
  static final double RATE = 0.03;

  /** Calls and puts, in, at and out of the money. */
  static List<Option> options() {
    return List.of(
        new Option(true, "ITM", SPOT, 80.0, RATE, 0.25, 1.0),
        new Option(true, "ATM", SPOT, 100.0, RATE, 0.20, 0.5),
        new Option(true, "OTM", SPOT, 125.0, RATE, 0.30, 2.0),
        new Option(false, "ITM", SPOT, 120.0, RATE, 0.25, 1.0),
        new Option(false, "ATM", SPOT, 100.0, RATE, 0.20, 0.5),
        new Option(false, "OTM", SPOT, 85.0, RATE, 0.30, 0.25));
  }

  /** Price and Greeks of every option, generated and closed-form side by side. */
  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Option o : options()) {
      double price;
      double delta;
      double dStrike;
      double rho;
      double vega;
      double theta;
      ClosedForm.Greeks exact;
      if (o.call()) {
        BlackScholesDerivatives.CallPriceGradient g =
            BlackScholesDerivatives.callPriceGradient(
                o.spot(), o.strike(), o.rate(), o.vol(), o.time());
        price = g.value();
        delta = g.spot();
        dStrike = g.strike();
        rho = g.rate();
        vega = g.vol();
        theta = -g.time();
        exact = ClosedForm.call(o.spot(), o.strike(), o.rate(), o.vol(), o.time());
      } else {
        BlackScholesDerivatives.PutPriceGradient g =
            BlackScholesDerivatives.putPriceGradient(
                o.spot(), o.strike(), o.rate(), o.vol(), o.time());
        price = g.value();
        delta = g.spot();
        dStrike = g.strike();
        rho = g.rate();
        vega = g.vol();
        theta = -g.time();
        exact = ClosedForm.put(o.spot(), o.strike(), o.rate(), o.vol(), o.time());
      }
      rows.add(new Row(o, "price", price, exact.price()));
      rows.add(new Row(o, "delta", delta, exact.delta()));
      rows.add(new Row(o, "dStrike", dStrike, exact.dStrike()));
      rows.add(new Row(o, "rho", rho, exact.rho()));
      rows.add(new Row(o, "vega", vega, exact.vega()));
      rows.add(new Row(o, "theta", theta, exact.theta()));
    }
    return rows;
  }

  /** The row with the largest relative difference. */
  static Row worst(List<Row> rows) {
    Row worst = rows.get(0);
    for (Row row : rows) {
      if (row.relativeDifference() > worst.relativeDifference()) {
        worst = row;
      }
    }
    return worst;
  }

  /** The table as printed by {@link #main}, lines separated by '\n'. */
  static String table(List<Row> rows) {
    String format = "%-30s  %-8s  %18s  %18s  %9s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Black-Scholes Greeks: generated reverse mode (Adjoint) vs closed form%n"
                + "spot = %.2f, rate = %.2f%%; dStrike = dPrice/dStrike, theta = -dPrice/dTime"
                + " (per year)%n%n",
            SPOT,
            RATE * 100.0));
    out.append(
        String.format(
            Locale.ROOT, format, "option", "quantity", "Adjoint", "closed form", "rel. diff"));
    out.append(
        String.format(
            Locale.ROOT,
            format,
            "-".repeat(30),
            "-".repeat(8),
            "-".repeat(18),
            "-".repeat(18),
            "-".repeat(9)));
    Option previous = null;
    for (Row row : rows) {
      if (previous != null && row.option() != previous) {
        out.append(String.format(Locale.ROOT, "%n"));
      }
      out.append(
          String.format(
              Locale.ROOT,
              format,
              row.option() == previous ? "" : row.option().label(),
              row.quantity(),
              String.format(Locale.ROOT, "%.12f", row.adjoint()),
              String.format(Locale.ROOT, "%.12f", row.closedForm()),
              String.format(Locale.ROOT, "%.1e", row.relativeDifference())));
      previous = row.option();
    }
    Row worst = worst(rows);
    out.append(
        String.format(
            Locale.ROOT,
            "%nlargest relative difference: %.2e (%s, %s)%n",
            worst.relativeDifference(),
            worst.option().label(),
            worst.quantity()));
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  public static void main(String[] args) {
    System.out.print(table(rows()));
    System.out.flush();
  }
}
