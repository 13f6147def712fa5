package dev.adjoint.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles test sources in-process with the Adjoint processor. */
final class Sources {
  private Sources() {}

  /**
   * A source file {@code p/C.java} in package {@code p}, importing {@code Differentiable} and
   * {@code DerivativeOf}.
   */
  static JavaFileObject classC(String body) {
    return JavaFileObjects.forSourceString("p.C",
        "package p;\n\nimport dev.adjoint.DerivativeOf;\nimport dev.adjoint.Differentiable;\n\n"
            + body);
  }

  static Compilation compile(JavaFileObject... files) {
    return javac().withProcessors(new AdjointProcessor()).compile(files);
  }

  static Compilation compileStrict(JavaFileObject... files) {
    return javac()
        .withOptions("-Xlint:all", "-Werror")
        .withProcessors(new AdjointProcessor())
        .compile(files);
  }

  /** The text of the generated source file {@code p.<simpleName>}. */
  static String generated(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation
        .generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("no generated " + qualifiedName + " in "
            + List.copyOf(compilation.generatedSourceFiles())));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
