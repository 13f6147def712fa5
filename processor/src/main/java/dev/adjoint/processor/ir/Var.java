package dev.adjoint.processor.ir;

/**
 * A variable of the IR. Identity matters, not the name: after lowering every assignment defines a
 * fresh {@code Var} (static single assignment), and names are allocated so that no two collide.
 */
public final class Var {
  /** What a variable stands for in the source. */
  public enum Kind {
    PARAMETER,
    LOCAL,
    TEMPORARY
  }

  private final String sourceName;
  private final Type type;
  private final Kind kind;
  private String name;
  private boolean varied;

  public Var(String sourceName, Type type, Kind kind) {
    this.sourceName = sourceName;
    this.type = type;
    this.kind = kind;
  }

  /** The user's name (or a hint such as {@code t} for temporaries). */
  public String sourceName() {
    return sourceName;
  }

  /** The name in generated code; set once by lowering's name allocator. */
  public String name() {
    if (name == null) {
      throw new IllegalStateException("no name allocated for " + sourceName);
    }
    return name;
  }

  public boolean hasName() {
    return name != null;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Type type() {
    return type;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the value depends on a wrt parameter (activity analysis, forward part). */
  public boolean varied() {
    return varied;
  }

  public void markVaried() {
    this.varied = true;
  }

  public void clearVaried() {
    this.varied = false;
  }

  @Override
  public String toString() {
    return name != null ? name : sourceName;
  }
}
