package dev.adjoint.rules.index;

import dev.adjoint.AdjointGenerated;

/**
 * The runtime's {@code @DerivativeOf} rules, in the index format the processor writes for other
 * modules. Written by hand: the runtime is built before the processor, so it cannot run it. The
 * processor's tests compile calls of every function listed here against the runtime jar and check
 * the gradients, so a wrong line fails the build.
 */
@AdjointGenerated
public final class Rules_runtime {
  /** One rule per line: target, rule class, rule method, separated by tabs. */
  public static final String RULES =
      "dev.adjoint.runtime.special.SpecialFunctions#erf(double)\t"
          + "dev.adjoint.runtime.special.SpecialFunctionRules\terfPullback\n"
          + "dev.adjoint.runtime.special.SpecialFunctions#erfc(double)\t"
          + "dev.adjoint.runtime.special.SpecialFunctionRules\terfcPullback\n"
          + "dev.adjoint.runtime.special.SpecialFunctions#normalCdf(double)\t"
          + "dev.adjoint.runtime.special.SpecialFunctionRules\tnormalCdfPullback\n"
          + "dev.adjoint.runtime.special.SpecialFunctions#normalPdf(double)\t"
          + "dev.adjoint.runtime.special.SpecialFunctionRules\tnormalPdfPullback";

  private Rules_runtime() {}
}
