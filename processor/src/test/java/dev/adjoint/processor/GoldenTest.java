package dev.adjoint.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Exact text of one reviewed companion ({@code src/test/resources/golden}): pins down what the
 * generated code looks like (comments, names, layout), byte for byte. When generation changes on
 * purpose, review the new text and replace the golden file.
 */
class GoldenTest {
  @Test
  void companionTextIsExactlyTheReviewedOne() {
    Compilation compilation = Sources.compile(
        JavaFileObjects.forSourceString("p.Golden", resource("golden/Golden.java")));
    assertThat(compilation).succeeded();
    assertThat(Sources.generated(compilation, "p.GoldenDerivatives"))
        .isEqualTo(resource("golden/GoldenDerivatives.java"));
  }

  private static String resource(String name) {
    try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
