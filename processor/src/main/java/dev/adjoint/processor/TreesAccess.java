package dev.adjoint.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Obtains javac's {@link Trees} for a processing environment. IntelliJ hands processors a wrapped
 * (proxied) environment, which {@code Trees.instance} rejects, so the wrapper is peeled off first;
 * compilers without the tree API (Eclipse's) yield {@code null}.
 */
final class TreesAccess {
  private TreesAccess() {}

  static Trees trees(ProcessingEnvironment env) {
    for (ProcessingEnvironment candidate = env; candidate != null;
        candidate = unwrapOnce(candidate)) {
      try {
        return Trees.instance(candidate);
      } catch (RuntimeException | LinkageError notJavac) {
        // Try the next layer of wrapping, if any.
      }
    }
    return null;
  }

  /** The environment wrapped by {@code env}, or null when it wraps nothing we can find. */
  static ProcessingEnvironment unwrapOnce(ProcessingEnvironment env) {
    try {
      Class<?> wrappers = Class.forName(
          "org.jetbrains.jps.javac.APIWrappers", false, env.getClass().getClassLoader());
      Method unwrap = wrappers.getMethod("unwrap", Class.class, Object.class);
      Object inner = unwrap.invoke(null, ProcessingEnvironment.class, env);
      if (inner instanceof ProcessingEnvironment unwrapped && unwrapped != env) {
        return unwrapped;
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError notIntelliJ) {
      // Fall back to looking for a delegate field.
    }
    Object holder = Proxy.isProxyClass(env.getClass()) ? Proxy.getInvocationHandler(env) : env;
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType())
            || f.getType() == Object.class) {
          try {
            f.setAccessible(true);
            Object inner = f.get(holder);
            if (inner instanceof ProcessingEnvironment unwrapped && unwrapped != env) {
              return unwrapped;
            }
          } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            // Not this field.
          }
        }
      }
    }
    return null;
  }
}
