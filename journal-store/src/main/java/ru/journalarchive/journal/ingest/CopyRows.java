package ru.journalarchive.journal.ingest;

import java.math.BigDecimal;
import java.util.List;

/** Renders rows in PostgreSQL's COPY text format. */
final class CopyRows {

    private CopyRows() {}

    static String render(List<Object[]> rows) {
        var out = new StringBuilder(rows.size() * 96);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) out.append('\t');
                appendValue(out, row[i]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }
}
