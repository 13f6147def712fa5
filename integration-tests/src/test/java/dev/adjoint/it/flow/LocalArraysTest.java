package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.LocalArraysDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LocalArrays} against Hipparchus. Oracles either keep a {@code Gradient[]} that mirrors the
 * local array or, where the array operations are the point of the test (copies, fills, clones),
 * write out the array's final contents by hand.
 */
class LocalArraysTest {

  // ---------------------------------------------------------------- points

  static Stream<Arguments> scalarAndCount() {
    return Points.draw(601, r -> new Object[] {r.nextDouble(-1.5, 1.5), r.nextInt(0, 9)});
  }

  static Stream<Arguments> scalarAndPositiveCount() {
    return Points.draw(602, r -> new Object[] {r.nextDouble(-1.5, 1.5), r.nextInt(1, 9)});
  }

  static Stream<Arguments> pairs() {
    return Points.draw(603, r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2)});
  }

  /** y away from 0: compoundElements divides by it. */
  static Stream<Arguments> pairsNonzeroY() {
    return Points.draw(
        604,
        r -> {
          double y = r.nextDouble(0.2, 2);
          return new Object[] {r.nextDouble(-2, 2), r.nextBoolean() ? y : -y};
        });
  }

  static Stream<Arguments> pairsAndShape() {
    return Points.draw(
        605,
        r ->
            new Object[] {
              r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextInt(0, 5), r.nextInt(0, 5)
            });
  }

  static Stream<Arguments> pairsAndSize() {
    return Points.draw(
        606, r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-1.5, 1.5), r.nextInt(1, 6)});
  }

  static Stream<Arguments> pairsAndCount() {
    return Points.draw(
        607, r -> new Object[] {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextInt(0, 12)});
  }

  static Stream<Arguments> vectorAndMatrix() {
    return Points.draw(
        608,
        r ->
            new Object[] {
              Points.uniform(r, r.nextInt(1, 5), -2, 2),
              FlowDomains.jagged(r, r.nextInt(0, 4), 4, -2, 2)
            });
  }

  static Stream<Arguments> vectorAndSweeps() {
    return Points.draw(
        609, r -> new Object[] {Points.uniform(r, r.nextInt(1, 7), -1, 1), r.nextInt(0, 5)});
  }

  static Stream<Arguments> vectorAndScalar() {
    return Points.draw(
        610, r -> new Object[] {Points.uniform(r, r.nextInt(0, 7), -2, 2), r.nextDouble(-2, 2)});
  }

  static Stream<Arguments> nonemptyVectorAndScalar() {
    return Points.draw(
        611, r -> new Object[] {Points.uniform(r, r.nextInt(1, 7), -2, 2), r.nextDouble(-2, 2)});
  }

  static Stream<Arguments> nonemptyVectors() {
    return Points.draw(612, r -> new Object[] {Points.uniform(r, r.nextInt(1, 7), -2, 2)});
  }

  static Stream<Arguments> matrixAndRow() {
    return Points.draw(
        613,
        r -> {
          double[][] m = Points.uniform(r, r.nextInt(1, 4), r.nextInt(1, 4), -1, 1);
          return new Object[] {m, r.nextInt(m.length)};
        });
  }

  static Stream<Arguments> matrixAndVector() {
    return Points.draw(
        614,
        r ->
            new Object[] {
              Points.uniform(r, r.nextInt(1, 5), r.nextInt(1, 4), -2, 2),
              Points.uniform(r, r.nextInt(1, 4), -2, 2)
            });
  }

  // ---------------------------------------------------------------- tests

  @ParameterizedTest
  @MethodSource("scalarAndCount")
  void newVector(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = gx.pow(i).divide(i + 1);
    }
    Gradient s = gx.getField().getZero();
    for (int i = 0; i < n; i++) {
      s = s.add(v[i].multiply(v[n - 1 - i]));
    }
    var expect = Expect.oracle(s, LocalArrays.newVector(x, n));
    var g = newVectorGradient(x, n);
    expect.gradient(g.value(), g.x()).pullback(pb -> newVectorPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void partlyWritten(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    // v = {0, x y, 0, sin x, 0}; s = (((0 * 2 + x y) * 2 + 0) * 2 + sin x) * 2 + 0, plus v[0] x =
    // 0.
    Gradient oracle = gx.multiply(gy).multiply(8).add(gx.sin().multiply(2));
    var expect = Expect.oracle(oracle, LocalArrays.partlyWritten(x, y));
    var g = partlyWrittenGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> partlyWrittenPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndShape")
  void newMatrix(double x, double y, int rows, int cols) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient s = v.constant(0);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        Gradient here = gx.multiply(i).add(gy.multiply(j)).add(gx.multiply(gy));
        Gradient mirror = gx.multiply(rows - 1 - i).add(gy.multiply(j)).add(gx.multiply(gy));
        s = s.add(here.multiply(mirror));
      }
    }
    var expect = Expect.oracle(s, LocalArrays.newMatrix(x, y, rows, cols));
    var g = newMatrixGradient(x, y, rows, cols);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> newMatrixPullback(x, y, rows, cols, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndSize")
  void matrixRecurrence(double x, double y, int n) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient[][] g = new Gradient[n][n];
    for (int j = 0; j < n; j++) {
      g[0][j] = gx.add(j);
    }
    for (int i = 1; i < n; i++) {
      g[i][0] = gy.multiply(g[i - 1][0]);
      for (int j = 1; j < n; j++) {
        g[i][j] = g[i - 1][j].add(g[i][j - 1]).multiply(0.5);
      }
    }
    var expect = Expect.oracle(g[n - 1][n - 1], LocalArrays.matrixRecurrence(x, y, n));
    var grad = matrixRecurrenceGradient(x, y, n);
    expect
        .gradient(grad.value(), grad.x(), grad.y())
        .pullback(pb -> matrixRecurrencePullback(x, y, n, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void initializer(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle =
        gx.multiply(gy.multiply(2))
            .add(gx.multiply(gy).square())
            .subtract(gx.negate().exp().multiply(4));
    var expect = Expect.oracle(oracle, LocalArrays.initializer(x, y));
    var g = initializerGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> initializerPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("nonemptyVectorAndScalar")
  void initializerFromParameter(double[] a, double x) {
    var vars = new Vars(a.length + 1);
    Gradient[] ga = vars.var(a);
    Gradient gx = vars.var(x);
    Gradient[] v = {ga[0], gx, ga[a.length - 1].multiply(gx), vars.constant(a.length)};
    Gradient s = vars.constant(0);
    for (int i = 0; i < 4; i++) {
      s = s.add(v[i].multiply(v[(i + 1) % 4]));
    }
    var expect = Expect.oracle(s, LocalArrays.initializerFromParameter(a, x), a);
    var g = initializerFromParameterGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> initializerFromParameterPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void initializerOverwritten(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient[] w = {gx, gy, gx.multiply(gy)};
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 3; i++) {
        w[i] = w[i].multiply(w[(i + 1) % 3]).add(0.1);
      }
    }
    Gradient oracle = w[0].add(w[1]).subtract(w[2]);
    var expect = Expect.oracle(oracle, LocalArrays.initializerOverwritten(x, y));
    var g = initializerOverwrittenGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> initializerOverwrittenPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /**
   * The matrix may be empty (no rows); the vector is not, so the final division is by at least 1.
   */
  @ParameterizedTest
  @MethodSource("vectorAndMatrix")
  void lengths(double[] a, double[][] m) {
    var v = new Vars(a.length + FlowDomains.size(m));
    Gradient[] ga = v.var(a);
    Gradient[][] gm = v.var(m);
    int total = a.length + m.length;
    Gradient[] w = new Gradient[total];
    for (int i = 0; i < a.length; i++) {
      w[i] = ga[i].multiply(a.length);
    }
    for (int i = 0; i < m.length; i++) {
      w[a.length + i] = gm[i][m[i].length - 1].add(m[i].length);
    }
    Gradient s = v.constant(0);
    for (int i = 0; i < total; i++) {
      s = s.add(w[i].multiply(i + 1));
    }
    Gradient oracle = s.divide(total);
    var expect = Expect.oracle(oracle, LocalArrays.lengths(a, m), a, m);
    var g = lengthsGradient(a, m);
    expect
        .gradient(g.value(), g.a(), g.m())
        .pullback(pb -> lengthsPullback(a, m, pb.seed(), pb.vec(0), pb.mat(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndSweeps")
  void overwriteElements(double[] a, int sweeps) {
    Gradient[] v = new Vars(a.length).var(a);
    for (int s = 0; s < sweeps; s++) {
      for (int i = 1; i < v.length; i++) {
        v[i] = v[i].multiply(0.5).add(v[i - 1]);
      }
      v[0] = v[v.length - 1].sin();
    }
    Gradient out = v[0].getField().getZero();
    for (Gradient e : v) {
      out = out.add(e.square());
    }
    var expect = Expect.oracle(out, LocalArrays.overwriteElements(a, sweeps), a);
    var g = overwriteElementsGradient(a, sweeps);
    expect
        .gradient(g.value(), g.a())
        .pullback(pb -> overwriteElementsPullback(a, sweeps, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("pairsNonzeroY")
  void compoundElements(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient v0 = gx.multiply(gy);
    Gradient v1 = gx.add(1).divide(gy);
    Gradient v2 = gy.subtract(1).subtract(v0);
    Gradient oracle = v0.multiply(v1).multiply(v2);
    var expect = Expect.oracle(oracle, LocalArrays.compoundElements(x, y));
    var g = compoundElementsGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> compoundElementsPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsAndCount")
  void swapElements(double x, double y, int n) {
    var v = new Vars(2);
    Gradient a = v.var(x);
    Gradient b = v.var(y);
    for (int i = 0; i < n; i++) {
      Gradient t = a;
      a = b;
      b = t.multiply(a).add(0.25);
    }
    Gradient oracle = a.subtract(b.multiply(0.5));
    var expect = Expect.oracle(oracle, LocalArrays.swapElements(x, y, n));
    var g = swapElementsGradient(x, y, n);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> swapElementsPullback(x, y, n, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndScalar")
  void arraycopyFromParameter(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient[] b = new Gradient[a.length + 2];
    b[0] = gx;
    System.arraycopy(ga, 0, b, 1, a.length);
    b[b.length - 1] = gx.square();
    Gradient s = v.constant(0);
    for (int i = 1; i < b.length; i++) {
      s = s.add(b[i].multiply(b[i - 1]));
    }
    var expect = Expect.oracle(s, LocalArrays.arraycopyFromParameter(a, x), a);
    var g = arraycopyFromParameterGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> arraycopyFromParameterPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** After the shift, b = {cos x, a[0] x, ..., a[n-2] x}: the last element of a is lost. */
  @ParameterizedTest
  @MethodSource("nonemptyVectorAndScalar")
  void arraycopyOverlapping(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient s = gx.cos().square();
    for (int i = 1; i < a.length; i++) {
      s = s.add(ga[i - 1].multiply(gx).square().multiply(i + 1));
    }
    var expect = Expect.oracle(s, LocalArrays.arraycopyOverlapping(a, x), a);
    var g = arraycopyOverlappingGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> arraycopyOverlappingPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void arraycopyBetweenLocals(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    // dst = {y, x y, x - y}; afterwards src = {x, 100 x, 0, x - y}.
    Gradient oracle =
        gy.multiply(gx.multiply(gy)).add(gx.subtract(gy)).add(gx.multiply(100).multiply(gx));
    var expect = Expect.oracle(oracle, LocalArrays.arraycopyBetweenLocals(x, y));
    var g = arraycopyBetweenLocalsGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> arraycopyBetweenLocalsPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndPositiveCount")
  void fill(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient s = gx; // v = {x, x², ..., x²}: s starts from 0 * 0.5 + x
    for (int i = 1; i < n; i++) {
      s = s.multiply(0.5).add(gx.square());
    }
    var expect = Expect.oracle(s, LocalArrays.fill(x, n));
    var g = fillGradient(x, n);
    expect.gradient(g.value(), g.x()).pullback(pb -> fillPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void fillRange(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient sin = gx.sin();
    // v = {x, sin x, sin x, x + y, y²}
    Gradient oracle = gx.multiply(sin).add(sin.multiply(gx.add(gy))).add(gy.square());
    var expect = Expect.oracle(oracle, LocalArrays.fillRange(x, y));
    var g = fillRangeGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> fillRangePullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("nonemptyVectors")
  void cloneParameter(double[] a) {
    Gradient[] ga = new Vars(a.length).var(a);
    Gradient[] b = ga.clone();
    for (int i = 1; i < b.length; i++) {
      b[i] = b[i].add(b[i - 1].multiply(ga[i]));
    }
    b[0] = b[0].square();
    Gradient s = ga[0];
    for (Gradient e : b) {
      s = s.add(e);
    }
    var expect = Expect.oracle(s, LocalArrays.cloneParameter(a), a);
    var g = cloneParameterGradient(a);
    expect
        .gradient(g.value(), g.a())
        .pullback(pb -> cloneParameterPullback(a, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void cloneLocal(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient xy = gx.multiply(gy);
    // v = {x, y xy, xy}, w = {3x, y, xy}
    Gradient oracle = gx.multiply(gy).add(gy.multiply(xy).multiply(gx.multiply(3))).add(xy);
    var expect = Expect.oracle(oracle, LocalArrays.cloneLocal(x, y));
    var g = cloneLocalGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> cloneLocalPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("matrixAndRow")
  void copyRow(double[][] m, int r) {
    Gradient[][] gm = new Vars(FlowDomains.size(m)).var(m);
    Gradient s = gm[0][0].getField().getZero();
    for (int j = 0; j < m[r].length; j++) {
      s = s.add(gm[r][j].square().add(gm[0][j]).negate().exp());
    }
    var expect = Expect.oracle(s, LocalArrays.copyRow(m, r), (Object) m);
    var g = copyRowGradient(m, r);
    expect
        .gradient(g.value(), (Object) g.m())
        .pullback(pb -> copyRowPullback(m, r, pb.seed(), pb.mat(0)));
  }

  @ParameterizedTest
  @MethodSource("matrixAndVector")
  void matrixReadsAnywhere(double[][] m, double[] vec) {
    var v = new Vars(FlowDomains.size(m) + vec.length);
    Gradient[][] gm = v.var(m);
    Gradient[] gv = v.var(vec);
    Gradient s = v.constant(0);
    for (int i = 0; i < m.length; i++) {
      int k = vec[i % vec.length] > 0 ? m[i].length - 1 : 0;
      s = s.add(gm[i][k].multiply(gv[i % vec.length]));
      s = s.add(gm[m.length - 1 - i][0].multiply(gm[i][0]));
    }
    var expect = Expect.oracle(s, LocalArrays.matrixReadsAnywhere(m, vec), m, vec);
    var g = matrixReadsAnywhereGradient(m, vec);
    expect
        .gradient(g.value(), g.m(), g.v())
        .pullback(pb -> matrixReadsAnywherePullback(m, vec, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("nonemptyVectorAndScalar")
  void indexFromOwnArray(double[] a, double x) {
    var vars = new Vars(a.length + 1);
    Gradient[] ga = vars.var(a);
    Gradient gx = vars.var(x);
    // The index decision is replayed on plain doubles, the values on Hipparchus.
    double[] plain = new double[3];
    Gradient[] v = {vars.constant(0), vars.constant(0), vars.constant(0)};
    for (int k = 0; k < 6; k++) {
      int index = plain[0] >= x * plain[k % 3] ? k % 3 : 2;
      plain[index] = Math.cos(plain[1] + a[k % a.length] * x);
      v[index] = v[1].add(ga[k % a.length].multiply(gx)).cos();
    }
    Gradient oracle = v[0].add(v[1].multiply(v[2]));
    var expect = Expect.oracle(oracle, LocalArrays.indexFromOwnArray(a, x), a);
    var g = indexFromOwnArrayGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> indexFromOwnArrayPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }
}
