package dev.adjoint.sample;

import dev.adjoint.runtime.optim.Adam;
import dev.adjoint.runtime.optim.Optimizer;
import dev.adjoint.runtime.optim.OptimizerKind;
import dev.adjoint.runtime.optim.TrainingCheckpoint;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains {@link Mlp} on two interleaved spirals with Adam; the loss and its gradient come from
 * the generated {@code MlpDerivatives.lossPullback}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a 2-h-h-1 tanh network (logistic loss) with Adam to separate two spirals generated"
          + " from the seed; gradients from Adjoint's generated pullback. Shows progress,"
          + " writes checkpoints (--checkpoint, --resume continues bit-identically) and PNG plots"
          + " of the loss curve and the decision boundary."
    })
final class TrainCommand implements Callable<Integer> {

  static final int PLOT_WIDTH = 800;
  static final int PLOT_HEIGHT = 600;
  static final String LOSS_PLOT = "loss.png";
  static final String BOUNDARY_PLOT = "decision-boundary.png";

  @Spec CommandSpec spec;

  @picocli.CommandLine.ParentCommand Main main;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "3000",
      description = "Total Adam steps, counting those of a resumed checkpoint (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--learning-rate",
      paramLabel = "RATE",
      defaultValue = "0.005",
      description = "Adam learning rate; a resumed run keeps the checkpoint's (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--hidden",
      paramLabel = "UNITS",
      defaultValue = "16",
      description = "Units per hidden layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--points",
      paramLabel = "N",
      defaultValue = "400",
      description = "Training points, half per spiral (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--noise",
      paramLabel = "SD",
      defaultValue = "0.05",
      description = "Standard deviation of the noise added to the points (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "7",
      description = "Seed of the data set and the initial weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description = "Save the training state to FILE periodically and at the end.")
  Path checkpoint;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      defaultValue = "500",
      description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(
      names = "--resume",
      description = "Continue from the --checkpoint FILE (same --seed, --points, --noise, --hidden).")
  boolean resume;

  @Option(
      names = "--plot-dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Directory for " + LOSS_PLOT + " and " + BOUNDARY_PLOT + " (default: ${DEFAULT-VALUE}).")
  Path plotDir;

  @Option(names = "--no-plots", description = "Do not write the PNG plots.")
  boolean noPlots;

  /** Two interleaved spirals: points (x0, x1) and labels 0/1. */
  record Spirals(double[] x0, double[] x1, double[] label) {

    static Spirals generate(int points, double noise, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] x0 = new double[points];
      double[] x1 = new double[points];
      double[] label = new double[points];
      int half = points / 2;
      for (int i = 0; i < points; i++) {
        int arm = i < half ? 0 : 1;
        int k = arm == 0 ? i : i - half;
        int count = arm == 0 ? half : points - half;
        double t = 3.0 * Math.PI * (0.1 + 0.9 * k / (double) Math.max(1, count - 1));
        double radius = t / (3.0 * Math.PI);
        double angle = t + arm * Math.PI;
        x0[i] = radius * Math.cos(angle) + noise * random.nextGaussian();
        x1[i] = radius * Math.sin(angle) + noise * random.nextGaussian();
        label[i] = arm;
      }
      return new Spirals(x0, x1, label);
    }

