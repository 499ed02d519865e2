package org.ecogov.enforcement.domain;

/** One checklist item as answered on site: its code, the question, the answer (yes, no, not-applicable), a note. */
public record ChecklistEntry(String code, String question, String answer, String note) {
}
