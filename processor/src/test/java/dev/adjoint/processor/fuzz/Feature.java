package dev.adjoint.processor.fuzz;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Optional program features, each tagged with the feature level that introduces it.
 * Level 0 (always on) is straight-line code: double and int locals, reassignments, compound
 * assignments, {@code + - * / %}, unary minus, {@code Math} functions on safe domains,
 * ternaries on data, reads {@code a[k]} with constant or computed in-range indices, and int
 * arithmetic for indices. Level 1 is control flow ({@code if}/{@code else}, {@code for} and
 * {@code while} loops, {@code break}/{@code continue}, early {@code return}, local arrays);
 * level 2 holds its less common corners.
 */
public enum Feature {
  IF(1),
  FOR(1),
  WHILE(1),
  BREAK_CONTINUE(1),
  EARLY_RETURN(1),
  /** {@code double[] v = new double[4];} at the top level of the body, used anywhere. */
  LOCAL_ARRAYS(1),
  /** Local arrays also declared inside branches and loop bodies (a fresh array per iteration). */
  NESTED_ARRAY_DECLARATIONS(2);

  /** The highest level any feature has. */
  public static final int MAX_LEVEL = 2;

  public final int level;

  Feature(int level) {
    this.level = level;
  }

  /** Every feature of level {@code <= level}. */
  public static Set<Feature> upToLevel(int level) {
    EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
    for (Feature f : values()) {
      if (f.level <= level) {
        set.add(f);
      }
    }
    return set;
  }

  /** Parses {@code "IF,FOR"} (case-insensitive); blank means none. */
  public static Set<Feature> parse(String list) {
    EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
    Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(s -> set.add(valueOf(s.toUpperCase(Locale.ROOT))));
    return set;
  }
}