    int size() {
      return x0.length;
    }
  }

  /** Glorot-uniform weights, zero biases. */
  static double[] initialWeights(int hidden, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] w = new double[Mlp.parameterCount(hidden)];
    double a1 = Math.sqrt(6.0 / (2 + hidden));
    for (int i = 0; i < 2 * hidden; i++) {
      w[i] = random.nextDouble(-a1, a1);
    }
    double a2 = Math.sqrt(6.0 / (2 * hidden));
    for (int i = 3 * hidden; i < 3 * hidden + hidden * hidden; i++) {
      w[i] = random.nextDouble(-a2, a2);
    }
    double a3 = Math.sqrt(6.0 / (hidden + 1));
    for (int i = 4 * hidden + hidden * hidden; i < 5 * hidden + hidden * hidden; i++) {
      w[i] = random.nextDouble(-a3, a3);
    }
    return w;
  }

  /** Fraction of points on the right side of the decision boundary. */
  static double accuracy(double[] w, Spirals data, int hidden) {
    int right = 0;
    for (int i = 0; i < data.size(); i++) {
      double z = Mlp.logit(w, data.x0()[i], data.x1()[i], hidden);
      if ((z > 0) == (data.label()[i] > 0.5)) {
        right++;
      }
    }
    return right / (double) data.size();
  }

  /** Mean loss and its gradient (overwritten) from the generated pullback. */
  static double lossAndGradient(double[] w, Spirals data, int hidden, double[] gradient) {
    Arrays.fill(gradient, 0.0);
    return MlpDerivatives.lossPullback(
        w, data.x0(), data.x1(), data.label(), hidden, 1.0, gradient);
  }

  @Override
  public Integer call() throws IOException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    Spirals data = Spirals.generate(points, noise, seed);
    int dimension = Mlp.parameterCount(hidden);
    Optimizer optimizer;
    double[] w;
    if (resume) {
      TrainingCheckpoint state = TrainingCheckpoint.load(checkpoint);
      optimizer = state.optimizer();
      w = state.params();
      if (optimizer.kind() != OptimizerKind.ADAM) {
        throw new BadInputException(
            checkpoint + ": holds a " + optimizer.kind() + " optimizer, this command trains with Adam");
      }
      if (optimizer.dimension() != dimension) {
        throw new BadInputException(
            String.format(
                "%s: holds %d weights, a network with --hidden %d has %d",
                checkpoint, optimizer.dimension(), hidden, dimension));
      }
      out.printf(
          Locale.ROOT, "resuming from %s at step %d%n", checkpoint, optimizer.stepCount());
    } else {
      optimizer = Adam.builder().learningRate(learningRate).build(dimension);
      w = initialWeights(hidden, seed);
    }
    long first = optimizer.stepCount();
    out.printf(
        Locale.ROOT,
        "training a 2-%d-%d-1 tanh network (%d weights) on %d spiral points with Adam,"
            + " steps %d to %d%n",
        hidden,
        hidden,
        dimension,
        data.size(),
        first,
        Math.max(first, steps));
    out.flush();

    int todo = (int) Math.max(0, steps - first);
    if (todo == 0) {
      out.printf(
          Locale.ROOT,
          "nothing to train: the checkpoint is at step %d, --steps is %d%n",
          first,
          steps);
    }
    double[] losses = new double[todo];
    double[] gradient = new double[dimension];
    Progress progress = new Progress(out, main != null && main.console, first, steps);
    double loss = Double.NaN;
    for (int i = 0; i < todo; i++) {
      loss = lossAndGradient(w, data, hidden, gradient);
      losses[i] = loss;
      optimizer.step(w, gradient);
      long done = optimizer.stepCount();
      if (checkpoint != null && done % checkpointEvery == 0) {
        TrainingCheckpoint.save(checkpoint, optimizer, w);
      }
      progress.update(done, loss, () -> accuracy(w, data, hidden));
    }
    progress.finish();
    double finalLoss = lossAndGradient(w, data, hidden, gradient);
    out.printf(
        Locale.ROOT,
        "after %d steps: loss %.6f, training accuracy %.1f%%%n",
        optimizer.stepCount(),
        finalLoss,
        100.0 * accuracy(w, data, hidden));
    if (checkpoint != null && todo > 0) {
      TrainingCheckpoint.save(checkpoint, optimizer, w);
      out.printf(Locale.ROOT, "checkpoint: %s (step %d)%n", checkpoint, optimizer.stepCount());
    }
    if (!noPlots) {
      Files.createDirectories(plotDir);
      Path lossPlot = plotDir.resolve(LOSS_PLOT);
      Path boundaryPlot = plotDir.resolve(BOUNDARY_PLOT);
      Plots.boundary(boundaryPlot, w, hidden, data);
      if (todo > 0) {
        Plots.loss(lossPlot, first, losses);
        out.printf(Locale.ROOT, "plots: %s, %s%n", lossPlot, boundaryPlot);
      } else {
        out.printf(Locale.ROOT, "plot: %s%n", boundaryPlot);
      }
    }
    out.flush();
    return 0;
  }

  private void validate() {
    positive("--steps", steps);
    positive("--hidden", hidden);
    positive("--checkpoint-every", checkpointEvery);
    if (points < 4) {
      throw new ParameterException(spec.commandLine(), "--points must be >= 4, got " + points);
    }
    if (!(learningRate > 0.0) || !Double.isFinite(learningRate)) {
      throw new ParameterException(
          spec.commandLine(), "--learning-rate must be a finite number > 0, got " + learningRate);
    }
    if (!(noise >= 0.0) || !Double.isFinite(noise)) {
      throw new ParameterException(
          spec.commandLine(), "--noise must be a finite number >= 0, got " + noise);
    }
    if (resume && checkpoint == null) {
      throw new ParameterException(spec.commandLine(), "--resume needs --checkpoint FILE");
    }
    if (resume && !Files.isRegularFile(checkpoint)) {
      throw new BadInputException("cannot resume: checkpoint file not found: " + checkpoint);
    }
  }

  private void positive(String name, int value) {
    if (value <= 0) {
      throw new ParameterException(spec.commandLine(), name + " must be > 0, got " + value);
    }
  }

  /** A one-line progress bar on a console, a line per tenth of the run otherwise. */
  static final class Progress {
    private final PrintWriter out;
    private final boolean console;
    private final long first;
    private final long last;
    private final long every;
    private long lastDraw;

    Progress(PrintWriter out, boolean console, long first, long last) {
      this.out = out;
      this.console = console;
      this.first = first;
      this.last = last;
      this.every = Math.max(1, (last - first) / 10);
    }

    void update(long step, double loss, java.util.function.DoubleSupplier accuracy) {
      if (console) {
        long now = System.nanoTime();
        if (step != last && now - lastDraw < 100_000_000L) {
          return;
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) (width * (step - first) / Math.max(1, last - first));
        out.printf(
            Locale.ROOT,
            "\r[%s%s] %d/%d  loss %.5f  accuracy %5.1f%%",
            "#".repeat(filled),
            "-".repeat(width - filled),
            step,
            last,
            loss,
            100.0 * accuracy.getAsDouble());
        out.flush();
      } else if ((step - first) % every == 0 || step == last) {
        out.printf(
            Locale.ROOT,
            "step %d/%d  loss %.5f  accuracy %.1f%%%n",
            step,
            last,
            loss,
            100.0 * accuracy.getAsDouble());
        out.flush();
      }
    }

    void finish() {
      if (console) {
        out.println();
        out.flush();
      }
    }
  }

  /** The PNG plots, drawn headless with XChart. */
  static final class Plots {
    private Plots() {}

    static void loss(Path file, long first, double[] losses) throws IOException {
      System.setProperty("java.awt.headless", "true");
      XYChart chart =
          new XYChartBuilder()
              .width(PLOT_WIDTH)
              .height(PLOT_HEIGHT)
              .title("Training loss (mean logistic loss)")
              .xAxisTitle("step")
              .yAxisTitle("loss")
              .build();
      chart.getStyler().setLegendVisible(false);
      chart.getStyler().setYAxisLogarithmic(true);
      double[] x = new double[losses.length];
      for (int i = 0; i < losses.length; i++) {
        x[i] = first + i;
      }
      double[] y = losses;
      XYSeries series = chart.addSeries("loss", x, y);
      series.setMarker(SeriesMarkers.NONE);
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static void boundary(Path file, double[] w, int hidden, Spirals data) throws IOException {
      System.setProperty("java.awt.headless", "true");
      double min = -1.3;
      double max = 1.3;
      int grid = 70;
      double[][] classA = new double[2][grid * grid];
      double[][] classB = new double[2][grid * grid];
      int na = 0;
      int nb = 0;
      for (int i = 0; i < grid; i++) {
        for (int j = 0; j < grid; j++) {
          double u = min + (max - min) * i / (grid - 1);
          double v = min + (max - min) * j / (grid - 1);
          if (Mlp.logit(w, u, v, hidden) > 0) {
            classB[0][nb] = u;
            classB[1][nb++] = v;
          } else {
            classA[0][na] = u;
            classA[1][na++] = v;
          }
        }
      }
      XYChart chart =
          new XYChartBuilder()
              .width(PLOT_WIDTH)
              .height(PLOT_HEIGHT)
              .title("Decision boundary")
              .xAxisTitle("x0")
              .yAxisTitle("x1")
              .build();
      chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      chart.getStyler().setMarkerSize(5);
      addRegion(chart, "predicted 0", classA, na, new Color(70, 110, 220, 60));
      addRegion(chart, "predicted 1", classB, nb, new Color(230, 120, 40, 60));
      int n0 = 0;
      for (double l : data.label()) {
        n0 += l < 0.5 ? 1 : 0;
      }
      double[][] points0 = new double[2][n0];
      double[][] points1 = new double[2][data.size() - n0];
      int i0 = 0;
      int i1 = 0;
      for (int i = 0; i < data.size(); i++) {
        if (data.label()[i] < 0.5) {
          points0[0][i0] = data.x0()[i];
          points0[1][i0++] = data.x1()[i];
        } else {
          points1[0][i1] = data.x0()[i];
          points1[1][i1++] = data.x1()[i];
        }
      }
      addRegion(chart, "class 0", points0, n0, new Color(30, 60, 180));
      addRegion(chart, "class 1", points1, data.size() - n0, new Color(200, 80, 0));
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addRegion(
        XYChart chart, String name, double[][] xy, int count, Color color) {
      if (count == 0) {
        return;
      }
      XYSeries series =
          chart.addSeries(name, Arrays.copyOf(xy[0], count), Arrays.copyOf(xy[1], count));
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(color);
    }
  }
}
