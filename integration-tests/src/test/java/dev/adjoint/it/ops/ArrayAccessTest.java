package dev.adjoint.it.ops;

import static dev.adjoint.it.ops.ArrayAccessDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Element and length reads of array parameters; gradients are arrays of the same shape. */
class ArrayAccessTest {

  static Stream<Arguments> vectors() {
    return Points.draw(51, r -> new Object[] {Points.uniform(r, 3 + r.nextInt(4), -3, 3)});
  }

  static Stream<Arguments> vectorAndIndex() {
    return Points.draw(
        52,
        r -> {
          double[] a = Points.uniform(r, 3 + r.nextInt(4), -3, 3);
          return new Object[] {a, r.nextInt(a.length)};
        });
  }

  static Stream<Arguments> vectorAndScalar() {
    return Points.draw(53, r -> new Object[] {Points.uniform(r, 3, -3, 3), r.nextDouble(-3, 3)});
  }

  static Stream<Arguments> matrices() {
    return Points.draw(54, r -> new Object[] {Points.uniform(r, 2 + r.nextInt(2), 3, -3, 3)});
  }

  /** Jagged: rows of different lengths; x away from zero (it divides). */
  static Stream<Arguments> jaggedAndScalar() {
    return Points.draw(
        55,
        r -> {
          double[][] m = new double[2 + r.nextInt(3)][];
          for (int i = 0; i < m.length; i++) {
            m[i] = Points.uniform(r, 1 + r.nextInt(4), -3, 3);
          }
          m[1] = Points.uniform(r, 2 + r.nextInt(3), -3, 3);
          return new Object[] {m, Domains.awayFromZero(r, 0.5, 3)};
        });
  }

  static Stream<Arguments> mixedArguments() {
    return Points.draw(
        56,
        r ->
            new Object[] {
              r.nextDouble(-3, 3),
              Points.uniform(r, 2, -3, 3),
              Points.uniform(r, 2, 2, -3, 3),
              r.nextInt(2)
            });
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void vectorElements(double[] a) {
    Gradient[] ga = new Vars(a.length).var(a);
    Gradient oracle = ga[0].multiply(ga[1]).add(ga[2].divide(a.length));
    var expect = Expect.oracle(oracle, ArrayAccess.vectorElements(a), a);
    var g = vectorElementsGradient(a);
    expect
        .gradient(g.value(), g.a())
        .pullback(pb -> vectorElementsPullback(a, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndIndex")
  void computedIndices(double[] a, int i) {
    Gradient[] ga = new Vars(a.length).var(a);
    int last = a.length - 1;
    Gradient oracle =
        ga[i].multiply(ga[(i + 1) % a.length]).subtract(ga[last].multiply(ga[last - i]));
    var expect = Expect.oracle(oracle, ArrayAccess.computedIndices(a, i), a);
    var g = computedIndicesGradient(a, i);
    expect
        .gradient(g.value(), g.a())
        .pullback(pb -> computedIndicesPullback(a, i, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndScalar")
  void repeatedElement(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient oracle = ga[1].multiply(ga[1]).multiply(gx).add(ga[1].sin()).add(ga[0]);
    var expect = Expect.oracle(oracle, ArrayAccess.repeatedElement(a, x), a);
    var g = repeatedElementGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> repeatedElementPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("matrices")
  void matrixElements(double[][] m) {
    Gradient[][] gm = new Vars(m.length * 3).var(m);
    Gradient oracle =
        gm[0][0]
            .multiply(gm[1][1])
            .subtract(gm[0][1].multiply(gm[1][0]))
            .add(gm[1][2].multiply(m.length));
    var expect = Expect.oracle(oracle, ArrayAccess.matrixElements(m), (Object) m);
    var g = matrixElementsGradient(m);
    expect
        .gradient(g.value(), (Object) g.m())
        .pullback(pb -> matrixElementsPullback(m, pb.seed(), pb.mat(0)));
  }

  @ParameterizedTest
  @MethodSource("jaggedAndScalar")
  void jaggedMatrix(double[][] m, double x) {
    int count = 1;
    for (double[] row : m) {
      count += row.length;
    }
    var v = new Vars(count);
    Gradient[][] gm = v.var(m);
    Gradient gx = v.var(x);
    int rows = m.length;
    Gradient lastOfLastRow = gm[rows - 1][m[rows - 1].length - 1];
    Gradient oracle =
        gm[0][0]
            .multiply(gx)
            .add(gm[1][m[1].length - 1].multiply(rows))
            .add(lastOfLastRow.divide(gx));
    var expect = Expect.oracle(oracle, ArrayAccess.jaggedMatrix(m, x), (Object) m);
    var g = jaggedMatrixGradient(m, x);
    expect
        .gradient(g.value(), g.m(), g.x())
        .pullback(pb -> jaggedMatrixPullback(m, x, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("mixedArguments")
  void mixed(double x, double[] vec, double[][] m, int k) {
    var v = new Vars(1 + vec.length + 4);
    Gradient gx = v.var(x);
    Gradient[] gv = v.var(vec);
    Gradient[][] gm = v.var(m);
    Gradient oracle =
        gm[k][0].multiply(gv[k]).add(gx.multiply(gv[0])).add(gm[1][k].multiply(gx).multiply(gx));
    var expect = Expect.oracle(oracle, ArrayAccess.mixed(x, vec, m, k), vec, m);
    var g = mixedGradient(x, vec, m, k);
    expect
        .gradient(g.value(), g.x(), g.v(), g.m())
        .pullback(pb -> mixedPullback(x, vec, m, k, pb.seed(), pb.vec(0), pb.vec(1), pb.mat(2)));
  }
}
