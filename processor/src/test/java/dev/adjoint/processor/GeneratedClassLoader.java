package dev.adjoint.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Loads the classes of an in-memory compilation, so tests can run generated gradients. */
public final class GeneratedClassLoader extends ClassLoader {
  private final Compilation compilation;

  public GeneratedClassLoader(Compilation compilation) {
    this(compilation, GeneratedClassLoader.class.getClassLoader());
  }

  /** With {@code parent} resolving what the compilation was compiled against (a library jar). */
  public GeneratedClassLoader(Compilation compilation, ClassLoader parent) {
    super(parent);
    this.compilation = compilation;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot);
    String file = name.substring(dot + 1) + ".class";
    JavaFileObject object = compilation
        .generatedFile(StandardLocation.CLASS_OUTPUT, pkg, file)
        .orElseThrow(() -> new ClassNotFoundException(name));
    try (InputStream in = object.openInputStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
