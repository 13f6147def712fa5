package dev.adjoint.it.zoo;

import static dev.adjoint.it.zoo.MachineLearningDerivatives.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Records;
import dev.adjoint.it.support.Tolerance;
import dev.adjoint.it.support.Vars;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MachineLearning} against Hipparchus. */
class MachineLearningTest {

  static Stream<Arguments> reals() {
    return Points.draw(201, r -> new Object[] {r.nextDouble(-30, 30)});
  }

  static Stream<Arguments> logistic() {
    return Points.draw(
        202,
        r ->
            new Object[] {
              Points.uniform(r, 4, -2, 2),
              r.nextDouble(-1, 1),
              Points.uniform(r, 4, -3, 3),
              (double) r.nextInt(2)
            });
  }

  static Stream<Arguments> quadruples() {
    return Points.draw(
        203,
        r ->
            new Object[] {
              r.nextDouble(-5, 5), r.nextDouble(-5, 5), r.nextDouble(-5, 5), r.nextDouble(-5, 5)
            });
  }

  static Stream<Arguments> logitsAndLabel() {
    return Points.draw(204, r -> new Object[] {Points.uniform(r, 3, -4, 4), r.nextInt(3)});
  }

  static Stream<Arguments> networks() {
    return Points.draw(
        205,
        r ->
            new Object[] {
              Points.uniform(r, 3, 2, -1, 1),
              Points.uniform(r, 3, -0.5, 0.5),
              Points.uniform(r, 3, -1, 1),
              r.nextDouble(-0.5, 0.5),
              Points.uniform(r, 2, -2, 2),
              r.nextDouble(-1, 1)
            });
  }

  /** |prediction - target| never within 1e-6 of delta: no point on the kink. */
  static Stream<Arguments> huber() {
    return Points.draw(
        206,
        r -> {
          while (true) {
            double p = r.nextDouble(-3, 3);
            double t = r.nextDouble(-3, 3);
            double delta = r.nextDouble(0.2, 2);
            if (Math.abs(Math.abs(p - t) - delta) > 1e-6) {
              return new Object[] {p, t, delta};
            }
          }
        });
  }

  static Stream<Arguments> smoothMax() {
    return Points.draw(
        207, r -> new Object[] {r.nextDouble(-3, 3), r.nextDouble(-3, 3), r.nextDouble(0.5, 10)});
  }

  static Stream<Arguments> vectorPairs() {
    return Points.draw(
        208, r -> new Object[] {Points.uniform(r, 3, -2, 2), Points.uniform(r, 3, -2, 2)});
  }

