package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A reproducible slice of the fuzzer's program stream: programs {@code first ..
 * first + count - 1} of {@code seed}, generated with {@code features}. Program {@code i} is
 * class {@code fuzz.Fuzz<i>} and depends only on {@code (seed, i, features)}.
 */
public record FuzzRun(long seed, int first, int count, Set<Feature> features) {
  public FuzzRun {
    features = Set.copyOf(features);
  }

  public Program program(int index) {
    // A SplittableRandom's first output is a strong mix of its seed, so neighbouring
    // indices get unrelated program seeds.
    long programSeed = new SplittableRandom(seed * 0xD1B54A32D192ED03L + index).nextLong();
    return ProgramGenerator.generate("Fuzz" + index, programSeed, features);
  }

  public List<Program> programs() {
    List<Program> out = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      out.add(program(i));
    }
    return out;
  }

  /** Maven flags that rerun exactly one program of this run. */
  public String reproduce(Program program) {
    int index = Integer.parseInt(program.className().substring("Fuzz".length()));
    return "mvn -pl processor test -Dtest=DifferentialFuzzTest -Dadjoint.fuzz.seed=" + seed
        + " -Dadjoint.fuzz.first=" + index + " -Dadjoint.fuzz.programs=1"
        + " -Dadjoint.fuzz.features=" + String.join(",",
            features.stream().map(Enum::name).sorted().toList());
  }
}
