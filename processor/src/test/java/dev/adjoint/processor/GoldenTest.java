package dev.adjoint.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact text of reviewed companions ({@code src/test/resources/golden}): pins down what the
 * generated code looks like (comments, names, layout), byte for byte. When generation changes on
 * purpose, review the new text and replace the golden file.
 */
class GoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"Golden", "GoldenLoops"})
  void companionTextIsExactlyTheReviewedOne(String name) {
    Compilation compilation = Sources.compile(
        JavaFileObjects.forSourceString("p." + name, resource("golden/" + name + ".java")));
    assertThat(compilation).succeeded();
    assertThat(Sources.generated(compilation, "p." + name + "Derivatives"))
        .isEqualTo(resource("golden/" + name + "Derivatives.java"));
  }

  private static String resource(String name) {
    try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
