package dev.adjoint.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports errors on the most precise position available: a sub-tree of a method body (so that
 * file:line:column point at the offending expression), else an element or annotation.
 */
public final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private final boolean muted;

  public Reporter(Messager messager, Trees trees) {
    this(messager, trees, false);
  }

  private Reporter(Messager messager, Trees trees, boolean muted) {
    this.messager = messager;
    this.trees = trees;
    this.muted = muted;
  }

  /**
   * A reporter that aborts without printing: for trial work whose failure has a fallback (parsing
   * a callee to inline it; the callee's own compilation reports its errors).
   */
  public Reporter muted() {
    return new Reporter(messager, trees, true);
  }

  /** Reports an error on {@code tree} and aborts the current method. */
  public AbortMethod abort(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    if (!muted) {
      trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
    }
    return new AbortMethod();
  }

  /** Reports an error on {@code element} and aborts the current method. */
  public AbortMethod abort(Element element, Message message, Object... args) {
    error(element, message, args);
    return new AbortMethod();
  }

  /** Reports an error on an annotation of {@code element} and aborts the current method. */
  public AbortMethod abort(
      Element element, AnnotationMirror annotation, Message message, Object... args) {
    if (!muted) {
      messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation);
    }
    return new AbortMethod();
  }

  /** Reports an error on one value of an annotation of {@code element} and aborts the method. */
  public AbortMethod abort(Element element, AnnotationMirror annotation, AnnotationValue value,
      Message message, Object... args) {
    if (!muted) {
      messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation,
          value);
    }
    return new AbortMethod();
  }

  /** Reports an error on {@code element}; the caller decides whether to go on. */
  public void error(Element element, Message message, Object... args) {
    if (muted) {
      return;
    }
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }
}
