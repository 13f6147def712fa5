package dev.adjoint.sample;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The closed-form Black-Scholes Greeks table of {@link BlackScholesDemo}. */
@Command(
    name = "analytic",
    mixinStandardHelpOptions = true,
    description = {
      "Differentiates the closed-form Black-Scholes prices (generated reverse mode: price and five"
          + " sensitivities in one sweep) and prints them next to the textbook Greeks."
    })
final class AnalyticCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(BlackScholesDemo.table(BlackScholesDemo.rows()));
    out.flush();
    return 0;
  }
}
