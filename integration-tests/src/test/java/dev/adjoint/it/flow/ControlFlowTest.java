package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.ControlFlowDerivatives.*;
import static dev.adjoint.it.flow.FlowDomains.apart;
import static dev.adjoint.it.flow.FlowDomains.drawWhere;

import dev.adjoint.it.flow.ControlFlow.Shape;
import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ControlFlow} against Hipparchus. Each oracle spells the branch structure out as plain case
 * analysis (no fall-through, no switch): it checks the processor's reading of the Java semantics,
 * not just its chain rule.
 */
class ControlFlowTest {

  // ---------------------------------------------------------------- points

  /** Pairs in [-3, 3)², x and y apart, both away from 0 and from ±1 (the branch boundaries). */
  static Stream<Arguments> pairs() {
    return drawWhere(
        401,
        r -> new Object[] {r.nextDouble(-3, 3), r.nextDouble(-3, 3)},
        p -> {
          double x = (double) p[0];
          double y = (double) p[1];
          return apart(x, y)
              && apart(x, 0)
              && apart(y, 0)
              && apart(Math.abs(x), 1)
              && apart(Math.abs(y), 1);
        });
  }

  /** Pairs for nestedIfs: also x - y away from 2, and x*x + y*y away from 4. */
  static Stream<Arguments> nestedPairs() {
    return drawWhere(
        402,
        r -> new Object[] {r.nextDouble(-3, 3), r.nextDouble(-3, 3)},
        p -> {
          double x = (double) p[0];
          double y = (double) p[1];
          return apart(x, y)
              && apart(x, 0)
              && apart(y, 0)
              && apart(y, -1)
              && apart(x - y, 2)
              && apart(x * x + y * y, 4);
        });
  }

