package dev.adjoint.processor.ir;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A method in three-address form with structured control flow, ready for the reverse pass.
 *
 * @param mutable variables with one storage location that is assigned more than once at run time
 *     (assigned inside a branch or loop); all others are assigned exactly once
 * @param useful variables (and local arrays) on which the result depends
 */
public record Lowered(Function function, List<Instr> body, Expr result, Set<Var> mutable,
    Set<Var> useful) {
  public Lowered {
    body = List.copyOf(body);
    // Insertion-ordered: generated declarations follow this order, so it must not depend on
    // identity hash codes (output is byte-for-byte deterministic).
    mutable = Collections.unmodifiableSet(new LinkedHashSet<>(mutable));
    useful = Collections.unmodifiableSet(new LinkedHashSet<>(useful));
  }

  /** Whether the reverse sweep propagates adjoints through {@code v}. */
  public boolean active(Var v) {
    return v.varied() && useful.contains(v);
  }
}
