package dev.adjoint.sample;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Monte Carlo prices and Greeks of a portfolio of European options, from pathwise adjoint
 * sensitivities: one reverse sweep of the generated {@code PathPayoffDerivatives} pullback per
 * antithetic pair and option gives the pair's contribution to price, delta, vega and rho.
 */
@Command(
    name = "greeks",
    mixinStandardHelpOptions = true,
    description = {
      "Prices a portfolio of European calls and puts by Monte Carlo and computes delta, vega and"
          + " rho of each option by pathwise adjoint sensitivities (one reverse sweep of the"
          + " generated pullback per path pair), with Monte Carlo standard errors, next to the"
          + " closed-form Black-Scholes values and to bump-and-revalue (central differences with"
          + " the same random numbers), and times both."
    })
final class GreeksCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--paths",
      paramLabel = "N",
      defaultValue = "100000",
      description = "Number of simulated paths, even: antithetic pairs (default: ${DEFAULT-VALUE}).")
  int paths;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "42",
      description = "Seed of the SplittableRandom normal draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--spot",
      paramLabel = "PRICE",
      defaultValue = "100",
      description = "Price of the underlying today (default: ${DEFAULT-VALUE}).")
  double spot;

  @Option(
      names = "--rate",
      paramLabel = "RATE",
      defaultValue = "0.03",
      description = "Continuously compounded risk-free rate (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--bump",
      paramLabel = "H",
      defaultValue = "1e-4",
      description =
          "Bump size of the central differences, relative for spot, absolute for vol and rate"
              + " (default: ${DEFAULT-VALUE}).")
  double bump;

  /** One position: {@code quantity} options (negative: short). */
  record Position(boolean call, double quantity, double strike, double vol, double time) {
    String label() {
      return String.format(
          Locale.ROOT,
          "%+.0f %s K=%.0f vol=%.0f%% T=%.2f",
          quantity,
          call ? "call" : "put",
          strike,
          vol * 100.0,
          time);
    }
  }

  /** The portfolio: calls and puts at several strikes and expiries, long and short. */
  static List<Position> portfolio() {
    return List.of(
        new Position(true, 10, 90.0, 0.22, 0.50),
        new Position(true, -5, 110.0, 0.20, 1.00),
        new Position(true, 3, 130.0, 0.25, 2.00),
        new Position(false, 8, 95.0, 0.24, 0.25),
        new Position(false, -4, 120.0, 0.21, 1.50));
  }

  /** Price, delta, vega, rho. */
  static final String[] QUANTITIES = {"price", "delta", "vega", "rho"};

  /**
   * Monte Carlo estimates with standard errors, closed forms and bump-and-revalue values, for
   * every option (rows 0..n-1, per unit of the option) and the portfolio (row n).
   */
  record Result(
      List<Position> positions,
      int pairs,
      double[][] estimate,
      double[][] standardError,
      double[][] closedForm,
      double[][] bumped,
      long adjointNanos,
      long bumpNanos) {

    /** (estimate - closed form) / standard error. */
    double zScore(int row, int quantity) {
      return (estimate[row][quantity] - closedForm[row][quantity])
          / standardError[row][quantity];
    }
  }

  /** Standard normal draws for {@code pairs} antithetic pairs. */
  static double[] draws(int pairs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] z = new double[pairs];
    for (int i = 0; i < z.length; i++) {
      z[i] = random.nextGaussian();
    }
    return z;
  }

  /** Adjoint Monte Carlo Greeks over the first {@code pairs} draws; see {@link Result}. */
  static double[][][] adjointGreeks(
      List<Position> positions, double spot, double rate, double[] z, int pairs) {
    int n = positions.size();
    double[][] sum = new double[n + 1][4];
    double[][] sumSquares = new double[n + 1][4];
    double[] dSpot = new double[1];
    double[] dVol = new double[1];
    double[] dRate = new double[1];
    double[] pair = new double[4];
    double[] book = new double[4];
    for (int i = 0; i < pairs; i++) {
      java.util.Arrays.fill(book, 0.0);
      for (int o = 0; o < n; o++) {
        Position p = positions.get(o);
        dSpot[0] = 0.0;
        dVol[0] = 0.0;
        dRate[0] = 0.0;
        pair[0] =
            PathPayoffDerivatives.discountedPayoffPullback(
                spot, p.vol(), rate, p.strike(), p.time(), z[i], p.call(), 1.0, dSpot, dVol, dRate);
        pair[1] = dSpot[0];
        pair[2] = dVol[0];
        pair[3] = dRate[0];
        for (int q = 0; q < 4; q++) {
          sum[o][q] += pair[q];
          sumSquares[o][q] += pair[q] * pair[q];
          book[q] += p.quantity() * pair[q];
        }
      }
      for (int q = 0; q < 4; q++) {
        sum[n][q] += book[q];
        sumSquares[n][q] += book[q] * book[q];
      }
    }
    double[][] mean = new double[n + 1][4];
    double[][] error = new double[n + 1][4];
    for (int row = 0; row <= n; row++) {
      for (int q = 0; q < 4; q++) {
        mean[row][q] = sum[row][q] / pairs;
        double variance =
            Math.max(0.0, (sumSquares[row][q] - pairs * mean[row][q] * mean[row][q]) / (pairs - 1));
        error[row][q] = Math.sqrt(variance / pairs);
      }
    }
    return new double[][][] {mean, error};
  }

  /** Monte Carlo price of one option over the first {@code pairs} draws (the primal). */
  static double price(Position p, double spot, double vol, double rate, double[] z, int pairs) {
    double sum = 0.0;
    for (int i = 0; i < pairs; i++) {
      sum += PathPayoff.discountedPayoff(spot, vol, rate, p.strike(), p.time(), z[i], p.call());
    }
    return sum / pairs;
  }

  /** Price, delta, vega, rho per option and for the portfolio by central differences. */
  static double[][] bumpAndRevalue(
      List<Position> positions, double spot, double rate, double bump, double[] z, int pairs) {
    int n = positions.size();
    double[][] values = new double[n + 1][4];
    double hSpot = bump * spot;
    for (int o = 0; o < n; o++) {
      Position p = positions.get(o);
      double v = p.vol();
      values[o][0] = price(p, spot, v, rate, z, pairs);
      values[o][1] =
          (price(p, spot + hSpot, v, rate, z, pairs) - price(p, spot - hSpot, v, rate, z, pairs))
              / (2 * hSpot);
      values[o][2] =
          (price(p, spot, v + bump, rate, z, pairs) - price(p, spot, v - bump, rate, z, pairs))
              / (2 * bump);
      values[o][3] =
          (price(p, spot, v, rate + bump, z, pairs) - price(p, spot, v, rate - bump, z, pairs))
              / (2 * bump);
      for (int q = 0; q < 4; q++) {
        values[n][q] += p.quantity() * values[o][q];
      }
    }
    return values;
  }

  /** Closed-form price, delta, vega, rho per option and for the portfolio. */
  static double[][] closedForms(List<Position> positions, double spot, double rate) {
    int n = positions.size();
    double[][] values = new double[n + 1][4];
    for (int o = 0; o < n; o++) {
      Position p = positions.get(o);
      ClosedForm.Greeks g =
          p.call()
              ? ClosedForm.call(spot, p.strike(), rate, p.vol(), p.time())
              : ClosedForm.put(spot, p.strike(), rate, p.vol(), p.time());
      values[o] = new double[] {g.price(), g.delta(), g.vega(), g.rho()};
      for (int q = 0; q < 4; q++) {
        values[n][q] += p.quantity() * values[o][q];
      }
    }
    return values;
  }

  /** Runs everything: a short warm-up of both methods, then the timed adjoint and bump runs. */
  static Result compute(
      List<Position> positions, double spot, double rate, int paths, long seed, double bump) {
    int pairs = paths / 2;
    double[] z = draws(pairs, seed);
    int warmup = Math.min(pairs, 5_000);
    adjointGreeks(positions, spot, rate, z, warmup);
    bumpAndRevalue(positions, spot, rate, bump, z, warmup);

    long start = System.nanoTime();
    double[][][] adjoint = adjointGreeks(positions, spot, rate, z, pairs);
    long adjointNanos = System.nanoTime() - start;
    start = System.nanoTime();
    double[][] bumped = bumpAndRevalue(positions, spot, rate, bump, z, pairs);
    long bumpNanos = System.nanoTime() - start;
    return new Result(
        positions,
        pairs,
        adjoint[0],
        adjoint[1],
        closedForms(positions, spot, rate),
        bumped,
        adjointNanos,
        bumpNanos);
  }

  @Override
  public Integer call() {
    if (paths < 2 || paths % 2 != 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--paths must be a positive even number (antithetic pairs), got " + paths);
    }
    requirePositive("--spot", spot);
    requirePositive("--bump", bump);
    if (!Double.isFinite(rate)) {
      throw new ParameterException(spec.commandLine(), "--rate must be finite, got " + rate);
    }
    Result result = compute(portfolio(), spot, rate, paths, seed, bump);
    PrintWriter out = spec.commandLine().getOut();
    out.print(report(result, spot, rate, seed));
    out.flush();
    return 0;
  }

  private void requirePositive(String name, double value) {
    if (!(value > 0.0) || !Double.isFinite(value)) {
      throw new ParameterException(
          spec.commandLine(), name + " must be a finite number > 0, got " + value);
    }
  }

  /** The printed report. */
  static String report(Result r, double spot, double rate, long seed) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Monte Carlo Greeks of a European option portfolio, pathwise adjoint sensitivities%n"
                + "spot %.2f, rate %.2f%%, %d paths (%d antithetic pairs), seed %d%n"
                + "per option: value per unit; portfolio: quantity-weighted sum"
                + " (vega: parallel shift of every vol)%n"
                + "the options share the normal draws (common random numbers), so their Monte Carlo"
                + " errors are correlated%n%n",
            spot,
            rate * 100.0,
            2 * r.pairs(),
            r.pairs(),
            seed));
    String format = "%-30s %-6s %14s %11s %14s %7s %14s%n";
    out.append(
        String.format(
            Locale.ROOT,
            format,
            "position",
            "",
            "adjoint MC",
            "std. error",
            "closed form",
            "err/SE",
            "bump & reval."));
    int n = r.positions().size();
    double worstZ = 0.0;
    String worst = "";
    for (int row = 0; row <= n; row++) {
      String label = row < n ? r.positions().get(row).label() : "portfolio";
      for (int q = 0; q < 4; q++) {
        double z = r.zScore(row, q);
        if (Math.abs(z) > Math.abs(worstZ)) {
          worstZ = z;
          worst = label + ", " + QUANTITIES[q];
        }
        out.append(
            String.format(
                Locale.ROOT,
                format,
                q == 0 ? label : "",
                QUANTITIES[q],
                String.format(Locale.ROOT, "%.6f", r.estimate()[row][q]),
                String.format(Locale.ROOT, "%.6f", r.standardError()[row][q]),
                String.format(Locale.ROOT, "%.6f", r.closedForm()[row][q]),
                String.format(Locale.ROOT, "%+.2f", z),
                String.format(Locale.ROOT, "%.6f", r.bumped()[row][q])));
      }
      out.append(String.format(Locale.ROOT, "%n"));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "largest |error| / standard error: %.2f (%s)%n",
            Math.abs(worstZ),
            worst));
    double adjointMs = r.adjointNanos() / 1e6;
    double bumpMs = r.bumpNanos() / 1e6;
    out.append(
        String.format(
            Locale.ROOT,
            "time, price + 3 Greeks of %d options: adjoint %.1f ms (1 reverse sweep per option and path pair),"
                + " bump-and-revalue %.1f ms (7 revaluations), ratio %.1fx%n",
            n,
            adjointMs,
            bumpMs,
            bumpMs / adjointMs));
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
