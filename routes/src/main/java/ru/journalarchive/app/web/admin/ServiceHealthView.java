package ru.journalarchive.app.web.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The service's health as the administrator's page shows it, in Russian: what the actuator's health endpoint
 * reports (the same indicators as /actuator/health: database, S3 archive with object lock, TSA, evidence records).
 */
@Component
public class ServiceHealthView {

    public record Part(String id, String title, String state, String stateClass, List<String> details) {}

    public record View(String state, String stateClass, List<Part> parts) {}

    private final HealthEndpoint health;
    private final AdminTimes times;

    public ServiceHealthView(HealthEndpoint health, AdminTimes times) {
        this.health = health;
        this.times = times;
    }

    public View now() {
        HealthComponent all = health.health();
        Map<String, HealthComponent> components = all instanceof CompositeHealth c ? c.getComponents() : Map.of();
        var parts = new ArrayList<Part>();
        parts.add(part("db", "База данных (PostgreSQL)", components, this::database));
        parts.add(part("archive", "Хранилище S3: архив с блокировкой объектов", components, this::archive));
        parts.add(part("tsa", "Служба штампов времени (TSA)", components, this::tsa));
        parts.add(part("evidence", "Доказательства хранения (RFC 4998)", components, this::evidence));
        parts.add(part("diskSpace", "Место на диске сервера", components, this::disk));
        return new View(state(all.getStatus()), stateClass(all.getStatus()), parts);
    }

    private interface Describe {
        List<String> details(Map<String, Object> details);
    }

    private Part part(String id, String title, Map<String, HealthComponent> components, Describe describe) {
        HealthComponent component = components.get(id);
        if (component == null) return new Part(id, title, "не проверяется", "unknown", List.of("Проверка не настроена."));
        Map<String, Object> details = component instanceof Health h ? h.getDetails() : Map.of();
        var lines = new ArrayList<String>();
        if (details.get("error") != null) lines.add("Ошибка: " + details.get("error"));
        lines.addAll(describe.details(details));
        return new Part(id, title, state(component.getStatus()), stateClass(component.getStatus()), lines);
    }

    private List<String> database(Map<String, Object> d) {
        return d.get("database") == null ? List.of() : List.of("СУБД: " + d.get("database") + ", соединение проверено.");
    }

    private List<String> archive(Map<String, Object> d) {
        return Boolean.TRUE.equals(d.get("objectLock")) ? List.of("S3 отвечает, блокировка объектов (object lock) у архива включена.")
                : List.of();
    }

    private List<String> tsa(Map<String, Object> d) {
        if (d.get("tsa") != null) return List.of("Не настроена: подписи ставятся без штампа времени.");
        return d.get("time") == null ? List.of() : List.of("Штамп времени получен, время службы: " + time(d.get("time")) + ".");
    }

    private List<String> evidence(Map<String, Object> d) {
        var lines = new ArrayList<String>();
        if (d.get("uncoveredDocuments") != null) lines.add("Пакетов ещё без доказательства хранения: " + d.get("uncoveredDocuments") + ".");
        if (d.get("nearestRenewalDeadline") != null) lines.add("Ближайший срок обновления: " + time(d.get("nearestRenewalDeadline"))
                + (Boolean.TRUE.equals(d.get("renewalOverdue")) ? " — срок прошёл, доказательство нужно обновить." : "."));
        return lines;
    }

    private List<String> disk(Map<String, Object> d) {
        if (!(d.get("free") instanceof Number free) || !(d.get("total") instanceof Number total)) return List.of();
        return List.of("Свободно " + gigabytes(free) + " из " + gigabytes(total) + ".");
    }

    private String time(Object iso) {
        try {
            return times.format(Instant.parse(iso.toString()));
        } catch (java.time.format.DateTimeParseException e) {
            return iso.toString();
        }
    }

    private static String gigabytes(Number bytes) {
        return String.format(java.util.Locale.forLanguageTag("ru"), "%.1f ГБ", bytes.doubleValue() / (1L << 30));
    }

    static String state(Status status) {
        return switch (status.getCode()) {
            case "UP" -> "работает";
            case "DOWN" -> "не работает";
            case "OUT_OF_SERVICE" -> "выведено из работы";
            default -> "состояние неизвестно";
        };
    }

    static String stateClass(Status status) {
        return switch (status.getCode()) {
            case "UP" -> "up";
            case "DOWN", "OUT_OF_SERVICE" -> "down";
            default -> "unknown";
        };
    }
}