  @ParameterizedTest
  @MethodSource("reals")
  void softplus(double x) {
    var expect = Expect.oracle(softplus(Vars.single(x)), MachineLearning.softplus(x));
    var g = softplusGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> softplusPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("logistic")
  void logisticLoss(double[] w, double bias, double[] x, double label) {
    var v = new Vars(w.length + 1);
    Gradient oracle = logisticLoss(v.var(w), v.var(bias), x, label);
    var expect = Expect.oracle(oracle, MachineLearning.logisticLoss(w, bias, x, label), w, x);
    var g = logisticLossGradient(w, bias, x, label);
    expect
        .gradient(g.value(), g.w(), g.bias())
        .pullback(pb -> logisticLossPullback(w, bias, x, label, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /**
   * The minibatch use of fPullback: one pair of accumulators, one call per sample with seed 1/n,
   * gives the gradient of the mean loss.
   */
  @Test
  void pullbackAccumulatesMinibatchMean() {
    SplittableRandom random = new SplittableRandom(209);
    double[] w = Points.uniform(random, 4, -2, 2);
    double bias = random.nextDouble(-1, 1);
    var v = new Vars(5);
    Gradient[] gw = v.var(w);
    Gradient gb = v.var(bias);
    Gradient meanLoss = v.constant(0);
    double[] dw = new double[4];
    double[] dBias = new double[1];
    double returnedSum = 0;
    int batch = 32;
    for (int i = 0; i < batch; i++) {
      double[] x = Points.uniform(random, 4, -3, 3);
      double label = random.nextInt(2);
      meanLoss = meanLoss.add(logisticLoss(gw, gb, x, label).divide(batch));
      returnedSum += logisticLossPullback(w, bias, x, label, 1.0 / batch, dw, dBias);
    }
    Tolerance.assertClose(meanLoss.getValue(), returnedSum / batch, Tolerance.TIGHT, "mean loss");
    double[] expected = meanLoss.getGradient();
    for (int j = 0; j < 4; j++) {
      Tolerance.assertClose(expected[j], dw[j], Tolerance.TIGHT, "mean ∂loss/∂w[" + j + "]");
    }
    Tolerance.assertClose(expected[4], dBias[0], Tolerance.TIGHT, "mean ∂loss/∂bias");
  }

  @Test
  void constantDataHaveNoRecordComponent() {
    assertEquals(List.of("value", "w", "bias"), Records.componentNames(LogisticLossGradient.class));
    assertEquals(
        List.of("value", "w1", "b1", "w2", "b2"),
        Records.componentNames(TinyNetLossGradient.class));
    assertEquals(
        List.of("value", "logits"), Records.componentNames(SoftmaxCrossEntropyGradient.class));
  }

  @ParameterizedTest
  @MethodSource("quadruples")
  void logSumExp(double a, double b, double c, double d) {
    var v = new Vars(4);
    Gradient[] terms = {v.var(a), v.var(b), v.var(c), v.var(d)};
    var expect = Expect.oracle(logSumExp(terms), MachineLearning.logSumExp(a, b, c, d));
    var g = logSumExpGradient(a, b, c, d);
    expect
        .gradient(g.value(), g.a(), g.b(), g.c(), g.d())
        .pullback(
            pb ->
                logSumExpPullback(
                    a, b, c, d, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2), pb.vec(3)));
  }

  @ParameterizedTest
  @MethodSource("logitsAndLabel")
  void softmaxCrossEntropy(double[] logits, int label) {
    Gradient[] z = new Vars(3).var(logits);
    Gradient oracle = logSumExp(z).subtract(z[label]);
    var expect = Expect.oracle(oracle, MachineLearning.softmaxCrossEntropy(logits, label), logits);
    var g = softmaxCrossEntropyGradient(logits, label);
    expect
        .gradient(g.value(), g.logits())
        .pullback(pb -> softmaxCrossEntropyPullback(logits, label, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("networks")
  void tinyNetLoss(double[][] w1, double[] b1, double[] w2, double b2, double[] x, double target) {
    var v = new Vars(6 + 3 + 3 + 1);
    Gradient[][] gw1 = v.var(w1);
    Gradient[] gb1 = v.var(b1);
    Gradient[] gw2 = v.var(w2);
    Gradient out = v.var(b2);
    for (int j = 0; j < 3; j++) {
      Gradient hidden = gw1[j][0].multiply(x[0]).add(gw1[j][1].multiply(x[1])).add(gb1[j]).tanh();
      out = out.add(gw2[j].multiply(hidden));
    }
    Gradient oracle = out.subtract(target).square().multiply(0.5);
    var expect =
        Expect.oracle(
            oracle, MachineLearning.tinyNetLoss(w1, b1, w2, b2, x, target), w1, b1, w2, x);
    var g = tinyNetLossGradient(w1, b1, w2, b2, x, target);
    expect
        .gradient(g.value(), g.w1(), g.b1(), g.w2(), g.b2())
        .pullback(
            pb ->
                tinyNetLossPullback(
                    w1, b1, w2, b2, x, target, pb.seed(), pb.mat(0), pb.vec(1), pb.vec(2),
                    pb.vec(3)));
  }

  @ParameterizedTest
  @MethodSource("huber")
  void huberLoss(double prediction, double target, double delta) {
    var v = new Vars(3);
    Gradient r = v.var(prediction).subtract(v.var(target));
    Gradient d = v.var(delta);
    Gradient oracle =
        FastMath.abs(r.getValue()) <= delta
            ? r.square().multiply(0.5)
            : d.multiply(r.abs().subtract(d.multiply(0.5)));
    var expect = Expect.oracle(oracle, MachineLearning.huberLoss(prediction, target, delta));
    var g = huberLossGradient(prediction, target, delta);
    expect
        .gradient(g.value(), g.prediction(), g.target(), g.delta())
        .pullback(
            pb ->
                huberLossPullback(
                    prediction, target, delta, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("smoothMax")
  void smoothMax(double x, double y, double k) {
    var v = new Vars(3);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient gk = v.var(k);
    Gradient m = FastMath.max(gx, gy);
    Gradient oracle =
        m.add(
            gk.multiply(gx.subtract(m))
                .exp()
                .add(gk.multiply(gy.subtract(m)).exp())
                .log()
                .divide(gk));
    var expect = Expect.oracle(oracle, MachineLearning.smoothMax(x, y, k));
    var g = smoothMaxGradient(x, y, k);
    expect
        .gradient(g.value(), g.x(), g.y(), g.k())
        .pullback(pb -> smoothMaxPullback(x, y, k, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("vectorPairs")
  void cosineSimilarity(double[] a, double[] b) {
    var v = new Vars(6);
    Gradient[] ga = v.var(a);
    Gradient[] gb = v.var(b);
    Gradient dot = ga[0].linearCombination(ga, gb);
    Gradient norms =
        ga[0].linearCombination(ga, ga).sqrt().multiply(ga[0].linearCombination(gb, gb).sqrt());
    var expect = Expect.oracle(dot.divide(norms), MachineLearning.cosineSimilarity(a, b), a, b);
    var g = cosineSimilarityGradient(a, b);
    expect
        .gradient(g.value(), g.a(), g.b())
        .pullback(pb -> cosineSimilarityPullback(a, b, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** Binary cross-entropy of a logistic model, data x and label constant. */
  private static Gradient logisticLoss(Gradient[] w, Gradient bias, double[] x, double label) {
    Gradient z = bias;
    for (int i = 0; i < 4; i++) {
      z = z.add(w[i].multiply(x[i]));
    }
    return softplus(z).subtract(z.multiply(label));
  }

  /** log(1 + e^x), stable on both sides. */
  private static Gradient softplus(Gradient x) {
    return x.getValue() > 0 ? x.add(x.negate().exp().log1p()) : x.exp().log1p();
  }

  private static Gradient logSumExp(Gradient... terms) {
    Gradient max = terms[0];
    for (Gradient t : terms) {
      max = FastMath.max(max, t);
    }
    Gradient sum = max.getField().getZero();
    for (Gradient t : terms) {
      sum = sum.add(t.subtract(max).exp());
    }
    return max.add(sum.log());
  }
}
