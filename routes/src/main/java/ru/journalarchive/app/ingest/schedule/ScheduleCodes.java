package ru.journalarchive.app.ingest.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the codes of a {@code Schedule} document become the school's (application.yml,
 * {@code journal-archive.ingest.schedule}): attendance codes, and per score system each score to a
 * mark of the school's scale. An attendance code mapped to "" means present. The defaults are the
 * source's codes; {@code schools.<code>} adds or replaces entries for one school whose regional
 * system writes other codes. Codes compare ignoring case and surrounding spaces.
 */
@ConfigurationProperties("journal-archive.ingest.schedule")
public record ScheduleCodes(Map<String, String> attendanceCodes, Map<String, Map<String, String>> scoreSystems,
                            Map<String, Tables> schools) {

    public ScheduleCodes {
        attendanceCodes = attendanceCodes == null ? Map.of() : attendanceCodes;
        scoreSystems = scoreSystems == null ? Map.of() : scoreSystems;
        schools = schools == null ? Map.of() : schools;
    }

    /** One school's additions to the tables. */
    public record Tables(Map<String, String> attendanceCodes, Map<String, Map<String, String>> scoreSystems) {
        public Tables {
            attendanceCodes = attendanceCodes == null ? Map.of() : attendanceCodes;
            scoreSystems = scoreSystems == null ? Map.of() : scoreSystems;
        }
    }

    /** The tables that apply to a school: the defaults with the school's own entries over them. */
    public Codes forSchool(String school) {
        Tables own = schools.getOrDefault(school, new Tables(null, null));
        var attendance = new Table();
        attendanceCodes.forEach(attendance::put);
        own.attendanceCodes().forEach(attendance::put);
        var systems = new LinkedHashMap<String, Table>();
        var systemNames = new LinkedHashMap<String, String>();
        for (var source : List.of(scoreSystems, own.scoreSystems())) {
            source.forEach((system, scores) -> {
                systemNames.putIfAbsent(key(system), system.strip());
                Table table = systems.computeIfAbsent(key(system), k -> new Table());
                scores.forEach(table::put);
            });
        }
        return new Codes(attendance, systems, String.join(", ", systemNames.values()));
    }

    static String key(String code) {
        return code == null ? null : code.strip().toLowerCase(Locale.ROOT);
    }

    /** A mapping table that remembers the codes as configured, to name them in messages. */
    static final class Table {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> names = new LinkedHashMap<>();

        void put(String code, String value) {
            values.put(key(code), value == null ? "" : value.strip());
            names.put(key(code), code.strip());
        }

        /** The school's value of a source code, "" for "present", null when the code is not in the table. */
        String get(String code) {
            return code == null ? null : values.get(key(code));
        }

        String known() {
            return String.join(", ", names.values());
        }
    }

    /** The resolved tables of one school. */
    public static final class Codes {
        private final Table attendance;
        private final Map<String, Table> systems;
        private final String systemNames;

        Codes(Table attendance, Map<String, Table> systems, String systemNames) {
            this.attendance = attendance;
            this.systems = systems;
            this.systemNames = systemNames;
        }

        /** Our attendance code for the source's, "" when it means present, null when unknown. */
        String attendance(String code) {
            return attendance.get(code);
        }

        /** The source's attendance codes, as configured. */
        String attendanceCodes() {
            return attendance.known();
        }

        /** The table of a score system, null when the system is unknown. */
        Table system(String name) {
            return name == null ? null : systems.get(key(name));
        }

        /** The score systems, as configured. */
        String systems() {
            return systemNames;
        }
    }
}
