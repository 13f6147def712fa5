package dev.adjoint.bench;

import dev.adjoint.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.special.Gamma;

/**
 * Workload: the ADBench Gaussian mixture model objective (Srajer, Kukelova, Fitzgibbon, "A
 * benchmark of selected algorithmic differentiation tools on some problems in computer vision and
 * machine learning", 2018; {@code gmm_objective} in ADBench's C++ reference), the log-likelihood
 * of n points in d dimensions under K Gaussian components plus a Wishart prior on the inverse
 * covariances, at the ADBench size d = 10, K = 25, n = 1,000. Active inputs are the
 * log-weights {@code alphas[K]}, the means {@code means[K][d]} and {@code icf[K][d(d+1)/2]}: per
 * component, the logs of the diagonal of the Cholesky factor Q of the inverse covariance, then its
 * strictly lower triangle column by column (ADBench's layout). K (1 + d + d(d+1)/2) = 1,650.
 *
 * <pre>
 * f = CONSTANT + sum_i logsumexp_k(alphas[k] + sum(log diag Q_k) - |Q_k (x_i - means_k)|^2 / 2)
 *     - n logsumexp(alphas)
 *     + sum_k (gamma^2 / 2 |Q_k|_F^2 - m sum(log diag Q_k)) - K C(d, gamma, m)
 * </pre>
 *
 * <p>The terms that do not depend on the active inputs ({@code CONSTANT = -n d log(2 pi) / 2}
 * and the Wishart normaliser {@code K C}, which needs log-gamma) are computed once by {@link
 * #constantTerm} and passed in; everything else is computed exactly as ADBench does, with its
 * scratch arrays ({@code Qdiags}, {@code sum_qs}, {@code xcentered}, {@code Qxcentered}, {@code
 * main_term}) as local arrays declared at the top of the method and reused inside the loops.
 *
 * <p>Three forms: the {@code @Differentiable} primal, a hand-written reverse-mode adjoint (per
 * point: forward over the K components keeping each component's centred point and {@code Q x} in
 * a small caller-owned {@link Workspace}, then the point's reverse sweep at once, so nothing is
 * stored across points), and Hipparchus forward mode (1,650-component gradients: seconds per call).
 */
public final class Gmm {
  private Gmm() {}

  /** ADBench sizes. */
  public static final int D = 10;

  public static final int K = 25;

  public static final int N = 1000;

  /** K (1 + d + d (d + 1) / 2); read by {@link Report}. */
  public static final int ACTIVE_INPUTS = K * (1 + D + D * (D + 1) / 2);

  /** pullback / primal goal for this workload (issue: loops). */
  public static final double PRIMAL_GOAL = 4.0;

  /** pullback / handAdjoint goal for this workload (issue: loops). */
  public static final double HAND_GOAL = 1.5;

  /**
   * Local arrays of {@link #objective} (and their adjoints) per call: 2 d + 2 K + 2 K d doubles
   * plus array headers, about 5 KB; allocation above this is not O(local arrays). Read by {@link
   * Report}.
   */
  public static final double ALLOCATION_GOAL_BYTES = 8.0 * (2 * D + 2 * K + 2 * K * D) * 2 + 2048;

  /** The ADBench GMM objective; see the class comment. */
  @Differentiable(wrt = {"alphas", "means", "icf"})
  public static double objective(
      double[] alphas, double[][] means, double[][] icf, double[][] x,
      double gamma, int m, double constant) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    int icfSize = d * (d + 1) / 2;
    double[][] qdiags = new double[k][d];
    double[] sumQs = new double[k];
    double[] xcentered = new double[d];
    double[] qxcentered = new double[d];
    double[] mainTerm = new double[k];

    // preprocess_qs
    for (int ik = 0; ik < k; ik++) {
      double s = 0.0;
      for (int id = 0; id < d; id++) {
        s += icf[ik][id];
        qdiags[ik][id] = Math.exp(icf[ik][id]);
      }
      sumQs[ik] = s;
    }

