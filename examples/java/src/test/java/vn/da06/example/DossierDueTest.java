package vn.da06.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.ptr.IntByReference;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The example's results, through JNA, against the values the C++ tests establish. */
class DossierDueTest {
  @Test
  void headerAndLibraryAgree() {
    assertEquals(100, Da06.LIB.da06_version_number());  // 0.1.0
  }

  @Test
  void dossierDueAcrossTheApril2024Holidays() {
    // 29/4 swapped off, 30/4 and 1/5 holidays: 2/5, 3/5 and the make-up Saturday 4/5.
    assertEquals(LocalDate.of(2024, 5, 4), DossierDue.dueDate(LocalDateTime.of(2024, 4, 26, 10, 0), 3));
    // Received after the 15:00 cut-off: counts from the next working day.
    assertTrue(DossierDue.dueDate(LocalDateTime.of(2024, 4, 26, 16, 0), 3).isAfter(LocalDate.of(2024, 5, 4)));
  }

  @Test
  void batchWorkdays() {
    com.sun.jna.ptr.PointerByReference cal = new com.sun.jna.ptr.PointerByReference();
    Da06.check(Da06.LIB.da06_calendar_vietnam_public(cal));
    try {
      int[] from = {Da06.days(LocalDate.of(2024, 1, 1))};
      int[] to = {Da06.days(LocalDate.of(2024, 12, 31))};
      int[] out = new int[1];
      Da06.check(Da06.LIB.da06_calendar_count_workdays_closed(cal.getValue(), from, to, 1, out));
      assertEquals(251, out[0]);
    } finally {
      Da06.LIB.da06_calendar_free(cal.getValue());
    }
  }

  @Test
  void freeTextDeadline() {
    Da06.Deadline d = DossierDue.deadline("Trong năm 2024 và thực hiện thường xuyên");
    assertEquals(LocalDate.of(2024, 12, 31), Da06.date(d.due));
    assertEquals(LocalDate.of(2024, 1, 1), Da06.date(d.start));
    assertNotEquals(0, d.recurrence);
    Da06.Deadline unknown = DossierDue.deadline("Khi có yêu cầu của Chính phủ");
    assertEquals(Da06.DA06_NO_DATE, unknown.due);
  }

  @Test
  void reportJson() throws Exception {
    JsonNode r = DossierDue.report(null);
    assertEquals(72, r.path("counts").path("tasks").asInt());
    assertEquals("2024-S1", r.path("period").path("code").asText());
    assertEquals("2024-06-28", r.path("as_of").asText());
    assertEquals("2024-07-15", DossierDue.report(LocalDate.of(2024, 7, 15)).path("as_of").asText());
  }

  @Test
  void errorsBecomeExceptions() {
    IntByReference out = new IntByReference();
    Da06.Da06Exception e = assertThrows(Da06.Da06Exception.class,
        () -> Da06.check(Da06.LIB.da06_date_from_ymd(2024, 2, 30, out)));
    assertEquals(-1, e.code);  // DA06_EINVAL
    assertTrue(e.getMessage().contains("day 30 does not exist in 2024-02"), e.getMessage());
  }
}
