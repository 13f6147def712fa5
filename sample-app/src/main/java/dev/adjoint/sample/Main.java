package dev.adjoint.sample;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The sample application: {@code greeks} (the default), {@code fit}, {@code train} and {@code
 * analytic}, each one a real use of derivatives that Adjoint generated for methods of this app.
 */
@Command(
    name = "adjoint-sample",
    mixinStandardHelpOptions = true,
    version = "adjoint-sample 0.1.0-SNAPSHOT",
    description = {
      "Reverse-mode derivatives generated at compile time by Adjoint, put to work.",
      "Without a command, runs 'greeks' with its defaults."
    },
    subcommands = {
      GreeksCommand.class,
      FitCommand.class,
      TrainCommand.class,
      AnalyticCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  /** Exit status for bad input found while a command runs (missing file, malformed row). */
  public static final int EXIT_BAD_INPUT = 1;

  /** Exit status for an option or parameter that picocli or a command rejects. */
  public static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  /** True when stdout is an interactive terminal: {@code train} then draws a progress bar. */
  final boolean console;

  Main(boolean console) {
    this.console = console;
  }

  @Override
  public void run() {
    // Only reached with options but no command (e.g. none at all is rewritten in run(...)).
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line on stdout/stderr and returns the exit status. */
  public static int run(String... args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
    return run(out, err, stdoutIsTerminal(), args);
  }

  /**
   * Whether stdout is an interactive terminal. Up to JDK 21 that is {@code System.console() !=
   * null}; from JDK 22 on a console may exist for redirected streams too, and {@code
   * Console.isTerminal()} (called reflectively: this code compiles for Java 17) tells.
   */
  static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return true; // JDK 17-21: a console exists only for a terminal
    }
  }

  /**
   * Runs the command line with the given streams and returns the exit status: 0 on success,
   * {@link #EXIT_BAD_INPUT} for bad input, {@link #EXIT_USAGE} for a bad option.
   *
   * @param console whether {@code out} is an interactive terminal (progress bar instead of lines)
   */
  public static int run(PrintWriter out, PrintWriter err, boolean console, String... args) {
    // The plots are drawn off-screen: never open a display connection.
    System.setProperty("java.awt.headless", "true");
    CommandLine commandLine = new CommandLine(new Main(console));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(Main::handleParameterException);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println(cmd.getCommandName() + ": error: " + describe(exception));
          cmd.getErr().flush();
          return exception instanceof ParameterException ? EXIT_USAGE : EXIT_BAD_INPUT;
        });
    String[] effective = args.length == 0 ? new String[] {"greeks"} : args;
    int status = commandLine.execute(effective);
    out.flush();
    err.flush();
    return status;
  }

  private static int handleParameterException(ParameterException exception, String[] args) {
    CommandLine cmd = exception.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandName() + ": error: " + exception.getMessage());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return EXIT_USAGE;
  }

  /** A one-line description of what went wrong, for the user (no stack trace). */
  static String describe(Exception exception) {
    if (exception instanceof BadInputException
        || exception instanceof ParameterException
        || exception instanceof IllegalArgumentException) {
      return exception.getMessage();
    }
    if (exception instanceof UncheckedIOException unchecked) {
      return describe(unchecked.getCause());
    }
    if (exception instanceof IOException) {
      String message = exception.getMessage();
      return message == null ? exception.getClass().getSimpleName() : message;
    }
    return exception.toString();
  }

  public static void main(String[] args) {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }
}
