package dev.adjoint.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two-column numeric CSV data {@code x,y}. Blank lines and lines starting with {@code #} are
 * skipped; the first other line may be a header (it is skipped if its fields are not numbers).
 * Every other line must hold exactly two finite numbers; anything else is reported with its line
 * number.
 */
record CsvData(String source, double[] x, double[] y) {

  /** Reads a file; a missing or unreadable file is a {@link BadInputException}. */
  static CsvData read(Path file) {
    if (!Files.exists(file)) {
      throw new BadInputException("data file not found: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new BadInputException("data file is a directory: " + file);
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), reader);
    } catch (NoSuchFileException e) {
      throw new BadInputException("data file not found: " + file, e);
    } catch (IOException e) {
      throw new BadInputException("cannot read data file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a resource of this package (the bundled data sets). */
  static CsvData resource(String name) {
    InputStream in = CsvData.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing bundled resource " + name);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(name + " (bundled)", reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled resource " + name, e);
    }
  }

  /** Parses CSV text; {@code source} names it in messages. */
  static CsvData parse(String source, Reader reader) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    double[] x = new double[64];
    double[] y = new double[64];
    int rows = 0;
    boolean first = true;
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split(",", -1);
      double[] values = fields.length == 2 ? numbers(fields) : null;
      if (values == null) {
        if (first && fields.length == 2 && !looksNumeric(fields[0]) && !looksNumeric(fields[1])) {
          first = false; // a header such as "x,y"
          continue;
        }
        throw new BadInputException(
            String.format(
                "%s:%d: expected two finite numbers 'x,y', found '%s'", source, number, text));
      }
      first = false;
      if (rows == x.length) {
        x = Arrays.copyOf(x, 2 * rows);
        y = Arrays.copyOf(y, 2 * rows);
      }
      x[rows] = values[0];
      y[rows] = values[1];
      rows++;
    }
    return new CsvData(source, Arrays.copyOf(x, rows), Arrays.copyOf(y, rows));
  }

  private static double[] numbers(String[] fields) {
    double[] values = new double[fields.length];
    for (int i = 0; i < fields.length; i++) {
      try {
        values[i] = Double.parseDouble(fields[i].strip());
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(values[i])) {
        return null;
      }
    }
    return values;
  }

  /** Whether a field starts like a number (so that a bad data row is not taken for a header). */
  private static boolean looksNumeric(String field) {
    String f = field.strip();
    return !f.isEmpty() && (Character.isDigit(f.charAt(0)) || "+-.".indexOf(f.charAt(0)) >= 0);
  }

  int size() {
    return x.length;
  }
}