    double slse = 0.0;
    for (int ix = 0; ix < n; ix++) {
      for (int ik = 0; ik < k; ik++) {
        // subtract
        for (int id = 0; id < d; id++) {
          xcentered[id] = x[ix][id] - means[ik][id];
        }
        // Qtimesx: diagonal, then the strict lower triangle, column i at d + i (2d - i - 1) / 2
        for (int id = 0; id < d; id++) {
          qxcentered[id] = qdiags[ik][id] * xcentered[id];
        }
        for (int i = 0; i < d; i++) {
          int column = d + i * (2 * d - i - 1) / 2 - i - 1;
          for (int j = i + 1; j < d; j++) {
            qxcentered[j] += icf[ik][column + j] * xcentered[i];
          }
        }
        // sqnorm
        double sq = 0.0;
        for (int id = 0; id < d; id++) {
          sq += qxcentered[id] * qxcentered[id];
        }
        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
      }
      // logsumexp
      double mx = mainTerm[0];
      for (int ik = 1; ik < k; ik++) {
        if (mainTerm[ik] > mx) {
          mx = mainTerm[ik];
        }
      }
      double semx = 0.0;
      for (int ik = 0; ik < k; ik++) {
        semx += Math.exp(mainTerm[ik] - mx);
      }
      slse += Math.log(semx) + mx;
    }

    // logsumexp(alphas)
    double mxa = alphas[0];
    for (int ik = 1; ik < k; ik++) {
      if (alphas[ik] > mxa) {
        mxa = alphas[ik];
      }
    }
    double sea = 0.0;
    for (int ik = 0; ik < k; ik++) {
      sea += Math.exp(alphas[ik] - mxa);
    }
    double lseAlphas = Math.log(sea) + mxa;

    // log_wishart_prior without its constant
    double prior = 0.0;
    for (int ik = 0; ik < k; ik++) {
      double frobenius = 0.0;
      for (int id = 0; id < d; id++) {
        frobenius += qdiags[ik][id] * qdiags[ik][id];
      }
      for (int id = d; id < icfSize; id++) {
        frobenius += icf[ik][id] * icf[ik][id];
      }
      prior += 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
    }