  static Stream<Arguments> pairsAndFlag() {
    return Points.draw(
        403, r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextBoolean()});
  }

  /** x > 0 half the time (booleanReassigned takes log x only for x > 1). */
  static Stream<Arguments> positivePairs() {
    return drawWhere(
        404,
        r -> new Object[] {r.nextDouble(0.05, 3), r.nextDouble(0.05, 3)},
        p -> apart((double) p[0], (double) p[1]) && apart((double) p[0], 1));
  }

  static Stream<Arguments> reals() {
    return drawWhere(
        405, r -> new Object[] {r.nextDouble(-4, 4)}, p -> apart(Math.abs((double) p[0]), 1));
  }

  /** Cases -1 (default) to 6 (default again) cover every label of the int switches. */
  static Stream<Arguments> pairsAndCase() {
    return drawWhere(
        406,
        r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextInt(-2, 7)},
        p -> apart((double) p[0], 0) && apart((double) p[1], 0));
  }

  static Stream<Arguments> pairsAndOperator() {
    char[] ops = {'+', '-', '*', '/', '^'};
    return drawWhere(
        407,
        r -> new Object[] {r.nextDouble(-3, 3), r.nextDouble(-3, 3), ops[r.nextInt(ops.length)]},
        p -> apart((double) p[1], 0));
  }

  /** x > 0 for pow; "other" takes the default case. */
  static Stream<Arguments> pairsAndName() {
    String[] names = {"scale", "mul", "pow", "other"};
    return Points.draw(
        408,
        r ->
            new Object[] {
              r.nextDouble(0.1, 3), r.nextDouble(-2, 2), names[r.nextInt(names.length)]
            });
  }

  static Stream<Arguments> shapes() {
    Shape[] shapes = Shape.values();
    return Points.draw(
        409,
        r ->
            new Object[] {
              r.nextDouble(0.1, 5), r.nextDouble(-2, 2), shapes[r.nextInt(shapes.length)]
            });
  }

  /** Arrays of length 1 to 8 and a threshold; elements apart from the threshold. */
  static Stream<Arguments> vectorAndThreshold() {
    return drawWhere(
        410,
        r -> new Object[] {Points.uniform(r, 1 + r.nextInt(8), -2, 2), r.nextDouble(-1, 1)},
        p -> {
          for (double a : (double[]) p[0]) {
            if (!apart(a, (double) p[1])) {
              return false;
            }
          }
          return true;
        });
  }

  /** Thresholds in (0.1, 1): the three sides of nestedTernaryInLoop are all taken. */
  static Stream<Arguments> vectorAndPositiveThreshold() {
    return drawWhere(
        415,
        r -> new Object[] {Points.uniform(r, 1 + r.nextInt(8), -1, 3), r.nextDouble(0.1, 1)},
        p -> {
          double t = (double) p[1];
          for (double a : (double[]) p[0]) {
            if (!apart(a, t) || !apart(a, 2 * t + 1)) {
              return false;
            }
          }
          return true;
        });
  }

  /** A limit that the running sum of squares sometimes exceeds. */
  static Stream<Arguments> vectorAndLimit() {
    return Points.draw(
        411, r -> new Object[] {Points.uniform(r, 1 + r.nextInt(8), -2, 2), r.nextDouble(0, 12)});
  }

  static Stream<Arguments> jaggedAndScalar() {
    return Points.draw(
        412,
        r -> new Object[] {FlowDomains.jagged(r, 1 + r.nextInt(4), 4, -1, 2), r.nextDouble(-1, 2)});
  }

  static Stream<Arguments> pairsAndCount() {
    return Points.draw(
        413, r -> new Object[] {r.nextDouble(0.2, 2), r.nextDouble(0.2, 2), r.nextInt(0, 12)});
  }

  static Stream<Arguments> vectors() {
    return Points.draw(414, r -> new Object[] {Points.uniform(r, 1 + r.nextInt(8), -3, 3)});
  }

  // ---------------------------------------------------------------- tests

  @ParameterizedTest
  @MethodSource("pairs")
  void ifElse(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r = x > y ? gx.multiply(gx).subtract(gy) : gx.sin().multiply(gy);
    Gradient oracle = r.add(gx.multiply(gy));
    var expect = Expect.oracle(oracle, ControlFlow.ifElse(x, y));
    var g = ifElseGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> ifElsePullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void ifWithoutElse(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r = gx.multiply(gy);
    if (x < 0) {
      r = gx.negate().multiply(gx.exp()).add(r);
    }
    if (y > 1) {
      r = r.multiply(gy);
    }
    var expect = Expect.oracle(r, ControlFlow.ifWithoutElse(x, y));
    var g = ifWithoutElseGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> ifWithoutElsePullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void elseIfChain(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r;
    if (x < -1) {
      r = gx.multiply(gy);
    } else if (x < 0) {
      r = gx.exp().subtract(gy.square());
    } else if (x < 1) {
      r = gx.multiply(gy).sin().square();
    } else {
      r = gx.log().add(gy);
    }
    Gradient oracle = r.multiply(2).add(gx);
    var expect = Expect.oracle(oracle, ControlFlow.elseIfChain(x, y));
    var g = elseIfChainGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> elseIfChainPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("nestedPairs")
  void nestedIfs(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient sum = gx.add(gy);
    Gradient r;
    if (x > 0 && y > 0) {
      r = gx.multiply(gy);
    } else if (x > 0 && x - y > 2) {
      r = gx.subtract(gy).sqrt().multiply(sum);
    } else if (x > 0) {
      r = gx.subtract(gy).square().multiply(gy);
    } else if (y > x) {
      r = gx.cos().add(sum.multiply(gy));
    } else {
      r = sum;
    }
    Gradient oracle = r.multiply(gx);
    var expect = Expect.oracle(oracle, ControlFlow.nestedIfs(x, y));
    var g = nestedIfsGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> nestedIfsPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("nestedPairs")
  void conditionOnIntermediate(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient s = gx.square().add(gy.square());
    Gradient out = x * x + y * y > 4 ? s.sqrt() : s.subtract(4).divide(4).add(2);
    Gradient oracle = out.multiply(gy);
    var expect = Expect.oracle(oracle, ControlFlow.conditionOnIntermediate(x, y));
    var g = conditionOnIntermediateGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> conditionOnIntermediatePullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndFlag")
  void booleanParameter(double x, double y, boolean flip) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle = flip ? gy.multiply(gx).multiply(gx) : gx.multiply(gy.exp());
    var expect = Expect.oracle(oracle, ControlFlow.booleanParameter(x, y, flip));
    var g = booleanParameterGradient(x, y, flip);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> booleanParameterPullback(x, y, flip, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void booleanLocals(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    boolean positive = x > 0;
    boolean big = Math.abs(y) > 1;
    Gradient r;
    if (positive && big) {
      r = gx.multiply(gy);
    } else if (positive || big) {
      r = gx.sin().multiply(gy);
    } else {
      r = gx.add(gy);
    }
    // !positive ^ big: true when exactly one of "x <= 0" and "|y| > 1" holds.
    if ((x <= 0) != big) {
      r = r.add(gx);
    }
    var expect = Expect.oracle(r, ControlFlow.booleanLocals(x, y));
    var g = booleanLocalsGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> booleanLocalsPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("positivePairs")
  void booleanReassigned(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r = y > x ? gx.multiply(gy) : gx;
    if (!(y > x) && x > 1) {
      r = r.add(gx.log());
    }
    var expect = Expect.oracle(r, ControlFlow.booleanReassigned(x, y));
    var g = booleanReassignedGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> booleanReassignedPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("reals")
  void earlyReturn(double x) {
    Gradient gx = Vars.single(x);
    Gradient oracle;
    if (x < -1) {
      oracle = gx.square();
    } else if (x > 1) {
      oracle = gx.log().add(1);
    } else {
      oracle = gx.multiply(3).multiply(gx).subtract(gx);
    }
    var expect = Expect.oracle(oracle, ControlFlow.earlyReturn(x));
    var g = earlyReturnGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> earlyReturnPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void earlyReturnNested(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient a = gx.multiply(gy);
    Gradient b = a.add(gx);
    Gradient oracle;
    if (x > 0 && y > 0 && x > y) {
      oracle = b.square();
    } else if (x > 0 && y > 0) {
      Gradient a2 = b.multiply(gy).subtract(gx);
      oracle = a2.add(a2.sin());
    } else if (x > 0) {
      Gradient a2 = b.subtract(gx);
      oracle = a2.add(a2.sin());
    } else if (y < -1) {
      oracle = gx.exp().multiply(gy);
    } else {
      oracle = a.add(a.sin());
    }
    var expect = Expect.oracle(oracle, ControlFlow.earlyReturnNested(x, y));
    var g = earlyReturnNestedGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> earlyReturnNestedPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndCase")
  void switchClassicInt(double x, double y, int k) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r;
    if (k == 0) {
      r = gx.multiply(2).add(gy.sin()); // case 0 falls into case 1
    } else if (k == 1) {
      r = gx.add(gy.sin());
    } else if (k == 2 || k == 3) {
      r = gx.multiply(gy);
    } else if (k == 4) {
      r = gx.subtract(gy).square().subtract(gy); // case 4 falls into default
    } else {
      r = gx.subtract(gy);
    }
    Gradient oracle = r.multiply(gx);
    var expect = Expect.oracle(oracle, ControlFlow.switchClassicInt(x, y, k));
    var g = switchClassicIntGradient(x, y, k);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> switchClassicIntPullback(x, y, k, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndCase")
  void switchArrowInt(double x, double y, int k) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r;
    if (k == 0) {
      r = gx.add(gy);
    } else if (k == 1 || k == 2) {
      Gradient t = gx.multiply(gy);
      r = t.add(t.square().negate().exp());
    } else if (k == 3) {
      r = gy.atan2(gx);
    } else {
      r = gx.square();
    }
    Gradient oracle = r.subtract(gx);
    var expect = Expect.oracle(oracle, ControlFlow.switchArrowInt(x, y, k));
    var g = switchArrowIntGradient(x, y, k);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> switchArrowIntPullback(x, y, k, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndCase")
  void switchExpressionInt(double x, double y, int k) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient a;
    if (k == 0) {
      a = gx;
    } else if (k == 1 || k == 2) {
      a = gx.multiply(gy);
    } else {
      a = gx.exp().subtract(gy);
    }
    // k % 2 is -1 for odd negative k: only even k take "case 0".
    Gradient b = k % 2 == 0 ? a.square() : a.add(gy);
    Gradient oracle = a.add(b);
    var expect = Expect.oracle(oracle, ControlFlow.switchExpressionInt(x, y, k));
    var g = switchExpressionIntGradient(x, y, k);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> switchExpressionIntPullback(x, y, k, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndOperator")
  void switchChar(double x, double y, char op) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r;
    if (op == '+') {
      r = gx.add(gy);
    } else if (op == '-') {
      r = gx.subtract(gy);
    } else if (op == '*') {
      r = gx.multiply(gy);
    } else if (op == '/') {
      r = gx.divide(gy);
    } else {
      r = gx.hypot(gy);
    }
    Gradient oracle = op == '+' || op == '-' ? r.square() : r;
    var expect = Expect.oracle(oracle, ControlFlow.switchChar(x, y, op));
    var g = switchCharGradient(x, y, op);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> switchCharPullback(x, y, op, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndName")
  void switchString(double x, double y, String name) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle;
    if (name.equals("scale")) {
      oracle = gx.multiply(gy).multiply(3).multiply(gy); // "scale" falls into "mul", then * y
    } else if (name.equals("mul")) {
      oracle = gx.multiply(gy).add(gx);
    } else if (name.equals("pow")) {
      oracle = gx.pow(gy).add(gx);
    } else {
      oracle = gx.subtract(gy).multiply(gy);
    }
    var expect = Expect.oracle(oracle, ControlFlow.switchString(x, y, name));
    var g = switchStringGradient(x, y, name);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> switchStringPullback(x, y, name, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void switchEnumExpression(double size, double scale, Shape shape) {
    var v = new Vars(2);
    Gradient s = v.var(size);
    Gradient c = v.var(scale);
    Gradient area =
        switch (shape) {
          case SQUARE -> s.square();
          case CIRCLE -> s.square().multiply(Math.PI);
          case TRIANGLE -> s.square().multiply(Math.sqrt(3) / 4);
          case HEXAGON -> s.divide(2).square().multiply(3 * Math.sqrt(3) / 2);
        };
    Gradient oracle = area.multiply(c);
    var expect = Expect.oracle(oracle, ControlFlow.switchEnumExpression(size, scale, shape));
    var g = switchEnumExpressionGradient(size, scale, shape);
    expect
        .gradient(g.value(), g.size(), g.scale())
        .pullback(
            pb ->
                switchEnumExpressionPullback(size, scale, shape, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void switchEnumStatement(double size, double scale, Shape shape) {
    var v = new Vars(2);
    Gradient s = v.var(size);
    Gradient c = v.var(scale);
    Gradient r;
    if (shape == Shape.SQUARE) {
      r = s.multiply(4);
    } else if (shape == Shape.CIRCLE) {
      r = s.multiply(2 * Math.PI);
    } else {
      r = c.exp().multiply(s);
    }
    Gradient oracle = r.multiply(c);
    var expect = Expect.oracle(oracle, ControlFlow.switchEnumStatement(size, scale, shape));
    var g = switchEnumStatementGradient(size, scale, shape);
    expect
        .gradient(g.value(), g.size(), g.scale())
        .pullback(
            pb -> switchEnumStatementPullback(size, scale, shape, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndCase")
  void switchReturn(double x, double y, int k) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle;
    if (k == 0) {
      oracle = gx.multiply(gy);
    } else if (k == 1 && x > 0) {
      oracle = gx.sqrt().multiply(gy);
    } else if (k == 2) {
      oracle = gx.add(gy).sin();
    } else {
      oracle = gx.subtract(gy.square());
    }
    var expect = Expect.oracle(oracle, ControlFlow.switchReturn(x, y, k));
    var g = switchReturnGradient(x, y, k);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> switchReturnPullback(x, y, k, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndThreshold")
  void ternaryInLoop(double[] a, double t) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gt = v.var(t);
    Gradient s = v.constant(0);
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i] > t ? ga[i].multiply(gt) : ga[i].square());
    }
    var expect = Expect.oracle(s, ControlFlow.ternaryInLoop(a, t), a);
    var g = ternaryInLoopGradient(a, t);
    expect
        .gradient(g.value(), g.a(), g.t())
        .pullback(pb -> ternaryInLoopPullback(a, t, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndThreshold")
  void ternaryIntermediatesInLoop(double[] a, double t) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gt = v.var(t);
    Gradient s = v.constant(0);
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i] > t ? ga[i].multiply(2).exp() : ga[i].sin().multiply(ga[i]).multiply(gt));
    }
    var expect = Expect.oracle(s, ControlFlow.ternaryIntermediatesInLoop(a, t), a);
    var g = ternaryIntermediatesInLoopGradient(a, t);
    expect
        .gradient(g.value(), g.a(), g.t())
        .pullback(pb -> ternaryIntermediatesInLoopPullback(a, t, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndPositiveThreshold")
  void nestedTernaryInLoop(double[] a, double t) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gt = v.var(t);
    Gradient s = v.constant(0);
    for (int i = 0; i < a.length; i++) {
      Gradient term;
      if (a[i] > 2 * t + 1) {
        term = ga[i].multiply(3).sin().exp();
      } else if (a[i] > t) {
        term = ga[i].square().multiply(gt.square()).log1p();
      } else {
        term = ga[i].square().add(1).sqrt().multiply(gt).cos();
      }
      s = s.add(term);
    }
    var expect = Expect.oracle(s, ControlFlow.nestedTernaryInLoop(a, t), a);
    var g = nestedTernaryInLoopGradient(a, t);
    expect
        .gradient(g.value(), g.a(), g.t())
        .pullback(pb -> nestedTernaryInLoopPullback(a, t, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndThreshold")
  void deepChainsInLoop(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient s = v.constant(0);
    for (int i = 0; i < a.length; i++) {
      Gradient u =
          a[i] > 0 ? ga[i].multiply(2).sin().multiply(gx).exp() : ga[i].multiply(gx).exp().log1p();
      Gradient w =
          a[i] < 0.5
              ? ga[i].multiply(3).exp().multiply(gx).multiply(gx).add(1).sqrt()
              : ga[i].multiply(gx).cos().multiply(2).atan();
      Gradient z;
      if (i % 3 == 0) {
        z = u.multiply(w);
      } else if (i % 3 == 1) {
        z = u.subtract(w.multiply(2)).tanh();
      } else {
        z = u.square().negate().exp().negate().multiply(w);
      }
      s = s.add(z);
    }
    var expect = Expect.oracle(s, ControlFlow.deepChainsInLoop(a, x), a);
    var g = deepChainsInLoopGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> deepChainsInLoopPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndLimit")
  void earlyReturnInLoop(double[] a, double limit) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gl = v.var(limit);
    Gradient s = v.constant(0);
    Gradient oracle = null;
    for (int i = 0; i < a.length && oracle == null; i++) {
      s = s.add(ga[i].square());
      if (s.getValue() > limit) {
        oracle = s.multiply(gl);
      }
    }
    if (oracle == null) {
      oracle = s.negate();
    }
    var expect = Expect.oracle(oracle, ControlFlow.earlyReturnInLoop(a, limit), a);
    var g = earlyReturnInLoopGradient(a, limit);
    expect
        .gradient(g.value(), g.a(), g.limit())
        .pullback(pb -> earlyReturnInLoopPullback(a, limit, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("jaggedAndScalar")
  void earlyReturnNestedLoops(double[][] m, double x) {
    var v = new Vars(FlowDomains.size(m) + 1);
    Gradient[][] gm = v.var(m);
    Gradient gx = v.var(x);
    Gradient acc = gx;
    Gradient oracle = null;
    search:
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        acc = acc.multiply(0.5).add(gm[i][j]);
        if (acc.getValue() > 2) {
          if (j > 0) {
            oracle = acc.multiply(gx);
            break search;
          }
          acc = acc.subtract(gx);
        }
      }
    }
    if (oracle == null) {
      oracle = acc;
    }
    var expect = Expect.oracle(oracle, ControlFlow.earlyReturnNestedLoops(m, x), (Object) m);
    var g = earlyReturnNestedLoopsGradient(m, x);
    expect
        .gradient(g.value(), g.m(), g.x())
        .pullback(pb -> earlyReturnNestedLoopsPullback(m, x, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndCount")
  void switchInLoop(double x, double y, int n) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient s = v.constant(0);
    for (int i = 0; i < n; i++) {
      if (i % 3 == 0) {
        s = s.add(gx);
      } else if (i % 3 == 1) {
        s = s.multiply(gy);
      } else if (s.getValue() > 1) {
        s = s.sqrt();
      }
    }
    var expect = Expect.oracle(s, ControlFlow.switchInLoop(x, y, n));
    var g = switchInLoopGradient(x, y, n);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> switchInLoopPullback(x, y, n, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void runningMax(double[] a) {
    Gradient[] ga = new Vars(a.length).var(a);
    int where = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[where]) {
        where = i;
      }
    }
    Gradient oracle = ga[where].multiply(where + 1).add(ga[0]);
    var expect = Expect.oracle(oracle, ControlFlow.runningMax(a), a);
    var g = runningMaxGradient(a);
    expect.gradient(g.value(), g.a()).pullback(pb -> runningMaxPullback(a, pb.seed(), pb.vec(0)));
  }
}
