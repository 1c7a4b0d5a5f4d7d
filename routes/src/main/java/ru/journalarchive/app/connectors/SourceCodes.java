package ru.journalarchive.app.connectors;

import java.util.HashMap;
import java.util.Map;

/**
 * A source's code tables: the kind's defaults (application.yml) with the source's own mappings over
 * them. A code found in neither is an error naming the code and the table to add it to: a record is
 * never dropped silently.
 */
public final class SourceCodes {

    private final Map<String, String> workTypes;
    private final Map<String, String> attendance;
    private final Map<String, String> marks;
    private final Map<String, String> periodTypes;
    private final Map<String, String> finalKinds;

    public SourceCodes(ConnectorsProperties.CodeTables defaults, ConnectorSource.Mappings own) {
        var d = defaults == null ? new ConnectorsProperties.CodeTables(null, null, null, null, null) : defaults;
        var o = own == null ? ConnectorSource.Mappings.none() : own;
        workTypes = merge(d.workTypes(), o.workTypes());
        attendance = merge(d.attendance(), o.attendance());
        marks = merge(d.marks(), o.marks());
        periodTypes = merge(d.periodTypes(), o.periodTypes());
        finalKinds = merge(d.finalKinds(), o.finalKinds());
    }

    private static Map<String, String> merge(Map<String, String> defaults, Map<String, String> own) {
        var m = new HashMap<String, String>(defaults);
        m.putAll(own);
        return m;
    }

    /** The work type of the school for a source's work type, by its title or else its abbreviation. */
    public String workType(String title, String abbreviation, String sourceId) {
        if (title != null && workTypes.containsKey(title)) return workTypes.get(title);
        if (abbreviation != null && workTypes.containsKey(abbreviation)) return workTypes.get(abbreviation);
        throw new SourceException("Неизвестный вид работы «" + title + "»" + (abbreviation == null ? "" : " («" + abbreviation + "»)")
                + " (id " + sourceId + "): добавьте его в таблицу соответствия источника (mappings.workTypes)");
    }

    /** The attendance code for a source's status; empty: present, nothing to record. */
    public String attendance(String status) {
        String code = attendance.get(status);
        if (code == null) throw new SourceException("Неизвестный статус посещаемости «" + status
                + "»: добавьте его в таблицу соответствия источника (mappings.attendance)");
        return code;
    }

    public String mark(String value, String where) {
        String mark = marks.get(value);
        if (mark == null) throw new SourceException("Неизвестное значение отметки «" + value + "» (" + where
                + "): добавьте его в таблицу соответствия источника (mappings.marks)");
        return mark;
    }

    public String periodType(String type) {
        String kind = periodTypes.get(type);
        if (kind == null) throw new SourceException("Неизвестный тип отчётного периода «" + type
                + "»: добавьте его в таблицу соответствия источника (mappings.periodTypes)");
        return kind;
    }

    public String finalKind(String kind, String name) {
        String k = finalKinds.get(kind);
        if (k == null) k = finalKinds.get(name);
        if (k == null) throw new SourceException("Неизвестный вид итоговой отметки «" + name + "» (" + kind
                + "): добавьте его в таблицу соответствия источника (mappings.finalKinds)");
        return k;
    }
}
