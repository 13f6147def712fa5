package dev.adjoint.processor.rules;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * What a derivative rule may read: the result's adjoint, the forward result, and the forward
 * operands (all already-computed values: names, literals or constants, safe to use in products).
 */
public record Operands(CodeBlock bar, CodeBlock result, java.util.List<CodeBlock> args, ClassName owner) {
  public CodeBlock arg(int i) {
    return args.get(i);
  }
}
