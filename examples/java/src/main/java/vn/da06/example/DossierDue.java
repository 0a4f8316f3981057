package vn.da06.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * What a provincial portal needs from da06: the promised return date of a dossier (ngày hẹn trả,
 * Nghị định 61/2018) on the public-sector calendar, a plan's free-text deadline, and the Đề án 06
 * report as JSON.
 */
public final class DossierDue {
  private DossierDue() {}

  /** The due date of a dossier received at {@code receivedAt} with {@code workingDays} days to process. */
  public static LocalDate dueDate(LocalDateTime receivedAt, int workingDays) {
    PointerByReference cal = new PointerByReference();
    Da06.check(Da06.LIB.da06_calendar_vietnam_public(cal));
    try {
      IntByReference due = new IntByReference();
      int minute = receivedAt.getHour() * 60 + receivedAt.getMinute();
      Da06.check(Da06.LIB.da06_dossier_due(cal.getValue(), Da06.days(receivedAt.toLocalDate()), minute,
          workingDays, null, null, due));
      return Da06.date(due.getValue());
    } finally {
      Da06.LIB.da06_calendar_free(cal.getValue());
    }
  }

  /** The parsed free-text deadline ("Quý IV/2024", "Thường xuyên", ...). */
  public static Da06.Deadline deadline(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Da06.Deadline d = new Da06.Deadline();
    Da06.check(Da06.LIB.da06_deadline_parse(utf8, utf8.length, d));
    return d;
  }

  /** The embedded framework's report (`da06 report --json`), as of its own date when asOf is null. */
  public static JsonNode report(LocalDate asOf) throws IOException {
    PointerByReference fw = new PointerByReference();
    Da06.check(Da06.LIB.da06_framework_default(fw));
    try {
      PointerByReference out = new PointerByReference();
      LongByReference len = new LongByReference();
      Da06.check(Da06.LIB.da06_report_json(fw.getValue(), asOf == null ? Da06.DA06_NO_DATE : Da06.days(asOf), out, len));
      String json = Da06.takeString(out.getValue(), len.getValue());
      return new ObjectMapper().readTree(json);
    } finally {
      Da06.LIB.da06_framework_free(fw.getValue());
    }
  }

  public static void main(String[] args) throws IOException {
    System.out.println("libda06 " + Da06.LIB.da06_version());
    LocalDateTime received = LocalDateTime.of(2024, 4, 26, 10, 0);
    System.out.println("dossier received " + received + ", 3 working days: due " + dueDate(received, 3));
    Da06.Deadline d = deadline("Trong năm 2024 và thực hiện thường xuyên");
    System.out.println("deadline: due " + Da06.date(d.due) + ", recurring " + (d.recurrence != 0));
    JsonNode report = report(null);
    System.out.println("report fields: " + iterable(report.fieldNames()));
  }

  private static String iterable(java.util.Iterator<String> it) {
    StringBuilder b = new StringBuilder();
    it.forEachRemaining(s -> b.append(b.length() == 0 ? "" : ", ").append(s));
    return b.toString();
  }
}
