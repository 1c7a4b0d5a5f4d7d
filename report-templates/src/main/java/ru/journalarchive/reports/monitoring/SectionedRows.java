package ru.journalarchive.reports.monitoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of the monitoring template: tables one after the other, each with a title and up to five
 * column headings repeated on its rows (the template prints them in the section header).
 */
final class SectionedRows {

    private final List<Map<String, ?>> rows = new ArrayList<>();
    private int section;
    private String title;
    private String[] headings;

    SectionedRows section(String title, String... headings) {
        section++;
        this.title = title;
        this.headings = headings;
        return this;
    }

    SectionedRows row(String... cells) {
        var row = new HashMap<String, Object>();
        row.put("section", String.format("%03d|%s", section, title));
        for (int i = 0; i < 5; i++) {
            row.put("h" + (i + 1), i < headings.length ? headings[i] : "");
            row.put("c" + (i + 1), i < cells.length && cells[i] != null ? cells[i] : "");
        }
        rows.add(row);
        return this;
    }

    List<Map<String, ?>> rows() {
        return rows;
    }

    static String percent(BigDecimal value) {
        return value == null ? "—" : value.toPlainString().replace('.', ',') + " %";
    }

    static String number(BigDecimal value) {
        return value == null ? "—" : value.toPlainString().replace('.', ',');
    }
}
