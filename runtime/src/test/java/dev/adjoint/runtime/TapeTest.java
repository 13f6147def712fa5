package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TapeTest {
  @Test
  void stacksAreLastInFirstOutAndGrow() {
    Tape tape = new TapeProbe().tape();
    long mark = tape.mark();
    for (int i = 0; i < 10_000; i++) {
      tape.pushDouble(i + 0.5);
      tape.pushInt(-i);
      tape.pushBoolean(i % 3 == 0);
      tape.pushLong(1L << 40 | i);
    }
    for (int i = 9_999; i >= 0; i--) {
      assertEquals(1L << 40 | i, tape.popLong());
      assertEquals(i % 3 == 0, tape.popBoolean());
      assertEquals(-i, tape.popInt());
      assertEquals(i + 0.5, tape.popDouble());
    }
    assertEquals(mark, tape.mark());
  }

  @Test
  void resetDiscardsEverythingPushedSinceTheMark() {
    Tape tape = new TapeProbe().tape();
    tape.pushDouble(1);
    long mark = tape.mark();
    tape.pushDouble(2);
    tape.pushInt(3);
    tape.pushBoolean(true);
    tape.reset(mark);
    assertEquals(mark, tape.mark());
    assertEquals(1.0, tape.popDouble());
  }

  @Test
  void rangesRoundTrip() {
    Tape tape = new TapeProbe().tape();
    SplittableRandom random = new SplittableRandom(7);
    double[] a = random.doubles(300).toArray();
    double[] original = a.clone();
    tape.pushRange(a, 17, 200);
    java.util.Arrays.fill(a, 17, 217, -1);
    tape.popRange(a, 17, 200);
    assertArrayEquals(original, a);
    int[] b = {1, 2, 3, 4, 5};
    tape.pushRange(b, 1, 3);
    b[1] = b[2] = b[3] = 0;
    tape.popRange(b, 1, 3);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5}, b);
  }

  /** A loop over an empty range (to <= from) saves and restores nothing. */
  @Test
  void emptyAndNegativeRangesSaveNothing() {
    Tape tape = new TapeProbe().tape();
    tape.pushDouble(42.0);
    long mark = tape.mark();
    double[] a = {1, 2, 3};
    tape.pushRange(a, 0, 0);
    tape.pushRange(a, 2, -3);
    assertEquals(mark, tape.mark());
    tape.popRange(a, 2, -3);
    tape.popRange(a, 0, 0);
    assertArrayEquals(new double[] {1, 2, 3}, a);
    assertEquals(42.0, tape.popDouble());
  }

  @Test
  void eachThreadHasItsOwnTape() throws Exception {
    Tape here = Tape.acquire();
    assertSame(here, Tape.acquire());
    Tape there = CompletableFuture.supplyAsync(Tape::acquire).get();
    assertNotSame(here, there);
  }

  @Test
  void arraycopyAdjointMovesAndClearsEvenWhenRangesOverlap() {
    Tape tape = new TapeProbe().tape();
    double[] bar = {1, 2, 3, 4, 5};
    // Forward: System.arraycopy(v, 0, v, 1, 3) reads v[0..2] and writes v[1..3].
    Adjoints.arraycopy(bar, 0, bar, 1, 3, tape);
    // v[1..3] adjoints (2, 3, 4) go to v[0..2] after being cleared.
    assertArrayEquals(new double[] {1 + 2, 0 + 3, 0 + 4, 0, 5}, bar);
    double[] src = new double[4];
    double[] dst = {0, 7, 8, 0};
    Adjoints.arraycopy(src, 2, dst, 1, 2, tape);
    assertArrayEquals(new double[] {0, 0, 7, 8}, src);
    assertArrayEquals(new double[4], dst);
    double[] clearOnly = {1, 1};
    Adjoints.arraycopy(null, 0, clearOnly, 0, 2, tape);
    assertArrayEquals(new double[2], clearOnly);
    assertEquals(0, tape.size());
  }

  @Test
  void fillAdjointSumsAndClears() {
    double[] bar = {1, 2, 3, 4};
    assertEquals(5.0, Adjoints.fill(bar, 1, 3));
    assertArrayEquals(new double[] {1, 0, 0, 4}, bar);
    double[] a = {1, 1};
    Adjoints.addInto(a, new double[] {2, 3});
    assertArrayEquals(new double[] {3, 4}, a);
  }

  @Test
  void zerosLikeKeepsJaggedShape() {
    double[][] z = ArrayShapes.zerosLike(new double[][] {{1, 2}, {3}, {}});
    assertEquals(3, z.length);
    assertEquals(2, z[0].length);
    assertEquals(1, z[1].length);
    assertEquals(0, z[2].length);
    assertTrue(z[0][0] == 0 && z[0][1] == 0);
    assertFalse(z[0] == z[1]);
  }

  /** A tape private to one test, so tests cannot disturb each other through the thread's. */
  private static final class TapeProbe {
    Tape tape() {
      return Tape.fresh();
    }
  }
}
