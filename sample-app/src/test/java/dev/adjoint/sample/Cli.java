package dev.adjoint.sample;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
record Cli(int status, String out, String err) {

  static Cli run(String... args) {
    return run(false, args);
  }

  static Cli run(boolean console, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), console, args);
    return new Cli(status, out.toString(), err.toString());
  }

  /** No stack trace reached the user. */
  boolean quiet() {
    return !err.contains("\tat ") && !err.contains("Exception in") && !out.contains("\tat ");
  }

  @Override
  public String toString() {
    return "status " + status + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
