package dev.adjoint.processor.parse;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The loops, switches and labelled blocks enclosing the statement being parsed. Each gets a unique
 * synthetic label, so that after parsing every break and continue names its target explicitly.
 */
final class JumpTargets {
  private record Frame(String userLabel, String label, boolean loop, boolean unlabeledBreak) {}

  private final Deque<Frame> frames = new ArrayDeque<>();
  private final String prefix;
  private int count;

  JumpTargets() {
    this("L");
  }

  /** With labels {@code prefix1, prefix2, ...}: an inlined callee's differ from its caller's. */
  JumpTargets(String prefix) {
    this.prefix = prefix;
  }

  /** Opens a target; returns its synthetic label. */
  String open(String userLabel, boolean loop, boolean unlabeledBreak) {
    String label = prefix + ++count;
    frames.push(new Frame(userLabel, label, loop, unlabeledBreak));
    return label;
  }

  void close() {
    frames.pop();
  }

  /** The target of {@code break} (label null) or {@code break label}; null when there is none. */
  String breakTarget(String userLabel) {
    for (Frame f : frames) {
      if (userLabel == null ? f.unlabeledBreak() : userLabel.equals(f.userLabel())) {
        return f.label();
      }
    }
    return null;
  }

  /** The loop that {@code continue} (label null) or {@code continue label} continues. */
  String continueTarget(String userLabel) {
    for (Frame f : frames) {
      if (f.loop() && (userLabel == null || userLabel.equals(f.userLabel()))) {
        return f.label();
      }
    }
    return null;
  }
}