    return constant + slse - n * lseAlphas + prior;
  }

  /**
   * The terms of ADBench's objective that do not depend on the active inputs: {@code -n d log(2
   * pi) / 2 - K C}, C being the Wishart normaliser {@code n' d (log gamma - log(2) / 2) -
   * log_gamma_distrib(n' / 2, d)} with {@code n' = d + m + 1}.
   */
  public static double constantTerm(int d, int k, int n, double gamma, int m) {
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    int np = d + m + 1;
    double logGammaDistrib = 0.25 * d * (d - 1) * Math.log(Math.PI);
    for (int j = 1; j <= d; j++) {
      logGammaDistrib += Gamma.logGamma(0.5 * np + 0.5 * (1 - j));
    }
    double c = np * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logGammaDistrib;
    return constant - k * c;
  }

  /** Caller-owned scratch space of {@link #objectiveAdjoint}, allocated once. */
  public static final class Workspace {
    final double[][] qdiags;
    final double[] sumQs;
    final double[][] qdiagsBar;
    final double[] sumQsBar;
    final double[][] xcentered;
    final double[][] qxcentered;
    final double[] mainTerm;
    final double[] qxBar;
    final double[] xcBar;

    public Workspace(int d, int k) {
      qdiags = new double[k][d];
      sumQs = new double[k];
      qdiagsBar = new double[k][d];
      sumQsBar = new double[k];
      xcentered = new double[k][d];
      qxcentered = new double[k][d];
      mainTerm = new double[k];
      qxBar = new double[d];
      xcBar = new double[d];
    }
  }

  /**
   * Hand-written reverse-mode adjoint of {@link #objective}. For each point, the forward pass over
   * the K components keeps their centred points and {@code Q x} in {@code w}; the point's
   * logsumexp gives the components' weights, and each component's reverse sweep follows at once
   * (nothing is stored across points). The adjoints of {@code Qdiags} and {@code sum_qs} are
   * summed over the points and mapped to {@code icf} at the end. Adds {@code seed} times the
   * gradient into the three accumulators, allocates nothing and returns the value.
   */
  public static double objectiveAdjoint(
      double[] alphas, double[][] means, double[][] icf, double[][] x,
      double gamma, int m, double constant,
      double seed, double[] dAlphas, double[][] dMeans, double[][] dIcf, Workspace w) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    int icfSize = d * (d + 1) / 2;
    double[][] qdiags = w.qdiags;
    double[] sumQs = w.sumQs;
    double[][] qdiagsBar = w.qdiagsBar;
    double[] sumQsBar = w.sumQsBar;
    double[] mainTerm = w.mainTerm;
    double[] qxBar = w.qxBar;
    double[] xcBar = w.xcBar;

    for (int ik = 0; ik < k; ik++) {
      double s = 0.0;
      double[] qd = qdiags[ik];
      double[] l = icf[ik];
      double[] qdBar = qdiagsBar[ik];
      for (int id = 0; id < d; id++) {
        s += l[id];
        qd[id] = Math.exp(l[id]);
        qdBar[id] = 0.0;
      }
      sumQs[ik] = s;
      sumQsBar[ik] = 0.0;
    }

    double slse = 0.0;
    for (int ix = 0; ix < n; ix++) {
      double[] xi = x[ix];
      // forward over the components
      for (int ik = 0; ik < k; ik++) {
        double[] xc = w.xcentered[ik];
        double[] qx = w.qxcentered[ik];
        double[] qd = qdiags[ik];
        double[] l = icf[ik];
        double[] mu = means[ik];
        for (int id = 0; id < d; id++) {
          double c = xi[id] - mu[id];
          xc[id] = c;
          qx[id] = qd[id] * c;
        }
        for (int i = 0; i < d; i++) {
          int column = d + i * (2 * d - i - 1) / 2 - i - 1;
          double xci = xc[i];
          for (int j = i + 1; j < d; j++) {
            qx[j] += l[column + j] * xci;
          }
        }
        double sq = 0.0;
        for (int id = 0; id < d; id++) {
          sq += qx[id] * qx[id];
        }
        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
      }
      double mx = mainTerm[0];
      for (int ik = 1; ik < k; ik++) {
        if (mainTerm[ik] > mx) {
          mx = mainTerm[ik];
        }
      }
      double semx = 0.0;
      for (int ik = 0; ik < k; ik++) {
        double e = Math.exp(mainTerm[ik] - mx);
        mainTerm[ik] = e; // kept for the weights below
        semx += e;
      }
      slse += Math.log(semx) + mx;

      // reverse: d logsumexp / d mainTerm[ik] = exp(mainTerm[ik] - mx) / semx
      double scale = seed / semx;
      for (int ik = 0; ik < k; ik++) {
        double mainBar = scale * mainTerm[ik];
        dAlphas[ik] += mainBar;
        sumQsBar[ik] += mainBar;
        double[] xc = w.xcentered[ik];
        double[] qx = w.qxcentered[ik];
        double[] qd = qdiags[ik];
        double[] qdBar = qdiagsBar[ik];
        double[] l = icf[ik];
        double[] lBar = dIcf[ik];
        // mainTerm = ... - 0.5 |qx|^2
        for (int id = 0; id < d; id++) {
          double b = -mainBar * qx[id];
          qxBar[id] = b;
          qdBar[id] += b * xc[id];
          xcBar[id] = b * qd[id];
        }
        for (int i = 0; i < d; i++) {
          int column = d + i * (2 * d - i - 1) / 2 - i - 1;
          double xci = xc[i];
          double acc = 0.0;
          for (int j = i + 1; j < d; j++) {
            lBar[column + j] += qxBar[j] * xci;
            acc += qxBar[j] * l[column + j];
          }
          xcBar[i] += acc;
        }
        double[] muBar = dMeans[ik];
        for (int id = 0; id < d; id++) {
          muBar[id] -= xcBar[id];
        }
      }
    }

    double mxa = alphas[0];
    for (int ik = 1; ik < k; ik++) {
      if (alphas[ik] > mxa) {
        mxa = alphas[ik];
      }
    }
    double sea = 0.0;
    for (int ik = 0; ik < k; ik++) {
      sea += Math.exp(alphas[ik] - mxa);
    }
    double lseAlphas = Math.log(sea) + mxa;
    double alphaScale = seed * n / sea;
    for (int ik = 0; ik < k; ik++) {
      dAlphas[ik] -= alphaScale * Math.exp(alphas[ik] - mxa);
    }

    double prior = 0.0;
    double g2 = gamma * gamma;
    for (int ik = 0; ik < k; ik++) {
      double[] qd = qdiags[ik];
      double[] qdBar = qdiagsBar[ik];
      double[] l = icf[ik];
      double[] lBar = dIcf[ik];
      double frobenius = 0.0;
      for (int id = 0; id < d; id++) {
        frobenius += qd[id] * qd[id];
      }
      for (int id = d; id < icfSize; id++) {
        frobenius += l[id] * l[id];
        lBar[id] += seed * g2 * l[id];
      }
      prior += 0.5 * g2 * frobenius - m * sumQs[ik];
      double sBar = sumQsBar[ik] - seed * m;
      // qdiags = exp(icf diag), sum_qs = sum of icf diag
      for (int id = 0; id < d; id++) {
        lBar[id] += sBar + (qdBar[id] + seed * g2 * qd[id]) * qd[id];
      }
    }
    return constant + slse - n * lseAlphas + prior;
  }

  /**
   * {@link #objective} in Hipparchus forward mode: value and the 1,650-component gradient, in the
   * order alphas, means (row by row), icf (row by row). Every operation carries a 1,650-element
   * derivative array, so one call takes seconds at the ADBench size.
   */
  public static Gradient objectiveHipparchus(
      double[] alphas, double[][] means, double[][] icf, double[][] x,
      double gamma, int m, double constant) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    int icfSize = d * (d + 1) / 2;
    int p = k + k * d + k * icfSize;
    Gradient[] ga = new Gradient[k];
    Gradient[][] gm = new Gradient[k][d];
    Gradient[][] gl = new Gradient[k][icfSize];
    int index = 0;
    for (int ik = 0; ik < k; ik++) {
      ga[ik] = Gradient.variable(p, index++, alphas[ik]);
    }
    for (int ik = 0; ik < k; ik++) {
      for (int id = 0; id < d; id++) {
        gm[ik][id] = Gradient.variable(p, index++, means[ik][id]);
      }
    }
    for (int ik = 0; ik < k; ik++) {
      for (int id = 0; id < icfSize; id++) {
        gl[ik][id] = Gradient.variable(p, index++, icf[ik][id]);
      }
    }
    Gradient[][] qdiags = new Gradient[k][d];
    Gradient[] sumQs = new Gradient[k];
    for (int ik = 0; ik < k; ik++) {
      Gradient s = Gradient.constant(p, 0.0);
      for (int id = 0; id < d; id++) {
        s = s.add(gl[ik][id]);
        qdiags[ik][id] = gl[ik][id].exp();
      }
      sumQs[ik] = s;
    }
    Gradient[] xc = new Gradient[d];
    Gradient[] qx = new Gradient[d];
    Gradient[] mainTerm = new Gradient[k];
    Gradient slse = Gradient.constant(p, 0.0);
    for (int ix = 0; ix < n; ix++) {
      for (int ik = 0; ik < k; ik++) {
        for (int id = 0; id < d; id++) {
          xc[id] = gm[ik][id].negate().add(x[ix][id]);
          qx[id] = qdiags[ik][id].multiply(xc[id]);
        }
        for (int i = 0; i < d; i++) {
          int column = d + i * (2 * d - i - 1) / 2 - i - 1;
          for (int j = i + 1; j < d; j++) {
            qx[j] = qx[j].add(gl[ik][column + j].multiply(xc[i]));
          }
        }
        Gradient sq = Gradient.constant(p, 0.0);
        for (int id = 0; id < d; id++) {
          sq = sq.add(qx[id].multiply(qx[id]));
        }
        mainTerm[ik] = ga[ik].add(sumQs[ik]).subtract(sq.multiply(0.5));
      }
      slse = slse.add(logsumexp(mainTerm));
    }
    Gradient lseAlphas = logsumexp(ga);
    Gradient prior = Gradient.constant(p, 0.0);
    for (int ik = 0; ik < k; ik++) {
      Gradient frobenius = Gradient.constant(p, 0.0);
      for (int id = 0; id < d; id++) {
        frobenius = frobenius.add(qdiags[ik][id].multiply(qdiags[ik][id]));
      }
      for (int id = d; id < icfSize; id++) {
        frobenius = frobenius.add(gl[ik][id].multiply(gl[ik][id]));
      }
      prior = prior.add(frobenius.multiply(0.5 * gamma * gamma)).subtract(sumQs[ik].multiply(m));
    }
    return slse.subtract(lseAlphas.multiply(n)).add(prior).add(constant);
  }

  private static Gradient logsumexp(Gradient[] v) {
    double mx = v[0].getValue();
    int arg = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i].getValue() > mx) {
        mx = v[i].getValue();
        arg = i;
      }
    }
    Gradient max = v[arg];
    Gradient sum = Gradient.constant(v[0].getFreeParameters(), 0.0);
    for (Gradient g : v) {
      sum = sum.add(g.subtract(max).exp());
    }
    return sum.log().add(max);
  }
}
