package vn.da06.example;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The part of da06's C ABI (include/da06/c/da06.h) that this example uses, mapped with JNA.
 *
 * <p>Dates cross as {@code int} days since 1970-01-01, which is {@link LocalDate#toEpochDay()}.
 * Strings go in as UTF-8 bytes with their length, and come out as a {@code char*} that must be
 * released with {@code da06_string_free} (see {@link #takeString}). Handles are opaque
 * {@link Pointer}s freed by their own {@code *_free}. Every function returns a status: 0 is OK,
 * and {@link #check} turns anything else into a {@link Da06Exception} with da06_error_last()'s text.
 */
public interface Da06 extends Library {
  Da06 LIB = Native.load("da06", Da06.class);

  int DA06_OK = 0;
  int DA06_NO_DATE = Integer.MIN_VALUE;

  /** da06_error: library-owned, read only through the pointer da06_error_last() returns. */
  @Structure.FieldOrder({"code", "message", "file", "line", "column", "path", "field", "index"})
  class Error extends Structure {
    public int code;
    public String message;
    public String file;
    public int line;
    public int column;
    public String path;
    public String field;
    public long index;

    public Error(Pointer p) {
      super(p);
      setStringEncoding("UTF-8");
      read();
    }
  }

  /** da06_period, embedded in da06_deadline. */
  @Structure.FieldOrder({"kind", "year", "index"})
  class Period extends Structure {
    public int kind;
    public int year;
    public int index;
  }

  /** da06_deadline: caller-allocated, frozen layout for ABI 1. */
  @Structure.FieldOrder({"due", "start", "kind", "recurrence", "condition", "strictly_before", "tentative",
      "aspirational", "period", "threshold_count"})
  class Deadline extends Structure {
    public int due;
    public int start;
    public int kind;
    public int recurrence;
    public int condition;
    public int strictly_before;
    public int tentative;
    public int aspirational;
    public Period period;
    public int threshold_count;
  }

  String da06_version();
  int da06_version_number();
  Pointer da06_error_last();
  void da06_string_free(Pointer s);

  int da06_date_from_ymd(int year, int month, int day, IntByReference out);

  int da06_calendar_vietnam_public(PointerByReference out);
  void da06_calendar_free(Pointer cal);
  int da06_calendar_add_workdays(Pointer cal, int[] from, int[] nDays, long n, int[] out);
  int da06_calendar_count_workdays_closed(Pointer cal, int[] from, int[] to, long n, int[] out);
  int da06_dossier_due(Pointer cal, int receivedDay, int receivedMinute, int workingDays, Pointer opts,
      IntByReference outReceived, IntByReference outDue);

  int da06_deadline_parse(byte[] text, long len, Deadline out);

  int da06_framework_default(PointerByReference out);
  void da06_framework_free(Pointer fw);
  int da06_framework_task_count(Pointer fw, LongByReference out);
  int da06_report_json(Pointer fw, int asOf, PointerByReference out, LongByReference outLen);

  /** A da06 call that returned a negative status. */
  final class Da06Exception extends RuntimeException {
    public final int code;

    Da06Exception(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  /** Throws unless {@code status} is DA06_OK, with the calling thread's da06_error_last(). */
  static void check(int status) {
    if (status != DA06_OK) {
      Error e = new Error(LIB.da06_error_last());
      throw new Da06Exception(status, e.message);
    }
  }

  /** Copies a library-allocated UTF-8 string of {@code len} bytes and frees it. */
  static String takeString(Pointer p, long len) {
    try {
      return new String(p.getByteArray(0, (int) len), StandardCharsets.UTF_8);
    } finally {
      LIB.da06_string_free(p);
    }
  }

  static int days(LocalDate d) {
    return Math.toIntExact(d.toEpochDay());
  }

  static LocalDate date(int days) {
    return days == DA06_NO_DATE ? null : LocalDate.ofEpochDay(days);
  }
}
