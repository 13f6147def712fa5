package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.optim.OptimizerKind;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.optim.TrainingCheckpoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @TempDir Path dir;

  /** Small settings: a few hundred milliseconds per run. */
  static final String[] SMALL = {"--points", "60", "--hidden", "6", "--seed", "11"};

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static String[] args(String[] base, String... more) {
    String[] all = Arrays.copyOf(base, base.length + more.length + 1);
    all[0] = "train";
    System.arraycopy(base, 0, all, 1, base.length);
    System.arraycopy(more, 0, all, base.length + 1, more.length);
    return all;
  }

  @Test
  void trainsWritesCheckpointAndPlots() throws IOException {
    Path ckpt = dir.resolve("run.ckpt");
    Path plots = dir.resolve("plots");
    Cli cli =
        Cli.run(
            args(
                SMALL,
                "--steps", "200",
                "--learning-rate", "0.02",
                "--checkpoint", ckpt.toString(),
                "--checkpoint-every", "50",
                "--plot-dir", plots.toString()));
    assertEquals(0, cli.status(), cli::toString);
    assertEquals("", cli.err(), cli::toString);
    String out = cli.out();
    assertTrue(out.contains("training a 2-6-6-1 tanh network (67 weights) on 60 spiral points"), out);
    assertTrue(out.contains("step 20/200  loss "), out);
    assertTrue(out.contains("step 200/200  loss "), out);
    assertFalse(out.contains("\r"), "no progress bar when stdout is not a console");
    assertTrue(out.contains("checkpoint: " + ckpt + " (step 200)"), out);

    TrainingCheckpoint state = TrainingCheckpoint.load(ckpt);
    assertEquals(OptimizerKind.ADAM, state.optimizer().kind());
    assertEquals(200, state.optimizer().stepCount());
    assertEquals(Mlp.parameterCount(6), state.params().length);
    assertEquals(0.02, state.optimizer().currentLearningRate());

    // training lowered the loss from the initial weights' and the printed numbers are its own
    TrainCommand.Spirals data = TrainCommand.Spirals.generate(60, 0.05, 11);
    double before =
        Mlp.loss(TrainCommand.initialWeights(6, 11), data.x0(), data.x1(), data.label(), 6);
    double after = Mlp.loss(state.params(), data.x0(), data.x1(), data.label(), 6);
    assertTrue(after < 0.9 * before, before + " -> " + after);
    assertTrue(
        out.contains(String.format(java.util.Locale.ROOT, "after 200 steps: loss %.6f", after)),
        out);

    for (String name : new String[] {TrainCommand.LOSS_PLOT, TrainCommand.BOUNDARY_PLOT}) {
      Path png = plots.resolve(name);
      assertTrue(out.contains(png.toString()), out);
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, name);
      assertEquals(TrainCommand.PLOT_WIDTH, image.getWidth(), name);
      assertEquals(TrainCommand.PLOT_HEIGHT, image.getHeight(), name);
    }
    try (var files = Files.list(plots)) {
      assertEquals(2, files.count(), "exactly the two plots");
    }
  }

  /** Interrupted after some steps and resumed: the same weights, bit for bit, as one run. */
  @Test
  void resumeIsBitIdenticalToAnUninterruptedRun() throws IOException {
    Path whole = dir.resolve("whole.ckpt");
    Path parts = dir.resolve("parts.ckpt");
    Cli one = Cli.run(args(SMALL, "--steps", "70", "--checkpoint", whole.toString(), "--no-plots"));
    assertEquals(0, one.status(), one::toString);

    Cli first =
        Cli.run(args(SMALL, "--steps", "25", "--checkpoint", parts.toString(), "--no-plots"));
    assertEquals(0, first.status(), first::toString);
    double[] midway = TrainingCheckpoint.load(parts).params().clone();
    Cli second =
        Cli.run(
            args(
                SMALL,
                "--steps", "70",
                "--checkpoint", parts.toString(),
                "--resume",
                "--plot-dir", dir.resolve("p").toString()));
    assertEquals(0, second.status(), second::toString);
    assertTrue(second.out().contains("resuming from " + parts + " at step 25"), second::toString);
    assertTrue(second.out().contains("steps 25 to 70"), second::toString);

    TrainingCheckpoint a = TrainingCheckpoint.load(whole);
    TrainingCheckpoint b = TrainingCheckpoint.load(parts);
    assertEquals(70, a.optimizer().stepCount());
    assertEquals(70, b.optimizer().stepCount());
    assertArrayEquals(a.params(), b.params());
    assertFalse(Arrays.equals(midway, b.params()), "the resumed run trained");
    assertNotNull(ImageIO.read(dir.resolve("p").resolve(TrainCommand.LOSS_PLOT).toFile()));
  }

  @Test
  void periodicCheckpointsAreWritten() throws IOException {
    Path ckpt = dir.resolve("periodic.ckpt");
    // a run whose final save fails: the periodic one at step 20 must already be on disk
    Path blocker = dir.resolve("file-not-dir");
    Files.writeString(blocker, "x");
    Cli cli =
        Cli.run(
            args(
                SMALL,
                "--steps", "30",
                "--checkpoint", ckpt.toString(),
                "--checkpoint-every", "20",
                "--plot-dir", blocker.resolve("plots").toString()));
    assertEquals(Main.EXIT_BAD_INPUT, cli.status(), cli::toString);
    assertTrue(cli.quiet(), cli::toString);
    assertTrue(cli.err().startsWith("train: error: "), cli::toString);
    assertEquals(30, TrainingCheckpoint.load(ckpt).optimizer().stepCount());
  }

  @Test
  void resumingACheckpointPastTheRequestedStepsTrainsNothing() throws IOException {
    Path ckpt = dir.resolve("done.ckpt");
    assertEquals(
        0, Cli.run(args(SMALL, "--steps", "8", "--checkpoint", ckpt.toString(), "--no-plots")).status());
    byte[] before = Files.readAllBytes(ckpt);
    Cli cli =
        Cli.run(
            args(
                SMALL,
                "--steps", "5",
                "--checkpoint", ckpt.toString(),
                "--resume",
                "--plot-dir", dir.toString()));
    assertEquals(0, cli.status(), cli::toString);
    assertTrue(cli.out().contains("nothing to train: the checkpoint is at step 8, --steps is 5"), cli::toString);
    assertArrayEquals(before, Files.readAllBytes(ckpt));
    assertNotNull(ImageIO.read(dir.resolve(TrainCommand.BOUNDARY_PLOT).toFile()));
    assertFalse(Files.exists(dir.resolve(TrainCommand.LOSS_PLOT)), "no empty loss curve");
  }

  @Test
  void progressBarOnAConsole() {
    Cli cli = Cli.run(true, args(SMALL, "--steps", "30", "--no-plots"));
    assertEquals(0, cli.status(), cli::toString);
    assertTrue(cli.out().contains("\r[##############################] 30/30  loss "), cli::toString);
    assertFalse(cli.out().contains("step 3/30"), cli::toString);
  }

  @Test
  void resumeWithoutCheckpointFileIsReported() {
    Path missing = dir.resolve("missing.ckpt");
    Cli cli = Cli.run(args(SMALL, "--checkpoint", missing.toString(), "--resume"));
    assertEquals(Main.EXIT_BAD_INPUT, cli.status(), cli::toString);
    assertEquals(
        "train: error: cannot resume: checkpoint file not found: " + missing + "\n", cli.err());
    assertEquals("", cli.out());
  }

  @Test
  void damagedOrForeignCheckpointsAreReported() throws IOException {
    Path ckpt = dir.resolve("c.ckpt");
    assertEquals(0, Cli.run(args(SMALL, "--steps", "5", "--checkpoint", ckpt.toString(), "--no-plots")).status());

    Cli wrongShape = Cli.run("train", "--hidden", "7", "--checkpoint", ckpt.toString(), "--resume");
    assertEquals(Main.EXIT_BAD_INPUT, wrongShape.status(), wrongShape::toString);
    assertTrue(
        wrongShape.err().contains(ckpt + ": holds 67 weights, a network with --hidden 7 has 85"),
        wrongShape::toString);

    byte[] bytes = Files.readAllBytes(ckpt);
    Files.write(ckpt, Arrays.copyOf(bytes, bytes.length / 2));
    Cli truncated = Cli.run(args(SMALL, "--checkpoint", ckpt.toString(), "--resume"));
    assertEquals(Main.EXIT_BAD_INPUT, truncated.status(), truncated::toString);
    assertTrue(truncated.err().startsWith("train: error: training checkpoint "), truncated::toString);
    assertTrue(truncated.err().contains("truncated"), truncated::toString);
    assertTrue(truncated.quiet(), truncated::toString);

    Path sgd = dir.resolve("sgd.ckpt");
    TrainingCheckpoint.save(sgd, Sgd.builder().build(67), new double[67]);
    Cli foreign = Cli.run(args(SMALL, "--checkpoint", sgd.toString(), "--resume"));
    assertEquals(Main.EXIT_BAD_INPUT, foreign.status(), foreign::toString);
    assertTrue(foreign.err().contains("holds a SGD optimizer"), foreign::toString);
  }

  @Test
  void badOptionsAreRejected() {
    String[][] cases = {
      {"--steps", "0", "--steps must be > 0"},
      {"--hidden", "-2", "--hidden must be > 0"},
      {"--points", "2", "--points must be >= 4"},
      {"--learning-rate", "0", "--learning-rate must be a finite number > 0"},
      {"--noise", "-0.1", "--noise must be a finite number >= 0"},
      {"--checkpoint-every", "0", "--checkpoint-every must be > 0"},
      {"--resume", null, "--resume needs --checkpoint FILE"},
    };
    for (String[] c : cases) {
      Cli cli = c[1] == null ? Cli.run("train", c[0]) : Cli.run("train", c[0], c[1]);
      assertEquals(Main.EXIT_USAGE, cli.status(), cli::toString);
      assertTrue(cli.err().startsWith("train: error: " + c[2]), cli::toString);
      assertEquals("", cli.out(), cli::toString);
    }
  }

  @Test
  void spiralsAreTwoBalancedInterleavedClasses() {
    TrainCommand.Spirals s = TrainCommand.Spirals.generate(100, 0.0, 1);
    double ones = Arrays.stream(s.label()).sum();
    assertEquals(50, ones);
    // point i of one arm is the mirror image of point i of the other
    for (int i = 0; i < 50; i++) {
      assertEquals(-s.x0()[i], s.x0()[50 + i], 1e-12);
      assertEquals(-s.x1()[i], s.x1()[50 + i], 1e-12);
    }
  }
}
