package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void helpListsTheCommands() {
    Cli cli = Cli.run("--help");
    assertEquals(0, cli.status(), cli::toString);
    for (String command : new String[] {"greeks", "fit", "train", "analytic"}) {
      assertTrue(cli.out().contains("  " + command + " "), cli::toString);
    }
  }

  @Test
  void everyCommandHasHelp() {
    String[][] expected = {
      {"greeks", "--paths"},
      {"fit", "--data"},
      {"train", "--checkpoint"},
      {"analytic", "closed-form"},
    };
    for (String[] e : expected) {
      Cli cli = Cli.run(e[0], "--help");
      assertEquals(0, cli.status(), cli::toString);
      assertTrue(cli.out().startsWith("Usage: adjoint-sample " + e[0]), cli::toString);
      assertTrue(cli.out().contains(e[1]), cli::toString);
      Cli viaHelp = Cli.run("help", e[0]);
      assertEquals(cli.out(), viaHelp.out());
    }
  }

  @Test
  void unknownCommandOrOptionIsAUsageError() {
    Cli command = Cli.run("price");
    assertEquals(Main.EXIT_USAGE, command.status(), command::toString);
    assertTrue(command.err().contains("'price'"), command::toString);
    Cli option = Cli.run("fit", "--colour");
    assertEquals(Main.EXIT_USAGE, option.status(), option::toString);
    assertTrue(option.err().startsWith("fit: error: Unknown option: '--colour'"), option::toString);
    assertTrue(option.quiet());
  }

  @Test
  void analyticPrintsTheBlackScholesTable() {
    Cli cli = Cli.run("analytic");
    assertEquals(0, cli.status(), cli::toString);
    assertEquals(BlackScholesDemo.table(BlackScholesDemo.rows()), cli.out());
  }
}
