package ru.journalarchive.app.web.archive;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.app.web.director.SigningQueuePage;
import ru.journalarchive.reports.engine.RussianWords;

/** How the archive's pages write the catalogue's values in Russian: kinds, school years, dates, sizes, retention. */
final class ArchiveWords {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private ArchiveWords() {}

    /** «Сводная ведомость» for "summary-ledger"; an unknown kind as it is. */
    static String kind(String code) {
        return Arrays.stream(DocumentKind.values()).filter(k -> k.code().equals(code)).findFirst()
                .map(SigningQueuePage::kindName).orElse(code);
    }

    /** "2025" → «2025/26»; anything else as it is. */
    static String schoolYear(String year) {
        if (year == null || !year.matches("\\d{4}")) return year;
        int start = Integer.parseInt(year);
        return start + "/" + String.format("%02d", (start + 1) % 100);
    }

    static String date(Instant at, ZoneId zone) {
        return at == null ? "" : DATE.format(at.atZone(zone));
    }

    static String date(ZonedDateTime at, ZoneId zone) {
        return at == null ? "" : DATE.format(at.withZoneSameInstant(zone));
    }

    static String dateTime(Instant at, ZoneId zone) {
        return at == null ? "" : DATE_TIME.format(at.atZone(zone));
    }

    static String dateTimeSeconds(Instant at, ZoneId zone) {
        return at == null ? "" : DATE_TIME_SECONDS.format(at.atZone(zone));
    }

    /** «1 документ», «3 документа», «25 документов». */
    static String documents(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n).replace(',', '\u00a0') + " " + RussianWords.plural((int) (n % 1000), "документ", "документа", "документов");
    }

    /** «245 КБ (250 880 байт)». */
    static String size(long bytes) {
        String exact = String.format(java.util.Locale.ROOT, "%,d", bytes).replace(',', '\u00a0') + " " + RussianWords.plural((int) (bytes % 1000), "байт", "байта", "байт");
        if (bytes < 1024) return exact;
        String rounded = bytes < 1024 * 1024 ? Math.round(bytes / 1024.0) + " КБ" : String.format(java.util.Locale.ROOT, "%.1f МБ", bytes / 1048576.0).replace('.', ',');
        return rounded + " (" + exact + ")";
    }

    /** What the retention mode means for the document. */
    static String retentionMode(String mode) {
        return switch (mode) {
            case "COMPLIANCE" -> "строгая блокировка (COMPLIANCE): срок не может сократить никто, даже администратор хранилища";
            case "GOVERNANCE" -> "управляемая блокировка (GOVERNANCE): срок может сократить только администратор с особым правом";
            default -> mode;
        };
    }

    /** What a file of the package is. */
    static String file(String name) {
        return switch (name) {
            case "document.pdf" -> "Документ (PDF/A с электронной подписью)";
            case "document.pdf.sig" -> "Открепленная подпись (CAdES)";
            case "data.json" -> "Данные документа (JSON)";
            default -> name;
        };
    }
}
