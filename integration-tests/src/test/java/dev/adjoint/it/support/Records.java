package dev.adjoint.it.support;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/** Reflection on generated gradient records. */
public final class Records {
  private Records() {}

  /** The record's component names in declaration order. */
  public static List<String> componentNames(Class<? extends Record> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
